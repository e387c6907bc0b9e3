import { describe, expect, it } from 'vitest';
import { BAND_SIGMAS } from '../../src/shared/domain/forecast';
import type { DailySeries } from '../../src/main/services/forecasting/clean';
import { nbQuantiles } from '../../src/main/services/forecasting/quantiles';
import type { Choice } from '../../src/main/services/forecasting/select';
import { LEVEL_INFLATION, totalSpread } from '../../src/main/services/forecasting/total-spread';

const H = 7;
const FORECAST = 10;
const PRODUCTS = 4;
const choice: Choice = { method: 'ses_week', alpha: 0.1, lo: 1, hi: 1, wape: 0, naiveWape: 0, mase: 0, days: 0, expected: 0, sold: 0 };

/** One product's variance as the dashboard reads it from a forecast of FORECAST a day. */
function productVariance(): number {
  const q = new Float64Array(3);
  nbQuantiles(FORECAST, choice.alpha, false, q, 1, 1);
  return ((q[2]! - q[0]!) / BAND_SIGMAS) ** 2;
}

/**
 * PRODUCTS products forecast at FORECAST a day in every window; `offsets[w][h]` is how far each
 * product sold above that on day h of window w (so the shop's total is off by PRODUCTS times it).
 */
function backtest(offsets: number[][]) {
  const W = offsets.length;
  // window w starts at day 7 + w × H: each has 7 days of history before it
  const len = 7 + W * H;
  const items: DailySeries[] = Array.from({ length: PRODUCTS }, (_, i) => {
    const y = new Float64Array(len).fill(FORECAST);
    offsets.forEach((o, w) => o.forEach((d, h) => (y[7 + w * H + h] = FORECAST + d)));
    return { id: `p${i}`, start: 20_000, y };
  });
  const passes = offsets.map((_, w) => ({
    cut: new Int32Array(PRODUCTS).fill(7 + w * H),
    paths: items.map(() => ({ ses_week: new Float64Array(H).fill(FORECAST) })),
  }));
  return totalSpread(items, passes, items.map(() => choice), items.map(() => false), H);
}

describe('the spread of the shop total (what the dashboard widens its 80% range by)', () => {
  it('widens a level error seen in a single window by Student t at one degree of freedom', () => {
    // every product sold 2 more than forecast on every day: the total was 8 high all week
    const spread = backtest([Array(H).fill(2)]);
    const variance = H * PRODUCTS * productVariance();
    expect(LEVEL_INFLATION[1]).toBeCloseTo((3.0777 / 1.2816) ** 2, 1);
    expect(spread).toBeCloseTo((H * 8 ** 2 * LEVEL_INFLATION[1]!) / variance, 9);
  });

  it("counts day-to-day swings on every day, and each window's level once, widened for three draws", () => {
    const swings = [3, -3, 3, -3, 3, -3, 0];
    // levels +1, -1, +1 per product; the swings add nothing to a window's mean
    const offsets = [1, -1, 1].map((level) => swings.map((s) => level + s));
    const spread = backtest(offsets);
    const variance = 3 * H * PRODUCTS * productVariance();
    const resid = 3 * swings.reduce((a, s) => a + (PRODUCTS * s) ** 2, 0) * ((3 * H) / (3 * H - 3));
    const level = 3 * H * PRODUCTS ** 2 * LEVEL_INFLATION[3]!;
    expect(LEVEL_INFLATION[3]).toBeCloseTo((1.6377 / 1.2816) ** 2, 1);
    expect(spread).toBeCloseTo((resid + level) / variance, 9);
    // counted like the swings, the level would widen the range less
    const plain = (3 * swings.reduce((a, s) => a + (PRODUCTS * s) ** 2, 0) + 3 * H * PRODUCTS ** 2) / variance;
    expect(spread).toBeGreaterThan(plain);
  });

  it('is never below 1, and NaN when no window could be scored', () => {
    expect(backtest([Array(H).fill(0)])).toBe(1);
    expect(backtest([])).toBeNaN();
  });
});
