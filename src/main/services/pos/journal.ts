import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { vatBuckets, type PricedLine, type Tender } from '../../../shared/domain/cart';
import { lineAmount } from '../../../shared/domain/money';
import { fromMilli } from '../../../shared/domain/quantity';
import type { CompletedSale } from './checkout';

/** Reads committed sales back exactly as they were written, for reprints and the sales journal. */
export function loadSale(db: Database.Database, receiptNo: number): CompletedSale {
  const sale = db.prepare('SELECT * FROM sales WHERE receipt_no = ?').get(receiptNo) as Record<string, number & string> | undefined;
  if (!sale) throw new AppError('not_found', `receiptNo: no receipt number ${receiptNo}`, 'receiptNo', { reason: 'receipt_not_found', receiptNo });
  const rows = db
    .prepare('SELECT l.*, p.unit AS product_unit FROM sale_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.sale_id = ? ORDER BY l.line_no')
    .all(sale.id) as (Record<string, number & string> & { gross_minor: number | null; product_unit: string | null })[];
  const lines: PricedLine[] = rows.map((r) => ({
    productId: r.product_id,
    quantity: fromMilli(r.qty_milli),
    unitPriceMinor: r.unit_price_minor,
    vatRateBp: r.vat_rate_bp,
    // as charged (a price label's amount; a return's share); lines older than migration 0020 have none
    grossMinor: r.gross_minor ?? lineAmount(r.qty_milli, r.unit_price_minor),
    discountMinor: r.discount_minor,
    netMinor: r.net_minor,
    vatMinor: r.vat_minor,
  }));
  const tenders = (db.prepare('SELECT tender, amount_minor FROM sale_tenders WHERE sale_id = ? ORDER BY rowid').all(sale.id) as { tender: Tender; amount_minor: number }[]).map((t) => ({
    tender: t.tender,
    amountMinor: t.amount_minor,
  }));
  const original = sale.original_sale_id
    ? (db.prepare('SELECT receipt_no FROM sales WHERE id = ?').get(sale.original_sale_id) as { receipt_no: number }).receipt_no
    : null;
  return {
    saleId: sale.id,
    receiptNo: sale.receipt_no,
    kind: sale.kind as 'sale' | 'return',
    originalReceiptNo: original,
    at: sale.at,
    cart: {
      lines,
      subtotalMinor: sale.subtotal_minor,
      saleDiscountMinor: sale.discount_minor,
      totalMinor: sale.total_minor,
      vat: vatBuckets(lines),
    },
    names: rows.map((r) => r.name),
    units: rows.map((r) => r.product_unit ?? 'piece'),
    tenders,
    paidMinor: sale.paid_minor,
    changeMinor: sale.change_minor,
    warnings: [],
  };
}
