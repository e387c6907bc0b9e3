import { describe, expect, it } from 'vitest';
import { markClosures, recurringClosures } from '../../src/main/services/forecasting/closures';
import { dayNumber } from '../../src/main/services/forecasting/dates';
import { forecastSeries } from '../../src/main/services/forecasting';
import { weeklySeries } from './helpers';

describe('shop closure days', () => {
  it('marks days when the whole shop sold nothing as unknown, and only those', () => {
    const series = [weeklySeries('a', 120, 15, 1), weeklySeries('b', 120, 12, 2), weeklySeries('slow', 120, 0.1, 3)];
    const closed = ['2024-03-10', '2024-03-11'];
    for (const s of series) for (const d of closed) s.qty[s.dates.indexOf(d)] = 0;
    const items = series.map((s) => ({ id: s.id, start: dayNumber(s.dates[0]!), y: Float64Array.from(s.qty) }));
    const marked = markClosures(items);
    expect(marked).toEqual(closed.map(dayNumber));
    for (const it of items) {
      expect(Number.isNaN(it.y[items[0]!.y.length - 1]!)).toBe(false);
      for (const d of closed) expect(Number.isNaN(it.y[dayNumber(d) - it.start]!)).toBe(true);
    }
    // an ordinary zero day of a slow mover is still a zero
    expect(items[2]!.y.filter((v) => v === 0).length).toBeGreaterThan(50);
  });

  it('does not treat a quiet single product as closed', () => {
    const items = [{ id: 'x', start: dayNumber('2024-01-01'), y: Float64Array.from(weeklySeries('x', 120, 2, 4).qty) }];
    expect(markClosures(items)).toEqual([]);
  });

  it('closure zeros do not drag the forecast down', async () => {
    const series = [weeklySeries('a', 120, 20, 5), weeklySeries('b', 120, 20, 6)];
    for (const s of series) for (let t = 100; t < 103; t++) s.qty[t] = 0;
    const res = await forecastSeries(series, { horizon: 7, providers: ['cpu'] });
    for (const f of res.forecasts) expect(f.mean.reduce((a, b) => a + b) / 7).toBeGreaterThan(17);
  });

  it('predicts a date closed in each recent year as a day without demand', async () => {
    const series = [weeklySeries('a', 4 * 365 + 10, 25, 7, '2021-01-01'), weeklySeries('b', 4 * 365 + 10, 20, 8, '2021-01-01')];
    for (const s of series) {
      s.dates.forEach((d, t) => {
        // New Year and Feb 28 every year, Easter once
        if (d.endsWith('-01-01') || d.endsWith('-02-28') || d === '2022-04-17') s.qty[t] = 0;
      });
    }
    const items = series.map((s) => ({ id: s.id, start: dayNumber(s.dates[0]!), y: Float64Array.from(s.qty) }));
    const closedOn = recurringClosures(items, markClosures(items));
    expect(closedOn(dayNumber('2025-01-01'))).toBe(true);
    expect(closedOn(dayNumber('2024-12-31'))).toBe(false);
    expect(closedOn(dayNumber('2025-04-17'))).toBe(false);
    expect(closedOn(dayNumber('2025-02-28'))).toBe(true);
    // Feb 29 is its own date, not Feb 28's: open in 2024, so not predicted closed in 2028
    expect(closedOn(dayNumber('2028-02-29'))).toBe(false);
    expect(closedOn(dayNumber('2025-03-01'))).toBe(false);
    const cut = series[0]!.dates.indexOf('2024-12-20');
    const res = await forecastSeries(
      series.map((s) => ({ id: s.id, dates: s.dates.slice(0, cut), qty: s.qty.slice(0, cut) })),
      { horizon: 20, providers: ['cpu'] },
    );
    for (const f of res.forecasts) {
      const h = f.dates.indexOf('2025-01-01');
      expect([f.p10[h], f.p50[h], f.p90[h], f.mean[h]]).toEqual([0, 0, 0, 0]);
      expect(f.p50[h - 1]!).toBeGreaterThan(5);
    }
  });
});
