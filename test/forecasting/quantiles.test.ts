import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/lib/synthetic';
import { forecastSeries } from '../../src/main/services/forecasting';
import { nbQuantiles } from '../../src/main/services/forecasting/quantiles';
import { weeklySeries } from './helpers';

describe('negative binomial quantiles', () => {
  it('are non-negative and ordered for random means, dispersions and band scales', () => {
    const rnd = mulberry32(7);
    const q = new Float64Array(3);
    for (let i = 0; i < 5000; i++) {
      const mu = rnd() < 0.1 ? 0 : Math.exp(rnd() * 12 - 5);
      const alpha = rnd() < 0.3 ? 0 : rnd() * 2;
      const integer = rnd() < 0.5;
      nbQuantiles(mu, alpha, integer, q, 0.4 + rnd() * 2.6, 0.4 + rnd() * 2.6);
      expect(q[0]).toBeGreaterThanOrEqual(0);
      expect(q[0]!).toBeLessThanOrEqual(q[1]!);
      expect(q[1]!).toBeLessThanOrEqual(q[2]!);
      if (integer) expect(Number.isInteger(q[1])).toBe(true);
    }
  });

  it('gives whole-unit medians and a zero P10 for slow movers', () => {
    const q = new Float64Array(3);
    nbQuantiles(0.3, 0, true, q);
    expect([q[0], q[1]]).toEqual([0, 0]);
    expect(q[2]).toBeGreaterThan(0.5);
    expect(q[2]).toBeLessThan(1.5);
    nbQuantiles(2, 0, true, q);
    expect(q[1]).toBe(2);
    expect(q[0]).toBeLessThan(1);
    expect(q[2]).toBeGreaterThan(3);
  });

  it('keeps the skew for products sold by the thousand (the summed CDF stops at a mean of 2000)', () => {
    // the negative binomial's median count, summed here in log space: the reference
    const exactMedian = (mu: number, alpha: number): number => {
      const r = 1 / alpha;
      let logP = r * Math.log(r / (r + mu));
      let cdf = Math.exp(logP);
      let k = 0;
      while (cdf < 0.5) {
        logP += Math.log(((k + r) / (k + 1)) * (mu / (r + mu)));
        k++;
        cdf += Math.exp(logP);
      }
      return k;
    };
    const q = new Float64Array(3);
    for (const [mu, alpha] of [
      [2500, 0.2],
      [2500, 0.05],
      [40_000, 0.1],
    ] as const) {
      nbQuantiles(mu, alpha, true, q);
      // a normal would put it at the mean: 7% too high at alpha 0.2
      expect(Math.abs(q[1]! - exactMedian(mu, alpha)) / mu).toBeLessThan(0.003);
      expect(q[1]).toBeLessThan(mu);
    }
    // no jump where the summing stops
    const below = new Float64Array(3);
    for (const alpha of [0, 0.05, 0.2]) {
      nbQuantiles(1999.9, alpha, false, below);
      nbQuantiles(2000.1, alpha, false, q);
      for (let j = 0; j < 3; j++) expect(Math.abs(q[j]! - below[j]!) / 2000).toBeLessThan(0.002);
    }
  });

  it('matches Poisson coverage: P10 <= y <= P90 holds about 80% of simulated counts', () => {
    const rnd = mulberry32(3);
    const q = new Float64Array(3);
    let inBand = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const mu = 5 + rnd() * 50;
      nbQuantiles(mu, 0, false, q);
      let k = 0;
      let p = 1;
      const L = Math.exp(-mu);
      do {
        k++;
        p *= rnd();
      } while (p > L);
      const y = k - 1 + rnd() - 0.5; // continuous version of the count
      if (y >= q[0]! && y <= q[2]!) inBand++;
    }
    expect(inBand / n).toBeGreaterThan(0.77);
    expect(inBand / n).toBeLessThan(0.83);
  });
});

describe('forecast quantiles', () => {
  it('are non-negative and ordered for every product and day', async () => {
    const series = [
      weeklySeries('fast', 200, 40, 1),
      weeklySeries('slow', 200, 0.4, 2),
      weeklySeries('one-a-day', 200, 1, 3),
      weeklySeries('two-a-day', 200, 2, 4),
    ];
    const res = await forecastSeries(series, { horizon: 21, providers: ['cpu'] });
    expect(res.forecasts).toHaveLength(4);
    for (const f of res.forecasts) {
      expect(f.p50).toHaveLength(21);
      for (let h = 0; h < 21; h++) {
        expect(f.p10[h]).toBeGreaterThanOrEqual(0);
        expect(f.p10[h]!).toBeLessThanOrEqual(f.p50[h]!);
        expect(f.p50[h]!).toBeLessThanOrEqual(f.p90[h]!);
        expect(Number.isInteger(f.p50[h])).toBe(true);
      }
    }
    const slow = res.forecasts.find((f) => f.id === 'slow')!;
    expect(Math.max(...slow.p90)).toBeLessThan(4);
    const fast = res.forecasts.find((f) => f.id === 'fast')!;
    const mean = fast.p50.reduce((a, b) => a + b) / 21;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(50);
  });
});
