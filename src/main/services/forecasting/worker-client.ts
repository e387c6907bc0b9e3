import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ForecastCancelled, type EngineOptions } from './engine';
import type { FromWorker, ToWorker } from './worker-protocol';
import type { ForecastResult, Series } from './types';

/** The worker entry next to this module's build output (.ts under tsx/vitest, .js when built). */
export function workerEntry(): string {
  const ext = path.extname(__filename);
  return process.env.SHELFCAST_FORECAST_WORKER ?? path.resolve(__dirname, '../../workers', `forecast${ext}`);
}

/**
 * Same contract as forecastSeries, but runs on a worker thread so the Electron main process stays
 * responsive. Aborting `signal` asks the worker to stop at its next batch and rejects with
 * ForecastCancelled.
 */
export function forecastSeriesInWorker(series: Series[], opts: EngineOptions): Promise<ForecastResult> {
  const { onProgress, signal, ...options } = opts;
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ForecastCancelled());
      return;
    }
    // Under tsx/vitest the entry is TypeScript: register tsx's require hook inside the thread.
    const worker = entry.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true })
      : new Worker(entry);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = (): void => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total });
      else if (m.type === 'result') finish(() => resolve(m.result));
      else if (m.type === 'cancelled') finish(() => reject(new ForecastCancelled()));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`forecast worker exited with code ${code}`))));
    worker.postMessage({ type: 'start', series, options } satisfies ToWorker);
  });
}
