import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForecastCancelled, forecastSeries, forecastSeriesInWorker } from '../../src/main/services/forecasting';
import { forecastShopInWorker } from '../../src/main/services/forecasting/worker-client';
import { weeklySeries } from './helpers';

const series = Array.from({ length: 40 }, (_, i) => weeklySeries(`p${i}`, 200, 1 + i, i));

describe('forecast worker thread', () => {
  it('gives the same result as the inline call and reports progress', async () => {
    const progress: [number, number][] = [];
    const viaWorker = await forecastSeriesInWorker(series, {
      horizon: 14,
      providers: ['cpu'],
      batchSize: 10,
      onProgress: ({ done, total }) => progress.push([done, total]),
    });
    const inline = await forecastSeries(series, { horizon: 14, providers: ['cpu'], batchSize: 10 });
    expect(viaWorker.provider).toBe('cpu');
    expect(viaWorker.forecasts).toEqual(inline.forecasts);
    expect(progress.at(-1)).toEqual([29, 29]); // 4 batches a pass: 1 + 4 (seasons) + 3 x 4 + 4 (seasons) + 4 + 4 (quantiles)
  });

  // 'js': the TypeScript reference a PC falls back to when onnxruntime cannot load
  it.each([['cpu'], ['js']] as const)('stops at the next batch when cancelled (%s)', async (provider) => {
    const ac = new AbortController();
    const p = forecastSeriesInWorker(series, {
      horizon: 14,
      providers: [provider],
      batchSize: 5,
      signal: ac.signal,
      onProgress: ({ done }) => done === 1 && ac.abort(),
    });
    await expect(p).rejects.toBeInstanceOf(ForecastCancelled);
  });
});

describe('forecast worker thread: a final answer and the exit that follows it', () => {
  const busy = (ms: number) => {
    const t = Date.now();
    while (Date.now() - t < ms) {
      // the main thread at work (a page, a sale) while the worker answers and exits
    }
  };
  afterEach(() => {
    delete process.env.SHELFCAST_FORECAST_WORKER;
  });

  it('a stand-in worker that exits right after answering: the answer wins, not "exited with code 0"', async () => {
    process.env.SHELFCAST_FORECAST_WORKER = join(__dirname, 'fixtures', 'exit-after-answer.mjs');
    // both arrive while main is busy: Node then delivers the message and the exit in one go
    const series = forecastSeriesInWorker([], { horizon: 3 });
    busy(300);
    await expect(series).resolves.toMatchObject({ provider: 'js', forecasts: [] });

    const shop = forecastShopInWorker('unused.db', { runId: 1, from: '2026-01-01', to: '2026-01-31', options: { horizon: 3 } }, { gate: () => Promise.resolve(null) });
    busy(300);
    await expect(shop).resolves.toEqual({ products: 0, provider: 'js' });
  });
});

