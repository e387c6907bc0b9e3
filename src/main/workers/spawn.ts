import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker entry's file: `env` when set (the Electron bundle sets it to the file electron-vite built),
 * else the source beside this module (.ts under tsx/vitest, .js when built).
 */
export function workerFile(name: string, env: string): string {
  return process.env[env] ?? path.resolve(__dirname, `${name}${path.extname(__filename)}`);
}

/** Starts a worker thread on `entry`; a TypeScript entry (tsx, vitest) gets tsx's require hook inside the thread. */
export function startWorker(entry: string, workerData?: unknown): Worker {
  return entry.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData })
    : new Worker(entry, { workerData });
}
