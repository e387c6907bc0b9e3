import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Target service levels set per product (key = product id) or per category (key = category name). */
export const serviceLevels = sqliteTable(
  'service_levels',
  {
    scope: text('scope', { enum: ['product', 'category'] }).notNull(),
    key: text('key').notNull(),
    level: real('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** The latest replenishment suggestion per product, recomputed after each forecast run and each movement. */
export const replenishments = sqliteTable('replenishments', {
  productId: integer('product_id').primaryKey(),
  computedAt: text('computed_at').notNull(),
  source: text('source', { enum: ['forecast', 'average'] }).notNull(),
  abcClass: text('abc_class').notNull(),
  serviceLevel: real('service_level').notNull(),
  onHandMilli: integer('on_hand_milli').notNull(),
  onOrderMilli: integer('on_order_milli').notNull(),
  dailyMean: real('daily_mean').notNull(),
  safetyStock: real('safety_stock').notNull(),
  reorderPoint: real('reorder_point').notNull(),
  orderUpTo: real('order_up_to').notNull(),
  suggestedMilli: integer('suggested_milli').notNull(),
  packs: integer('packs').notNull(),
  daysOfCover: real('days_of_cover'),
  stockoutDate: text('stockout_date'),
  belowReorderPoint: integer('below_reorder_point', { mode: 'boolean' }).notNull(),
  explanation: text('explanation').notNull(),
});

/** One row per open or past condition; `key` merges duplicates (type + product). */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    type: text('type').notNull(),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
    productId: integer('product_id'),
    message: text('message').notNull(),
    firstSeen: text('first_seen').notNull(),
    lastSeen: text('last_seen').notNull(),
    resolvedAt: text('resolved_at'),
    acknowledgedAt: text('acknowledged_at'),
    /** The user (users.id) who acknowledged or snoozed it, and when it was snoozed (the audit has both too). */
    acknowledgedBy: integer('acknowledged_by'),
    snoozedUntil: text('snoozed_until'),
    snoozedAt: text('snoozed_at'),
    snoozedBy: integer('snoozed_by'),
    /** How bad the condition is, in its kind's figure (larger is worse; null: a kind without one), as last evaluated… */
    measure: real('measure'),
    /** …and as it was when the alert was acknowledged or snoozed: a materially larger one brings the alert back. */
    seenMeasure: real('seen_measure'),
  },
  // alerts_open_product: a sale re-checks its products' open alerts; resolved ones pile up for years
  (t) => [index('alerts_key').on(t.key, t.resolvedAt), index('alerts_open_product').on(t.productId).where(sql`${t.resolvedAt} IS NULL`)],
);

export const purchaseOrders = sqliteTable(
  'purchase_orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sequential without gaps (taken from `counters` in the creating transaction). */
    number: integer('number').notNull(),
    supplierId: integer('supplier_id').notNull(),
    /** 'closed': partly received, the rest will not come (closed short); what is missing is no longer on order. */
    status: text('status', { enum: ['draft', 'sent', 'partial', 'received', 'cancelled', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    sentAt: text('sent_at'),
    expectedDate: text('expected_date').notNull(),
    note: text('note').notNull().default(''),
    /** When a partly received order was closed short (status 'closed'), and why (may be empty). */
    closedAt: text('closed_at'),
    closeReason: text('close_reason').notNull().default(''),
  },
  (t) => [uniqueIndex('purchase_orders_number').on(t.number), index('purchase_orders_status').on(t.status)],
);

export const purchaseOrderLines = sqliteTable(
  'purchase_order_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id').notNull(),
    qtyMilli: integer('qty_milli').notNull(),
    receivedMilli: integer('received_milli').notNull().default(0),
    packSizeMilli: integer('pack_size_milli').notNull(),
    unitCostMinor: integer('unit_cost_minor').notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(),
  },
  (t) => [uniqueIndex('purchase_order_lines_no').on(t.orderId, t.lineNo), index('purchase_order_lines_product').on(t.productId)],
);
