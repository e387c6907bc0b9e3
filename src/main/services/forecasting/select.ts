import { comboPath, type Paths } from './candidates';
import type { DailySeries } from './clean';
import { naiveScale } from './metrics';
import { momentAlpha, nbQuantiles } from './quantiles';
import type { Method } from './types';

export interface Choice {
  method: Method;
  /** Negative-binomial over-dispersion for this product's quantiles. */
  alpha: number;
  /** Calibrated P10/P90 width factor (shop-wide). */
  width: number;
  wape: number;
  mase: number;
  explanation: string;
}

interface Pass {
  cut: Int32Array;
  paths: Paths[];
}

const METHODS: Method[] = ['combo', 'ses_week', 'damped_week', 'ses_year', 'damped_year', 'tsb', 'snaive'];
const LABEL: Record<Method, string> = {
  combo: 'average of the smoothing methods',
  ses_week: 'exponential smoothing with weekly pattern',
  damped_week: 'damped-trend smoothing with weekly pattern',
  ses_year: 'exponential smoothing with weekly and yearly pattern',
  damped_year: 'damped-trend smoothing with weekly and yearly pattern',
  tsb: 'intermittent demand (TSB) with weekly pattern',
  snaive: 'same as last week',
  flat: 'flat average',
};
/**
 * A single method replaces the combination only when its backtest error is this much lower:
 * two 28-day windows are a noisy basis for picking, and combinations rarely lose by much.
 */
const COMBO_MARGIN = 0.05;
/** Residual days a product needs before its own over-dispersion outweighs the shop's. */
const ALPHA_PRIOR_DAYS = 56;
const CALIBRATION_GRID = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5];
const CALIBRATION_SAMPLE = 1500;

function path(p: Paths, m: Method, H: number): Float64Array | undefined {
  return m === 'combo' ? (p.ses_week ? comboPath(p, H) : undefined) : p[m];
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
  const errs: string[] = new Array(N).fill('');
  for (let i = 0; i < N; i++) {
    const y = items[i]!.y;
    const score = new Map<Method, number>();
    for (const m of METHODS) {
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
    const comboScore = score.get('combo');
    if (best && comboScore !== undefined && score.get(best)! > comboScore * (1 - COMBO_MARGIN)) best = 'combo';
    if (best) {
      methods[i] = best;
      const sn = score.get('snaive');
      errs[i] = sn !== undefined && best !== 'snaive' ? ` (backtest error ${fmt(score.get(best)!)} vs ${fmt(sn)} for last week's sales)` : '';
    }
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
  const scale = calibrate(items, passes, methods, alpha, H, integer);

  const out: Choice[] = [];
  const q = new Float64Array(3);
    const first = passes[0];
  for (let i = 0; i < N; i++) {
    const a = alpha[i]!;
    let wape = NaN;
    let mase = NaN;
    if (first && first.cut[i]! >= 7) {
      const y = items[i]!.y;
      const c = first.cut[i]!;
      const x = path(first.paths[i]!, methods[i]!, H);
      if (x) {
        let ae = 0;
        let sy = 0;
        let n = 0;
        for (let h = 0; h < H && c + h < y.length; h++) {
          const v = y[c + h]!;
          if (Number.isNaN(v)) continue;
          nbQuantiles(x[h]!, a, integer[i]!, q, scale);
          ae += Math.abs(v - q[1]!);
          sy += v;
          n++;
        }
        wape = sy > 0 ? ae / sy : NaN;
        const sc = naiveScale(y, c);
        mase = n > 0 && sc > 0 ? ae / n / sc : NaN;
      }
    }
    const m = methods[i]!;
    const explanation = errs[i]
      ? `${LABEL[m]}: lowest error on the product's recent weeks${errs[i]}`
      : `${LABEL[m]}: too little history for a backtest`;
    out.push({ method: m, alpha: a, width: scale, wape, mase, explanation });
  }
  return out;
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function calibrate(
  items: DailySeries[],
  passes: Pass[],
  methods: Method[],
  alpha: Float64Array,
  H: number,
  integer: boolean[],
): number {
  const N = items.length;
  const stride = Math.max(1, Math.floor(N / CALIBRATION_SAMPLE));
  const q = new Float64Array(3);
  let bestScale = 1;
  let bestGap = Infinity;
  for (const s of CALIBRATION_GRID) {
    let cov = 0;
    let n = 0;
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
          nbQuantiles(x[h]!, alpha[i]!, integer[i]!, q, s);
          if (v >= q[0]! && v <= q[2]!) cov++;
          n++;
        }
      }
    }
    const gap = n > 0 ? Math.abs(cov / n - 0.8) : 0;
    if (gap < bestGap - 1e-9) {
      bestGap = gap;
      bestScale = s;
    }
  }
  return bestScale;
}
