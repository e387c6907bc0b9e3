/**
 * Pseudo hold-outs inside the training part: `npm run bench:forecast:origins`. The benchmark's own
 * hold-out (each item's last 28 days of dev.csv) is cut off first and never read; each origin
 * then truncates the remaining history at an earlier date and scores the next 28 days with the
 * benchmark's metrics (ANCHORS.md). store_item's origins include the Decembers of earlier years
 * (the hold-out that finally counts falls in December) and the other seasons; pharma's are spread
 * over 2016-2019; breadbasket has only ~2 months before its hold-out.
 * Options: --data DIR, --set NAME, --json FILE (write every origin's scores), --origins A,B,...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { forecastSeries } from '../src/main/services/forecasting';
import { parseHistoryCsv } from '../src/main/services/forecasting/csv';
import { dayNumber } from '../src/main/services/forecasting/dates';
import type { Series } from '../src/main/services/forecasting/types';
import { HOLDOUT, MIN_TRAIN_DAYS } from './lib/data';
import { lag7Scale, score, totalCoverage, type Scored, type Scores } from './lib/metrics';

/** First day of each pseudo hold-out (history = the days before it). */
export const ORIGINS: Record<string, string[]> = {
  store_item_demand: [
    '2014-12-04',
    '2015-12-04',
    '2016-12-04',
    '2015-11-06',
    '2016-11-06',
    '2016-03-01',
    '2016-06-01',
    '2016-09-01',
    '2017-01-02',
    '2017-04-01',
    '2017-07-01',
    '2017-09-11',
  ],
  pharma: [
    '2016-01-15',
    '2016-04-15',
    '2016-07-15',
    '2016-10-15',
    '2016-12-11',
    '2017-03-15',
    '2017-06-15',
    '2017-09-15',
    '2017-12-11',
    '2018-03-15',
    '2018-06-15',
    '2018-09-15',
    '2018-12-11',
    '2019-03-15',
    '2019-06-19',
  ],
  breadbasket: ['2016-11-21', '2016-12-05', '2016-12-19'],
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Drops each item's last HOLDOUT rows (the benchmark's hold-out): what origins may look at. */
export function trainingPart(all: Series[]): Series[] {
  return all
    .filter((s) => s.dates.length > HOLDOUT)
    .map((s) => ({ id: s.id, dates: s.dates.slice(0, -HOLDOUT), qty: s.qty.slice(0, -HOLDOUT) }));
}

/** History before `origin` and the next HOLDOUT actuals, for items with >= MIN_TRAIN_DAYS days before it. */
export function splitAt(train: Series[], origin: string): { hist: Series[]; actual: Map<string, number[]> } {
  const o = dayNumber(origin);
  const hist: Series[] = [];
  const actual = new Map<string, number[]>();
  for (const s of train) {
    const first = dayNumber(s.dates[0]!);
    const cut = o - first;
    if (cut < 1) continue;
    if (cut + HOLDOUT > s.dates.length) throw new Error(`${origin}: pseudo hold-out runs into the benchmark hold-out`);
    hist.push({ id: s.id, dates: s.dates.slice(0, cut), qty: s.qty.slice(0, cut) });
    if (cut >= MIN_TRAIN_DAYS) actual.set(s.id, s.qty.slice(cut, cut + HOLDOUT));
  }
  return { hist, actual };
}

const f4 = (x: number): string => x.toFixed(4);
const meanPinball = (s: Scores): number => (s.pinball10 + s.pinball50 + s.pinball90) / 3;

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('data') ?? path.join(__dirname, '../../shared/data'));
  const only = arg('set');
  const originArg = arg('origins');
  const out: Record<string, Record<string, Scores>> = {};
  for (const set of Object.keys(ORIGINS).filter((s) => !only || s === only)) {
    const train = trainingPart(parseHistoryCsv(readFileSync(path.join(dataDir, set, 'dev.csv'), 'utf8')));
    const origins = originArg ? originArg.split(',') : ORIGINS[set]!;
    out[set] = {};
    const acc = { wape: 0, pin: 0, cov: 0, bias: 0, total: 0, totalIndependent: 0 };
    for (const origin of origins) {
      const t0 = performance.now();
      const { hist, actual } = splitAt(train, origin);
      const res = await forecastSeries(hist, { horizon: HOLDOUT });
      const items: (Scored & { mean: number[] })[] = [];
      const byId = new Map(hist.map((s) => [s.id, s]));
      for (const f of res.forecasts) {
        const a = actual.get(f.id);
        if (a) items.push({ actual: a, p10: f.p10, p50: f.p50, p90: f.p90, mean: f.mean, scale: lag7Scale(byId.get(f.id)!.qty) });
      }
      const s = score(items);
      out[set][origin] = s;
      // the dashboard's 80% range of the shop's daily total: widened by the backtest's spread, and as if items erred independently
      const total = totalCoverage(items, res.backtest.totalSpread);
      const independent = totalCoverage(items, 1);
      acc.total += total / origins.length;
      acc.totalIndependent += independent / origins.length;
      acc.wape += s.wape / origins.length;
      acc.pin += meanPinball(s) / origins.length;
      acc.cov += s.coverage80 / origins.length;
      acc.bias += s.bias / origins.length;
      console.log(
        `${set.padEnd(18)} ${origin} items ${String(items.length).padStart(3)} WAPE ${f4(s.wape)} pinball ${f4(meanPinball(s))} ` +
          `cov80 ${f4(s.coverage80)} bias ${f4(s.bias)} total80 ${f4(total)} (independent ${f4(independent)}, spread ${res.backtest.totalSpread.toFixed(2)}) ` +
          `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
    console.log(
      `${set.padEnd(18)} MEAN over ${origins.length} origins: WAPE ${f4(acc.wape)} pinball ${f4(acc.pin)} cov80 ${f4(acc.cov)} bias ${f4(acc.bias)} ` +
        `total80 ${f4(acc.total)} (independent ${f4(acc.totalIndependent)})`,
    );
  }
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify(out, null, 1));
  console.log(JSON.stringify(out));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
