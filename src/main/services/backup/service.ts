import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BackupEvents, BackupFailureCause, BackupInfo, BackupMade, BackupStatus } from '../../../shared/api/contracts/backup';
import { AppError, type ErrorCode } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { dayEndHour } from '../shop-day';
import type { ShopSettings } from '../../../shared/domain/settings';
import type { Logger } from '../../logger';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { failureCause, freeBytes, freeMb } from './failure';
import { copyInWorker, inspectInWorker } from './file-check';
import { backupName, parseBackupName } from '../../../shared/domain/backup-names';
import { backupFolderOf, readRestoreMarker, restoreMarkerOf, type RestoreMarker } from './files';
import { backupsIn, copyToFolder, pruneAutos, type FoundBackup } from './owner-folder';
import { shopTag } from '../shop-tag';
import { backupHistory } from './status';
import { shopFileProblem, type ShapeProblem } from './shape';

/** A refusal the screen writes in the shop's language from its reason (err.reason.*); the message is for the log. */
function refuse(reason: string, code: ErrorCode, message: string, file: string, more: Record<string, string | number> = {}): AppError {
  return new AppError(code, `file: ${message}`, 'file', { reason, file, ...more });
}

export interface BackupDeps extends ServiceDeps {
  dbPath: string;
  /** The schema version this Shelfcast writes: a backup from a newer one is not restored. */
  schemaVersion: number;
  /** This Shelfcast's migrations: a backup is restored only when they can bring it up to date. */
  migrationsFolder: string;
  settings: () => ShopSettings;
  logger: Logger;
  /** An automatic backup, or its copy off the PC, failed: nobody asked for it, so nobody would know. */
  onFailure?: (failure: BackupEvents['backup.failed']) => void;
}

/**
 * Backups of the shop file. SQLite's online backup copies it on a worker thread, on a connection of its
 * own, while the till goes on selling (the copy is one moment of the shop: every write the till makes
 * meanwhile is either in it or after it, never half); the copy is then checked there before it takes
 * its final name: a backup that is listed is sound.
 */
export class BackupService {
  private running: Promise<BackupMade> | null = null;

  constructor(private readonly deps: BackupDeps) {}

  folder(): string {
    return backupFolderOf(this.deps.dbPath);
  }

  private ownerFolder(): string {
    return this.deps.settings().backupFolder.trim();
  }

  /** This shop's tag in its backups' names (see shopTag). */
  shopTag(): string {
    return shopTag(this.deps.store.sqlite);
  }

  /**
   * The backups on this PC and in the owner's folder (a USB key, when plugged in), newest first; those
   * of another shop that copies to the same key are marked.
   */
  async list(): Promise<BackupInfo[]> {
    const tag = this.identity();
    const info = (b: FoundBackup, onPc: boolean): BackupInfo => ({
      file: b.file,
      kind: b.kind,
      at: b.at,
      bytes: b.bytes,
      onPc,
      inFolder: !onPc,
      otherShop: tag !== null && b.shop !== null && b.shop !== tag,
    });
    const byName = new Map<string, BackupInfo>();
    for (const b of await backupsIn(this.folder())) byName.set(b.file, info(b, true));
    const owner = this.ownerFolder();
    if (owner) {
      for (const b of await backupsIn(owner)) {
        const here = byName.get(b.file);
        byName.set(b.file, here ? { ...here, inFolder: true } : info(b, false));
      }
    }
    return [...byName.values()].sort((a, b) => b.at.localeCompare(a.at));
  }

  async status(): Promise<BackupStatus> {
    const folder = this.ownerFolder();
    const [newest] = await backupsIn(this.folder());
    return {
      folder,
      lastBackup: newest ? { file: newest.file, at: newest.at } : null,
      ...backupHistory(this.deps.store.sqlite, folder),
      pendingRestore: this.pendingRestoreInfo(),
      // a blank shop (a new PC) takes the backup's users: see readMachineSetup
      restoreKeepsUsers: this.identity() !== null,
    };
  }

  /** The restore waiting for the next start, as the status says it; null when none (or its request is unreadable: the start says so). */
  private pendingRestoreInfo(): BackupStatus['pendingRestore'] {
    let marker: RestoreMarker | null;
    try {
      marker = readRestoreMarker(this.deps.dbPath);
    } catch {
      return null;
    }
    if (!marker) return null;
    return { file: marker.file, at: parseBackupName(marker.file)?.at ?? marker.requestedAt, requestedAt: marker.requestedAt };
  }

  /**
   * Calls off the restore waiting for the next start (owner only, as asking for it): the shop file
   * stays as it is, and the audit says who called it off. Refused, saying so, when none is waiting.
   */
  cancelRestore(actor: Actor): { file: string } {
    const pending = this.pendingRestoreInfo();
    if (!pending) throw refuse('restore_none_pending', 'not_found', 'no restore is waiting for the next start', '');
    rmSync(restoreMarkerOf(this.deps.dbPath), { force: true });
    new Journal(this.deps.store.sqlite).write(this.deps.now().toISOString(), actor.user.id, 'restore_cancelled', 'backup', pending.file, { requestedAt: pending.requestedAt });
    return { file: pending.file };
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
    const autos = (await backupsIn(this.folder())).filter((b) => b.kind === 'auto');
    // `running` is read after the listing: another check may have started one meanwhile
    if (this.running || autos.some((b) => businessDate(new Date(b.at), hour) === today)) return null;
    try {
      const made = await this.create('auto', null);
      if (made.copyError) this.deps.onFailure?.({ copy: made.copyError, cause: null, folder: made.copyError.folder, freeBytes: null });
      return made;
    } catch (error) {
      this.deps.logger.error('automatic backup failed', { error: error instanceof Error ? error : new Error(String(error)) });
      // a refusal (disk full, folder unwritable) carries its cause as its reason; anything else is a plain failure
      const cause = error instanceof AppError ? (error.details?.reason as BackupFailureCause | undefined) : undefined;
      this.deps.onFailure?.({ copy: null, cause: cause ?? 'backup_failed', folder: this.folder(), freeBytes: freeBytes(this.folder()) });
      return null;
    }
  }

  private async make(kind: 'auto' | 'manual', actor: Actor | null): Promise<BackupMade> {
    const dir = this.folder();
    const at = this.deps.now();
    const file = backupName(kind, at, this.shopTag());
    const final = join(dir, file);
    const partial = `${final}.partial`;
    try {
      // a backup holds the whole shop (costs, PIN hashes, the central server's key): for this PC's user only
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!(await copyInWorker(this.deps.dbPath, partial))) throw new Error(`the copy ${basename(partial)} did not pass SQLite's check`);
      if (process.platform !== 'win32') chmodSync(partial, 0o600);
      renameSync(partial, final);
    } catch (error) {
      throw this.failed(error, kind, at, actor);
    } finally {
      rmSync(partial, { force: true });
    }
    const bytes = statSync(final).size;
    const owner = this.ownerFolder();
    const { copiedTo, copyError } = owner ? await copyToFolder(final, owner, this.deps.logger) : { copiedTo: null, copyError: null };
    if (kind === 'auto') await this.prune(file);
    new Journal(this.deps.store.sqlite).write(at.toISOString(), actor?.user.id ?? 0, 'create', 'backup', file, { kind, bytes, copiedTo, copyError });
    this.deps.logger.info('backup made', { file, bytes, copiedTo, copyError });
    return { file, kind, at: at.toISOString(), bytes, copiedTo, copyError };
  }

  /**
   * A backup that could not be made: audited (Settings and the dashboard say it until one is made) and
   * refused in words the owner can act on, with the folder and the space left on its disk. An
   * unexpected failure is rethrown as it is, to be logged with its stack.
   */
  private failed(error: unknown, kind: 'auto' | 'manual', at: Date, actor: Actor | null): unknown {
    const cause = failureCause(error);
    const folder = this.folder();
    const free = freeBytes(existsSync(folder) ? folder : dirname(folder));
    const message = error instanceof Error ? error.message : String(error);
    try {
      new Journal(this.deps.store.sqlite).write(at.toISOString(), actor?.user.id ?? 0, 'backup_failed', 'backup', '', { kind, cause, folder, freeBytes: free, message });
    } catch (auditError) {
      // the shop file's disk is the one that is full: the refusal still says so
      this.deps.logger.error('backup failure not audited', { error: auditError as Error });
    }
    if (cause === 'backup_failed') return error;
    return refuse(cause, 'device', `${message} (${folder})`, '', { folder, freeMb: freeMb(free) });
  }

  /**
   * Keeps AUTO_KEPT automatic backups: the one just made, whatever its date, and the newest others by
   * the date in their names. After the clock jumped back the new one is dated before all the others;
   * ranking by mtime would not help (it comes from the same clock). While the clock stays wrong, the
   * ones kept beside the newest are those from before the jump. The backup the owner chose to restore
   * at the next start is never removed.
   */
  private prune(made: string): Promise<void> {
    // everything beside the shop file is this PC's, whichever shop's file it held before a restore
    return pruneAutos(this.folder(), made, this.pendingRestore(), () => true);
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
   * the till): checked now, so a damaged or newer backup is refused before anything is promised. A
   * backup only in the owner's folder (the USB key brought to a new PC) is first copied beside the
   * shop file: the key may be gone by the restart.
   */
  async requestRestore(file: string, actor: Actor): Promise<{ file: string; at: string; restartNeeded: true }> {
    const parsed = basename(file) === file ? parseBackupName(file) : null;
    const local = join(this.folder(), file);
    const owner = this.ownerFolder();
    const inFolder = parsed && owner && !existsSync(local) ? join(owner, file) : null;
    const source = inFolder ?? local;
    if (!parsed || !existsSync(source)) throw refuse('backup_unknown_file', 'not_found', 'no backup by that name in the backups folder', file);
    // read whole on a worker first (a backup on a USB key or a shared drive may take its time), then what
    // it is, from its schema: a few pages the worker just read, and a shop file this Shelfcast can migrate
    const seen = await inspectInWorker(source);
    if (!seen) throw refuse('backup_unreadable', 'validation', 'this backup is damaged or is not a Shelfcast shop file', file);
    const problem = shopFileProblem(source, this.deps.migrationsFolder);
    if (problem) throw this.refusedShape(problem, file);
    if (!seen.sound) throw refuse('backup_damaged', 'validation', 'SQLite finds this backup damaged (quick_check)', file);
    if (seen.schema > this.deps.schemaVersion) throw refuse('backup_newer', 'validation', 'this backup was made by a newer version of Shelfcast: update Shelfcast first', file);
    // another shop's backup on a shared key would replace this shop's sales
    const tag = this.identity();
    if (parsed.shop !== null && tag !== null && parsed.shop !== tag) {
      throw refuse('backup_other_shop', 'validation', 'this backup is of another shop (its PC copies to the same folder)', file);
    }
    if (inFolder) await this.bringIn(inFolder, local);
    const at = this.deps.now().toISOString();
    const marker: RestoreMarker = { file, requestedAt: at, by: actor.user.id };
    mkdirSync(dirname(restoreMarkerOf(this.deps.dbPath)), { recursive: true });
    writeFileSync(restoreMarkerOf(this.deps.dbPath), JSON.stringify(marker));
    new Journal(this.deps.store.sqlite).write(at, actor.user.id, 'restore_requested', 'backup', file, { backupAt: parsed.at, from: inFolder ? owner : 'pc' });
    return { file, at: parsed.at, restartNeeded: true };
  }

  /** A backup that is no shop file this Shelfcast can open and migrate, refused saying what it lacks. */
  private refusedShape(problem: ShapeProblem, file: string): AppError {
    const more: Record<string, string | number> = {};
    if (problem.missing) more.missing = problem.missing;
    if (problem.schema !== undefined) more.schema = problem.schema;
    if (problem.reason === 'backup_newer') return refuse('backup_newer', 'validation', `this backup was made by a newer version of Shelfcast (${problem.message}): update Shelfcast first`, file, more);
    if (problem.reason === 'backup_foreign') return refuse('backup_foreign', 'validation', `this file is another program's database: ${problem.message}`, file, more);
    if (problem.reason === 'backup_not_shelfcast') return refuse('backup_not_shelfcast', 'validation', `this file is not a Shelfcast shop file: ${problem.message}`, file, more);
    if (problem.reason === 'backup_schema_unknown') return refuse('backup_schema_unknown', 'validation', `this Shelfcast cannot bring this backup up to date: ${problem.message}`, file, more);
    return refuse('backup_unreadable', 'validation', `this backup is damaged or is not a Shelfcast shop file: ${problem.message}`, file, more);
  }

  /**
   * The tag other shops' backups are told apart by; null for a shop with no product and no sale yet (a
   * new PC, about to take its shop's backup from the key), which is no shop to protect.
   */
  private identity(): string | null {
    const empty = this.deps.store.sqlite.prepare('SELECT NOT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM sales)').pluck().get() === 1;
    return empty ? null : this.shopTag();
  }

  /** Copies a backup from the owner's folder beside the shop file, whole or not at all. */
  private async bringIn(from: string, to: string): Promise<void> {
    const partial = `${to}.partial`;
    try {
      mkdirSync(dirname(to), { recursive: true });
      await copyFile(from, partial);
      await rename(partial, to);
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      const cause = failureCause(error);
      if (cause === 'backup_failed') throw error;
      const folder = dirname(to);
      const reason = cause === 'backup_disk_full' ? 'restore_disk_full' : 'restore_folder_unwritable';
      throw refuse(reason, 'device', `${(error as Error).message} (${folder})`, basename(to), { folder, freeMb: freeMb(freeBytes(folder)) });
    }
  }
}
