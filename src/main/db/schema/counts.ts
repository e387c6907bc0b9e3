import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { products, suppliers } from './catalogue';

/**
 * A stock count (inventory) of one category or of the whole shop. `startMark` is the newest movement id
 * when it started, with each line's on-hand at that moment: movements with a higher id happened during
 * the count (the shop stays open), and each line's own `countedMark` says which of them the counted
 * quantity already reflects. Closed counts are read-only (triggers in the migration).
 */
export const stockCounts = sqliteTable(
  'stock_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sequential without gaps (taken from `counters` in the starting transaction): INV-00012. */
    number: integer('number').notNull(),
    /** The counted category; NULL for the whole shop. */
    category: text('category'),
    status: text('status', { enum: ['open', 'applied', 'cancelled'] }).notNull(),
    startedAt: text('started_at').notNull(),
    startedBy: integer('started_by').notNull(),
    startMark: integer('start_mark').notNull(),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by'),
  },
  (t) => [uniqueIndex('stock_counts_number').on(t.number), index('stock_counts_status').on(t.status)],
);

export const stockCountLines = sqliteTable(
  'stock_count_lines',
  {
    countId: integer('count_id')
      .notNull()
      .references(() => stockCounts.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    lineNo: integer('line_no').notNull(),
    /** On-hand when the count started. */
    snapshotMilli: integer('snapshot_milli').notNull(),
    /** NULL until counted. */
    countedMilli: integer('counted_milli'),
    /** The newest movement id when the quantity was entered. */
    countedMark: integer('counted_mark'),
    countedAt: text('counted_at'),
    countedBy: integer('counted_by'),
    /** Written when applied: expected at the moment of counting, the correction written, the unit cost used. */
    expectedMilli: integer('expected_milli'),
    varianceMilli: integer('variance_milli'),
    unitCostMinor: integer('unit_cost_minor'),
  },
  (t) => [primaryKey({ columns: [t.countId, t.productId] }), uniqueIndex('stock_count_lines_no').on(t.countId, t.lineNo)],
);

/**
 * A delivery received without a purchase order: who brought it, its delivery note, and the receipt
 * movements written with it (their reference is this receipt's REC- number). Append-only.
 */
export const stockReceipts = sqliteTable(
  'stock_receipts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: integer('number').notNull(),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    /** The supplier's delivery note number, as typed ('' when none). */
    deliveryNote: text('delivery_note').notNull().default(''),
    receivedAt: text('received_at').notNull(),
    userId: integer('user_id').notNull(),
    lines: integer('lines').notNull(),
    totalMinor: integer('total_minor').notNull(),
    /** Made by the form once per delivery it shows: the same submission again (a double click) books nothing. */
    submissionId: text('submission_id'),
  },
  (t) => [uniqueIndex('stock_receipts_number').on(t.number), uniqueIndex('stock_receipts_submission').on(t.submissionId)],
);
