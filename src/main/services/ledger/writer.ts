import type Database from 'better-sqlite3';
import type { RecordOutcome } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { dayEndHour } from '../shop-day';
import { lineAmount } from '../../../shared/domain/money';
import { KIND_SIGN, type MovementKind, type NegativeStockPolicy } from '../../../shared/domain/movement';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import type { MovementLine } from './ledger';

const MOVEMENT_COLUMNS = 12;
const DAY_COLUMNS = 6;
/** Rows per multi-row INSERT: amortises the per-statement cost, far below SQLite's parameter limit. */
const BATCH = 64;
/** Distinct movement times kept formatted: a month of daily history, many times over. */
const TIME_CACHE = 4096;
/** Day numbers (days since 1970) stay below 2^20 until the year 4840. */
const DAY_KEY_SPAN = 2 ** 20;
/** After every business date: the open end of a range of days. */
const NO_END = '9999-12-31';

interface ProductFacts {
  active: number;
  cost_minor: number;
  price_minor: number;
  on_hand_milli: number | null;
}

interface ProductEntry extends ProductFacts {
  onHandMilli: number;
  /** The product's latest day in daily_sales before this transaction ('' when none). */
  lastDate: string;
}

interface DayTotals {
  productId: number;
  date: string;
  soldMilli: number;
  revenueMinor: number;
  costMinor: number;
  /** Null: unknown (a back-dated day with no known stock before it). */
  endStockMilli: number | null;
  /** The net quantity this transaction moves on the day. */
  netMilli: number;
  /** Before the product's latest stored day: its end stock is not the running on-hand (see settleBackdated). */
  backdated: boolean;
}

/** Prepared statements shared by every writer on one connection; multi-row INSERTs cached by row count. */
export class LedgerStatements {
  readonly product: Database.Statement;
  readonly upsertStock: Database.Statement;
  readonly lastDate: Database.Statement;
  readonly stockAt: Database.Statement;
  readonly shiftStock: Database.Statement;
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
    this.lastDate = db.prepare('SELECT MAX(date) FROM daily_sales WHERE product_id = ?').pluck();
    // the stock known at the close of a day: the latest stored day's up to it (no movement on the days
    // between). A NULL there (imported sales without stock levels) means unknown: carrying an older
    // known stock across it would ignore the sales imported on those days
    this.stockAt = db.prepare('SELECT end_stock_milli FROM daily_sales WHERE product_id = ? AND date <= ? ORDER BY date DESC LIMIT 1').pluck();
    this.shiftStock = db.prepare(
      'UPDATE daily_sales SET end_stock_milli = end_stock_milli + ? WHERE product_id = ? AND date >= ? AND date < ? AND end_stock_milli IS NOT NULL',
    );
  }

  /** The hour the shop's business day ends at now (settings.dayEndHour). */
  dayEndHour(): number {
    return dayEndHour(this.db);
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
  /** Each product's facts and its running on-hand, in the order first met. */
  private readonly products = new Map<number, ProductEntry>();
  private lastProductId = NaN;
  private lastEntry: ProductEntry | undefined;
  /** Keyed by productId × 2^20 + day number: numeric keys hash and sort far faster than strings. */
  private readonly days = new Map<number, DayTotals>();
  private readonly times = new Map<number, { iso: string; date: string; day: number }>();
  private lastKey = NaN;
  private lastDayTotals: DayTotals | undefined;
  /** Some day of this transaction is before its product's latest stored day. */
  private backdated = false;
  private readonly buffer: unknown[] = new Array(BATCH * MOVEMENT_COLUMNS);
  private filled = 0;
  private readonly movementIds: number[] = [];
  private readonly warnings: RecordOutcome['warnings'] = [];
  private lastAt = '';
  private lastTime = NaN;
  private lastDate = '';
  private lastDay = 0;
  private index = 0;
  /** Read once per transaction: every movement of it is dated by the same setting. */
  private readonly dayEndHour: number;

  constructor(
    private readonly stmts: LedgerStatements,
    private readonly userId: number,
    private readonly reference: string,
    private readonly policy: NegativeStockPolicy,
  ) {
    this.dayEndHour = stmts.dayEndHour();
  }

  /**
   * Adds one movement. `amountMinor` is the money actually taken for a sale (after discounts); without
   * it the daily revenue is quantity × unit price. Returns the index of the line in this transaction.
   */
  add(line: MovementLine, at: Date, amountMinor?: number): number {
    const productId = line.productId;
    // bulk writers send one product's lines in a row: look the product up once per run of lines
    let entry = this.lastEntry;
    if (productId !== this.lastProductId || !entry) {
      entry = this.products.get(productId);
      if (!entry) entry = this.load(productId);
      this.lastProductId = productId;
      this.lastEntry = entry;
    }
    if (!entry.active && line.kind === 'sale') {
      throw new AppError('validation', `${this.field('productId')}: product ${productId} is deactivated and cannot be sold`, this.field('productId'));
    }
    const qtyMilli = signedMilli(line.kind, line.quantity, this);
    const before = entry.onHandMilli;
    const after = before + qtyMilli;
    if (after < 0 && qtyMilli < 0 && this.policy !== 'allow') {
      if (this.policy === 'block') {
        throw new AppError(
          'insufficient_stock',
          `${this.field('quantity')}: only ${fromMilli(before)} in stock for product ${productId}; the shop does not allow negative stock`,
          this.field('quantity'),
        );
      }
      this.warnings.push({ code: 'negative_stock', productId, onHand: fromMilli(after) });
    }
    entry.onHandMilli = after;

    const time = at.getTime();
    if (time !== this.lastTime) this.useTime(at, time);
    const date = this.lastDate;
    const unitCost = line.unitCostMinor ?? entry.cost_minor;
    const unitPrice = line.unitPriceMinor ?? (line.kind === 'sale' || line.kind === 'customer_return' ? entry.price_minor : 0);
    const buffer = this.buffer;
    let at0 = this.filled;
    buffer[at0++] = productId;
    buffer[at0++] = line.kind;
    buffer[at0++] = qtyMilli;
    buffer[at0++] = unitCost;
    buffer[at0++] = unitPrice;
    buffer[at0++] = line.reason;
    buffer[at0++] = this.reference;
    buffer[at0++] = line.lot ?? null;
    buffer[at0++] = line.expiry ?? null;
    buffer[at0++] = this.userId;
    buffer[at0++] = this.lastAt;
    buffer[at0++] = date;
    this.filled = at0;
    if (at0 === BATCH * MOVEMENT_COLUMNS) this.flushMovements();

    const key = productId * DAY_KEY_SPAN + this.lastDay;
    let day = this.lastDayTotals;
    if (key !== this.lastKey || !day) {
      day = this.days.get(key);
      if (!day) {
        day = { productId, date, soldMilli: 0, revenueMinor: 0, costMinor: 0, endStockMilli: 0, netMilli: 0, backdated: date < entry.lastDate };
        if (day.backdated) this.backdated = true;
        this.days.set(key, day);
      }
      this.lastKey = key;
      this.lastDayTotals = day;
    }
    if (line.kind === 'sale' || line.kind === 'customer_return') {
      // net sales: a return gives back units, revenue and cost of goods
      day.soldMilli -= qtyMilli;
      day.revenueMinor += amountMinor !== undefined ? Math.sign(-qtyMilli) * amountMinor : -lineAmount(qtyMilli, unitPrice);
      day.costMinor -= lineAmount(qtyMilli, unitCost);
    }
    day.endStockMilli = after;
    day.netMilli += qtyMilli;
    return this.index++;
  }

  /**
   * Formats a movement's time once per distinct time: a bulk write goes product by product, so the same
   * few days come round again for every product.
   */
  private useTime(at: Date, time: number): void {
    let formatted = this.times.get(time);
    if (!formatted) {
      const date = businessDate(at, this.dayEndHour);
      const day = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
      formatted = { iso: at.toISOString(), date, day };
      if (this.times.size >= TIME_CACHE) this.times.clear();
      this.times.set(time, formatted);
    }
    this.lastTime = time;
    this.lastAt = formatted.iso;
    this.lastDate = formatted.date;
    this.lastDay = formatted.day;
  }

  /** The name of a field of the line being added, as the error paths of the API say it. */
  field(name: string): string {
    return `lines.${this.index}.${name}`;
  }

  private load(productId: number): ProductEntry {
    const row = this.stmts.product.get(productId) as ProductFacts | undefined;
    if (!row) throw new AppError('not_found', `${this.field('productId')}: no product with id ${productId}`, this.field('productId'));
    const entry: ProductEntry = { ...row, onHandMilli: row.on_hand_milli ?? 0, lastDate: (this.stmts.lastDate.get(productId) as string | null) ?? '' };
    this.products.set(productId, entry);
    return entry;
  }

  get count(): number {
    return this.index;
  }

  finish(): RecordOutcome {
    this.flushMovements();
    const onHand: Record<number, number> = {};
    for (const [productId, entry] of this.products) {
      this.stmts.upsertStock.run(productId, entry.onHandMilli, this.lastAt);
      onHand[productId] = fromMilli(entry.onHandMilli);
    }
    // key order keeps the B-tree writes local: one product's days land on neighbouring pages
    const keys = Float64Array.from(this.days.keys()).sort();
    const days = Array.from(keys, (k) => this.days.get(k) as DayTotals);
    this.settleBackdated(days);
    for (let i = 0; i < days.length; i += BATCH) {
      const chunk = days.slice(i, i + BATCH);
      const params: unknown[] = [];
      for (const d of chunk) params.push(d.productId, d.date, d.soldMilli, d.revenueMinor, d.costMinor, d.endStockMilli);
      this.stmts.upsertDays(chunk.length).run(params);
    }
    return { movementIds: this.movementIds, warnings: this.warnings, onHand };
  }

  /**
   * A day's end stock is the stock at its close: everything recorded for a business date up to and
   * including it. The running on-hand says so for a day at or after the product's latest stored day,
   * not for a back-dated one (today's sales and receipts are in it). A back-dated day gets the stock
   * known at its close before this transaction (its own row's, else the latest stored day's before it;
   * none, or a day stored without one: unknown) plus what this transaction moves up to it,
   * and every stored day after it moves by the same amount, the latest one ending on the on-hand.
   * `days` is in key order: each product's days in date order. Runs before the day rows are written.
   */
  private settleBackdated(days: DayTotals[]): void {
    if (!this.backdated) return;
    const { stockAt, shiftStock } = this.stmts;
    for (let i = 0; i < days.length; ) {
      const productId = days[i]!.productId;
      let j = i;
      while (j < days.length && days[j]!.productId === productId) j++;
      const back = days.slice(i, j).filter((d) => d.backdated);
      i = j;
      if (back.length === 0) continue;
      // the stored stocks first, before any is shifted
      const known = back.map((d) => stockAt.get(productId, d.date) as number | null | undefined);
      let moved = 0;
      back.forEach((d, k) => {
        moved += d.netMilli;
        const base = known[k];
        d.endStockMilli = base === null || base === undefined ? null : base + moved;
        // the stored days from this one to the next back-dated one carry everything moved so far
        shiftStock.run(moved, productId, d.date, back[k + 1]?.date ?? NO_END);
      });
    }
  }

  private flushMovements(): void {
    const rows = this.filled / MOVEMENT_COLUMNS;
    if (rows === 0) return;
    const params = rows === BATCH ? this.buffer : this.buffer.slice(0, this.filled);
    // one statement on the single writer connection: its rowids are consecutive
    const last = Number(this.stmts.insertMovements(rows).run(params).lastInsertRowid);
    for (let id = last - rows + 1; id <= last; id++) this.movementIds.push(id);
    this.filled = 0;
  }
}

function signedMilli(kind: MovementKind, quantity: number, writer: LedgerWriter): number {
  const milli = toMilli(quantity);
  const sign = KIND_SIGN[kind];
  if (sign === 0) return milli;
  if (milli <= 0) {
    const field = writer.field('quantity');
    throw new AppError('validation', `${field}: must be more than 0 for a ${kind.replace('_', ' ')}`, field);
  }
  return sign * milli;
}
