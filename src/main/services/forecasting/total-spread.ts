import { BAND_SIGMAS } from '../../../shared/domain/forecast';
import { pathFor, type Paths } from './candidates';
import type { DailySeries } from './clean';
import { nbQuantiles } from './quantiles';
import type { Choice } from './select';


/**
 * How much wider the shop's daily total swings around its forecast than if products erred
 * independently: Σ over backtest days of (Σ products' actual − mean)² over Σ of the products'
 * variances (each σ read from its P10–P90 width, as the dashboard does). Products share the
 * shop's traffic (weather, paydays, a market day), so their errors move together, and the
 * independent sum of variances alone made the dashboard's 80% range of the shop total hold 4% of
 * the hold-out days on store_item, 54% on pharma, 29% on the bakery. Never below 1. NaN without
 * a backtest window. The days are every backtest pass's window (3 × the horizon at most), each
 * product counted on the days its demand is known.
 */
export function totalSpread(items: DailySeries[], passes: { cut: Int32Array; paths: Paths[] }[], choices: Choice[], integer: boolean[], H: number): number {
  const q = new Float64Array(3);
  let err2 = 0;
  let variance = 0;
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
    for (let h = 0; h < H; h++) {
      if (vars[h]! <= 0) continue;
      err2 += err[h]! ** 2;
      variance += vars[h]!;
    }
  }
  return variance > 0 ? Math.max(1, err2 / variance) : NaN;
}
