import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { openConnection } from '../../src/main/db/client';
import { forecastSeries } from '../../src/main/services/forecasting';
import { RunStore } from '../../src/main/services/forecasting/nightly/run-store';
import type { ForecastResult, Series } from '../../src/main/services/forecasting/types';
import { must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date(2026, 4, 10, 14, 0);

/** 60 days of a steady seller per product, dated up to 2026-05-09. */
function history(ids: number[]): Series[] {
  return ids.map((id, i) => {
    const dates: string[] = [];
    const qty: number[] = [];
    for (let k = 60; k >= 1; k--) {
      const d = new Date(Date.UTC(2026, 4, 10 - k));
      dates.push(d.toISOString().slice(0, 10));
      qty.push(3 + i + (k % 4));
    }
    return { id: String(id), dates, qty };
  });
}

describe('RunStore: staging a run, then committing it in one transaction (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let ids: number[];
  let result: ForecastResult;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    ids = [];
    for (const sku of ['RIZ', 'HUILE']) ids.push((await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor: 500 }))).id);
    result = await forecastSeries(history(ids), { horizon: 7, providers: ['cpu'] });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const rows = (sql: Database.Database) => sql.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all();

  it('a staged run holds no lock on the shop file and shows nothing until commit, which swaps everything at once', () => {
    const worker = openConnection(core.store.file);
    // a till connection that fails at once (SQLITE_BUSY) instead of waiting if the file is locked
    const till = new Database(core.store.file);
    till.pragma('busy_timeout = 0');
    try {
      const runs = new RunStore(worker);
      const runId = runs.begin('2026-05-10T02:00:00', 'nightly');
      // data_version moves when another connection commits to the file: staging must write nothing there
      const version = () => till.pragma('data_version', { simple: true }) as number;
      const v0 = version();
      runs.stage(runId, result);
      expect(version()).toBe(v0);

      expect(() => till.transaction(() => till.prepare("UPDATE settings SET value = value WHERE key = 'none'").run()).immediate()).not.toThrow();
      expect(rows(till)).toEqual([]);
      expect(till.prepare('SELECT count(*) AS n FROM forecast_products').get()).toEqual({ n: 0 });
      expect(till.prepare('SELECT status FROM forecast_runs WHERE id = ?').get(runId)).toEqual({ status: 'running' });

      runs.commit(runId, '2026-05-10T02:01:00', 60_000);
      expect(version()).not.toBe(v0);
      const stored = rows(till) as { product_id: number; date: string; p50: number; run_id: number }[];
      expect(stored).toHaveLength(2 * 7);
      expect(new Set(stored.map((r) => r.product_id))).toEqual(new Set(ids));
      expect(stored.every((r) => r.run_id === runId)).toBe(true);
      const first = result.forecasts.find((f) => f.id === String(ids[0]))!;
      expect(stored.filter((r) => r.product_id === ids[0]).map((r) => [r.date, r.p50])).toEqual(first.dates.map((d, h) => [d, first.p50[h]]));
      expect(till.prepare('SELECT product_id, method FROM forecast_products ORDER BY product_id').all()).toEqual(
        ids.map((id) => ({ product_id: id, method: result.forecasts.find((f) => f.id === String(id))!.method })),
      );
      expect(till.prepare('SELECT status, products, duration_ms, provider FROM forecast_runs WHERE id = ?').get(runId)).toEqual({
        status: 'ok',
        products: 2,
        duration_ms: 60_000,
        provider: result.provider,
      });
      // the staging tables are gone with the commit
      expect(() => runs.commit(runId, '2026-05-10T02:02:00', 1)).toThrow(/nothing staged/);
    } finally {
      till.close();
      worker.close();
    }
  });

  it('a dropped run leaves the previous forecasts as they were, and cannot be committed afterwards', () => {
    const runs = new RunStore(core.store.sqlite);
    const first = runs.begin('2026-05-09T02:00:00', 'nightly');
    runs.stage(first, result);
    runs.commit(first, '2026-05-09T02:01:00', 1000);
    const before = rows(core.store.sqlite);
    expect(before).toHaveLength(14);

    const second = runs.begin('2026-05-10T02:00:00', 'manual');
    runs.stage(second, { ...result, forecasts: result.forecasts.slice(0, 1) });
    runs.unstage();
    expect(() => runs.commit(second, '2026-05-10T02:01:00', 1000)).toThrow(/forecast run \d+: nothing staged/);
    expect(rows(core.store.sqlite)).toEqual(before);
  });

  it('commit refuses a run other than the one staged', () => {
    const runs = new RunStore(core.store.sqlite);
    const a = runs.begin('2026-05-10T02:00:00', 'manual');
    runs.stage(a, result);
    expect(() => runs.commit(a + 1, '2026-05-10T02:01:00', 1)).toThrow(/nothing staged/);
    expect(rows(core.store.sqlite)).toEqual([]);
  });

  it('a heartbeat never waits on the write lock (it runs on the main thread): a busy file skips the beat', () => {
    const runs = new RunStore(core.store.sqlite);
    const runId = runs.begin('2026-05-10T02:00:00', 'nightly');
    const heartbeat = () => (core.store.sqlite.prepare('SELECT heartbeat_at AS h FROM forecast_runs WHERE id = ?').get(runId) as { h: string }).h;
    expect(heartbeat()).toBe(new Date('2026-05-10T02:00:00').toISOString());
    const other = new Database(core.store.file);
    other.exec('BEGIN IMMEDIATE'); // the worker's commit, say
    try {
      const t0 = performance.now();
      expect(runs.heartbeat(runId, '2026-05-10T02:00:05.000Z')).toBe(false);
      expect(performance.now() - t0).toBeLessThan(1000); // not the 5 s busy_timeout
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(core.store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(runs.heartbeat(runId, '2026-05-10T02:00:10.000Z')).toBe(true);
    expect(heartbeat()).toBe('2026-05-10T02:00:10.000Z');
  });

  it('end() changes only a record still running: a committed run stays ok', () => {
    const runs = new RunStore(core.store.sqlite);
    const runId = runs.begin('2026-05-10T02:00:00', 'manual');
    runs.stage(runId, result);
    runs.commit(runId, '2026-05-10T02:01:00', 60_000);
    expect(runs.end(runId, 'cancelled', '2026-05-10T02:01:01', 61_000, null)).toBe(false);
    expect(runs.run(runId)).toMatchObject({ status: 'ok', durationMs: 60_000 });
    const next = runs.begin('2026-05-10T03:00:00', 'manual');
    expect(runs.end(next, 'cancelled', '2026-05-10T03:00:01', 1000, null)).toBe(true);
    expect(runs.run(next)).toMatchObject({ status: 'cancelled', finishedAt: '2026-05-10T03:00:01', durationMs: 1000 });
  });
});
