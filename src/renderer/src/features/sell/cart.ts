import type { ParkInput, ResumedLine, ScanMatch } from '../../../../shared/api/contract';
import type { VoidInput, VoidLineInput } from '../../../../shared/api/contracts/pos';
import { CartError, type PricedCart } from '../../../../shared/domain/cart';
import { discountMinor, priceWithDiscounts, type DiscountSpec } from '../../../../shared/domain/discount';
import { lineAmount } from '../../../../shared/domain/money';

/** A line at the till: what a parked sale stores, with the manager's overrides optional. */
export interface CartLine extends Omit<ResumedLine, 'priceEdited' | 'discount'> {
  /** Set when a manager changed the price at the till; sent to main, which checks the role again. */
  priceEdited?: boolean;
  /** A manager's discount on this line (amount or percent); main checks the role again. */
  discount?: DiscountSpec | null;
}

/**
 * Adds a scan to the cart: the same product again adds to its line (unless weighed, which is a new
 * line). A price label is always a line of its own, costing the label's amount; the label's code goes
 * to main with the line, which reads it again.
 */
export function addToCart(cart: CartLine[], match: ScanMatch): CartLine[] {
  const p = match.product;
  const line: CartLine = { productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: match.quantity, unitPriceMinor: match.unitPriceMinor ?? p.priceMinor, vatRateBp: p.vatRateBp };
  if (match.labelCode !== null && match.amountMinor !== null) return [...cart, { ...line, labelCode: match.labelCode, amountMinor: match.amountMinor }];
  const weighed = match.quantity !== 1;
  const existing = weighed ? -1 : cart.findIndex((l) => l.productId === p.id && !l.labelCode);
  if (existing >= 0) return cart.map((l, i) => (i === existing ? { ...l, quantity: l.quantity + 1 } : l));
  return [...cart, line];
}

/** The line a scan landed on: the one that grew, or the new last line. */
export function scannedIndex(before: CartLine[], after: CartLine[]): number {
  const grown = after.findIndex((l, i) => i < before.length && l.quantity !== before[i].quantity);
  return grown >= 0 ? grown : after.length - 1;
}

/** The cart priced as main will price it, or the field at fault (a discount larger than its amount, a bad quantity). */
export function priceTill(cart: CartLine[], saleDiscount: DiscountSpec | null): { priced: PricedCart; error: null } | { priced: null; error: { field: string } | null } {
  try {
    return { priced: priceWithDiscounts(cart, saleDiscount), error: null };
  } catch (error) {
    return { priced: null, error: error instanceof CartError ? { field: error.field } : null };
  }
}

/** What the till sends to park its cart: prices only where a manager changed them. */
export function toParkInput(cart: CartLine[], saleDiscount: DiscountSpec | null, label = ''): ParkInput {
  return {
    label,
    lines: cart.map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      unitPriceMinor: l.priceEdited ? l.unitPriceMinor : undefined,
      discount: l.discount ?? null,
      labelCode: l.labelCode,
    })),
    saleDiscount,
  };
}

/** What the till sends when its cart is cleared, for the audit: every line as shown, one being edited as 0. */
export function toVoidInput(cart: CartLine[], saleDiscount: DiscountSpec | null): VoidInput {
  const qty = (q: number) => (Number.isFinite(q) && q > 0 ? Math.round(q * 1000) / 1000 : 0);
  return {
    lines: cart.map((l) => ({ productId: l.productId, quantity: qty(l.quantity), unitPriceMinor: l.unitPriceMinor, discount: l.discount ?? null, labelCode: l.labelCode })),
    saleDiscount,
  };
}

/**
 * What the till sends when a line is removed (to 0) or its quantity lowered, for the audit; null when
 * nothing was taken off (a quantity raised, or a line being edited that showed nothing).
 */
export function toVoidLineInput(line: CartLine, toQuantity = 0): VoidLineInput | null {
  const qty = (q: number) => (Number.isFinite(q) && q > 0 ? Math.round(q * 1000) / 1000 : 0);
  const from = qty(line.quantity);
  const to = qty(toQuantity);
  if (!(to < from)) return null;
  return { productId: line.productId, unitPriceMinor: line.unitPriceMinor, discount: line.discount ?? null, labelCode: line.labelCode, fromQuantity: from, toQuantity: to };
}

export function fromResumed(lines: ResumedLine[]): CartLine[] {
  return lines.map((l) => ({
    productId: l.productId,
    name: l.name,
    sku: l.sku,
    unit: l.unit,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    vatRateBp: l.vatRateBp,
    priceEdited: l.priceEdited,
    discount: l.discount,
    ...(l.labelCode !== undefined && l.amountMinor !== undefined ? { labelCode: l.labelCode, amountMinor: l.amountMinor } : {}),
  }));
}

/** A line's amount before any discount (quantity × unit price, rounded as main rounds it; a price label's amount). */
export function grossOf(l: CartLine): number {
  return l.amountMinor ?? lineAmount(Math.round(l.quantity * 1000), l.unitPriceMinor);
}

/** What a line's own discount takes off, in minor units (a percent rounded as discountMinor says). */
export function lineDiscountOf(l: CartLine): number {
  return discountMinor(l.discount, grossOf(l));
}
