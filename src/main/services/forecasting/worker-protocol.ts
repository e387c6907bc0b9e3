import type { EngineOptions } from './engine';
import type { ForecastResult, Series } from './types';

/** Options that can cross a thread boundary (no callbacks, no AbortSignal). */
export type WorkerOptions = Omit<EngineOptions, 'onProgress' | 'signal'>;

export type ToWorker = { type: 'start'; series: Series[]; options: WorkerOptions } | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: ForecastResult }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
