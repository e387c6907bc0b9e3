/** In-sample MAE of the lag-7 naive forecast on days before `cut` (the MASE denominator). */
export function naiveScale(y: Float64Array, cut: number): number {
  let s = 0;
  let n = 0;
  for (let t = 7; t < cut; t++) {
    const a = y[t]!;
    const b = y[t - 7]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    s += Math.abs(a - b);
    n++;
  }
  return n > 0 ? s / n : 0;
}

