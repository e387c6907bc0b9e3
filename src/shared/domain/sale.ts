import type { PricedCart, TenderInput } from './cart';

export interface CompletedSale {
  saleId: number;
  receiptNo: number;
  at: string;
  cart: PricedCart;
  names: string[];
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
