import type pg from 'pg';
import type { SyncExpiringLot, SyncProductSales, SyncShopSummary } from '../../src/shared/sync/protocol';

/** Business days shown per shop. */
const DAYS_SHOWN = 7;
/** The window of till voids shown, in days. */
const VOID_WINDOW_DAYS = 7;
/**
 * A shop's (`sh`) days shown: its last DAYS_SHOWN business days with a sale or a return, $1 the number,
 * up to `$2`, the last day a shop may be on (lastShopDay): one rung up on a PC whose clock ran a year
 * ahead must not stand as the shop's last day, nor start its windows, for a year.
 */
const DAYS_SHOWN_SQL = 'SELECT DISTINCT business_date FROM sales WHERE shop_id = sh.id AND business_date <= $2::date ORDER BY business_date DESC LIMIT $1';
/** Best sellers shown per shop, over the days shown. */
const TOP_SELLERS = 5;
/** Out-of-stock products that sold, shown per shop, and the days they sold over (up to the shop's last day, bounded as DAYS_SHOWN_SQL). */
const MISSING_SHOWN = 8;
const MISSING_WINDOW_DAYS = 28;
/** Lots shown per shop: those expiring within this many days of the server's date, the earliest so many. */
const EXPIRY_WINDOW_DAYS = 30;
const EXPIRING_SHOWN = 8;

/** The largest amount JavaScript holds exactly; sums are capped there rather than turned into Infinity. */
const SAFE = '9007199254740991';

/**
 * A whole number of minor units from a journal row's JSON, or null: the data comes from the shop and
 * is only checked for shape, so a string, a fraction or 1e308 there must not break the owner's page.
 */
const jsonMinor = (path: string) =>
  `CASE WHEN jsonb_typeof(${path}) = 'number' AND (${path})::numeric = trunc((${path})::numeric) AND abs((${path})::numeric) <= ${SAFE} THEN (${path})::numeric END`;

/**
 * The latest business day a shop can be on by the server's clock: the server's (UTC) date and one more,
 * for the shops' time zones (UTC+14 at most). A row dated after it was rung up on a clock running ahead.
 */
function lastShopDay(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** What the owner sees of every shop, ordered by name. */
export async function shopSummaries(pool: pg.Pool, now: Date = new Date()): Promise<SyncShopSummary[]> {
  const lastDay = lastShopDay(now);
  // the queries need nothing from each other: run together, the page waits for the slowest only
  const productsSold = productSales(pool, lastDay);
  const shopsRead = pool.query<{
    id: number;
    name: string;
    reported_name: string | null;
    currency: string | null;
    last_push_at: Date | null;
    stock_value: string;
    products: string;
    out_of_stock: string;
    voids: string;
    voided_minor: string;
    future_receipts: string;
    future_last: string | null;
  }>(
    `SELECT sh.id, sh.name, sh.reported_name, sh.currency, sh.last_push_at,
       (SELECT coalesce(sum(round(s.on_hand_milli::numeric * p.cost_minor / 1000)), 0)::text
          FROM stock s JOIN products p ON p.shop_id = s.shop_id AND p.id = s.product_id
         -- as the shop's dashboard counts it: a product sold below zero is not negative value
         WHERE s.shop_id = sh.id AND s.on_hand_milli > 0) AS stock_value,
       (SELECT count(*) FROM products p WHERE p.shop_id = sh.id AND p.active)::text AS products,
       -- an empty shelf for a product that has moved: one created and never received is not out of stock,
       -- as on the shop's dashboard (a product's stock level travels with its first movement)
       (SELECT count(*) FROM products p JOIN stock s ON s.shop_id = p.shop_id AND s.product_id = p.id
         WHERE p.shop_id = sh.id AND p.active AND s.on_hand_milli <= 0)::text AS out_of_stock,
       v.voids, v.voided_minor, f.future_receipts, f.future_last
     FROM shops sh
     -- the shop PC's clock at its latest journal row (ids follow the order things happened, whatever the
     -- clock said), when it pushed within the window: a closed shop's last week is not "the last 7 days"
     LEFT JOIN LATERAL (
       SELECT e.at FROM events e WHERE e.shop_id = sh.id AND sh.last_push_at > $1::timestamptz - make_interval(days => $2) ORDER BY e.id DESC LIMIT 1
     ) clock ON true
     CROSS JOIN LATERAL (
       SELECT count(*)::text AS voids,
              least(coalesce(sum(CASE e.action WHEN 'void_line' THEN ${jsonMinor("e.data->'amountMinor'")} ELSE ${jsonMinor("e.data->'totalMinor'")} END), 0), ${SAFE})::text AS voided_minor
       FROM events e
       WHERE e.shop_id = sh.id AND e.entity = 'till_cart' AND e.action IN ('void_line', 'void_cart')
         -- the last days by the server's clock and a day (a PC some hours ahead, or set in the wrong zone),
         -- and by the shop PC's own clock now: a PC running days ahead or behind shows its fresh voids, and
         -- one once set a year ahead, set right since, keeps none on the page for a year
         AND ((e.at > $1::timestamptz - make_interval(days => $2) AND e.at <= $1::timestamptz + interval '1 day')
           OR (e.at > clock.at - make_interval(days => $2) AND e.at <= clock.at))
     ) v
     CROSS JOIN LATERAL (
       SELECT count(*)::text AS future_receipts, to_char(max(s.business_date), 'YYYY-MM-DD') AS future_last
       FROM sales s WHERE s.shop_id = sh.id AND s.business_date > $3::date
     ) f
     ORDER BY sh.name, sh.id`,
    [now.toISOString(), VOID_WINDOW_DAYS, lastDay],
  );
  // The last days with a sale or a return, newest first; returns are stored with a positive total.
  const daysRead = pool.query<{ shop_id: number; date: string; takings: string; sales: string; receipts: string; cash_difference: string | null; cash_since: string | null }>(
    `SELECT sh.id AS shop_id, to_char(d.business_date, 'YYYY-MM-DD') AS date, t.takings, t.sales, t.receipts, c.cash_difference,
            -- greatest() and least() skip a null: the count that says no cash net must stay null
            CASE WHEN c.cash_net IS NOT NULL THEN least(greatest(cash.net - c.cash_net, -${SAFE}), ${SAFE})::text END AS cash_since
     FROM shops sh
     CROSS JOIN LATERAL (
       ${DAYS_SHOWN_SQL}
     ) d
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(CASE kind WHEN 'sale' THEN total_minor WHEN 'return' THEN -total_minor ELSE 0 END), 0)::text AS takings,
              coalesce(sum(total_minor) FILTER (WHERE kind = 'sale'), 0)::text AS sales,
              count(*) FILTER (WHERE kind = 'sale')::text AS receipts
       FROM sales WHERE shop_id = sh.id AND business_date = d.business_date
     ) t
     -- the day's last cash count, as the shop's journal recorded it, with the day's cash net it was made against
     LEFT JOIN LATERAL (
       SELECT (${jsonMinor("e.data->'differenceMinor'")})::text AS cash_difference, ${jsonMinor("e.data->'cashNetMinor'")} AS cash_net
       FROM events e
       WHERE e.shop_id = sh.id AND e.entity = 'cash_count' AND e.action = 'count'
         AND e.data->>'date' = to_char(d.business_date, 'YYYY-MM-DD')
       ORDER BY e.id DESC LIMIT 1
     ) c ON true
     -- the day's cash net now, reckoned as the shop's journal does it (its count is stale when they differ):
     -- cash taken less the change (what was paid over the total), cash refunded, paid out; paid in
     LEFT JOIN LATERAL (
       SELECT coalesce((
                SELECT sum(CASE s.kind WHEN 'sale' THEN tt.cash - greatest(tt.paid - s.total_minor, 0) WHEN 'return' THEN -tt.cash ELSE 0 END)
                FROM sales s
                CROSS JOIN LATERAL (
                  SELECT coalesce(sum(t.amount_minor) FILTER (WHERE t.tender = 'cash'), 0) AS cash, coalesce(sum(t.amount_minor), 0) AS paid
                  FROM sale_tenders t WHERE t.shop_id = s.shop_id AND t.sale_id = s.id
                ) tt
                WHERE s.shop_id = sh.id AND s.business_date = d.business_date), 0)
            + coalesce((
                SELECT sum(CASE e.action WHEN 'paid_in' THEN ${jsonMinor("e.data->'amountMinor'")} ELSE -${jsonMinor("e.data->'amountMinor'")} END)
                FROM events e
                WHERE e.shop_id = sh.id AND e.entity = 'cash_move' AND e.action IN ('paid_in', 'paid_out')
                  AND e.data->>'date' = to_char(d.business_date, 'YYYY-MM-DD')), 0) AS net
       WHERE c.cash_net IS NOT NULL
     ) cash ON true
     ORDER BY sh.id, d.business_date DESC`,
    [DAYS_SHOWN, lastDay],
  );
  const [shops, days, { top, missing }, expiring] = await Promise.all([shopsRead, daysRead, productsSold, expiringLots(pool, now)]);
  const daysByShop = new Map<number, SyncShopSummary['days']>();
  for (const row of days.rows) {
    const list = daysByShop.get(Number(row.shop_id)) ?? [];
    list.push({
      date: row.date,
      takingsMinor: Number(row.takings),
      salesMinor: Number(row.sales),
      receipts: Number(row.receipts),
      cashDifferenceMinor: row.cash_difference === null ? null : Number(row.cash_difference),
      cashSinceCountMinor: row.cash_since === null ? null : Number(row.cash_since),
    });
    daysByShop.set(Number(row.shop_id), list);
  }
  return shops.rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    reportedName: row.reported_name,
    currency: row.currency,
    lastPushAt: row.last_push_at ? row.last_push_at.toISOString() : null,
    days: daysByShop.get(Number(row.id)) ?? [],
    stockValueMinor: Number(row.stock_value),
    products: Number(row.products),
    outOfStock: Number(row.out_of_stock),
    voided: { count: Number(row.voids), amountMinor: Number(row.voided_minor) },
    topSellers: top.get(Number(row.id)) ?? [],
    outOfStockSelling: missing.get(Number(row.id)) ?? { count: 0, products: [] },
    expiring: expiring.get(Number(row.id)) ?? { withinDays: EXPIRY_WINDOW_DAYS, count: 0, valueMinor: 0, lots: [] },
    futureDated: { receipts: Number(row.future_receipts), lastDate: row.future_last },
  }));
}

/**
 * Each product's receipts per shop from the day `since` (SQL over `sh`, a shop row) on: quantity and
 * takings with returns netted, its last day sold, its name as the receipt printed it (for a product the
 * shop has not pushed). Returns are stored with positive quantities and amounts, as sales are.
 */
const soldSince = (since: string, until: string) => `
  SELECT s.shop_id, l.product_id,
         sum(CASE s.kind WHEN 'sale' THEN l.qty_milli WHEN 'return' THEN -l.qty_milli ELSE 0 END) AS qty,
         sum(CASE s.kind WHEN 'sale' THEN l.net_minor WHEN 'return' THEN -l.net_minor ELSE 0 END) AS takings,
         max(s.business_date) FILTER (WHERE s.kind = 'sale') AS last_sold,
         max(l.name) AS line_name
  FROM shops sh
  CROSS JOIN LATERAL (${since}) w
  JOIN sales s ON s.shop_id = sh.id AND s.business_date >= w.since AND s.business_date <= ${until}
  JOIN sale_lines l ON l.shop_id = s.shop_id AND l.sale_id = s.id
  GROUP BY s.shop_id, l.product_id`;

type SoldRow = { shop_id: number; product_id: string; name: string; unit: string; qty: string; takings: string };

function productRow(r: SoldRow): SyncProductSales {
  return { productId: Number(r.product_id), name: r.name, unit: r.unit, quantityMilli: Number(r.qty), takingsMinor: Number(r.takings) };
}

/** Per shop: its best sellers over the days shown, and the out-of-stock products it was selling; none after `lastDay`. */
async function productSales(pool: pg.Pool, lastDay: string): Promise<{
  top: Map<number, SyncShopSummary['topSellers']>;
  missing: Map<number, SyncShopSummary['outOfStockSelling']>;
}> {
  const [top, missing] = await Promise.all([
    pool.query<SoldRow>(
    `SELECT r.shop_id, r.product_id, coalesce(p.name, r.line_name) AS name, coalesce(p.unit, 'piece') AS unit, r.qty::text AS qty, r.takings::text AS takings
     FROM (
       SELECT sold.*, row_number() OVER (PARTITION BY sold.shop_id ORDER BY sold.takings DESC, sold.product_id) AS rank
       FROM (${soldSince(`SELECT min(d.business_date) AS since FROM (${DAYS_SHOWN_SQL}) d`, '$2::date')}) sold
       WHERE sold.takings > 0
     ) r
     LEFT JOIN products p ON p.shop_id = r.shop_id AND p.id = r.product_id
     WHERE r.rank <= $3
     ORDER BY r.shop_id, r.rank`,
    [DAYS_SHOWN, lastDay, TOP_SELLERS],
  ),
    pool.query<SoldRow & { last_sold: string; total: string }>(
    `SELECT r.shop_id, r.product_id, r.name, r.unit, r.qty::text AS qty, r.takings::text AS takings, to_char(r.last_sold, 'YYYY-MM-DD') AS last_sold, r.total::text AS total
     FROM (
       SELECT sold.*, p.name, p.unit,
              row_number() OVER (PARTITION BY sold.shop_id ORDER BY sold.takings DESC, sold.product_id) AS rank,
              count(*) OVER (PARTITION BY sold.shop_id) AS total
       FROM (${soldSince(`SELECT business_date - ($1::int - 1) AS since FROM sales WHERE shop_id = sh.id AND business_date <= $3::date ORDER BY business_date DESC LIMIT 1`, '$3::date')}) sold
       JOIN products p ON p.shop_id = sold.shop_id AND p.id = sold.product_id AND p.active
       LEFT JOIN stock st ON st.shop_id = p.shop_id AND st.product_id = p.id
       -- as the shop's dashboard counts it: never received is none on the shelf
       WHERE coalesce(st.on_hand_milli, 0) <= 0 AND sold.takings > 0 AND sold.last_sold IS NOT NULL
     ) r
     WHERE r.rank <= $2
     ORDER BY r.shop_id, r.rank`,
    [MISSING_WINDOW_DAYS, MISSING_SHOWN, lastDay],
  ),
  ]);
  const topByShop = new Map<number, SyncShopSummary['topSellers']>();
  for (const r of top.rows) topByShop.set(Number(r.shop_id), [...(topByShop.get(Number(r.shop_id)) ?? []), productRow(r)]);
  const missingByShop = new Map<number, SyncShopSummary['outOfStockSelling']>();
  for (const r of missing.rows) {
    const entry = missingByShop.get(Number(r.shop_id)) ?? { count: Number(r.total), products: [] };
    entry.products.push({ ...productRow(r), lastSold: r.last_sold });
    missingByShop.set(Number(r.shop_id), entry);
  }
  return { top: topByShop, missing: missingByShop };
}

/**
 * Per shop: its dated lots expiring within EXPIRY_WINDOW_DAYS of the server's date or already expired,
 * earliest first, valued at the product's current cost. The server's date (UTC) stands for every shop's:
 * a day apart at most, and each lot says its date.
 */
async function expiringLots(pool: pg.Pool, now: Date): Promise<Map<number, SyncShopSummary['expiring']>> {
  const { rows } = await pool.query<{
    shop_id: string;
    product_id: string;
    name: string;
    unit: string;
    lot: string;
    expiry: string;
    milli: string;
    value: string;
    total: string;
    total_value: string;
  }>(
    `SELECT r.shop_id, r.product_id, r.name, r.unit, r.lot, r.expiry, r.milli::text AS milli, r.value::text AS value, r.total::text AS total,
            r.total_value::text AS total_value
     FROM (
       SELECT l.shop_id, l.product_id, coalesce(p.name, '#' || l.product_id) AS name, coalesce(p.unit, 'piece') AS unit, l.lot,
              to_char(l.expiry, 'YYYY-MM-DD') AS expiry, l.milli,
              round(l.milli::numeric * coalesce(p.cost_minor, 0) / 1000) AS value,
              row_number() OVER (PARTITION BY l.shop_id ORDER BY l.expiry, coalesce(p.name, ''), l.product_id, l.lot) AS rank,
              count(*) OVER (PARTITION BY l.shop_id) AS total,
              least(sum(round(l.milli::numeric * coalesce(p.cost_minor, 0) / 1000)) OVER (PARTITION BY l.shop_id), ${SAFE}) AS total_value
       FROM lots l LEFT JOIN products p ON p.shop_id = l.shop_id AND p.id = l.product_id
       WHERE l.expiry <= ($1::timestamptz AT TIME ZONE 'UTC')::date + $2::int
     ) r
     WHERE r.rank <= $3
     ORDER BY r.shop_id, r.rank`,
    [now.toISOString(), EXPIRY_WINDOW_DAYS, EXPIRING_SHOWN],
  );
  const byShop = new Map<number, SyncShopSummary['expiring']>();
  for (const r of rows) {
    const shop = Number(r.shop_id);
    const entry = byShop.get(shop) ?? { withinDays: EXPIRY_WINDOW_DAYS, count: Number(r.total), valueMinor: Number(r.total_value), lots: [] };
    const lot: SyncExpiringLot = {
      productId: Number(r.product_id),
      name: r.name,
      unit: r.unit,
      lot: r.lot,
      expiry: r.expiry,
      quantityMilli: Number(r.milli),
      valueMinor: Number(r.value),
    };
    entry.lots.push(lot);
    byShop.set(shop, entry);
  }
  return byShop;
}
