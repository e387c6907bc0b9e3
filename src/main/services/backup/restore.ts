import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RestoreFailureCause } from '../../../shared/api/contracts/backup';
import { backupName } from '../../../shared/domain/backup-names';
import { MACHINE_SETTINGS } from '../../../shared/domain/settings';
import { openStore, type Store } from '../../db/client';
import type { Logger } from '../../logger';
import { Journal } from '../audit/journal';
import { SyncState } from '../sync/state';
import { failureCause } from './failure';
import {
  backupFolderOf,
  inspectShopFile,
  readRestoreMarker,
  readRestoreSwap,
  restoreMarkerOf,
  restoreSwapOf,
  sealShopFile,
  setAsideOf,
  writeRestoreSwap,
  type RestoreMarker,
  type RestoreSwap,
} from './files';
import { shopFileProblem } from './shape';

/** What became of a pending restore, for the audit of the file that opens (recordRestoreOutcome). */
export type RestoreOutcome =
  | { done: true; file: string; savedAs: string | null; requestedAt: string; by: number; setup: MachineSetup | null }
  | { done: false; file: string; cause: RestoreFailureCause; reason: string; requestedAt: string | null; by: number };

/** A user as the shop file stores it, PIN hash included. */
export interface UserRow {
  id: number;
  name: string;
  role: string;
  pin_hash: string | null;
  active: number;
}

/**
 * What belongs to this PC rather than to the shop's history, read from the file a restore replaces:
 * its printer, its folder for backup copies and its central server. A backup from before they were
 * set (or from another PC) would otherwise turn the USB copies and the sync off, without a word.
 * With them, who may use the till: the users and their PINs as they are now.
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
  /**
   * The replaced file's users, PIN hashes and active flags, kept over the backup's: a cashier let go
   * since the backup must not get the till back, nor the owner's changed PIN go back to the old one.
   * Null when the replaced file was a blank shop (no product, no sale: a new PC about to take its shop
   * from the USB key), whose only user is the default owner: the backup's users are then the shop's.
   */
  users: UserRow[] | null;
}

const JOURNAL_FILES = ['-journal', '-wal', '-shm'];

/**
 * Moves a SQLite file and its journals (-journal, -wal, -shm) from one name to another: those left at
 * `to` first (they would be replayed into the file arriving), then the file, then its journals, which
 * belong to it and to nothing else. A move cut off after the file leaves its journals behind: see
 * resumeSwap, which knows whose they are.
 */
function moveShopFile(from: string, to: string): void {
  for (const suffix of JOURNAL_FILES) rmSync(`${to}${suffix}`, { force: true });
  renameSync(from, to);
  for (const suffix of JOURNAL_FILES) if (existsSync(`${from}${suffix}`)) renameSync(`${from}${suffix}`, `${to}${suffix}`);
}

/**
 * The shop file set aside by a swap, back under its name as it was: over the restored file when that
 * one is in its place; otherwise with the journals it left behind there, which are its own.
 */
function putBack(dbPath: string): void {
  const aside = setAsideOf(dbPath);
  if (!existsSync(aside)) return;
  if (existsSync(dbPath)) moveShopFile(aside, dbPath);
  else {
    renameSync(aside, dbPath);
    moveOrphanJournals(aside, dbPath);
  }
}

/** The journals left at `from` by a move cut off after the file, put beside the file they belong to at `to`. */
function moveOrphanJournals(from: string, to: string): void {
  for (const suffix of JOURNAL_FILES) if (existsSync(`${from}${suffix}`) && !existsSync(`${to}${suffix}`)) renameSync(`${from}${suffix}`, `${to}${suffix}`);
}

/**
 * Before the shop file is opened: when a restore is pending, the current file is first saved as a
 * `before-restore` backup (VACUUM INTO: one consistent copy, its WAL included), then the backup
 * takes its place and the current file is set aside, as it is, until the restored one has opened
 * (openAfterRestore puts it back when it does not). Any failure before that leaves the current file
 * as it was, the marker removed and the reason logged: the shop opens on what it had. Returns what
 * became of it, null when none was pending. `migrationsFolder` given, the backup is checked again as
 * requestRestore checked it (it may have been replaced since): a shop file this Shelfcast can migrate.
 */
export function applyPendingRestore(dbPath: string, logger: Logger, now: () => Date = () => new Date(), migrationsFolder?: string): RestoreOutcome | null {
  const markerPath = restoreMarkerOf(dbPath);
  const resumed = resumeSwap(dbPath, logger);
  if (resumed) return resumed;
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
  const problem = migrationsFolder ? shopFileProblem(source, migrationsFolder) : null;
  if (problem) {
    rmSync(markerPath, { force: true });
    logger.error('restore not done: the backup is no shop file this version can open; the shop file is unchanged', { file: marker.file, problem: problem.message });
    return { done: false, file: marker.file, cause: 'backup_unusable', reason: `${marker.file}: ${problem.message}`, requestedAt: marker.requestedAt, by: marker.by };
  }
  let swap: RestoreSwap | null = null;
  try {
    const replaced = existsSync(dbPath);
    let savedAs: string | null = null;
    if (replaced) {
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
    // recorded before the swap: a start cut off in the middle of it finds what to finish or undo (resumeSwap)
    swap = { file: marker.file, requestedAt: marker.requestedAt, by: marker.by, savedAs, replaced };
    writeRestoreSwap(dbPath, swap);
    // the current file, its journal with it, waits beside the restored one until that one has opened
    if (replaced) moveShopFile(dbPath, setAsideOf(dbPath));
    renameSync(incoming, dbPath);
    logger.info('backup restored; the file it replaced is kept until the restored one opens', { file: marker.file, savedAs, requestedAt: marker.requestedAt, by: marker.by });
    return swappedOutcome(dbPath, swap, logger);
  } catch (error) {
    // a swap that failed halfway is undone first (when that fails too, the next start takes it from the swap record)
    if (swap) {
      putBack(dbPath);
      rmSync(restoreSwapOf(dbPath), { force: true });
    }
    for (const suffix of ['', ...JOURNAL_FILES]) rmSync(`${incoming}${suffix}`, { force: true });
    logger.error('restore not done: the shop file is unchanged', { error: error as Error, file: marker.file });
    return { done: false, file: marker.file, cause: failureCause(error), reason: (error as Error).message, requestedAt: marker.requestedAt, by: marker.by };
  } finally {
    rmSync(markerPath, { force: true });
  }
}

/** A swapped-in restore, done as far as the files go: the setup of this PC read from the file set aside. */
function swappedOutcome(dbPath: string, swap: RestoreSwap, logger: Logger): RestoreOutcome {
  const setup = swap.replaced ? readMachineSetup(setAsideOf(dbPath), logger) : null;
  return { done: true, file: swap.file, savedAs: swap.savedAs, requestedAt: swap.requestedAt, by: swap.by, setup };
}

/**
 * A start cut off between a restore's swap and the restored file's first open (see openAfterRestore)
 * left a swap record: taken from where it stopped. A swap cut off halfway is finished, and the restored
 * file is opened as at any restore's first start. Not swapped in, either the swap had not begun (the
 * request is still there: the restore starts again from it) or the replaced file had been put back
 * (the restore failed). Without a swap record, a replaced file still set aside is that of a restore
 * that opened: it goes. Undefined when there is nothing to resume.
 */
function resumeSwap(dbPath: string, logger: Logger): RestoreOutcome | undefined {
  const aside = setAsideOf(dbPath);
  const incoming = `${dbPath}.restoring`;
  let swap: RestoreSwap | null;
  try {
    swap = readRestoreSwap(dbPath);
  } catch (error) {
    // unreadable: the file set aside, if any, is put back below, so that the shop is the one it was
    logger.error('restore swap record unreadable', { error: error as Error });
    swap = { file: '', requestedAt: '', by: 0, savedAs: null, replaced: existsSync(aside) };
  }
  if (!swap) {
    if (existsSync(aside)) {
      for (const suffix of [...JOURNAL_FILES, '']) rmSync(`${aside}${suffix}`, { force: true });
      logger.info('the file replaced by the last restore, kept until the restored one opened, removed');
    }
    return undefined;
  }
  // cut off between setting the shop file aside and its journals: they are the file set aside's
  if (existsSync(aside) && !existsSync(dbPath)) moveOrphanJournals(dbPath, aside);
  if (swap.file && (existsSync(aside) || !swap.replaced)) {
    if (!existsSync(dbPath) && existsSync(incoming)) renameSync(incoming, dbPath);
    if (existsSync(dbPath)) {
      logger.warn('a restore swapped in at the last start was not opened then: it is opened now', { file: swap.file });
      rmSync(restoreMarkerOf(dbPath), { force: true });
      return swappedOutcome(dbPath, swap, logger);
    }
  }
  // not swapped in: the file set aside, if any, is the shop's
  if (existsSync(aside)) putBack(dbPath);
  else if (swap.replaced) moveOrphanJournals(aside, dbPath);
  rmSync(restoreSwapOf(dbPath), { force: true });
  if (existsSync(restoreMarkerOf(dbPath))) return undefined;
  logger.error('a restore was being undone when Shelfcast stopped; the shop file it replaced is back', { file: swap.file });
  return { done: false, file: swap.file, cause: 'restore_unopenable', reason: 'a start was cut off while the restored file was being replaced by the one it had replaced', requestedAt: swap.requestedAt || null, by: swap.by };
}

/**
 * Opens the shop file at a start, after applyPendingRestore: migrated, with the outcome of the
 * restore in its audit. A restored file that cannot be opened or migrated (or take its outcome) is
 * replaced by the file it replaced, as it was, and the shop opens on that one, the failure and why
 * in its audit (restore_failed): nothing the shop had is lost, and the till starts. Only the restored
 * file having opened removes the file it replaced (its before-restore backup stays).
 */
export function openAfterRestore(dbPath: string, migrationsFolder: string, restore: RestoreOutcome | null, logger: Logger, now: () => Date): Store {
  if (!restore?.done) {
    const store = openStore(dbPath, migrationsFolder);
    if (restore) recordRestoreOutcome(store.sqlite, restore, now());
    return store;
  }
  let store: Store | null = null;
  try {
    store = openStore(dbPath, migrationsFolder);
    if (!alreadyRecorded(store.sqlite, restore)) recordRestoreOutcome(store.sqlite, restore, now());
  } catch (error) {
    try {
      store?.close();
    } catch (closeError) {
      logger.warn('the restored file did not close cleanly', { error: closeError as Error });
    }
    logger.error('the restored file could not be opened: the shop file it replaced is put back', { error: error as Error, file: restore.file });
    undoSwap(dbPath);
    const back = openStore(dbPath, migrationsFolder);
    const reason = `${restore.file} could not be opened: ${errorText(error)}`;
    recordRestoreOutcome(back.sqlite, { done: false, file: restore.file, cause: 'restore_unopenable', reason, requestedAt: restore.requestedAt, by: restore.by }, now());
    return back;
  }
  finishSwap(dbPath, logger);
  return store;
}

/** An error's message, with what caused it (drizzle wraps SQLite's own words in a cause: `index … already exists`). */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return cause && !message.includes(cause) ? `${message}: ${cause}` : message;
}

/** Whether a start cut off after the outcome was written (and before the swap was finished) wrote it already. */
function alreadyRecorded(sqlite: Database.Database, restore: RestoreOutcome & { done: true }): boolean {
  return (
    sqlite
      .prepare("SELECT 1 FROM audit WHERE entity = 'backup' AND action = 'restored' AND entity_id = ? AND json_extract(detail, '$.requestedAt') = ? LIMIT 1")
      .get(restore.file, restore.requestedAt) !== undefined
  );
}

/** The restored file failed: the file it replaced takes its place again, as it was, journals included. */
function undoSwap(dbPath: string): void {
  const swap = readRestoreSwap(dbPath);
  const aside = setAsideOf(dbPath);
  if (existsSync(aside)) putBack(dbPath);
  else if (swap && !swap.replaced) {
    // there was no shop file before (a new PC): none again, and the shop starts empty as it was
    for (const suffix of ['', ...JOURNAL_FILES]) rmSync(`${dbPath}${suffix}`, { force: true });
  } else throw new Error(`the shop file replaced by the restore is not at ${aside}: nothing put back`);
  rmSync(restoreSwapOf(dbPath), { force: true });
}

/** The restored file opened: its swap is over (the record first), and the file it replaced goes. */
function finishSwap(dbPath: string, logger: Logger): void {
  const aside = setAsideOf(dbPath);
  try {
    rmSync(restoreSwapOf(dbPath), { force: true });
    for (const suffix of [...JOURNAL_FILES, '']) rmSync(`${aside}${suffix}`, { force: true });
  } catch (error) {
    // left for the next start to remove (resumeSwap)
    logger.warn('the file replaced by the restore could not be removed yet', { error: error as Error });
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

/**
 * This PC's setup as the file being replaced (now set aside) holds it; null when that file cannot be
 * read (damaged). Read only: the file set aside must stay as it was, to be put back if need be.
 */
function readMachineSetup(file: string, logger: Logger): MachineSetup | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const keys = MACHINE_SETTINGS.map(() => '?').join(', ');
    const settings = db.prepare(`SELECT key, value FROM settings WHERE key IN (${keys})`).all(...MACHINE_SETTINGS) as MachineSetup['settings'];
    const hasSync = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get() !== undefined;
    const state = hasSync ? new SyncState(db) : null;
    const shopTag = hasSync ? ((db.prepare("SELECT value FROM sync_state WHERE key = 'shopTag'").pluck().get() as string | undefined) ?? null) : null;
    // a blank shop (a new PC, before its shop comes from the USB key) has only its default owner: the backup's users are the shop's
    const blank = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM sales)').pluck().get() === 1;
    const users = blank ? null : (db.prepare('SELECT id, name, role, pin_hash, active FROM users ORDER BY id').all() as UserRow[]);
    return { settings, sync: state && state.url() ? { url: state.url(), key: state.key() } : null, shopTag, users };
  } catch (error) {
    logger.warn('this PC’s printer, backup folder, server and users not read from the file being replaced', { error: error as Error });
    return null;
  } finally {
    db?.close();
  }
}

/**
 * The users of the file replaced, put into the restored one: each as it was (name, role, PIN, active),
 * by id. Users are never deleted, so today's are the backup's and those added since, and every user id
 * the restored history holds stays someone's. A user of the backup that today's file does not have
 * (a file restored from a backup older than them, then a newer backup restored) is kept for the
 * history that names them, but may no longer log in. Returns the ids that differ from the backup's.
 */
function carryUsers(sqlite: Database.Database, users: UserRow[]): { usersKept: number[]; usersDeactivated: number[] } {
  const before = new Map((sqlite.prepare('SELECT id, name, role, pin_hash, active FROM users').all() as UserRow[]).map((u) => [u.id, u]));
  const put = sqlite.prepare(
    `INSERT INTO users (id, name, role, pin_hash, active) VALUES (@id, @name, @role, @pin_hash, @active)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active`,
  );
  const usersKept: number[] = [];
  for (const u of users) {
    const was = before.get(u.id);
    if (was && was.name === u.name && was.role === u.role && was.pin_hash === u.pin_hash && was.active === u.active) continue;
    put.run(u);
    usersKept.push(u.id);
  }
  const today = new Set(users.map((u) => u.id));
  const usersDeactivated = [...before.values()].filter((u) => !today.has(u.id) && u.active === 1).map((u) => u.id);
  const off = sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?');
  for (const id of usersDeactivated) off.run(id);
  return { usersKept, usersDeactivated };
}

/**
 * After a restore, in the restored file (migrated, so its tables are those of this version): this
 * PC's setup as it was before, where it had been set; what it never set keeps the backup's. The users
 * and their PINs as they were before (see carryUsers), unless the file replaced was a blank shop.
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
    // said only when they differ from the backup's (who, not their PINs)
    const users = setup?.users ? carryUsers(sqlite, setup.users) : null;
    const told = {
      ...(users?.usersKept.length ? { usersKept: users.usersKept } : {}),
      ...(users?.usersDeactivated.length ? { usersDeactivated: users.usersDeactivated } : {}),
      ...(setup && !setup.users ? { usersFromBackup: true } : {}),
    };
    journal.write(at.toISOString(), by, 'restored', 'backup', file, { ...detail, keptFromThisPc: kept, ...told });
  })();
}
