import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/lib/synthetic';
import { forecastSeries, forecastRows, productRows, runSummary, productHistories, historiesToSeries } from '../../src/main/services/forecasting';
import { isoDays, weeklySeries } from './helpers';

describe('forecast engine', () => {
  it('follows a yearly pattern shared by the shop when there is more than a year of history', async () => {
    const rnd = mulberry32(11);
    const dates = isoDays('2021-01-01', 3 * 365);
    const series = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      dates,
      // busy in summer (day ~180), quiet in winter; the horizon below crosses into the busy season
      qty: dates.map((_, t) => {
        const lam = (5 + i) * (1 + 0.6 * Math.sin((2 * Math.PI * (t - 90)) / 365.25));
        return Math.max(0, Math.round(lam + Math.sqrt(lam) * (rnd() - 0.5) * 2));
      }),
    }));
    // cut so the history ends on day ~100 of the 3rd year, in the rising part of the season
    const cut = 2 * 365 + 100;
    const train = series.map((s) => ({ id: s.id, dates: s.dates.slice(0, cut), qty: s.qty.slice(0, cut) }));
    const res = await forecastSeries(train, { horizon: 60, providers: ['cpu'] });
    let first = 0;
    let last = 0;
    for (const f of res.forecasts) {
      first += f.mean.slice(0, 7).reduce((a, b) => a + b);
      last += f.mean.slice(53).reduce((a, b) => a + b);
      expect(f.method).toMatch(/year|combo/);
    }
    expect(last / first).toBeGreaterThan(1.2);
  });

  it('uses the intermittent-demand candidate for slow movers and reports backtest figures', async () => {
    const series = [weeklySeries('slow', 300, 0.2, 1), weeklySeries('fast', 300, 30, 2)];
    const res = await forecastSeries(series, { horizon: 14, providers: ['cpu'] });
    expect(res.provider).toBe('cpu');
    expect(res.backtest.products).toBe(2);
    expect(res.backtest.coverage80).toBeGreaterThan(0.5);
    expect(res.backtest.wape).toBeGreaterThan(0);
    for (const f of res.forecasts) expect(f.explanation.length).toBeGreaterThan(10);
  });

  it('reports progress per batch and stops when cancelled', async () => {
    const series = Array.from({ length: 30 }, (_, i) => weeklySeries(`p${i}`, 120, 5, i));
    const seen: number[] = [];
    await forecastSeries(series, { horizon: 7, providers: ['cpu'], batchSize: 10, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // 3 batches x (3 backtest origins + final)
    const ac = new AbortController();
    const p = forecastSeries(series, {
      horizon: 7,
      providers: ['cpu'],
      batchSize: 10,
      signal: ac.signal,
      onProgress: ({ done }) => done === 2 && ac.abort(),
    });
    await expect(p).rejects.toThrow(/cancelled/);
  });

  it('maps DB rows in and result rows out (milli-units, extend to today)', async () => {
    const rows = [
      { product_id: 7, date: '2024-01-02', sold_milli: 2500, end_stock_milli: 10000 },
      { product_id: 7, date: '2024-01-01', sold_milli: 1000, end_stock_milli: 12500 },
      { product_id: 8, date: '2024-01-01', sold_milli: 3000, end_stock_milli: null },
    ];
    const h = productHistories(rows);
    expect(h[0]).toEqual({ productId: 7, dates: ['2024-01-02', '2024-01-01'], qty: [2.5, 1], stock: [10, 12.5] });
    const res = await forecastSeries(historiesToSeries(h), { horizon: 3, providers: ['cpu'], extendTo: '2024-01-05' });
    expect(res.forecasts[0]!.dates).toEqual(['2024-01-06', '2024-01-07', '2024-01-08']);
    const fr = forecastRows(res, 42);
    expect(fr).toHaveLength(6);
    expect(fr[0]).toMatchObject({ product_id: 7, date: '2024-01-06', run_id: 42 });
    expect(productRows(res, 42).map((r) => r.product_id)).toEqual([7, 8]);
    expect(runSummary(res)).toMatchObject({ provider: 'cpu', products: 2 });
  });
});
