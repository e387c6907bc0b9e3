import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/lib/synthetic';
import { forecastSeries } from '../../src/main/services/forecasting';
import { isoDays } from './helpers';

function poisson(lam: number, rnd: () => number): number {
  // normal approximation is enough for these levels
  return Math.max(0, Math.round(lam + Math.sqrt(lam) * Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd())));
}

/** Monthly step factors like store_item's: busy November, 28% quieter from December 1. */
const MONTH = [0.6, 0.65, 0.8, 0.9, 1, 1.1, 1.2, 1.1, 1, 0.95, 1, 0.72];

function shop(n: number, days: number, growthPerYear: number, seed: number) {
  const rnd = mulberry32(seed);
  const dates = isoDays('2020-01-01', days);
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    dates,
    qty: dates.map((d, t) => poisson((20 + i) * MONTH[Number(d.slice(5, 7)) - 1]! * (1 + (growthPerYear * t) / 365), rnd)),
  }));
}

describe('yearly seasonality at a step and growth', () => {
  it('keeps a sharp month-to-month step and uses year-aware methods', async () => {
    const all = shop(30, 3 * 365 + 31 + 28, 0, 3);
    const end = all[0]!.dates.indexOf('2022-11-30') + 1;
    const train = all.map((s) => ({ id: s.id, dates: s.dates.slice(0, end), qty: s.qty.slice(0, end) }));
    const res = await forecastSeries(train, { horizon: 14, providers: ['cpu'] });
    let fc = 0;
    let truth = 0;
    for (const [i, f] of res.forecasts.entries()) {
      expect(f.method).toMatch(/year|combo/);
      fc += f.mean.slice(0, 3).reduce((a, b) => a + b);
      truth += 3 * (20 + i) * MONTH[11]!;
    }
    // the first December days: 1.13 before (weekly-only methods allowed, profile step blurred), ~1.0 now
    expect(fc / truth).toBeGreaterThan(0.94);
    expect(fc / truth).toBeLessThan(1.06);
  });

  it('does not lag behind a growing shop', async () => {
    const all = shop(30, 3 * 365, 0.3, 4);
    const end = all[0]!.dates.indexOf('2022-06-30') + 1;
    const train = all.map((s) => ({ id: s.id, dates: s.dates.slice(0, end), qty: s.qty.slice(0, end) }));
    const res = await forecastSeries(train, { horizon: 28, providers: ['cpu'] });
    let fc = 0;
    let truth = 0;
    for (const [i, f] of res.forecasts.entries()) {
      fc += f.mean.reduce((a, b) => a + b);
      for (let h = 0; h < 28; h++) truth += (20 + i) * MONTH[6]! * (1 + (0.3 * (end + h)) / 365);
    }
    // 0.961 before the theta drift on ses_year, 0.968 with it (half the slope: theta is conservative)
    expect(fc / truth).toBeGreaterThan(0.964);
    expect(fc / truth).toBeLessThan(1.04);
  });
});
