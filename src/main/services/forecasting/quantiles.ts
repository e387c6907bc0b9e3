/**
 * Predictive P10/P50/P90 from a negative binomial with mean mu and variance mu + alpha*mu^2.
 * Demand comes in whole units, so for integer-valued products P50 is a whole number (the median
 * count: a product selling 0-2 a day gets P50 0, 1 or 2). P10 and P90 are read from the
 * mid-point interpolated CDF (the mass of k >= 1 spread over (k-1/2, k+1/2], zero kept as a
 * point mass so P10 of a slow mover stays exactly 0): a P90 of 2.6 means "2 covers less than 90%,
 * 3 covers more". Whole-unit bounds would make the P10-P90 band hold far more than 80% of days
 * for slow movers. `width` scales P10/P90 around P50; it is calibrated on the backtest.
 */
export const TAUS = [0.1, 0.5, 0.9] as const;
const Z = [-1.2815515655446004, 0, 1.2815515655446004];

export function nbQuantiles(mu: number, alpha: number, integer: boolean, out: Float64Array, width = 1): void {
  if (!(mu > 0)) {
    out.fill(0);
    return;
  }
  const a = Math.max(alpha, 0);
  const r = a > 1e-8 ? 1 / a : Infinity;
  const logP0 = Number.isFinite(r) ? r * Math.log(r / (r + mu)) : -mu;
  if (logP0 < -600 || mu > 2000) {
    const sd = Math.sqrt(mu + a * mu * mu);
    const med = integer ? Math.round(mu - 1 / 3) : mu;
    out[1] = Math.max(0, med);
    out[0] = Math.max(0, med + width * Z[0]! * sd);
    out[2] = Math.max(0, med + width * Z[2]! * sd);
    return;
  }
  const ratio = Number.isFinite(r) ? mu / (r + mu) : 0;
  let p = Math.exp(logP0);
  let cdfPrev = 0;
  let cdf = p;
  let k = 0;
  for (let j = 0; j < 3; j++) {
    const tau = TAUS[j]!;
    while (cdf < tau && k < 100_000) {
      p = Number.isFinite(r) ? (p * (k + r) * ratio) / (k + 1) : (p * mu) / (k + 1);
      k++;
      cdfPrev = cdf;
      cdf += p;
    }
    const mid = k === 0 ? 0 : k - 0.5 + (p > 0 ? (tau - cdfPrev) / p : 0.5);
    out[j] = j === 1 && integer ? k : mid;
  }
  if (width !== 1) {
    out[0] = Math.max(0, out[1]! + width * (out[0]! - out[1]!));
    out[2] = Math.max(out[1]!, out[1]! + width * (out[2]! - out[1]!));
  }
  out[0] = Math.min(out[0]!, out[1]!);
  out[2] = Math.max(out[2]!, out[1]!);
}

/**
 * Over-dispersion alpha by the method of moments from (actual, mean forecast) pairs:
 * E[(y-mu)^2] = mu + alpha*mu^2.
 */
export function momentAlpha(sq: number, sumMu: number, sumMu2: number): number {
  return sumMu2 > 0 ? Math.max(0, (sq - sumMu) / sumMu2) : 0;
}
