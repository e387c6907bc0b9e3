import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncApp } from '../../server/src/app';
import { addOwnerKey, addShop, hashSecret, replaceShopToken } from '../../server/src/keys';
import { ingestPush } from '../../server/src/ingest';
import { SYNC_BATCH_ROWS, SYNC_PROTOCOL, type SyncPush } from '../../src/shared/sync/protocol';
import { counts, postPush, samplePush, startApp, startCluster } from './harness';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** A migrated database, the app over it with a fixed clock, and one registered shop. */
async function setup() {
  const { pool } = await cluster.database();
  const app = await startApp(pool, { now: () => new Date('2026-05-04T10:00:00.000Z') });
  const shop = await addShop(pool, 'Dakar Plateau');
  return { pool, app, shop };
}

const EMPTY = { products: 0, stock: 0, lots: 0, movements: 0, sales: 0, sale_lines: 0, sale_tenders: 0, events: 0 };

async function readBack(pool: pg.Pool, shopId: number): Promise<Omit<SyncPush, 'protocol' | 'shop'>> {
  const q = async (sql: string) => (await pool.query(sql, [shopId])).rows;
  const iso = (d: Date) => d.toISOString();
  const products = (await q('SELECT * FROM products WHERE shop_id = $1 ORDER BY id')).map((r) => ({
    id: r.id, sku: r.sku, name: r.name, category: r.category, unit: r.unit, costMinor: r.cost_minor, priceMinor: r.price_minor,
    vatRateBp: r.vat_rate_bp, active: r.active, updatedAt: iso(r.updated_at),
  }));
  const stock = (await q('SELECT * FROM stock WHERE shop_id = $1 ORDER BY product_id')).map((r) => ({ productId: r.product_id, onHandMilli: r.on_hand_milli, updatedAt: iso(r.updated_at) }));
  const movements = (await q('SELECT * FROM movements WHERE shop_id = $1 ORDER BY id')).map((r) => ({
    id: r.id, productId: r.product_id, kind: r.kind, qtyMilli: r.qty_milli, unitCostMinor: r.unit_cost_minor, unitPriceMinor: r.unit_price_minor,
    reason: r.reason, reference: r.reference, lot: r.lot, expiry: r.expiry, userId: r.user_id, occurredAt: iso(r.occurred_at), businessDate: r.business_date,
  }));
  const lines = await q('SELECT * FROM sale_lines WHERE shop_id = $1 ORDER BY sale_id, line_no');
  const tenders = await q('SELECT * FROM sale_tenders WHERE shop_id = $1 ORDER BY sale_id, idx');
  const sales = (await q('SELECT * FROM sales WHERE shop_id = $1 ORDER BY id')).map((r) => ({
    id: r.id, receiptNo: r.receipt_no, kind: r.kind, originalSaleId: r.original_sale_id, userId: r.user_id, at: iso(r.at), businessDate: r.business_date,
    subtotalMinor: r.subtotal_minor, discountMinor: r.discount_minor, totalMinor: r.total_minor, currency: r.currency,
    lines: lines.filter((l) => l.sale_id === r.id).map((l) => ({
      lineNo: l.line_no, productId: l.product_id, name: l.name, qtyMilli: l.qty_milli, unitPriceMinor: l.unit_price_minor, discountMinor: l.discount_minor,
      netMinor: l.net_minor, vatRateBp: l.vat_rate_bp, vatMinor: l.vat_minor, movementId: l.movement_id,
    })),
    tenders: tenders.filter((t) => t.sale_id === r.id).map((t) => ({ tender: t.tender, amountMinor: t.amount_minor })),
  }));
  const events = (await q('SELECT * FROM events WHERE shop_id = $1 ORDER BY id')).map((r) => ({ id: r.id, at: iso(r.at), entity: r.entity, action: r.action, entityId: r.entity_id, data: r.data }));
  const lotRows = await q("SELECT product_id, lot, to_char(expiry, 'YYYY-MM-DD') AS expiry, milli FROM lots WHERE shop_id = $1 ORDER BY product_id, expiry, lot");
  const lots = [...new Set(lotRows.map((r) => r.product_id))].map((productId) => ({
    productId,
    lots: lotRows.filter((r) => r.product_id === productId).map((r) => ({ lot: r.lot, expiry: r.expiry, milli: r.milli })),
  }));
  return { products, stock, lots, movements, sales, events };
}

/** The push as the server should hold it: instants in UTC. */
function normalised(push: SyncPush): Omit<SyncPush, 'protocol' | 'shop'> {
  const utc = (s: string) => new Date(s).toISOString();
  return {
    products: push.products.map((p) => ({ ...p, updatedAt: utc(p.updatedAt) })),
    stock: push.stock.map((s) => ({ ...s, updatedAt: utc(s.updatedAt) })),
    lots: push.lots,
    movements: push.movements.map((m) => ({ ...m, occurredAt: utc(m.occurredAt) })),
    sales: push.sales.map((s) => ({ ...s, at: utc(s.at) })),
    events: push.events.map((e) => ({ ...e, at: utc(e.at) })),
  };
}

describe('the sync server: health and authentication', () => {
  it('GET /v1/health answers without a token, with the protocol version', async () => {
    const { app } = await setup();
    const res = await fetch(`${app.base}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, protocol: SYNC_PROTOCOL });
    await app.close();
  });

  it('a push without a token, with an unknown token or with an owner key is refused 401 and stores nothing', async () => {
    const { pool, app, shop } = await setup();
    const ownerKey = await addOwnerKey(pool);
    for (const token of [null, 'shk_' + 'A'.repeat(43), ownerKey, shop.token.slice(0, -1)]) {
      const res = await postPush(app.base, token, samplePush());
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ ok: false, code: 'unauthorized' });
    }
    const basic = await fetch(`${app.base}/v1/push`, { method: 'POST', headers: { Authorization: `Basic ${shop.token}` }, body: JSON.stringify(samplePush()) });
    expect(basic.status).toBe(401);
    expect(await counts(pool)).toEqual(EMPTY);
    const row = (await pool.query('SELECT currency, last_push_at FROM shops WHERE id = $1', [shop.id])).rows[0];
    expect(row).toEqual({ currency: null, last_push_at: null });
    await app.close();
  });

  it('tokens and owner keys are stored only as their sha256', async () => {
    const { pool, app, shop } = await setup();
    const key = await addOwnerKey(pool);
    expect(shop.token).toMatch(/^shk_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatch(/^own_[A-Za-z0-9_-]{43}$/);
    const { rows } = await pool.query('SELECT token_hash FROM shops');
    expect(rows).toEqual([{ token_hash: hashSecret(shop.token) }]);
    expect(hashSecret(shop.token)).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify([(await pool.query('SELECT * FROM shops')).rows, (await pool.query('SELECT * FROM owner_keys')).rows]);
    expect(dump).not.toContain(shop.token.slice(4));
    expect(dump).not.toContain(key.slice(4));
    await app.close();
  });
});

describe('POST /v1/push stores a shop\'s rows', () => {
  it('stores every row, and they read back equal to what was sent (money, 1.250 kg as 1250 milli, null lots, event JSON)', async () => {
    const { pool, app, shop } = await setup();
    const push = samplePush();
    const res = await postPush(app.base, shop.token, push);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      shopId: shop.id,
      stored: { products: 2, stock: 2, lots: 1, movements: 3, sales: 1, events: 2 },
      serverTime: '2026-05-04T10:00:00.000Z',
    });
    expect(await readBack(pool, shop.id)).toEqual(normalised(push));
    // the fractional quantity, spelled out
    expect((await pool.query('SELECT qty_milli FROM sale_lines')).rows).toEqual([{ qty_milli: 1250 }]);
    const row = (await pool.query('SELECT name, currency, app_version, last_push_at FROM shops WHERE id = $1', [shop.id])).rows[0];
    expect(row).toEqual({ name: 'Dakar Plateau', currency: 'XOF', app_version: '0.1.0', last_push_at: new Date('2026-05-04T10:00:00.000Z') });
    await app.close();
  });

  it('the same push sent again stores nothing: the ack counts 0 and the row counts do not change', async () => {
    const { pool, app, shop } = await setup();
    await postPush(app.base, shop.token, samplePush());
    const before = await counts(pool);
    const again = await postPush(app.base, shop.token, samplePush());
    expect(again.status).toBe(200);
    expect(again.body.stored).toEqual({ products: 0, stock: 0, lots: 0, movements: 0, sales: 0, events: 0 });
    expect(await counts(pool)).toEqual(before);
    await app.close();
  });

  it('a history sent in two overlapping batches is stored once, each ack counting only the rows new to the server', async () => {
    const { pool, app, shop } = await setup();
    const all = samplePush();
    const movements = [...all.movements, ...[13, 14, 15].map((id) => ({ ...all.movements[2], id, reference: `T-${id}` }))];
    const sales = [100, 101, 102].map((id, i) => ({ ...all.sales[0], id, receiptNo: i + 1 }));
    const first = await postPush(app.base, shop.token, samplePush({ movements: movements.slice(0, 4), sales: sales.slice(0, 2), events: all.events.slice(0, 1) }));
    // the connection was cut after the server committed: the shop sends again from where it believed it stood
    const second = await postPush(app.base, shop.token, samplePush({ movements: movements.slice(2), sales: sales.slice(1), events: all.events }));
    expect(first.body.stored).toEqual({ products: 2, stock: 2, lots: 1, movements: 4, sales: 2, events: 1 });
    expect(second.body.stored).toEqual({ products: 0, stock: 0, lots: 0, movements: 2, sales: 1, events: 1 });
    expect(await counts(pool)).toEqual({ products: 2, stock: 2, lots: 1, movements: 6, sales: 3, sale_lines: 3, sale_tenders: 6, events: 2 });
    await app.close();
  });

  it('the latest push wins for products and stock, even when the shop PC clock went back; the same row again stores nothing', async () => {
    const { pool, app, shop } = await setup();
    const base = samplePush();
    const first = { ...base.products[0], priceMinor: 700, updatedAt: '2026-05-05T08:00:00.000Z' };
    await postPush(app.base, shop.token, samplePush({ products: [first], stock: [{ productId: 1, onHandMilli: 40_000, updatedAt: '2026-05-05T08:00:00.000Z' }] }));
    // the PC's clock was set back a day (a flat BIOS battery): the price changed after the first push still arrives
    const later = await postPush(app.base, shop.token, samplePush({ products: [{ ...first, priceMinor: 750, updatedAt: '2026-05-04T09:00:00.000Z' }], stock: [{ productId: 1, onHandMilli: 38_000, updatedAt: '2026-05-04T09:00:00.000Z' }] }));
    expect(later.body.stored).toMatchObject({ products: 1, stock: 1 });
    expect((await pool.query('SELECT price_minor FROM products WHERE shop_id = $1 AND id = 1', [shop.id])).rows).toEqual([{ price_minor: 750 }]);
    expect((await pool.query('SELECT on_hand_milli FROM stock WHERE shop_id = $1 AND product_id = 1', [shop.id])).rows).toEqual([{ on_hand_milli: 38_000 }]);
    const again = await postPush(app.base, shop.token, samplePush({ products: [{ ...first, priceMinor: 750, updatedAt: '2026-05-04T09:00:00.000Z' }], stock: [] }));
    expect(again.body.stored).toMatchObject({ products: 0 });
    await app.close();
  });

  it('a push from a new epoch (the shop file restored from a backup) replaces all the server held of that shop, and no other shop', async () => {
    const { pool, app, shop } = await setup();
    const other = await addShop(pool, 'Autre boutique');
    await postPush(app.base, shop.token, samplePush());
    await postPush(app.base, other.token, samplePush());
    const before = await counts(pool);
    // the restored file sells again under ids the server already holds, with other amounts
    const restored = samplePush({ shop: { ...samplePush().shop, epoch: 'epoch-two' } });
    const sale = { ...restored.sales[0], totalMinor: 7000, subtotalMinor: 7000 };
    const res = await postPush(app.base, shop.token, { ...restored, sales: [sale] });
    expect(res.status).toBe(200);
    expect(res.body.stored).toMatchObject({ sales: 1, movements: restored.movements.length });
    const held = (await pool.query('SELECT id, total_minor FROM sales WHERE shop_id = $1', [shop.id])).rows;
    expect(held).toEqual([{ id: sale.id, total_minor: 7000 }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM sales WHERE shop_id = $1', [other.id])).rows[0].n).toBe(before.sales / 2);
    // the same epoch again: an ordinary resend, nothing dropped
    const again = await postPush(app.base, shop.token, { ...restored, sales: [sale] });
    expect(again.body.stored).toMatchObject({ sales: 0, movements: 0 });
    await app.close();
  });

  it('a push from another shop file under the same token (a second PC given the key by mistake) is refused 409 key_in_use and wipes nothing; new-key lets a PC that replaces the old one take over', async () => {
    const { pool, app, shop } = await setup();
    const first = samplePush({ shop: { ...samplePush().shop, tag: '0a1b2c3d' } });
    expect((await postPush(app.base, shop.token, first)).status).toBe(200);
    const before = await counts(pool);
    // the second PC: another file (tag), its own epoch and ids that clash with the first shop's
    const second = samplePush({ shop: { ...samplePush().shop, epoch: 'epoch-pc-two', tag: 'ffee0011' } });
    const sale = { ...second.sales[0], totalMinor: 800, subtotalMinor: 800 };
    const refused = await postPush(app.base, shop.token, { ...second, sales: [sale] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, code: 'key_in_use', field: 'shop.tag' });
    expect(refused.body.message).toMatch(/already used by another shop PC.*0a1b2c3d.*ffee0011.*add-shop.*new-key/);
    expect(await counts(pool)).toEqual(before);
    expect((await pool.query('SELECT epoch, file_tag FROM shops WHERE id = $1', [shop.id])).rows).toEqual([{ epoch: 'epoch-one', file_tag: '0a1b2c3d' }]);
    // the first shop's file goes on pushing, and so does a push from an app too old to send its tag
    expect((await postPush(app.base, shop.token, first)).status).toBe(200);
    const { tag: _tag, ...untagged } = first.shop;
    expect((await postPush(app.base, shop.token, { ...first, shop: untagged })).status).toBe(200);
    expect((await pool.query('SELECT file_tag FROM shops WHERE id = $1', [shop.id])).rows[0].file_tag).toBe('0a1b2c3d');

    // the first PC died without a backup: the owner gives the shop a new token, and the new PC takes it over
    const renewed = await replaceShopToken(pool, shop.id);
    const took = await postPush(app.base, renewed!.token, { ...second, sales: [sale] });
    expect(took.status).toBe(200);
    expect((await pool.query('SELECT id, total_minor FROM sales WHERE shop_id = $1', [shop.id])).rows).toEqual([{ id: sale.id, total_minor: 800 }]);
    expect((await pool.query('SELECT file_tag FROM shops WHERE id = $1', [shop.id])).rows[0].file_tag).toBe('ffee0011');
    await app.close();
  });

  it("a product's lots are replaced by each push that carries them; a product not carried keeps its lots; a new epoch drops them", async () => {
    const { pool, app, shop } = await setup();
    const lotsHeld = async () =>
      (await pool.query("SELECT product_id, lot, to_char(expiry, 'YYYY-MM-DD') AS expiry, milli FROM lots WHERE shop_id = $1 ORDER BY product_id, expiry, lot", [shop.id])).rows;
    const lot = (name: string, expiry: string, milli: number) => ({ lot: name, expiry, milli });
    await postPush(app.base, shop.token, samplePush({ lots: [{ productId: 1, lots: [lot('A', '2026-05-20', 3_000), lot('B', '2026-07-01', 5_000)] }, { productId: 2, lots: [lot('L24-07', '2026-06-30', 12_000)] }] }));
    // lot A sold out and B sold 1: the shop sends product 1's lots whole; product 2 did not move
    const res = await postPush(app.base, shop.token, samplePush({ lots: [{ productId: 1, lots: [lot('B', '2026-07-01', 4_000)] }] }));
    expect(res.body.stored).toMatchObject({ lots: 2 });
    expect(await lotsHeld()).toEqual([
      { product_id: 1, lot: 'B', expiry: '2026-07-01', milli: 4_000 },
      { product_id: 2, lot: 'L24-07', expiry: '2026-06-30', milli: 12_000 },
    ]);
    // every lot of product 2 gone (written off): an empty list clears it
    await postPush(app.base, shop.token, samplePush({ lots: [{ productId: 2, lots: [] }] }));
    expect(await lotsHeld()).toEqual([{ product_id: 1, lot: 'B', expiry: '2026-07-01', milli: 4_000 }]);
    await postPush(app.base, shop.token, samplePush({ shop: { ...samplePush().shop, epoch: 'epoch-two' }, lots: [] }));
    expect(await lotsHeld()).toEqual([]);
    await app.close();
  });

  it('a push from a shop running an older Shelfcast, without lots, is stored', async () => {
    const { pool, app, shop } = await setup();
    const { lots: _lots, ...older } = samplePush();
    const res = await postPush(app.base, shop.token, older);
    expect(res.status).toBe(200);
    expect(res.body.stored).toMatchObject({ lots: 0, movements: 3, sales: 1 });
    expect((await counts(pool)).lots).toBe(0);
    await app.close();
  });

  it('a product sent twice in one batch keeps the later version', async () => {
    const { pool, app, shop } = await setup();
    const rice = samplePush().products[0];
    // the later in the batch, whatever its updatedAt: the shop reads its rows in the order they were written
    const res = await postPush(app.base, shop.token, samplePush({ products: [rice, { ...rice, priceMinor: 800, updatedAt: '2026-04-30T00:00:00.000Z' }], stock: [] }));
    expect(res.status).toBe(200);
    expect(res.body.stored).toMatchObject({ products: 1 });
    expect((await pool.query('SELECT price_minor FROM products')).rows).toEqual([{ price_minor: 800 }]);
    await app.close();
  });

  it('each push records the name the shop gives itself and its app version, and keeps the owner label from add-shop', async () => {
    const { pool, app, shop } = await setup();
    const label = (await pool.query('SELECT name FROM shops WHERE id = $1', [shop.id])).rows[0].name as string;
    await postPush(app.base, shop.token, samplePush());
    await postPush(app.base, shop.token, samplePush({ shop: { name: 'Ma boutique', epoch: 'epoch-one', currency: 'XOF', appVersion: '0.2.0' }, products: [], stock: [], movements: [], sales: [], events: [] }));
    expect((await pool.query('SELECT name, reported_name, app_version FROM shops WHERE id = $1', [shop.id])).rows).toEqual([{ name: label, reported_name: 'Ma boutique', app_version: '0.2.0' }]);
    await app.close();
  });

  it('a full batch, 500 rows of each kind, is stored in one statement per table, not one per row', async () => {
    const { pool, app, shop } = await setup();
    const base = samplePush();
    const ids = Array.from({ length: SYNC_BATCH_ROWS }, (_, i) => i + 1);
    const push = samplePush({
      products: ids.map((id) => ({ ...base.products[0], id, sku: `SKU-${id}` })),
      stock: ids.map((productId) => ({ ...base.stock[0], productId })),
      lots: ids.map((productId) => ({ productId, lots: [{ lot: `L-${productId}`, expiry: '2026-06-30', milli: 1_000 }] })),
      movements: ids.map((id) => ({ ...base.movements[0], id })),
      sales: ids.map((id) => ({ ...base.sales[0], id, receiptNo: id })),
      events: ids.map((id) => ({ ...base.events[0], id })),
    });
    let statements = 0;
    const counting = {
      connect: async () => {
        const client = await pool.connect();
        return new Proxy(client, { get: (target, prop) => (prop === 'query' ? (...args: Parameters<pg.PoolClient['query']>) => (statements++, target.query(...args)) : Reflect.get(target, prop)) });
      },
    } as unknown as pg.Pool;
    const result = await ingestPush(counting, shop.id, push);
    expect(result).toEqual({ ok: true, stored: { products: 500, stock: 500, lots: 500, movements: 500, sales: 500, events: 500 } });
    // BEGIN, the shop's row, its update, products, stock, lots gone and written, movements, sales, lines, tenders, events, COMMIT
    expect(statements).toBe(13);
    expect(await counts(pool)).toEqual({ products: 500, stock: 500, lots: 500, movements: 500, sales: 500, sale_lines: 500, sale_tenders: 1000, events: 500 });
    await app.close();
  });

  it('a gzip-compressed push is accepted', async () => {
    const { pool, app, shop } = await setup();
    const res = await postPush(app.base, shop.token, samplePush(), { gzip: true });
    expect(res.status).toBe(200);
    expect(res.body.stored).toEqual({ products: 2, stock: 2, lots: 1, movements: 3, sales: 1, events: 2 });
    expect((await counts(pool)).movements).toBe(3);
    await app.close();
  });
});

describe('POST /v1/push refuses what it cannot take, naming why, and stores nothing', () => {
  it('a push in another currency than the first is refused 409 currency_changed on shop.currency, in one transaction', async () => {
    const { pool, app, shop } = await setup();
    await postPush(app.base, shop.token, samplePush());
    const before = await counts(pool);
    const extra = { ...samplePush().movements[0], id: 99 };
    const res = await postPush(app.base, shop.token, samplePush({ shop: { name: 'Renamed', epoch: 'epoch-one', currency: 'EUR', appVersion: '9' }, movements: [extra] }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, code: 'currency_changed', field: 'shop.currency' });
    expect(res.body.message).toMatch(/XOF.*EUR/);
    expect(await counts(pool)).toEqual(before);
    expect((await pool.query('SELECT 1 FROM movements WHERE id = 99')).rowCount).toBe(0);
    expect((await pool.query('SELECT name, currency, app_version FROM shops')).rows).toEqual([{ name: 'Dakar Plateau', currency: 'XOF', app_version: '0.1.0' }]);
    await app.close();
  });

  it.each([
    ['a quantity sent as a string', (p: SyncPush) => void ((p.movements[2] as { qtyMilli: unknown }).qtyMilli = '1250'), 'movements.2.qtyMilli', /expected number/],
    ['a negative product id', (p: SyncPush) => void (p.products[1].id = -2), 'products.1.id', /too small|>0/],
    ['a fractional amount of money', (p: SyncPush) => void (p.sales[0].tenders[1].amountMinor = 3.5), 'sales.0.tenders.1.amountMinor', /expected int/],
    ['an unknown currency', (p: SyncPush) => void (p.shop.currency = 'FCFA'), 'shop.currency', /expected one of/],
    ['a missing product list', (p: SyncPush) => void delete (p as Partial<SyncPush>).products, 'products', /expected array/],
    ['an impossible date', (p: SyncPush) => void (p.movements[0].businessDate = '2026-02-30'), 'movements.0.businessDate', /date/],
    ['text with a NUL character', (p: SyncPush) => void (p.products[0].name = 'Riz\u0000'), 'products.0.name', /NUL/],
    ['a NUL character inside event data', (p: SyncPush) => void (p.events[0].data = { note: ['a\u0000'] }), 'events.0.data.note.0', /NUL/],
    ['year 0000', (p: SyncPush) => void (p.events[1].at = '0000-01-01T00:00:00Z'), 'events.1.at', /year 0000/],
    ['event data nested 1000 deep', (p: SyncPush) => void (p.events[0].data = JSON.parse('['.repeat(1000) + ']'.repeat(1000))), 'events.0.data', /deeper than/],
    ['a sale with the same line number twice', (p: SyncPush) => void p.sales[0].lines.push({ ...p.sales[0].lines[0] }), 'sales.0.lines.1.lineNo', /twice/],
  ])('%s is refused 400 bad_request naming the field', async (_what, spoil, field, message) => {
    const { pool, app, shop } = await setup();
    const push = samplePush();
    spoil(push);
    const res = await postPush(app.base, shop.token, push);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, code: 'bad_request', field });
    expect(res.body.message).toMatch(message);
    expect(res.body.message).toContain(field);
    expect(await counts(pool)).toEqual(EMPTY);
    await app.close();
  });

  it('a body that is not JSON, not an object, or not UTF-8 is refused 400 bad_request', async () => {
    const { pool, app, shop } = await setup();
    for (const [raw, message] of [
      ['{"protocol":1,', /not valid JSON/],
      ['[1,2]', /JSON object/],
      [Buffer.from([0x7b, 0xff, 0x7d]), /not UTF-8/],
    ] as const) {
      const res = await postPush(app.base, shop.token, null, { raw });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, code: 'bad_request' });
      expect(res.body.message).toMatch(message);
    }
    const badGzip = await postPush(app.base, shop.token, null, { raw: 'not gzip', headers: { 'Content-Encoding': 'gzip' } });
    expect(badGzip.body).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/not valid gzip/) });
    const brotli = await postPush(app.base, shop.token, null, { raw: '{}', headers: { 'Content-Encoding': 'br' } });
    expect(brotli.body).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/"br" is not supported/) });
    expect(await counts(pool)).toEqual(EMPTY);
    await app.close();
  });

  it('a value PostgreSQL cannot take that the schema lets through (a +16:00 offset) is refused 400 bad_request, nothing stored', async () => {
    const { pool, app, shop } = await setup();
    const push = samplePush();
    push.movements[1].occurredAt = '2026-05-03T17:05:00+16:00';
    const res = await postPush(app.base, shop.token, push);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/could not be stored: .*\+16:00/) });
    expect(await counts(pool)).toEqual(EMPTY);
    expect((await pool.query('SELECT currency FROM shops')).rows).toEqual([{ currency: null }]);
    await app.close();
  });

  it('a push in protocol 2 is refused 400 protocol', async () => {
    const { pool, app, shop } = await setup();
    const res = await postPush(app.base, shop.token, { ...samplePush(), protocol: 2 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, code: 'protocol', field: 'protocol' });
    expect(res.body.message).toMatch(/protocol 1.*sent 2: update the server/);
    expect(await counts(pool)).toEqual(EMPTY);
    await app.close();
  });

  it('a body over 2 MB on the wire, or over 16 MB once decompressed, is refused 413 too_large', async () => {
    const { pool, app, shop } = await setup();
    const padded = (bytes: number) => JSON.stringify({ ...samplePush(), padding: 'x'.repeat(bytes) });
    const big = await postPush(app.base, shop.token, null, { raw: padded(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ ok: false, code: 'too_large' });
    // a gzip bomb: 17 MB of one letter is a few kB compressed
    const bomb = await postPush(app.base, shop.token, null, { raw: padded(17 * 1024 * 1024), gzip: true });
    expect(bomb.status).toBe(413);
    expect(bomb.body).toMatchObject({ ok: false, code: 'too_large' });
    // 10 MB decompressed from under 2 MB compressed is fine (the padding is ignored by the schema)
    const fine = await postPush(app.base, shop.token, null, { raw: padded(10 * 1024 * 1024), gzip: true });
    expect(fine.status).toBe(200);
    await app.close();
    expect((await counts(pool)).movements).toBe(3);
  });

  it('a body sent in chunks without a length is cut off at 2 MB with 413', async () => {
    const { pool, app, shop } = await setup();
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${app.base}/v1/push`, { method: 'POST', headers: { Authorization: `Bearer ${shop.token}` }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'too_large' });
    expect(await counts(pool)).toEqual(EMPTY);
    await app.close();
  });
});

describe('the sync server: other routes and failures', () => {
  it('an unknown route is 404 and a wrong method 405, both as JSON', async () => {
    const { app } = await setup();
    const missing = await fetch(`${app.base}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, code: 'not_found' });
    const wrong = await fetch(`${app.base}/v1/push`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toMatchObject({ ok: false, code: 'method_not_allowed' });
    await app.close();
  });

  it('an unexpected failure answers 500 with a generic message and logs the stack', async () => {
    const logged: unknown[] = [];
    const broken = { query: () => Promise.reject(new Error('database on fire')) } as unknown as pg.Pool;
    const server = createServer(createSyncApp({ pool: broken, logError: (e) => logged.push(e) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await postPush(base, 'shk_x', samplePush());
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ ok: false, code: 'internal', message: expect.not.stringContaining('fire') });
    expect(logged).toEqual([expect.objectContaining({ message: 'database on fire' })]);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
