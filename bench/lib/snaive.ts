import type { Series } from '../../src/main/services/forecasting/types';

const Z90 = 1.2815515655446004;

/**
 * Weekly seasonal naive with the textbook interval: sd of in-sample lag-7 differences, widened
 * by sqrt(weeks ahead); clipped at 0 like the anchors.
 */
export function seasonalNaive(s: Series, H: number): { p10: number[]; p50: number[]; p90: number[] } {
  const y = s.qty;
  const n = y.length;
  let ss = 0;
  let k = 0;
  for (let t = 7; t < n; t++) {
    ss += (y[t]! - y[t - 7]!) ** 2;
    k++;
  }
  const sd = k > 0 ? Math.sqrt(ss / k) : 0;
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  for (let h = 0; h < H; h++) {
    const t = n - 7 + (h % 7);
    const f = t >= 0 ? y[t]! : y[n - 1]!;
    const w = Z90 * sd * Math.sqrt(Math.floor(h / 7) + 1);
    p50.push(Math.max(0, f));
    p10.push(Math.max(0, f - w));
    p90.push(Math.max(0, f + w));
  }
  return { p10, p50, p90 };
}
