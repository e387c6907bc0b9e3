/**
 * Pure mapping between the shop DB's rows and the engine, so the nightly job is: read rows,
 * productHistories() -> forecastSeries(..., {extendTo: today}) -> forecastRows()/productRows().
 * No database access here.
 */
import type { ForecastResult, Series } from './types';

export interface DailySalesRow {
  product_id: number;
  date: string;
  sold_milli: number;
  end_stock_milli: number | null;
}

export interface ProductHistory {
  productId: number;
  dates: string[];
  qty: number[];
  stock: (number | null)[];
}

/** Groups daily_sales rows (any order) into histories; milli-units become units. */
export function productHistories(rows: Iterable<DailySalesRow>): ProductHistory[] {
  const by = new Map<number, ProductHistory>();
  for (const r of rows) {
    let h = by.get(r.product_id);
    if (!h) {
      h = { productId: r.product_id, dates: [], qty: [], stock: [] };
      by.set(r.product_id, h);
    }
    h.dates.push(r.date);
    h.qty.push(r.sold_milli / 1000);
    h.stock.push(r.end_stock_milli === null ? null : r.end_stock_milli / 1000);
  }
  return [...by.values()];
}

export function historiesToSeries(h: ProductHistory[]): Series[] {
  return h.map((p) => ({ id: String(p.productId), dates: p.dates, qty: p.qty, stock: p.stock }));
}

export interface ForecastRow {
  product_id: number;
  date: string;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  method: string;
  run_id: number;
}

export interface ForecastProductRow {
  product_id: number;
  run_id: number;
  method: string;
  backtest_wape: number | null;
  backtest_mase: number | null;
  explanation: string;
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function forecastRows(result: ForecastResult, runId: number): ForecastRow[] {
  const out: ForecastRow[] = [];
  for (const f of result.forecasts) {
    for (let h = 0; h < f.dates.length; h++) {
      out.push({ product_id: Number(f.id), date: f.dates[h]!, p10: f.p10[h]!, p50: f.p50[h]!, p90: f.p90[h]!, mean: f.mean[h]!, method: f.method, run_id: runId });
    }
  }
  return out;
}

export function productRows(result: ForecastResult, runId: number): ForecastProductRow[] {
  return result.forecasts.map((f) => ({
    product_id: Number(f.id),
    run_id: runId,
    method: f.method,
    backtest_wape: orNull(f.backtestWape),
    backtest_mase: orNull(f.backtestMase),
    explanation: f.explanation,
  }));
}

/** Values for forecast_runs' result columns. */
export function runSummary(result: ForecastResult): {
  provider: string;
  products: number;
  backtest_wape: number | null;
  backtest_coverage: number | null;
  backtest_mase: number | null;
} {
  return {
    provider: result.provider,
    products: result.forecasts.length,
    backtest_wape: orNull(result.backtest.wape),
    backtest_coverage: orNull(result.backtest.coverage80),
    backtest_mase: orNull(result.backtest.mase),
  };
}
