/**
 * How low can any forecaster go on a hold-out? `npm run bench:forecast:floor [-- --set NAME --draws N]`
 *
 * Fits one pooled multiplicative model, rate = item x weekday x month x calendar year, by Poisson
 * maximum likelihood (iterative proportional fitting on the margins) on EVERY day of the set,
 * hold-out included: rates no forecaster could know in advance. It prints:
 * - the dispersion (Pearson chi-square / days): about 1 means the days scatter around those rates
 *   exactly as Poisson noise, with no structure left for a better model to find;
 * - WAPE and mean pinball of the best possible forecast under those rates (Poisson median and
 *   10%/90% quantiles) on the real hold-out;
 * - the same scores over `draws` simulated hold-outs drawn from the rates: what a perfect
 *   forecaster scores on average, its spread, and how often it reaches the floor
 *   (x0.95 of the best anchor in ANCHORS.md);
 * - the same model fitted on the training days only (a forecaster, for comparison).
 * Only a bound where the dispersion is ~1 (store_item: 1.0002); over-dispersed sets (pharma 3.1,
 * the bakery 1.8) get the dispersion and the fits, and no bound.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseHistoryCsv } from '../src/main/services/forecasting/csv';
import { dayNumber, dayOfWeek, isoDate } from '../src/main/services/forecasting/dates';
import { HOLDOUT } from './lib/data';

/** Best anchor per set in ANCHORS.md (WAPE, mean pinball), the floors are x0.95 of these. */
const BEST_ANCHOR: Record<string, { wape: number; pinball: number }> = {
  store_item_demand: { wape: 0.104, pinball: 0.033 },
  pharma: { wape: 0.48, pinball: 0.16 },
  breadbasket: { wape: 0.506, pinball: 0.17 },
};

/** Days this close to Poisson around the rates leave nothing for a model to find. */
const POISSON_DISPERSION = 1.1;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Grid {
  ids: string[];
  first: number;
  days: number;
  /** items x days, NaN before an item's first day */
  y: Float64Array;
  /** first hold-out day index per item */
  cut: Int32Array;
}

function load(file: string): Grid {
  const all = parseHistoryCsv(readFileSync(file, 'utf8'));
  let first = Infinity;
  let last = -Infinity;
  for (const s of all) {
    first = Math.min(first, dayNumber(s.dates[0]!));
    last = Math.max(last, dayNumber(s.dates[s.dates.length - 1]!));
  }
  const days = last - first + 1;
  const y = new Float64Array(all.length * days).fill(NaN);
  const cut = new Int32Array(all.length);
  all.forEach((s, i) => {
    s.dates.forEach((d, k) => {
      const q = s.qty[k]!;
      y[i * days + dayNumber(d) - first] = Number.isFinite(q) ? Math.max(0, q) : NaN;
    });
    cut[i] = dayNumber(s.dates[s.dates.length - 1]!) - first + 1 - HOLDOUT;
  });
  return { ids: all.map((s) => s.id), first, days, y, cut };
}

/** Poisson rates item x weekday x month x year fitted on the days where `use(i, t)`. */
function fitRates(g: Grid, use: (i: number, t: number) => boolean): Float64Array {
  const N = g.ids.length;
  const T = g.days;
  const dow = new Int32Array(T);
  const mon = new Int32Array(T);
  const yr = new Int32Array(T);
  const y0 = Number(isoDate(g.first).slice(0, 4));
  for (let t = 0; t < T; t++) {
    const iso = isoDate(g.first + t);
    dow[t] = dayOfWeek(g.first + t);
    mon[t] = Number(iso.slice(5, 7)) - 1;
    yr[t] = Number(iso.slice(0, 4)) - y0;
  }
  const years = yr[T - 1]! + 1;
  const a = new Float64Array(N).fill(1);
  const fw = new Float64Array(7).fill(1);
  const fm = new Float64Array(12).fill(1);
  const fy = new Float64Array(years).fill(1);
  const time = (t: number) => fw[dow[t]!]! * fm[mon[t]!]! * fy[yr[t]!]!;
  // every update matches one margin (observed = fitted), which is the Poisson likelihood's score equation
  const margin = (key: Int32Array | null, size: number, f: Float64Array): void => {
    const obs = new Float64Array(size);
    const fit = new Float64Array(size);
    for (let i = 0; i < N; i++) {
      for (let t = 0; t < T; t++) {
        const v = g.y[i * T + t]!;
        if (Number.isNaN(v) || !use(i, t)) continue;
        const k = key ? key[t]! : i;
        obs[k] += v;
        fit[k] += a[i]! * time(t);
      }
    }
    for (let k = 0; k < size; k++) if (fit[k]! > 0) f[k] = f[k]! * (obs[k]! / fit[k]!);
  };
  for (let iter = 0; iter < 20; iter++) {
    margin(null, N, a);
    margin(dow, 7, fw);
    margin(mon, 12, fm);
    margin(yr, years, fy);
  }
  // a year with no fitted days (a hold-out in a new year) carries the last year's level
  for (let k = 1; k < years; k++) if (fy[k] === 1 && fy[k - 1] !== 1) fy[k] = fy[k - 1]!;
  const rate = new Float64Array(N * T);
  for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) rate[i * T + t] = a[i]! * time(t);
  return rate;
}

/** Smallest k with P(X <= k) >= tau for X ~ Poisson(lambda). */
function poissonQuantile(lambda: number, tau: number): number {
  if (lambda <= 0) return 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  if (p === 0) {
    // large lambda: start from the normal approximation's neighbourhood
    k = Math.max(0, Math.floor(lambda - 10 * Math.sqrt(lambda)));
    let logp = -lambda + k * Math.log(lambda) - logFactorial(k);
    cdf = 0;
    for (;;) {
      cdf += Math.exp(logp);
      if (cdf >= tau) return k;
      k++;
      logp += Math.log(lambda / k);
    }
  }
  while (cdf < tau) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** Seeded uniform (mulberry32), so the simulated hold-outs are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poissonDraw(lambda: number, u: () => number): number {
  // inversion; lambda here is at most a few hundred
  if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(u)));
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const x = u();
  while (x > cdf && k < 10 * lambda + 50) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
function gauss(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
}

interface Quant {
  q10: Float64Array;
  q50: Float64Array;
  q90: Float64Array;
}
function holdoutQuantiles(g: Grid, rate: Float64Array): Quant {
  const n = g.ids.length * HOLDOUT;
  const q = { q10: new Float64Array(n), q50: new Float64Array(n), q90: new Float64Array(n) };
  for (let i = 0; i < g.ids.length; i++) {
    for (let h = 0; h < HOLDOUT; h++) {
      const l = rate[i * g.days + g.cut[i]! + h]!;
      const j = i * HOLDOUT + h;
      q.q10[j] = poissonQuantile(l, 0.1);
      q.q50[j] = poissonQuantile(l, 0.5);
      q.q90[j] = poissonQuantile(l, 0.9);
    }
  }
  return q;
}

const pin = (tau: number, y: number, q: number): number => (y >= q ? tau * (y - q) : (tau - 1) * (y - q));
function scoreAgainst(actual: (j: number) => number, q: Quant): { wape: number; pinball: number } {
  let sy = 0;
  let ae = 0;
  let pb = 0;
  for (let j = 0; j < q.q50.length; j++) {
    const y = actual(j);
    if (Number.isNaN(y)) continue;
    sy += y;
    ae += Math.abs(y - q.q50[j]!);
    pb += (pin(0.1, y, q.q10[j]!) + pin(0.5, y, q.q50[j]!) + pin(0.9, y, q.q90[j]!)) / 3;
  }
  return { wape: ae / sy, pinball: pb / sy };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

function main(): void {
  const dataDir = arg('data') ?? path.resolve(__dirname, '../../shared/data');
  const set = arg('set') ?? 'store_item_demand';
  const draws = Number(arg('draws') ?? '200');
  const t0 = Date.now();
  const g = load(path.join(dataDir, set, 'dev.csv'));
  const all = fitRates(g, () => true);
  let chi = 0;
  let n = 0;
  for (let j = 0; j < g.y.length; j++) {
    const v = g.y[j]!;
    if (Number.isNaN(v) || all[j]! <= 0) continue;
    chi += (v - all[j]!) ** 2 / all[j]!;
    n++;
  }
  const actual = (j: number): number => {
    const i = Math.floor(j / HOLDOUT);
    return g.y[i * g.days + g.cut[i]! + (j % HOLDOUT)]!;
  };
  const oracle = holdoutQuantiles(g, all);
  const real = scoreAgainst(actual, oracle);
  const u = rng(20261122);
  const wapes: number[] = [];
  const pinballs: number[] = [];
  for (let d = 0; d < draws && chi / n < POISSON_DISPERSION; d++) {
    const sim = new Float64Array(oracle.q50.length);
    for (let j = 0; j < sim.length; j++) {
      const i = Math.floor(j / HOLDOUT);
      sim[j] = poissonDraw(all[i * g.days + g.cut[i]! + (j % HOLDOUT)]!, u);
    }
    const s = scoreAgainst((j) => sim[j]!, oracle);
    wapes.push(s.wape);
    pinballs.push(s.pinball);
  }
  const trainOnly = scoreAgainst(actual, holdoutQuantiles(g, fitRates(g, (i, t) => t < g.cut[i]!)));
  const anchor = BEST_ANCHOR[set];
  const floor = anchor ? { wape: anchor.wape * 0.95, pinball: anchor.pinball * 0.95 } : null;
  const dispersion = chi / n;
  // over-dispersed days (a real shop's) have structure or noise this model does not describe:
  // its "perfect" forecaster is then neither perfect nor a bound
  const poisson = dispersion < POISSON_DISPERSION;
  const f = (x: number) => x.toFixed(4);
  console.log(`${set}: ${g.ids.length} items, ${g.days} days, hold-out ${isoDate(g.first + g.cut[0]!)} + ${HOLDOUT} days`);
  console.log(`  dispersion of the days around the pooled rates (Pearson chi2 / days): ${(chi / n).toFixed(4)}`);
  console.log(`  forecast from the rates fitted on every day (hold-out included), real hold-out: WAPE ${f(real.wape)}, mean pinball ${f(real.pinball)}`);
  if (!poisson) console.log(`  the days are over-dispersed around these rates: no bound is claimed for this set`);
  else console.log(
    `  same, ${draws} simulated hold-outs: WAPE median ${f(pct(wapes, 0.5))} (5%-95% ${f(pct(wapes, 0.05))}-${f(pct(wapes, 0.95))}),` +
      ` mean pinball median ${f(pct(pinballs, 0.5))} (${f(pct(pinballs, 0.05))}-${f(pct(pinballs, 0.95))})`,
  );
  if (floor && poisson) {
    const wHit = wapes.filter((w) => w <= floor.wape).length;
    const pHit = pinballs.filter((p) => p <= floor.pinball).length;
    console.log(`  floor (x0.95 of the best anchor): WAPE ${f(floor.wape)}, mean pinball ${f(floor.pinball)}; reached in ${wHit} / ${pHit} of ${draws} draws`);
  }
  console.log(`  pooled model fitted on the training days only: WAPE ${f(trainOnly.wape)}, mean pinball ${f(trainOnly.pinball)}`);
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(
    JSON.stringify({
      [set]: {
        dispersion,
        perfect: real,
        simulatedMedian: poisson ? { wape: pct(wapes, 0.5), pinball: pct(pinballs, 0.5) } : null,
        floor,
        trainOnly,
      },
    }),
  );
}

main();
