import { dayOfMonth, dayOfWeek, dayOfYearRange } from './dates';
import type { DailySeries } from './clean';

/**
 * Seasonal profiles pooled across the shop's products. Each product's own profile is noisy
 * (a few units per weekday), so it is shrunk toward the shop's volume-weighted profile with an
 * empirical-Bayes weight: between-product variance / (between + Poisson noise of this product).
 */

const WEEK_WINDOW = 364;
export const YEAR_DAYS = 365;
/** Products need this many days before a yearly profile is estimated for them. */
export const MIN_DAYS_FOR_YEARLY = 365 + 56;
/** Units per day-of-year slot the pooled yearly profile is smoothed to hold (~2% Poisson noise). */
const POOLED_UNITS = 2500;

function shrink(own: Float64Array, pooled: Float64Array, noiseVar: Float64Array, tau2: number): Float64Array {
  const out = new Float64Array(own.length);
  let sum = 0;
  for (let j = 0; j < own.length; j++) {
    const lam = Number.isFinite(own[j]!) ? tau2 / (tau2 + noiseVar[j]!) : 0;
    out[j] = lam * (Number.isFinite(own[j]!) ? own[j]! : 0) + (1 - lam) * pooled[j]!;
    sum += out[j]!;
  }
  const mean = sum / own.length;
  if (mean > 0) for (let j = 0; j < own.length; j++) out[j] = out[j]! / mean;
  else out.fill(1);
  return out;
}

/** Weekday multipliers (mean 1, Monday first) per product from the last 52 weeks before `cut[i]`. */
export function weeklyProfiles(items: DailySeries[], cut: Int32Array): Float64Array[] {
  const own: Float64Array[] = [];
  const noise: Float64Array[] = [];
  const pooledNum = new Float64Array(7);
  let pooledDen = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const end = cut[i]!;
    const sums = new Float64Array(7);
    const counts = new Float64Array(7);
    const dow0 = dayOfWeek(it.start);
    for (let t = Math.max(0, end - WEEK_WINDOW); t < end; t++) {
      const v = it.y[t]!;
      if (Number.isNaN(v)) continue;
      const d = (dow0 + t) % 7;
      sums[d] = sums[d]! + v;
      counts[d] = counts[d]! + 1;
    }
    let meanSum = 0;
    let nd = 0;
    const means = new Float64Array(7);
    for (let d = 0; d < 7; d++) {
      means[d] = counts[d]! > 0 ? sums[d]! / counts[d]! : NaN;
      if (counts[d]! > 0) {
        meanSum += means[d]!;
        nd++;
      }
    }
    const overall = nd > 0 ? meanSum / nd : 0;
    const o = new Float64Array(7).fill(NaN);
    const nv = new Float64Array(7).fill(Infinity);
    // A product not yet seen on every weekday takes the shop's pattern, and neither counts in the
    // shop's pattern nor in how far products stray from it: its first Fri-Sun at launch volumes
    // would read as busy weekends and move every other product's profile.
    if (overall > 0 && nd === 7) {
      for (let d = 0; d < 7; d++) {
        o[d] = means[d]! / overall;
        nv[d] = 1 / (overall * counts[d]!);
        pooledNum[d] = pooledNum[d]! + means[d]!;
      }
      pooledDen += overall;
    }
    own.push(o);
    noise.push(nv);
  }
  const pooled = new Float64Array(7).fill(1);
  if (pooledDen > 0) for (let d = 0; d < 7; d++) pooled[d] = pooledNum[d]! / pooledDen;
  const tau2 = betweenVariance(own, noise, pooled);
  return own.map((o, i) => shrink(o, pooled, noise[i]!, tau2));
}

/** Method-of-moments estimate of the true between-product variance of profile values. */
function betweenVariance(own: Float64Array[], noise: Float64Array[], pooled: Float64Array): number {
  let num = 0;
  let n = 0;
  for (let i = 0; i < own.length; i++) {
    const o = own[i]!;
    for (let j = 0; j < o.length; j++) {
      const nv = noise[i]![j]!;
      if (!Number.isFinite(o[j]!) || !Number.isFinite(nv) || nv > 1) continue;
      num += (o[j]! - pooled[j]!) ** 2 - nv;
      n++;
    }
  }
  return Math.max(1e-4, n > 0 ? num / n : 0);
}

/**
 * Triangular kernel smoothing (weights half+1-|k|) on a circle: a box of width half+1 covering
 * [j-half, j], then one covering [j, j+half], both from prefix sums over the circularly padded
 * series (no modulo in the loops: this runs for every product in every backtest pass).
 */
export function smoothCircular(x: Float64Array, half: number): Float64Array {
  const n = x.length;
  if (half >= n) throw new RangeError(`kernel half-width ${half} does not fit a circle of ${n}`);
  const pad = half;
  // prefix sums of x[-pad .. n-1+pad] (indices wrap around the circle)
  const len = n + 2 * pad;
  const ps = new Float64Array(len + 1);
  for (let k = 0; k < len; k++) {
    let i = k - pad;
    if (i < 0) i += n;
    else if (i >= n) i -= n;
    ps[k + 1] = ps[k]! + x[i]!;
  }
  const w = half + 1;
  // first[j] = sum of x[j-half .. j], for j = 0 .. n-1+half
  const first = new Float64Array(n + pad);
  for (let j = 0; j < n + pad; j++) first[j] = ps[j + pad + 1]! - ps[j + pad + 1 - w]!;
  const out = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < w; k++) acc += first[k]!;
  out[0] = acc;
  for (let j = 1; j < n; j++) {
    acc += first[j + half]! - first[j - 1]!;
    out[j] = acc;
  }
  return out;
}

/**
 * Day-of-year multipliers (365 slots, mean 1) for products with more than a year of history
 * before `cut[i]`, null for the others. Each day is compared with the mean of the 365-day window
 * around it, so growth over the years does not leak into the profile.
 */
export function yearlyProfiles(items: DailySeries[], cut: Int32Array, weekly: Float64Array[]): (Float64Array | null)[] {
  // Products smooth only their deviation from the shop's profile (below), which changes on the
  // scale of months (pharma's drug classes: flu season vs allergy season), so the kernel is wide:
  // pharma 15 pseudo hold-outs WAPE 0.4088 (half-width 10) -> 0.4052 (30); store_item neutral.
  const HALF = 30;
  const POOLED_MAX_HALF = 10;
  const sums: ({ num: Float64Array; den: Float64Array } | null)[] = [];
  const pooledNum = new Float64Array(YEAR_DAYS);
  const pooledDen = new Float64Array(YEAR_DAYS);
  // prefix sums of each product's known demand and known-day count; one buffer for all products
  let longest = 0;
  for (let i = 0; i < items.length; i++) longest = Math.max(longest, cut[i]!);
  const ps = new Float64Array(longest + 1);
  const pc = new Float64Array(longest + 1);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const end = cut[i]!;
    if (end < MIN_DAYS_FOR_YEARLY) {
      sums.push(null);
      continue;
    }
    const y = it.y;
    for (let t = 0; t < end; t++) {
      const v = y[t]!;
      const known = v === v;
      ps[t + 1] = ps[t]! + (known ? v : 0);
      pc[t + 1] = pc[t]! + (known ? 1 : 0);
    }
    const num = new Float64Array(YEAR_DAYS);
    const den = new Float64Array(YEAR_DAYS);
    const w = weekly[i]!;
    const doy = dayOfYearRange(it.start, end);
    let dow = dayOfWeek(it.start);
    const lastLo = end - YEAR_DAYS;
    for (let t = 0; t < end; t++, dow = dow === 6 ? 0 : dow + 1) {
      const v = y[t]!;
      if (v !== v) continue;
      // the 365-day window centred on t, slid inside the history at both ends
      const lo = t - 182 < 0 ? 0 : t - 182 > lastLo ? lastLo : t - 182;
      const hi = lo + YEAR_DAYS;
      const cnt = pc[hi]! - pc[lo]!;
      if (cnt < 200) continue;
      const level = (ps[hi]! - ps[lo]!) / cnt;
      const wd = w[dow]!;
      if (wd <= 0 || level <= 0) continue;
      const j = doy[t]!;
      num[j] = num[j]! + v / wd;
      den[j] = den[j]! + level;
    }
    for (let j = 0; j < YEAR_DAYS; j++) {
      pooledNum[j] = pooledNum[j]! + num[j]!;
      pooledDen[j] = pooledDen[j]! + den[j]!;
    }
    sums.push({ num, den });
  }
  // The pooled profile has far more data per day than any product's, so it needs less smoothing,
  // and how much less depends on the shop's volume: the narrowest triangular kernel (effective
  // ~1.5*h+1 days) holding POOLED_UNITS units per slot, i.e. ~2% noise (store_item: none at all,
  // pharma ~6 days). Wide kernels blur sharp seasonal steps (store_item drops 28% from Nov 30 to
  // Dec 1).
  let perSlot = 0;
  for (let j = 0; j < YEAR_DAYS; j++) perSlot += pooledDen[j]! / YEAR_DAYS;
  let ph = 0;
  while (ph < POOLED_MAX_HALF && (1.5 * ph + 1) * perSlot < POOLED_UNITS) ph++;
  const pn = smoothCircular(pooledNum, ph);
  const pd = smoothCircular(pooledDen, ph);
  const pooled = new Float64Array(YEAR_DAYS);
  for (let j = 0; j < YEAR_DAYS; j++) pooled[j] = pd[j]! > 0 ? pn[j]! / pd[j]! : 1;
  // A product's own profile is the pooled one times the product's smoothed *deviation* from it
  // (own sums over pooled-weighted level sums), so the wide kernel a product's few units need
  // smooths only how it differs from the shop, not the sharp steps all products share (the
  // store_item Dec 1 drop was spread over ~10 days: first-day forecast +14%; pseudo hold-outs
  // from 2016-12-01 WAPE 0.1236 -> 0.1210, 2015-12-01 0.1272 -> 0.1260, 2016-07-01 0.0940 -> 0.0936).
  const scale = HALF + 1; // kernel weight of the centre; turns smoothed sums into ~unit counts
  const smoothedNum = sums.map((ss) => (ss ? smoothCircular(ss.num, HALF) : null));
  const ownProfiles = (base: Float64Array | null, stride = 1): { own: (Float64Array | null)[]; noise: (Float64Array | null)[]; tau2: number } => {
    const own: (Float64Array | null)[] = [];
    const noise: (Float64Array | null)[] = [];
    for (let i = 0; i < sums.length; i++) {
      const ss = sums[i];
      if (!ss || i % stride !== 0) {
        own.push(null);
        noise.push(null);
        continue;
      }
      const sn = smoothedNum[i]!;
      const sd = smoothCircular(base ? ss.den.map((d, j) => d * base[j]!) : ss.den, HALF);
      const o = new Float64Array(YEAR_DAYS);
      const nv = new Float64Array(YEAR_DAYS);
      for (let j = 0; j < YEAR_DAYS; j++) {
        const p = base ? base[j]! : 1;
        o[j] = sd[j]! > 0 ? (p * sn[j]!) / sd[j]! : NaN;
        nv[j] = sd[j]! > 0 ? (p * p * scale) / sd[j]! : Infinity;
      }
      own.push(o);
      noise.push(nv);
    }
    const withProfile = own.filter((o): o is Float64Array => o !== null);
    const tau2 = betweenVariance(withProfile, noise.filter((n): n is Float64Array => n !== null), pooled);
    return { own, noise, tau2 };
  };
  // How much of the seasonal pattern products share: the pooled profile's variance over itself
  // plus the between-product variance (store_item ~0.99, pharma's drug classes ~0.33). The
  // deviation is taken from pooled^share, so a shop whose products follow their own seasons
  // does not get the pooled profile's fine detail imprinted on every product.
  // (A method-of-moments average: ~2000 products estimate it as well as 20 000.)
  let amp = 0;
  for (let j = 0; j < YEAR_DAYS; j++) amp += (pooled[j]! - 1) ** 2 / YEAR_DAYS;
  const share = amp / (amp + ownProfiles(null, Math.ceil(sums.length / 2000)).tau2);
  const { own, noise, tau2 } = ownProfiles(pooled.map((p) => Math.pow(Math.max(p, 1e-6), share)));
  return own.map((o, i) => (o ? shrink(o, pooled, noise[i]!, tau2) : null));
}

/** Share of months that have day d (1..31) over a 4-year cycle; slot 0 unused. */
const MONTH_DAY_WEIGHT = Float64Array.from({ length: 32 }, (_, d) => (d === 0 ? 0 : d <= 28 ? 1 : d === 29 ? 45 / 48 : d === 30 ? 44 / 48 : 28 / 48));
/** Days of shop history (with a level around them) the day-of-month profile needs. */
const MIN_DAYS_FOR_MONTHLY = 365;
const LEVEL_HALF = 15;

/**
 * The shop's day-of-month multipliers (index 1..31, weighted mean 1), or null with under a year
 * of history. Paydays and pension days move demand within the month: the pharmacy data set sells
 * 10-14% more on the 10th-12th every year and in every drug class. Each day's shop total (over the
 * weekday profile) is compared with its centred 31-day mean, and each slot is shrunk toward 1 by
 * the noise of that comparison across the months it was seen in, so a shop with no such pattern
 * (or too little volume to see one) keeps ~1 everywhere.
 */
export function monthDayProfile(items: DailySeries[], cut: Int32Array, weekly: Float64Array[]): Float64Array | null {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < items.length; i++) {
    if (cut[i]! < 1) continue;
    first = Math.min(first, items[i]!.start);
    last = Math.max(last, items[i]!.start + cut[i]!);
  }
  if (!(last - first >= MIN_DAYS_FOR_MONTHLY)) return null;
  const n = last - first;
  // shop-wide de-weekdayed demand (num) and its local level (den), per calendar day
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  let longest = 0;
  for (let i = 0; i < items.length; i++) longest = Math.max(longest, cut[i]!);
  const x = new Float64Array(longest);
  const ps = new Float64Array(longest + 1);
  const pc = new Float64Array(longest + 1);
  const width = 2 * LEVEL_HALF + 1;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const end = cut[i]!;
    if (end < width) continue;
    const w = weekly[i]!;
    const y = it.y;
    let dow = dayOfWeek(it.start);
    for (let t = 0; t < end; t++, dow = dow === 6 ? 0 : dow + 1) {
      const v = y[t]!;
      const wd = w[dow]!;
      const ok = v === v && wd > 1e-6;
      x[t] = ok ? v / wd : NaN;
      ps[t + 1] = ps[t]! + (ok ? x[t]! : 0);
      pc[t + 1] = pc[t]! + (ok ? 1 : 0);
    }
    const off = it.start - first;
    const lastLo = end - width;
    for (let t = 0; t < end; t++) {
      const xt = x[t]!;
      if (xt !== xt) continue;
      const lo = t - LEVEL_HALF < 0 ? 0 : t - LEVEL_HALF > lastLo ? lastLo : t - LEVEL_HALF;
      const hi = lo + width;
      const cnt = pc[hi]! - pc[lo]!;
      if (cnt < LEVEL_HALF) continue;
      num[off + t] = num[off + t]! + xt;
      den[off + t] = den[off + t]! + (ps[hi]! - ps[lo]!) / cnt;
    }
  }
  const sumN = new Float64Array(32);
  const sumD = new Float64Array(32);
  const r1 = new Float64Array(32);
  const r2 = new Float64Array(32);
  const cnt = new Float64Array(32);
  for (let k = 0; k < n; k++) {
    if (!(den[k]! > 0)) continue;
    const d = dayOfMonth(first + k);
    const r = num[k]! / den[k]!;
    sumN[d] = sumN[d]! + num[k]!;
    sumD[d] = sumD[d]! + den[k]!;
    r1[d] = r1[d]! + r;
    r2[d] = r2[d]! + r * r;
    cnt[d] = cnt[d]! + 1;
  }
  const raw = new Float64Array(32).fill(1);
  const se2 = new Float64Array(32).fill(Infinity);
  let dev = 0;
  let noise = 0;
  let slots = 0;
  for (let d = 1; d <= 31; d++) {
    if (cnt[d]! < 6 || !(sumD[d]! > 0)) continue;
    raw[d] = sumN[d]! / sumD[d]!;
    const mean = r1[d]! / cnt[d]!;
    se2[d] = Math.max(0, r2[d]! / cnt[d]! - mean * mean) / (cnt[d]! - 1);
    dev += (raw[d]! - 1) ** 2;
    noise += se2[d]!;
    slots++;
  }
  if (slots < 28) return null;
  const tau2 = Math.max(0, (dev - noise) / slots);
  const out = new Float64Array(32).fill(1);
  let wsum = 0;
  let wtot = 0;
  for (let d = 1; d <= 31; d++) {
    const lam = tau2 > 0 && Number.isFinite(se2[d]!) ? tau2 / (tau2 + se2[d]!) : 0;
    out[d] = 1 + lam * (raw[d]! - 1);
    wsum += MONTH_DAY_WEIGHT[d]! * out[d]!;
    wtot += MONTH_DAY_WEIGHT[d]!;
  }
  const norm = wsum / wtot;
  for (let d = 1; d <= 31; d++) out[d] = out[d]! / norm;
  out[0] = 1;
  return out;
}
