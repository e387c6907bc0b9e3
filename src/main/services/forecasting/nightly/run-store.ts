import type Database from 'better-sqlite3';
import type { ForecastRunRecord, ForecastRunStatus, ForecastTrigger } from '../../../../shared/api/contract';
import { inTransaction } from '../../../db/tx';
import { productRows, runSummary, seriesFromConcat } from '../db-seam';
import type { ForecastResult, Series } from '../types';

export interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: ForecastRunStatus;
  trigger: ForecastTrigger;
  provider: string | null;
  products: number;
  duration_ms: number | null;
  backtest_wape: number | null;
  backtest_naive_wape: number | null;
  backtest_coverage: number | null;
  backtest_mase: number | null;
  error: string | null;
}

/** A forecast_runs row as the contract shows it. */
export const toRecord = (r: RunRow): ForecastRunRecord => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  trigger: r.trigger,
  provider: r.provider,
  products: r.products,
  durationMs: r.duration_ms,
  backtestWape: r.backtest_wape,
  backtestNaiveWape: r.backtest_naive_wape,
  backtestCoverage: r.backtest_coverage,
  backtestMase: r.backtest_mase,
  error: r.error,
});

/** How often a running job stamps its record; a record not stamped for STALE_MS belongs to a process that stopped. */
export const HEARTBEAT_MS = 10_000;
const STALE_MS = 2 * 60_000;

/** A run going on, in this process or another one on the same file. */
export interface LiveRun {
  id: number;
  startedAt: string;
  trigger: ForecastTrigger;
}

/** A start refused because another run is live. */
export class RunConflict extends Error {
  constructor(readonly live: LiveRun) {
    super(
      `A forecast is already running on this shop database (run ${live.id}, ${live.trigger === 'cli' ? 'started from the command line' : 'started by the app'} at ${live.startedAt}); wait for it or cancel it there.`,
    );
    this.name = 'RunConflict';
  }
}

/** Stamped within STALE_MS of now, either side (a stamp far in the future means the clock was put back). */
function isFresh(heartbeatAt: string | null, now: Date): boolean {
  if (!heartbeatAt) return false;
  const age = now.getTime() - new Date(heartbeatAt).getTime();
  return Number.isFinite(age) && Math.abs(age) < STALE_MS;
}

/** This connection's TEMP tables holding a finished run until it is committed or dropped. */
const NEXT_FORECASTS = 'forecasts_next';
const NEXT_PRODUCTS = 'forecast_products_next';
const PRODUCT_COLUMNS = 'product_id, run_id, method, backtest_wape, backtest_naive_wape, backtest_mase, backtest_days, backtest_expected, backtest_sold';

/** All SQL of the nightly job: forecast_runs, forecasts, forecast_products and the sales it reads. */
export class RunStore {
  private staged: { runId: number; summary: ReturnType<typeof runSummary>; monthDays: number[] | null } | null = null;

  constructor(private readonly sqlite: Database.Database) {}

  /**
   * The daily sales of active products from `from` to `to` (ISO dates, inclusive), one series per
   * product. Days with no row are filled by the engine (clean.ts): no sale, stock carried from the
   * day before. One row per product, its days comma-joined in SQL: a shop of 20 000 products has
   * ~20 M day rows, and a JS object per row cost seconds and gigabytes. The three lists are built
   * in the same pass over the same rows, so they stay aligned; the engine sorts the days.
   */
  activeSeries(from: string, to: string): Series[] {
    const rows = this.sqlite
      .prepare(
        `SELECT p.id, group_concat(d.date), group_concat(d.sold_milli), group_concat(ifnull(d.end_stock_milli, ''))
           FROM products p JOIN daily_sales d ON d.product_id = p.id AND d.date >= ? AND d.date <= ?
          WHERE p.active = 1
          GROUP BY p.id ORDER BY p.id`,
      )
      .raw()
      .iterate(from, to) as IterableIterator<[number, string, string, string]>;
    const out: Series[] = [];
    for (const [id, dates, sold, stock] of rows) out.push(seriesFromConcat(id, dates, sold, stock));
    return out;
  }

  /**
   * Opens a run record, in one IMMEDIATE transaction with the check that no other run is going: a
   * running record whose heartbeat is stale (its process died or closed mid-run) is failed as
   * interrupted first; one with a fresh heartbeat (the app and `npm run forecast -- --db` on the
   * same file) refuses the start with RunConflict. Two processes cannot both pass the check.
   */
  begin(startedAt: string, trigger: ForecastTrigger): number {
    return inTransaction(this.sqlite, () => {
      const now = new Date(startedAt);
      this.failInterrupted(now);
      const live = this.liveRun(now);
      if (live) throw new RunConflict(live);
      const r = this.sqlite
        .prepare("INSERT INTO forecast_runs (started_at, status, trigger, heartbeat_at) VALUES (?, 'running', ?, ?)")
        .run(startedAt, trigger, now.toISOString());
      return Number(r.lastInsertRowid);
    });
  }

  /**
   * The running job says it is alive. Never waits on the write lock (the worker's commit may hold it
   * for a second or two, and this runs on the main thread): false when the file was busy, and the
   * next beat tries again.
   */
  heartbeat(runId: number, at: string): boolean {
    const previous = this.sqlite.pragma('busy_timeout', { simple: true }) as number;
    this.sqlite.pragma('busy_timeout = 0');
    try {
      this.sqlite.prepare("UPDATE forecast_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'").run(at, runId);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
      throw e;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${previous}`);
    }
  }

  /**
   * Writes the run's results into this connection's TEMP tables, which take no lock on the shop
   * file: the till keeps writing meanwhile. commit() then copies them in one transaction, inside
   * SQLite (no JS call per row), so the write lock is held for a fraction of the time row-by-row
   * inserts took: with 20 000 products (560 000 rows), a write at the till waited up to 1.8 s for
   * the commit, now 0.7 s (medians, npm run bench:forecast:nightly).
   */
  stage(runId: number, result: ForecastResult): void {
    this.sqlite.exec(`DROP TABLE IF EXISTS temp.${NEXT_FORECASTS}; DROP TABLE IF EXISTS temp.${NEXT_PRODUCTS};
      CREATE TEMP TABLE ${NEXT_FORECASTS} AS SELECT product_id, date, p10, p50, p90, mean, method, run_id FROM main.forecasts WHERE 0;
      CREATE TEMP TABLE ${NEXT_PRODUCTS} AS SELECT ${PRODUCT_COLUMNS} FROM main.forecast_products WHERE 0;`);
    // deferred, and it touches only the temp database: no lock on the shop file
    this.sqlite.transaction(() => {
      // positional parameters, no object per row
      const f = this.sqlite.prepare(`INSERT INTO temp.${NEXT_FORECASTS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const fc of result.forecasts) {
        const id = Number(fc.id);
        for (let h = 0; h < fc.dates.length; h++) f.run(id, fc.dates[h], fc.p10[h], fc.p50[h], fc.p90[h], fc.mean[h], fc.method, runId);
      }
      const p = this.sqlite.prepare(`INSERT INTO temp.${NEXT_PRODUCTS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const r of productRows(result, runId)) p.run(r.product_id, r.run_id, r.method, r.backtest_wape, r.backtest_naive_wape, r.backtest_mase, r.backtest_days, r.backtest_expected, r.backtest_sold);
    })();
    this.staged = { runId, summary: runSummary(result), monthDays: result.monthDays };
  }

  /** Drops what stage() wrote; the shop's forecasts stay as they were. */
  unstage(): void {
    this.staged = null;
    if (this.sqlite.open) this.sqlite.exec(`DROP TABLE IF EXISTS temp.${NEXT_FORECASTS}; DROP TABLE IF EXISTS temp.${NEXT_PRODUCTS};`);
  }

  /** The staged results, the run's record and the removal of the previous forecasts: one transaction, all or nothing. */
  commit(runId: number, finishedAt: string, durationMs: number): void {
    const staged = this.staged;
    if (!staged || staged.runId !== runId) throw new Error(`forecast run ${runId}: nothing staged to commit`);
    const sum = staged.summary;
    inTransaction(this.sqlite, () => {
      this.sqlite.exec(`DELETE FROM main.forecasts; DELETE FROM main.forecast_products;
        INSERT INTO main.forecasts (product_id, date, p10, p50, p90, mean, method, run_id) SELECT * FROM temp.${NEXT_FORECASTS};
        INSERT INTO main.forecast_products (${PRODUCT_COLUMNS}) SELECT * FROM temp.${NEXT_PRODUCTS};`);
      this.sqlite
        .prepare(
          `UPDATE forecast_runs SET status = 'ok', finished_at = ?, provider = ?, products = ?, duration_ms = ?,
                  backtest_wape = ?, backtest_naive_wape = ?, backtest_coverage = ?, backtest_mase = ?, total_spread = ?, month_days = ?,
                  error = NULL WHERE id = ?`,
        )
        .run(
          finishedAt,
          sum.provider,
          sum.products,
          durationMs,
          sum.backtest_wape,
          sum.backtest_naive_wape,
          sum.backtest_coverage,
          sum.backtest_mase,
          sum.total_spread,
          staged.monthDays ? JSON.stringify(staged.monthDays.map((v) => Math.round(v * 1000) / 1000)) : null,
          runId,
        );
    });
    this.unstage();
  }

  /**
   * A run that did not finish: its record only; the previous forecasts stay as they were. Only a
   * record still 'running' changes: a run whose commit went through stays 'ok', as its forecasts are
   * in the tables. False when the record was no longer running.
   */
  end(runId: number, status: 'failed' | 'cancelled', finishedAt: string, durationMs: number, error: string | null): boolean {
    const r = this.sqlite
      .prepare("UPDATE forecast_runs SET status = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ? AND status = 'running'")
      .run(status, finishedAt, durationMs, error, runId);
    return r.changes > 0;
  }

  /**
   * Running records whose process stopped saying it is alive (a crash, a closed app, a killed
   * command line; records from before the heartbeat have none) are marked failed. A heartbeat in the
   * future by more than the same margin is stale too: the clock was put back, and a live job would
   * have stamped the new time within seconds.
   */
  failInterrupted(now: Date): number {
    const rows = this.sqlite.prepare("SELECT id, heartbeat_at FROM forecast_runs WHERE status = 'running'").all() as { id: number; heartbeat_at: string | null }[];
    const fail = this.sqlite.prepare(
      "UPDATE forecast_runs SET status = 'failed', finished_at = ?, error = 'interrupted (the app closed during the run)' WHERE id = ? AND status = 'running'",
    );
    let n = 0;
    for (const r of rows) if (!isFresh(r.heartbeat_at, now)) n += fail.run(now.toISOString(), r.id).changes;
    return n;
  }

  /** A running record with a fresh heartbeat: a run going on in this or another process. */
  liveRun(now: Date): LiveRun | null {
    const rows = this.sqlite
      .prepare("SELECT id, started_at, trigger, heartbeat_at FROM forecast_runs WHERE status = 'running' ORDER BY id DESC")
      .all() as { id: number; started_at: string; trigger: ForecastTrigger; heartbeat_at: string | null }[];
    const r = rows.find((x) => isFresh(x.heartbeat_at, now));
    return r ? { id: r.id, startedAt: r.started_at, trigger: r.trigger } : null;
  }

  lastRun(): ForecastRunRecord | null {
    const r = this.sqlite.prepare('SELECT * FROM forecast_runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** One run's record; null when the store is closed or the run unknown. */
  run(id: number): ForecastRunRecord | null {
    if (!this.sqlite.open) return null;
    const r = this.sqlite.prepare('SELECT * FROM forecast_runs WHERE id = ?').get(id) as RunRow | undefined;
    return r ? toRecord(r) : null;
  }

  lastSuccess(): ForecastRunRecord | null {
    const r = this.sqlite.prepare("SELECT * FROM forecast_runs WHERE status = 'ok' ORDER BY id DESC LIMIT 1").get() as RunRow | undefined;
    return r ? toRecord(r) : null;
  }
}
