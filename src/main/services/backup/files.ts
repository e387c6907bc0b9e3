import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const backupFolderOf = (dbPath: string): string => join(dirname(dbPath), 'backups');
export const restoreMarkerOf = (dbPath: string): string => join(dirname(dbPath), 'restore-pending.json');

/** A restore the owner asked for, carried out when the shop file is next opened. */
export interface RestoreMarker {
  file: string;
  requestedAt: string;
  by: number;
}

/** The restore asked for, null when none; throws when the request cannot be read. */
export function readRestoreMarker(dbPath: string): RestoreMarker | null {
  const path = restoreMarkerOf(dbPath);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RestoreMarker) : null;
}

/**
 * A restore swapped in but not yet opened (see applyPendingRestore): the shop file it replaced waits
 * beside it, under `setAsideOf`, until the restored file has opened, migrated and recorded its outcome.
 */
export interface RestoreSwap extends RestoreMarker {
  savedAs: string | null;
  /** Whether there was a shop file to set aside (a new PC may have none). */
  replaced: boolean;
}

export const restoreSwapOf = (dbPath: string): string => join(dirname(dbPath), 'restore-swapped.json');
/** Where the shop file a restore replaces waits until the restored one has opened. */
export const setAsideOf = (dbPath: string): string => `${dbPath}.replaced`;

export function readRestoreSwap(dbPath: string): RestoreSwap | null {
  const path = restoreSwapOf(dbPath);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RestoreSwap) : null;
}

/** Written whole or not at all: a start cut off while writing it must not leave half a record. */
export function writeRestoreSwap(dbPath: string, swap: RestoreSwap): void {
  const path = restoreSwapOf(dbPath);
  writeFileSync(`${path}.partial`, JSON.stringify(swap));
  renameSync(`${path}.partial`, path);
}

/**
 * What a backup file holds, read without changing it: its schema version, and whether SQLite finds it
 * sound. Null when it is no SQLite file at all or not a shop's.
 */
export function inspectShopFile(file: string): { schema: number; sound: boolean } | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const schema = db.pragma('user_version', { simple: true }) as number;
    const sound = (db.pragma('quick_check', { simple: true }) as string) === 'ok';
    // a shop file has its ledger; a stranger's SQLite file does not
    db.prepare('SELECT count(*) FROM movements').get();
    return { schema, sound };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Copies the shop file at `source` to `file` with SQLite's online backup, on a read-only connection of
 * its own, then seals the copy (sealShopFile). Run on a worker thread: the copy of a big shop writes
 * hundreds of MB and its last step waits for the disk (276 ms of the main thread for a third-year shop
 * here, seconds on a slow disk), and the till must not wait with it. In WAL mode the connection reads one
 * moment of the shop while the till goes on writing; a write between two steps makes SQLite start the
 * copy again, so every page after the first step goes in one step. False when the copy is not sound.
 */
export async function copyShopFile(source: string, file: string): Promise<boolean> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(file, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  return sealShopFile(file);
}

/**
 * Turns a fresh copy into a stand-alone file: out of WAL mode (a copy of a WAL database says WAL in its
 * header, so merely opening it would leave -wal and -shm files beside it), then checked like any
 * backup. False when the copy is not sound.
 */
export function sealShopFile(file: string): boolean {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  return inspectShopFile(file)?.sound === true;
}
