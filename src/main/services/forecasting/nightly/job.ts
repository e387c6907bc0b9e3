import type { ForecastPhase, ForecastProgressEvent, ForecastRunRecord, ForecastStatus, ForecastTrigger, ProductForecastView } from '../../../../shared/api/contract';
import { AppError } from '../../../../shared/api/result';
import { addDays } from '../../../../shared/domain/dates';
import { shopToday } from '../../shop-day';
import type { Locale } from '../../../../shared/domain/settings';
import type { Store } from '../../../db/client';
import type { Logger } from '../../../logger';
import { ForecastCancelled } from '../engine';
import type { Provider } from '../types';
import { forecastShopInWorker } from '../worker-client';
import { productForecastView } from './product-view';
import { HEARTBEAT_MS, RunConflict, RunStore } from './run-store';
import { forecastShop, type EngineFn, type ShopRunHooks, type ShopRunOutcome, type ShopRunRequest } from './shop-run';

export type { EngineFn } from './shop-run';

export interface ForecastJobDeps {
  store: Store;
  now: () => Date;
  logger: Logger;
  locale: () => Locale;
  onProgress: (event: ForecastProgressEvent) => void;
  /**
   * Default: the whole run (reading the sales, the engine, the commit) on a worker thread with its
   * own database connection, so the main process stays responsive. A stand-in engine (tests) runs
   * the same steps in-process, on the main connection.
   */
  engine?: EngineFn;
  /** Default: the engine's own order (cuda/dml, cpu, js). */
  providers?: Provider[];
  horizon?: number;
  /** How often the running job stamps its record's heartbeat (default HEARTBEAT_MS). */
  heartbeatMs?: number;
  /**
   * After a cancel, how long the worker thread has to stop at its next batch before it is terminated
   * (default 5 s): one long synchronous call cannot see the cancel.
   */
  cancelGraceMs?: number;
}

/** Days of history handed to the engine (yearly seasonality needs more than a year). */
const HISTORY_DAYS = 3 * 365;
export const DEFAULT_HORIZON = 28;

interface Running {
  runId: number;
  trigger: ForecastTrigger;
  startedAt: string;
  done: number;
  total: number;
  phase: ForecastPhase | null;
  /** performance.now() at the start, for the duration. */
  t0: number;
  controller: AbortController;
  heartbeat: ReturnType<typeof setInterval> | null;
  finished: Promise<ForecastRunRecord>;
}

type EndStatus = 'failed' | 'cancelled';

const EMPTY_RECORD: ForecastRunRecord = {
  id: 0,
  startedAt: '',
  finishedAt: null,
  status: 'failed',
  trigger: 'manual',
  provider: null,
  products: 0,
  durationMs: null,
  backtestWape: null,
  backtestNaiveWape: null,
  backtestCoverage: null,
  backtestMase: null,
  error: null,
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The nightly forecast: reads the active products' daily sales, runs the engine and stores the
 * results with the run's record in one transaction, all on a worker thread with its own connection
 * (see forecastShop). This class keeps the run record's start and end, its heartbeat, progress and
 * cancellation. One run at a time, across processes too: the app and `npm run forecast -- --db` on
 * the same file see each other's running record through its heartbeat (RunStore.begin).
 */
export class ForecastJob {
  private readonly runs: RunStore;
  private current: Running | null = null;
  private disposed = false;
  /** Records whose end could not be written (a locked file): written at the next chance. */
  private readonly unended = new Map<number, { status: EndStatus; finishedAt: string; durationMs: number; error: string | null }>();

  constructor(private readonly deps: ForecastJobDeps) {
    this.runs = new RunStore(deps.store.sqlite);
    this.runs.failInterrupted(deps.now());
  }

  get horizon(): number {
    return this.deps.horizon ?? DEFAULT_HORIZON;
  }

  isRunning(): boolean {
    return this.current !== null;
  }

  /** Starts a run and returns its id at once; `finished` settles with its record (never rejects). */
  start(trigger: ForecastTrigger): { runId: number; finished: Promise<ForecastRunRecord> } {
    if (this.disposed) throw new AppError('unsupported', 'Shelfcast is closing', undefined, { reason: 'app_closing' });
    if (this.current) throw new AppError('conflict', `A forecast is already running (run ${this.current.runId}); wait for it or cancel it.`, undefined, { reason: 'forecast_running' });
    this.writeUnended();
    const startedAt = this.deps.now().toISOString();
    let runId: number;
    try {
      runId = this.runs.begin(startedAt, trigger);
    } catch (e) {
      if (e instanceof RunConflict) throw new AppError('conflict', e.message, undefined, { reason: e.live.trigger === 'cli' ? 'forecast_running_cli' : 'forecast_running' });
      throw e;
    }
    const controller = new AbortController();
    const running: Running = {
      runId,
      trigger,
      startedAt,
      done: 0,
      total: 0,
      phase: null,
      t0: performance.now(),
      controller,
      heartbeat: null,
      finished: Promise.resolve(null as never),
    };
    this.current = running;
    running.heartbeat = setInterval(() => this.beat(running), this.deps.heartbeatMs ?? HEARTBEAT_MS);
    running.heartbeat.unref();
    running.finished = this.execute(running);
    this.deps.logger.info('forecast run started', { runId, trigger });
    return { runId, finished: running.finished };
  }

  /** Asks the running job to stop; true when one was running. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.controller.abort();
    return true;
  }

  status(): ForecastStatus {
    const c = this.current;
    return {
      running: c ? { runId: c.runId, trigger: c.trigger, startedAt: c.startedAt, done: c.done, total: c.total, phase: c.phase } : null,
      lastRun: this.runs.lastRun(),
      lastSuccess: this.runs.lastSuccess(),
    };
  }

  lastSuccessAt(): Date | null {
    const r = this.runs.lastSuccess();
    return r ? new Date(r.startedAt) : null;
  }

  /** Waits for the running job, if any (closing the app, the CLI, tests). */
  async idle(): Promise<void> {
    if (this.current) await this.current.finished;
  }

  /**
   * Stops any run; its result is dropped and the store may close as soon as this returns: the run's
   * record is written 'cancelled' now (a commit already under way still wins and leaves it 'ok').
   */
  dispose(): Promise<void> {
    this.disposed = true;
    const run = this.current;
    if (run) {
      this.stopHeartbeat(run);
      this.endRecord(run, 'cancelled', null);
      run.controller.abort();
    }
    this.writeUnended();
    return this.idle();
  }

  product(productId: number, name: string, unit: string): ProductForecastView {
    const today = shopToday(this.deps);
    return productForecastView(this.deps.store.sqlite, { id: productId, name, unit }, { today, locale: this.deps.locale(), horizon: this.horizon });
  }

  /** Settles with the run's record whatever happens; never rejects. */
  private async execute(run: Running): Promise<ForecastRunRecord> {
    const elapsed = () => Math.round(performance.now() - run.t0);
    let status: ForecastRunRecord['status'] = 'ok';
    try {
      const outcome = await this.forecast(run, elapsed);
      this.deps.logger.info('forecast run finished', { runId: run.runId, ...outcome });
    } catch (e) {
      const ended: EndStatus = e instanceof ForecastCancelled ? 'cancelled' : 'failed';
      if (ended === 'failed') this.deps.logger.error('forecast run failed', { runId: run.runId, error: e as Error });
      else this.deps.logger.info('forecast run cancelled', { runId: run.runId });
      status = this.endRecord(run, ended, ended === 'failed' ? message(e) : null);
    } finally {
      this.stopHeartbeat(run);
      this.current = null;
    }
    let record: ForecastRunRecord | null = null;
    try {
      record = this.runs.run(run.runId);
    } catch (e) {
      this.deps.logger.error('forecast run record not read', { runId: run.runId, error: e as Error });
    }
    record ??= { ...EMPTY_RECORD, id: run.runId, startedAt: run.startedAt, trigger: run.trigger, status };
    // the end could not be written (see endRecord): say how the run ended all the same
    if (record.status === 'running') record = { ...record, status, error: this.unended.get(run.runId)?.error ?? null };
    try {
      this.deps.onProgress({ runId: run.runId, done: run.total, total: run.total, phase: null, status: record.status === 'running' ? status : record.status });
    } catch (e) {
      this.deps.logger.error('forecast progress listener failed', { runId: run.runId, error: e as Error });
    }
    return record;
  }

  /**
   * Writes the end of a run that did not commit, and says how it ended: the record's own status when
   * it was no longer running (a commit that went through before a cancel or a terminated worker is
   * 'ok': its forecasts are in the tables). A write that fails (a locked file) is logged, kept and
   * tried again at the next start or at dispose; it never throws.
   */
  private endRecord(run: Running, status: EndStatus, error: string | null): ForecastRunRecord['status'] {
    if (!this.deps.store.sqlite.open) return status;
    const end = { status, finishedAt: this.deps.now().toISOString(), durationMs: Math.round(performance.now() - run.t0), error };
    try {
      if (this.runs.end(run.runId, end.status, end.finishedAt, end.durationMs, end.error)) return status;
      const record = this.runs.run(run.runId);
      return record && record.status !== 'running' ? record.status : status;
    } catch (e) {
      this.deps.logger.error('forecast run record not ended', { runId: run.runId, status, error: e as Error });
      this.unended.set(run.runId, end);
      return status;
    }
  }

  private writeUnended(): void {
    if (!this.deps.store.sqlite.open) return;
    for (const [runId, end] of this.unended) {
      try {
        this.runs.end(runId, end.status, end.finishedAt, end.durationMs, end.error);
        this.unended.delete(runId);
      } catch (e) {
        this.deps.logger.warn('forecast run record still not ended', { runId, error: e as Error });
      }
    }
  }

  /** Tells other processes this run is alive; a busy file skips a beat, never waits. */
  private beat(run: Running): void {
    if (!this.deps.store.sqlite.open) return;
    try {
      this.runs.heartbeat(run.runId, this.deps.now().toISOString());
    } catch (e) {
      this.deps.logger.warn('forecast run heartbeat not written', { runId: run.runId, error: e as Error });
    }
  }

  private stopHeartbeat(run: Running): void {
    if (run.heartbeat !== null) clearInterval(run.heartbeat);
    run.heartbeat = null;
  }

  private forecast(run: Running, elapsed: () => number): Promise<ShopRunOutcome> {
    // Today is not over: history ends yesterday and the forecast starts today.
    const to = addDays(shopToday(this.deps), -1);
    const request: ShopRunRequest = {
      runId: run.runId,
      from: addDays(to, -HISTORY_DAYS),
      to,
      options: { horizon: this.horizon, asOf: to, extendTo: to, ...(this.deps.providers ? { providers: this.deps.providers } : {}) },
    };
    const hooks: ShopRunHooks = {
      signal: run.controller.signal,
      ...(this.deps.cancelGraceMs !== undefined ? { cancelGraceMs: this.deps.cancelGraceMs } : {}),
      onProgress: ({ done, total, phase }) => {
        run.done = done;
        run.total = total;
        run.phase = phase;
        this.deps.onProgress({ runId: run.runId, done, total, phase, status: 'running' });
      },
      // a cancel that arrives after the last batch still wins: nothing is written
      gate: () =>
        Promise.resolve(this.disposed || run.controller.signal.aborted ? null : { finishedAt: this.deps.now().toISOString(), durationMs: elapsed() }),
    };
    this.deps.onProgress({ runId: run.runId, done: 0, total: 0, phase: null, status: 'running' });
    return this.deps.engine
      ? forecastShop(this.deps.store.sqlite, request, this.deps.engine, hooks)
      : forecastShopInWorker(this.deps.store.file, request, hooks);
  }
}
