import { z } from 'zod';
import { out, type ContractTable } from './helpers';

/** Automatic backups kept (one a day); the owner's own and those made before a restore are never pruned. */
export const AUTO_KEPT = 14;

export const BACKUP_KINDS = ['auto', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One copy of the shop file in the backups folder beside it. */
export interface BackupInfo {
  /** The file's name in the backups folder (what `backup.restore` takes). */
  file: string;
  kind: BackupKind;
  /** When it was made (ISO). */
  at: string;
  bytes: number;
}

export interface BackupMade extends BackupInfo {
  /** Where the copy for safekeeping went (the owner's folder: a USB key, a shared drive), null without one. */
  copiedTo: string | null;
  /** Why that copy failed, null when it did not: `missing`, the folder is not there (the USB key is not plugged in). */
  copyError: { folder: string; missing: boolean; message: string } | null;
}

/**
 * A backup is a checked copy of the shop file, made by SQLite while the shop goes on selling. One is
 * made automatically each day; the owner may also make one at any time, and copy each to a folder of
 * their choice (a USB key). Restoring replaces the shop file with a backup at the next start, keeping
 * the file it replaces as a backup first.
 */
export const backupContract = {
  'backup.list': { input: z.object({}).default({}), output: out<BackupInfo[]>(), role: 'manager' },
  'backup.create': { input: z.object({}).default({}), output: out<BackupMade>(), role: 'manager' },
  'backup.restore': {
    input: z.object({ file: z.string().trim().min(1, { error: 'required' }).max(200) }),
    output: out<{ file: string; at: string; restartNeeded: true }>(),
    role: 'owner',
  },
} as const satisfies ContractTable;

export interface BackupEvents {
  /** A restore waits for the next start: the desktop app restarts itself; the browser mode asks for a restart. */
  'backup.restorePending': { file: string };
}
