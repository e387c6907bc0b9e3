import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RestoreFailureCause } from '../../../shared/api/contracts/backup';
import { backupName } from '../../../shared/domain/backup-names';
import { MACHINE_SETTINGS } from '../../../shared/domain/settings';
import type { Logger } from '../../logger';
import { Journal } from '../audit/journal';
import { SyncState } from '../sync/state';
import { failureCause } from './failure';
import { backupFolderOf, inspectShopFile, readRestoreMarker, restoreMarkerOf, sealShopFile, type RestoreMarker } from './files';

/** What became of a pending restore, for the audit of the file that opens (recordRestoreOutcome). */
export type RestoreOutcome =
  | { done: true; file: string; savedAs: string | null; requestedAt: string; by: number; setup: MachineSetup | null }
  | { done: false; file: string; cause: RestoreFailureCause; reason: string; requestedAt: string | null; by: number };

/**
 * What belongs to this PC rather than to the shop's history, read from the file a restore replaces:
 * its printer, its folder for backup copies and its central server. A backup from before they were
 * set (or from another PC) would otherwise turn the USB copies and the sync off, without a word.
 */
export interface MachineSetup {
  /** Settings rows (key, JSON value) the replaced file had stored. */
  settings: { key: string; value: string }[];
  sync: { url: string; key: string | null } | null;
  /**
   * The replaced file's shop tag (see shop-tag.ts). A backup made before shops had tags gets it, so the
   * central server still knows the restored file as this shop's and does not refuse its token.
   */
  shopTag: string | null;
}

const JOURNAL_FILES = ['-journal', '-wal', '-shm'];

/**
 * Before the shop file is opened: when a restore is pending, the current file is first saved as a
 * `before-restore` backup (VACUUM INTO: one consistent copy, its WAL included), then the backup
 * takes its place. Any failure leaves the current file as it was, the marker removed and the reason
 * logged: the shop opens on what it had. Returns what became of it, null when none was pending.
 */
export function applyPendingRestore(dbPath: string, logger: Logger, now: () => Date = () => new Date()): RestoreOutcome | null {
  const markerPath = restoreMarkerOf(dbPath);
  let marker: RestoreMarker | null;
  try {
    marker = readRestoreMarker(dbPath);
  } catch (error) {
    logger.error('restore not done: unreadable request', { error: error as Error });
    rmSync(markerPath, { force: true });
    return { done: false, file: '', cause: 'request_unreadable', reason: 'the restore request could not be read', requestedAt: null, by: 0 };
  }
  if (!marker) return null;
  const folder = backupFolderOf(dbPath);
  const source = join(folder, marker.file);
  const incoming = `${dbPath}.restoring`;
  // a hot journal left by a start cut off while renewing the epoch must not be replayed into the new copy
  for (const suffix of JOURNAL_FILES) rmSync(`${incoming}${suffix}`, { force: true });
  if (!inspectShopFile(source)?.sound) {
    rmSync(markerPath, { force: true });
    logger.error('restore not done: the backup is missing or damaged; the shop file is unchanged', { file: marker.file });
    return { done: false, file: marker.file, cause: 'backup_missing', reason: `${marker.file} is missing or damaged`, requestedAt: marker.requestedAt, by: marker.by };
  }
  try {
    const setup = existsSync(dbPath) ? readMachineSetup(dbPath, logger) : null;
    let savedAs: string | null = null;
    if (existsSync(dbPath)) {
      mkdirSync(folder, { recursive: true });
      savedAs = backupName('before-restore', now());
      const saved = join(folder, savedAs);
      try {
        const current = new Database(dbPath, { fileMustExist: true });
        try {
          current.prepare('VACUUM INTO ?').run(saved);
        } finally {
          current.close();
        }
        if (!sealShopFile(saved)) throw new Error('the copy of the file being replaced fails its integrity check');
      } catch (error) {
        // a damaged file is when a restore is needed most: it is kept as it is, its journal beside it
        logger.warn('the file being replaced could not be copied cleanly; kept as it is', { error: error as Error });
        rmSync(saved, { force: true });
        copyFileSync(dbPath, saved);
        if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${saved}-wal`);
      }
    }
    copyFileSync(source, incoming);
    renewSyncEpoch(incoming);
    // the old file's journal must not be replayed into the restored one
    for (const suffix of JOURNAL_FILES) rmSync(`${dbPath}${suffix}`, { force: true });
    renameSync(incoming, dbPath);
    logger.info('backup restored', { file: marker.file, savedAs, requestedAt: marker.requestedAt, by: marker.by });
    return { done: true, file: marker.file, savedAs, requestedAt: marker.requestedAt, by: marker.by, setup };
  } catch (error) {
    for (const suffix of ['', ...JOURNAL_FILES]) rmSync(`${incoming}${suffix}`, { force: true });
    logger.error('restore not done: the shop file is unchanged', { error: error as Error, file: marker.file });
    return { done: false, file: marker.file, cause: failureCause(error), reason: (error as Error).message, requestedAt: marker.requestedAt, by: marker.by };
  } finally {
    rmSync(markerPath, { force: true });
  }
}

/**
 * The restored file gives its next ids again, so the central server must take this shop afresh (see
 * SyncState.newEpoch). Done in the copy before it takes the shop file's place: the swap and the new
 * epoch are one step, and a start cut off after the swap cannot push the restored file under the
 * old epoch. A backup from before sync has no sync_state yet: it gets a fresh epoch on first use.
 */
function renewSyncEpoch(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get()) new SyncState(db).newEpoch();
  } finally {
    db.close();
  }
}

/** This PC's setup as the file about to be replaced holds it; null when that file cannot be read (damaged). */
function readMachineSetup(dbPath: string, logger: Logger): MachineSetup | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const keys = MACHINE_SETTINGS.map(() => '?').join(', ');
    const settings = db.prepare(`SELECT key, value FROM settings WHERE key IN (${keys})`).all(...MACHINE_SETTINGS) as MachineSetup['settings'];
    const hasSync = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get() !== undefined;
    const state = hasSync ? new SyncState(db) : null;
    const shopTag = hasSync ? ((db.prepare("SELECT value FROM sync_state WHERE key = 'shopTag'").pluck().get() as string | undefined) ?? null) : null;
    return { settings, sync: state && state.url() ? { url: state.url(), key: state.key() } : null, shopTag };
  } catch (error) {
    logger.warn('this PC’s printer, backup folder and server not read from the file being replaced', { error: error as Error });
    return null;
  } finally {
    db?.close();
  }
}

/**
 * After a restore, in the restored file (migrated, so its tables are those of this version): this
 * PC's setup as it was before, where it had been set; what it never set keeps the backup's.
 * Then the outcome of the restore asked for, in the audit of the file that opened (the restored one when done).
 */
export function recordRestoreOutcome(sqlite: Database.Database, outcome: RestoreOutcome, at: Date): void {
  const journal = new Journal(sqlite);
  sqlite.transaction(() => {
    if (!outcome.done) {
      const { done: _done, file, by, ...detail } = outcome;
      journal.write(at.toISOString(), by, 'restore_failed', 'backup', file, detail);
      return;
    }
    const { done: _done, file, by, setup, ...detail } = outcome;
    const put = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const row of setup?.settings ?? []) put.run(row.key, row.value);
    if (setup?.sync) new SyncState(sqlite).setServer(setup.sync.url, setup.sync.key);
    const tagGiven = setup?.shopTag ? sqlite.prepare("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('shopTag', ?)").run(setup.shopTag).changes > 0 : false;
    const kept = [...(setup?.settings.map((r) => r.key) ?? []), ...(setup?.sync ? ['syncServer'] : []), ...(tagGiven ? ['shopTag'] : [])];
    journal.write(at.toISOString(), by, 'restored', 'backup', file, { ...detail, keptFromThisPc: kept });
  })();
}
