import type Database from 'better-sqlite3';
import type { VoidInput, VoidLineInput } from '../../../shared/api/contracts/pos';
import { AppError } from '../../../shared/api/result';
import { discountMinor } from '../../../shared/domain/discount';
import { lineAmount } from '../../../shared/domain/money';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { inTransaction } from '../../db/tx';
import { readPriceLabel } from './labels';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';

export interface VoidedLine {
  quantity: number;
  amountMinor: number;
}

export interface VoidedCart {
  lineCount: number;
  totalMinor: number;
}

/**
 * A cart emptied at the till before payment. Nothing was sold, so nothing else changes, but a void is
 * how an unrecorded sale hides (ring it up, take the cash, clear the screen): the audit keeps each
 * line with its amount, who voided it and when, like a discarded parked sale. The amounts are those
 * the screen showed; a discount larger than its line counts as the whole line.
 */
export class CartVoids {
  private readonly db: Database.Database;
  private readonly journal: Journal;

  constructor(private readonly deps: ServiceDeps) {
    this.db = deps.store.sqlite;
    this.journal = new Journal(this.db);
  }

  record(input: VoidInput, actor: Actor): VoidedCart {
    return inTransaction(this.db, () => {
      const product = this.db.prepare('SELECT id, name, sku FROM products WHERE id = ?');
      const lines = input.lines.map((l, i) => {
        const p = product.get(l.productId) as { id: number; name: string; sku: string } | undefined;
        if (!p) throw new AppError('not_found', `lines.${i}.productId: no product with id ${l.productId}`, `lines.${i}.productId`);
        const grossMinor = this.labelAmount(l.labelCode, p.id) ?? lineAmount(toMilli(l.quantity), l.unitPriceMinor);
        const lineDiscount = Math.min(grossMinor, discountMinor(l.discount, grossMinor));
        return { productId: p.id, sku: p.sku, name: p.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, grossMinor, discountMinor: lineDiscount, amountMinor: grossMinor - lineDiscount };
      });
      const subtotalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
      const saleDiscountMinor = Math.min(subtotalMinor, discountMinor(input.saleDiscount, subtotalMinor));
      const totalMinor = subtotalMinor - saleDiscountMinor;
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'void_cart', 'till_cart', 'till', { lines, saleDiscountMinor, totalMinor, userName: actor.user.name });
      return { lineCount: lines.length, totalMinor };
    });
  }

  /**
   * One line removed from the cart, or its quantity lowered, before payment: the same hiding place as
   * a cleared cart, one line at a time. The amount is what the line showed at each quantity, its own
   * discount taken off (the sale's discount is not spread over lines at the till).
   */
  recordLine(input: VoidLineInput, actor: Actor): VoidedLine {
    return inTransaction(this.db, () => {
      const p = this.db.prepare('SELECT id, name, sku FROM products WHERE id = ?').get(input.productId) as { id: number; name: string; sku: string } | undefined;
      if (!p) throw new AppError('not_found', `productId: no product with id ${input.productId}`, 'productId');
      const label = this.labelAmount(input.labelCode, p.id);
      const shown = (qty: number) => {
        // a label line is all or nothing: its amount, or 0 once removed
        const gross = label === null ? lineAmount(toMilli(qty), input.unitPriceMinor) : qty > 0 ? label : 0;
        return gross - Math.min(gross, discountMinor(input.discount, gross));
      };
      const quantity = fromMilli(toMilli(input.fromQuantity) - toMilli(input.toQuantity));
      const amountMinor = shown(input.fromQuantity) - shown(input.toQuantity);
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'void_line', 'till_cart', 'till', {
        productId: p.id,
        sku: p.sku,
        name: p.name,
        removed: input.toQuantity === 0,
        fromQuantity: input.fromQuantity,
        toQuantity: input.toQuantity,
        quantity,
        unitPriceMinor: input.unitPriceMinor,
        amountMinor,
        userName: actor.user.name,
      });
      return { quantity, amountMinor };
    });
  }

  /**
   * What a price label's line showed: the label's amount (weight × price rounds a cent off). A label
   * that does not read, or names another product, falls back to quantity × price: a void is never
   * refused, the audit keeps what it can.
   */
  private labelAmount(code: string | undefined, productId: number): number | null {
    if (code === undefined) return null;
    try {
      const label = readPriceLabel(this.db, code, 'labelCode');
      return label.productId === productId ? label.amountMinor : null;
    } catch {
      return null;
    }
  }
}
