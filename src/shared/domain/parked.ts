import type { DiscountSpec } from './discount';

/** The longest label (a customer's name, a note) a parked sale may carry. */
export const PARK_LABEL_MAX = 60;

/** A sale put aside, as the list of parked sales shows it. */
export interface ParkedSale {
  id: number;
  at: string;
  userId: number;
  /** Who parked it. */
  userName: string;
  label: string;
  /** Pieces counted one by one; a weighed or measured line counts as one item. */
  itemCount: number;
  lineCount: number;
  /** At the prices of the moment it was parked. */
  totalMinor: number;
}

/** A parked line back in the till, at today's catalogue price (unless a manager had set the price). */
export interface ResumedLine {
  productId: number;
  name: string;
  sku: string;
  unit: string;
  quantity: number;
  unitPriceMinor: number;
  vatRateBp: number;
  priceEdited: boolean;
  discount: DiscountSpec | null;
  /** A scale price label's code: the line costs the label's amount, its quantity is what that buys. */
  labelCode?: string;
  /** The price label's amount, in minor units. */
  amountMinor?: number;
}

export interface ResumedSale {
  parked: ParkedSale;
  lines: ResumedLine[];
  saleDiscount: DiscountSpec | null;
  /** Catalogue prices that changed while the sale was parked. */
  priceChanges: { productId: number; name: string; fromMinor: number; toMinor: number }[];
  /** Products deactivated while the sale was parked: left out of the cart. */
  dropped: { productId: number; name: string }[];
  /** The sale that was in the till when this one was resumed, parked in its place (a swap). */
  swapped: ParkedSale | null;
}
