import * as s from '../schemas';
import type { ProductWithStock } from '../../domain/product';
import type { CompletedSale, ReceiptDocument, ReturnableSale } from '../../domain/sale';
import { out, type ContractTable } from './helpers';

/** What a scan or a typed code resolved to; scale labels carry their weight or price. */
export interface ScanMatch {
  product: ProductWithStock;
  quantity: number;
  unitPriceMinor: number | null;
}

/** The till: scans, checkout, receipts. */
export const posContract = {
  'pos.scan': { input: s.scanInput, output: out<ScanMatch>(), role: 'cashier' },
  'pos.checkout': { input: s.checkoutInput, output: out<CompletedSale>(), role: 'cashier' },
  'pos.receipt': { input: s.receiptQuery, output: out<ReceiptDocument>(), role: 'cashier' },
  'pos.returnable': { input: s.returnableQuery, output: out<ReturnableSale>(), role: 'cashier' },
  'pos.return': { input: s.returnInput, output: out<CompletedSale>(), role: 'cashier' },
} as const satisfies ContractTable;
