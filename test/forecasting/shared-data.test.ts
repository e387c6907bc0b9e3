import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSplit, HOLDOUT } from '../../bench/lib/data';
import { ORIGINS, splitAt, trainingPart } from '../../bench/forecast-origins';
import { lag7Scale, score, totalCoverage, type Scored } from '../../bench/lib/metrics';
import { seasonalNaive } from '../../bench/lib/snaive';
import { forecastSeries, parseHistoryCsv } from '../../src/main/services/forecasting';

const dataDir = path.resolve(__dirname, '../../../shared/data');

// Runs only where the shared data sets exist (CI has them); the small sets keep it quick.
describe.runIf(existsSync(dataDir))('real shop data (hold-out of 28 days)', () => {
  it.each(['pharma', 'breadbasket'])('%s: beats the seasonal naive, its band holds about 4 days in 5', async (set) => {
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

// The dashboard's 80% range of the shop's daily total, at the pseudo hold-outs of bench:forecast:origins.
describe.runIf(existsSync(dataDir))("real shop data: the range of the shop's daily total", () => {
  it.each(['store_item_demand', 'pharma'])('%s: holds about 4 days in 5 over the pseudo hold-outs', async (set) => {
    const train = trainingPart(parseHistoryCsv(readFileSync(path.join(dataDir, set, 'dev.csv'), 'utf8')));
    let covered = 0;
    for (const origin of ORIGINS[set]!) {
      const { hist, actual } = splitAt(train, origin);
      const res = await forecastSeries(hist, { horizon: HOLDOUT, providers: ['cpu'] });
      const items = res.forecasts.filter((f) => actual.has(f.id)).map((f) => ({ actual: actual.get(f.id)!, mean: f.mean, p10: f.p10, p90: f.p90 }));
      expect(res.backtest.totalSpread).toBeGreaterThanOrEqual(1);
      covered += totalCoverage(items, res.backtest.totalSpread) / ORIGINS[set]!.length;
    }
    // before the level error was widened to Student's t, store_item's held 68%
    expect(covered).toBeGreaterThan(0.75);
    expect(covered).toBeLessThan(0.92);
  }, 60_000);
});
