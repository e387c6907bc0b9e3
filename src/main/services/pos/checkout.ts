import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { shopDay } from '../shop-day';
import { CartError, priceCart, settle, type CartLineInput, type PricedCart, type TenderInput } from '../../../shared/domain/cart';
import type { CompletedSale } from '../../../shared/domain/sale';
import type { NegativeStockPolicy } from '../../../shared/domain/movement';
import { toMilli } from '../../../shared/domain/quantity';
import { roleAtLeast } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import { cartRefusalDetails } from './cart-refusal';
import { assertWholePieces } from '../ledger/whole-pieces';
import { labelLine } from './labels';

export interface CheckoutLine {
  productId: number;
  quantity: number;
  /** Only for roles allowed to change prices; otherwise the catalogue price is used. */
  unitPriceMinor?: number;
  discountMinor?: number;
  /**
   * A scale price label's code, as the scan returned it. Main reads it again: the line costs the
   * label's amount exactly, and its quantity must be the weight that buys at the shelf price.
   */
  labelCode?: string;
}

export type { CompletedSale };

export interface CheckoutInput {
  lines: CheckoutLine[];
  saleDiscountMinor?: number;
  tenders: TenderInput[];
}


interface CatalogueFacts {
  id: number;
  name: string;
  unit: string;
  price_minor: number;
  vat_rate_bp: number;
  active: number;
}

/**
 * Commits a whole sale in one transaction: receipt number, sale, lines, tenders, the ledger movements
 * (with on-hand and daily totals), the audit trail. Every figure is recomputed here from the
 * catalogue; what the screen showed is never trusted.
 */
export class CheckoutService {
  private readonly stmts: LedgerStatements;
  private readonly journal: Journal;
  private readonly db: Database.Database;

  constructor(private readonly deps: ServiceDeps) {
    this.db = deps.store.sqlite;
    this.stmts = new LedgerStatements(this.db);
    this.journal = new Journal(this.db);
  }

  checkout(input: CheckoutInput, actor: Actor, options: { currency: string; negativeStock: NegativeStockPolicy }): CompletedSale {
    if (input.lines.length === 0) throw new AppError('validation', 'lines: the cart is empty', 'lines', { reason: 'cart_empty' });
    const now = this.deps.now();
    const at = now.toISOString();
    return inTransaction(this.db, () => {
      const facts = input.lines.map((l, i) => this.product(l.productId, i));
      const overrides: { line: number; kind: 'price' | 'discount'; from: number; to: number }[] = [];
      const labels: { line: number; code: string; amountMinor: number }[] = [];
      const cartLines: CartLineInput[] = input.lines.map((l, i) => {
        const listPrice = facts[i].price_minor;
        if (l.labelCode !== undefined) {
          // the amount comes from the label read here, never from the screen
          const label = labelLine(this.db, { ...l, labelCode: l.labelCode }, i, facts[i]);
          labels.push({ line: i, code: l.labelCode, amountMinor: label.amountMinor });
          if (l.discountMinor) overrides.push({ line: i, kind: 'discount', from: 0, to: l.discountMinor });
          return { productId: l.productId, quantity: label.quantity, unitPriceMinor: listPrice, vatRateBp: facts[i].vat_rate_bp, discountMinor: l.discountMinor, amountMinor: label.amountMinor };
        }
        assertWholePieces(facts[i], toMilli(l.quantity), `lines.${i}.quantity`);
        if (l.unitPriceMinor !== undefined && l.unitPriceMinor !== listPrice) overrides.push({ line: i, kind: 'price', from: listPrice, to: l.unitPriceMinor });
        if (l.discountMinor) overrides.push({ line: i, kind: 'discount', from: 0, to: l.discountMinor });
        return { productId: l.productId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor ?? listPrice, vatRateBp: facts[i].vat_rate_bp, discountMinor: l.discountMinor };
      });
      if (input.saleDiscountMinor) overrides.push({ line: -1, kind: 'discount', from: 0, to: input.saleDiscountMinor });
      if (overrides.length && !roleAtLeast(actor.user.role, 'manager')) {
        const o = overrides[0];
        const field = o.line < 0 ? 'saleDiscountMinor' : `lines.${o.line}.${o.kind === 'price' ? 'unitPriceMinor' : 'discountMinor'}`;
        throw new AppError('forbidden', `${field}: a cashier cannot change prices or give discounts; ask a manager`, field, { reason: 'cashier_price_change' });
      }

      let cart: PricedCart;
      let settled: { paidMinor: number; changeMinor: number };
      try {
        cart = priceCart(cartLines, input.saleDiscountMinor ?? 0);
        settled = settle(cart.totalMinor, input.tenders);
      } catch (error) {
        if (error instanceof CartError) {
          throw new AppError('validation', error.message, error.field, cartRefusalDetails(error, facts.map((f) => f.name), options.currency));
        }
        throw error;
      }

      const receiptNo = this.nextNumber('receipt');
      const saleId = Number(
        this.db
          .prepare(
            `INSERT INTO sales (receipt_no, kind, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, paid_minor, change_minor, currency)
             VALUES (?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(receiptNo, actor.user.id, at, shopDay(this.db, now), cart.subtotalMinor, cart.saleDiscountMinor, cart.totalMinor, settled.paidMinor, settled.changeMinor, options.currency)
          .lastInsertRowid,
      );

      const writer = new LedgerWriter(this.stmts, actor.user.id, `receipt ${receiptNo}`, options.negativeStock);
      cart.lines.forEach((l) => writer.add({ productId: l.productId, kind: 'sale', quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, reason: '' }, now, l.netMinor));
      const outcome = writer.finish();

      const insertLine = this.db.prepare(
        `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty_milli, unit_price_minor, list_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id, gross_minor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      cart.lines.forEach((l, i) =>
        insertLine.run(
          saleId,
          i + 1,
          l.productId,
          facts[i].name,
          toMilli(l.quantity),
          l.unitPriceMinor,
          facts[i].price_minor,
          l.discountMinor,
          l.netMinor,
          l.vatRateBp,
          l.vatMinor,
          outcome.movementIds[i],
          l.grossMinor,
        ),
      );
      const insertTender = this.db.prepare('INSERT INTO sale_tenders (sale_id, tender, amount_minor) VALUES (?, ?, ?)');
      for (const t of input.tenders) insertTender.run(saleId, t.tender, t.amountMinor);

      this.journal.write(at, actor.user.id, 'checkout', 'sale', saleId, { receiptNo, totalMinor: cart.totalMinor, tenders: input.tenders, ...(labels.length ? { labels } : {}) });
      for (const o of overrides) this.journal.write(at, actor.user.id, `override_${o.kind}`, 'sale', saleId, o);

      return {
        saleId,
        receiptNo,
        kind: 'sale',
        originalReceiptNo: null,
        at,
        cart,
        names: facts.map((f) => f.name),
        tenders: input.tenders,
        ...settled,
        warnings: outcome.warnings,
      };
    });
  }

  private product(id: number, index: number): CatalogueFacts {
    const row = this.db.prepare('SELECT id, name, unit, price_minor, vat_rate_bp, active FROM products WHERE id = ?').get(id) as CatalogueFacts | undefined;
    if (!row) throw new AppError('not_found', `lines.${index}.productId: no product with id ${id}`, `lines.${index}.productId`);
    if (!row.active) {
      throw new AppError('validation', `lines.${index}.productId: "${row.name}" is deactivated and cannot be sold`, `lines.${index}.productId`, { reason: 'sale_product_inactive', name: row.name });
    }
    return row;
  }

  /** The next number of a gapless sequence, inside the caller's transaction. */
  nextNumber(name: string): number {
    const row = this.db
      .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
      .get(name) as { value: number };
    return row.value;
  }
}
