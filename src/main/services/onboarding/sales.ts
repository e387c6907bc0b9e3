import type Database from 'better-sqlite3';
import { lineAmount } from '../../../shared/domain/money';
import { foldForSearch } from '../text';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import type { CsvRecord } from './csv';
import { ProductIndex, type KnownProduct, type RowContext } from './context';

/** Product-day rows per multi-row upsert (6 parameters each, far below SQLite's limit). */
const BATCH = 256;
const COLS = 6;

export interface SalesOptions {
  /** Create a product (SKU = name = the code, price 0) for each unknown code instead of refusing its rows. */
  createProducts: boolean;
  /** Also lower today's on-hand by each product's imported total (one adjustment per product). */
  applyToStock: boolean;
}

/**
 * Past sales -> daily_sales (what the forecaster reads): quantities summed per product and day, revenue
 * and cost of goods from the row's price or the product's price and cost. Movements and on-hand are
 * not touched unless `applyToStock`. A product-day already in the shop's history before this import is
 * refused rather than added twice (importing the same file again would otherwise double it); a day
 * whose row holds no sale (only the end stock a receipt or count wrote) is not in the history: the
 * sales are added to that row, its end stock kept.
 */
export class SalesImporter {
  private readonly products: ProductIndex;
  private readonly upserts = new Map<number, Database.Statement>();
  private readonly existingDay: Database.Statement;
  private readonly insertProduct: Database.Statement;
  /** Products that had daily_sales rows before the import, with the days this import wrote. */
  private readonly withHistory = new Map<number, Set<string>>();
  private readonly totals = new Map<number, number>();
  private params: unknown[] = [];
  private nextFakeId = -1;

  constructor(
    private readonly ctx: RowContext,
    private readonly options: SalesOptions,
  ) {
    const db = ctx.db;
    this.products = new ProductIndex(db);
    // a day is in the history when something was sold (or returned) that day: a stock receipt or a
    // count also writes the day's row (its end stock) with nothing sold, and must not block its sales
    for (const r of db.prepare('SELECT DISTINCT product_id FROM daily_sales WHERE sold_milli <> 0').all() as { product_id: number }[]) {
      this.withHistory.set(r.product_id, new Set());
    }
    this.existingDay = db.prepare('SELECT 1 FROM daily_sales WHERE product_id = ? AND date = ? AND sold_milli <> 0').pluck();
    this.insertProduct = db.prepare(
      'INSERT INTO products (sku, name, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  row(rec: CsvRecord): void {
    const ctx = this.ctx;
    ctx.startRow(rec);
    const code = ctx.required(rec, 'product', 'the product code');
    const date = ctx.date(rec, 'date', { required: true, pastOnly: true });
    const milli = ctx.quantity(rec, 'qty', { required: true, round: true });
    const price = ctx.has('price') ? ctx.money(rec, 'price') : null;
    const stock = ctx.has('stock') ? ctx.quantity(rec, 'stock', { allowNegative: true }) : null;
    let product: KnownProduct | undefined;
    if (code !== '') {
      product = this.products.find(code);
      if (!product) {
        if (this.options.createProducts) {
          // only for a row that is otherwise good: a bad row must not leave a product behind
          if (!ctx.bad) product = this.create(code);
        }
        else ctx.issue(rec.line, 'product', 'unknown_product', `no product with the code « ${code} » (import the products first, or create them)`, { specific: 'no_product', code });
      }
    }
    if (product && date !== null && product.id > 0) {
      const days = this.withHistory.get(product.id);
      if (days && !days.has(date)) {
        if (this.existingDay.get(product.id, date) !== undefined) {
          ctx.issue(rec.line, 'date', 'already_in_history', `the sales of « ${code} » on ${date} are already in the shop's history`, {
            specific: 'sales_in_history',
            code,
            date,
          });
        } else if (!ctx.bad) days.add(date);
      }
    }
    if (!ctx.endRow() || !product || date === null || milli === null) return;
    ctx.counters.written++;
    if (this.options.applyToStock) this.totals.set(product.id, (this.totals.get(product.id) ?? 0) + milli);
    if (ctx.options.dryRun) return;
    const unitPrice = price ?? product.priceMinor;
    this.params.push(product.id, date, milli, lineAmount(milli, unitPrice), lineAmount(milli, product.costMinor), stock ?? null);
    if (this.params.length === BATCH * COLS) this.flush();
  }

  finish(): void {
    this.flush();
    if (this.ctx.options.dryRun || this.totals.size === 0) return;
    const writer = new LedgerWriter(new LedgerStatements(this.ctx.db), this.ctx.options.userId, this.ctx.options.reference, 'allow');
    const at = new Date(this.ctx.options.nowIso);
    for (const [productId, milli] of this.totals) {
      if (milli === 0) continue;
      writer.add({ productId, kind: 'adjustment', quantity: -milli / 1000, reason: 'ventes passées importées / imported past sales' }, at);
    }
    writer.finish();
  }

  private create(code: string): KnownProduct {
    const ctx = this.ctx;
    ctx.counters.createdProducts++;
    let id: number;
    if (ctx.options.dryRun) id = this.nextFakeId--;
    else {
      const now = ctx.options.nowIso;
      id = Number(this.insertProduct.run(code, code, foldForSearch(`${code} ${code}`), now, now).lastInsertRowid);
    }
    const p = { id, priceMinor: 0, costMinor: 0, unit: 'piece' };
    this.products.add(code, p);
    return p;
  }

  private flush(): void {
    const rows = this.params.length / COLS;
    if (rows === 0) return;
    let stmt = this.upserts.get(rows);
    if (!stmt) {
      stmt = this.ctx.db.prepare(
        `INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli)
         VALUES ${Array(rows).fill('(?,?,?,?,?,?)').join(',')}
         ON CONFLICT(product_id, date) DO UPDATE SET
           sold_milli = sold_milli + excluded.sold_milli,
           revenue_minor = revenue_minor + excluded.revenue_minor,
           cost_minor = cost_minor + excluded.cost_minor,
           end_stock_milli = COALESCE(excluded.end_stock_milli, end_stock_milli)`,
      );
      this.upserts.set(rows, stmt);
    }
    stmt.run(this.params);
    this.params = [];
  }
}
