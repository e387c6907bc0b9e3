import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A sale put aside (the customer forgot something) to serve the next one; resumed or discarded. */
export const parkedSales = sqliteTable('parked_sales', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull(),
  at: text('at').notNull(),
  label: text('label').notNull().default(''),
  /** The cart as the till holds it (JSON): lines with product, quantity, price. */
  cart: text('cart').notNull(),
});

/**
 * End-of-day cash count (Z report): what the till expected in cash and what was counted. Append-only
 * (a recount is a new row; triggers in the migrations refuse edits).
 */
export const cashCounts = sqliteTable(
  'cash_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    businessDate: text('business_date').notNull(),
    userId: integer('user_id').notNull(),
    at: text('at').notNull(),
    /** The cash left in the drawer at opening (fond de caisse), part of what is expected. */
    openingFloatMinor: integer('opening_float_minor').notNull().default(0),
    expectedCashMinor: integer('expected_cash_minor').notNull(),
    countedCashMinor: integer('counted_cash_minor').notNull(),
    /** The notes and coins counted, JSON [{ valueMinor, count }]; NULL when one amount was typed. */
    denominations: text('denominations'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('cash_counts_date').on(t.businessDate)],
);

/**
 * Cash taken out of the drawer or put into it outside a sale: a supplier paid on delivery, fuel for
 * the generator, the owner's withdrawal, change brought in. Part of the cash the count expects.
 * Append-only (triggers in the migrations): a mistake is undone by the opposite movement.
 */
export const cashMoves = sqliteTable(
  'cash_moves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    businessDate: text('business_date').notNull(),
    userId: integer('user_id').notNull(),
    at: text('at').notNull(),
    /** 'out' (paid out of the drawer) or 'in' (put into it). */
    direction: text('direction').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('cash_moves_date').on(t.businessDate)],
);
