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
