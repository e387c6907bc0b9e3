import type Database from 'better-sqlite3';
import type { ForecastRunRecord, TopProduct } from '../../../shared/api/contract';
import { BAND_SIGMAS } from '../../../shared/domain/forecast';
import { lineAmount } from '../../../shared/domain/money';
import { fromMilli } from '../../../shared/domain/quantity';
import { toRecord, type RunRow } from '../forecasting/nightly/run-store';
import type { DayRange } from './periods';

/*
 * The dashboard's reads. daily_sales and forecasts are WITHOUT ROWID tables keyed (product_id, date)
 * with no index on the date alone: a date range over the whole shop is read as one key range per
 * product. CROSS JOIN keeps products as the outer loop, so SQLite never scans years of history to
 * find a few days (test/db/dashboard.test.ts asserts the plans).
 */

export interface DayTotals {
  revenueMinor: number;
  costMinor: number;
  /** The takings without VAT: what the costs (without VAT) are taken from. */
  netMinor: number;
}

export interface ReceiptTotals {
  sales: { count: number; totalMinor: number };
  returns: { count: number; totalMinor: number };
}

export interface StockCounts {
  products: number;
  outOfStock: number;
  belowReorderPoint: number;
  overstock: number;
}

export const SQL = {
  // net: the takings without VAT (prices include it, costs do not), at the product's VAT rate
  salesByDay: `SELECT d.date AS date, SUM(d.revenue_minor) AS revenue, SUM(d.cost_minor) AS cost,
                      SUM(ROUND(d.revenue_minor * 10000.0 / (10000 + p.vat_rate_bp))) AS net
                 FROM products p CROSS JOIN daily_sales d
                WHERE d.product_id = p.id AND d.date >= ? AND d.date <= ?
                GROUP BY d.date`,
  top: `SELECT p.id, p.sku, p.name, p.unit, SUM(d.sold_milli) AS sold, SUM(d.revenue_minor) AS revenue
          FROM products p CROSS JOIN daily_sales d
         WHERE d.product_id = p.id AND d.date >= ? AND d.date <= ?
         GROUP BY p.id HAVING SUM(d.revenue_minor) > 0
         ORDER BY revenue DESC, p.name COLLATE NOCASE LIMIT ?`,
  // Σ mean × price, and the variance of that total from each product's P10–P90 width (see expected())
  expected: `SELECT f.date AS date, SUM(COALESCE(f.mean, f.p50) * p.price_minor) AS mean,
                    SUM((f.p90 - f.p10) * (f.p90 - f.p10) * p.price_minor * p.price_minor) AS width2
               FROM products p CROSS JOIN forecasts f
              WHERE p.active = 1 AND f.product_id = p.id AND f.date >= ? AND f.date <= ?
              GROUP BY f.date ORDER BY f.date`,
  receipts: `SELECT kind, count(*) AS n, COALESCE(SUM(total_minor), 0) AS total FROM sales WHERE business_date >= ? AND business_date <= ? GROUP BY kind`,
  receiptsUntil: `SELECT kind, count(*) AS n, COALESCE(SUM(total_minor), 0) AS total FROM sales WHERE business_date >= ? AND business_date <= ? AND at <= ? GROUP BY kind`,
  stock: `SELECT count(*) AS products,
                 COALESCE(SUM(COALESCE(s.on_hand_milli, 0) <= 0), 0) AS outOfStock,
                 COALESCE(SUM(r.below_reorder_point = 1 AND r.daily_mean > 0), 0) AS belowReorderPoint,
                 COALESCE(SUM(r.days_of_cover > ? AND COALESCE(s.on_hand_milli, 0) > 0), 0) AS overstock
            FROM products p LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN replenishments r ON r.product_id = p.id
           WHERE p.active = 1`,
  // a deactivated product's stock is still on the shelf (and in the books) until it is sold or written off
  stockValue: 'SELECT s.on_hand_milli AS milli, p.cost_minor AS cost FROM products p JOIN stock s ON s.product_id = p.id WHERE s.on_hand_milli > 0',
  expiringLots: "SELECT count(*) FROM alerts WHERE type = 'expiring_lot' AND resolved_at IS NULL",
  // the same open alerts as the badge in the navigation (alerts.counts)
  alerts: `SELECT severity, count(*) AS n FROM alerts
            WHERE resolved_at IS NULL AND acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)
            GROUP BY severity`,
  lastRun: "SELECT * FROM forecast_runs WHERE status IN ('ok', 'failed') ORDER BY id DESC LIMIT 1",
  totalSpread: "SELECT total_spread FROM forecast_runs WHERE status = 'ok' ORDER BY id DESC LIMIT 1",
  hasSales: 'SELECT EXISTS (SELECT 1 FROM sales) OR EXISTS (SELECT 1 FROM daily_sales WHERE sold_milli <> 0)',
} as const;

/** Prepared once per service: the dashboard is opened many times a day. */
export class DashboardQueries {
  private readonly stmts: { [K in keyof typeof SQL]: Database.Statement };

  constructor(db: Database.Database) {
    this.stmts = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as { [K in keyof typeof SQL]: Database.Statement };
  }

  salesByDay(range: DayRange): Map<string, DayTotals> {
    const rows = this.stmts.salesByDay.all(range.from, range.to) as { date: string; revenue: number; cost: number; net: number }[];
    return new Map(rows.map((r) => [r.date, { revenueMinor: r.revenue, costMinor: r.cost, netMinor: r.net }]));
  }

  top(range: DayRange, limit: number): TopProduct[] {
    const rows = this.stmts.top.all(range.from, range.to, limit) as { id: number; sku: string; name: string; unit: string; sold: number; revenue: number }[];
    return rows.map((r) => ({ productId: r.id, sku: r.sku, name: r.name, unit: r.unit, quantity: fromMilli(r.sold), amountMinor: r.revenue }));
  }

  /**
   * The shop's expected takings per day and their 80% range. Products' P10s and P90s do not add up
   * (all products having a quiet day at once is far rarer than 1 in 10), and the sum of medians
   * sits below the expected total for slow sellers. So: centre = Σ mean × price; each product's
   * spread is read from its P10–P90 width as a normal's (width / 2.563 = σ), variances add up,
   * times the run's total spread (products' errors move together: a slow day is slow for all; see
   * forecasting/total-spread.ts), and the total's P10/P90 = centre ∓ 1.2816 σ. Runs before migration
   * 0010 have no mean: P50. Without a spread (a run with no backtest window: under ~5 weeks of
   * sales; or one before migration 0018) the range is not measured: P10 = P90 = P50. Summed as if
   * independent, it held 16% of days on store_item's pseudo hold-outs, 30% on the bakery's.
   */
  expected(range: DayRange): { days: { date: string; p10Minor: number; p50Minor: number; p90Minor: number }[]; rangeMeasured: boolean } {
    const rows = this.stmts.expected.all(range.from, range.to) as { date: string; mean: number; width2: number }[];
    const spread = this.stmts.totalSpread.pluck().get() as number | null | undefined;
    const measured = typeof spread === 'number';
    const days = rows.map((r) => {
      const centre = Math.round(r.mean);
      if (!measured) return { date: r.date, p10Minor: centre, p50Minor: centre, p90Minor: centre };
      const half = (1.2816 * Math.sqrt(Math.max(0, spread * r.width2))) / BAND_SIGMAS;
      return { date: r.date, p10Minor: Math.max(0, Math.round(r.mean - half)), p50Minor: centre, p90Minor: Math.round(r.mean + half) };
    });
    return { days, rangeMeasured: measured };
  }

  /** The receipts of a range of days; with `until` (ISO), only those rung up at or before it. */
  receipts(range: DayRange, until?: string): ReceiptTotals {
    const rows = (until === undefined ? this.stmts.receipts.all(range.from, range.to) : this.stmts.receiptsUntil.all(range.from, range.to, until)) as { kind: 'sale' | 'return'; n: number; total: number }[];
    const of = (kind: 'sale' | 'return') => {
      const r = rows.find((x) => x.kind === kind);
      return { count: r?.n ?? 0, totalMinor: r?.total ?? 0 };
    };
    return { sales: of('sale'), returns: of('return') };
  }

  stock(overstockDays: number): StockCounts {
    return this.stmts.stock.get(overstockDays) as StockCounts;
  }

  stockValue(): number {
    const rows = this.stmts.stockValue.all() as { milli: number; cost: number }[];
    return rows.reduce((sum, r) => sum + lineAmount(r.milli, r.cost), 0);
  }

  expiringLots(): number {
    return this.stmts.expiringLots.pluck().get() as number;
  }

  openAlerts(nowIso: string): { critical: number; warning: number; info: number } {
    const counts = { critical: 0, warning: 0, info: 0 };
    for (const r of this.stmts.alerts.all(nowIso) as { severity: keyof typeof counts; n: number }[]) counts[r.severity] = r.n;
    return counts;
  }

  lastRun(): ForecastRunRecord | null {
    const r = this.stmts.lastRun.get() as RunRow | undefined;
    return r ? toRecord(r) : null;
  }

  hasSales(): boolean {
    return (this.stmts.hasSales.pluck().get() as number) === 1;
  }
}
