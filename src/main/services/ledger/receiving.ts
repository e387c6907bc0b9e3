import type { z } from 'zod';
import type { RecordOutcome } from '../../../shared/api/contract';
import type { LotTrace, StockLot, StockReceipt, stockReceiveInput, writeOffInput } from '../../../shared/api/contracts/counts';
import { AppError } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { receiptLotProblem, sameLot } from '../../../shared/domain/lots';
import { lineAmount, sumMinor } from '../../../shared/domain/money';
import { fromMilli, hasAtMostThreeDecimals, isWholeQuantity, toMilli, unitName } from '../../../shared/domain/quantity';
import type { ShopSettings } from '../../../shared/domain/settings';
import { roleAtLeast } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { takeReceivedCosts } from './cost-price';
import { LedgerStatements, LedgerWriter } from './writer';
import { stockError } from '../counts/errors';
import { assertWholePieces } from './whole-pieces';
import { lotLedgerOf, type LotLedger, type LotLeft } from '../alerts/lots';
import { LotTracer } from './lot-trace';

export const receiptReference = (n: number) => `REC-${String(n).padStart(5, '0')}`;


interface ProductRow {
  id: number;
  name: string;
  unit: string;
  active: number;
  tracks_expiry: number;
  cost_minor: number;
}

/**
 * Deliveries received without a purchase order, and losses and adjustments with their reason. Each
 * call is one transaction: the movements, the on-hand, the delivery header, one audit and one outbox
 * row, or nothing at all.
 */
export class ReceivingService {
  private readonly journal: Journal;
  private readonly stmts: LedgerStatements;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
  ) {
    this.journal = new Journal(deps.store.sqlite);
    this.stmts = new LedgerStatements(deps.store.sqlite);
  }

  /**
   * One 'receipt' movement per line, referenced by the delivery's REC- number (and the supplier's note).
   * The unit cost is kept on each movement; with `updateCosts`, a line's unit cost becomes its product's
   * cost price (takeReceivedCosts).
   */
  receive(input: z.output<typeof stockReceiveInput>, actor: Actor): StockReceipt {
    const { sqlite } = this.deps.store;
    const now = this.deps.now();
    const at = now.toISOString();
    // an expiry date is a calendar day: at 01:00 yesterday's is past, whenever the shop's day ends
    const today = businessDate(now);
    return inTransaction(sqlite, () => {
      if (input.submissionId !== undefined) {
        const before = this.recorded(input.submissionId, input.lines);
        if (before) return before;
      }
      let supplierName: string | null = null;
      if (input.supplierId !== null) {
        const supplier = sqlite.prepare('SELECT name, active FROM suppliers WHERE id = ?').get(input.supplierId) as { name: string; active: number } | undefined;
        if (!supplier) throw new AppError('not_found', `supplierId: no supplier with id ${input.supplierId}`, 'supplierId');
        if (!supplier.active) throw stockError('validation', 'supplierInactive', 'supplierId');
        supplierName = supplier.name;
      }
      const product = sqlite.prepare('SELECT id, name, unit, active, tracks_expiry, cost_minor FROM products WHERE id = ?');
      // every line is checked before anything is written, so the first bad line is the one reported
      const lines = input.lines.map((l, i) => {
        const f = (name: string) => `lines.${i}.${name}`;
        const p = product.get(l.productId) as ProductRow | undefined;
        if (!p) throw new AppError('not_found', `${f('productId')}: no product with id ${l.productId}`, f('productId'));
        if (!p.active) throw stockError('validation', 'deactivated', f('productId'));
        assertWholePieces(p, toMilli(l.quantity), f('quantity'));
        // the same lot and expiry checks as receiving on a purchase order
        const lotProblem = receiptLotProblem(l, p.tracks_expiry === 1, today);
        if (lotProblem) throw stockError('validation', lotProblem.reason, f(lotProblem.field));
        const lot = l.lot?.trim() || undefined;
        const expiry = l.expiry || undefined;
        const unitCostMinor = l.unitCostMinor ?? p.cost_minor;
        return { productId: p.id, quantity: l.quantity, unitCostMinor, typedCost: l.unitCostMinor, lot, expiry };
      });
      const number = this.nextNumber('stock_receipt');
      const reference = receiptReference(number);
      const note = input.deliveryNote.trim();
      const writer = new LedgerWriter(this.stmts, actor.user.id, note ? `${reference} · ${note}` : reference, this.settings().negativeStock);
      for (const l of lines) writer.add({ productId: l.productId, kind: 'receipt', quantity: l.quantity, unitCostMinor: l.unitCostMinor, reason: '', lot: l.lot, expiry: l.expiry }, now);
      const totalMinor = sumMinor(lines.map((l) => lineAmount(toMilli(l.quantity), l.unitCostMinor)));
      const outcome = writer.finish();
      const costChanges = input.updateCosts
        ? takeReceivedCosts(sqlite, this.journal, lines.map((l) => ({ productId: l.productId, unitCostMinor: l.typedCost })), { userId: actor.user.id, at, reference })
        : [];
      const id = Number(
        sqlite
          .prepare('INSERT INTO stock_receipts (number, supplier_id, delivery_note, received_at, user_id, lines, total_minor, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(number, input.supplierId, note, at, actor.user.id, lines.length, totalMinor, input.submissionId ?? null).lastInsertRowid,
      );
      this.journal.write(at, actor.user.id, 'receive', 'stock_receipt', id, {
        number,
        supplierId: input.supplierId,
        deliveryNote: note,
        lines: lines.map(({ typedCost: _typed, ...l }) => l),
        totalMinor,
        movementIds: outcome.movementIds,
        costChanges,
        submitted: input.lines,
      });
      return { id, number, reference, supplierId: input.supplierId, supplierName, deliveryNote: note, receivedAt: at, lines: lines.length, totalMinor, outcome, costChanges };
    });
  }

  /**
   * The delivery already recorded under this submission id, answered again with its movements and the
   * stock as it is now; null when there is none. The same id with other lines is refused: the form makes
   * a new id for every delivery it shows.
   */
  private recorded(submissionId: string, lines: unknown[]): StockReceipt | null {
    const row = this.deps.store.sqlite
      .prepare(
        `SELECT r.id, r.number, r.supplier_id AS supplierId, s.name AS supplierName, r.delivery_note AS deliveryNote, r.received_at AS receivedAt, r.lines, r.total_minor AS totalMinor, a.detail
           FROM stock_receipts r LEFT JOIN suppliers s ON s.id = r.supplier_id
           JOIN audit a ON a.entity = 'stock_receipt' AND a.entity_id = CAST(r.id AS TEXT) AND a.action = 'receive'
          WHERE r.submission_id = ?`,
      )
      .get(submissionId) as (Omit<StockReceipt, 'reference' | 'outcome' | 'costChanges'> & { detail: string }) | undefined;
    if (!row) return null;
    const { detail, ...receipt } = row;
    const done = JSON.parse(detail) as { submitted: { productId: number }[]; movementIds: number[]; costChanges: StockReceipt['costChanges'] };
    if (JSON.stringify(done.submitted) !== JSON.stringify(lines)) {
      throw new AppError('conflict', `submissionId: this delivery was already recorded as ${receiptReference(row.number)} with other lines; open the stock to see it`, 'submissionId', {
        reason: 'receipt_recorded',
        reference: receiptReference(row.number),
      });
    }
    const productIds = [...new Set(done.submitted.map((l) => l.productId))];
    const onHand = this.deps.store.sqlite.prepare('SELECT COALESCE(on_hand_milli, 0) FROM stock WHERE product_id = ?').pluck();
    const outcome: RecordOutcome = { movementIds: done.movementIds, warnings: [], onHand: Object.fromEntries(productIds.map((id) => [id, fromMilli((onHand.get(id) as number | undefined) ?? 0)])) };
    return { ...receipt, reference: receiptReference(row.number), outcome, costChanges: done.costChanges };
  }

  /**
   * A loss (expired, damaged, theft, other) or an adjustment (+ found, − missing), always with its reason.
   * A cashier may record a loss (they find the broken bottle); an adjustment is a manager's.
   */
  writeOff(input: z.output<typeof writeOffInput>, actor: Actor): RecordOutcome {
    const note = input.note.trim();
    const lotAsked = input.lot?.trim() || undefined;
    let reason: string;
    if (lotAsked !== undefined && input.kind !== 'loss') throw stockError('validation', 'lotOnlyLoss', 'lot');
    if (input.kind === 'loss') {
      if (input.quantity <= 0) throw stockError('validation', 'lossPositive', 'quantity');
      if (!input.reason) throw stockError('validation', 'lossReason', 'reason');
      if (input.reason === 'other' && !note) throw stockError('validation', 'noteRequired', 'note');
      reason = note ? `${input.reason}: ${note}` : input.reason;
    } else {
      if (!roleAtLeast(actor.user.role, 'manager')) throw stockError('forbidden', 'adjustForbidden', 'kind');
      if (!note) throw stockError('validation', 'noteRequired', 'note');
      reason = note;
    }
    const now = this.deps.now();
    return inTransaction(this.deps.store.sqlite, () => {
      this.checkWholePieces(input.productId, input.kind === 'loss' ? -input.quantity : input.quantity);
      if (input.kind === 'loss' && !roleAtLeast(actor.user.role, 'manager')) this.checkLossWithinStock(input.productId, input.quantity);
      const lot = lotAsked === undefined ? undefined : this.lotToWriteOff(input.productId, lotAsked, input.expiry, input.quantity);
      const writer = new LedgerWriter(this.stmts, actor.user.id, '', this.settings().negativeStock);
      try {
        writer.add({ productId: input.productId, kind: input.kind, quantity: input.quantity, reason, lot: lot?.lot, expiry: lot?.expiry }, now);
      } catch (error) {
        // the writer names fields of a multi-line call ('lines.0.quantity'); this call has one line
        if (error instanceof AppError && error.field?.startsWith('lines.0.')) {
          const field = error.field.slice('lines.0.'.length);
          // the writer's details (its reason, the product's name...) go with it
          throw new AppError(error.code, error.message.replace(/^lines\.0\./, ''), field, error.details);
        }
        throw error;
      }
      const outcome = writer.finish();
      this.journal.write(now.toISOString(), actor.user.id, input.kind === 'loss' ? 'loss' : 'adjust', 'movement', outcome.movementIds.join(','), {
        productId: input.productId,
        quantity: input.quantity,
        reason,
        ...(lot && { lot: lot.lot, expiry: lot.expiry }),
      });
      return outcome;
    });
  }

  /** The product's dated lots still in stock, earliest expiry first, as the ledger plays out. */
  lots(productId: number): StockLot[] {
    const today = businessDate(this.deps.now());
    return this.lotLedger()
      .lotsLeft(productId)
      .map((l) => ({ lot: l.lot, expiry: l.expiry, quantity: fromMilli(l.milli), expired: l.expiry < today }));
  }

  /** Where a lot went (a recall): per product and expiry, what came in, what left and how, what is left. */
  lotTrace(lot: string): LotTrace {
    return new LotTracer(this.deps.store.sqlite).trace(lot, businessDate(this.deps.now()));
  }

  private lotLedger(): LotLedger {
    return lotLedgerOf(this.deps.store.sqlite);
  }

  /**
   * The lot a loss names, as the book holds it (its first spelling and its expiry), if it holds at
   * least the quantity: a loss of a lot is what was thrown away from that lot, never more.
   */
  private lotToWriteOff(productId: number, lot: string, expiry: string | undefined, quantity: number): LotLeft {
    const key = sameLot(lot);
    const held = this.lotLedger()
      .lotsLeft(productId)
      .filter((l) => sameLot(l.lot) === key && (expiry === undefined || l.expiry === expiry));
    const found = held[0];
    if (!found) throw stockError('not_found', 'lotUnknown', 'lot', { lot });
    if (held.length > 1 && expiry === undefined) throw stockError('validation', 'lotTwoExpiries', 'expiry', { lot: found.lot });
    if (hasAtMostThreeDecimals(quantity) && toMilli(quantity) > found.milli) {
      const row = this.deps.store.sqlite.prepare('SELECT unit FROM products WHERE id = ?').get(productId) as { unit: string };
      const { amount: left, unit } = this.inWords(found.milli, row.unit);
      throw stockError('validation', 'lotShort', 'quantity', { lot: found.lot, left, unit });
    }
    return found;
  }

  /**
   * A cashier writes off at most what the stock holds: 500 typed for a 500 g bag of a product kept in kg
   * would wipe out the stock's value unseen. A manager may go further (the shop's negative-stock policy
   * then applies), when the stock was already wrong.
   */
  private checkLossWithinStock(productId: number, quantity: number): void {
    const row = this.deps.store.sqlite.prepare('SELECT p.unit, COALESCE(s.on_hand_milli, 0) AS milli FROM products p LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?').get(productId) as
      | { unit: string; milli: number }
      | undefined;
    if (!row || !hasAtMostThreeDecimals(quantity) || toMilli(quantity) <= row.milli) return;
    const { amount: onHand, unit } = this.inWords(Math.max(0, row.milli), row.unit);
    throw stockError('forbidden', 'lossOverStock', 'quantity', { onHand, unit });
  }

  /** A quantity in milli-units and its unit as a refusal shows them, in the shop's language. */
  private inWords(milli: number, unit: string): { amount: string; unit: string } {
    const locale = this.settings().locale;
    return { amount: new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 }).format(fromMilli(milli)), unit: unitName(unit, locale) };
  }

  /**
   * A loss or an adjustment is of whole pieces, unless it sets right a stock an older version left with a
   * part of a piece (2,5 on hand, 0,5 written off). An unknown product is left for the writer to name.
   */
  private checkWholePieces(productId: number, delta: number): void {
    const row = this.deps.store.sqlite
      .prepare('SELECT p.name, p.unit, COALESCE(s.on_hand_milli, 0) AS onHandMilli FROM products p LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?')
      .get(productId) as { name: string; unit: string; onHandMilli: number } | undefined;
    if (!row || !Number.isFinite(delta) || !hasAtMostThreeDecimals(delta)) return;
    const milli = toMilli(delta);
    if (isWholeQuantity(row.unit, row.onHandMilli + milli)) return;
    assertWholePieces(row, milli, 'quantity');
  }

  /** Next number of a document kind from `counters`, inside the caller's transaction: no gaps, no duplicates. */
  private nextNumber(name: string): number {
    const row = this.deps.store.sqlite
      .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
      .get(name) as { value: number };
    return row.value;
  }
}
