import type { EngineOptions } from './engine';
import type { CommitStamp, ShopRunOutcome, ShopRunRequest } from './nightly/shop-run';
import type { ForecastResult, Progress, Series } from './types';

/** Options that can cross a thread boundary (no callbacks, no AbortSignal). */
export type WorkerOptions = Omit<EngineOptions, 'onProgress' | 'signal'>;

/**
 * 'start': forecast these series and send the result back (the CLI's CSV mode).
 * 'start-shop': the nightly job on the shop database `dbFile`, through the worker's own connection:
 * it reads the sales, forecasts, says 'ready' and waits for 'commit' (a stamp writes the results
 * and the run record, null drops them).
 */
export type ToWorker =
  | { type: 'start'; series: Series[]; options: WorkerOptions }
  | { type: 'start-shop'; dbFile: string; request: ShopRunRequest }
  | { type: 'commit'; stamp: CommitStamp }
  | { type: 'cancel' };

export type FromWorker =
  | ({ type: 'progress' } & Progress)
  | { type: 'result'; result: ForecastResult }
  | { type: 'ready'; outcome: ShopRunOutcome }
  | { type: 'committed'; outcome: ShopRunOutcome }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
