/** Scores as defined in /work/shared/data/ANCHORS.md, pooled over all scored items and days. */
export interface Scored {
  actual: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  /** In-sample MAE of the lag-7 naive on the item's training days (MASE denominator). */
  scale: number;
}

export interface Scores {
  wape: number;
  mase: number;
  bias: number;
  pinball10: number;
  pinball50: number;
  pinball90: number;
  coverage80: number;
}

const pin = (tau: number, y: number, q: number): number => (y >= q ? tau * (y - q) : (tau - 1) * (y - q));

export function score(items: Scored[]): Scores {
  let sy = 0;
  let ae = 0;
  let bias = 0;
  let p1 = 0;
  let p5 = 0;
  let p9 = 0;
  let cov = 0;
  let n = 0;
  let mase = 0;
  let nm = 0;
  for (const it of items) {
    let itemAe = 0;
    for (let h = 0; h < it.actual.length; h++) {
      const y = it.actual[h]!;
      sy += y;
      const e = Math.abs(y - it.p50[h]!);
      ae += e;
      itemAe += e;
      bias += it.p50[h]! - y;
      p1 += pin(0.1, y, it.p10[h]!);
      p5 += pin(0.5, y, it.p50[h]!);
      p9 += pin(0.9, y, it.p90[h]!);
      if (y >= it.p10[h]! && y <= it.p90[h]!) cov++;
      n++;
    }
    if (it.scale > 0 && it.actual.length > 0) {
      mase += itemAe / it.actual.length / it.scale;
      nm++;
    }
  }
  return {
    wape: ae / sy,
    mase: mase / nm,
    bias: bias / sy,
    pinball10: p1 / sy,
    pinball50: p5 / sy,
    pinball90: p9 / sy,
    coverage80: cov / n,
  };
}

export function lag7Scale(y: number[]): number {
  let s = 0;
  let n = 0;
  for (let t = 7; t < y.length; t++) {
    s += Math.abs(y[t]! - y[t - 7]!);
    n++;
  }
  return n > 0 ? s / n : 0;
}

/**
 * Share of days on which the shop's total (all items) lands in the 80% range the dashboard draws:
 * Σ means ± 1.2816 σ, σ² = spread × Σ (item's P10–P90 width / 2.5631)². spread = 1 is the
 * independent-errors range; the engine's backtest.totalSpread widens it by how much items erred
 * together on the backtest.
 */
export function totalCoverage(items: { actual: number[]; mean: number[]; p10: number[]; p90: number[] }[], spread: number): number {
  const H = items[0]?.actual.length ?? 0;
  let inside = 0;
  for (let h = 0; h < H; h++) {
    let y = 0;
    let m = 0;
    let w2 = 0;
    for (const it of items) {
      y += it.actual[h]!;
      m += it.mean[h]!;
      w2 += (it.p90[h]! - it.p10[h]!) ** 2;
    }
    if (Math.abs(y - m) <= (1.2816 * Math.sqrt(spread * w2)) / 2.5631) inside++;
  }
  return H > 0 ? inside / H : NaN;
}
