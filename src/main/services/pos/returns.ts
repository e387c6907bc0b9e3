import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { vatIncluded, type TenderInput } from '../../../shared/domain/cart';
import { businessDate } from '../../../shared/domain/dates';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
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
  /** How the money goes back; must add up to the refund exactly. Defaults to cash. */
  tenders?: TenderInput[];
}

/**
 * Returns by receipt number: some or all lines, never more than was sold less what already came back.
 * One transaction writes the return (numbered in the receipts' sequence), its lines and refund
 * tenders, and the customer-return movements that put the stock back and take the revenue out.
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
    if (!sale) throw new AppError('not_found', `receiptNo: no sale with receipt number ${receiptNo}`, 'receiptNo');
    const lines = this.db
      .prepare(
        `SELECT l.line_no, l.product_id, l.name, l.qty_milli, l.net_minor,
                COALESCE((SELECT sum(r.qty_milli) FROM sale_lines r JOIN sales rs ON rs.id = r.sale_id
                          WHERE rs.original_sale_id = l.sale_id AND r.line_no = l.line_no), 0) AS returned_milli
         FROM sale_lines l WHERE l.sale_id = ? ORDER BY l.line_no`,
      )
      .all(sale.id) as { line_no: number; product_id: number; name: string; qty_milli: number; net_minor: number; returned_milli: number }[];
    const tenders = this.db.prepare('SELECT tender, amount_minor AS amountMinor FROM sale_tenders WHERE sale_id = ?').all(sale.id) as { tender: string; amountMinor: number }[];
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
      })),
    };
  }

  refund(input: ReturnInput, actor: Actor, currency: string): CompletedSale {
    const now = this.deps.now();
    const at = now.toISOString();
    return inTransaction(this.db, () => {
      const original = this.returnable(input.receiptNo);
      const originalId = (this.db.prepare('SELECT id FROM sales WHERE receipt_no = ?').get(input.receiptNo) as { id: number }).id;
      if (input.lines.length === 0) throw new AppError('validation', 'lines: choose what comes back', 'lines');
      const seen = new Set<number>();
      const picked = input.lines.map((l, i) => {
        const sold = original.lines.find((x) => x.lineNo === l.lineNo);
        if (!sold) throw new AppError('validation', `lines.${i}.lineNo: receipt ${input.receiptNo} has no line ${l.lineNo}`, `lines.${i}.lineNo`);
        if (seen.has(l.lineNo)) throw new AppError('validation', `lines.${i}.lineNo: line ${l.lineNo} is listed twice`, `lines.${i}.lineNo`);
        seen.add(l.lineNo);
        if (!(l.quantity > 0)) throw new AppError('validation', `lines.${i}.quantity: must be more than 0`, `lines.${i}.quantity`);
        if (toMilli(l.quantity) > toMilli(sold.returnable)) {
          throw new AppError(
            'validation',
            `lines.${i}.quantity: only ${sold.returnable} of "${sold.name}" can come back (${sold.sold} sold, ${sold.returned} already returned)`,
            `lines.${i}.quantity`,
            { reason: 'return_exceeds', name: sold.name, returnable: sold.returnable, sold: sold.sold, returned: sold.returned },
          );
        }
        const whole = toMilli(l.quantity) === toMilli(sold.returnable) && sold.returned === 0;
        // the whole line back refunds exactly what was paid; part of it, pro rata
        const amount = whole ? Math.round(sold.netPerUnit * sold.sold) : Math.round(sold.netPerUnit * l.quantity);
        return { sold, quantity: l.quantity, amount };
      });
      const refundMinor = picked.reduce((s, p) => s + p.amount, 0);
      const tenders = input.tenders?.length ? input.tenders : [{ tender: 'cash' as const, amountMinor: refundMinor }];
      const paid = tenders.reduce((s, t) => s + t.amountMinor, 0);
      if (paid !== refundMinor) throw new AppError('validation', `tenders: the refund is ${refundMinor}; the tenders add up to ${paid}`, 'tenders');

      const receiptNo = this.numbers.nextNumber('receipt');
      const saleId = Number(
        this.db
          .prepare(
            `INSERT INTO sales (receipt_no, kind, original_sale_id, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, paid_minor, change_minor, currency)
             VALUES (?, 'return', ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)`,
          )
          .run(receiptNo, originalId, actor.user.id, at, businessDate(now), refundMinor, refundMinor, paid, currency).lastInsertRowid,
      );
      const writer = new LedgerWriter(this.stmts, actor.user.id, `return ${receiptNo} of ${input.receiptNo}`, 'allow');
      picked.forEach((p) => writer.add({ productId: p.sold.productId, kind: 'customer_return', quantity: p.quantity, reason: `receipt ${input.receiptNo}` }, now, p.amount));
      const outcome = writer.finish();
      const vatOf = this.db.prepare('SELECT vat_rate_bp, unit_price_minor FROM sale_lines WHERE sale_id = ? AND line_no = ?');
      const insertLine = this.db.prepare(
        `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty_milli, unit_price_minor, list_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
      );
      picked.forEach((p, i) => {
        const orig = vatOf.get(originalId, p.sold.lineNo) as { vat_rate_bp: number; unit_price_minor: number };
        insertLine.run(saleId, p.sold.lineNo, p.sold.productId, p.sold.name, toMilli(p.quantity), orig.unit_price_minor, orig.unit_price_minor, p.amount, orig.vat_rate_bp, vatIncluded(p.amount, orig.vat_rate_bp), outcome.movementIds[i]);
      });
      const insertTender = this.db.prepare('INSERT INTO sale_tenders (sale_id, tender, amount_minor) VALUES (?, ?, ?)');
      for (const t of tenders) insertTender.run(saleId, t.tender, t.amountMinor);
      this.journal.write(at, actor.user.id, 'return', 'sale', saleId, { receiptNo, original: input.receiptNo, refundMinor, lines: input.lines });
      return loadSale(this.db, receiptNo);
    });
  }
}
