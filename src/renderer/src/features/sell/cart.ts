import type { ScanMatch } from '../../../../shared/api/contract';

export interface CartLine {
  productId: number;
  name: string;
  sku: string;
  unit: string;
  quantity: number;
  unitPriceMinor: number;
  vatRateBp: number;
  /** Set when a manager changed the price at the till; sent to main, which checks the role again. */
  priceEdited?: boolean;
}

/** Adds a scan to the cart: the same product again adds to its line (unless weighed, which is a new line). */
export function addToCart(cart: CartLine[], match: ScanMatch): CartLine[] {
  const p = match.product;
  const weighed = match.quantity !== 1;
  const existing = weighed ? -1 : cart.findIndex((l) => l.productId === p.id);
  if (existing >= 0) return cart.map((l, i) => (i === existing ? { ...l, quantity: l.quantity + 1 } : l));
  return [...cart, { productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: match.quantity, unitPriceMinor: match.unitPriceMinor ?? p.priceMinor, vatRateBp: p.vatRateBp }];
}
