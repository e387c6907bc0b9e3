import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import type { AppInfo, EventMap, EventName } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import type { Store } from './db/client';
import { dispatch, type HandlerTable } from './ipc/dispatch';
import { buildHandlers } from './ipc/handlers';
import type { Logger } from './logger';
import { ProductService } from './services/catalogue/products';
import { SupplierService } from './services/catalogue/suppliers';
import { LabelService } from './services/catalogue/labels';
import type { ServiceDeps } from './services/context';
import { LedgerService } from './services/ledger/ledger';
import { MovementJournalService } from './services/ledger/movement-journal';
import { OnboardingService } from './services/onboarding/workbench';
import { PosService } from './services/pos/pos';
import { SalesDayService, type ReceiptSource } from './services/journal/day';
import { ParkedService } from './services/pos/parked';
import { CartVoids } from './services/pos/voids';
import { SessionService } from './services/session/session';
import { UserService } from './services/session/users';
import { SettingsService } from './services/settings/settings';
import { ForecastJob, NightlyScheduler, systemClock, type EngineFn, type SchedulerClock } from './services/forecasting/nightly';
import type { Provider } from './services/forecasting/types';
import { NotificationDigest, type Notifier } from './notifications/notifier';
import { AlertService } from './services/alerts/service';
import { PurchasingService } from './services/purchasing/service';
import { CountService } from './services/counts/service';
import { DashboardService } from './services/dashboard';
import { ReceivingService } from './services/ledger/receiving';
import { ReplenishmentService } from './services/replenishment/service';
import { BackupService } from './services/backup/service';
import { applyPendingRestore, openAfterRestore } from './services/backup/restore';
import { StockWatcher } from './services/replenishment/watcher';
import { SyncService } from './services/sync/service';
import { PrintService } from './printing/service';
import type { PrinterTarget } from '../shared/domain/printer';
import type { SystemPrinter } from './printing/system-printer';

const CHECKPOINT_EVERY_MS = 5_000;
/** Products per slice of a full recompute of suggestions and alerts: 40-80 ms of the main thread each in a third-year shop (1 000 took up to 130 ms). */
const REFRESH_SLICE = 500;
const ANY_EVENT = 'event';
/** The automatic backup waits this long after start. */
const AUTO_BACKUP_DELAY_MS = 60_000;
/** With a central server set, the app pushes this long after start, then at this interval. */
const SYNC_FIRST_MS = 90_000;
const SYNC_EVERY_MS = 10 * 60_000;

export interface CoreOptions {
  dbPath: string;
  migrationsFolder: string;
  logger: Logger;
  mode: AppInfo['mode'];
  version: string;
  now?: () => Date;
  /** Run the nightly forecast at the shop's hour and catch up at start (Electron main, `npm run web`). */
  scheduler?: boolean;
  /** The scheduler's clock (tests); default the system clock. */
  schedulerClock?: SchedulerClock;
  /** Forecast engine overrides (tests, CLI): execution providers, or the engine itself. */
  forecast?: { providers?: Provider[]; engine?: EngineFn; horizon?: number; heartbeatMs?: number; cancelGraceMs?: number };
  /** Desktop notifications for critical alerts (Electron main passes ElectronNotifier); none by default. */
  notifier?: Notifier;
  /** The operating system's printers for silent receipt printing (Electron main); none by default. */
  systemPrinter?: SystemPrinter;
  /** How raw bytes reach a thermal printer (tests: a printer that takes its time); default sendRaw. */
  printerSend?: (target: PrinterTarget, bytes: Buffer) => Promise<void>;
  /** The sync client's HTTP (tests); default the global fetch. */
  syncFetch?: typeof fetch;
}

/**
 * Shelfcast's core without Electron: the store, the services and the handler table. Electron's main
 * process, the browser mode, the CLIs and the tests all build exactly this.
 */
export class Core {
  readonly store: Store;
  readonly services;
  readonly handlers: HandlerTable;
  private readonly events = new EventEmitter();
  private readonly checkpointTimer: NodeJS.Timeout;
  private readonly scheduler: NightlyScheduler | null = null;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: CoreOptions) {
    // a restore the owner asked for replaces the shop file before it is opened (see BackupService),
    // its new sync epoch included; this PC's own setup and users are kept in it, a restored file that
    // does not open gives way to the file it replaced, and what became of it goes to the audit of the
    // file that opened
    const now = options.now ?? (() => new Date());
    const restore = applyPendingRestore(options.dbPath, options.logger, now, options.migrationsFolder);
    this.store = openAfterRestore(options.dbPath, options.migrationsFolder, restore, options.logger, now);
    const deps: ServiceDeps = { store: this.store, now };
    const settings = new SettingsService(deps);
    const forecasts = new ForecastJob({
      ...deps,
      logger: options.logger,
      locale: () => settings.get().locale,
      onProgress: (p) => this.emit('forecast.progress', p),
      ...options.forecast,
    });
    const products = new ProductService(deps);
    const replenishment = new ReplenishmentService(deps, () => settings.get());
    const digest = options.notifier
      ? new NotificationDigest(options.notifier, () => deps.now().getTime(), () => (settings.get().locale === 'fr' ? 'Shelfcast : alertes critiques' : 'Shelfcast: critical alerts'))
      : undefined;
    const alerts = new AlertService({ ...deps, settings: () => settings.get(), digest, onChange: (counts) => this.emit('alerts.changed', counts) });
    const pos = new PosService(deps, products, settings);
    const journal = new SalesDayService(deps, () => settings.get(), (): ReceiptSource => pos);
    this.services = {
      session: new SessionService(this.store.sqlite, deps.now, () => settings.get().locale),
      users: new UserService(deps),
      settings,
      products,
      suppliers: new SupplierService(deps),
      labels: new LabelService(deps, () => settings.get()),
      ledger: new LedgerService(deps),
      movementJournal: new MovementJournalService(deps),
      pos,
      journal,
      parked: new ParkedService(deps),
      voids: new CartVoids(deps),
      forecasts,
      onboarding: new OnboardingService({
        ...deps,
        dataDir: dirname(options.dbPath),
        settings: () => settings.get(),
        progress: (p) => this.emit('onboarding.progress', p),
        changed: () => this.emit('stock.changed', { productIds: [] }),
        settingsChanged: () => settings.forget(),
      }),
      replenishment,
      alerts,
      purchasing: new PurchasingService(deps, replenishment, () => settings.get()),
      receiving: new ReceivingService(deps, () => settings.get()),
      counts: new CountService(deps, () => settings.get()),
      dashboard: new DashboardService(deps, () => settings.get()),
      stockWatcher: new StockWatcher((ids) => this.refreshStock(ids)),
      backup: new BackupService({
        ...deps,
        dbPath: options.dbPath,
        schemaVersion: this.store.schemaVersion,
        migrationsFolder: options.migrationsFolder,
        settings: () => settings.get(),
        logger: options.logger,
        onFailure: (failure) => this.emit('backup.failed', failure),
      }),
      sync: new SyncService({
        ...deps,
        settings: () => settings.get(),
        version: options.version,
        logger: options.logger,
        fetch: options.syncFetch,
        onProgress: (p) => this.emit('sync.progress', p),
        onFinished: (ok) => this.emit('sync.finished', { ok }),
      }),
      printing: new PrintService({
        ...deps,
        settings: () => settings.get(),
        system: options.systemPrinter ?? null,
        send: options.printerSend,
        reprints: () => journal,
        receipts: () => pos,
        onFailure: (receiptNo, message) => {
          options.logger.warn('receipt not printed', { receiptNo, message });
          this.emit('print.failed', { receiptNo, message });
        },
      }),
    };
    this.handlers = buildHandlers(this);
    this.watchStock(digest);
    // WAL checkpoints between sales, never inside one (see applyPragmas)
    this.checkpointTimer = setInterval(() => this.store.checkpoint(), CHECKPOINT_EVERY_MS);
    this.checkpointTimer.unref();
    if (options.scheduler) {
      this.scheduler = new NightlyScheduler({
        clock: options.schedulerClock ?? systemClock,
        hour: () => settings.get().forecastHour,
        dayEndHour: () => settings.get().dayEndHour,
        lastSuccess: () => forecasts.lastSuccessAt(),
        isRunning: () => forecasts.isRunning(),
        run: (trigger) => void forecasts.start(trigger).finished,
        onError: (error) => options.logger.error('nightly forecast not started', { error: error instanceof Error ? error : new Error(String(error)) }),
      });
      this.scheduler.start();
      this.scheduleBackups();
      this.scheduleSync();
    }
    options.logger.info('core opened', { db: options.dbPath, schema: this.store.schemaVersion, mode: options.mode });
  }

  /**
   * Replenishment and alerts follow the stock: recomputed for the products a movement touched, for
   * all after each forecast run (ok or failed), once at start and hourly (time passing ages lots and
   * forecasts).
   */
  private watchStock(digest: NotificationDigest | undefined): void {
    const watcher = this.services.stockWatcher;
    this.onEvent((event, payload) => {
      // an empty list (an import) means anything may have changed
      if (event === 'stock.changed') watcher.changed((payload as EventMap['stock.changed']).productIds);
      else if (event === 'forecast.progress' && (payload as EventMap['forecast.progress']).status !== 'running') watcher.changed();
    });
    const start = setTimeout(() => watcher.changed(), 0);
    const hourly = setInterval(() => watcher.changed(), 3_600_000);
    const tick = setInterval(() => digest?.tick(), 60_000);
    for (const t of [start, hourly, tick]) t.unref();
    this.timers.push(start, hourly, tick);
  }

  /** Recomputes suggestions and alerts (all products without ids); errors are logged, never thrown. */
  private async refreshStock(productIds?: number[]): Promise<void> {
    try {
      if (!this.store.sqlite.open) return;
      if (productIds) {
        this.services.replenishment.recompute(productIds);
        this.services.alerts.evaluate(productIds);
      } else if (!(await this.refreshAllInSlices())) return;
      this.emit('replenishment.changed', { productIds: productIds ?? null });
    } catch (error) {
      this.reportUnexpected('replenishment and alerts', error);
    }
  }

  /**
   * The ABC classes, every product's suggestion, then its alerts, each REFRESH_SLICE products at a
   * time with the event loop served in between: a 20 000-product shop takes seconds, and the till's
   * calls must not wait for all of it. The ABC classes are computed once for the pass. False when
   * the store closed on the way.
   */
  private async refreshAllInSlices(): Promise<boolean> {
    const { replenishment, alerts } = this.services;
    const pause = async (): Promise<boolean> => {
      await new Promise((resolve) => setImmediate(resolve));
      return this.store.sqlite.open;
    };
    const ids = this.store.sqlite.prepare('SELECT id FROM products ORDER BY id').pluck().all() as number[];
    const abc = await replenishment.classesInSlices(ids, REFRESH_SLICE, pause);
    if (!abc) return false;
    for (let i = 0; i < ids.length; i += REFRESH_SLICE) {
      if (!(await pause())) return false;
      replenishment.recompute(ids.slice(i, i + REFRESH_SLICE), abc);
    }
    return (await pause()) && (await alerts.evaluateInSlices(ids, REFRESH_SLICE, pause)) !== null;
  }

  /**
   * The day's automatic backup: a while after start (the till comes first), then checked hourly, so a
   * PC left on for days still gets one a day. Only where the scheduler runs (the app), not in tests.
   */
  private scheduleBackups(): void {
    const backup = () => void this.services.backup.autoIfDue();
    const first = setTimeout(backup, AUTO_BACKUP_DELAY_MS);
    const hourly = setInterval(backup, 3_600_000);
    for (const t of [first, hourly]) t.unref();
    this.timers.push(first, hourly);
  }

  /** Pushes to the central server on their own, when the owner has set one; a failure waits for the next turn. */
  private scheduleSync(): void {
    const push = () => void this.services.sync.autoIfDue();
    const first = setTimeout(push, SYNC_FIRST_MS);
    const every = setInterval(push, SYNC_EVERY_MS);
    for (const t of [first, every]) t.unref();
    this.timers.push(first, every);
  }

  /** The forecast hour setting changed: the scheduler looks again now, not at its next hourly check. */
  forecastScheduleChanged(): void {
    this.scheduler?.check();
  }

  get logger(): Logger {
    return this.options.logger;
  }

  info(): AppInfo {
    return { version: this.options.version, mode: this.options.mode, dbPath: this.options.dbPath, schemaVersion: this.store.schemaVersion };
  }

  /** Calls an operation as the UI would, as the current session's user. */
  call(channel: string, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.handlers, channel, input, { user: this.services.session.current() }, this.options.logger);
  }

  /** An error nobody caught: logged with its stack, and the UI told in plain words. */
  reportUnexpected(where: string, error: unknown): void {
    this.options.logger.error(where, { error: error instanceof Error ? error : new Error(String(error)) });
    this.emit('app.error', { message: 'unexpected' });
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.events.emit(ANY_EVENT, event, payload);
  }

  /** Every event, whatever its domain, to one listener (the IPC bridge, the browser mode's stream). */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    this.events.on(ANY_EVENT, listener);
    return () => this.events.off(ANY_EVENT, listener);
  }

  /**
   * Closes the store. A forecast still running is cancelled, its record written 'cancelled' before
   * the store closes, and its result dropped.
   */
  close(): void {
    clearInterval(this.checkpointTimer);
    for (const t of this.timers) clearTimeout(t);
    this.scheduler?.stop();
    // records the run 'cancelled' synchronously; the promise only says when the worker is gone
    void this.services.forecasts.dispose();
    this.store.close();
    this.options.logger.info('core closed');
  }
}
