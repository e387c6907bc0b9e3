import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const forecastRuns = sqliteTable('forecast_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  status: text('status', { enum: ['running', 'ok', 'failed', 'cancelled'] }).notNull(),
  trigger: text('trigger', { enum: ['nightly', 'catchup', 'manual', 'cli'] }).notNull(),
  provider: text('provider'),
  products: integer('products').notNull().default(0),
  durationMs: integer('duration_ms'),
  backtestWape: real('backtest_wape'),
  /** The same backtest for last week's sales repeated (the shop's own rule of thumb); null before 0014. */
  backtestNaiveWape: real('backtest_naive_wape'),
  backtestCoverage: real('backtest_coverage'),
  backtestMase: real('backtest_mase'),
  /**
   * How much wider the shop's daily total swings around its forecast than independent product errors
   * would (variance ratio on the backtest, >= 1): the dashboard widens its range by its square root.
   * Null without a backtest, or before 0018.
   */
  totalSpread: real('total_spread'),
  /** The shop's day-of-month multipliers (JSON, 31 numbers) the run found; null under a year of history. */
  monthDays: text('month_days'),
  error: text('error'),
  /**
   * While 'running': when the process running it last said it is alive (ISO, every few seconds).
   * Another process fails a running record only once this is stale (0016; null before).
   */
  heartbeatAt: text('heartbeat_at'),
});

/** The latest forecast per product and day (replaced whole by each successful run). */
export const forecasts = sqliteTable(
  'forecasts',
  {
    productId: integer('product_id').notNull(),
    date: text('date').notNull(),
    p10: real('p10').notNull(),
    p50: real('p50').notNull(),
    p90: real('p90').notNull(),
    /** Mean demand (units/day); P50 is the median, and only means add up across products. Null in runs before 0010. */
    mean: real('mean'),
    method: text('method').notNull(),
    runId: integer('run_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.date] })],
);

export const forecastProducts = sqliteTable('forecast_products', {
  productId: integer('product_id').primaryKey(),
  runId: integer('run_id').notNull(),
  method: text('method').notNull(),
  backtestWape: real('backtest_wape'),
  backtestNaiveWape: real('backtest_naive_wape'),
  backtestMase: real('backtest_mase'),
  /** The latest backtest window: days with known demand (null: no window, or a run before 0017), and the expected and sold totals over them. */
  backtestDays: integer('backtest_days'),
  backtestExpected: real('backtest_expected'),
  backtestSold: real('backtest_sold'),
});
