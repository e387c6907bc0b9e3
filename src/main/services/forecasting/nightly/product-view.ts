import type Database from 'better-sqlite3';
import type { ProductForecastView } from '../../../../shared/api/contract';
import { addDays } from '../../../../shared/domain/dates';
import type { Locale } from '../../../../shared/domain/settings';
import type { ForecastProductRow } from '../db-seam';
import { explainForecast, methodLabel } from './explain';

/** Days of actual sales shown next to a product's forecast. */
export const SHOWN_DAYS = 120;

/** A forecast_products row as the run stored it, with its run's day-of-month profile. */
type StoredProduct = Omit<ForecastProductRow, 'product_id'> & { month_days: string | null };

type ForecastDay = ProductForecastView['forecast'][number];

function parseMonthDays(json: string | null): number[] | null {
  if (!json) return null;
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) && v.length === 31 && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
}

/**
 * The shown days of sales, each flagged when it was a stock-out: no sale with the end-of-day stock
 * (carried from the last day that recorded one) at or below 0, the same rule the engine uses to treat
 * a day's demand as unknown. Starts at the product's first record when that is later than `from`.
 */
function history(sqlite: Database.Database, productId: number, from: string, today: string): { days: ProductForecastView['history']; everSold: boolean } {
  const first = sqlite
    .prepare('SELECT min(date) AS first, max(sold_milli <> 0) AS sold FROM daily_sales WHERE product_id = ?')
    .get(productId) as { first: string | null; sold: number | null };
  if (first.first === null || first.first >= today) return { days: [], everSold: false };
  const start = first.first > from ? first.first : from;
  const before = sqlite
    .prepare('SELECT end_stock_milli FROM daily_sales WHERE product_id = ? AND date < ? AND end_stock_milli IS NOT NULL ORDER BY date DESC LIMIT 1')
    .get(productId, start) as { end_stock_milli: number } | undefined;
  const rows = sqlite
    .prepare('SELECT date, sold_milli, end_stock_milli FROM daily_sales WHERE product_id = ? AND date >= ? AND date < ? ORDER BY date')
    .all(productId, start, today) as { date: string; sold_milli: number; end_stock_milli: number | null }[];
  const byDate = new Map(rows.map((r) => [r.date, r]));
  let stock: number | null = before?.end_stock_milli ?? null;
  const days: ProductForecastView['history'] = [];
  for (let d = start; d < today; d = addDays(d, 1)) {
    const r = byDate.get(d);
    if (r?.end_stock_milli !== null && r?.end_stock_milli !== undefined) stock = r.end_stock_milli;
    const sold = r?.sold_milli ?? 0;
    days.push({ date: d, qty: sold / 1000, stockout: sold === 0 && stock !== null && stock <= 0 });
  }
  return { days, everSold: first.sold === 1 };
}

/** Most days' likeliest sale is 0 while some sales are expected: the median line sits at 0. */
const isIntermittent = (forecast: ForecastDay[]): boolean =>
  forecast.length > 0 && forecast.filter((f) => f.p50 === 0).length * 2 >= forecast.length && forecast.some((f) => (f.mean ?? f.p50) > 0);

/** A product's recent sales, its stored forecast and the explanation in the shop's language. */
export function productForecastView(
  sqlite: Database.Database,
  product: { id: number; name: string; unit: string },
  ctx: { today: string; locale: Locale; horizon: number },
): ProductForecastView {
  const { days, everSold } = history(sqlite, product.id, addDays(ctx.today, -SHOWN_DAYS), ctx.today);
  const meta = sqlite
    .prepare(
      `SELECT fp.run_id, fp.method, fp.backtest_wape, fp.backtest_naive_wape, fp.backtest_mase,
              fp.backtest_days, fp.backtest_expected, fp.backtest_sold, r.month_days
         FROM forecast_products fp LEFT JOIN forecast_runs r ON r.id = fp.run_id WHERE fp.product_id = ?`,
    )
    .get(product.id) as StoredProduct | undefined;
  const stored = sqlite.prepare('SELECT date, p10, p50, p90, mean FROM forecasts WHERE product_id = ? ORDER BY date').all(product.id) as ForecastDay[];
  // the run's horizon, which its backtest window matched
  const windowDays = stored.length || ctx.horizon;
  // A run from days ago (the PC was off, or the shop's day ends after the nightly hour) starts before
  // today: its past days are gone, neither drawn as to come nor counted in what is expected.
  const forecast = stored.filter((f) => f.date >= ctx.today);
  const backtest =
    meta && meta.backtest_days
      ? { days: meta.backtest_days, windowDays, expected: meta.backtest_expected ?? 0, sold: meta.backtest_sold ?? 0 }
      : null;
  // No backtest: too little history before the window (the engine needs a week before it), or no day
  // of the window with known demand, as when the shelf was empty all along (no error measured either;
  // a run before migration 0017 measured one but kept no totals, and was told « too short » before).
  const measuredNone = days.length >= windowDays + 7 && meta?.backtest_wape === null;
  const noBacktest = backtest ? null : !measuredNone ? 'short' : days.slice(-windowDays).some((d) => d.stockout) ? 'stockout' : 'unknown';
  const intermittent = isIntermittent(forecast);
  return {
    productId: product.id,
    name: product.name,
    unit: product.unit,
    history: days,
    forecast,
    everSold,
    intermittent,
    runId: meta?.run_id ?? null,
    method: meta?.method ?? null,
    methodLabel: meta ? methodLabel(meta.method, ctx.locale) : null,
    backtestWape: meta?.backtest_wape ?? null,
    backtestNaiveWape: meta?.backtest_naive_wape ?? null,
    backtestMase: meta?.backtest_mase ?? null,
    backtest,
    explanation: meta
      ? explainForecast(
          {
            method: meta.method,
            wape: meta.backtest_wape,
            naiveWape: meta.backtest_naive_wape,
            backtest,
            horizonDays: stored.length ? forecast.length : windowDays,
            runDays: windowDays,
            noBacktest,
            expectedNext: forecast.reduce((s, f) => s + (f.mean ?? f.p50), 0),
            intermittent,
            stockoutDays: days.filter((d) => d.stockout).length,
            unit: product.unit,
            monthDays: parseMonthDays(meta.month_days),
          },
          ctx.locale,
        )
      : '',
  };
}
