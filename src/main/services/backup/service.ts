import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AUTO_KEPT, type BackupInfo, type BackupMade } from '../../../shared/api/contracts/backup';
import { AppError, type ErrorCode } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { dayEndHour } from '../shop-day';
import type { ShopSettings } from '../../../shared/domain/settings';
import type { Logger } from '../../logger';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { inspectInWorker, sealInWorker } from './file-check';
import { backupFolderOf, backupName, parseBackupName, readRestoreMarker, restoreMarkerOf, type RestoreMarker } from './files';

/** A refusal the screen writes in the shop's language from its reason (err.reason.*); the message is for the log. */
function refuse(reason: string, code: ErrorCode, message: string, file: string): AppError {
  return new AppError(code, `file: ${message}`, 'file', { reason, file });
}

export interface BackupDeps extends ServiceDeps {
  dbPath: string;
  /** The schema version this Shelfcast writes: a backup from a newer one is not restored. */
  schemaVersion: number;
  settings: () => ShopSettings;
  logger: Logger;
}

/**
 * Backups of the shop file. SQLite's online backup copies it page by page while the till goes on
 * selling (every write the till makes meanwhile is either in the copy or after it, never half), then
 * the copy is opened and checked, on a worker thread, before it takes its final name: a backup that is listed is sound.
 */
export class BackupService {
  private running: Promise<BackupMade> | null = null;

  constructor(private readonly deps: BackupDeps) {}

  folder(): string {
    return backupFolderOf(this.deps.dbPath);
  }

  list(): BackupInfo[] {
    const dir = this.folder();
    if (!existsSync(dir)) return [];
    const out: BackupInfo[] = [];
    for (const file of readdirSync(dir)) {
      const parsed = parseBackupName(file);
      if (!parsed) continue;
      out.push({ file, ...parsed, bytes: statSync(join(dir, file)).size });
    }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Makes a backup now; one at a time (a second request while one runs is refused, not queued). */
  create(kind: 'auto' | 'manual', actor: Actor | null): Promise<BackupMade> {
    if (this.running) throw refuse('backup_busy', 'conflict', 'a backup is already being made', '');
    const run = this.make(kind, actor).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  /** The day's automatic backup, when the shop has none dated today yet (at start, then hourly). */
  async autoIfDue(): Promise<BackupMade | null> {
    const hour = dayEndHour(this.deps.store.sqlite);
    const today = businessDate(this.deps.now(), hour);
    if (this.running || this.list().some((b) => b.kind === 'auto' && businessDate(new Date(b.at), hour) === today)) return null;
    try {
      return await this.create('auto', null);
    } catch (error) {
      this.deps.logger.error('automatic backup failed', { error: error instanceof Error ? error : new Error(String(error)) });
      return null;
    }
  }

  private async make(kind: 'auto' | 'manual', actor: Actor | null): Promise<BackupMade> {
    const dir = this.folder();
    mkdirSync(dir, { recursive: true });
    const at = this.deps.now();
    const file = backupName(kind, at);
    const final = join(dir, file);
    const partial = `${final}.partial`;
    try {
      await this.deps.store.sqlite.backup(partial);
      if (!(await sealInWorker(partial))) throw new Error(`the copy ${basename(partial)} did not pass SQLite's check`);
      renameSync(partial, final);
    } finally {
      rmSync(partial, { force: true });
    }
    const bytes = statSync(final).size;
    const { copiedTo, copyError } = await this.copyOut(final);
    if (kind === 'auto') this.prune(file);
    new Journal(this.deps.store.sqlite).write(at.toISOString(), actor?.user.id ?? 0, 'create', 'backup', file, { kind, bytes, copiedTo, copyError });
    this.deps.logger.info('backup made', { file, bytes, copiedTo, copyError });
    return { file, kind, at: at.toISOString(), bytes, copiedTo, copyError };
  }

  /**
   * The copy for safekeeping in the owner's folder; a USB key that is not there is said, not thrown.
   * Copied off the main thread: a shop file of a few hundred MB onto a slow key takes seconds, and
   * the till must keep taking scans meanwhile.
   */
  private async copyOut(source: string): Promise<Pick<BackupMade, 'copiedTo' | 'copyError'>> {
    const folder = this.deps.settings().backupFolder.trim();
    if (!folder) return { copiedTo: null, copyError: null };
    const target = join(folder, basename(source));
    try {
      if (!existsSync(folder) || !statSync(folder).isDirectory()) return { copiedTo: null, copyError: { folder, missing: true, message: `${folder} is not there (is the USB key plugged in?)` } };
      await copyFile(source, `${target}.partial`);
      await rename(`${target}.partial`, target);
      return { copiedTo: target, copyError: null };
    } catch (error) {
      await rm(`${target}.partial`, { force: true }).catch(() => undefined);
      return { copiedTo: null, copyError: { folder, missing: false, message: (error as Error).message } };
    }
  }

  /**
   * Keeps AUTO_KEPT automatic backups: the one just made, whatever its date, and the newest others by
   * the date in their names. After the clock jumped back the new one is dated before all the others;
   * ranking by mtime would not help (it comes from the same clock). While the clock stays wrong, the
   * ones kept beside the newest are those from before the jump. The backup the owner chose to restore
   * at the next start is never removed.
   */
  private prune(made: string): void {
    const pending = this.pendingRestore();
    const others = this.list().filter((b) => b.kind === 'auto' && b.file !== made && b.file !== pending);
    for (const old of others.slice(AUTO_KEPT - 1)) rmSync(join(this.folder(), old.file), { force: true });
  }

  /** The file named by the restore-pending marker, null when none (or unreadable: the restore then fails anyway). */
  private pendingRestore(): string | null {
    try {
      return readRestoreMarker(this.deps.dbPath)?.file ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Asks for `file` to replace the shop file at the next start (the open file cannot be swapped under
   * the till): checked now, so a damaged or newer backup is refused before anything is promised.
   */
  async requestRestore(file: string, actor: Actor): Promise<{ file: string; at: string; restartNeeded: true }> {
    const parsed = basename(file) === file ? parseBackupName(file) : null;
    const path = join(this.folder(), file);
    if (!parsed || !existsSync(path)) throw refuse('backup_unknown_file', 'not_found', 'no backup by that name in the backups folder', file);
    const seen = await inspectInWorker(path);
    if (!seen?.sound) throw refuse('backup_unreadable', 'validation', 'this backup is damaged or is not a Shelfcast shop file', file);
    if (seen.schema > this.deps.schemaVersion) throw refuse('backup_newer', 'validation', 'this backup was made by a newer version of Shelfcast: update Shelfcast first', file);
    const at = this.deps.now().toISOString();
    const marker: RestoreMarker = { file, requestedAt: at, by: actor.user.id };
    mkdirSync(dirname(restoreMarkerOf(this.deps.dbPath)), { recursive: true });
    writeFileSync(restoreMarkerOf(this.deps.dbPath), JSON.stringify(marker));
    new Journal(this.deps.store.sqlite).write(at, actor.user.id, 'restore_requested', 'backup', file, { backupAt: parsed.at });
    return { file, at: parsed.at, restartNeeded: true };
  }
}
