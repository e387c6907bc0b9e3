import { describe, expect, it } from 'vitest';
import { mulberry32, poisson } from '../../bench/lib/synthetic';
import { forecastSeries, productRows, runSummary, seriesFromConcat } from '../../src/main/services/forecasting';
import { dayList, dayNumber } from '../../src/main/services/forecasting/dates';
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
    for (const f of res.forecasts) {
      expect(Number.isFinite(f.backtestWape)).toBe(true);
      expect(Number.isFinite(f.backtestNaiveWape)).toBe(true);
    }
  });

  it("measures how much more the shop's daily total swings when products share a day's traffic", async () => {
    const dates = isoDays('2024-01-01', 200);
    const shop = (shared: boolean, seed: number) => {
      const rnd = mulberry32(seed);
      // a market day or a rainy day moves every product the same way: ×0.6 .. ×1.4
      const day = dates.map(() => (shared ? 0.6 + 0.8 * rnd() : 1));
      return Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, dates, qty: dates.map((_, t) => poisson(8 * day[t]!, rnd)) }));
    };
    const independent = await forecastSeries(shop(false, 3), { horizon: 28, providers: ['cpu'] });
    const together = await forecastSeries(shop(true, 3), { horizon: 28, providers: ['cpu'] });
    expect(independent.backtest.totalSpread).toBeGreaterThanOrEqual(1);
    expect(independent.backtest.totalSpread).toBeLessThan(2);
    // the shared factor's variance (0.8² / 12 × (40 × 8)²) dwarfs the products' own (≈ 40 × 8 × 1.3)
    expect(together.backtest.totalSpread).toBeGreaterThan(5);
    // no backtest window: nothing measured
    const young = await forecastSeries([{ id: 'new', dates: dates.slice(0, 5), qty: [1, 2, 1, 3, 2] }], { horizon: 7, providers: ['cpu'] });
    expect(young.backtest.totalSpread).toBeNaN();
  });

  it("sets each product's backtest error next to last week's sales repeated on the same days", async () => {
    const rnd = mulberry32(5);
    const dates = isoDays('2025-01-01', 200);
    // steady sellers with a weekly rhythm and noise, never near zero (no stock-out or closure days)
    const series = [0, 1, 2].map((i) => ({ id: `p${i}`, dates, qty: dates.map((_, t) => 20 + 10 * i + ((t % 7) === 5 ? 15 : 0) + Math.round(rnd() * 12)) }));
    const H = 14;
    const res = await forecastSeries(series, { horizon: H, providers: ['cpu'] });
    let naiveErr = 0;
    let sold = 0;
    for (const s of series) {
      // the first backtest window: the last H days, forecast from the days before them
      const cut = s.qty.length - H;
      let err = 0;
      let sum = 0;
      for (let h = 0; h < H; h++) {
        err += Math.abs(s.qty[cut + h]! - s.qty[cut - 7 + (h % 7)]!);
        sum += s.qty[cut + h]!;
      }
      const f = res.forecasts.find((x) => x.id === s.id)!;
      expect(f.backtestNaiveWape).toBeCloseTo(err / sum, 12);
      expect(f.backtestWape).toBeGreaterThan(0);
      naiveErr += err;
      sold += sum;
    }
    expect(res.backtest.naiveWape).toBeCloseTo(naiveErr / sold, 12);
    // with a steady level, smoothing beats copying one noisy week
    expect(res.backtest.wape).toBeLessThan(res.backtest.naiveWape);
  });

  it('reports progress per step with what it does next, and stops when cancelled', async () => {
    const series = Array.from({ length: 30 }, (_, i) => weeklySeries(`p${i}`, 120, 5, i));
    const seen: string[] = [];
    await forecastSeries(series, { horizon: 7, providers: ['cpu'], batchSize: 10, onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.phase}`) });
    // 3 batches a pass: cleaning 1, the backtest's seasons 3, 3 origins x 3 batches, the forecast's
    // seasons 3, its 3 batches, the quantiles 3
    expect(seen).toEqual([
      '1/22 preparing',
      '4/22 backtest',
      ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((d) => `${d}/22 backtest`),
      '13/22 forecast',
      ...[16, 17, 18, 19, 22].map((d) => `${d}/22 forecast`),
    ]);
    const ac = new AbortController();
    const p = forecastSeries(series, {
      horizon: 7,
      providers: ['cpu'],
      batchSize: 10,
      signal: ac.signal,
      onProgress: ({ phase }) => phase === 'backtest' && ac.abort(),
    });
    await expect(p).rejects.toThrow(/cancelled/);
  });

  it('maps DB rows in and product rows out (milli-units, unknown stock, extend to today)', async () => {
    // group_concat of daily_sales as RunStore.activeSeries reads it; an empty stock is NULL (unknown)
    const a = seriesFromConcat(7, '2024-01-02,2024-01-01', '2500,1000', '10000,12500');
    const b = seriesFromConcat(8, '2024-01-01', '3000', '');
    const d = (iso: string) => dayNumber(iso);
    expect(a).toEqual({ id: '7', dates: [], days: Float64Array.of(d('2024-01-02'), d('2024-01-01')), qty: [2.5, 1], stock: [10, 12.5] });
    // a stock column that is all unknown is left out
    expect(b).toEqual({ id: '8', dates: [], days: Float64Array.of(d('2024-01-01')), qty: [3] });
    expect(seriesFromConcat(9, '2024-01-01,2024-01-02', '0,1000', ',4000').stock).toEqual([null, 4]);
    // returns net below zero; a REAL somebody wrote by hand is still read
    expect(seriesFromConcat(9, '2024-01-01,2024-01-02', '-1500,2500.5', '-250,').qty).toEqual([-1.5, 2.5005]);
    expect(seriesFromConcat(9, '2024-01-01,2024-01-02', '-1500,250', '-250,').stock).toEqual([-0.25, null]);
    expect(() => seriesFromConcat(10, '2024-01-01,2024-01-02', '1000', ',')).toThrow(/product 10: 2 dates, 1 quantities and 2 stock levels/);
    // comma-joined dates become day numbers without a string each; anything else is NaN
    expect(Array.from(dayList('2024-02-28,2024-02-29,2024-03-01'))).toEqual([d('2024-02-28'), d('2024-02-29'), d('2024-03-01')]);
    expect(Array.from(dayList('2023-02-29,2024-13-01,2024-01-0x'))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(dayList('2024-01-01,24-1-2'))).toEqual([d('2024-01-01'), NaN]);
    expect(dayList('')).toHaveLength(0);
    const res = await forecastSeries([a, b], { horizon: 3, providers: ['cpu'], extendTo: '2024-01-05' });
    expect(res.forecasts[0]!.dates).toEqual(['2024-01-06', '2024-01-07', '2024-01-08']);
    expect(res.forecasts[1]!.dates).toHaveLength(3);
    expect(productRows(res, 42).map((r) => r.product_id)).toEqual([7, 8]);
    expect(runSummary(res)).toMatchObject({ provider: 'cpu', products: 2 });
  });
});
