import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/lib/synthetic';
import { etsGridReference, type EtsGridInput } from '../../src/main/services/forecasting/ets-reference';
import { createEtsRunner } from '../../src/main/services/forecasting/onnx-runner';
import { GRID } from '../../src/main/services/forecasting/candidates';

function randomInput(seed: number, B: number, T: number, H: number, K: number): EtsGridInput {
  const rnd = mulberry32(seed);
  const y = new Float32Array(B * T).map(() => rnd() * 20);
  const m = new Float32Array(B * T).map(() => (rnd() < 0.85 ? 1 : 0));
  const l0 = new Float32Array(B).map(() => rnd() * 10);
  const alpha = new Float32Array(K).map(() => 0.01 + rnd() * 0.5);
  const beta = new Float32Array(K).map(() => (rnd() < 0.3 ? 0 : rnd() * 0.3));
  const phi = new Float32Array(K).map(() => (rnd() < 0.3 ? 0 : 0.8 + rnd() * 0.2));
  return { y, m, l0, alpha, beta, phi, B, T, H };
}

function expectClose(a: Float32Array, b: Float32Array, rel: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const tol = rel * Math.max(1, Math.abs(b[i]!));
    if (Math.abs(a[i]! - b[i]!) > tol) expect.fail(`index ${i}: onnx ${a[i]} vs reference ${b[i]}`);
  }
}

describe('models/ets_grid.onnx matches the TypeScript reference', () => {
  it.each([
    [1, 1, 1, 1, 1],
    [2, 7, 50, 28, 4],
    [3, 64, 400, 14, 13],
    [4, 3, 5, 60, 2],
  ])('seed %i: B=%i T=%i H=%i K=%i', async (seed, B, T, H, K) => {
    const runner = await createEtsRunner(['cpu']);
    expect(runner.provider).toBe('cpu');
    const inp = randomInput(seed, B, T, H, K);
    const onnx = await runner.run(inp);
    const ref = etsGridReference(inp);
    expectClose(onnx.level, ref.level, 1e-4);
    expectClose(onnx.trend, ref.trend, 1e-4);
    expectClose(onnx.forecast, ref.forecast, 1e-4);
    expectClose(onnx.sse, ref.sse, 1e-3);
  });

  it('runs the production parameter grid', async () => {
    const runner = await createEtsRunner(['cpu']);
    const base = randomInput(9, 16, 120, 28, 1);
    const inp = { ...base, alpha: GRID.alpha, beta: GRID.beta, phi: GRID.phi };
    expectClose((await runner.run(inp)).forecast, etsGridReference(inp).forecast, 1e-4);
  });

  it('falls back through the provider list and records the provider used', async () => {
    const runner = await createEtsRunner(['cuda', 'cpu']);
    expect(['cuda', 'cpu']).toContain(runner.provider);
    const js = await createEtsRunner(['js']);
    expect(js.provider).toBe('js');
  });

  // DirectML exists only on Windows: elsewhere it is a provider that certainly fails to load
  it.runIf(process.platform !== 'win32')('skips a provider that cannot load, to the next one or to the TypeScript reference', async () => {
    expect((await createEtsRunner(['dml', 'cpu'])).provider).toBe('cpu');
    expect((await createEtsRunner(['dml', 'js'])).provider).toBe('js');
    await expect(createEtsRunner(['dml'])).rejects.toThrow(/no execution provider could load .*ets_grid\.onnx \(dml: /);
  });
});
