/**
 * Pure mapping between the shop DB's rows and the engine, so the nightly job is: read rows,
 * seriesFromConcat() -> forecastSeries(..., {extendTo: yesterday}) -> productRows() and the forecasts
 * themselves (RunStore.commit).
 * No database access here.
 */
import { dayList } from './dates';
import type { ForecastResult, Series } from './types';

/**
 * One product's daily_sales rows as SQLite's group_concat gives them (see RunStore.activeSeries):
 * dates, milli-units sold and end-of-day stock in milli-units, each comma-joined in the same row
 * order, an empty stock meaning unknown. Milli-units become units; the dates become day numbers
 * (Series.days) and a stock column that is all unknown is left out.
 */
export function seriesFromConcat(productId: number, dates: string, soldMilli: string, stockMilli: string): Series {
  const days = dayList(dates);
  const qty = milliList(soldMilli);
  const stock = milliList(stockMilli);
  if (qty.length !== days.length || stock.length !== days.length) {
    throw new Error(`product ${productId}: ${days.length} dates, ${qty.length} quantities and ${stock.length} stock levels`);
  }
  const series: Series = { id: String(productId), dates: [], days, qty };
  if (stock.some((v) => !Number.isNaN(v))) series.stock = stock.map((v) => (Number.isNaN(v) ? null : v));
  return series;
}

/**
 * Comma-joined whole numbers of thousandths (SQLite's text for the INTEGER columns) as units,
 * parsed in place rather than split into a string each; an empty entry is NaN.
 */
function milliList(joined: string): number[] {
  const out: number[] = [];
  let v = 0;
  let neg = false;
  let empty = true;
  for (let i = 0; i <= joined.length; i++) {
    const c = i < joined.length ? joined.charCodeAt(i) : 44;
    if (c === 44) {
      out.push(empty ? NaN : (neg ? -v : v) / 1000);
      v = 0;
      neg = false;
      empty = true;
    } else if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      empty = false;
    } else if (c === 45 && empty && !neg) {
      neg = true;
    } else {
      // not a plain integer (a REAL written by hand, say): read it the slow way
      return joined.split(',').map((x) => (x === '' ? NaN : Number(x) / 1000));
    }
  }
  return out;
}

export interface ForecastProductRow {
  product_id: number;
  run_id: number;
  method: string;
  backtest_wape: number | null;
  backtest_naive_wape: number | null;
  backtest_mase: number | null;
  backtest_days: number | null;
  backtest_expected: number | null;
  backtest_sold: number | null;
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function productRows(result: ForecastResult, runId: number): ForecastProductRow[] {
  return result.forecasts.map((f) => ({
    product_id: Number(f.id),
    run_id: runId,
    method: f.method,
    backtest_wape: orNull(f.backtestWape),
    backtest_naive_wape: orNull(f.backtestNaiveWape),
    backtest_mase: orNull(f.backtestMase),
    backtest_days: f.backtestDays > 0 ? f.backtestDays : null,
    backtest_expected: f.backtestDays > 0 ? f.backtestExpected : null,
    backtest_sold: f.backtestDays > 0 ? f.backtestSold : null,
  }));
}

/** Values for forecast_runs' result columns. */
export function runSummary(result: ForecastResult): {
  provider: string;
  products: number;
  backtest_wape: number | null;
  backtest_naive_wape: number | null;
  backtest_coverage: number | null;
  backtest_mase: number | null;
  total_spread: number | null;
} {
  return {
    provider: result.provider,
    products: result.forecasts.length,
    backtest_wape: orNull(result.backtest.wape),
    backtest_naive_wape: orNull(result.backtest.naiveWape),
    backtest_coverage: orNull(result.backtest.coverage80),
    backtest_mase: orNull(result.backtest.mase),
    total_spread: orNull(result.backtest.totalSpread),
  };
}
