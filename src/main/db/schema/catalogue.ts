import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const suppliers = sqliteTable('suppliers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  address: text('address').notNull().default(''),
  leadTimeDays: integer('lead_time_days').notNull().default(7),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
});

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    /** Lower-cased, accent-stripped name + sku for fast search. */
    searchText: text('search_text').notNull().default(''),
    category: text('category').notNull().default(''),
    unit: text('unit').notNull().default('piece'),
    costMinor: integer('cost_minor').notNull().default(0),
    priceMinor: integer('price_minor').notNull().default(0),
    vatRateBp: integer('vat_rate_bp').notNull().default(0),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    leadTimeDays: integer('lead_time_days').notNull().default(7),
    minOrderMilli: integer('min_order_milli').notNull().default(0),
    packSizeMilli: integer('pack_size_milli').notNull().default(1000),
    tracksExpiry: integer('tracks_expiry', { mode: 'boolean' }).notNull().default(false),
    /** What one packet holds (400 g, 1,5 l), in milli-units of `netContentUnit`: the label's price per kg or litre. Migration 0029. */
    netContentMilli: integer('net_content_milli'),
    netContentUnit: text('net_content_unit'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /**
     * Set by triggers on every insert and update (migration 0022) to one more than the highest: the sync
     * client sends the products changed since the last push in this order. A counter, not updated_at,
     * because a shop PC's clock can go back.
     */
    syncSeq: integer('sync_seq').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('products_sku_unique').on(t.sku), index('products_category').on(t.category), index('products_sync_seq').on(t.syncSeq, t.id)],
);

export const productBarcodes = sqliteTable(
  'product_barcodes',
  {
    barcode: text('barcode').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
  },
  (t) => [index('product_barcodes_product').on(t.productId)],
);

/** The price last printed on a product's shelf label: a price changed since asks for a new label. */
export const labelPrints = sqliteTable('label_prints', {
  productId: integer('product_id')
    .primaryKey()
    .references(() => products.id),
  priceMinor: integer('price_minor').notNull(),
  printedAt: text('printed_at').notNull(),
});
