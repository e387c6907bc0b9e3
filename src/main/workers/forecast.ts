/**
 * worker_threads entry for forecasting (protocol: services/forecasting/worker-protocol.ts). Progress
 * goes out as {type:'progress', done, total, phase} after each step (see engine.ts); a {type:'cancel'} message stops the
 * run at the next batch boundary. The nightly job ('start-shop') reads and writes the shop database
 * through this thread's own connection, so the main process never holds the sales history or waits
 * on the commit.
 */
import { parentPort } from 'node:worker_threads';
import { openConnection } from '../db/client';
import { ForecastCancelled, forecastSeries } from '../services/forecasting/engine';
import { forecastShop, type CommitStamp } from '../services/forecasting/nightly/shop-run';
import type { Progress } from '../services/forecasting/types';
import type { FromWorker, ToWorker } from '../services/forecasting/worker-protocol';

if (!parentPort) throw new Error('workers/forecast must run as a worker thread');
const port = parentPort;

const controller = new AbortController();
const post = (m: FromWorker): void => port.postMessage(m);
const onProgress = ({ done, total, phase }: Progress): void => post({ type: 'progress', done, total, phase });
let answerGate: ((stamp: CommitStamp) => void) | null = null;

/** Posts the run's last message once `cleanup` (closing the connection) is done, then ends the thread. */
function settle(work: Promise<FromWorker>, cleanup = (): void => {}): void {
  work
    .catch((e: unknown): FromWorker => (e instanceof ForecastCancelled ? { type: 'cancelled' } : { type: 'error', message: e instanceof Error ? e.message : String(e) }))
    .then((last) => {
      cleanup();
      post(last);
      port.close();
    });
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'cancel':
      controller.abort();
      return;
    case 'commit':
      answerGate?.(msg.stamp);
      return;
    case 'start':
      settle(forecastSeries(msg.series, { ...msg.options, signal: controller.signal, onProgress }).then((result) => ({ type: 'result', result })));
      return;
    case 'start-shop': {
      let db: ReturnType<typeof openConnection> | null = null;
      const run = async (): Promise<FromWorker> => {
        db = openConnection(msg.dbFile);
        const outcome = await forecastShop(db, msg.request, forecastSeries, {
          signal: controller.signal,
          onProgress,
          gate: (ready) =>
            new Promise<CommitStamp>((resolve) => {
              answerGate = resolve;
              post({ type: 'ready', outcome: ready });
            }),
        });
        return { type: 'committed', outcome };
      };
      settle(run(), () => db?.close());
      return;
    }
  }
});
