import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { etsGridReference, type EtsGridInput, type EtsGridOutput } from './ets-reference';
import type { Provider } from './types';

/** Where the committed .onnx files live; the packaged app sets SHELFCAST_MODELS_DIR. */
export function modelsDir(): string {
  return process.env.SHELFCAST_MODELS_DIR ?? path.resolve(__dirname, '../../../../models');
}

export function defaultProviders(): Provider[] {
  if (process.platform === 'linux') return ['cuda', 'cpu'];
  if (process.platform === 'win32') return ['dml', 'cpu'];
  return ['cpu'];
}

export interface EtsRunner {
  provider: Provider;
  run(inp: EtsGridInput): Promise<EtsGridOutput>;
}

const sessions = new Map<string, Promise<{ session: ort.InferenceSession; provider: Provider }>>();

async function openSession(providers: Provider[]): Promise<{ session: ort.InferenceSession; provider: Provider }> {
  const file = path.join(modelsDir(), 'ets_grid.onnx');
  const errors: string[] = [];
  // A missing CUDA/DirectML library is expected on most shop PCs; we report it ourselves.
  ort.env.logLevel = 'fatal';
  for (const p of providers) {
    if (p === 'js') break;
    try {
      const session = await ort.InferenceSession.create(file, {
        executionProviders: [p],
        graphOptimizationLevel: 'all',
        logSeverityLevel: 4,
      });
      return { session, provider: p };
    } catch (e) {
      errors.push(`${p}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`no execution provider could load ${file} (${errors.join('; ')})`);
}

/**
 * Opens ets_grid.onnx with the first provider that loads (CUDA on Linux, DirectML on Windows,
 * then CPU). 'js' in the list means: fall back to the TypeScript reference if none load.
 */
export async function createEtsRunner(providers: Provider[] = defaultProviders()): Promise<EtsRunner> {
  const onnxProviders = providers.filter((p) => p !== 'js');
  if (onnxProviders.length > 0) {
    const key = onnxProviders.join(',');
    let pending = sessions.get(key);
    if (!pending) {
      pending = openSession(onnxProviders);
      sessions.set(key, pending);
      pending.catch(() => sessions.delete(key));
    }
    try {
      const { session, provider } = await pending;
      return { provider, run: (inp) => runSession(session, inp) };
    } catch (e) {
      if (!providers.includes('js')) throw e;
    }
  }
  return {
    provider: 'js',
    run: async (inp) => {
      // a turn of the event loop, as an ONNX call gives one: a worker hears its cancel message here
      await new Promise<void>((resolve) => setImmediate(resolve));
      return etsGridReference(inp);
    },
  };
}

async function runSession(session: ort.InferenceSession, inp: EtsGridInput): Promise<EtsGridOutput> {
  const K = inp.alpha.length;
  const steps = new Float32Array(inp.H);
  for (let h = 0; h < inp.H; h++) steps[h] = h + 1;
  const out = await session.run({
    y: new ort.Tensor('float32', inp.y, [inp.B, inp.T]),
    m: new ort.Tensor('float32', inp.m, [inp.B, inp.T]),
    l0: new ort.Tensor('float32', inp.l0, [inp.B]),
    alpha: new ort.Tensor('float32', inp.alpha, [K]),
    beta: new ort.Tensor('float32', inp.beta, [K]),
    phi: new ort.Tensor('float32', inp.phi, [K]),
    steps: new ort.Tensor('float32', steps, [inp.H]),
  });
  const get = (name: string): Float32Array => out[name]!.data as Float32Array;
  return { sse: get('sse'), level: get('level'), trend: get('trend'), forecast: get('forecast') };
}
