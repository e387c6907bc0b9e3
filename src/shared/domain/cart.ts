import { lineAmount, sumMinor } from './money';
import { toMilli } from './quantity';

/**
 * Pricing of a sale, pure and shared by the till screen (to show it) and main (to commit it): main
 * recomputes every total, the screen's figures are never trusted.
 * Shelf prices include VAT, as in French and West-African retail; VAT is extracted per rate.
 */
export interface CartLineInput {
  productId: number;
  quantity: number;
  unitPriceMinor: number;
  vatRateBp: number;
  /** Discount on this line, in minor units. */
  discountMinor?: number;
  /**
   * A scale price label's amount: the line costs exactly this, whatever quantity × unit price gives
   * (the quantity is the weight it buys at the shelf price, for stock only).
   */
  amountMinor?: number;
}

export interface PricedLine extends CartLineInput {
  grossMinor: number;
  discountMinor: number;
  /** After the line discount and its share of the sale discount. */
  netMinor: number;
  vatMinor: number;
}

export interface VatBucket {
  rateBp: number;
  netMinor: number;
  vatMinor: number;
}

export interface PricedCart {
  lines: PricedLine[];
  subtotalMinor: number;
  saleDiscountMinor: number;
  totalMinor: number;
  vat: VatBucket[];
}

/** Why a cart or its payment is refused: the screens write it in the shop's language from this. */
export type CartReason =
  | 'line_quantity_positive'
  | 'label_amount_invalid'
  | 'line_discount_too_big'
  | 'sale_discount_too_big'
  | 'nothing_to_pay'
  | 'payment_missing'
  | 'payment_positive'
  | 'still_to_pay'
  | 'non_cash_over';

export class CartError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly reason: CartReason,
    /** For 'still_to_pay': what is left to pay, in minor units. */
    readonly dueMinor?: number,
  ) {
    super(message);
  }
}

/** VAT contained in a VAT-inclusive amount, rounded to the minor unit. */
export function vatIncluded(amountMinor: number, rateBp: number): number {
  return Math.round((amountMinor * rateBp) / (10_000 + rateBp));
}

export function priceCart(lines: CartLineInput[], saleDiscountMinor = 0): PricedCart {
  const gross = lines.map((l, i) => {
    if (!(l.quantity > 0)) throw new CartError(`lines.${i}.quantity: must be more than 0`, `lines.${i}.quantity`, 'line_quantity_positive');
    if (l.amountMinor !== undefined && !(Number.isInteger(l.amountMinor) && l.amountMinor >= 0)) {
      throw new CartError(`lines.${i}.amountMinor: must be a whole, non-negative number of minor units`, `lines.${i}.amountMinor`, 'label_amount_invalid');
    }
    const grossMinor = l.amountMinor ?? lineAmount(toMilli(l.quantity), l.unitPriceMinor);
    const discount = l.discountMinor ?? 0;
    if (discount < 0 || discount > grossMinor) throw new CartError(`lines.${i}.discountMinor: must be between 0 and the line amount`, `lines.${i}.discountMinor`, 'line_discount_too_big');
    return { ...l, grossMinor, discountMinor: discount, afterLine: grossMinor - discount };
  });
  const subtotal = sumMinor(gross.map((l) => l.afterLine));
  if (saleDiscountMinor < 0 || saleDiscountMinor > subtotal) throw new CartError('saleDiscountMinor: must be between 0 and the subtotal', 'saleDiscountMinor', 'sale_discount_too_big');

  // spread the sale discount over lines in proportion, the rounding remainder on the largest line
  const shares = gross.map((l) => (subtotal === 0 ? 0 : Math.floor((saleDiscountMinor * l.afterLine) / subtotal)));
  let remainder = saleDiscountMinor - shares.reduce((a, b) => a + b, 0);
  const order = gross.map((l, i) => i).sort((a, b) => gross[b].afterLine - gross[a].afterLine);
  for (const i of order) {
    if (remainder === 0) break;
    shares[i] += 1;
    remainder -= 1;
  }

  const priced: PricedLine[] = gross.map((l, i) => {
    const netMinor = l.afterLine - shares[i];
    const { afterLine: _a, ...rest } = l;
    void _a;
    return { ...rest, netMinor, vatMinor: vatIncluded(netMinor, l.vatRateBp) };
  });
  return {
    lines: priced,
    subtotalMinor: subtotal,
    saleDiscountMinor,
    totalMinor: subtotal - saleDiscountMinor,
    vat: vatBuckets(priced),
  };
}

/** VAT per rate, computed on each rate's total as a receipt shows it (not summed line by line). */
export function vatBuckets(lines: { vatRateBp: number; netMinor: number }[]): VatBucket[] {
  const buckets = new Map<number, VatBucket>();
  for (const l of lines) {
    const b = buckets.get(l.vatRateBp) ?? { rateBp: l.vatRateBp, netMinor: 0, vatMinor: 0 };
    b.netMinor += l.netMinor;
    buckets.set(l.vatRateBp, b);
  }
  for (const b of buckets.values()) b.vatMinor = vatIncluded(b.netMinor, b.rateBp);
  return [...buckets.values()].sort((a, b) => a.rateBp - b.rateBp);
}

export const TENDERS = ['cash', 'card', 'orange_money', 'wave', 'mtn_momo'] as const;
export type Tender = (typeof TENDERS)[number];

export interface TenderInput {
  tender: Tender;
  amountMinor: number;
}

/**
 * Checks the payment covers the total. Only cash can exceed what is due (the change comes back in
 * cash); card and mobile money are taken for the exact amount. A sale that costs nothing (a free item,
 * a 100 % discount) takes no tender at all.
 */
export function settle(totalMinor: number, tenders: TenderInput[]): { paidMinor: number; changeMinor: number } {
  if (totalMinor === 0) {
    if (tenders.length) throw new CartError('tenders: nothing to pay (the total is 0): take no payment', 'tenders', 'nothing_to_pay');
    return { paidMinor: 0, changeMinor: 0 };
  }
  if (tenders.length === 0) throw new CartError('tenders: choose how the customer pays', 'tenders', 'payment_missing');
  tenders.forEach((t, i) => {
    if (!Number.isInteger(t.amountMinor) || t.amountMinor <= 0) throw new CartError(`tenders.${i}.amountMinor: must be more than 0`, `tenders.${i}.amountMinor`, 'payment_positive');
  });
  const paid = tenders.reduce((s, t) => s + t.amountMinor, 0);
  const nonCash = tenders.filter((t) => t.tender !== 'cash').reduce((s, t) => s + t.amountMinor, 0);
  if (paid < totalMinor) throw new CartError(`tenders: ${totalMinor - paid} still to pay`, 'tenders', 'still_to_pay', totalMinor - paid);
  if (nonCash > totalMinor) throw new CartError('tenders: card and mobile money cannot exceed the amount due', 'tenders', 'non_cash_over');
  return { paidMinor: paid, changeMinor: paid - totalMinor };
}
