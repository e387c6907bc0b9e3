import type { PricedCart, TenderInput } from './cart';

export interface CompletedSale {
  saleId: number;
  receiptNo: number;
  /** A return is a sale of its own kind, numbered in the same sequence, pointing at the original. */
  kind: 'sale' | 'return';
  originalReceiptNo: number | null;
  at: string;
  cart: PricedCart;
  names: string[];
  /** Each line's product unit as the product is now ('kg', 'piece'…), for the receipt; read back from the store only. */
  units?: string[];
  tenders: TenderInput[];
  paidMinor: number;
  changeMinor: number;
  warnings: { code: 'negative_stock'; productId: number; onHand: number }[];
}

export interface ReceiptDocument {
  receiptNo: number;
  pdfBase64: string;
  text: string;
}

/** A sold line as a return sees it: what was sold, what came back already, what can still come back. */
export interface ReturnableLine {
  lineNo: number;
  productId: number;
  name: string;
  sold: number;
  returned: number;
  returnable: number;
  /** Net amount paid per unit after discounts, in minor units (may be fractional); for display only. */
  netPerUnit: number;
  /** What the whole line was paid, in minor units: refunds of the line never add up to more (see refundFor). */
  paidMinor: number;
  /** What earlier returns of this line refunded, in minor units. */
  refundedMinor: number;
  /** The product's unit changed since the sale (a box then, a piece now): the line cannot come back (see return_unit_changed). */
  unitChanged: { from: string; to: string } | null;
}

export interface ReturnableSale {
  receiptNo: number;
  at: string;
  totalMinor: number;
  tenders: { tender: string; amountMinor: number }[];
  lines: ReturnableLine[];
}
