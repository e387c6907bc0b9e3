import type { ReplenishmentView } from '../../../shared/api/contract';
import { addDays } from '../../../shared/domain/dates';
import { shopDay, shopToday } from '../shop-day';
import {
  abcClasses,
  averageForecast,
  leftOfToday,
  periodDemand,
  effectiveLeadTimeDays,
  explainFully,
  replenish,
  type AbcClass,
  type DayForecast,
  type ReplenishmentInput,
} from '../../../shared/domain/replenishment';
import type { ShopSettings } from '../../../shared/domain/settings';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { inTransaction } from '../../db/tx';
import type { ServiceDeps } from '../context';
import { inList } from '../../db/sql';

/** Days of recent sales averaged for a product the engine has not forecast yet. */
export const FALLBACK_DAYS = 28;

/** The shop settings that a suggestion or its explanation depends on: a change recomputes them all. */
export const SUGGESTION_SETTINGS = ['serviceLevel', 'serviceLevelA', 'serviceLevelB', 'serviceLevelC', 'reviewDays', 'locale'] as const satisfies readonly (keyof ShopSettings)[];
/** Movements read back, at most, to find the day an out-of-stock product ran out. */
const SINCE_MOVES = 2000;
/** Days of revenue behind the ABC classes. */
const ABC_DAYS = 90;
/** Days of forecast read (the nightly horizon); longer periods repeat the last week. */
const HORIZON = 28;

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  unit: string;
  category: string;
  supplier_id: number | null;
  supplier_name: string | null;
  cost_minor: number;
  price_minor: number;
  vat_rate_bp: number;
  lead_time_days: number;
  /** The supplier's lead time (null: no supplier); the longer of the two applies. */
  supplier_lead_time_days: number | null;
  min_order_milli: number;
  pack_size_milli: number;
  tracks_expiry: number;
  on_hand_milli: number;
}

interface StoredRow {
  product_id: number;
  computed_at: string;
  source: 'forecast' | 'average';
  abc_class: AbcClass;
  service_level: number;
  on_hand_milli: number;
  on_order_milli: number;
  daily_mean: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  suggested_milli: number;
  packs: number;
  days_of_cover: number | null;
  /** The predicted stockout; with nothing on hand, the day the stock ran out (null: the ledger does not say). */
  stockout_date: string | null;
  below_reorder_point: number;
  explanation: string;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Replenishment per product: what to order, the reorder point and the explanation, from the latest
 * forecast (or recent average sales), on-hand, what is on order and the service level that applies.
 * Results are stored in `replenishments`, recomputed after each forecast run and each movement.
 */
export class ReplenishmentService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
  ) {}

  /** The classes of the last pass over every product, reused by the day's single-product recomputes. */
  private lastClasses: { day: string; abc: Map<number, AbcClass> } | null = null;

  /**
   * ABC classes of the active products by their last 90 days of revenue (A up to 80 % of it, B to
   * 95 %). Computed afresh for each pass over every product (at start, hourly, after each forecast);
   * a recompute after a sale reuses that day's classes: they read every product's sales (~0.3 s in
   * a 20 000-product shop) and one sale does not move a product between classes.
   */
  classes(): Map<number, AbcClass> {
    return this.keepClasses(this.revenue());
  }

  /** classes(), the revenue read `slice` products at a time with `pause()` between; null when told to stop. */
  async classesInSlices(ids: number[], slice: number, pause: () => Promise<boolean>): Promise<Map<number, AbcClass> | null> {
    const revenue = new Map<number, number>();
    for (let i = 0; i < ids.length; i += slice) {
      if (i > 0 && !(await pause())) return null;
      this.revenue(ids.slice(i, i + slice), revenue);
    }
    return this.keepClasses(revenue);
  }

  /** Each active product's revenue over the ABC window (all products, or these), added to `into`. */
  private revenue(productIds?: number[], into = new Map<number, number>()): Map<number, number> {
    const today = shopToday(this.deps);
    const filter = productIds ? `AND p.id IN ${inList(productIds)}` : '';
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT p.id, COALESCE(SUM(d.revenue_minor), 0) AS r FROM products p LEFT JOIN daily_sales d ON d.product_id = p.id AND d.date >= ? AND d.date < ?
          WHERE p.active = 1 ${filter} GROUP BY p.id`,
      )
      .raw()
      .all(addDays(today, -ABC_DAYS), today, ...(productIds ?? [])) as [number, number][];
    for (const [id, r] of rows) into.set(id, r);
    return into;
  }

  private keepClasses(revenue: Map<number, number>): Map<number, AbcClass> {
    const abc = abcClasses(revenue);
    this.lastClasses = { day: shopToday(this.deps), abc };
    return abc;
  }

  private todaysClasses(): Map<number, AbcClass> {
    const c = this.lastClasses;
    return c && c.day === shopToday(this.deps) ? c.abc : this.classes();
  }

  /**
   * Recomputes the given products (all active ones without argument); returns how many. `abc`: the
   * classes of a pass over the shop in slices; by default fresh for all products, the day's for some.
   */
  recompute(productIds?: number[], abc: Map<number, AbcClass> = productIds ? this.todaysClasses() : this.classes()): number {
    const { sqlite } = this.deps.store;
    const shop = this.settings();
    const now = this.deps.now();
    const today = shopDay(sqlite, now);
    const at = now.toISOString();
    const filter = productIds ? `AND p.id IN ${inList(productIds)}` : '';
    const products = sqlite
      .prepare(
        `SELECT p.id, p.sku, p.name, p.unit, p.category, p.supplier_id, s.name AS supplier_name, p.cost_minor, p.price_minor,
                p.vat_rate_bp, p.lead_time_days, s.lead_time_days AS supplier_lead_time_days, p.min_order_milli, p.pack_size_milli, p.tracks_expiry,
                COALESCE(st.on_hand_milli, 0) AS on_hand_milli
           FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id LEFT JOIN stock st ON st.product_id = p.id
          WHERE p.active = 1 ${filter}`,
      )
      .all(...(productIds ?? [])) as ProductRow[];
    if (productIds) {
      // deactivated products drop out of the suggestions
      const del = sqlite.prepare('DELETE FROM replenishments WHERE product_id = ?');
      const live = new Set(products.map((p) => p.id));
      for (const id of productIds) if (!live.has(id)) del.run(id);
    }
    if (!products.length) return 0;

    const onOrder = this.onOrder();
    const levels = new Map(
      (sqlite.prepare('SELECT scope, key, level FROM service_levels').all() as { scope: string; key: string; level: number }[]).map((r) => [`${r.scope}:${r.key}`, r.level]),
    );
    const forecastStmt = sqlite.prepare('SELECT date, p10, p50, p90, mean FROM forecasts WHERE product_id = ? AND date >= ? ORDER BY date LIMIT ?');
    const soldTodayStmt = sqlite.prepare('SELECT sold_milli AS sold FROM daily_sales WHERE product_id = ? AND date = ?');
    const soldStmt = sqlite.prepare('SELECT COALESCE(SUM(sold_milli), 0) AS sold FROM daily_sales WHERE product_id = ? AND date >= ? AND date < ?');
    const firstDayStmt = sqlite.prepare('SELECT MIN(date) AS d FROM daily_sales WHERE product_id = ?');
    const shelfLifeStmt = sqlite.prepare(
      `SELECT CAST(julianday(expiry) - julianday(business_date) AS INTEGER) AS days FROM movements
        WHERE product_id = ? AND kind = 'receipt' AND expiry IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    const movesBack = sqlite.prepare('SELECT qty_milli AS q, business_date AS d FROM movements WHERE product_id = ? ORDER BY id DESC LIMIT ?').raw();
    /** The business day of the movement that took the stock from above 0 to `onHandMilli` (≤ 0) and it since; null if none in reach. */
    const outOfStockSince = (productId: number, onHandMilli: number): string | null => {
      let after = onHandMilli;
      for (const [q, d] of movesBack.iterate(productId, SINCE_MOVES) as IterableIterator<[number, string]>) {
        const before = after - q;
        if (before > 0) return d;
        after = before;
      }
      return null;
    };
    const put = sqlite.prepare(
      `INSERT OR REPLACE INTO replenishments (product_id, computed_at, source, abc_class, service_level, on_hand_milli, on_order_milli, daily_mean,
         safety_stock, reorder_point, order_up_to, suggested_milli, packs, days_of_cover, stockout_date, below_reorder_point, explanation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    const rows = products.map((p) => {
      const cls = abc.get(p.id) ?? 'C';
      const level =
        levels.get(`product:${p.id}`) ??
        levels.get(`category:${p.category}`) ??
        (cls === 'A' ? shop.serviceLevelA : cls === 'B' ? shop.serviceLevelB : shop.serviceLevelC) ??
        shop.serviceLevel;
      const leadTimeDays = effectiveLeadTimeDays(p.lead_time_days, p.supplier_lead_time_days);
      const stored = forecastStmt.all(p.id, today, HORIZON) as (DayForecast & { date: string })[];
      let forecast: DayForecast[] = stored;
      let source: 'forecast' | 'average' = 'forecast';
      let dailyMean = 0;
      let averagedDays = 0;
      if (forecast.length === 0) {
        source = 'average';
        const first = (firstDayStmt.get(p.id) as { d: string | null }).d;
        // a product sold for fewer days than the window: average over the days it has been sold (3 at
        // least, so one customer's big basket on a first day is not taken for every day's sales)
        averagedDays = first ? Math.max(3, Math.min(FALLBACK_DAYS, daysBetween(first, today))) : FALLBACK_DAYS;
        const sold = (soldStmt.get(p.id, addDays(today, -averagedDays), today) as { sold: number }).sold;
        dailyMean = Math.max(0, fromMilli(sold) / averagedDays);
        forecast = averageForecast(dailyMean, HORIZON);
      }
      // the product's daily demand as the owner reads it: whole days, today's included
      const coverDays = Math.max(1, leadTimeDays + shop.reviewDays);
      if (source === 'forecast') dailyMean = periodDemand(forecast, 0, coverDays).mean / coverDays;
      // the stock on hand has already lost today's sales: only the rest of today's demand is still to come
      if (source === 'average' || stored[0]?.date === today) {
        const soldToday = fromMilli((soldTodayStmt.get(p.id, today) as { sold: number } | undefined)?.sold ?? 0);
        forecast = [leftOfToday(forecast[0]!, soldToday), ...forecast.slice(1)];
      }
      const shelf = p.tracks_expiry ? ((shelfLifeStmt.get(p.id) as { days: number } | undefined)?.days ?? null) : null;
      const input: ReplenishmentInput = {
        forecast,
        onHand: fromMilli(p.on_hand_milli),
        onOrder: fromMilli(onOrder.get(p.id) ?? 0),
        leadTimeDays,
        reviewDays: shop.reviewDays,
        serviceLevel: level,
        packSize: fromMilli(p.pack_size_milli),
        minOrderQty: fromMilli(p.min_order_milli),
        shelfLifeDays: shelf !== null && shelf > 0 ? shelf : null,
      };
      const r = replenish(input);
      // nothing on hand: not a prediction but the day it ran out, when the ledger says
      const stockoutDate = p.on_hand_milli <= 0 ? outOfStockSince(p.id, p.on_hand_milli) : r.stockoutDay !== null ? addDays(today, r.stockoutDay) : null;
      const explanation = explainFully(r, input, shop.locale, p.unit, { source, dailyMean, averagedDays, stockoutDate, serviceLevel: level, overstockDays: shop.overstockDays });
      return { p, cls, level, source, dailyMean, input, r, stockoutDate, explanation };
    });

    inTransaction(sqlite, () => {
      for (const x of rows) {
        put.run(
          x.p.id,
          at,
          x.source,
          x.cls,
          x.level,
          x.p.on_hand_milli,
          onOrder.get(x.p.id) ?? 0,
          x.dailyMean,
          round3(x.r.safetyStock),
          round3(x.r.reorderPoint),
          round3(x.r.orderUpTo),
          toMilli(x.r.quantity),
          x.r.packs,
          x.r.daysOfCover,
          x.stockoutDate,
          x.r.belowReorderPoint ? 1 : 0,
          x.explanation,
        );
      }
    });
    return rows.length;
  }

  /**
   * Quantity on order per product (milli-units): sent or partly received orders, what is still to come.
   * An order closed short ('closed': the supplier will not deliver the rest) no longer counts.
   */
  onOrder(): Map<number, number> {
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT l.product_id AS id, SUM(MAX(0, l.qty_milli - l.received_milli)) AS milli
           FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
          WHERE o.status IN ('sent', 'partial') GROUP BY l.product_id`,
      )
      .all() as { id: number; milli: number }[];
    return new Map(rows.map((r) => [r.id, r.milli]));
  }

  /** The active products bought from this supplier: its lead time is theirs when longer than their own. */
  productsOfSupplier(supplierId: number): number[] {
    return (this.deps.store.sqlite.prepare('SELECT id FROM products WHERE supplier_id = ? AND active = 1').raw().all(supplierId) as [number][]).map(([id]) => id);
  }

  list(productIds?: number[]): ReplenishmentView[] {
    const filter = productIds ? `AND p.id IN ${inList(productIds)}` : '';
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT r.*, p.sku, p.name, p.unit, p.category, p.supplier_id, s.name AS supplier_name, p.cost_minor, p.price_minor, p.vat_rate_bp,
                p.pack_size_milli, p.min_order_milli, p.lead_time_days, s.lead_time_days AS supplier_lead_time_days
           FROM replenishments r JOIN products p ON p.id = r.product_id LEFT JOIN suppliers s ON s.id = p.supplier_id
          WHERE p.active = 1 ${filter} ORDER BY p.name COLLATE NOCASE`,
      )
      .all(...(productIds ?? [])) as (StoredRow & ProductRow)[];
    return rows.map((r) => ({
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      category: r.category,
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
      costMinor: r.cost_minor,
      priceMinor: r.price_minor,
      vatRateBp: r.vat_rate_bp,
      packSize: fromMilli(r.pack_size_milli),
      minOrderQty: fromMilli(r.min_order_milli),
      leadTimeDays: effectiveLeadTimeDays(r.lead_time_days, r.supplier_lead_time_days),
      source: r.source,
      abcClass: r.abc_class,
      serviceLevel: r.service_level,
      onHand: fromMilli(r.on_hand_milli),
      onOrder: fromMilli(r.on_order_milli),
      dailyMean: r.daily_mean,
      safetyStock: r.safety_stock,
      reorderPoint: r.reorder_point,
      orderUpTo: r.order_up_to,
      suggested: fromMilli(r.suggested_milli),
      packs: r.packs,
      daysOfCover: r.days_of_cover,
      stockoutDate: r.stockout_date,
      belowReorderPoint: r.below_reorder_point === 1,
      explanation: r.explanation,
      computedAt: r.computed_at,
    }));
  }

  /** Sets (or clears, with null) the service level of one product or one category. */
  setServiceLevel(scope: 'product' | 'category', key: string, level: number | null): void {
    const { sqlite } = this.deps.store;
    if (level === null) sqlite.prepare('DELETE FROM service_levels WHERE scope = ? AND key = ?').run(scope, key);
    else
      sqlite
        .prepare('INSERT INTO service_levels (scope, key, level) VALUES (?, ?, ?) ON CONFLICT(scope, key) DO UPDATE SET level = excluded.level')
        .run(scope, key, level);
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
