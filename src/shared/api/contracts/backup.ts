import { z } from 'zod';
import type { BackupKind } from '../../domain/backup-names';
import { out, type ContractTable } from './helpers';

export { BACKUP_KINDS, type BackupKind } from '../../domain/backup-names';

/** Automatic backups kept (one a day), beside the shop file and in the owner's folder alike; the owner's own and those made before a restore are never pruned. */
export const AUTO_KEPT = 14;

/** Days without a copy off the PC after which the owner is warned (the USB key left unplugged). */
export const OFF_PC_STALE_DAYS = 3;

/** One backup, beside the shop file, in the owner's folder (a USB key), or both. */
export interface BackupInfo {
  /** The file's name (what `backup.restore` takes). */
  file: string;
  kind: BackupKind;
  /** When it was made (ISO). */
  at: string;
  bytes: number;
  /** In the backups folder beside the shop file, on this PC. */
  onPc: boolean;
  /** In the owner's folder (a USB key, a shared drive): what is left when this PC dies. */
  inFolder: boolean;
  /** Made by another shop whose PC copies to the same folder: not restored over this shop's sales. */
  otherShop: boolean;
}

/**
 * Why a copy to the owner's folder failed: `missing`, the folder is not there (the USB key is not
 * plugged in); `full`, no space left on it; `unwritable`, it may not be written (a locked SD card, no
 * rights); `failed`, anything else (`message` says it, in the system's words).
 */
export interface CopyError {
  folder: string;
  problem: 'missing' | 'full' | 'unwritable' | 'failed';
  message: string;
}

export interface BackupMade extends Omit<BackupInfo, 'onPc' | 'inFolder' | 'otherShop'> {
  /** Where the copy for safekeeping went (the owner's folder: a USB key, a shared drive), null without one. */
  copiedTo: string | null;
  /** Why that copy failed, null when it did not. */
  copyError: CopyError | null;
}

/** Why a backup could not be made: the disk is full, or the folder cannot be written. */
export type BackupFailureCause = 'backup_disk_full' | 'backup_folder_unwritable' | 'backup_failed';

/**
 * Why a restore was not done: its request or its backup could not be read; the backup was no shop file
 * this version can open when the restart came (`backup_unusable`); the shop file could not be replaced;
 * or the restored file could not be opened or migrated at the start, and the file it replaced was put
 * back (`restore_unopenable`).
 */
export type RestoreFailureCause = 'request_unreadable' | 'backup_missing' | 'backup_unusable' | 'restore_unopenable' | BackupFailureCause;

/**
 * Whether the shop's data is safe, in what the owner needs to know: the last backup, the last copy
 * off this PC and what went wrong since, and what became of the last restore.
 */
export interface BackupStatus {
  /** The owner's folder for copies, '' when none is set. */
  folder: string;
  /** The newest backup on this PC. */
  lastBackup: { file: string; at: string } | null;
  /** The last backup that failed, when none was made since. */
  failure: { at: string; cause: BackupFailureCause; folder: string; freeBytes: number | null } | null;
  /** The last backup copied to the owner's folder. */
  lastCopy: { file: string; at: string; to: string } | null;
  /** The copies that failed since the last one that worked: how many, and the latest one's reason. */
  copyFailures: { count: number; at: string; error: CopyError } | null;
  /** The last restore asked for, carried out (done) or not (with why). */
  lastRestore: { at: string; file: string; done: boolean; cause: RestoreFailureCause | null } | null;
  /**
   * The restore waiting for the next start, null when none: the backup (its file and its date) and when
   * it was asked for. Always given by main; optional for statuses built elsewhere (tests).
   */
  pendingRestore?: { file: string; at: string; requestedAt: string } | null;
  /**
   * Whether a restore keeps this file's users and PINs (false for a blank shop, no product and no sale:
   * a new PC takes the backup's). Always given by main.
   */
  restoreKeepsUsers?: boolean;
}

/**
 * A backup is a checked copy of the shop file, made by SQLite while the shop goes on selling. One is
 * made automatically each day; the owner may also make one at any time, and copy each to a folder of
 * their choice (a USB key). Restoring replaces the shop file with a backup at the next start, keeping
 * the file it replaces as a backup first; a backup only on the USB key (a new PC) is brought in first.
 */
export const backupContract = {
  'backup.list': { input: z.object({}).default({}), output: out<BackupInfo[]>(), role: 'manager' },
  'backup.status': { input: z.object({}).default({}), output: out<BackupStatus>(), role: 'manager' },
  'backup.create': { input: z.object({}).default({}), output: out<BackupMade>(), role: 'manager' },
  'backup.restore': {
    input: z.object({ file: z.string().trim().min(1, { error: 'required' }).max(200) }),
    output: out<{ file: string; at: string; restartNeeded: true }>(),
    role: 'owner',
  },
  /** The restore waiting for the next start is called off: the shop file stays as it is. */
  'backup.cancelRestore': { input: z.object({}).default({}), output: out<{ file: string }>(), role: 'owner' },
} as const satisfies ContractTable;

export interface BackupEvents {
  /** A restore waits for the next start: the desktop app restarts itself; the browser mode asks for a restart. */
  'backup.restorePending': { file: string };
  /** The automatic backup, or its copy to the owner's folder, failed: said at once, not only in the log. */
  'backup.failed': { copy: CopyError | null; cause: BackupFailureCause | null; folder: string; freeBytes: number | null };
}
