import { statfsSync } from 'node:fs';
import type { BackupFailureCause } from '../../../shared/api/contracts/backup';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM']);

/** Why writing into `folder` failed, in the words the owner can act on (free some space, pick another folder). */
export function failureCause(error: unknown): BackupFailureCause {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'backup_failed';
  if (DISK_FULL.has(code)) return 'backup_disk_full';
  return UNWRITABLE.has(code) ? 'backup_folder_unwritable' : 'backup_failed';
}

/** The space left for the user on the disk holding `folder`, null when it cannot be read. */
export function freeBytes(folder: string): number | null {
  try {
    const s = statfsSync(folder);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** The space left, in whole MB, for a refusal's text; '?' when it cannot be read. */
export function freeMb(free: number | null): number | '?' {
  return free === null ? '?' : Math.floor(free / (1024 * 1024));
}
