import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { RecordOutcome } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { movementLine, recordInput } from '../../../shared/api/schemas';
import { businessDate } from '../../../shared/domain/dates';
import { lineAmount } from '../../../shared/domain/money';
import { KIND_SIGN, type Movement, type MovementKind, type NegativeStockPolicy, type StockLine } from '../../../shared/domain/movement';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';

export type MovementLine = z.output<typeof movementLine>;

export interface RecordOptions {
  /** When the movements happened; defaults to now. Used by history imports and benchmarks. */
  occurredAt?: Date;
  negativeStock: NegativeStockPolicy;
}

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

/**
 * The append-only stock ledger. One call = one transaction that writes the movements, the new on-hand,
 * the daily aggregates, one audit row and one outbox row — all or nothing.
 */
export class LedgerService {
  private readonly journal: Journal;
  private readonly stmt: Record<'product' | 'insertMovement' | 'upsertStock' | 'upsertDay', Database.Statement>;

  constructor(private readonly deps: ServiceDeps) {
    const db = deps.store.sqlite;
    this.journal = new Journal(db);
    this.stmt = {
      product: db.prepare(
        'SELECT p.active, p.cost_minor, p.price_minor, s.on_hand_milli FROM products p LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?',
      ),
      insertMovement: db.prepare(
        `INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, lot, expiry, user_id, occurred_at, business_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertStock: db.prepare(
        `INSERT INTO stock (product_id, on_hand_milli, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(product_id) DO UPDATE SET on_hand_milli = excluded.on_hand_milli, updated_at = excluded.updated_at`,
      ),
      upsertDay: db.prepare(
        `INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(product_id, date) DO UPDATE SET
           sold_milli = sold_milli + excluded.sold_milli,
           revenue_minor = revenue_minor + excluded.revenue_minor,
           cost_minor = cost_minor + excluded.cost_minor,
           end_stock_milli = excluded.end_stock_milli`,
      ),
    };
  }

  record(input: z.output<typeof recordInput>, actor: Actor, options: RecordOptions): RecordOutcome {
    return inTransaction(this.deps.store.sqlite, () => this.apply(input.lines, input.reference, actor, options));
  }

  /**
   * Writes many movements already in time order, each with its own time, in one transaction.
   * For history imports and benchmarks; the checks are the same as `record`.
   */
  recordBulk(lines: { line: MovementLine; at: Date }[], reference: string, actor: Actor, policy: NegativeStockPolicy): number {
    return inTransaction(this.deps.store.sqlite, () => {
      let count = 0;
      let i = 0;
      while (i < lines.length) {
        // group consecutive lines that share a timestamp so each group is one apply()
        const at = lines[i].at;
        let j = i + 1;
        while (j < lines.length && lines[j].at.getTime() === at.getTime()) j++;
        count += this.apply(
          lines.slice(i, j).map((l) => l.line),
          reference,
          actor,
          { occurredAt: at, negativeStock: policy },
          i,
          false,
        ).movementIds.length;
        i = j;
      }
      this.journal.write(new Date().toISOString(), actor.user.id, 'bulk_record', 'movement', reference, { count });
      return count;
    });
  }

  private apply(
    lines: MovementLine[],
    reference: string,
    actor: Actor,
    options: RecordOptions,
    lineOffset = 0,
    journal = true,
  ): RecordOutcome {
    const at = options.occurredAt ?? this.deps.now();
    const iso = at.toISOString();
    const date = businessDate(at);
    const onHand = new Map<number, number>();
    const days = new Map<number, DayTotals>();
    const outcome: RecordOutcome = { movementIds: [], warnings: [], onHand: {} };

    lines.forEach((line, index) => {
      const field = (name: string) => `lines.${index + lineOffset}.${name}`;
      const facts = this.stmt.product.get(line.productId) as ProductFacts | undefined;
      if (!facts) throw new AppError('not_found', `${field('productId')}: no product with id ${line.productId}`, field('productId'));
      if (!facts.active && line.kind === 'sale') {
        throw new AppError('validation', `${field('productId')}: product ${line.productId} is deactivated and cannot be sold`, field('productId'));
      }
      const qtyMilli = signedMilli(line.kind, line.quantity, field('quantity'));
      const before = onHand.get(line.productId) ?? facts.on_hand_milli ?? 0;
      const after = before + qtyMilli;
      if (after < 0 && qtyMilli < 0) {
        if (options.negativeStock === 'block') {
          throw new AppError(
            'insufficient_stock',
            `${field('quantity')}: only ${fromMilli(before)} in stock for product ${line.productId}; the shop does not allow negative stock`,
            field('quantity'),
          );
        }
        if (options.negativeStock === 'warn') outcome.warnings.push({ code: 'negative_stock', productId: line.productId, onHand: fromMilli(after) });
      }
      onHand.set(line.productId, after);

      const unitCost = line.unitCostMinor ?? facts.cost_minor;
      const unitPrice = line.unitPriceMinor ?? (line.kind === 'sale' || line.kind === 'customer_return' ? facts.price_minor : 0);
      const result = this.stmt.insertMovement.run(
        line.productId, line.kind, qtyMilli, unitCost, unitPrice, line.reason, reference,
        line.lot ?? null, line.expiry ?? null, actor.user.id, iso, date,
      );
      outcome.movementIds.push(Number(result.lastInsertRowid));

      const day = days.get(line.productId) ?? { productId: line.productId, date, soldMilli: 0, revenueMinor: 0, costMinor: 0, endStockMilli: 0 };
      if (line.kind === 'sale' || line.kind === 'customer_return') {
        // net sales: a return gives back units, revenue and cost of goods
        day.soldMilli -= qtyMilli;
        day.revenueMinor -= lineAmount(qtyMilli, unitPrice);
        day.costMinor -= lineAmount(qtyMilli, unitCost);
      }
      day.endStockMilli = after;
      days.set(line.productId, day);
    });

    for (const [productId, milli] of onHand) {
      this.stmt.upsertStock.run(productId, milli, iso);
      outcome.onHand[productId] = fromMilli(milli);
    }
    for (const d of days.values()) this.stmt.upsertDay.run(d.productId, d.date, d.soldMilli, d.revenueMinor, d.costMinor, d.endStockMilli);
    if (journal) {
      this.journal.write(iso, actor.user.id, 'record', 'movement', outcome.movementIds.join(','), { reference, lines });
    }
    return outcome;
  }

  movements(productId: number, limit: number): Movement[] {
    const rows = this.deps.store.sqlite
      .prepare('SELECT * FROM movements WHERE product_id = ? ORDER BY id DESC LIMIT ?')
      .all(productId, limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      productId: r.product_id as number,
      kind: r.kind as MovementKind,
      quantity: fromMilli(r.qty_milli as number),
      unitCostMinor: r.unit_cost_minor as number,
      unitPriceMinor: r.unit_price_minor as number,
      reason: r.reason as string,
      reference: r.reference as string,
      lot: (r.lot as string | null) ?? null,
      expiry: (r.expiry as string | null) ?? null,
      userId: r.user_id as number,
      occurredAt: r.occurred_at as string,
      businessDate: r.business_date as string,
    }));
  }

  onHand(productIds?: number[]): StockLine[] {
    const filter = productIds ? `AND p.id IN (${productIds.map(() => '?').join(',') || 'NULL'})` : '';
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT p.id, p.sku, p.name, p.category, p.unit, p.cost_minor, COALESCE(s.on_hand_milli, 0) AS milli
         FROM products p LEFT JOIN stock s ON s.product_id = p.id
         WHERE p.active = 1 ${filter} ORDER BY p.name COLLATE NOCASE`,
      )
      .all(...(productIds ?? [])) as Record<string, number & string>[];
    return rows.map((r) => ({
      productId: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category,
      unit: r.unit,
      onHand: fromMilli(r.milli),
      valueMinor: lineAmount(r.milli, r.cost_minor),
    }));
  }
}

function signedMilli(kind: MovementKind, quantity: number, field: string): number {
  const milli = toMilli(quantity);
  const sign = KIND_SIGN[kind];
  if (sign === 0) return milli;
  if (milli <= 0) throw new AppError('validation', `${field}: must be more than 0 for a ${kind.replace('_', ' ')}`, field);
  return sign * milli;
}
