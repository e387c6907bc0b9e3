import { copyFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AUTO_KEPT, type CopyError } from '../../../shared/api/contracts/backup';
import { parseBackupName, type BackupKind } from '../../../shared/domain/backup-names';
import type { Logger } from '../../logger';
import { failureCause } from './failure';

const COPY_PROBLEM = { backup_disk_full: 'full', backup_folder_unwritable: 'unwritable', backup_failed: 'failed' } as const;

/** A backup file found in a folder, by its name. */
export interface FoundBackup {
  file: string;
  kind: BackupKind;
  at: string;
  /** The tag of the shop it is from; null for a backup made before tags. */
  shop: string | null;
  bytes: number;
}

/**
 * Whether `folder` is there. Asynchronous, as everything that touches the owner's folder: a shared
 * drive whose PC is off can take the network's time-out to answer, and the till must not wait for it.
 */
export const folderIsThere = (folder: string): Promise<boolean> =>
  stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** The backups in `folder`, newest first; none when the folder is not there (an unplugged USB key) or cannot be read. */
export async function backupsIn(folder: string): Promise<FoundBackup[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const out: FoundBackup[] = [];
  for (const file of names) {
    const parsed = parseBackupName(file);
    if (!parsed) continue;
    try {
      out.push({ file, ...parsed, bytes: (await stat(join(folder, file))).size });
    } catch {
      // removed between the listing and the stat: not there
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Keeps AUTO_KEPT automatic backups in `folder` among those `ours` says are this shop's: `made`,
 * whatever its date (see BackupService.prune), and the newest others by the date in their names;
 * `spare` is never removed.
 */
export async function pruneAutos(folder: string, made: string, spare: string | null, ours: (b: FoundBackup) => boolean): Promise<void> {
  const others = (await backupsIn(folder)).filter((b) => b.kind === 'auto' && b.file !== made && b.file !== spare && ours(b));
  for (const old of others.slice(AUTO_KEPT - 1)) await rm(join(folder, old.file), { force: true });
}

/**
 * Copies a backup into the owner's folder (a USB key, a shared drive), under a temporary name until
 * it is whole, then rotates this shop's automatic ones there as beside the shop file: a key that is never
 * pruned fills up, and from then on no copy leaves the PC. A key that is not there, or full, is said,
 * not thrown: the backup on the PC is made either way. Off the main thread (fs promises): a shop file
 * of a few hundred MB onto a slow key takes seconds, and the till must keep taking scans meanwhile.
 */
export async function copyToFolder(source: string, folder: string, logger: Logger): Promise<{ copiedTo: string | null; copyError: CopyError | null }> {
  // another shop's PC may copy to the same key: only this shop's automatic backups are rotated there
  const shop = parseBackupName(basename(source))?.shop ?? null;
  const target = join(folder, basename(source));
  try {
    if (!(await folderIsThere(folder))) return { copiedTo: null, copyError: { folder, problem: 'missing', message: `${folder} is not there (is the USB key plugged in?)` } };
    await copyFile(source, `${target}.partial`);
    await rename(`${target}.partial`, target);
  } catch (error) {
    await rm(`${target}.partial`, { force: true }).catch(() => undefined);
    return { copiedTo: null, copyError: { folder, problem: COPY_PROBLEM[failureCause(error)], message: (error as Error).message } };
  }
  if (parseBackupName(basename(source))?.kind === 'auto') {
    try {
      await pruneAutos(folder, basename(source), null, (b) => b.shop === shop);
    } catch (error) {
      logger.warn('old automatic backups in the owner’s folder not pruned', { error: error as Error, folder });
    }
  }
  return { copiedTo: target, copyError: null };
}
