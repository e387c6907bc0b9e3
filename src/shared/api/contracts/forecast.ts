import * as s from '../schemas';
import { out, type ContractTable } from './helpers';

export type ForecastRunStatus = 'running' | 'ok' | 'failed' | 'cancelled';
export type ForecastTrigger = 'nightly' | 'catchup' | 'manual' | 'cli';

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
  running: { runId: number; trigger: ForecastTrigger; startedAt: string; done: number; total: number } | null;
  lastRun: ForecastRunRecord | null;
  lastSuccess: ForecastRunRecord | null;
}

/** A product's recent sales and its stored forecast, for the Forecasts page. */
export interface ProductForecastView {
  productId: number;
  name: string;
  unit: string;
  /** Units sold per day over the last ~120 days up to yesterday, days without sales as 0. */
  history: { date: string; qty: number }[];
  forecast: { date: string; p10: number; p50: number; p90: number }[];
  runId: number | null;
  method: string | null;
  methodLabel: string | null;
  backtestWape: number | null;
  /** Last week's sales repeated, on the same days as backtestWape. */
  backtestNaiveWape: number | null;
  backtestMase: number | null;
  /** Plain words in the shop's language; '' when the product has no forecast yet. */
  explanation: string;
}

export interface ForecastProgressEvent {
  runId: number;
  done: number;
  total: number;
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
