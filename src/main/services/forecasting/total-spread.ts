import { BAND_SIGMAS } from '../../../shared/domain/forecast';
import { pathFor, type Paths } from './candidates';
import type { DailySeries } from './clean';
import { nbQuantiles } from './quantiles';
import type { Choice } from './select';

/**
 * How much wider the shop's daily total swings around its forecast than if products erred
 * independently: the backtest's squared errors of the total (Σ products' actual − mean) over Σ of
 * the products' variances (each σ read from its P10–P90 width, as the dashboard does). Products
 * share the shop's traffic (weather, paydays, a market day), so their errors move together, and
 * the independent sum of variances alone made the dashboard's 80% range of the shop total hold 4%
 * of the hold-out days on store_item, 54% on pharma, 29% on the bakery.
 *
 * Each backtest window's error is split into its mean over the window (the level the whole shop
 * was off by, which lasts) and the day-to-day rest. The rest is seen on every day; the level only
 * once per window, so its variance, from 1 to 3 draws, is widened to Student's t. Counted like
 * the rest, the level left the range holding 68% of days on store_item (its growth makes every
 * window's total 1-4% low; 12 pseudo hold-outs): 85% with it, pharma 83% -> 85%.
 *
 * Never below 1. NaN without a backtest window. Each product is counted on the days its demand is
 * known.
 */
export function totalSpread(items: DailySeries[], passes: { cut: Int32Array; paths: Paths[] }[], choices: Choice[], integer: boolean[], H: number): number {
  const q = new Float64Array(3);
  let resid2 = 0;
  let level2 = 0;
  let levels = 0;
  let variance = 0;
  let residDays = 0;
  let days = 0;
  for (const ps of passes) {
    const err = new Float64Array(H);
    const vars = new Float64Array(H);
    for (let i = 0; i < items.length; i++) {
      const c = ps.cut[i]!;
      if (c < 7) continue;
      const y = items[i]!.y;
      const ch = choices[i]!;
      const x = pathFor(ps.paths[i]!, ch.method, H);
      for (let h = 0; h < H && c + h < y.length; h++) {
        const v = y[c + h]!;
        if (Number.isNaN(v)) continue;
        nbQuantiles(x[h]!, ch.alpha, integer[i]!, q, ch.lo, ch.hi);
        err[h] += v - x[h]!;
        vars[h] += ((q[2]! - q[0]!) / BAND_SIGMAS) ** 2;
      }
    }
    let n = 0;
    let sum = 0;
    let windowVariance = 0;
    for (let h = 0; h < H; h++) {
      if (vars[h]! <= 0) continue;
      n++;
      sum += err[h]!;
      windowVariance += vars[h]!;
    }
    if (n === 0) continue;
    const L = sum / n;
    for (let h = 0; h < H; h++) if (vars[h]! > 0) resid2 += (err[h]! - L) ** 2;
    level2 += n * L * L;
    levels++;
    residDays += n - 1;
    days += n;
    variance += windowVariance;
  }
  if (variance <= 0) return NaN;
  const resid = residDays > 0 ? (resid2 * (days / residDays)) / variance : 0;
  const level = (level2 * LEVEL_INFLATION[Math.min(levels, LEVEL_INFLATION.length - 1)]!) / variance;
  return Math.max(1, resid + level);
}

/**
 * (t(0.9, P) / z(0.9))² for P = 1, 2, 3 windows (index P): the level error's variance is estimated
 * from P draws only, so its 80% range is Student's t with P degrees of freedom, not normal. The
 * engine runs 3 windows at most; more would keep the last (wider than t(0.9, 4)).
 */
export const LEVEL_INFLATION = [1, 5.77, 2.17, 1.63];
