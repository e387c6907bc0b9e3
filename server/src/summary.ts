import type pg from 'pg';
import type { SyncShopSummary } from '../../src/shared/sync/protocol';

/** Business days shown per shop. */
const DAYS_SHOWN = 7;

/** What the owner sees of every shop, ordered by name. */
export async function shopSummaries(pool: pg.Pool): Promise<SyncShopSummary[]> {
  const shops = await pool.query<{ id: number; name: string; currency: string | null; last_push_at: Date | null; stock_value: string; products: string }>(
    `SELECT sh.id, sh.name, sh.currency, sh.last_push_at,
       (SELECT coalesce(sum(round(s.on_hand_milli::numeric * p.cost_minor / 1000)), 0)::text
          FROM stock s JOIN products p ON p.shop_id = s.shop_id AND p.id = s.product_id
         -- as the shop's dashboard counts it: a product sold below zero is not negative value
         WHERE s.shop_id = sh.id AND s.on_hand_milli > 0) AS stock_value,
       (SELECT count(*) FROM products p WHERE p.shop_id = sh.id AND p.active)::text AS products
     FROM shops sh
     ORDER BY sh.name, sh.id`,
  );
  // The last days with a sale or a return, newest first; returns are stored with a positive total.
  const days = await pool.query<{ shop_id: number; date: string; takings: string; receipts: string }>(
    `SELECT sh.id AS shop_id, to_char(d.business_date, 'YYYY-MM-DD') AS date, t.takings, t.receipts
     FROM shops sh
     CROSS JOIN LATERAL (
       SELECT DISTINCT business_date FROM sales WHERE shop_id = sh.id ORDER BY business_date DESC LIMIT $1
     ) d
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(CASE kind WHEN 'sale' THEN total_minor WHEN 'return' THEN -total_minor ELSE 0 END), 0)::text AS takings,
              count(*) FILTER (WHERE kind = 'sale')::text AS receipts
       FROM sales WHERE shop_id = sh.id AND business_date = d.business_date
     ) t
     ORDER BY sh.id, d.business_date DESC`,
    [DAYS_SHOWN],
  );
  const daysByShop = new Map<number, SyncShopSummary['days']>();
  for (const row of days.rows) {
    const list = daysByShop.get(Number(row.shop_id)) ?? [];
    list.push({ date: row.date, takingsMinor: Number(row.takings), receipts: Number(row.receipts) });
    daysByShop.set(Number(row.shop_id), list);
  }
  return shops.rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    currency: row.currency,
    lastPushAt: row.last_push_at ? row.last_push_at.toISOString() : null,
    days: daysByShop.get(Number(row.id)) ?? [],
    stockValueMinor: Number(row.stock_value),
    products: Number(row.products),
  }));
}
