import type pg from 'pg';
import type { SyncAck, SyncProduct, SyncProductLots, SyncPush, SyncRefusal, SyncStock } from '../../src/shared/sync/protocol';
import { inTransaction } from './db';

export type Stored = SyncAck['stored'];

/**
 * Stores one push in one transaction. Append-only rows (movements, sales with their lines and
 * tenders, events) the server already holds are skipped, so a batch sent again after a cut
 * connection stores nothing twice; products and stock levels replace the stored row (the shop
 * pushes one batch at a time, so the latest push holds its latest rows). `stored` counts the rows that were new to the server (or, for products and stock, changed).
 */
export async function ingestPush(pool: pg.Pool, shopId: number, push: SyncPush, at: Date = new Date()): Promise<{ ok: true; stored: Stored } | SyncRefusal> {
  return inTransaction(pool, async (db) => {
    // The row lock makes two pushes of one shop take turns, so the currency check below holds.
    const shop = await db.query<{ currency: string | null; epoch: string | null; file_tag: string | null }>('SELECT currency, epoch, file_tag FROM shops WHERE id = $1 FOR UPDATE', [shopId]);
    if (shop.rows.length === 0) return { ok: false, code: 'unauthorized', message: 'this shop is no longer registered on the server' };
    const fileTag = shop.rows[0].file_tag;
    // another shop file under this token: a second PC given the key by mistake, whose push would wipe
    // the first shop's copy (its epoch differs). A PC that replaces the shop's old one gets a new-key.
    if (fileTag !== null && push.shop.tag !== undefined && push.shop.tag !== fileTag) {
      return {
        ok: false,
        code: 'key_in_use',
        field: 'shop.tag',
        message: `this token is already used by another shop PC (shop file ${fileTag}; this one is ${push.shop.tag}). Give this shop its own token with add-shop; if this PC replaces the old one, run new-key for the shop and enter the new token here`,
      };
    }
    const currency = shop.rows[0].currency;
    if (currency !== null && currency !== push.shop.currency) {
      return {
        ok: false,
        code: 'currency_changed',
        field: 'shop.currency',
        message: `the server holds this shop's figures in ${currency}; a push in ${push.shop.currency} would mix currencies. Register the shop again under a new token to start over in ${push.shop.currency}`,
      };
    }
    // a shop file restored from a backup gives its next ids again: what the server held of it goes, and it is all sent anew
    if (shop.rows[0].epoch !== null && shop.rows[0].epoch !== push.shop.epoch) {
      for (const table of ['sale_lines', 'sale_tenders', 'sales', 'movements', 'events', 'stock', 'lots', 'products']) await db.query(`DELETE FROM ${table} WHERE shop_id = $1`, [shopId]);
    }
    // `name` stays the owner's label from add-shop (every shop may call itself "Ma boutique"); the shop's own is kept beside it
    await db.query('UPDATE shops SET reported_name = $2, currency = $3, app_version = $4, last_push_at = $5, epoch = $6, file_tag = coalesce($7, file_tag) WHERE id = $1', [
      shopId,
      push.shop.name,
      push.shop.currency,
      push.shop.appVersion,
      at.toISOString(),
      push.shop.epoch,
      push.shop.tag ?? null,
    ]);
    const stored: Stored = {
      products: await upsertProducts(db, shopId, latestById(push.products, (p) => p.id)),
      stock: await upsertStock(db, shopId, latestById(push.stock, (s) => s.productId)),
      lots: await replaceLots(db, shopId, latestById(push.lots, (l) => l.productId)),
      movements: await insertMovements(db, shopId, push.movements),
      sales: await insertSales(db, shopId, push.sales),
      events: await insertEvents(db, shopId, push.events),
    };
    return { ok: true, stored };
  });
}

/** One row per id, the later in the batch (the shop reads them in the order they were written): one upsert statement may not touch a row twice. */
function latestById<T>(rows: T[], idOf: (row: T) => number): T[] {
  const latest = new Map<number, T>();
  for (const row of rows) latest.set(idOf(row), row);
  return [...latest.values()];
}

/** The arrays unnest() zips back into rows: one query parameter per column, whatever the row count. */
function columns<T>(rows: T[], pick: ((row: T) => unknown)[]): unknown[][] {
  return pick.map((get) => rows.map(get));
}

async function upsertProducts(db: pg.PoolClient, shopId: number, rows: SyncProduct[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO products AS p (shop_id, id, sku, name, category, unit, cost_minor, price_minor, vat_rate_bp, active, updated_at)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::integer[], $10::boolean[], $11::timestamptz[])
     ON CONFLICT (shop_id, id) DO UPDATE SET
       sku = EXCLUDED.sku, name = EXCLUDED.name, category = EXCLUDED.category, unit = EXCLUDED.unit,
       cost_minor = EXCLUDED.cost_minor, price_minor = EXCLUDED.price_minor, vat_rate_bp = EXCLUDED.vat_rate_bp,
       active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
     -- the shop sends one batch at a time, each with its current rows: the latest push wins, whatever the
     -- shop PC's clock said (a clock set back must not freeze a price); the same row again changes nothing
     WHERE (p.sku, p.name, p.category, p.unit, p.cost_minor, p.price_minor, p.vat_rate_bp, p.active, p.updated_at)
           IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.name, EXCLUDED.category, EXCLUDED.unit, EXCLUDED.cost_minor, EXCLUDED.price_minor, EXCLUDED.vat_rate_bp, EXCLUDED.active, EXCLUDED.updated_at)`,
    [
      shopId,
      ...columns(rows, [(r) => r.id, (r) => r.sku, (r) => r.name, (r) => r.category, (r) => r.unit, (r) => r.costMinor, (r) => r.priceMinor, (r) => r.vatRateBp, (r) => r.active, (r) => r.updatedAt]),
    ],
  );
  return result.rowCount ?? 0;
}

async function upsertStock(db: pg.PoolClient, shopId: number, rows: SyncStock[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO stock AS s (shop_id, product_id, on_hand_milli, updated_at)
     SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[])
     ON CONFLICT (shop_id, product_id) DO UPDATE SET on_hand_milli = EXCLUDED.on_hand_milli, updated_at = EXCLUDED.updated_at
     WHERE (s.on_hand_milli, s.updated_at) IS DISTINCT FROM (EXCLUDED.on_hand_milli, EXCLUDED.updated_at)`,
    [shopId, ...columns(rows, [(r) => r.productId, (r) => r.onHandMilli, (r) => r.updatedAt])],
  );
  return result.rowCount ?? 0;
}

/**
 * Each product's lots as the push has them, in place of what the server held of that product's lots:
 * the lots no longer there go, the others are written; counted are the lot rows that changed.
 */
async function replaceLots(db: pg.PoolClient, shopId: number, rows: SyncProductLots[]): Promise<number> {
  if (rows.length === 0) return 0;
  // one row per lot and expiry: two lot numbers the shop clipped to the same text are summed
  const lots = new Map<string, { productId: number; lot: string; expiry: string; milli: number }>();
  for (const r of rows)
    for (const l of r.lots) {
      const key = JSON.stringify([r.productId, l.lot, l.expiry]);
      const seen = lots.get(key);
      if (seen) seen.milli += l.milli;
      else lots.set(key, { productId: r.productId, ...l });
    }
  const [productIds, lotNames, expiries, millis] = columns([...lots.values()], [(l) => l.productId, (l) => l.lot, (l) => l.expiry, (l) => l.milli]);
  const gone = await db.query(
    `DELETE FROM lots l WHERE l.shop_id = $1 AND l.product_id = ANY($2::bigint[])
       AND NOT EXISTS (SELECT 1 FROM unnest($3::bigint[], $4::text[], $5::date[]) AS n(product_id, lot, expiry)
                        WHERE n.product_id = l.product_id AND n.lot = l.lot AND n.expiry = l.expiry)`,
    [shopId, rows.map((r) => r.productId), productIds, lotNames, expiries],
  );
  if (lots.size === 0) return gone.rowCount ?? 0;
  const written = await db.query(
    `INSERT INTO lots AS l (shop_id, product_id, lot, expiry, milli)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::date[], $5::bigint[])
     ON CONFLICT (shop_id, product_id, lot, expiry) DO UPDATE SET milli = EXCLUDED.milli WHERE l.milli <> EXCLUDED.milli`,
    [shopId, productIds, lotNames, expiries, millis],
  );
  return (gone.rowCount ?? 0) + (written.rowCount ?? 0);
}

async function insertMovements(db: pg.PoolClient, shopId: number, rows: SyncPush['movements']): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO movements (shop_id, id, product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, lot, expiry, user_id, occurred_at, business_date)
     SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::date[], $12::bigint[], $13::timestamptz[], $14::date[])
     ON CONFLICT (shop_id, id) DO NOTHING`,
    [
      shopId,
      ...columns(rows, [
        (r) => r.id,
        (r) => r.productId,
        (r) => r.kind,
        (r) => r.qtyMilli,
        (r) => r.unitCostMinor,
        (r) => r.unitPriceMinor,
        (r) => r.reason,
        (r) => r.reference,
        (r) => r.lot,
        (r) => r.expiry,
        (r) => r.userId,
        (r) => r.occurredAt,
        (r) => r.businessDate,
      ]),
    ],
  );
  return result.rowCount ?? 0;
}

async function insertSales(db: pg.PoolClient, shopId: number, sales: SyncPush['sales']): Promise<number> {
  if (sales.length === 0) return 0;
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO sales (shop_id, id, receipt_no, kind, original_sale_id, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, currency)
     SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::date[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
     ON CONFLICT (shop_id, id) DO NOTHING
     RETURNING id`,
    [
      shopId,
      ...columns(sales, [
        (s) => s.id,
        (s) => s.receiptNo,
        (s) => s.kind,
        (s) => s.originalSaleId,
        (s) => s.userId,
        (s) => s.at,
        (s) => s.businessDate,
        (s) => s.subtotalMinor,
        (s) => s.discountMinor,
        (s) => s.totalMinor,
        (s) => s.currency,
      ]),
    ],
  );
  // Lines and tenders only for the sales new to the server: a sale already held keeps what it has.
  const newIds = new Set(inserted.rows.map((r) => Number(r.id)));
  const fresh = sales.filter((s) => newIds.delete(s.id));
  const lines = fresh.flatMap((s) => s.lines.map((line) => ({ saleId: s.id, ...line })));
  const tenders = fresh.flatMap((s) => s.tenders.map((tender, idx) => ({ saleId: s.id, idx, ...tender })));
  if (lines.length > 0) {
    await db.query(
      `INSERT INTO sale_lines (shop_id, sale_id, line_no, product_id, name, qty_milli, unit_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::integer[], $11::bigint[], $12::bigint[])`,
      [
        shopId,
        ...columns(lines, [
          (l) => l.saleId,
          (l) => l.lineNo,
          (l) => l.productId,
          (l) => l.name,
          (l) => l.qtyMilli,
          (l) => l.unitPriceMinor,
          (l) => l.discountMinor,
          (l) => l.netMinor,
          (l) => l.vatRateBp,
          (l) => l.vatMinor,
          (l) => l.movementId,
        ]),
      ],
    );
  }
  if (tenders.length > 0) {
    await db.query(
      `INSERT INTO sale_tenders (shop_id, sale_id, idx, tender, amount_minor)
       SELECT $1, * FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::bigint[])`,
      [shopId, ...columns(tenders, [(t) => t.saleId, (t) => t.idx, (t) => t.tender, (t) => t.amountMinor])],
    );
  }
  return inserted.rowCount ?? 0;
}

async function insertEvents(db: pg.PoolClient, shopId: number, rows: SyncPush['events']): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO events (shop_id, id, at, entity, action, entity_id, data)
     SELECT $1, id, at, entity, action, entity_id, data::jsonb
     FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, at, entity, action, entity_id, data)
     ON CONFLICT (shop_id, id) DO NOTHING`,
    // an event without data is stored as JSON null
    [shopId, ...columns(rows, [(e) => e.id, (e) => e.at, (e) => e.entity, (e) => e.action, (e) => e.entityId, (e) => JSON.stringify(e.data ?? null)])],
  );
  return result.rowCount ?? 0;
}
