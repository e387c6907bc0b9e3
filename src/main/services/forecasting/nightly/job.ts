import type { ForecastProgressEvent, ForecastRunRecord, ForecastStatus, ForecastTrigger, ProductForecastView } from '../../../../shared/api/contract';
import { AppError } from '../../../../shared/api/result';
import { addDays, businessDate } from '../../../../shared/domain/dates';
import type { Locale } from '../../../../shared/domain/settings';
import type { Store } from '../../../db/client';
import type { Logger } from '../../../logger';
import { ForecastCancelled } from '../engine';
import type { Provider } from '../types';
import { forecastShopInWorker } from '../worker-client';
import { explainForecast, methodLabel } from './explain';
import { RunStore } from './run-store';
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
}

/** Days of history handed to the engine (yearly seasonality needs more than a year). */
const HISTORY_DAYS = 3 * 365;
/** Days of actual sales shown next to a product's forecast. */
const SHOWN_DAYS = 120;
export const DEFAULT_HORIZON = 28;

interface Running {
  runId: number;
  trigger: ForecastTrigger;
  startedAt: string;
  done: number;
  total: number;
  controller: AbortController;
  finished: Promise<ForecastRunRecord>;
}

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
 * (see forecastShop). This class keeps the run record's start and end, progress and cancellation.
 * One run at a time.
 */
export class ForecastJob {
  private readonly runs: RunStore;
  private current: Running | null = null;
  private disposed = false;

  constructor(private readonly deps: ForecastJobDeps) {
    this.runs = new RunStore(deps.store.sqlite);
    this.runs.failInterrupted(deps.now().toISOString());
  }

  get horizon(): number {
    return this.deps.horizon ?? DEFAULT_HORIZON;
  }

  isRunning(): boolean {
    return this.current !== null;
  }

  /** Starts a run and returns its id at once; `finished` settles with its record (never rejects). */
  start(trigger: ForecastTrigger): { runId: number; finished: Promise<ForecastRunRecord> } {
    if (this.disposed) throw new AppError('unsupported', 'Shelfcast is closing');
    if (this.current) throw new AppError('conflict', `A forecast is already running (run ${this.current.runId}); wait for it or cancel it.`);
    const startedAt = this.deps.now().toISOString();
    const runId = this.runs.begin(startedAt, trigger);
    const controller = new AbortController();
    const running: Running = { runId, trigger, startedAt, done: 0, total: 0, controller, finished: Promise.resolve(null as never) };
    this.current = running;
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
      running: c ? { runId: c.runId, trigger: c.trigger, startedAt: c.startedAt, done: c.done, total: c.total } : null,
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

  /** Stops any run; its result is dropped and the store may close. */
  dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    return this.idle();
  }

  product(productId: number, name: string, unit: string): ProductForecastView {
    const today = businessDate(this.deps.now());
    const from = addDays(today, -SHOWN_DAYS);
    const sold = new Map(this.runs.productSales(productId, from, addDays(today, -1)).map((r) => [r.date, r.sold_milli / 1000]));
    const history: ProductForecastView['history'] = [];
    for (let d = from; d < today; d = addDays(d, 1)) history.push({ date: d, qty: sold.get(d) ?? 0 });
    const { meta, rows } = this.runs.productForecast(productId);
    const locale = this.deps.locale();
    return {
      productId,
      name,
      unit,
      history,
      forecast: rows,
      runId: meta?.run_id ?? null,
      method: meta?.method ?? null,
      methodLabel: meta ? methodLabel(meta.method, locale) : null,
      backtestWape: meta?.backtest_wape ?? null,
      backtestNaiveWape: meta?.backtest_naive_wape ?? null,
      backtestMase: meta?.backtest_mase ?? null,
      explanation: meta
        ? explainForecast(meta.method, { wape: meta.backtest_wape, naiveWape: meta.backtest_naive_wape }, rows.length || this.horizon, locale, meta.monthDays)
        : '',
    };
  }

  private async execute(run: Running): Promise<ForecastRunRecord> {
    const t0 = performance.now();
    const elapsed = () => Math.round(performance.now() - t0);
    let status: ForecastProgressEvent['status'] = 'ok';
    try {
      const outcome = await this.forecast(run, elapsed);
      this.deps.logger.info('forecast run finished', { runId: run.runId, ...outcome });
    } catch (e) {
      status = e instanceof ForecastCancelled ? 'cancelled' : 'failed';
      if (status === 'failed') this.deps.logger.error('forecast run failed', { runId: run.runId, error: e as Error });
      else this.deps.logger.info('forecast run cancelled', { runId: run.runId });
      if (this.deps.store.sqlite.open) this.runs.end(run.runId, status, this.deps.now().toISOString(), elapsed(), status === 'failed' ? message(e) : null);
    } finally {
      this.current = null;
    }
    this.deps.onProgress({ runId: run.runId, done: run.total, total: run.total, status });
    return this.runs.run(run.runId) ?? { ...EMPTY_RECORD, id: run.runId, startedAt: run.startedAt, trigger: run.trigger, status };
  }

  private forecast(run: Running, elapsed: () => number): Promise<ShopRunOutcome> {
    // Today is not over: history ends yesterday and the forecast starts today.
    const to = addDays(businessDate(this.deps.now()), -1);
    const request: ShopRunRequest = {
      runId: run.runId,
      from: addDays(to, -HISTORY_DAYS),
      to,
      options: { horizon: this.horizon, asOf: to, extendTo: to, ...(this.deps.providers ? { providers: this.deps.providers } : {}) },
    };
    const hooks: ShopRunHooks = {
      signal: run.controller.signal,
      onProgress: ({ done, total }) => {
        run.done = done;
        run.total = total;
        this.deps.onProgress({ runId: run.runId, done, total, status: 'running' });
      },
      // a cancel that arrives after the last batch still wins: nothing is written
      gate: () =>
        Promise.resolve(this.disposed || run.controller.signal.aborted ? null : { finishedAt: this.deps.now().toISOString(), durationMs: elapsed() }),
    };
    this.deps.onProgress({ runId: run.runId, done: 0, total: 0, status: 'running' });
    return this.deps.engine
      ? forecastShop(this.deps.store.sqlite, request, this.deps.engine, hooks)
      : forecastShopInWorker(this.deps.store.file, request, hooks);
  }
}
