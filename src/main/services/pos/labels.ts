import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { readScan } from '../../../shared/domain/barcode';

/** The lookup of every scan, prepared once per connection. */
const byCode = new WeakMap<Database.Database, Database.Statement>();

/** The product a code names: one of its barcodes, else its SKU (any case). */
export function findProductId(db: Database.Database, code: string): number | null {
  let stmt = byCode.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT product_id AS id FROM product_barcodes WHERE barcode = ? UNION ALL SELECT id FROM products WHERE sku = ? COLLATE NOCASE LIMIT 1');
    byCode.set(db, stmt);
  }
  const row = stmt.get(code, code) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * The weight (or volume) a price label buys at the shelf price, to the thousandth: what leaves the
 * stock. The customer pays the label's amount, never this quantity × the shelf price again. A product
 * without a shelf price counts as one unit.
 */
export function labelQuantity(amountMinor: number, shelfPriceMinor: number): number {
  if (shelfPriceMinor <= 0) return 1;
  return Math.max(1, Math.round((amountMinor * 1000) / shelfPriceMinor)) / 1000;
}

/** A scale label that carries a price, read again in main from its code. */
export interface PriceLabel {
  code: string;
  productId: number;
  amountMinor: number;
}

/** Reads a price label's code (a scan, or what the till sends back with a cart line); anything else is refused, naming `field`. */
export function readPriceLabel(db: Database.Database, raw: string, field: string): PriceLabel {
  const read = readScan(raw);
  if (read.kind === 'invalid') throw new AppError('validation', `${field}: ${read.reason}`, field, { reason: 'bad_check_digit' });
  if (read.kind !== 'price') throw new AppError('validation', `${field}: "${read.code}" is not a scale label with a price`, field, { reason: 'label_not_price', code: read.code });
  const productId = findProductId(db, read.itemCode) ?? findProductId(db, read.code);
  if (productId === null) throw new AppError('not_found', `${field}: unknown item code ${read.itemCode} on the label`, field, { reason: 'label_unknown_item', itemCode: read.itemCode });
  return { code: read.code, productId, amountMinor: read.priceMinor };
}

/**
 * A cart line that carries a price label (checkout, park): the label must name the line's product and
 * the line's quantity must be the weight the label buys at today's shelf price (a changed shelf price
 * means scanning the label again). Returns what the line costs and what leaves the stock.
 */
export function labelLine(
  db: Database.Database,
  line: { productId: number; quantity: number; labelCode: string; unitPriceMinor?: number },
  index: number,
  product: { name: string; price_minor: number },
): { amountMinor: number; quantity: number } {
  const label = readPriceLabel(db, line.labelCode, `lines.${index}.labelCode`);
  if (label.productId !== line.productId) {
    throw new AppError('validation', `lines.${index}.labelCode: the label ${label.code} is not for "${product.name}"`, `lines.${index}.labelCode`, {
      reason: 'label_other_product',
      code: label.code,
      name: product.name,
    });
  }
  if (line.unitPriceMinor !== undefined) {
    throw new AppError('validation', `lines.${index}.unitPriceMinor: a price label sets the amount of "${product.name}"; its price cannot be changed`, `lines.${index}.unitPriceMinor`, {
      reason: 'label_price_fixed',
      name: product.name,
    });
  }
  const quantity = labelQuantity(label.amountMinor, product.price_minor);
  if (!(Math.round(line.quantity * 1000) === Math.round(quantity * 1000))) {
    throw new AppError(
      'validation',
      `lines.${index}.quantity: the label ${label.code} is for ${quantity} of "${product.name}" at today's price, not ${line.quantity}; scan it again`,
      `lines.${index}.quantity`,
      { reason: 'label_quantity_changed', name: product.name },
    );
  }
  return { amountMinor: label.amountMinor, quantity };
}
