import type Database from 'better-sqlite3';
import {
  SYNC_EVENT_DATA_MAX,
  SYNC_LOTS_PER_PRODUCT,
  SYNC_TEXT_MAX as MAX,
  type SyncEvent,
  type SyncMovement,
  type SyncProduct,
  type SyncProductLots,
  type SyncSale,
  type SyncStock,
} from '../../../shared/sync/protocol';
import { lotLedgerOf, type LotLedger } from '../alerts/lots';
import type { SyncCounts } from '../../../shared/api/contracts/sync';
import type { SyncCursors } from './state';

export interface SyncBatch {
  products: SyncProduct[];
  stock: SyncStock[];
  lots: SyncProductLots[];
  movements: SyncMovement[];
  sales: SyncSale[];
  events: SyncEvent[];
  /** The cursors once the server has stored this batch. */
  next: SyncCursors;
}


/** PostgreSQL stores no NUL character (an imported file can hold one): it is dropped, never sent. */
const NUL = '\u0000';

/**
 * Text as the server takes it: without NUL characters, cut to its limit and marked with an ellipsis.
 * A long name from an old import, or a stray NUL in it, must not hold every later row back. The limit
 * counts UTF-16 units, as the server's check does; the cut falls between characters, so an emoji
 * astride it goes whole rather than leave half a surrogate pair (stored as "�").
 */
export const clip = (value: unknown, max: number): string => {
  const text = String(value ?? '').replaceAll(NUL, '');
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
};

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;

/** Free-form journal data without NUL characters, in its texts and its keys alike. */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(NUL, '');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll(NUL, ''), withoutNul(v)]));
  return value;
}

/** An event's data, or a note of its size when it is too big to travel (a logo saved with the settings). */
function eventData(data: unknown): unknown {
  const json = JSON.stringify(data ?? null);
  return json.length <= SYNC_EVENT_DATA_MAX ? withoutNul(data ?? null) : { clipped: true, chars: json.length };
}

/**
 * Reads what the server does not have yet, at most `limit` rows of each kind, in cursor order. Stock
 * levels travel with the movements that changed them: each batch carries the current level of every
 * product its movements touch, so the server's levels are right once the last batch is in.
 */
export class SyncCollector {
  private readonly stmts;
  private readonly lotLedger: LotLedger;

  // columns are named as the protocol names them, so rows leave SQLite in the shape they travel in
  constructor(private readonly sqlite: Database.Database) {
    const q = (sql: string) => sqlite.prepare(sql);
    this.stmts = {
      products: q(
        `SELECT id, sku, name, category, unit, cost_minor AS costMinor, price_minor AS priceMinor, vat_rate_bp AS vatRateBp,
                active = 1 AS active, updated_at AS updatedAt, sync_seq AS syncSeq
         FROM products WHERE (sync_seq, id) > (?, ?) ORDER BY sync_seq, id LIMIT ?`,
      ),
      movements: q(
        `SELECT id, product_id AS productId, kind, qty_milli AS qtyMilli, unit_cost_minor AS unitCostMinor, unit_price_minor AS unitPriceMinor,
                reason, reference, lot, expiry, user_id AS userId, occurred_at AS occurredAt, business_date AS businessDate
         FROM movements WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      stock: q('SELECT product_id AS productId, on_hand_milli AS onHandMilli, updated_at AS updatedAt FROM stock WHERE product_id = ?'),
      lastMove: q('SELECT MAX(id) FROM movements WHERE product_id = ?').pluck(),
      // a product holds lots once dated stock came in (a dated outflow alone leaves none): the partial index of those
      lotSweep: q(
        `SELECT p.id FROM products p
          WHERE p.id > ? AND EXISTS (SELECT 1 FROM movements m INDEXED BY movements_dated WHERE m.product_id = p.id AND m.expiry IS NOT NULL AND m.qty_milli > 0)
          ORDER BY p.id LIMIT ?`,
      ).pluck(),
      sales: q(
        `SELECT id, receipt_no AS receiptNo, kind, original_sale_id AS originalSaleId, user_id AS userId, at, business_date AS businessDate,
                subtotal_minor AS subtotalMinor, discount_minor AS discountMinor, total_minor AS totalMinor, currency
         FROM sales WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      lines: q(
        `SELECT sale_id AS saleId, line_no AS lineNo, product_id AS productId, name, qty_milli AS qtyMilli, unit_price_minor AS unitPriceMinor,
                discount_minor AS discountMinor, net_minor AS netMinor, vat_rate_bp AS vatRateBp, vat_minor AS vatMinor, movement_id AS movementId
         FROM sale_lines WHERE sale_id BETWEEN ? AND ? ORDER BY sale_id, line_no`,
      ),
      tenders: q('SELECT sale_id AS saleId, tender, amount_minor AS amountMinor FROM sale_tenders WHERE sale_id BETWEEN ? AND ? ORDER BY rowid'),
      events: q('SELECT id, at, entity, payload FROM outbox WHERE id > ? ORDER BY id LIMIT ?'),
      markSent: q('UPDATE outbox SET sent_at = ? WHERE id > ? AND id <= ?'),
      pendingProducts: q('SELECT COUNT(*) FROM products WHERE (sync_seq, id) > (?, ?)').pluck(),
      pendingMovements: q('SELECT COUNT(*) FROM movements WHERE id > ?').pluck(),
      pendingSales: q('SELECT COUNT(*) FROM sales WHERE id > ?').pluck(),
      pendingEvents: q('SELECT COUNT(*) FROM outbox WHERE id > ?').pluck(),
    };
    this.lotLedger = lotLedgerOf(sqlite);
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

  /** The outbox rows the server now holds (after `from`, up to `to`), dated. */
  markEventsSent(from: number, to: number, at: string): void {
    this.stmts.markSent.run(at, from, to);
  }

  /** The next batch after `c`; read in one transaction so its parts agree with each other. */
  next(c: SyncCursors, limit: number): SyncBatch {
    return this.sqlite.transaction(() => this.read(c, limit))();
  }

  private read(c: SyncCursors, limit: number): SyncBatch {
    const s = this.stmts;
    const productRows = s.products.all(c.products.seq, c.products.id, limit) as (Omit<SyncProduct, 'active'> & { syncSeq: number; active: number })[];
    const products = productRows.map(({ syncSeq: _seq, ...p }): SyncProduct => ({
      ...p,
      sku: clip(p.sku, MAX.sku),
      name: clip(p.name, MAX.name),
      category: clip(p.category, MAX.category),
      unit: clip(p.unit, MAX.unit),
      active: p.active === 1,
    }));
    const movements = (s.movements.all(c.movements, limit) as SyncMovement[]).map(
      (m): SyncMovement => ({ ...m, reason: clip(m.reason, MAX.reason), reference: clip(m.reference, MAX.reference), lot: m.lot === null ? null : clip(m.lot, MAX.lot) }),
    );
    const stock: SyncStock[] = [];
    const moved = new Set(movements.map((m) => m.productId));
    for (const productId of moved) {
      const level = s.stock.get(productId) as SyncStock | undefined;
      if (level) stock.push(level);
    }
    // A product's lots are read whole (its ledger replayed): sent once, with the batch that holds its last
    // movement, not with every batch of a first push that it sold in.
    const upTo = movements.at(-1)?.id ?? 0;
    const settled = [...moved].filter((id) => (s.lastMove.get(id) as number) <= upTo && this.lotLedger.dated(id));
    const swept = c.lotSweep === null ? [] : (s.lotSweep.all(c.lotSweep, limit) as number[]);
    const lots = [...new Set([...settled, ...swept])].map((productId) => this.lotsOf(productId));
    const sales = this.sales(c.sales, limit);
    const events = (s.events.all(c.events, limit) as { id: number; at: string; entity: string; payload: string }[]).map((r): SyncEvent => {
      const payload = JSON.parse(r.payload) as { action?: string; id?: unknown; data?: unknown };
      return { id: r.id, at: r.at, entity: clip(r.entity, MAX.entity), action: clip(payload.action, MAX.action), entityId: clip(payload.id, MAX.entityId), data: eventData(payload.data) };
    });
    const lastProduct = productRows.at(-1);
    return {
      products,
      stock,
      lots,
      movements,
      sales,
      events,
      next: {
        products: lastProduct ? { seq: lastProduct.syncSeq, id: lastProduct.id } : c.products,
        movements: movements.at(-1)?.id ?? c.movements,
        sales: sales.at(-1)?.id ?? c.sales,
        events: events.at(-1)?.id ?? c.events,
        lotSweep: c.lotSweep === null || swept.length < limit ? null : swept.at(-1)!,
      },
    };
  }

  /** What is left of the product's dated lots, earliest expiry first, as the shop's alerts read them. */
  private lotsOf(productId: number): SyncProductLots {
    const left = this.lotLedger.lotsLeft(productId).slice(0, SYNC_LOTS_PER_PRODUCT);
    return { productId, lots: left.map((l) => ({ lot: clip(l.lot, MAX.lot), expiry: l.expiry, milli: l.milli })) };
  }

  private sales(after: number, limit: number): SyncSale[] {
    const s = this.stmts;
    const rows = s.sales.all(after, limit) as Omit<SyncSale, 'lines' | 'tenders'>[];
    if (rows.length === 0) return [];
    const sales = new Map<number, SyncSale>(rows.map((r) => [r.id, { ...r, lines: [], tenders: [] }]));
    const [first, last] = [rows[0].id, rows.at(-1)!.id];
    for (const { saleId, ...line } of s.lines.all(first, last) as (SyncSale['lines'][number] & { saleId: number })[]) {
      sales.get(saleId)?.lines.push({ ...line, name: clip(line.name, MAX.name) });
    }
    for (const { saleId, tender, amountMinor } of s.tenders.all(first, last) as { saleId: number; tender: string; amountMinor: number }[]) {
      sales.get(saleId)?.tenders.push({ tender: clip(tender, MAX.tender), amountMinor });
    }
    return [...sales.values()];
  }
}
