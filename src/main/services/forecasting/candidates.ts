import type { DailySeries } from './clean';
import { dayOfMonth, dayOfWeek, dayOfYear, dayOfYearRange } from './dates';
import type { EtsRunner } from './onnx-runner';
import { monthDayProfile, weeklyProfiles, yearlyProfiles } from './profiles';
import type { Method } from './types';

/**
 * Parameter grid searched by ets_grid.onnx for every series in one call. The first SES_K entries
 * are simple exponential smoothing (no trend), the rest additive damped trend.
 */
const SES_ALPHA = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35];
const DAMPED = [0.05, 0.1, 0.2, 0.35].flatMap((a) => [
  { a, b: 0.1, phi: 0.9 },
  { a, b: 0.05, phi: 0.98 },
]);
export const GRID = {
  alpha: Float32Array.from([...SES_ALPHA, ...DAMPED.map((d) => d.a)]),
  beta: Float32Array.from([...SES_ALPHA.map(() => 0), ...DAMPED.map((d) => d.b)]),
  phi: Float32Array.from([...SES_ALPHA.map(() => 0), ...DAMPED.map((d) => d.phi)]),
};
const SES_K = SES_ALPHA.length;
const K = GRID.alpha.length;

/** Days of history the smoothing runs over; older days only shape the seasonal profiles. */
const ETS_WINDOW = 364;
/** Share of zero days from which a product also gets the intermittent-demand (TSB) candidate. */
export const INTERMITTENT_ZERO_SHARE = 0.3;

export type Paths = Partial<Record<Method, Float64Array>>;

export interface Seasonality {
  weekly: Float64Array[];
  yearly: (Float64Array | null)[];
  /** Shop-wide day-of-month multipliers (1..31), null with under a year of history. */
  monthly: Float64Array | null;
}

/**
 * The seasonal profiles from each product's days before cut[i]. With `slow`, the yearly and
 * day-of-month profiles (the costly part, and the part that hardly moves in a few weeks) are
 * taken from an earlier computation, and only the weekly one is estimated at this cut.
 */
export function seasonality(items: DailySeries[], cut: Int32Array, slow?: Seasonality): Seasonality {
  const weekly = weeklyProfiles(items, cut);
  if (slow) return { weekly, yearly: slow.yearly, monthly: slow.monthly };
  return { weekly, yearly: yearlyProfiles(items, cut, weekly), monthly: monthDayProfile(items, cut, weekly) };
}

type RowKind = 'week' | 'year' | 'tsbP' | 'tsbZ';
interface Row {
  item: number;
  kind: RowKind;
}

function factor(s: Seasonality, i: number, day: number, withYear: boolean): number {
  let f = s.weekly[i]![dayOfWeek(day)]!;
  const y = s.yearly[i];
  if (withYear && y) f *= y[dayOfYear(day)]!;
  if (s.monthly) f *= s.monthly[dayOfMonth(day)]!;
  return f;
}

function zeroShare(y: Float64Array, from: number, to: number): number {
  let z = 0;
  let n = 0;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    n++;
    if (v === 0) z++;
  }
  return n > 0 ? z / n : 1;
}

function seasonalNaive(y: Float64Array, cut: number, H: number): Float64Array {
  const out = new Float64Array(H);
  let sum = 0;
  let n = 0;
  for (let t = Math.max(0, cut - 28); t < cut; t++) {
    if (!Number.isNaN(y[t]!)) {
      sum += y[t]!;
      n++;
    }
  }
  const fallback = n > 0 ? sum / n : 0;
  for (let h = 0; h < H; h++) {
    const t = cut - 7 + (h % 7);
    out[h] = t >= 0 && !Number.isNaN(y[t]!) ? y[t]! : fallback;
  }
  return out;
}

/**
 * Mean forecast paths of every candidate method for products items[from..to), each using only
 * its days before cut[i]. One ONNX call covers all smoothing rows of the batch.
 *
 * The weekly-only smoothing (`ses_week`, `damped_week`) is run only for products without a
 * yearly profile, unless `weeklyAlso(i)` asks for it: a product with one never selects them and
 * its `combo` is made of the yearly variants, so for a shop with years of history this halves
 * the ONNX work.
 */
export async function candidatePaths(
  items: DailySeries[],
  cut: Int32Array,
  season: Seasonality,
  from: number,
  to: number,
  H: number,
  runner: EtsRunner,
  weeklyAlso?: (i: number) => boolean,
): Promise<Paths[]> {
  const rows: Row[] = [];
  for (let i = from; i < to; i++) {
    const c = cut[i]!;
    if (c < 1) continue;
    if (!season.yearly[i] || weeklyAlso?.(i)) rows.push({ item: i, kind: 'week' });
    if (season.yearly[i]) rows.push({ item: i, kind: 'year' });
    if (zeroShare(items[i]!.y, Math.max(0, c - ETS_WINDOW), c) >= INTERMITTENT_ZERO_SHARE) {
      rows.push({ item: i, kind: 'tsbP' }, { item: i, kind: 'tsbZ' });
    }
  }
  const out: Paths[] = [];
  for (let i = from; i < to; i++) out.push({});
  if (rows.length === 0) return out;

  let T = 1;
  for (const r of rows) T = Math.max(T, Math.min(cut[r.item]!, ETS_WINDOW));
  const B = rows.length;
  const y = new Float32Array(B * T);
  const m = new Float32Array(B * T);
  const l0 = new Float32Array(B);
  for (let r = 0; r < B; r++) {
    const { item, kind } = rows[r]!;
    const it = items[item]!;
    const c = cut[item]!;
    const len = Math.min(c, ETS_WINDOW);
    const pad = T - len;
    let initSum = 0;
    let initN = 0;
    const from = c - len;
    const w = season.weekly[item]!;
    const yearly = kind === 'year' ? season.yearly[item] : null;
    const doy = yearly ? dayOfYearRange(it.start + from, len) : null;
    const dow0 = dayOfWeek(it.start + from);
    const monthly = season.monthly;
    for (let k = 0; k < len; k++) {
      const t = from + k;
      const v = it.y[t]!;
      if (Number.isNaN(v)) continue;
      const f = w[(dow0 + k) % 7]! * (yearly ? yearly[doy![k]!]! : 1) * (monthly ? monthly[dayOfMonth(it.start + t)]! : 1);
      if (f < 1e-6) continue;
      let val = v / f;
      if (kind === 'tsbP') val = v > 0 ? 1 : 0;
      else if (kind === 'tsbZ' && v <= 0) continue;
      y[r * T + pad + k] = val;
      m[r * T + pad + k] = 1;
      if (initN < 28) {
        initSum += val;
        initN++;
      }
    }
    // nothing known in the window (out of stock for longer than it): the level starts from the
    // last known days before it and, with nothing to move it, stays there: unknown is not zero
    const empty = initN === 0;
    for (let t = from - 1; empty && t >= 0 && initN < 28; t--) {
      const v = it.y[t]!;
      if (Number.isNaN(v) || (kind === 'tsbZ' && v <= 0)) continue;
      const f = w[dayOfWeek(it.start + t)]! * (yearly ? yearly[dayOfYear(it.start + t)]! : 1) * (monthly ? monthly[dayOfMonth(it.start + t)]! : 1);
      if (f < 1e-6) continue;
      initSum += kind === 'tsbP' ? (v > 0 ? 1 : 0) : v / f;
      initN++;
    }
    l0[r] = initN > 0 ? initSum / initN : 0;
  }
  const res = await runner.run({ y, m, l0, alpha: GRID.alpha, beta: GRID.beta, phi: GRID.phi, B, T, H });

  const best = (r: number, lo: number, hi: number): number => {
    let kb = lo;
    for (let k = lo + 1; k < hi; k++) if (res.sse[r * K + k]! < res.sse[r * K + kb]!) kb = k;
    return kb;
  };
  const level = (r: number, k: number, h: number): number => res.forecast[(r * K + k) * H + h]!;
  for (let r = 0; r < B; r++) {
    const { item, kind } = rows[r]!;
    const it = items[item]!;
    const c = cut[item]!;
    const p = out[item - from]!;
    if (kind === 'week' || kind === 'year') {
      const ks = kind === 'year' ? horizonMatchedAlpha(y, m, l0[r]!, r, T, H) : best(r, 0, SES_K);
      const kd = best(r, SES_K, K);
      const ses = new Float64Array(H);
      const damped = new Float64Array(H);
      const drift = kind === 'year' ? thetaDrift(y, m, r, T, GRID.alpha[ks]!) : null;
      for (let h = 0; h < H; h++) {
        const f = factor(season, item, it.start + c + h, kind === 'year');
        ses[h] = Math.max(0, level(r, ks, h) + (drift ? drift.b * (h + 1 + drift.lag) : 0)) * f;
        damped[h] = Math.max(0, level(r, kd, h)) * f;
      }
      p[kind === 'week' ? 'ses_week' : 'ses_year'] = ses;
      p[kind === 'week' ? 'damped_week' : 'damped_year'] = damped;
    } else if (kind === 'tsbP') {
      const prob = Math.min(1, Math.max(0, level(r, best(r, 0, SES_K), 0)));
      const size = Math.max(0, level(r + 1, best(r + 1, 0, SES_K), 0));
      const tsb = new Float64Array(H);
      for (let h = 0; h < H; h++) tsb[h] = prob * size * factor(season, item, it.start + c + h, false);
      p.tsb = tsb;
    }
  }
  for (let i = from; i < to; i++) {
    if (cut[i]! < 1) continue;
    const p = out[i - from]!;
    p.snaive = seasonalNaive(items[i]!.y, cut[i]!, H);
  }
  return out;
}

/**
 * The simple-smoothing alpha whose level best predicts the next H days (sum over every day t of
 * the squared errors of l_t against days t+1..t+H), not just the next one. The forecast is that
 * level held flat for H days, so this is the error it is judged on; one-step error favours a
 * livelier level that chases noise. Only for products with a yearly profile: the bakery (weeks of
 * history, no yearly profile) lost with it, pooled origins WAPE 0.6151 -> 0.6200. Pharma 15
 * origins 0.4099 -> 0.4089, its 16 autumn origins 0.4008 -> 0.3999; store_item unchanged.
 */
export function horizonMatchedAlpha(y: Float32Array, m: Float32Array, l0: number, r: number, T: number, H: number): number {
  const o = r * T;
  if (hz.sum.length < T + 1) hz = scratch(T + 1);
  const { sum, n, ahead, count, val, obs } = hz;
  // running sums of the observed values and of their count, then per day t those of days t+1..t+H
  for (let t = 0; t < T; t++) {
    obs[t] = m[o + t]!;
    val[t] = y[o + t]!;
    sum[t + 1] = sum[t]! + val[t]! * obs[t]!;
    n[t + 1] = n[t]! + obs[t]!;
  }
  // the first 28 observed days are the level's start-up, as in the one-step fit's l0
  let first = 0;
  while (first < T && n[first + 1]! < 28) first++;
  for (let t = first; t < T; t++) {
    const hi = Math.min(T, t + 1 + H);
    ahead[t] = sum[hi]! - sum[t + 1]!;
    count[t] = n[hi]! - n[t + 1]!;
  }
  let kb = 0;
  let eb = Infinity;
  for (let k = 0; k < SES_K; k++) {
    const a = GRID.alpha[k]!;
    let l = l0;
    for (let t = 0; t < first; t++) l += a * (val[t]! - l) * obs[t]!;
    // the squared errors of l_t against days t+1..t+H, less the squares of those days (the same for every alpha)
    let err = 0;
    for (let t = first; t < T; t++) {
      l += a * (val[t]! - l) * obs[t]!;
      err += l * (count[t]! * l - 2 * ahead[t]!);
    }
    if (err < eb) {
      eb = err;
      kb = k;
    }
  }
  return kb;
}
const scratch = (n: number) => ({
  sum: new Float64Array(n),
  n: new Float64Array(n),
  ahead: new Float64Array(n),
  count: new Float64Array(n),
  val: new Float64Array(n),
  obs: new Float64Array(n),
});
let hz = scratch(0);

/**
 * Theta-method drift for simple smoothing (Hyndman & Billah 2003): half the least-squares slope
 * b of the de-seasonalised window, applied from the smoothed level, whose lag behind a linear
 * trend is (1-alpha)/alpha days. Only for `ses_year` (products with 1+ years: the slope of a
 * de-seasonalised year is growth, not season). Growing shops were forecast ~2% low: store_item
 * pseudo hold-outs from 2015-12-01 / 2016-07-01 / 2016-12-01, WAPE 0.1260 / 0.0936 / 0.1210 ->
 * 0.1256 / 0.0932 / 0.1208; pharma 15 origins 0.4087 -> 0.4088.
 */
function thetaDrift(y: Float32Array, m: Float32Array, r: number, T: number, alpha: number): { b: number; lag: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < T; k++) {
    if (!m[r * T + k]) continue;
    const v = y[r * T + k]!;
    n++;
    sx += k;
    sy += v;
    sxx += k * k;
    sxy += k * v;
  }
  const den = n * sxx - sx * sx;
  if (n < 28 || den <= 0) return null;
  const slope = (n * sxy - sx * sy) / den;
  const a = Math.max(alpha, 1e-3);
  return { b: slope / 2, lag: (1 - a) / a };
}

export function pathFor(p: Paths, method: Method, H: number): Float64Array {
  if (method === 'combo') return comboPath(p, H);
  return p[method] ?? p.ses_week ?? p.ses_year ?? p.snaive ?? new Float64Array(H);
}

/**
 * Equal-weight mean of the smoothing candidates; combining is usually safer than picking one.
 * When a yearly profile exists, the weekly-only variants are left out: they ignore a seasonality
 * the product is known to have. (Products with a yearly profile in the backtest default to
 * `ses_year` instead, see select.ts; this covers one whose history reached a year only after it.)
 */
export function comboPath(p: Paths, H: number): Float64Array {
  const names = p.ses_year ? (['ses_year', 'damped_year'] as const) : (['ses_week', 'damped_week', 'tsb'] as const);
  const parts = names.map((m) => p[m]).filter((x): x is Float64Array => x !== undefined);
  const out = new Float64Array(H);
  if (parts.length === 0) return p.snaive ?? out;
  for (const x of parts) for (let h = 0; h < H; h++) out[h] = out[h]! + x[h]! / parts.length;
  return out;
}
