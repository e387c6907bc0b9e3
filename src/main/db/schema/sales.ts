import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Receipt and document counters. A number is taken in the same transaction as the sale, so a sale
 * that rolls back gives its number back: numbering has no gaps and a number is never reused.
 */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

export const sales = sqliteTable(
  'sales',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receiptNo: integer('receipt_no').notNull().unique(),
    kind: text('kind', { enum: ['sale', 'return'] }).notNull(),
    /** For a return: the sale it refunds. */
    originalSaleId: integer('original_sale_id'),
    userId: integer('user_id').notNull(),
    at: text('at').notNull(),
    businessDate: text('business_date').notNull(),
    subtotalMinor: integer('subtotal_minor').notNull(),
    discountMinor: integer('discount_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    paidMinor: integer('paid_minor').notNull(),
    changeMinor: integer('change_minor').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [index('sales_date').on(t.businessDate)],
);

export const saleLines = sqliteTable(
  'sale_lines',
  {
    saleId: integer('sale_id')
      .notNull()
      .references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id').notNull(),
    name: text('name').notNull(),
    qtyMilli: integer('qty_milli').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    listPriceMinor: integer('list_price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull(),
    netMinor: integer('net_minor').notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(),
    vatMinor: integer('vat_minor').notNull(),
    movementId: integer('movement_id').notNull(),
    /**
     * The line's amount before discounts, as charged: quantity × unit price, or the amount printed on a
     * scale price label. On a return line, the part of the sold line's amount that comes back, so that
     * gross − discount = net on every printed line. NULL on lines written before 0020 (read as
     * quantity × unit price).
     */
    grossMinor: integer('gross_minor'),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.lineNo] })],
);

export const saleTenders = sqliteTable(
  'sale_tenders',
  {
    saleId: integer('sale_id')
      .notNull()
      .references(() => sales.id),
    tender: text('tender').notNull(),
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [index('sale_tenders_sale').on(t.saleId)],
);
