import { describe, expect, it } from 'vitest';
import { candidatePaths, pathFor, seasonality } from '../../src/main/services/forecasting/candidates';
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
