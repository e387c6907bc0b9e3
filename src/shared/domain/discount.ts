import { priceCart, type CartLineInput, type PricedCart } from './cart';
import { lineAmount } from './money';
import { toMilli } from './quantity';

/**
 * A discount as the manager gave it at the till: an amount in minor units, or a percent in basis
 * points (1 000 = 10 %). A percent is kept as a percent while the sale is open (parked, resumed, its
 * quantity changed) and turned into minor units only when the cart is priced.
 */
export type DiscountSpec = { kind: 'amount'; minor: number } | { kind: 'percent'; bp: number };

export const MAX_PERCENT_BP = 10_000;

/**
 * The minor units a discount takes off an amount. The rounding rule: a percent is rounded to the
 * nearest minor unit of the shop's currency (a whole franc in XOF, a cent in EUR), a half up, i.e. in
 * the customer's favour: 15 % of 1 625 FCFA is 243.75, so 244 FCFA; 10 % of 2.95 € is 0.295, so 0.30 €.
 */
export function discountMinor(spec: DiscountSpec | null | undefined, amountMinor: number): number {
  if (!spec) return 0;
  if (spec.kind === 'amount') return spec.minor;
  return Math.floor((Math.max(0, amountMinor) * spec.bp + 5_000) / 10_000);
}

/** "10", "12,5", "12.5 %" -> basis points (1 000, 1 250); null when it is not a percent with at most 2 decimals. */
export function parsePercent(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export interface DiscountedLine extends Omit<CartLineInput, 'discountMinor'> {
  discount?: DiscountSpec | null;
}

/**
 * Prices a cart whose discounts are amounts or percents: each line's percent applies to its own
 * amount, the sale's percent to the subtotal after line discounts. Throws priceCart's CartError (with
 * the field) for a discount larger than what it applies to.
 */
export function priceWithDiscounts(lines: DiscountedLine[], saleDiscount?: DiscountSpec | null): PricedCart {
  let afterLines = 0;
  const withMinor: CartLineInput[] = lines.map(({ discount, ...l }) => {
    const gross = l.quantity > 0 ? (l.amountMinor ?? lineAmount(toMilli(l.quantity), l.unitPriceMinor)) : 0;
    const minor = discountMinor(discount, gross);
    afterLines += gross - minor;
    return { ...l, discountMinor: minor };
  });
  return priceCart(withMinor, discountMinor(saleDiscount, afterLines));
}
