import type pg from 'pg';
import { inTransaction } from './db';

/**
 * Every table that holds a shop's rows, keyed by shop_id, in the order they are emptied (a sale's
 * lines and tenders before the sale). test/server/admin.test.ts checks it against the database, so a
 * migration that adds such a table without adding it here fails there.
 */
export const SHOP_TABLES = ['sale_lines', 'sale_tenders', 'sales', 'movements', 'events', 'lots', 'stock', 'products'] as const;
export type ShopTable = (typeof SHOP_TABLES)[number];

export interface ShopRow {
  id: number;
  /** The owner's label, given to add-shop. */
  name: string;
  /** The name the shop's own PC gives it, from its last push; null before its first. */
  reportedName: string | null;
  currency: string | null;
  createdAt: Date;
  lastPushAt: Date | null;
}

interface ShopDbRow {
  id: number;
  name: string;
  reported_name: string | null;
  currency: string | null;
  created_at: Date;
  last_push_at: Date | null;
}

const SHOP_COLUMNS = 'id, name, reported_name, currency, created_at, last_push_at';

function shopRow(r: ShopDbRow): ShopRow {
  return { id: Number(r.id), name: r.name, reportedName: r.reported_name, currency: r.currency, createdAt: r.created_at, lastPushAt: r.last_push_at };
}

/** Every registered shop, by id: the ids new-key and remove-shop take. */
export async function listShops(pool: pg.Pool): Promise<ShopRow[]> {
  const { rows } = await pool.query<ShopDbRow>(`SELECT ${SHOP_COLUMNS} FROM shops ORDER BY id`);
  return rows.map(shopRow);
}

export interface ShopRemoval {
  shop: ShopRow;
  /** The rows of each table that belong (or belonged) to the shop. */
  rows: Record<ShopTable, number>;
}

async function countRows(db: pg.Pool | pg.PoolClient, shopId: number): Promise<Record<ShopTable, number>> {
  const { rows } = await db.query<Record<ShopTable, number>>(`SELECT ${SHOP_TABLES.map((t) => `(SELECT count(*) FROM ${t} WHERE shop_id = $1) AS ${t}`).join(', ')}`, [shopId]);
  return Object.fromEntries(SHOP_TABLES.map((t) => [t, Number(rows[0][t])])) as Record<ShopTable, number>;
}

/** What removing a shop would delete, changing nothing; null when there is no such shop. */
export async function shopRemovalPreview(pool: pg.Pool, shopId: number): Promise<ShopRemoval | null> {
  const { rows } = await pool.query<ShopDbRow>(`SELECT ${SHOP_COLUMNS} FROM shops WHERE id = $1`, [shopId]);
  if (rows.length === 0) return null;
  return { shop: shopRow(rows[0]), rows: await countRows(pool, shopId) };
}

/**
 * Deletes a shop and every row stored for it, in one transaction: all of it or nothing. The shop's row
 * is locked first, so a push of that shop in flight finishes before (and is deleted with the rest) or
 * waits and is then refused as unregistered. Its token stops working with it. Null when there is no such shop.
 */
export async function removeShop(pool: pg.Pool, shopId: number): Promise<ShopRemoval | null> {
  return inTransaction(pool, async (db) => {
    const { rows } = await db.query<ShopDbRow>(`SELECT ${SHOP_COLUMNS} FROM shops WHERE id = $1 FOR UPDATE`, [shopId]);
    if (rows.length === 0) return null;
    const deleted = {} as Record<ShopTable, number>;
    for (const table of SHOP_TABLES) deleted[table] = (await db.query(`DELETE FROM ${table} WHERE shop_id = $1`, [shopId])).rowCount ?? 0;
    await db.query('DELETE FROM shops WHERE id = $1', [shopId]);
    return { shop: shopRow(rows[0]), rows: deleted };
  });
}
