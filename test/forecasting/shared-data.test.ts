import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSplit, HOLDOUT } from '../../bench/lib/data';
import { lag7Scale, score, type Scored } from '../../bench/lib/metrics';
import { seasonalNaive } from '../../bench/lib/snaive';
import { forecastSeries } from '../../src/main/services/forecasting';

const dataDir = path.resolve(__dirname, '../../../shared/data');

// Runs only where the shared data sets exist (CI has them); the small sets keep it quick.
describe.runIf(existsSync(dataDir))('real shop data (hold-out of 28 days)', () => {
  it.each(['pharma', 'breadbasket'])('%s: beats the seasonal naive, band holds ~80%% of days', async (set) => {
    const { train, holdout } = loadSplit(path.join(dataDir, set, 'dev.csv'));
    const res = await forecastSeries(train, { horizon: HOLDOUT, providers: ['cpu'] });
    const ours: Scored[] = [];
    const naive: Scored[] = [];
    for (const s of train) {
      const actual = holdout.get(s.id);
      if (!actual) continue;
      const f = res.forecasts.find((x) => x.id === s.id)!;
      ours.push({ actual, p10: f.p10, p50: f.p50, p90: f.p90, scale: lag7Scale(s.qty) });
      naive.push({ actual, ...seasonalNaive(s, HOLDOUT), scale: lag7Scale(s.qty) });
    }
    const a = score(ours);
    const b = score(naive);
    expect(a.wape).toBeLessThan(b.wape);
    expect(a.mase).toBeLessThan(b.mase);
    expect(a.coverage80).toBeGreaterThan(0.7);
    expect(a.coverage80).toBeLessThan(0.9);
  });
});
