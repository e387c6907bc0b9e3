import { startWorker, workerFile } from '../../workers/spawn';
import { ForecastCancelled, type EngineOptions } from './engine';
import type { ShopRunHooks, ShopRunOutcome, ShopRunRequest } from './nightly/shop-run';
import type { FromWorker, ToWorker } from './worker-protocol';
import type { ForecastResult, Progress, Series } from './types';

/** The forecast worker's entry file (see workerFile). */
export const workerEntry = (): string => workerFile('forecast', 'SHELFCAST_FORECAST_WORKER');

type Reply<T> = { done: T } | { send: ToWorker } | undefined;

/** After a cancel, how long the worker has to stop at its next batch before it is terminated. */
export const CANCEL_GRACE_MS = 5_000;

/**
 * Starts the worker with `start` and settles with the first `{done}` that `handle` returns for a
 * message; a promised reply is only for a message the worker waits on (it exits after its last).
 * Progress goes to `onProgress`; aborting `signal` sends 'cancel' (the worker stops at its next
 * batch and answers 'cancelled', which rejects with ForecastCancelled). A worker that has not
 * settled `graceMs` after the cancel (stuck in one long synchronous call) is terminated, and the
 * promise rejects with ForecastCancelled once the thread is gone: its connection is closed by then,
 * which rolls back a transaction it had open, so a commit is either whole in the file or absent.
 */
function inWorker<T>(
  start: ToWorker,
  signal: AbortSignal | undefined,
  onProgress: ((p: Progress) => void) | undefined,
  handle: (m: FromWorker) => Promise<Reply<T>> | Reply<T>,
  graceMs = CANCEL_GRACE_MS,
): Promise<T> {
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ForecastCancelled());
      return;
    }
    const worker = startWorker(entry);
    let settled = false;
    let terminating = false;
    let grace: NodeJS.Timeout | null = null;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (grace) clearTimeout(grace);
      fn();
      void worker.terminate();
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      grace = setTimeout(() => {
        // settles on 'exit', once the thread (and its connection) is gone
        terminating = true;
        void worker.terminate();
      }, graceMs);
      grace.unref();
    };
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: FromWorker) => {
      if (terminating) return;
      if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total, phase: m.phase });
      else if (m.type === 'cancelled') finish(() => reject(new ForecastCancelled()));
      else if (m.type === 'error') finish(() => reject(new Error(m.message)));
      else {
        // A final answer settles in this same callback: the worker exits right after sending it, and
        // an 'exit' handled before a deferred settle would turn a finished run into a failed one.
        const act = (reply: Reply<T>): void => {
          if (reply && 'done' in reply) finish(() => resolve(reply.done));
          else if (reply && !settled && !terminating) worker.postMessage(reply.send);
        };
        const reply = handle(m);
        if (reply instanceof Promise) reply.then(act, (e: unknown) => finish(() => reject(e)));
        else act(reply);
      }
    });
    worker.on('error', (e) => finish(() => reject(terminating ? new ForecastCancelled() : e)));
    worker.on('exit', (code) => finish(() => reject(terminating ? new ForecastCancelled() : new Error(`forecast worker exited with code ${code}`))));
    worker.postMessage(start);
  });
}

/**
 * Same contract as forecastSeries, but runs on a worker thread so the Electron main process stays
 * responsive. Aborting `signal` asks the worker to stop at its next batch (terminated after
 * CANCEL_GRACE_MS) and rejects with ForecastCancelled.
 */
export function forecastSeriesInWorker(series: Series[], opts: EngineOptions): Promise<ForecastResult> {
  const { onProgress, signal, ...options } = opts;
  return inWorker<ForecastResult>({ type: 'start', series, options }, signal, onProgress, (m) => (m.type === 'result' ? { done: m.result } : undefined));
}

/**
 * forecastShop on a worker thread with its own connection to `dbFile`: the sales history, the
 * engine and the commit all stay off the main thread. Only the outcome comes back.
 */
export function forecastShopInWorker(dbFile: string, request: ShopRunRequest, hooks: ShopRunHooks): Promise<ShopRunOutcome> {
  return inWorker<ShopRunOutcome>(
    { type: 'start-shop', dbFile, request },
    hooks.signal,
    hooks.onProgress,
    (m) => {
      // the worker waits for this answer, so it may come later
      if (m.type === 'ready') return hooks.gate(m.outcome).then((stamp): Reply<ShopRunOutcome> => ({ send: { type: 'commit', stamp } }));
      if (m.type === 'committed') return { done: m.outcome };
      return undefined;
    },
    hooks.cancelGraceMs,
  );
}
