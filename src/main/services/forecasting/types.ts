import type { ForecastPhase } from '../../../shared/api/contract';

/** One product's daily history as handed to the engine (from CSV or the shop DB). */
export interface Series {
  id: string;
  /** ISO dates 'YYYY-MM-DD'; may be unsorted, duplicated or have gaps (see clean.ts). */
  dates: string[];
  /**
   * The rows' days as day numbers (days since 1970-01-01), read instead of `dates` when given (then
   * empty): the shop database hands ~20 M rows to the engine, and a string per date cost ~0.7 GB.
   */
  days?: Float64Array;
  /** Units sold per row. Negative (returns) and non-finite values are handled in clean.ts. */
  qty: number[];
  /** Optional end-of-day stock per row; a day with stock <= 0 and no sale has unknown demand. */
  stock?: (number | null)[];
}

export type Method =
  | 'snaive'
  | 'ses_week'
  | 'damped_week'
  | 'ses_year'
  | 'damped_year'
  | 'tsb'
  | 'combo'
  | 'flat';

export interface ProductForecast {
  id: string;
  /** The horizon days after the product's last history date. */
  dates: string[];
  p10: number[];
  p50: number[];
  p90: number[];
  /** Mean demand per day (before quantiles); useful for ordering decisions. */
  mean: number[];
  method: Method;
  /** Backtest scores of the chosen method on the product's own last days (NaN when too short). */
  backtestWape: number;
  /** The same days' WAPE of last week's sales repeated (NaN when too short): the comparison a shop understands. */
  backtestNaiveWape: number;
  backtestMase: number;
  /** The latest backtest window (the horizon's length before the last day): days with known demand, 0 without a window. */
  backtestDays: number;
  /** Expected (mean) and actual totals over those days: the plain "expected 40, sold 37". */
  backtestExpected: number;
  backtestSold: number;
}

export interface BacktestSummary {
  /** Pooled over all products with a backtest window. */
  wape: number;
  /** Last week's sales repeated, on the same days. */
  naiveWape: number;
  mase: number;
  coverage80: number;
  products: number;
  /** How much wider the shop's daily total swings than independent product errors would (see total-spread.ts). */
  totalSpread: number;
}

export type Provider = 'cuda' | 'dml' | 'cpu' | 'js';

/** `done` of `total` units of work, and what is being done now (units are rough shares of the run's time). */
export interface Progress {
  done: number;
  total: number;
  phase: ForecastPhase;
}

export interface ForecastOptions {
  horizon: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Execution providers to try, in order; default cuda (Linux), dml (Windows), cpu. */
  providers?: Provider[];
  /** Products per ONNX call; cancellation is checked per batch. */
  batchSize?: number;
}

export interface ForecastResult {
  forecasts: ProductForecast[];
  provider: Provider;
  backtest: BacktestSummary;
  /** The shop's demand multiplier on days 1..31 of the month (index 0 = the 1st); null under a year of history. */
  monthDays: number[] | null;
  /** Per-series notes about input problems that were repaired (duplicates, negatives, ...). */
  warnings: string[];
}
