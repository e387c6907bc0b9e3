import { comboPath, type Paths } from './candidates';
import type { DailySeries } from './clean';
import { naiveScale } from './metrics';
import { momentAlpha, nbQuantiles } from './quantiles';
import type { Method } from './types';

export interface Choice {
  method: Method;
  /** Negative-binomial over-dispersion for this product's quantiles. */
  alpha: number;
  /** Calibrated scale of P50-P10 and P90-P50 (shop-wide). */
  lo: number;
  hi: number;
  wape: number;
  /** WAPE of last week's sales repeated (snaive) on the same days: what a shop gets by hand. */
  naiveWape: number;
  mase: number;
  /** The latest backtest window: days with known demand, and the expected (mean) and actual totals over them. */
  days: number;
  expected: number;
  sold: number;
}

interface Pass {
  cut: Int32Array;
  paths: Paths[];
}

const METHODS: Method[] = ['combo', 'ses_week', 'damped_week', 'ses_year', 'damped_year', 'tsb', 'snaive'];
export const WEEKLY_ONLY = new Set<Method>(['ses_week', 'damped_week', 'snaive']);
/**
 * Another method replaces a product's default (below) only when its backtest error is this much
 * lower: three 28-day windows are a noisy basis for picking, and the defaults rarely lose by much.
 */
const SWITCH_MARGIN = 0.05;
/** Residual days a product needs before its own over-dispersion outweighs the shop's. */
const ALPHA_PRIOR_DAYS = 56;
const CALIBRATION_GRID = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3];
const CALIBRATION_SAMPLE = 1500;
const COVERAGE_TOL = 0.015;

function path(p: Paths, m: Method, H: number): Float64Array | undefined {
  return m === 'combo' ? (p.ses_week || p.ses_year ? comboPath(p, H) : undefined) : p[m];
}

/**
 * Picks each product's method by its absolute error summed over the rolling backtest origins,
 * then sets the quantile spread: moment-matched over-dispersion of the chosen method's backtest
 * errors (shrunk toward the shop's), scaled by one shop-wide factor so that the backtest P10-P90
 * band holds ~80% of days.
 */
export function chooseMethods(items: DailySeries[], passes: Pass[], H: number, integer: boolean[]): Choice[] {
  const N = items.length;
  const methods: Method[] = new Array(N).fill('combo');
  for (let i = 0; i < N; i++) {
    const y = items[i]!.y;
    const score = new Map<Method, number>();
    const yearly = passes.some((ps) => ps.paths[i]?.ses_year !== undefined);
    // The default: simple smoothing with the yearly profile when there is one, else the
    // combination. Averaging in the damped trend cost accuracy once the yearly profile carries the
    // season (store_item 12 origins WAPE 0.1096 -> 0.1091 without it, pharma's autumn origins
    // 0.3999 -> 0.3978, pharma 15 origins 0.4089 -> 0.4091); damped_year can still win on its own.
    const base: Method = yearly ? 'ses_year' : 'combo';
    for (const m of METHODS) {
      // A product with a yearly profile keeps it: the backtest windows are the few weeks before
      // the last day, where the yearly pattern is often flat, so a weekly-only method can win
      // there and then miss a seasonal step (store_item, history to Nov 30: 40 products on
      // weekly-only methods forecast December ~50% too high).
      if (yearly && (WEEKLY_ONLY.has(m) || m === 'combo')) continue;
      let total = 0;
      let usable = true;
      let any = false;
      for (const ps of passes) {
        const c = ps.cut[i]!;
        if (c < 7) continue;
        const x = path(ps.paths[i]!, m, H);
        if (!x) {
          usable = false;
          break;
        }
        for (let h = 0; h < H && c + h < y.length; h++) {
          const v = y[c + h]!;
          if (Number.isNaN(v)) continue;
          total += Math.abs(v - x[h]!);
          any = true;
        }
      }
      if (usable && any) score.set(m, total);
    }
    let best: Method | undefined;
    for (const [m, s] of score) if (best === undefined || s < score.get(best)! - 1e-9) best = m;
    const baseScore = score.get(base);
    if (best && baseScore !== undefined && score.get(best)! > baseScore * (1 - SWITCH_MARGIN)) best = base;
    if (best) methods[i] = best;
  }

  // over-dispersion of the chosen methods' backtest errors
  const own = new Float64Array(N);
  const ownDays = new Float64Array(N);
  let sq = 0;
  let mu1 = 0;
  let mu2 = 0;
  for (let i = 0; i < N; i++) {
    const y = items[i]!.y;
    let s = 0;
    let a = 0;
    let b = 0;
    let n = 0;
    for (const ps of passes) {
      const c = ps.cut[i]!;
      if (c < 7) continue;
      const x = path(ps.paths[i]!, methods[i]!, H);
      if (!x) continue;
      for (let h = 0; h < H && c + h < y.length; h++) {
        const v = y[c + h]!;
        if (Number.isNaN(v)) continue;
        s += (v - x[h]!) ** 2;
        a += x[h]!;
        b += x[h]! ** 2;
        n++;
      }
    }
    own[i] = momentAlpha(s, a, b);
    ownDays[i] = n;
    sq += s;
    mu1 += a;
    mu2 += b;
  }
  const pooled = momentAlpha(sq, mu1, mu2);
  const alpha = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const w = ownDays[i]! / (ownDays[i]! + ALPHA_PRIOR_DAYS);
    alpha[i] = w * own[i]! + (1 - w) * pooled;
  }
  const band = calibrate(items, passes, methods, alpha, H, integer);

  const out: Choice[] = [];
  const q = new Float64Array(3);
  const first = passes[0];
  for (let i = 0; i < N; i++) {
    const a = alpha[i]!;
    let wape = NaN;
    let naiveWape = NaN;
    let mase = NaN;
    let days = 0;
    let expected = 0;
    let sold = 0;
    if (first && first.cut[i]! >= 7) {
      const y = items[i]!.y;
      const c = first.cut[i]!;
      const x = path(first.paths[i]!, methods[i]!, H);
      const naive = first.paths[i]!.snaive;
      if (x) {
        let ae = 0;
        let naiveAe = 0;
        let sy = 0;
        let n = 0;
        for (let h = 0; h < H && c + h < y.length; h++) {
          const v = y[c + h]!;
          if (Number.isNaN(v)) continue;
          nbQuantiles(x[h]!, a, integer[i]!, q, band.lo, band.hi);
          ae += Math.abs(v - q[1]!);
          if (naive) naiveAe += Math.abs(v - naive[h]!);
          expected += x[h]!;
          sy += v;
          n++;
        }
        days = n;
        sold = sy;
        wape = sy > 0 ? ae / sy : NaN;
        if (naive && sy > 0) naiveWape = naiveAe / sy;
        const sc = naiveScale(y, c);
        mase = n > 0 && sc > 0 ? ae / n / sc : NaN;
      }
    }
    out.push({ method: methods[i]!, alpha: a, lo: band.lo, hi: band.hi, wape, naiveWape, mase, days, expected, sold });
  }
  return out;
}

/**
 * Shop-wide band scale (lo = hi): among the factors whose backtest P10-P90 coverage is within
 * COVERAGE_TOL of 80%, the one with the lowest P10+P90 pinball loss (else the closest coverage).
 * One factor for both sides: the NB already carries the skew, and with a few backtest windows a
 * free lower/upper pair fits the sign of that period's shop-wide level shift (breadbasket's
 * December windows picked an upper factor of 0.4, then the hold-out rose).
 * Base quantiles are computed once; scaling is arithmetic, so the grid search is cheap.
 */
function calibrate(
  items: DailySeries[],
  passes: Pass[],
  methods: Method[],
  alpha: Float64Array,
  H: number,
  integer: boolean[],
): { lo: number; hi: number } {
  const N = items.length;
  const stride = Math.max(1, Math.floor(N / CALIBRATION_SAMPLE));
  const q = new Float64Array(3);
  const ys: number[] = [];
  const q10: number[] = [];
  const q50: number[] = [];
  const q90: number[] = [];
  for (let i = 0; i < N; i += stride) {
    const y = items[i]!.y;
    for (const ps of passes) {
      const c = ps.cut[i]!;
      if (c < 7) continue;
      const x = path(ps.paths[i]!, methods[i]!, H);
      if (!x) continue;
      for (let h = 0; h < H && c + h < y.length; h++) {
        const v = y[c + h]!;
        if (Number.isNaN(v)) continue;
        nbQuantiles(x[h]!, alpha[i]!, integer[i]!, q);
        ys.push(v);
        q10.push(q[0]!);
        q50.push(q[1]!);
        q90.push(q[2]!);
      }
    }
  }
  const n = ys.length;
  if (n === 0) return { lo: 1, hi: 1 };
  let best = 1;
  let bestGap = Infinity;
  let bestPinball = Infinity;
  for (const w of CALIBRATION_GRID) {
    let missed = 0;
    let pinball = 0;
    for (let j = 0; j < n; j++) {
      const v = ys[j]!;
      const m = q50[j]!;
      const lo = Math.min(m, Math.max(0, m + w * (q10[j]! - m)));
      const hi = Math.max(m, m + w * (q90[j]! - m));
      if (v < lo || v > hi) missed++;
      pinball += (v >= lo ? 0.1 * (v - lo) : 0.9 * (lo - v)) + (v >= hi ? 0.9 * (v - hi) : 0.1 * (hi - v));
    }
    const gap = Math.max(0, Math.abs(1 - missed / n - 0.8) - COVERAGE_TOL);
    if (gap < bestGap - 1e-12 || (Math.abs(gap - bestGap) <= 1e-12 && pinball < bestPinball)) {
      best = w;
      bestGap = gap;
      bestPinball = pinball;
    }
  }
  return { lo: best, hi: best };
}
