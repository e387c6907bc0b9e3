import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/lib/synthetic';
import { candidatePaths, GRID, horizonMatchedAlpha, pathFor, seasonality } from '../../src/main/services/forecasting/candidates';
import { etsGridReference } from '../../src/main/services/forecasting/ets-reference';
import { toDaily, type DailySeries } from '../../src/main/services/forecasting/clean';
import { createEtsRunner } from '../../src/main/services/forecasting/onnx-runner';
import { weeklySeries } from './helpers';

describe('candidate paths', () => {
  const items = [weeklySeries('old', 800, 12, 3), weeklySeries('young', 200, 12, 4)]
    .map((s) => toDaily(s, undefined, []))
    .filter((d): d is DailySeries => d !== null);
  const cut = Int32Array.from(items, (it) => it.y.length);

  it('skips the weekly-only smoothing for a product with a yearly profile, unless asked for it', async () => {
    const season = seasonality(items, cut);
    expect(season.yearly[0]).not.toBeNull();
    expect(season.yearly[1]).toBeNull();
    const runner = await createEtsRunner(['cpu']);
    const [old, young] = await candidatePaths(items, cut, season, 0, 2, 14, runner);
    expect(old!.ses_week).toBeUndefined();
    expect(old!.ses_year).toBeDefined();
    expect(young!.ses_week).toBeDefined();
    expect(young!.ses_year).toBeUndefined();
    // combo is built from the yearly variants, and is a real level (~12 a day), not zeros
    const combo = pathFor(old!, 'combo', 14);
    const mean = combo.reduce((a, b) => a + b) / 14;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(16);

    const [asked] = await candidatePaths(items, cut, season, 0, 1, 14, runner, () => true);
    expect(asked!.ses_week).toBeDefined();
    expect(Array.from(pathFor(asked!, 'ses_week', 14))).toEqual(Array.from(asked!.ses_week!));
  });
});

describe('horizon-matched smoothing for products with a yearly profile', () => {
  const T = 364;
  const H = 28;
  const one = (values: number[]) => ({ y: Float32Array.from(values), m: new Float32Array(T).fill(1) });
  const oneStepBest = (y: Float32Array, m: Float32Array): number => {
    const ses = Array.from(GRID.alpha).filter((_, k) => GRID.phi[k] === 0);
    const n = ses.length;
    const res = etsGridReference({ y, m, l0: Float32Array.of(20), alpha: Float32Array.from(ses), beta: new Float32Array(n), phi: new Float32Array(n), B: 1, T, H });
    let kb = 0;
    for (let k = 1; k < ses.length; k++) if (res.sse[k]! < res.sse[kb]!) kb = k;
    return ses[kb]!;
  };

  it('keeps a slow level when day-to-day swings fade within days (they say nothing about next month)', () => {
    const rnd = mulberry32(5);
    let e = 0;
    const { y, m } = one(Array.from({ length: T }, () => (e = 0.7 * e + 6 * (rnd() - 0.5)) + 20));
    const alpha = GRID.alpha[horizonMatchedAlpha(y, m, 20, 0, T, H)]!;
    expect(alpha).toBeLessThanOrEqual(0.02);
    // the one-step fit chases the short swings with a much livelier level
    expect(oneStepBest(y, m)).toBeGreaterThanOrEqual(0.1);
  });

  it('follows a level that moves for good', () => {
    const rnd = mulberry32(6);
    let level = 20;
    const { y, m } = one(Array.from({ length: T }, () => (level += 0.8 * (rnd() - 0.5)) + 2 * (rnd() - 0.5)));
    expect(GRID.alpha[horizonMatchedAlpha(y, m, 20, 0, T, H)]!).toBeGreaterThanOrEqual(0.05);
  });
});
