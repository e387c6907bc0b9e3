import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { backupFolderOf, backupName, inspectShopFile, restoreMarkerOf, sealShopFile } from './files';

/** A restore the owner asked for, carried out when the shop file is next opened. */
export interface RestoreMarker {
  file: string;
  requestedAt: string;
  by: number;
}

/**
 * Before the shop file is opened: when a restore is pending, the current file is first saved as a
 * `before-restore` backup (VACUUM INTO: one consistent copy, its WAL included), then the backup
 * takes its place. Any failure leaves the current file as it was, the marker removed and the reason
 * logged: the shop opens on what it had. Returns what was restored, null when nothing was.
 */
export function applyPendingRestore(dbPath: string, logger: Logger, now: () => Date = () => new Date()): { restored: string; savedAs: string | null } | null {
  const markerPath = restoreMarkerOf(dbPath);
  if (!existsSync(markerPath)) return null;
  let marker: RestoreMarker;
  try {
    marker = JSON.parse(readFileSync(markerPath, 'utf8')) as RestoreMarker;
  } catch (error) {
    logger.error('restore not done: unreadable request', { error: error as Error });
    rmSync(markerPath, { force: true });
    return null;
  }
  const folder = backupFolderOf(dbPath);
  const source = join(folder, marker.file);
  const incoming = `${dbPath}.restoring`;
  try {
    if (!inspectShopFile(source)?.sound) throw new Error(`${marker.file} is missing or damaged`);
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
    // the old file's journal must not be replayed into the restored one
    for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    renameSync(incoming, dbPath);
    logger.info('backup restored', { file: marker.file, savedAs, requestedAt: marker.requestedAt, by: marker.by });
    return { restored: marker.file, savedAs };
  } catch (error) {
    rmSync(incoming, { force: true });
    logger.error('restore not done: the shop file is unchanged', { error: error as Error, file: marker.file });
    return null;
  } finally {
    rmSync(markerPath, { force: true });
  }
}
