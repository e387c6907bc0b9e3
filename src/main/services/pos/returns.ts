import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { vatIncluded, type TenderInput } from '../../../shared/domain/cart';
import { shopDay } from '../shop-day';
import { lineAmount } from '../../../shared/domain/money';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { proRata, refundFor } from '../../../shared/domain/returns';
import { roleAtLeast } from '../../../shared/domain/user';
import type { CompletedSale, ReturnableSale } from '../../../shared/domain/sale';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import type { CheckoutService } from './checkout';
import { loadSale } from './journal';

export interface ReturnInput {
  receiptNo: number;
  lines: { lineNo: number; quantity: number }[];
  /**
   * How the money goes back: each more than 0, adding up to the refund exactly. Defaults to the way the
   * sale was paid (what is left of each tender after earlier refunds); none for a refund of 0.
   */
  tenders?: TenderInput[];
}

/**
 * Returns by receipt number: some or all lines, never more than was sold less what already came back.
 * One transaction writes the return (numbered in the receipts' sequence), its lines and refund
 * tenders, and the customer-return movements that put the stock back and take the revenue out.
 * A line's refunds never add up to more than it was paid (refundFor); each return line carries the
 * part of the line's discounts that goes back with it, so its receipt adds up to the refund.
 */
export class ReturnService {
  private readonly db: Database.Database;
  private readonly stmts: LedgerStatements;
  private readonly journal: Journal;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly numbers: CheckoutService,
  ) {
    this.db = deps.store.sqlite;
    this.stmts = new LedgerStatements(this.db);
    this.journal = new Journal(this.db);
  }

  returnable(receiptNo: number): ReturnableSale {
    const sale = this.db.prepare("SELECT id, at, total_minor FROM sales WHERE receipt_no = ? AND kind = 'sale'").get(receiptNo) as
      | { id: number; at: string; total_minor: number }
      | undefined;
    if (!sale) {
      // a refund's own receipt is no sale to return: say so rather than "no such receipt"
      const refund = this.db.prepare("SELECT 1 FROM sales WHERE receipt_no = ? AND kind <> 'sale'").get(receiptNo) !== undefined;
      throw new AppError('not_found', `receiptNo: no sale with receipt number ${receiptNo}`, 'receiptNo', { reason: refund ? 'receipt_is_return' : 'receipt_not_found', receiptNo });
    }
    const lines = this.db
      .prepare(
        `SELECT l.line_no, l.product_id, l.name, l.qty_milli, l.net_minor,
                COALESCE((SELECT sum(r.qty_milli) FROM sale_lines r JOIN sales rs ON rs.id = r.sale_id
                          WHERE rs.original_sale_id = l.sale_id AND r.line_no = l.line_no), 0) AS returned_milli,
                COALESCE((SELECT sum(r.net_minor) FROM sale_lines r JOIN sales rs ON rs.id = r.sale_id
                          WHERE rs.original_sale_id = l.sale_id AND r.line_no = l.line_no), 0) AS refunded_minor
         FROM sale_lines l WHERE l.sale_id = ? ORDER BY l.line_no`,
      )
      .all(sale.id) as { line_no: number; product_id: number; name: string; qty_milli: number; net_minor: number; returned_milli: number; refunded_minor: number }[];
    const tenders = this.db.prepare('SELECT tender, amount_minor AS amountMinor FROM sale_tenders WHERE sale_id = ?').all(sale.id) as { tender: string; amountMinor: number }[];
    const unitChanged = this.unitChangedSince(sale.at);
    return {
      receiptNo,
      at: sale.at,
      totalMinor: sale.total_minor,
      tenders,
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        name: l.name,
        sold: fromMilli(l.qty_milli),
        returned: fromMilli(l.returned_milli),
        returnable: fromMilli(l.qty_milli - l.returned_milli),
        netPerUnit: l.net_minor / fromMilli(l.qty_milli),
        paidMinor: l.net_minor,
        refundedMinor: l.refunded_minor,
        unitChanged: unitChanged(l.product_id),
      })),
    };
  }

  /**
   * Whether a product's unit changed after `saleAt`: the sale's quantities are in the old unit, and put
   * back in the new one a box would come back as a piece. Read from the journal: a unit change since,
   * or (for a change made before it was journaled) the product's state journaled last before the sale.
   */
  private unitChangedSince(saleAt: string): (productId: number) => { from: string; to: string } | null {
    const since = this.db.prepare(
      `SELECT json_extract(detail, '$.from') AS "from" FROM audit
        WHERE entity = 'product' AND entity_id = ? AND action = 'unit_change' AND at > ? ORDER BY id LIMIT 1`,
    );
    const before = this.db.prepare(
      `SELECT json_extract(detail, '$.unit') FROM audit
        WHERE entity = 'product' AND entity_id = ? AND action IN ('create', 'update') AND at <= ? ORDER BY id DESC LIMIT 1`,
    ).pluck();
    const now = this.db.prepare('SELECT unit FROM products WHERE id = ?').pluck();
    return (productId) => {
      const id = String(productId);
      const unit = now.get(productId) as string | undefined;
      // changed and changed back is the same unit again
      const then = (since.get(id, saleAt) as { from: string } | undefined)?.from ?? (before.get(id, saleAt) as string | null | undefined);
      return then && unit && then !== unit ? { from: then, to: unit } : null;
    };
  }

  /**
   * What is left to refund of each way the sale was paid, in the order it was paid: cash net of the
   * change given, less what earlier returns of the sale refunded that way.
   */
  private tendersLeft(saleId: number): Map<string, number> {
    const change = (this.db.prepare('SELECT change_minor FROM sales WHERE id = ?').pluck().get(saleId) as number) ?? 0;
    const left = new Map<string, number>();
    for (const t of this.db.prepare('SELECT tender, amount_minor AS amount FROM sale_tenders WHERE sale_id = ? ORDER BY rowid').all(saleId) as { tender: string; amount: number }[]) {
      left.set(t.tender, (left.get(t.tender) ?? 0) + t.amount);
    }
    if (change) left.set('cash', (left.get('cash') ?? 0) - change);
    const refunded = this.db
      .prepare("SELECT t.tender, sum(t.amount_minor) AS amount FROM sale_tenders t JOIN sales r ON r.id = t.sale_id WHERE r.original_sale_id = ? AND r.kind = 'return' GROUP BY t.tender")
      .all(saleId) as { tender: string; amount: number }[];
    for (const r of refunded) left.set(r.tender, (left.get(r.tender) ?? 0) - r.amount);
    return left;
  }

  /**
   * A cashier refunds a sale of the shop's day the way it was paid, never more than was paid that way:
   * cash back for yesterday's receipt or for a card or mobile-money sale is a manager's (money leaves
   * the drawer with no sale behind it that day).
   */
  private checkCashierRefund(saleId: number, tenders: TenderInput[], left: Map<string, number>, now: Date): void {
    const day = this.db.prepare('SELECT business_date FROM sales WHERE id = ?').pluck().get(saleId) as string;
    const today = shopDay(this.db, now);
    if (day !== today) {
      throw new AppError('forbidden', `receiptNo: a cashier refunds only the day's receipts (this one is from ${day}); ask a manager`, 'receiptNo', {
        reason: 'cashier_refund_past_day',
        date: day,
      });
    }
    const asked = new Map<string, number>();
    for (const t of tenders) asked.set(t.tender, (asked.get(t.tender) ?? 0) + t.amountMinor);
    for (const [tender, amount] of asked) {
      if (amount > Math.max(0, left.get(tender) ?? 0)) {
        const field = `tenders.${tenders.findIndex((t) => t.tender === tender)}.tender`;
        throw new AppError('forbidden', `${field}: the sale was not paid ${amount} by ${tender}; a cashier refunds the way the sale was paid; ask a manager`, field, {
          reason: 'cashier_refund_other_tender',
          tender,
        });
      }
    }
  }

  refund(input: ReturnInput, actor: Actor, currency: string): CompletedSale {
    const now = this.deps.now();
    const at = now.toISOString();
    return inTransaction(this.db, () => {
      const original = this.returnable(input.receiptNo);
      const originalId = (this.db.prepare('SELECT id FROM sales WHERE receipt_no = ?').get(input.receiptNo) as { id: number }).id;
      if (input.lines.length === 0) throw new AppError('validation', 'lines: choose what comes back', 'lines', { reason: 'return_nothing_chosen' });
      const seen = new Set<number>();
      // the cost the sale took out of stock at goes back with the goods: at today's cost, a refunded sale left a margin
      const soldLine = this.db.prepare(
        `SELECT l.vat_rate_bp, l.unit_price_minor, l.qty_milli, l.net_minor, l.gross_minor, m.unit_cost_minor AS cost_minor
         FROM sale_lines l LEFT JOIN movements m ON m.id = l.movement_id WHERE l.sale_id = ? AND l.line_no = ?`,
      );
      const picked = input.lines.map((l, i) => {
        const sold = original.lines.find((x) => x.lineNo === l.lineNo);
        if (!sold) {
          throw new AppError('validation', `lines.${i}.lineNo: receipt ${input.receiptNo} has no line ${l.lineNo}`, `lines.${i}.lineNo`, {
            reason: 'return_no_line',
            receiptNo: input.receiptNo,
            lineNo: l.lineNo,
          });
        }
        if (seen.has(l.lineNo)) throw new AppError('validation', `lines.${i}.lineNo: line ${l.lineNo} is listed twice`, `lines.${i}.lineNo`, { reason: 'return_line_twice', name: sold.name });
        seen.add(l.lineNo);
        if (!(l.quantity > 0)) throw new AppError('validation', `lines.${i}.quantity: must be more than 0`, `lines.${i}.quantity`, { reason: 'return_quantity_positive', name: sold.name });
        if (toMilli(l.quantity) > toMilli(sold.returnable)) {
          throw new AppError(
            'validation',
            `lines.${i}.quantity: only ${sold.returnable} of "${sold.name}" can come back (${sold.sold} sold, ${sold.returned} already returned)`,
            `lines.${i}.quantity`,
            { reason: 'return_exceeds', name: sold.name, returnable: sold.returnable, sold: sold.sold, returned: sold.returned },
          );
        }
        const change = sold.unitChanged;
        if (change) {
          throw new AppError(
            'conflict',
            `lines.${i}.lineNo: "${sold.name}" was sold by the ${change.from} and is counted by the ${change.to} since: a return would put back ${l.quantity} ${change.to}. Refund the customer with a cash paid-out, and correct the stock with an adjustment`,
            `lines.${i}.lineNo`,
            { reason: 'return_unit_changed', name: sold.name, from: change.from, to: change.to },
          );
        }
        const orig = soldLine.get(originalId, l.lineNo) as {
          vat_rate_bp: number;
          unit_price_minor: number;
          qty_milli: number;
          net_minor: number;
          gross_minor: number | null;
          cost_minor: number | null;
        };
        // pro rata of all that came back so far, less what was refunded: the last unit back refunds the rest
        const amount = refundFor(sold, l.quantity);
        // the line's discounts (its own and its share of the sale's) go back in the same proportion
        const discounts = Math.max(0, (orig.gross_minor ?? lineAmount(orig.qty_milli, orig.unit_price_minor)) - orig.net_minor);
        const before = toMilli(sold.returned);
        const after = before + toMilli(l.quantity);
        const discountMinor = proRata(discounts, after, orig.qty_milli) - proRata(discounts, before, orig.qty_milli);
        return { sold, quantity: l.quantity, amount, discountMinor, orig };
      });
      const refundMinor = picked.reduce((s, p) => s + p.amount, 0);
      const left = this.tendersLeft(originalId);
      const tenders = input.tenders?.length ? input.tenders : refundMinor > 0 ? sameWay(refundMinor, left) : [];
      tenders.forEach((t, i) => {
        if (!Number.isInteger(t.amountMinor) || t.amountMinor <= 0) {
          throw new AppError('validation', `tenders.${i}.amountMinor: must be more than 0`, `tenders.${i}.amountMinor`, { reason: 'refund_tender_positive' });
        }
      });
      const paid = tenders.reduce((s, t) => s + t.amountMinor, 0);
      if (refundMinor === 0 && tenders.length) throw new AppError('validation', 'tenders: nothing to refund (the refund is 0): give no tender', 'tenders', { reason: 'refund_nothing' });
      if (paid !== refundMinor) {
        throw new AppError('validation', `tenders: the refund is ${refundMinor}; the tenders add up to ${paid}`, 'tenders', { reason: 'refund_mismatch', refundMinor, paidMinor: paid, currency });
      }
      if (!roleAtLeast(actor.user.role, 'manager')) this.checkCashierRefund(originalId, tenders, left, now);

      const receiptNo = this.numbers.nextNumber('receipt');
      const saleId = Number(
        this.db
          .prepare(
            `INSERT INTO sales (receipt_no, kind, original_sale_id, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, paid_minor, change_minor, currency)
             VALUES (?, 'return', ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)`,
          )
          .run(receiptNo, originalId, actor.user.id, at, shopDay(this.db, now), refundMinor, refundMinor, paid, currency).lastInsertRowid,
      );
      const writer = new LedgerWriter(this.stmts, actor.user.id, `return ${receiptNo} of ${input.receiptNo}`, 'allow');
      picked.forEach((p) =>
        writer.add(
          // at the price it was sold at, as the sale's own movement and the return's line carry it, not today's shelf price
          {
            productId: p.sold.productId,
            kind: 'customer_return',
            quantity: p.quantity,
            unitCostMinor: p.orig.cost_minor ?? undefined,
            unitPriceMinor: p.orig.unit_price_minor,
            reason: `receipt ${input.receiptNo}`,
          },
          now,
          p.amount,
        ),
      );
      const outcome = writer.finish();
      const insertLine = this.db.prepare(
        `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty_milli, unit_price_minor, list_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id, gross_minor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      picked.forEach((p, i) => {
        const { orig } = p;
        insertLine.run(
          saleId,
          p.sold.lineNo,
          p.sold.productId,
          p.sold.name,
          toMilli(p.quantity),
          orig.unit_price_minor,
          orig.unit_price_minor,
          p.discountMinor,
          p.amount,
          orig.vat_rate_bp,
          vatIncluded(p.amount, orig.vat_rate_bp),
          outcome.movementIds[i],
          p.amount + p.discountMinor,
        );
      });
      const insertTender = this.db.prepare('INSERT INTO sale_tenders (sale_id, tender, amount_minor) VALUES (?, ?, ?)');
      for (const t of tenders) insertTender.run(saleId, t.tender, t.amountMinor);
      this.journal.write(at, actor.user.id, 'return', 'sale', saleId, { receiptNo, original: input.receiptNo, refundMinor, lines: input.lines });
      return loadSale(this.db, receiptNo);
    });
  }
}

/** The refund spread over the ways the sale was paid, in order, each up to what is left of it; any rest in cash. */
function sameWay(refundMinor: number, left: Map<string, number>): TenderInput[] {
  const out: TenderInput[] = [];
  let rest = refundMinor;
  for (const [tender, amount] of left) {
    const take = Math.min(rest, Math.max(0, amount));
    if (take > 0) out.push({ tender: tender as TenderInput['tender'], amountMinor: take });
    rest -= take;
  }
  if (rest > 0) {
    const cash = out.find((t) => t.tender === 'cash');
    if (cash) cash.amountMinor += rest;
    else out.push({ tender: 'cash', amountMinor: rest });
  }
  return out;
}
