/**
 * Plain TypeScript version of models/ets_grid.onnx (same recursion, same masking), used by the
 * parity test and as the fallback when onnxruntime cannot load.
 */
export interface EtsGridInput {
  /** B rows of T values each, row-major. */
  y: Float32Array;
  m: Float32Array;
  l0: Float32Array;
  alpha: Float32Array;
  beta: Float32Array;
  phi: Float32Array;
  B: number;
  T: number;
  H: number;
}

export interface EtsGridOutput {
  sse: Float32Array; // [B,K]
  level: Float32Array; // [B,K]
  trend: Float32Array; // [B,K]
  forecast: Float32Array; // [B,K,H]
}

export function etsGridReference(inp: EtsGridInput): EtsGridOutput {
  const { B, T, H } = inp;
  const K = inp.alpha.length;
  const sse = new Float32Array(B * K);
  const level = new Float32Array(B * K);
  const trend = new Float32Array(B * K);
  const forecast = new Float32Array(B * K * H);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < K; k++) {
      const a = inp.alpha[k]!;
      const ab = a * inp.beta[k]!;
      const phi = inp.phi[k]!;
      let l = inp.l0[b]!;
      let tr = 0;
      let s = 0;
      for (let t = 0; t < T; t++) {
        const f = l + phi * tr;
        const e = (inp.y[b * T + t]! - f) * inp.m[b * T + t]!;
        s += e * e;
        l = f + a * e;
        tr = phi * tr + ab * e;
      }
      const i = b * K + k;
      sse[i] = s;
      level[i] = l;
      trend[i] = tr;
      let cum = 0;
      let p = 1;
      for (let h = 0; h < H; h++) {
        p *= phi;
        cum += p;
        forecast[i * H + h] = l + tr * cum;
      }
    }
  }
  return { sse, level, trend, forecast };
}
