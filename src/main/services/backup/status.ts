import type Database from 'better-sqlite3';
import type { BackupFailureCause, BackupStatus, CopyError, RestoreFailureCause } from '../../../shared/api/contracts/backup';

interface AuditRow {
  at: string;
  action: string;
  file: string;
  detail: string;
}

type Made = { copiedTo?: string | null; copyError?: CopyError | null };
type Failed = { cause?: BackupFailureCause; folder?: string; freeBytes?: number | null };
type Restore = { cause?: RestoreFailureCause };

/** Rows read back: a year of daily backups with their copies and a few failures a day is well within. */
const LOOKBACK = 2000;

/**
 * What the audit says of the backups since the last that worked: the audit already holds each backup
 * made (with where its copy went or why not), each that failed and each restore's outcome, in order.
 */
export function backupHistory(sqlite: Database.Database, folder: string): Pick<BackupStatus, 'failure' | 'lastCopy' | 'copyFailures' | 'lastRestore'> {
  const rows = sqlite
    .prepare(
      `SELECT at, action, entity_id AS file, detail FROM audit
       WHERE entity = 'backup' AND action IN ('create', 'backup_failed', 'restored', 'restore_failed')
       ORDER BY id DESC LIMIT ${LOOKBACK}`,
    )
    .all() as AuditRow[];
  let failure: BackupStatus['failure'] = null;
  let lastCopy: BackupStatus['lastCopy'] = null;
  const copies: { count: number; at: string; error: CopyError | null } = { count: 0, at: '', error: null };
  let lastRestore: BackupStatus['lastRestore'] = null;
  let madeSince = false;
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as Made & Failed & Restore;
    if (row.action === 'backup_failed') {
      if (!madeSince && failure === null) failure = { at: row.at, cause: detail.cause ?? 'backup_failed', folder: detail.folder ?? '', freeBytes: detail.freeBytes ?? null };
    } else if (row.action === 'create') {
      madeSince = true;
      if (lastCopy !== null) continue;
      if (detail.copiedTo) lastCopy = { file: row.file, at: row.at, to: detail.copiedTo };
      // failures to copy into a folder the owner has since changed are no longer this folder's
      else if (detail.copyError && detail.copyError.folder === folder) {
        copies.count += 1;
        if (copies.error === null) Object.assign(copies, { at: row.at, error: detail.copyError });
      }
    } else if (lastRestore === null) {
      lastRestore = { at: row.at, file: row.file, done: row.action === 'restored', cause: row.action === 'restored' ? null : (detail.cause ?? 'backup_failed') };
    }
  }
  const copyFailures = folder && copies.error ? { count: copies.count, at: copies.at, error: copies.error } : null;
  return { failure, lastCopy, copyFailures, lastRestore };
}
