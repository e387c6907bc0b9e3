import type Database from 'better-sqlite3';
import { SYNC_EVENT_DATA_MAX, SYNC_TEXT_MAX as MAX, type SyncEvent, type SyncMovement, type SyncProduct, type SyncSale, type SyncStock } from '../../../shared/sync/protocol';
import type { SyncCounts } from '../../../shared/api/contracts/sync';
import type { SyncCursors } from './state';

export interface SyncBatch {
  products: SyncProduct[];
  stock: SyncStock[];
  movements: SyncMovement[];
  sales: SyncSale[];
  events: SyncEvent[];
  /** The cursors once the server has stored this batch. */
  next: SyncCursors;
}

type Row = Record<string, unknown>;

/** Text cut to the server's limit, marked with an ellipsis: a long name from an old import must not hold every later row back. */
const clip = (value: unknown, max: number): string => {
  const text = String(value ?? '');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
};

/** An event's data, or a note of its size when it is too big to travel (a logo saved with the settings). */
function eventData(data: unknown): unknown {
  const json = JSON.stringify(data ?? null);
  return json.length <= SYNC_EVENT_DATA_MAX ? (data ?? null) : { clipped: true, chars: json.length };
}

/**
 * Reads what the server does not have yet, at most `limit` rows of each kind, in cursor order. Stock
 * levels travel with the movements that changed them: each batch carries the current level of every
 * product its movements touch, so the server's levels are right once the last batch is in.
 */
export class SyncCollector {
  private readonly stmts;

  constructor(private readonly sqlite: Database.Database) {
    const q = (sql: string) => sqlite.prepare(sql);
    this.stmts = {
      products: q(
        `SELECT id, sku, name, category, unit, cost_minor, price_minor, vat_rate_bp, active, updated_at, sync_seq
         FROM products WHERE (sync_seq, id) > (?, ?) ORDER BY sync_seq, id LIMIT ?`,
      ),
      movements: q(
        `SELECT id, product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, lot, expiry, user_id, occurred_at, business_date
         FROM movements WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      stock: q('SELECT product_id, on_hand_milli, updated_at FROM stock WHERE product_id = ?'),
      sales: q(
        `SELECT id, receipt_no, kind, original_sale_id, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, currency
         FROM sales WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      lines: q(
        `SELECT sale_id, line_no, product_id, name, qty_milli, unit_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id
         FROM sale_lines WHERE sale_id BETWEEN ? AND ? ORDER BY sale_id, line_no`,
      ),
      tenders: q('SELECT sale_id, tender, amount_minor FROM sale_tenders WHERE sale_id BETWEEN ? AND ? ORDER BY rowid'),
      events: q('SELECT id, at, entity, payload FROM outbox WHERE id > ? ORDER BY id LIMIT ?'),
      pendingProducts: q('SELECT COUNT(*) FROM products WHERE (sync_seq, id) > (?, ?)').pluck(),
      pendingMovements: q('SELECT COUNT(*) FROM movements WHERE id > ?').pluck(),
      pendingSales: q('SELECT COUNT(*) FROM sales WHERE id > ?').pluck(),
      pendingEvents: q('SELECT COUNT(*) FROM outbox WHERE id > ?').pluck(),
    };
  }

  /** Rows not on the server yet. Stock levels are not counted: they go with the movements. */
  pending(c: SyncCursors): SyncCounts {
    return {
      products: this.stmts.pendingProducts.get(c.products.seq, c.products.id) as number,
      stock: 0,
      movements: this.stmts.pendingMovements.get(c.movements) as number,
      sales: this.stmts.pendingSales.get(c.sales) as number,
      events: this.stmts.pendingEvents.get(c.events) as number,
    };
  }

  /** The next batch after `c`; read in one transaction so its parts agree with each other. */
  next(c: SyncCursors, limit: number): SyncBatch {
    return this.sqlite.transaction(() => this.read(c, limit))();
  }

  private read(c: SyncCursors, limit: number): SyncBatch {
    const s = this.stmts;
    const productRows = s.products.all(c.products.seq, c.products.id, limit) as Row[];
    const products = productRows.map(
      (r): SyncProduct => ({
        id: r.id as number,
        sku: clip(r.sku, MAX.sku),
        name: clip(r.name, MAX.name),
        category: clip(r.category, MAX.category),
        unit: clip(r.unit, MAX.unit),
        costMinor: r.cost_minor as number,
        priceMinor: r.price_minor as number,
        vatRateBp: r.vat_rate_bp as number,
        active: r.active === 1,
        updatedAt: r.updated_at as string,
      }),
    );
    const movements = (s.movements.all(c.movements, limit) as Row[]).map(
      (r): SyncMovement => ({
        id: r.id as number,
        productId: r.product_id as number,
        kind: r.kind as SyncMovement['kind'],
        qtyMilli: r.qty_milli as number,
        unitCostMinor: r.unit_cost_minor as number,
        unitPriceMinor: r.unit_price_minor as number,
        reason: clip(r.reason, MAX.reason),
        reference: clip(r.reference, MAX.reference),
        lot: r.lot === null || r.lot === undefined ? null : clip(r.lot, MAX.lot),
        expiry: (r.expiry as string | null) ?? null,
        userId: r.user_id as number,
        occurredAt: r.occurred_at as string,
        businessDate: r.business_date as string,
      }),
    );
    const stock: SyncStock[] = [];
    for (const productId of new Set(movements.map((m) => m.productId))) {
      const r = s.stock.get(productId) as Row | undefined;
      if (r) stock.push({ productId, onHandMilli: r.on_hand_milli as number, updatedAt: r.updated_at as string });
    }
    const sales = this.sales(c.sales, limit);
    const events = (s.events.all(c.events, limit) as Row[]).map((r): SyncEvent => {
      const payload = JSON.parse(r.payload as string) as { action?: string; id?: unknown; data?: unknown };
      return { id: r.id as number, at: r.at as string, entity: clip(r.entity, MAX.entity), action: clip(payload.action, MAX.action), entityId: clip(payload.id, MAX.entityId), data: eventData(payload.data) };
    });
    const lastProduct = productRows.at(-1);
    return {
      products,
      stock,
      movements,
      sales,
      events,
      next: {
        products: lastProduct ? { seq: lastProduct.sync_seq as number, id: lastProduct.id as number } : c.products,
        movements: movements.at(-1)?.id ?? c.movements,
        sales: sales.at(-1)?.id ?? c.sales,
        events: events.at(-1)?.id ?? c.events,
      },
    };
  }

  private sales(after: number, limit: number): SyncSale[] {
    const s = this.stmts;
    const rows = s.sales.all(after, limit) as Row[];
    if (rows.length === 0) return [];
    const sales = new Map<number, SyncSale>();
    for (const r of rows) {
      sales.set(r.id as number, {
        id: r.id as number,
        receiptNo: r.receipt_no as number,
        kind: r.kind as SyncSale['kind'],
        originalSaleId: (r.original_sale_id as number | null) ?? null,
        userId: r.user_id as number,
        at: r.at as string,
        businessDate: r.business_date as string,
        subtotalMinor: r.subtotal_minor as number,
        discountMinor: r.discount_minor as number,
        totalMinor: r.total_minor as number,
        currency: r.currency as string,
        lines: [],
        tenders: [],
      });
    }
    const [first, last] = [rows[0].id as number, rows.at(-1)!.id as number];
    for (const l of s.lines.all(first, last) as Row[]) {
      sales.get(l.sale_id as number)?.lines.push({
        lineNo: l.line_no as number,
        productId: l.product_id as number,
        name: clip(l.name, MAX.name),
        qtyMilli: l.qty_milli as number,
        unitPriceMinor: l.unit_price_minor as number,
        discountMinor: l.discount_minor as number,
        netMinor: l.net_minor as number,
        vatRateBp: l.vat_rate_bp as number,
        vatMinor: l.vat_minor as number,
        movementId: l.movement_id as number,
      });
    }
    for (const t of s.tenders.all(first, last) as Row[]) sales.get(t.sale_id as number)?.tenders.push({ tender: clip(t.tender, MAX.tender), amountMinor: t.amount_minor as number });
    return [...sales.values()];
  }
}
