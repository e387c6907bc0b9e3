import { describe, expect, it } from 'vitest';
import { mulberry32, poisson } from '../../bench/lib/synthetic';
import { forecastSeries, type Series } from '../../src/main/services/forecasting';
import { toDaily, type DailySeries } from '../../src/main/services/forecasting/clean';
import { monthDayProfile, weeklyProfiles } from '../../src/main/services/forecasting/profiles';
import { isoDays } from './helpers';

/** A shop whose products all sell `payday` times more on the 10th-12th of every month. */
function shop(products: number, days: number, payday: number, seed: number, start = '2022-01-01'): Series[] {
  const rnd = mulberry32(seed);
  const dates = isoDays(start, days);
  return Array.from({ length: products }, (_, i) => ({
    id: `p${i}`,
    dates,
    qty: dates.map((d) => {
      const dom = Number(d.slice(8));
      return poisson((4 + i) * (dom >= 10 && dom <= 12 ? payday : 1), rnd);
    }),
  }));
}

function profileOf(series: Series[]): Float64Array | null {
  const items = series.map((s) => toDaily(s, undefined, [])).filter((d): d is DailySeries => d !== null);
  const cut = Int32Array.from(items, (it) => it.y.length);
  return monthDayProfile(items, cut, weeklyProfiles(items, cut));
}

describe('day-of-month profile (paydays)', () => {
  it('finds a payday lift the whole shop shares and keeps the other days near 1', () => {
    const p = profileOf(shop(12, 2 * 365, 1.3, 5))!;
    expect(p).not.toBeNull();
    for (const d of [10, 11, 12]) expect(p[d]).toBeGreaterThan(1.2);
    for (let d = 1; d <= 31; d++) if (d < 10 || d > 12) expect(Math.abs(p[d]! - 0.975)).toBeLessThan(0.04);
  });

  it('stays at 1 on every day when the shop has no such pattern (noise is shrunk away)', () => {
    const p = profileOf(shop(12, 2 * 365, 1, 6))!;
    for (let d = 1; d <= 31; d++) expect(Math.abs(p[d]! - 1)).toBeLessThan(0.02);
  });

  it('is not estimated from under a year of history', () => {
    expect(profileOf(shop(12, 300, 1.3, 7))).toBeNull();
  });

  it('puts the lift into the forecast of the next paydays', async () => {
    const history = shop(12, 2 * 365, 1.3, 8, '2023-01-01'); // ends 2024-12-31
    const res = await forecastSeries(history, { horizon: 28, providers: ['cpu'], asOf: '2024-12-31' });
    const dates = isoDays('2025-01-01', 28);
    let payday = 0;
    let other = 0;
    for (const f of res.forecasts) {
      dates.forEach((d, h) => {
        const dom = Number(d.slice(8));
        if (dom >= 10 && dom <= 12) payday += f.mean[h]! / 3;
        else if (dom >= 14) other += f.mean[h]! / 15;
      });
    }
    expect(payday / other).toBeGreaterThan(1.2);
  });
});
