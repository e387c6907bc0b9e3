import { describe, expect, it } from 'vitest';
import { ForecastCancelled, forecastSeries, forecastSeriesInWorker } from '../../src/main/services/forecasting';
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
    expect(progress.at(-1)).toEqual([16, 16]); // 4 batches x (3 backtest origins + final)
  });

  it('stops at the next batch when cancelled', async () => {
    const ac = new AbortController();
    const p = forecastSeriesInWorker(series, {
      horizon: 14,
      providers: ['cpu'],
      batchSize: 5,
      signal: ac.signal,
      onProgress: ({ done }) => done === 1 && ac.abort(),
    });
    await expect(p).rejects.toBeInstanceOf(ForecastCancelled);
  });
});
