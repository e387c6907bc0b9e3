import type Database from 'better-sqlite3';
import type { RecordOutcome } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { lineAmount } from '../../../shared/domain/money';
import { KIND_SIGN, type MovementKind, type NegativeStockPolicy } from '../../../shared/domain/movement';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import type { MovementLine } from './ledger';

const MOVEMENT_COLUMNS = 12;
const DAY_COLUMNS = 6;
/** Rows per multi-row INSERT: amortises the per-statement cost, far below SQLite's parameter limit. */
const BATCH = 64;
/** Day numbers (days since 1970) stay below 2^20 until the year 4840. */
const DAY_KEY_SPAN = 2 ** 20;

interface ProductFacts {
  active: number;
  cost_minor: number;
  price_minor: number;
  on_hand_milli: number | null;
}

interface DayTotals {
  productId: number;
  date: string;
  soldMilli: number;
  revenueMinor: number;
  costMinor: number;
  endStockMilli: number;
}

/** Prepared statements shared by every writer on one connection; multi-row INSERTs cached by row count. */
export class LedgerStatements {
  readonly product: Database.Statement;
  readonly upsertStock: Database.Statement;
  private readonly movementInserts = new Map<number, Database.Statement>();
  private readonly dayUpserts = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.product = db.prepare(
      'SELECT p.active, p.cost_minor, p.price_minor, s.on_hand_milli FROM products p LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?',
    );
    this.upsertStock = db.prepare(
      `INSERT INTO stock (product_id, on_hand_milli, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(product_id) DO UPDATE SET on_hand_milli = excluded.on_hand_milli, updated_at = excluded.updated_at`,
    );
  }

  insertMovements(rows: number): Database.Statement {
    let stmt = this.movementInserts.get(rows);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, lot, expiry, user_id, occurred_at, business_date)
         VALUES ${Array(rows).fill(`(${Array(MOVEMENT_COLUMNS).fill('?').join(',')})`).join(',')}`,
      );
      this.movementInserts.set(rows, stmt);
    }
    return stmt;
  }

  upsertDays(rows: number): Database.Statement {
    let stmt = this.dayUpserts.get(rows);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli)
         VALUES ${Array(rows).fill(`(${Array(DAY_COLUMNS).fill('?').join(',')})`).join(',')}
         ON CONFLICT(product_id, date) DO UPDATE SET
           sold_milli = sold_milli + excluded.sold_milli,
           revenue_minor = revenue_minor + excluded.revenue_minor,
           cost_minor = cost_minor + excluded.cost_minor,
           end_stock_milli = excluded.end_stock_milli`,
      );
      this.dayUpserts.set(rows, stmt);
    }
    return stmt;
  }
}

/**
 * Accumulates the movements of one transaction: checks each line, buffers the ledger rows, and keeps
 * on-hand and the daily totals in memory so each product's stock row and each product-day row is
 * written once, in key order, when the transaction finishes. Must run inside the caller's transaction.
 */
export class LedgerWriter {
  private readonly facts = new Map<number, ProductFacts>();
  private readonly onHand = new Map<number, number>();
  /** Keyed by productId × 2^20 + day number: numeric keys hash and sort far faster than strings. */
  private readonly days = new Map<number, DayTotals>();
  private buffer: unknown[] = [];
  private readonly movementIds: number[] = [];
  private readonly warnings: RecordOutcome['warnings'] = [];
  private lastAt = '';
  private lastTime = NaN;
  private lastDate = '';
  private lastDay = 0;
  private index = 0;

  constructor(
    private readonly stmts: LedgerStatements,
    private readonly userId: number,
    private readonly reference: string,
    private readonly policy: NegativeStockPolicy,
  ) {}

  /**
   * Adds one movement. `amountMinor` is the money actually taken for a sale (after discounts); without
   * it the daily revenue is quantity × unit price. Returns the index of the line in this transaction.
   */
  add(line: MovementLine, at: Date, amountMinor?: number): number {
    const field = (name: string) => `lines.${this.index}.${name}`;
    let product = this.facts.get(line.productId);
    if (!product) {
      product = this.stmts.product.get(line.productId) as ProductFacts | undefined;
      if (!product) throw new AppError('not_found', `${field('productId')}: no product with id ${line.productId}`, field('productId'));
      this.facts.set(line.productId, product);
    }
    if (!product.active && line.kind === 'sale') {
      throw new AppError('validation', `${field('productId')}: product ${line.productId} is deactivated and cannot be sold`, field('productId'));
    }
    const qtyMilli = signedMilli(line.kind, line.quantity, field('quantity'));
    const before = this.onHand.get(line.productId) ?? product.on_hand_milli ?? 0;
    const after = before + qtyMilli;
    if (after < 0 && qtyMilli < 0 && this.policy !== 'allow') {
      if (this.policy === 'block') {
        throw new AppError(
          'insufficient_stock',
          `${field('quantity')}: only ${fromMilli(before)} in stock for product ${line.productId}; the shop does not allow negative stock`,
          field('quantity'),
        );
      }
      this.warnings.push({ code: 'negative_stock', productId: line.productId, onHand: fromMilli(after) });
    }
    this.onHand.set(line.productId, after);

    // consecutive lines usually share their time: format it once
    if (at.getTime() !== this.lastTime) {
      this.lastTime = at.getTime();
      this.lastAt = at.toISOString();
      this.lastDate = businessDate(at);
      this.lastDay = Date.UTC(+this.lastDate.slice(0, 4), +this.lastDate.slice(5, 7) - 1, +this.lastDate.slice(8, 10)) / 86_400_000;
    }
    const iso = this.lastAt;
    const date = this.lastDate;
    const unitCost = line.unitCostMinor ?? product.cost_minor;
    const unitPrice = line.unitPriceMinor ?? (line.kind === 'sale' || line.kind === 'customer_return' ? product.price_minor : 0);
    this.buffer.push(line.productId, line.kind, qtyMilli, unitCost, unitPrice, line.reason, this.reference, line.lot ?? null, line.expiry ?? null, this.userId, iso, date);
    if (this.buffer.length === BATCH * MOVEMENT_COLUMNS) this.flushMovements();

    const key = line.productId * DAY_KEY_SPAN + this.lastDay;
    let day = this.days.get(key);
    if (!day) {
      day = { productId: line.productId, date, soldMilli: 0, revenueMinor: 0, costMinor: 0, endStockMilli: 0 };
      this.days.set(key, day);
    }
    if (line.kind === 'sale' || line.kind === 'customer_return') {
      // net sales: a return gives back units, revenue and cost of goods
      day.soldMilli -= qtyMilli;
      day.revenueMinor += amountMinor !== undefined ? Math.sign(-qtyMilli) * amountMinor : -lineAmount(qtyMilli, unitPrice);
      day.costMinor -= lineAmount(qtyMilli, unitCost);
    }
    day.endStockMilli = after;
    return this.index++;
  }

  get count(): number {
    return this.index;
  }

  finish(): RecordOutcome {
    this.flushMovements();
    const onHand: Record<number, number> = {};
    for (const [productId, milli] of this.onHand) {
      this.stmts.upsertStock.run(productId, milli, this.lastAt);
      onHand[productId] = fromMilli(milli);
    }
    // key order keeps the B-tree writes local: one product's days land on neighbouring pages
    const keys = Float64Array.from(this.days.keys()).sort();
    const days = Array.from(keys, (k) => this.days.get(k) as DayTotals);
    for (let i = 0; i < days.length; i += BATCH) {
      const chunk = days.slice(i, i + BATCH);
      const params: unknown[] = [];
      for (const d of chunk) params.push(d.productId, d.date, d.soldMilli, d.revenueMinor, d.costMinor, d.endStockMilli);
      this.stmts.upsertDays(chunk.length).run(params);
    }
    return { movementIds: this.movementIds, warnings: this.warnings, onHand };
  }

  private flushMovements(): void {
    const rows = this.buffer.length / MOVEMENT_COLUMNS;
    if (rows === 0) return;
    // one statement on the single writer connection: its rowids are consecutive
    const last = Number(this.stmts.insertMovements(rows).run(this.buffer).lastInsertRowid);
    for (let id = last - rows + 1; id <= last; id++) this.movementIds.push(id);
    this.buffer = [];
  }
}

function signedMilli(kind: MovementKind, quantity: number, field: string): number {
  const milli = toMilli(quantity);
  const sign = KIND_SIGN[kind];
  if (sign === 0) return milli;
  if (milli <= 0) throw new AppError('validation', `${field}: must be more than 0 for a ${kind.replace('_', ' ')}`, field);
  return sign * milli;
}
