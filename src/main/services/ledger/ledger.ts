import type { z } from 'zod';
import type { RecordOutcome } from '../../../shared/api/contract';
import type { movementLine, recordInput } from '../../../shared/api/schemas';
import { lineAmount } from '../../../shared/domain/money';
import { AppError } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import type { Movement, MovementKind, NegativeStockPolicy, StockLine } from '../../../shared/domain/movement';
import { roleAtLeast } from '../../../shared/domain/user';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { LedgerStatements, LedgerWriter } from './writer';
import { inList } from '../../db/sql';
import { receiptLotProblem } from '../../../shared/domain/lots';
import { stockError } from '../counts/errors';

export type MovementLine = z.output<typeof movementLine>;

/**
 * What a stock line is worth at cost: on-hand × cost, and 0 for a stock below 0. A negative stock is a
 * counting error to fix (goods sold before their delivery was entered, a wrong count), not goods the
 * shop owes: it must not take value off the other lines. One rule for the Stock page and the dashboard.
 */
export function stockLineValue(onHandMilli: number, costMinor: number): number {
  return onHandMilli > 0 ? lineAmount(onHandMilli, costMinor) : 0;
}

export interface RecordOptions {
  /** When the movements happened; defaults to now. Used by history imports and benchmarks. */
  occurredAt?: Date;
  negativeStock: NegativeStockPolicy;
}

/**
 * The append-only stock ledger. One call = one transaction that writes the movements, the new on-hand,
 * the daily aggregates, one audit row and one outbox row — all or nothing.
 */
export class LedgerService {
  private readonly journal: Journal;
  private readonly stmts: LedgerStatements;

  constructor(private readonly deps: ServiceDeps) {
    this.journal = new Journal(deps.store.sqlite);
    this.stmts = new LedgerStatements(deps.store.sqlite);
  }

  record(input: z.output<typeof recordInput>, actor: Actor, options: RecordOptions): RecordOutcome {
    input.lines.forEach((line, i) => checkLineRules(line, i, actor));
    const at = options.occurredAt ?? this.deps.now();
    return inTransaction(this.deps.store.sqlite, () => {
      // an expiry date is a calendar day: at 01:00 yesterday's is past, whenever the shop's day ends
      this.checkReceiptLots(input.lines, businessDate(at));
      const writer = new LedgerWriter(this.stmts, actor.user.id, input.reference, options.negativeStock);
      for (const line of input.lines) writer.add(line, at);
      const outcome = writer.finish();
      this.journal.write(at.toISOString(), actor.user.id, 'record', 'movement', outcome.movementIds.join(','), {
        reference: input.reference,
        lines: input.lines,
      });
      return outcome;
    });
  }

  /** A receipt by hand checks lot and expiry as a delivery does (a tracked product without its lot, 2026-02-31). */
  private checkReceiptLots(lines: MovementLine[], today: string): void {
    if (!lines.some((line) => line.kind === 'receipt')) return;
    const tracks = this.deps.store.sqlite.prepare('SELECT tracks_expiry FROM products WHERE id = ?').pluck();
    lines.forEach((line, i) => {
      if (line.kind !== 'receipt') return;
      const tracked = tracks.get(line.productId) as number | undefined;
      // an unknown product is the writer's refusal, with its own message
      const problem = tracked === undefined ? null : receiptLotProblem(line, tracked === 1, today);
      if (problem) throw stockError('validation', problem.reason, `lines.${i}.${problem.field}`);
    });
  }

  /**
   * Writes many movements, each with its own time (in time order), in one transaction: history imports
   * and large receipts. Same checks as `record`; one audit and one outbox row for the whole batch.
   */
  recordBulk(lines: { line: MovementLine; at: Date }[], reference: string, actor: Actor, policy: NegativeStockPolicy): number {
    lines.forEach(({ line }, i) => checkLineRules(line, i, actor));
    return inTransaction(this.deps.store.sqlite, () => {
      const writer = new LedgerWriter(this.stmts, actor.user.id, reference, policy);
      // One product at a time, each product's own order kept: the per-product index then grows at one
      // place after another instead of at thousands of places in turn (10-25% faster at 3 years of
      // history). Ids inside one bulk transaction follow product, then time.
      for (const run of groupByProduct(lines)) for (const { line, at } of run) writer.add(line, at);
      const outcome = writer.finish();
      const ids = outcome.movementIds;
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'bulk_record', 'movement', reference, {
        count: ids.length,
        firstId: ids[0] ?? null,
        lastId: ids[ids.length - 1] ?? null,
      });
      return ids.length;
    });
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

  /** Active products, and deactivated ones still holding stock (it is on the shelf and in the books). */
  onHand(productIds?: number[]): StockLine[] {
    const filter = productIds ? `AND p.id IN ${inList(productIds)}` : '';
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT p.id, p.sku, p.name, p.category, p.unit, p.cost_minor, COALESCE(s.on_hand_milli, 0) AS milli
         FROM products p LEFT JOIN stock s ON s.product_id = p.id
         WHERE (p.active = 1 OR COALESCE(s.on_hand_milli, 0) <> 0) ${filter} ORDER BY p.name COLLATE NOCASE`,
      )
      .all(...(productIds ?? [])) as Record<string, number & string>[];
    return rows.map((r) => ({
      productId: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category,
      unit: r.unit,
      onHand: fromMilli(r.milli),
      valueMinor: stockLineValue(r.milli, r.cost_minor),
    }));
  }
}

/** The lines of each product in their own order, products in ascending id: a stable sort in one pass. */
function groupByProduct<T extends { line: MovementLine }>(lines: T[]): T[][] {
  const runs = new Map<number, T[]>();
  for (const item of lines) {
    const run = runs.get(item.line.productId);
    if (run) run.push(item);
    else runs.set(item.line.productId, [item]);
  }
  return Array.from(runs.keys())
    .sort((a, b) => a - b)
    .map((id) => runs.get(id) as T[]);
}

/**
 * What a person may record by hand: a loss always says why; an adjustment or a count correction changes
 * stock without goods moving, so it needs a manager and a reason (the audit trail must explain it).
 */
function checkLineRules(line: MovementLine, index: number, actor: Actor): void {
  const explained = line.kind === 'loss' || line.kind === 'adjustment' || line.kind === 'count';
  if (explained && !line.reason.trim()) {
    throw new AppError('validation', `lines.${index}.reason: a ${line.kind === 'count' ? 'count correction' : line.kind} needs its reason`, `lines.${index}.reason`, {
      reason: line.kind === 'count' ? 'count_fix_needs_reason' : line.kind === 'loss' ? 'loss_needs_reason' : 'adjustment_needs_reason',
    });
  }
  // the movement's value must be a number the books can hold exactly (throws AmountTooLarge)
  for (const unit of [line.unitCostMinor, line.unitPriceMinor]) if (unit !== undefined) lineAmount(toMilli(line.quantity), unit);
  if ((line.kind === 'adjustment' || line.kind === 'count') && !roleAtLeast(actor.user.role, 'manager')) {
    throw new AppError('forbidden', `lines.${index}.kind: only a manager or the owner may record ${line.kind === 'count' ? 'a count correction' : 'an adjustment'}`, `lines.${index}.kind`, {
      reason: line.kind === 'count' ? 'count_fix_manager_only' : 'adjustment_manager_only',
    });
  }
}
