import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './catalogue';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  role: text('role', { enum: ['cashier', 'manager', 'owner'] }).notNull(),
  pinHash: text('pin_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. Quantities are signed milli-units. */
export const movements = sqliteTable(
  'movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    kind: text('kind').notNull(),
    qtyMilli: integer('qty_milli').notNull(),
    unitCostMinor: integer('unit_cost_minor').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    reason: text('reason').notNull().default(''),
    reference: text('reference').notNull().default(''),
    lot: text('lot'),
    expiry: text('expiry'),
    userId: integer('user_id').notNull(),
    occurredAt: text('occurred_at').notNull(),
    businessDate: text('business_date').notNull(),
  },
  (t) => [
    index('movements_product').on(t.productId, t.id),
    // The stock's movements screen (ledger.journal): the losses, adjustments, counts, receipts and
    // returns of a range of days without reading the sales around them. Sales are left out (they are
    // most of the ledger, and read newest first along the rowid): the index costs the till and the bulk
    // imports nothing, and the file little. A query must say `kind <> 'sale'` for SQLite to use it. Migration 0025.
    index('movements_kind_day')
      .on(t.kind, t.businessDate)
      .where(sql`${t.kind} <> 'sale'`),
    // The movements that bring dated stock in (a lot exists only once one has): the products holding lots,
    // found without reading the ledger (the non-sale index still fetched ~250 000 receipts of a third-year
    // shop to look at their expiry, 0.5 s each time the alerts looked). A query must say both conditions. Migration 0028.
    index('movements_dated')
      .on(t.productId, t.id)
      .where(sql`${t.expiry} IS NOT NULL AND ${t.qtyMilli} > 0`),
    // An OR chain, not `kind IN (...)`: with the IN-list, raw bulk inserts ran about a fifth slower
    // (measured; the OR chain costs nothing measurable). Migration 0009.
    check(
      'movements_kind',
      sql`${t.kind} = 'sale' OR ${t.kind} = 'receipt' OR ${t.kind} = 'customer_return' OR ${t.kind} = 'supplier_return' OR ${t.kind} = 'adjustment' OR ${t.kind} = 'loss' OR ${t.kind} = 'count'`,
    ),
  ],
);

export const stock = sqliteTable('stock', {
  productId: integer('product_id')
    .primaryKey()
    .references(() => products.id),
  onHandMilli: integer('on_hand_milli').notNull().default(0),
  updatedAt: text('updated_at').notNull(),
});

/** One row per product per day with movement; what the forecaster and the KPIs read. */
export const dailySales = sqliteTable(
  'daily_sales',
  {
    productId: integer('product_id').notNull(),
    date: text('date').notNull(),
    soldMilli: integer('sold_milli').notNull().default(0),
    revenueMinor: integer('revenue_minor').notNull().default(0),
    costMinor: integer('cost_minor').notNull().default(0),
    /** On-hand at the end of the day; NULL when unknown (imported history), which the forecaster must not read as a stockout. */
    endStockMilli: integer('end_stock_milli'),
  },
  (t) => [primaryKey({ columns: [t.productId, t.date] })],
);

export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull().default(''),
    detail: text('detail').notNull().default('{}'),
  },
  // a login counts the user's wrong PINs since their last good one: without it, a scan of every sale's audit row
  (t) => [index('audit_entity').on(t.entity, t.entityId, t.action)],
);

/** Rows waiting to be pushed to the central server, written in the same transaction as the change. */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  entity: text('entity').notNull(),
  payload: text('payload').notNull(),
  sentAt: text('sent_at'),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
