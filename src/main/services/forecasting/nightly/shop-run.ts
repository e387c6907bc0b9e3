import type Database from 'better-sqlite3';
import { ForecastCancelled, type EngineOptions } from '../engine';
import type { ForecastResult, Progress, Provider, Series } from '../types';
import type { WorkerOptions } from '../worker-protocol';
import { RunStore } from './run-store';

export type EngineFn = (series: Series[], opts: EngineOptions) => Promise<ForecastResult>;

/** One run's parameters, plain data so that they cross to the worker thread. */
export interface ShopRunRequest {
  runId: number;
  /** First and last day of sales read (ISO dates, inclusive). */
  from: string;
  to: string;
  options: WorkerOptions;
}

export interface ShopRunOutcome {
  products: number;
  provider: Provider;
}

/** The run record's end, stamped by the job's clock; null drops the results (cancelled, closing). */
export type CommitStamp = { finishedAt: string; durationMs: number } | null;

export interface ShopRunHooks {
  signal?: AbortSignal;
  /**
   * On a worker thread: how long after `signal` aborts the worker may take to stop at its next batch
   * before it is terminated (default 5 s). In-process runs ignore it.
   */
  cancelGraceMs?: number;
  onProgress?: (p: Progress) => void;
  /** Asked once the forecasts are ready, before anything is written. */
  gate: (outcome: ShopRunOutcome) => Promise<CommitStamp>;
}

/**
 * One forecast run on a shop database through `db`: reads the active products' sales, runs the
 * engine, stages the results off the shop file's lock and, if the gate agrees, writes the forecasts
 * and the run record in one transaction.
 * The worker thread runs it on its own connection; tests with a stand-in engine run it in-process.
 */
export async function forecastShop(db: Database.Database, req: ShopRunRequest, engine: EngineFn, hooks: ShopRunHooks): Promise<ShopRunOutcome> {
  const runs = new RunStore(db);
  const report = hooks.onProgress;
  report?.({ done: 0, total: 0, phase: 'reading' });
  const series = runs.activeSeries(req.from, req.to);
  // the read before the engine and the save after it each count for about an eighth of its units
  let extra = 0;
  let total = 0;
  const result = await engine(series, {
    ...req.options,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(report
      ? {
          onProgress: (p: Progress) => {
            extra ||= Math.max(1, Math.round(p.total / 8));
            total = p.total + 2 * extra;
            report({ done: p.done + extra, total, phase: p.phase });
          },
        }
      : {}),
  });
  const outcome: ShopRunOutcome = { products: result.forecasts.length, provider: result.provider };
  if (total > 0) report?.({ done: total - extra, total, phase: 'saving' });
  runs.stage(req.runId, result);
  try {
    const stamp = await hooks.gate(outcome);
    if (!stamp) throw new ForecastCancelled();
    runs.commit(req.runId, stamp.finishedAt, stamp.durationMs);
  } finally {
    runs.unstage();
  }
  return outcome;
}
