import type Database from 'better-sqlite3';
import type { ForecastRunRecord, TopProduct } from '../../../shared/api/contract';
import { BAND_SIGMAS } from '../../../shared/domain/forecast';
import { lineAmount, sumMinor } from '../../../shared/domain/money';
import { fromMilli } from '../../../shared/domain/quantity';
import { toRecord, type RunRow } from '../forecasting/nightly/run-store';
import { stockLineValue } from '../ledger/ledger';
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
  /**
   * The takings without VAT at each product's rate now, not rounded: what the costs (without VAT) are
   * taken from once tillVat() has put the VAT the receipts charged in place of the till's share.
   */
  netMinor: number;
}

/** Goods gone without a sale over a range of days, at the cost each movement recorded. */
export interface LossTotals {
  writeOffsMinor: number;
  countShortfallMinor: number;
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

/** A product with something still to come on a sent or partly received order. */
const ON_ORDER = `EXISTS (SELECT 1 FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
                   WHERE l.product_id = p.id AND o.status IN ('sent', 'partial') AND l.qty_milli > l.received_milli)`;
const ON_HAND = 'COALESCE((SELECT on_hand_milli FROM stock WHERE product_id = p.id), 0)';
/**
 * Whether a product's shelf may run short by @to: an order on the way (the shelf grows on a given day),
 * or less in stock than the forecast from today to @to, today whole (so a product left out surely fits).
 * A stock below 0 is a wrong count, not an empty shelf (the shop is selling it): never capped.
 */
const MAY_RUN_SHORT = `(${ON_ORDER} OR (${ON_HAND} >= 0 AND ${ON_HAND} / 1000.0 <
                         (SELECT COALESCE(SUM(COALESCE(g.mean, g.p50)), 0) FROM forecasts g WHERE g.product_id = p.id AND g.date >= @today AND g.date <= @to)))`;

export const SQL = {
  // net: the takings without VAT (prices include it, costs do not), at the product's VAT rate now,
  // unrounded: tillVat swaps the till's share for what its receipts charged, and the period is rounded once
  salesByDay: `SELECT d.date AS date, SUM(d.revenue_minor) AS revenue, SUM(d.cost_minor) AS cost,
                      SUM(d.revenue_minor * 10000.0 / (10000 + p.vat_rate_bp)) AS net
                 FROM products p CROSS JOIN daily_sales d
                WHERE d.product_id = p.id AND d.date >= ? AND d.date <= ?
                GROUP BY d.date`,
  top: `SELECT p.id, p.sku, p.name, p.unit, SUM(d.sold_milli) AS sold, SUM(d.revenue_minor) AS revenue
          FROM products p CROSS JOIN daily_sales d
         WHERE d.product_id = p.id AND d.date >= ? AND d.date <= ?
         GROUP BY p.id HAVING SUM(d.revenue_minor) > 0
         ORDER BY revenue DESC, p.name COLLATE NOCASE LIMIT ?`,
  // Σ mean × price over the products whose shelf holds their whole forecast, and the variance of that
  // total from each product's P10–P90 width (see expected())
  expected: `SELECT f.date AS date, SUM(COALESCE(f.mean, f.p50) * p.price_minor) AS mean,
                    SUM((f.p90 - f.p10) * (f.p90 - f.p10) * p.price_minor * p.price_minor) AS width2
               FROM products p CROSS JOIN forecasts f
              WHERE p.active = 1 AND f.product_id = p.id AND f.date >= @from AND f.date <= @to AND NOT ${MAY_RUN_SHORT}
              GROUP BY f.date ORDER BY f.date`,
  // the others' days from today on, with their stock now and what each day sold (today's, so far), stepped through in expected()
  expectedShort: `SELECT p.id AS id, f.date AS date, p.price_minor AS price, f.p90 - f.p10 AS w, COALESCE(f.mean, f.p50) AS m,
                         ${ON_HAND} AS onHandMilli, COALESCE(d.sold_milli, 0) AS soldMilli
                    FROM products p CROSS JOIN forecasts f LEFT JOIN daily_sales d ON d.product_id = p.id AND d.date = f.date
                   WHERE p.active = 1 AND f.product_id = p.id AND f.date >= @today AND f.date <= @to AND ${MAY_RUN_SHORT}
                   ORDER BY p.id, f.date`,
  // what open orders still bring, by product and the day it is due; an order already late counts as due today
  arrivals: `SELECT l.product_id, MAX(o.expected_date, ?) AS due, SUM(MAX(0, l.qty_milli - l.received_milli))
               FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
              WHERE o.status IN ('sent', 'partial') GROUP BY l.product_id, due`,
  /*
   * The receipts' own VAT: each till line stored the amount taken and the VAT charged on it, at the rate
   * of that day. What salesByDay took off at the product's rate now, less what was charged: added to its
   * net, the till's share of it is exactly what the receipts say, whatever the rate has become since
   * (a return's line carries the sold line's rate and gives its share back). daily_sales keeps no VAT:
   * reading the lines (through sales_date, a few thousand a day at most) costs the dashboard less than
   * a column the till, the imports and the ledger writer would all have to keep.
   */
  tillVat: `SELECT TOTAL(CASE s.kind WHEN 'return' THEN -1 ELSE 1 END * (l.net_minor - l.vat_minor - l.net_minor * 10000.0 / (10000 + p.vat_rate_bp)))
              FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN products p ON p.id = l.product_id
             WHERE s.business_date >= ? AND s.business_date <= ?`,
  // losses and count corrections from the ledger's kind-and-day index (it holds no sale: the query must say kind <> 'sale')
  writeOffs: `SELECT qty_milli, unit_cost_minor FROM movements WHERE kind <> 'sale' AND kind = 'loss' AND business_date >= ? AND business_date <= ?`,
  countShortfalls: `SELECT qty_milli, unit_cost_minor FROM movements
                     WHERE kind <> 'sale' AND kind = 'count' AND business_date >= ? AND business_date <= ? AND qty_milli < 0`,
  receipts: `SELECT kind, count(*) AS n, COALESCE(SUM(total_minor), 0) AS total FROM sales WHERE business_date >= ? AND business_date <= ? GROUP BY kind`,
  receiptsUntil: `SELECT kind, count(*) AS n, COALESCE(SUM(total_minor), 0) AS total FROM sales WHERE business_date >= ? AND business_date <= ? AND at <= ? GROUP BY kind`,
  /*
   * The products the Alerts page names: out of stock (alerts/rules.ts) is an empty shelf for a product
   * that sells, or whose order is late; one just created and never received is not. Below the reorder
   * point counts those still on the shelf: an empty one's alert carries the order advice itself.
   */
  stock: `SELECT count(*) AS products,
                 COALESCE(SUM(COALESCE(s.on_hand_milli, 0) <= 0 AND (r.daily_mean > 0 OR EXISTS (
                   SELECT 1 FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
                    WHERE l.product_id = p.id AND o.status IN ('sent', 'partial') AND l.qty_milli > l.received_milli AND o.expected_date < ?))), 0) AS outOfStock,
                 COALESCE(SUM(r.below_reorder_point = 1 AND r.daily_mean > 0 AND COALESCE(s.on_hand_milli, 0) > 0), 0) AS belowReorderPoint,
                 COALESCE(SUM(r.days_of_cover > ? AND COALESCE(s.on_hand_milli, 0) > 0), 0) AS overstock
            FROM products p LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN replenishments r ON r.product_id = p.id
           WHERE p.active = 1`,
  // a deactivated product's stock is still on the shelf (and in the books) until it is sold or written off;
  // a stock below 0 is read to be counted (it is worth 0: stockLineValue)
  stockValue: 'SELECT s.on_hand_milli AS milli, p.cost_minor AS cost FROM products p JOIN stock s ON s.product_id = p.id WHERE s.on_hand_milli <> 0',
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

  /** What to add to salesByDay's net over a range for its till receipts to count the VAT they charged (not rounded). */
  tillVat(range: DayRange): number {
    return this.stmts.tillVat.pluck().get(range.from, range.to) as number;
  }

  /** Write-offs and what counts found missing, at the cost recorded with each movement (as the movements screen values them). */
  losses(range: DayRange): LossTotals {
    const value = (stmt: Database.Statement) =>
      0 - sumMinor((stmt.raw().all(range.from, range.to) as [number, number][]).map(([milli, cost]) => lineAmount(milli, cost)));
    return { writeOffsMinor: value(this.stmts.writeOffs), countShortfallMinor: value(this.stmts.countShortfalls) };
  }

  top(range: DayRange, limit: number): TopProduct[] {
    const rows = this.stmts.top.all(range.from, range.to, limit) as { id: number; sku: string; name: string; unit: string; sold: number; revenue: number }[];
    return rows.map((r) => ({ productId: r.id, sku: r.sku, name: r.name, unit: r.unit, quantity: fromMilli(r.sold), amountMinor: r.revenue }));
  }

  /**
   * The shop's expected takings per day and their 80% range: what the shop can sell, not the demand.
   * Each product's day is capped by what will be on the shelf: its stock now, less what the days
   * before will have sold (the rest of today first: its forecast less what it sold so far), plus what
   * open orders bring by that day (an order already late, from today). A product out of stock with
   * nothing on order adds nothing; a day sold in part adds that share of its spread. Products whose
   * stock holds their whole forecast are summed in SQL; only the others are stepped through a day at
   * a time here (a 20 000-product shop would otherwise bring 300 000 rows across).
   *
   * Products' P10s and P90s do not add up (all products having a quiet day at once is far rarer than
   * 1 in 10), and the sum of medians sits below the expected total for slow sellers. So: centre =
   * Σ sold × price (the mean where the shelf does not cap it); each product's
   * spread is read from its P10–P90 width as a normal's (width / 2.563 = σ), variances add up,
   * times the run's total spread (products' errors move together: a slow day is slow for all; see
   * forecasting/total-spread.ts), and the total's P10/P90 = centre ∓ 1.2816 σ. Runs before migration
   * 0010 have no mean: P50. Without a spread (a run with no backtest window: under ~5 weeks of
   * sales; or one before migration 0018) the range is not measured: P10 = P90 = P50. Summed as if
   * independent, it held 16% of days on store_item's pseudo hold-outs, 30% on the bakery's.
   */
  expected(range: DayRange, today: string): { days: { date: string; p10Minor: number; p50Minor: number; p90Minor: number }[]; rangeMeasured: boolean } {
    const params = { today, from: range.from, to: range.to };
    const byDay = new Map((this.stmts.expected.all(params) as { date: string; mean: number; width2: number }[]).map((r) => [r.date, r]));
    const due = new Map<number, [date: string, milli: number][]>();
    for (const [id, date, milli] of this.stmts.arrivals.raw().all(today) as [number, string, number][]) due.set(id, [...(due.get(id) ?? []), [date, milli]]);
    type Row = { id: number; date: string; price: number; w: number; m: number; onHandMilli: number; soldMilli: number };
    let product = -1;
    let shelf = 0;
    let arrivals: [string, number][] = [];
    for (const r of this.stmts.expectedShort.iterate(params) as Iterable<Row>) {
      if (r.id !== product) {
        product = r.id;
        shelf = fromMilli(r.onHandMilli);
        arrivals = (due.get(r.id) ?? []).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      }
      while (arrivals.length && arrivals[0]![0] <= r.date) shelf += fromMilli(arrivals.shift()![1]);
      const demand = r.date === today ? Math.max(0, r.m - fromMilli(r.soldMilli)) : r.m;
      const sold = r.onHandMilli < 0 ? demand : Math.max(0, Math.min(demand, shelf));
      shelf -= sold;
      if (r.date < range.from) continue;
      const share = r.m > 0 ? sold / r.m : 1;
      const day = byDay.get(r.date) ?? { date: r.date, mean: 0, width2: 0 };
      day.mean += sold * r.price;
      day.width2 += (share * r.w * r.price) ** 2;
      byDay.set(r.date, day);
    }
    const spread = this.stmts.totalSpread.pluck().get() as number | null | undefined;
    const measured = typeof spread === 'number';
    const days = [...byDay.values()]
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((r) => {
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

  stock(overstockDays: number, today: string): StockCounts {
    return this.stmts.stock.get(today, overstockDays) as StockCounts;
  }

  /** The stock at cost, a line below 0 worth 0 (the Stock page's rule), and how many lines are below 0. */
  stockValue(): { valueMinor: number; negative: number } {
    const rows = this.stmts.stockValue.raw().all() as [milli: number, cost: number][];
    return { valueMinor: sumMinor(rows.map(([milli, cost]) => stockLineValue(milli, cost))), negative: rows.filter(([milli]) => milli < 0).length };
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
