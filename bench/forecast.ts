/**
 * Forecast benchmark. `npm run bench:forecast` scores Shelfcast and the weekly seasonal naive on
 * every data set in ../shared/data (hold-out = last 28 days of each item, never shown to the
 * forecaster), one child process per set and method so wall time and peak RSS are its own.
 * `-- --synthetic 20000` times a synthetic shop of that many products x 3 years instead.
 * Options: --data DIR, --set NAME (one set only), --runs N (repeat, report medians).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { forecastSeries } from '../src/main/services/forecasting';
import { loadSplit, HOLDOUT } from './lib/data';
import { lag7Scale, score, type Scored, type Scores } from './lib/metrics';
import { seasonalNaive } from './lib/snaive';
import { syntheticShop } from './lib/synthetic';

type Row = Scores & { wall_s: number; peak_rss_mb: number };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

async function runOne(file: string, method: string): Promise<Row> {
  const { train, holdout } = loadSplit(file);
  const t0 = performance.now();
  const items: Scored[] = [];
  const ids: string[] = [];
  if (method === 'snaive') {
    for (const s of train) {
      const actual = holdout.get(s.id);
      if (!actual) continue;
      items.push({ actual, ...seasonalNaive(s, HOLDOUT), scale: 0 });
      ids.push(s.id);
    }
  } else {
    const res = await forecastSeries(train, { horizon: HOLDOUT });
    for (const f of res.forecasts) {
      const actual = holdout.get(f.id);
      if (!actual) continue;
      items.push({ actual, p10: f.p10, p50: f.p50, p90: f.p90, scale: 0 });
      ids.push(f.id);
    }
    const methods = new Map<string, number>();
    for (const f of res.forecasts) methods.set(f.method, (methods.get(f.method) ?? 0) + 1);
    process.stderr.write(`  provider ${res.provider}, methods ${JSON.stringify(Object.fromEntries(methods))}, backtest ${JSON.stringify(res.backtest)}\n`);
  }
  const wall = (performance.now() - t0) / 1000;
  // MASE's scale (in-sample error of last week repeated), by item id, outside the timed part
  const byId = new Map(train.map((s) => [s.id, s]));
  items.forEach((it, k) => (it.scale = lag7Scale(byId.get(ids[k]!)!.qty)));
  return { ...score(items), wall_s: wall, peak_rss_mb: peakRssMb() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function child(file: string, method: string): Row {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', file, '--method', method], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench child failed for ${file} ${method}: ${r.stdout}`);
  return JSON.parse(line) as Row;
}

const f3 = (x: number): string => x.toFixed(3);

async function synthetic(n: number): Promise<void> {
  const t0 = performance.now();
  const series = syntheticShop(n, 3 * 365);
  const tGen = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  let last = -1;
  const res = await forecastSeries(series, {
    horizon: HOLDOUT,
    onProgress: ({ done, total }) => {
      const pct = Math.floor((100 * done) / total);
      if (pct >= last + 10) {
        last = pct;
        process.stderr.write(`  ${done}/${total}\n`);
      }
    },
  });
  const wall = (performance.now() - t1) / 1000;
  console.log(
    `synthetic ${n} products x ${3 * 365} days: forecast ${wall.toFixed(1)} s (generation ${tGen.toFixed(1)} s), ` +
      `peak RSS ${peakRssMb().toFixed(0)} MB, provider ${res.provider}, backtest WAPE ${f3(res.backtest.wape)} coverage ${f3(res.backtest.coverage80)}`,
  );
  console.log(JSON.stringify({ synthetic: { products: n, wall_s: wall, peak_rss_mb: peakRssMb() } }));
}

async function main(): Promise<void> {
  const childFile = arg('child');
  if (childFile) {
    console.log(JSON.stringify(await runOne(childFile, arg('method') ?? 'shelfcast')));
    return;
  }
  const syn = arg('synthetic');
  if (syn) return synthetic(Number(syn));
  const dataDir = path.resolve(arg('data') ?? path.join(__dirname, '../../shared/data'));
  const runs = Math.max(1, Number(arg('runs') ?? 1));
  const only = arg('set');
  const sets = readdirSync(dataDir)
    .filter((d) => existsSync(path.join(dataDir, d, 'dev.csv')))
    .filter((d) => !only || d === only)
    .sort();
  const summary: Record<string, Record<string, Row>> = {};
  for (const set of sets) {
    const file = path.join(dataDir, set, 'dev.csv');
    summary[set] = {};
    for (const method of ['shelfcast', 'snaive']) {
      const rs: Row[] = [];
      for (let r = 0; r < runs; r++) rs.push(child(file, method));
      const row = Object.fromEntries(Object.keys(rs[0]!).map((k) => [k, median(rs.map((x) => x[k as keyof Row]))])) as unknown as Row;
      summary[set][method] = row;
      const mp = (row.pinball10 + row.pinball50 + row.pinball90) / 3;
      console.log(
        `${set.padEnd(18)} ${method.padEnd(9)} WAPE ${f3(row.wape)} MASE ${f3(row.mase)} bias ${f3(row.bias)} ` +
          `pinball ${f3(row.pinball10)}/${f3(row.pinball50)}/${f3(row.pinball90)} (mean ${f3(mp)}) ` +
          `cov80 ${f3(row.coverage80)} wall ${row.wall_s.toFixed(2)} s peak ${row.peak_rss_mb.toFixed(0)} MB`,
      );
    }
  }
  console.log(JSON.stringify(summary));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
