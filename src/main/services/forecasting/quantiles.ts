/**
 * Predictive quantiles from a negative binomial with mean mu and variance mu + alpha*mu^2.
 * Counts are discrete, so for integer-valued products the quantiles are whole units (a product
 * selling 0-2 a day gets P10/P50/P90 like 0/1/3, not 0.4/1.1/2.6). Fractional products (sold in
 * part boxes, by weight) get a continuous version: the mass of k >= 1 spread over (k-1/2, k+1/2],
 * zero kept as a point mass so P10 of a slow mover stays exactly 0.
 */
export const TAUS = [0.1, 0.5, 0.9] as const;
const Z = [-1.2815515655446004, 0, 1.2815515655446004];

export function nbQuantiles(mu: number, alpha: number, integer: boolean, out: Float64Array): void {
  if (!(mu > 0)) {
    out.fill(0);
    return;
  }
  const a = Math.max(alpha, 0);
  const r = a > 1e-8 ? 1 / a : Infinity;
  const logP0 = Number.isFinite(r) ? r * Math.log(r / (r + mu)) : -mu;
  if (logP0 < -600 || mu > 2000) {
    const sd = Math.sqrt(mu + a * mu * mu);
    for (let j = 0; j < 3; j++) {
      const q = Math.max(0, mu + Z[j]! * sd);
      out[j] = integer ? Math.round(q) : q;
    }
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
    if (integer || k === 0) out[j] = k;
    else out[j] = k - 0.5 + (p > 0 ? (tau - cdfPrev) / p : 0.5);
  }
}

/**
 * Over-dispersion alpha by the method of moments from (actual, mean forecast) pairs:
 * E[(y-mu)^2] = mu + alpha*mu^2.
 */
export function momentAlpha(sq: number, sumMu: number, sumMu2: number): number {
  return sumMu2 > 0 ? Math.max(0, (sq - sumMu) / sumMu2) : 0;
}
