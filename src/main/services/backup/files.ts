import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupKind } from '../../../shared/api/contracts/backup';

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

// shelfcast-auto-2026-11-22T09-30-05-123Z.db: the kind and the moment, with no character Windows refuses
const NAME = /^shelfcast-(auto|manual|before-restore)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/;

export function backupName(kind: BackupKind, at: Date): string {
  return `shelfcast-${kind}-${at.toISOString().replace(/:/g, '-').replace('.', '-')}.db`;
}

export function parseBackupName(file: string): { kind: BackupKind; at: string } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  return { kind: m[1] as BackupKind, at: `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z` };
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
