/**
 * Predictive P10/P50/P90 from a negative binomial with mean mu and variance mu + alpha*mu^2.
 * Demand comes in whole units, so for integer-valued products P50 is a whole number (the median
 * count: a product selling 0-2 a day gets P50 0, 1 or 2). P10 and P90 are read from the
 * mid-point interpolated CDF (the mass of k >= 1 spread over (k-1/2, k+1/2], zero kept as a
 * point mass so P10 of a slow mover stays exactly 0): a P90 of 2.6 means "2 covers less than 90%,
 * 3 covers more". Whole-unit bounds would make the P10-P90 band hold far more than 80% of days
 * for slow movers. `lo`/`hi` scale the distances P50-P10 and P90-P50; they are calibrated on
 * the backtest (see select.ts).
 */
/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normInv(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export function nbQuantiles(mu: number, alpha: number, integer: boolean, out: Float64Array, lo = 1, hi = 1): void {
  if (!(mu > 0)) {
    out.fill(0);
    return;
  }
  const taus = [0.1, 0.5, 0.9];
  const a = Math.max(alpha, 0);
  const r = a > 1e-8 ? 1 / a : Infinity;
  const logP0 = Number.isFinite(r) ? r * Math.log(r / (r + mu)) : -mu;
  if (logP0 < -600 || mu > 2000) {
    // too many terms to sum (a product sold by the gram): the gamma with the same mean and
    // variance, by Wilson-Hilferty, keeps the skew (a normal put P50 at the mean: +7% at alpha 0.2)
    const variance = mu + a * mu * mu;
    const shape = (mu * mu) / variance;
    const c = 1 / (9 * shape);
    const q = (z: number): number => (variance / mu) * shape * Math.max(0, 1 - c + z * Math.sqrt(c)) ** 3;
    const med = q(0);
    out[0] = q(normInv(0.1));
    out[1] = integer ? Math.round(med) : med;
    out[2] = q(normInv(0.9));
    scaleBand(out, lo, hi);
    return;
  }
  const ratio = Number.isFinite(r) ? mu / (r + mu) : 0;
  let p = Math.exp(logP0);
  let cdfPrev = 0;
  let cdf = p;
  let k = 0;
  for (let j = 0; j < 3; j++) {
    const tau = taus[j]!;
    while (cdf < tau && k < 100_000) {
      p = Number.isFinite(r) ? (p * (k + r) * ratio) / (k + 1) : (p * mu) / (k + 1);
      k++;
      cdfPrev = cdf;
      cdf += p;
    }
    const mid = k === 0 ? 0 : k - 0.5 + (p > 0 ? (tau - cdfPrev) / p : 0.5);
    out[j] = j === 1 && integer ? k : mid;
  }
  scaleBand(out, lo, hi);
}

export function scaleBand(out: Float64Array, lo: number, hi: number): void {
  const med = out[1]!;
  out[0] = Math.min(med, Math.max(0, med + lo * (out[0]! - med)));
  out[2] = Math.max(med, med + hi * (out[2]! - med));
}

/**
 * Over-dispersion alpha by the method of moments from (actual, mean forecast) pairs:
 * E[(y-mu)^2] = mu + alpha*mu^2.
 */
export function momentAlpha(sq: number, sumMu: number, sumMu2: number): number {
  return sumMu2 > 0 ? Math.max(0, (sq - sumMu) / sumMu2) : 0;
}
