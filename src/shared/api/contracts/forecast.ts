import * as s from '../schemas';
import { out, type ContractTable } from './helpers';

export type ForecastRunStatus = 'running' | 'ok' | 'failed' | 'cancelled';
export type ForecastTrigger = 'nightly' | 'catchup' | 'manual' | 'cli';
/**
 * What a running forecast is doing now: reading the sales, working out the seasons, trying the
 * methods on past weeks, forecasting the coming days, saving. null before the worker has started.
 */
export type ForecastPhase = 'reading' | 'preparing' | 'backtest' | 'forecast' | 'saving';

/** One row of forecast_runs. Times are ISO instants; durations in milliseconds. */
export interface ForecastRunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: ForecastRunStatus;
  trigger: ForecastTrigger;
  provider: string | null;
  products: number;
  durationMs: number | null;
  backtestWape: number | null;
  /** The same backtest for last week's sales repeated day by day; null in runs before it was kept. */
  backtestNaiveWape: number | null;
  backtestCoverage: number | null;
  backtestMase: number | null;
  error: string | null;
}

export interface ForecastStatus {
  running: { runId: number; trigger: ForecastTrigger; startedAt: string; done: number; total: number; phase: ForecastPhase | null } | null;
  lastRun: ForecastRunRecord | null;
  lastSuccess: ForecastRunRecord | null;
}

/** A product's recent sales and its stored forecast, for the Forecasts page. */
export interface ProductForecastView {
  productId: number;
  name: string;
  unit: string;
  /**
   * Units sold per day up to yesterday, over the last ~120 days or from the product's first record
   * (a sale or a stock movement) when later; days without sales as 0. `stockout`: no sale and the
   * end-of-day stock at or below 0, so the day says nothing about demand.
   */
  history: { date: string; qty: number; stockout: boolean }[];
  /** `mean`: expected units (only means add up over days); null in runs before it was kept. */
  forecast: { date: string; p10: number; p50: number; p90: number; mean: number | null }[];
  /** Whether the product has ever sold: a product that never did gets no forecast until it does. */
  everSold: boolean;
  /** Sells on fewer than half of the days: its most likely day is 0, so the P50 line sits at 0 and the mean tells more. */
  intermittent: boolean;
  runId: number | null;
  method: string | null;
  methodLabel: string | null;
  backtestWape: number | null;
  /** Last week's sales repeated, on the same days as backtestWape. */
  backtestNaiveWape: number | null;
  backtestMase: number | null;
  /** The latest backtest window: days with known demand out of `windowDays`, expected (mean) and sold totals over them. */
  backtest: { days: number; windowDays: number; expected: number; sold: number } | null;
  /** Plain words in the shop's language; '' when the product has no forecast yet. */
  explanation: string;
}

export interface ForecastProgressEvent {
  runId: number;
  done: number;
  total: number;
  phase: ForecastPhase | null;
  status: ForecastRunStatus;
}

/** The nightly forecast and the Forecasts page. */
export const forecastContract = {
  'forecast.run': { input: s.empty, output: out<{ runId: number }>(), role: 'manager' },
  'forecast.cancel': { input: s.empty, output: out<{ cancelled: boolean }>(), role: 'manager' },
  'forecast.status': { input: s.empty, output: out<ForecastStatus>(), role: 'cashier' },
  'forecast.product': { input: s.byId, output: out<ProductForecastView>(), role: 'cashier' },
} as const satisfies ContractTable;

export interface ForecastEvents {
  'forecast.progress': ForecastProgressEvent;
}
