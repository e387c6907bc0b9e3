/**
 * Shelfcast against the classical anchors on pseudo hold-outs: `npm run bench:forecast:anchors`.
 * ANCHORS.md scores R's forecast package and Prophet on the benchmark's own hold-out only; this runs
 * the same methods (bench/anchors/anchors.R) at earlier origins, the benchmark's hold-out cut off
 * first (as bench:forecast:origins), so the floor "5% below the best anchor" can be checked in
 * other seasons, December included. Needs R: `apt-get install r-cran-forecast r-cran-prophet`
 * (Debian). Not part of `npm test`.
 * Options: --set NAME (default store_item_demand), --origins A,B,... (default: that set's origins in
 * bench:forecast:origins), --methods theta,ets,arima,prophet (default theta,prophet), --data DIR,
 * --cache DIR (keep R's forecasts there and reuse them: R is deterministic and slow, Shelfcast is not).
 * Prophet takes ~10 min per store_item origin on this machine; ets ~13 min; arima much longer.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forecastSeries } from '../src/main/services/forecasting';
import { parseHistoryCsv } from '../src/main/services/forecasting/csv';
import type { Series } from '../src/main/services/forecasting/types';
import { ORIGINS, splitAt, trainingPart } from './forecast-origins';
import { HOLDOUT } from './lib/data';
import { lag7Scale, score, type Scored, type Scores } from './lib/metrics';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const meanPinball = (s: Scores): number => (s.pinball10 + s.pinball50 + s.pinball90) / 3;

function toCsv(hist: Series[]): string {
  const lines = ['item_id,date,qty'];
  for (const s of hist) for (let i = 0; i < s.dates.length; i++) lines.push(`${s.id},${s.dates[i]},${s.qty[i]}`);
  return `${lines.join('\n')}\n`;
}

/** method -> item -> quantile paths, from anchors.R's output. */
function readAnchors(file: string): Map<string, Map<string, { p10: number[]; p50: number[]; p90: number[] }>> {
  const by = new Map<string, Map<string, { p10: number[]; p50: number[]; p90: number[] }>>();
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  for (const line of rows) {
    const [m, id, , p10, p50, p90] = line.replace(/"/g, '').split(',');
    const items = by.get(m!) ?? new Map<string, { p10: number[]; p50: number[]; p90: number[] }>();
    by.set(m!, items);
    const f = items.get(id!) ?? { p10: [], p50: [], p90: [] };
    items.set(id!, f);
    f.p10.push(Number(p10));
    f.p50.push(Number(p50));
    f.p90.push(Number(p90));
  }
  return by;
}

function line(origin: string, name: string, s: Scores, items: number): string {
  return `${origin} ${name.padEnd(9)} items ${String(items).padStart(3)} WAPE ${s.wape.toFixed(4)} pinball ${meanPinball(s).toFixed(4)} cov80 ${s.coverage80.toFixed(3)} bias ${s.bias.toFixed(4)}`;
}

async function main(): Promise<void> {
  const check = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (check.error) {
    console.error('Rscript not found: apt-get install r-cran-forecast r-cran-prophet (Debian), then run again.');
    process.exit(2);
  }
  const dataDir = path.resolve(arg('data') ?? path.join(__dirname, '../../shared/data'));
  const set = arg('set') ?? 'store_item_demand';
  const origins = arg('origins')?.split(',') ?? ORIGINS[set];
  if (!origins) throw new Error(`no origins for set "${set}"; give --origins`);
  const methods = arg('methods') ?? 'theta,prophet';
  const cacheDir = arg('cache');
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const train = trainingPart(parseHistoryCsv(readFileSync(path.join(dataDir, set, 'dev.csv'), 'utf8')));
  const tmp = mkdtempSync(path.join(tmpdir(), 'shelfcast-anchors-'));
  const json: Record<string, Record<string, Scores & { ratioWape: number; ratioPinball: number }>> = {};
  try {
    for (const origin of origins) {
      const { hist, actual } = splitAt(train, origin);
      const byId = new Map(hist.map((s) => [s.id, s]));
      const scored = (paths: Iterable<[string, { p10: number[]; p50: number[]; p90: number[] }]>): Scored[] => {
        const out: Scored[] = [];
        for (const [id, f] of paths) {
          const a = actual.get(id);
          if (a) out.push({ actual: a, p10: f.p10, p50: f.p50, p90: f.p90, scale: lag7Scale(byId.get(id)!.qty) });
        }
        return out;
      };
      const histFile = path.join(tmp, 'history.csv');
      const outFile = path.join(tmp, 'anchors.csv');
      const cached = cacheDir ? path.join(cacheDir, `${set}_${origin}_${methods.replace(/,/g, '-')}.csv`) : undefined;
      if (cached && existsSync(cached)) copyFileSync(cached, outFile);
      else {
        writeFileSync(histFile, toCsv(hist));
        const r = spawnSync('Rscript', [path.join(__dirname, 'anchors', 'anchors.R'), histFile, origin, String(HOLDOUT), methods, outFile], {
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`anchors.R failed at ${origin}: ${r.stderr.slice(-2000)}`);
        if (cached) copyFileSync(outFile, cached);
      }
      json[origin] = {};
      let bestWape = Infinity;
      let bestPinball = Infinity;
      for (const [m, paths] of readAnchors(outFile)) {
        const items = scored(paths);
        const s = score(items);
        bestWape = Math.min(bestWape, s.wape);
        bestPinball = Math.min(bestPinball, meanPinball(s));
        json[origin][m] = { ...s, ratioWape: 1, ratioPinball: 1 };
        console.log(line(origin, m, s, items.length));
      }
      const res = await forecastSeries(hist, { horizon: HOLDOUT });
      const items = scored(res.forecasts.map((f) => [f.id, f] as [string, ProductPaths]));
      const s = score(items);
      const ratioWape = s.wape / bestWape;
      const ratioPinball = meanPinball(s) / bestPinball;
      json[origin].shelfcast = { ...s, ratioWape, ratioPinball };
      console.log(`${line(origin, 'shelfcast', s, items.length)}  vs best anchor: WAPE x${ratioWape.toFixed(3)}, pinball x${ratioPinball.toFixed(3)} (floor x0.950)`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ [set]: json }));
}

type ProductPaths = { p10: number[]; p50: number[]; p90: number[] };

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
