/**
 * worker_threads entry for the nightly forecast: receives {type:'start', series, options}, posts
 * {type:'progress', done, total} after every batch and one final 'result' | 'cancelled' | 'error'.
 * A {type:'cancel'} message stops the run at the next batch boundary.
 */
import { parentPort } from 'node:worker_threads';
import { ForecastCancelled, forecastSeries } from '../services/forecasting/engine';
import type { FromWorker, ToWorker } from '../services/forecasting/worker-protocol';

const port = parentPort;
if (!port) throw new Error('workers/forecast must run as a worker thread');

const controller = new AbortController();
const post = (m: FromWorker): void => port.postMessage(m);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  forecastSeries(msg.series, {
    ...msg.options,
    signal: controller.signal,
    onProgress: ({ done, total }) => post({ type: 'progress', done, total }),
  })
    .then((result) => post({ type: 'result', result }))
    .catch((e: unknown) => {
      if (e instanceof ForecastCancelled) post({ type: 'cancelled' });
      else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    })
    .finally(() => port.close());
});
