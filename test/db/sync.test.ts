import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { clip, SyncCollector } from '../../src/main/services/sync/collect';
import { SyncService } from '../../src/main/services/sync/service';
import type { SyncOutcome, SyncStatus } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { CompletedSale } from '../../src/shared/domain/sale';
import { SYNC_TEXT_MAX } from '../../src/shared/sync/protocol';
import { en, fr } from '../../src/renderer/src/i18n/messages';
import { createSyncApp } from '../../server/src/app';
import { createPool } from '../../server/src/db';
import { addShop, replaceShopToken } from '../../server/src/keys';
import { migrate } from '../../server/src/migrate';
import { must, openTestCore, OWNER_PIN, ownerPin, refused, tempDir } from '../helpers/core';
import { startPostgres } from '../helpers/postgres';

/**
 * The shop's sync client against the real central server (server/) on a real PostgreSQL: what the
 * shop sold, received and changed arrives once, whatever the connection does on the way.
 */
describe('pushing a shop to the central server', () => {
  let postgres: Awaited<ReturnType<typeof startPostgres>>;
  let pool: pg.Pool;
  let server: Server;
  let base: string;
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let key: string;
  let shopId: number;

  const pgCount = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE shop_id = $1`, [shopId])).rows[0].n);
  const sqliteCount = (table: string) => core.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const status = () => must<SyncStatus>(core.call('sync.status', {}));

  beforeAll(async () => {
    postgres = await startPostgres();
    pool = createPool(postgres.url, 4);
    await migrate(pool);
    server = createServer(createSyncApp({ pool }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
    await postgres.stop();
  });

  beforeEach(async () => {
    ({ id: shopId, token: key } = await addShop(pool, `Boutique ${Math.random().toString(36).slice(2, 8)}`));
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00Z'));
    await must(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, costMinor: 2000, vatRateBp: 1800 }));
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz au kilo', priceMinor: 650, costMinor: 500, unit: 'kg' }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 25.5, lot: 'R-7', expiry: '2027-01-31' }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const lotsOnServer = async () =>
    (await pool.query("SELECT product_id, lot, to_char(expiry, 'YYYY-MM-DD') AS expiry, milli FROM lots WHERE shop_id = $1 ORDER BY product_id, expiry, lot", [shopId])).rows.map(
      (r: { product_id: string; lot: string; expiry: string; milli: string }) => [Number(r.product_id), r.lot, r.expiry, Number(r.milli)],
    );

  async function sell(): Promise<CompletedSale> {
    return must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2 }, { productId: 2, quantity: 1.25 }], tenders: [{ tender: 'cash', amountMinor: 10000 }] }));
  }

  it('sends sales, movements, stock, products and the journal once: what PostgreSQL holds matches the shop file, and a second push sends nothing', async () => {
    const sale = await sell();
    await must(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    await must(core.call('sync.configure', { url: `${base}/`, key }));
    const before = await status();
    expect(before).toMatchObject({ url: base, keySet: true, lastSuccessAt: null, pending: { products: 2, movements: 5, sales: 2 } });
    expect(JSON.stringify(before)).not.toContain(key);

    const progress: number[] = [];
    const off = core.onEvent((event, p) => event === 'sync.progress' && progress.push((p as { sent: number }).sent));
    const outcome = await must<SyncOutcome>(core.call('sync.push', {}));
    off();
    expect(outcome.sent).toMatchObject({ products: 2, movements: 5, sales: 2, stock: 2 });
    expect(outcome.sent.events).toBe(sqliteCount('outbox'));
    expect(progress.at(-1)).toBe(outcome.sent.products + outcome.sent.movements + outcome.sent.sales + outcome.sent.events);

    for (const table of ['movements', 'sales', 'sale_lines', 'products']) expect(await pgCount(table)).toBe(sqliteCount(table));
    expect(await pgCount('events')).toBe(sqliteCount('outbox'));
    const stock = (await pool.query('SELECT product_id, on_hand_milli FROM stock WHERE shop_id = $1 ORDER BY product_id', [shopId])).rows;
    const local = core.store.sqlite.prepare('SELECT product_id, on_hand_milli FROM stock ORDER BY product_id').all() as { product_id: number; on_hand_milli: number }[];
    expect(stock.map((r: { product_id: unknown; on_hand_milli: unknown }) => [Number(r.product_id), Number(r.on_hand_milli)])).toEqual(local.map((r) => [r.product_id, r.on_hand_milli]));
    // 25.5 kg received, 1.25 kg sold: the fractional quantity arrives exact
    expect(local.find((r) => r.product_id === 2)?.on_hand_milli).toBe(24_250);
    const lot = (await pool.query("SELECT lot, expiry::text AS expiry FROM movements WHERE shop_id = $1 AND kind = 'receipt' AND product_id = 2", [shopId])).rows[0];
    expect(lot).toEqual({ lot: 'R-7', expiry: '2027-01-31' });
    // what is left of the lot, for the owner's list of lots expiring soon
    expect(await lotsOnServer()).toEqual([[2, 'R-7', '2027-01-31', 24_250]]);
    const takings = (await pool.query("SELECT sum(CASE WHEN kind = 'sale' THEN total_minor ELSE -total_minor END) AS t FROM sales WHERE shop_id = $1", [shopId])).rows[0].t;
    expect(Number(takings)).toBe(sale.cart.totalMinor - 2950);

    const after = await status();
    expect(after).toMatchObject({ pending: { products: 0, movements: 0, sales: 0, events: 0 }, lastFailure: null, lastSuccessAt: '2026-05-04T10:30:00.000Z' });
    expect(core.store.sqlite.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);

    const again = await must<SyncOutcome>(core.call('sync.push', {}));
    expect(again).toMatchObject({ batches: 0, sent: { products: 0, movements: 0, sales: 0, events: 0 } });
    expect(await pgCount('movements')).toBe(sqliteCount('movements'));
  });

  it("each product's lots go with its movements as the shop's FEFO book has them; a shop that pushed before lots travelled sends every product's lots once", async () => {
    await must(core.call('ledger.record', { lines: [{ productId: 2, kind: 'receipt', quantity: 4, lot: 'R-6', expiry: '2026-05-20' }] }));
    await must(core.call('sync.configure', { url: base, key }));
    await must(core.call('sync.push', {}));
    expect(await lotsOnServer()).toEqual([
      [2, 'R-6', '2026-05-20', 4_000],
      [2, 'R-7', '2027-01-31', 25_500],
    ]);
    // 5.25 kg sold: first-expiry-first-out empties R-6 and takes 1.25 from R-7
    await must(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 5.25 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    await must(core.call('sync.push', {}));
    expect(await lotsOnServer()).toEqual([[2, 'R-7', '2027-01-31', 24_250]]);

    // a shop whose rows the server took before lots travelled: its cursors say nothing of lots
    await pool.query('DELETE FROM lots WHERE shop_id = $1', [shopId]);
    const cursors = JSON.parse(core.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursors'").pluck().get() as string) as Record<string, unknown>;
    delete cursors.lotSweep;
    core.store.sqlite.prepare("UPDATE sync_state SET value = ? WHERE key = 'cursors'").run(JSON.stringify(cursors));
    expect((await status()).pending).toMatchObject({ products: 0, movements: 0, sales: 0 });
    const sweep = await must<SyncOutcome>(core.call('sync.push', {}));
    expect(sweep).toMatchObject({ batches: 1, sent: { products: 0, movements: 0, sales: 0 } });
    expect(await lotsOnServer()).toEqual([[2, 'R-7', '2027-01-31', 24_250]]);
    // swept once: the next push has nothing to send
    expect(await must<SyncOutcome>(core.call('sync.push', {}))).toMatchObject({ batches: 0 });
  });

  it("a product's lots are read once per push, with the batch that holds its last movement, not with every batch it moved in", async () => {
    await must(core.call('ledger.record', { lines: [{ productId: 2, kind: 'receipt', quantity: 4, lot: 'R-6', expiry: '2026-05-20' }] }));
    await sell();
    const collector = new SyncCollector(core.store.sqlite);
    // the sweep done: only lots that travel with movements
    let cursors = { products: { seq: -1, id: 0 }, movements: 0, sales: 0, events: 0, lotSweep: null as number | null };
    const batches: { movements: number[]; lots: number[] }[] = [];
    for (;;) {
      const batch = collector.next(cursors, 1);
      if (batch.movements.length === 0) break;
      batches.push({ movements: batch.movements.map((m) => m.productId), lots: batch.lots.map((l) => l.productId) });
      cursors = { ...batch.next, lotSweep: null };
    }
    // the rice moved in the 2nd, 3rd and 5th movements: its lots go once, with the 5th
    expect(batches).toEqual([
      { movements: [1], lots: [] },
      { movements: [2], lots: [] },
      { movements: [2], lots: [] },
      { movements: [1], lots: [] },
      { movements: [2], lots: [2] },
    ]);
  });

  it('a connection cut after the server stored a batch: the failure is told, the next push resends it and the server keeps one copy', async () => {
    for (let i = 0; i < 6; i++) await sell();
    await must(core.call('sync.configure', { url: base, key }));
    let requests = 0;
    // the server stores the third request; its answer is lost on the way back (a phone connection dropping)
    const cutting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (++requests === 3) throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      return response;
    };
    const finished: boolean[] = [];
    const service = (f: typeof fetch) =>
      new SyncService({ store: core.store, now: () => new Date('2026-05-04T10:31:00Z'), settings: () => core.services.settings.get(), version: 'test', logger: silentLogger, onProgress: () => {}, onFinished: (ok) => finished.push(ok), fetch: f, batchRows: 4 });

    const cut = await service(cutting)
      .push()
      .then(() => null, (e: { toShape(): AppErrorShape }) => e.toShape());
    expect(cut).toMatchObject({ code: 'device', details: { reason: 'sync_offline' } });
    expect(cut?.message).toContain('socket hang up');
    const told = await status();
    expect(told.lastFailure).toMatchObject({ code: 'offline', at: '2026-05-04T10:31:00.000Z' });
    expect(told.pending.movements).toBeGreaterThan(0);
    expect(await pgCount('movements')).toBeGreaterThan(0);

    const resumed = await service(fetch).push();
    expect(resumed.batches).toBeGreaterThan(0);
    expect(finished).toEqual([false, true]);
    for (const table of ['movements', 'sales', 'sale_lines', 'sale_tenders', 'products']) expect(await pgCount(table)).toBe(sqliteCount(table));
    expect(await pgCount('events')).toBe(sqliteCount('outbox'));
    expect((await status()).lastFailure).toBeNull();
  });

  it('a product changed after a push goes again with its new price, however it was changed, and the server keeps the latest', async () => {
    await must(core.call('sync.configure', { url: base, key }));
    await must(core.call('sync.push', {}));
    await must(core.call('products.save', { id: 2, sku: 'RIZ', name: 'Riz parfumé au kilo', priceMinor: 700, costMinor: 500, unit: 'kg' }));
    await must(core.call('products.deactivate', { id: 1 }));
    expect((await status()).pending.products).toBe(2);
    await must(core.call('sync.push', {}));
    const rows = (await pool.query('SELECT id, name, price_minor, active FROM products WHERE shop_id = $1 ORDER BY id', [shopId])).rows;
    expect(rows.map((r: { id: unknown; name: string; price_minor: unknown; active: boolean }) => [Number(r.id), r.name, Number(r.price_minor), r.active])).toEqual([
      [1, 'Lait en poudre 400 g', 2950, false],
      [2, 'Riz parfumé au kilo', 700, true],
    ]);
  });

  it('a wrong shop key or an unreachable server: the push fails with a reason, nothing is marked sent, the till is untouched', async () => {
    await sell();
    await must(core.call('sync.configure', { url: base, key: `shk_${'x'.repeat(43)}` }));
    const pending = (await status()).pending;
    const wrongKey = await refused<AppErrorShape>('a push with an unknown key', core.call('sync.push', {}));
    expect(wrongKey).toMatchObject({ code: 'forbidden', details: { reason: 'sync_unauthorized' } });
    expect(await status()).toMatchObject({ pending, lastSuccessAt: null, lastFailure: { code: 'unauthorized' } });
    expect(await pgCount('movements')).toBe(0);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await must(core.call('sync.configure', { url: `http://127.0.0.1:${deadPort}`, key }));
    const offline = await refused<AppErrorShape>('a push to nobody', core.call('sync.push', {}));
    expect(offline).toMatchObject({ code: 'device', details: { reason: 'sync_offline' } });
    expect((await status()).lastFailure).toMatchObject({ code: 'offline' });
    // the till goes on selling meanwhile
    await sell();
    expect((await status()).pending.sales).toBe(pending.sales + 1);
  });

  it("this shop's key pasted on a second shop PC: that PC is refused and told why, the first shop's copy is untouched; after new-key a PC replacing the old one takes over, but not in another currency", async () => {
    await sell();
    await must(core.call('sync.configure', { url: base, key }));
    await must(core.call('sync.push', {}));
    const held = { sales: await pgCount('sales'), movements: await pgCount('movements'), products: await pgCount('products') };
    expect(held).toEqual({ sales: 1, movements: 4, products: 2 });

    const tmp2 = tempDir();
    const other = openTestCore(tmp2.dir, () => new Date('2026-05-04T11:00:00Z'));
    const tmp3 = tempDir();
    const euros = openTestCore(tmp3.dir);
    try {
      // another shop, given the same key by mistake: its ids clash with the first shop's
      await must(other.call('products.save', { sku: 'SAV', name: 'Savon', priceMinor: 300 }));
      await must(other.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 5 }] }));
      await must(other.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 300 }] }));
      await must(other.call('sync.configure', { url: base, key }));
      const inUse = await refused<AppErrorShape>('a push from a second shop PC with the same key', other.call('sync.push', {}));
      expect(inUse).toMatchObject({ code: 'device', details: { reason: 'sync_key_in_use' } });
      const otherStatus = await must<SyncStatus>(other.call('sync.status', {}));
      expect(otherStatus).toMatchObject({ lastSuccessAt: null, lastFailure: { code: 'key_in_use' }, pending: { products: 1, sales: 1 } });
      expect(otherStatus.lastFailure?.message).toMatch(/already used by another shop PC/);
      expect({ sales: await pgCount('sales'), movements: await pgCount('movements'), products: await pgCount('products') }).toEqual(held);

      // the first shop goes on pushing as before
      await sell();
      await must(core.call('sync.push', {}));
      expect(await pgCount('sales')).toBe(2);

      // the first PC is replaced without a backup: new-key, then the new PC takes the shop over...
      const renewed = await replaceShopToken(pool, shopId);
      // ...but not a PC in euros: the server holds this shop in FCFA
      await must(euros.call('settings.save', { currency: 'EUR' }));
      await must(euros.call('products.save', { sku: 'X', name: 'X', priceMinor: 100 }));
      await must(euros.call('sync.configure', { url: base, key: renewed!.token }));
      const refusedCurrency = await refused<AppErrorShape>('a push in euros to an XOF shop', euros.call('sync.push', {}));
      expect(refusedCurrency.details).toMatchObject({ reason: 'sync_currency_changed' });
      expect(await must<SyncStatus>(euros.call('sync.status', {}))).toMatchObject({ lastFailure: { code: 'currency_changed' } });
      expect(await pgCount('sales')).toBe(2);

      await must(other.call('sync.configure', { url: base, key: renewed!.token }));
      await must(other.call('sync.push', {}));
      expect(await must<SyncStatus>(other.call('sync.status', {}))).toMatchObject({ lastFailure: null, pending: { products: 0, sales: 0 } });
      expect(await pgCount('sales')).toBe(1);
      expect((await pool.query('SELECT name FROM products WHERE shop_id = $1', [shopId])).rows).toEqual([{ name: 'Savon' }]);
      // the old PC's key no longer works
      await sell();
      expect(await refused<AppErrorShape>('the old key after new-key', core.call('sync.push', {}))).toMatchObject({ details: { reason: 'sync_unauthorized' } });
    } finally {
      other.close();
      tmp2.cleanup();
      euros.close();
      tmp3.cleanup();
    }
  });

  it('the address and key are checked and only the owner sets them; another server starts from the first row; an empty address stops it', async () => {
    const url = await refused<AppErrorShape>('plain http across the internet', core.call('sync.configure', { url: 'http://203.0.113.9:8787', key }));
    expect(url).toMatchObject({ code: 'validation', field: 'url', message: 'url: https is required, except to this computer or the shop network' });
    expect(await refused<AppErrorShape>('not an address', core.call('sync.configure', { url: 'shelfcast.example.com', key }))).toMatchObject({ field: 'url' });
    expect(await refused<AppErrorShape>('a key that is not one', core.call('sync.configure', { url: 'https://shelfcast.example.com', key: 'password' }))).toMatchObject({ field: 'key' });
    expect(await refused<AppErrorShape>('an address without a key', core.call('sync.configure', { url: 'https://shelfcast.example.com' }))).toMatchObject({ field: 'key', details: { reason: 'sync_key_required' } });
    expect((await status()).url).toBe('');
    for (const lan of ['http://192.168.1.20:8787', 'http://localhost:8787', 'https://shelfcast.example.com']) await must(core.call('sync.configure', { url: lan, key }));

    await must(core.call('sync.configure', { url: base, key }));
    await must(core.call('sync.push', {}));
    expect((await status()).pending.movements).toBe(0);
    const { token: otherKey } = await addShop(pool, 'Une autre');
    await must(core.call('sync.configure', { url: base, key: otherKey }));
    expect((await status()).pending.movements).toBe(sqliteCount('movements'));
    // the key is kept when only the address is given again
    await must(core.call('sync.configure', { url: base }));
    expect((await status()).keySet).toBe(true);

    await ownerPin(core);
    const manager = await must<{ id: number }>(core.call('users.save', { name: 'Awa', role: 'manager', pin: '4821', active: true }));
    const cashier = await must<{ id: number }>(core.call('users.save', { name: 'Moussa', role: 'cashier', pin: '1357', active: true }));
    await must(core.call('session.login', { userId: cashier.id, pin: '1357' }));
    expect(await refused<AppErrorShape>('a cashier reading the sync status', core.call('sync.status', {}))).toMatchObject({ code: 'forbidden' });
    expect(await refused<AppErrorShape>('a cashier pushing', core.call('sync.push', {}))).toMatchObject({ code: 'forbidden' });
    await must(core.call('session.login', { userId: manager.id, pin: '4821' }));
    expect(await refused<AppErrorShape>('a manager changing the server', core.call('sync.configure', { url: '' }))).toMatchObject({ code: 'forbidden' });
    await must(core.call('sync.push', {}));

    const owner = core.services.session.owner();
    await must(core.call('session.login', { userId: owner.id, pin: OWNER_PIN }));
    await must(core.call('sync.configure', { url: '' }));
    expect(await status()).toMatchObject({ url: '', keySet: false });
    expect(await refused<AppErrorShape>('a push with no server', core.call('sync.push', {}))).toMatchObject({ field: 'url', details: { reason: 'sync_not_configured' } });
  });

  it('after a backup is restored, the server drops its copy of the shop and takes the restored file anew: sales rung up after the restore reuse ids and still arrive', async () => {
    await must(core.call('sync.configure', { url: base, key }));
    await sell();
    const backup = await must<{ file: string }>(core.call('backup.create', {}));
    await sell(); // undone by the restore
    await must(core.call('sync.push', {}));
    await must(core.call('backup.restore', { file: backup.file }));
    core.close();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T11:00:00Z')); // the restore happens at this start
    const after = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 3 }], tenders: [{ tender: 'cash', amountMinor: 10_000 }] }));
    expect(after.saleId).toBe(2); // the id the undone sale had on the server
    expect((await status()).pending.sales).toBe(2);
    await must(core.call('sync.push', {}));
    const sales = (await pool.query('SELECT id, total_minor FROM sales WHERE shop_id = $1 ORDER BY id', [shopId])).rows;
    expect(sales.map((r: { id: unknown; total_minor: unknown }) => [Number(r.id), Number(r.total_minor)])).toEqual(
      (core.store.sqlite.prepare('SELECT id, total_minor FROM sales ORDER BY id').all() as { id: number; total_minor: number }[]).map((r) => [r.id, r.total_minor]),
    );
    for (const table of ['movements', 'sale_lines', 'products']) expect(await pgCount(table)).toBe(sqliteCount(table));
  });

  it('rows longer than the server takes (an 80-line receipt of goods, a name from an old import, a logo in the journal) are clipped, never left blocking every later push', async () => {
    await must(core.call('sync.configure', { url: base, key }));
    // an import took a 325-character name (the product form stops at 200); a sale line keeps it
    core.store.sqlite.prepare('UPDATE products SET name = ? WHERE id = 1').run(`Lait ${'très '.repeat(64)}`);
    await sell();
    // one delivery of 80 lines: its journal row names 80 movement ids
    await must(core.call('ledger.record', { lines: Array.from({ length: 80 }, (_, i) => ({ productId: 1 + (i % 2), kind: 'receipt', quantity: 1 })) }));
    const logo = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(200_000)}`;
    await must(core.call('settings.save', { logo }));
    await must(core.call('settings.save', { overstockDays: 60 }));
    await must(core.call('sync.push', {}));
    for (const table of ['movements', 'sales', 'products']) expect(await pgCount(table)).toBe(sqliteCount(table));
    const name = (await pool.query('SELECT name FROM products WHERE shop_id = $1 AND id = 1', [shopId])).rows[0].name as string;
    expect(name).toHaveLength(300);
    expect(name.endsWith('…')).toBe(true);
    const ids = (await pool.query("SELECT entity_id FROM events WHERE shop_id = $1 AND entity = 'movement' ORDER BY id DESC LIMIT 1", [shopId])).rows[0].entity_id as string;
    expect(ids).toHaveLength(200);
    const settingsEvent = (await pool.query("SELECT data FROM events WHERE shop_id = $1 AND entity = 'settings' ORDER BY id LIMIT 1", [shopId])).rows[0].data as { logo: string };
    expect(settingsEvent.logo).toBe(`(image, ${logo.length} characters)`);
    // the shop's own journal keeps the size too, not a copy of the image per save
    expect(core.store.sqlite.prepare("SELECT max(length(detail)) FROM audit WHERE entity = 'settings'").pluck().get()).toBeLessThan(500);
  });

  it('a NUL character from an imported file (which PostgreSQL cannot store) is dropped on the way, never left blocking every later push', async () => {
    await must(core.call('sync.configure', { url: base, key }));
    core.store.sqlite.prepare('UPDATE products SET name = ? WHERE id = 1').run('Lait\u0000 entier');
    await sell();
    core.store.sqlite.prepare("INSERT INTO outbox (at, entity, payload) VALUES (?, 'note', ?)").run('2026-05-04T10:00:00.000Z', JSON.stringify({ action: 'add', id: '1', data: { 'k\u0000': 'v\u0000', list: ['a\u0000'] } }));
    await must(core.call('sync.push', {}));
    expect((await status()).pending).toMatchObject({ sales: 0, products: 0, events: 0 });
    expect((await pool.query('SELECT name FROM products WHERE shop_id = $1 AND id = 1', [shopId])).rows[0].name).toBe('Lait entier');
    expect((await pool.query("SELECT data FROM events WHERE shop_id = $1 AND entity = 'note'", [shopId])).rows[0].data).toEqual({ k: 'v', list: ['a'] });
  });

  it('big receipts: a batch over the size limit, or refused 413 by the server, is halved until it passes, and everything arrives', async () => {
    for (let i = 0; i < 6; i++) await sell();
    await must(core.call('sync.configure', { url: base, key }));
    const service = (batchBytes?: number) =>
      new SyncService({ store: core.store, now: () => new Date('2026-05-04T10:31:00Z'), settings: () => core.services.settings.get(), version: 'test', logger: silentLogger, onProgress: () => {}, onFinished: () => {}, batchBytes });
    const halved = await service(6_000).push();
    expect(halved.batches).toBeGreaterThan(2);
    expect(await pgCount('sales')).toBe(6);

    // a server that takes less than the shop thought (a proxy's limit): 413, then smaller batches
    const small = createServer(createSyncApp({ pool, limits: { wire: 100_000, decoded: 4_000 } }));
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    try {
      const { id, token } = await addShop(pool, 'Petite limite');
      await must(core.call('sync.configure', { url: `http://127.0.0.1:${(small.address() as AddressInfo).port}`, key: token }));
      const outcome = await service().push();
      expect(outcome.sent.sales).toBe(6);
      expect(Number((await pool.query('SELECT count(*) AS n FROM movements WHERE shop_id = $1', [id])).rows[0].n)).toBe(sqliteCount('movements'));
    } finally {
      await new Promise((resolve) => small.close(resolve));
    }
  });

  it('a server that redirects (http to https behind a proxy) is not followed: the key stays home and the screen is told the new address', async () => {
    const moved = createServer((_req, res) => {
      res.writeHead(308, { location: 'https://shelfcast.example.com/v1/push' });
      res.end();
    });
    await new Promise<void>((resolve) => moved.listen(0, '127.0.0.1', resolve));
    try {
      await must(core.call('sync.configure', { url: `http://127.0.0.1:${(moved.address() as AddressInfo).port}`, key }));
      const refusal = await refused<AppErrorShape>('a push answered with a redirect', core.call('sync.push', {}));
      expect(refusal.details).toMatchObject({ reason: 'sync_moved', message: 'https://shelfcast.example.com' });
      expect((await status()).lastFailure).toMatchObject({ code: 'moved', message: 'https://shelfcast.example.com' });
    } finally {
      await new Promise((resolve) => moved.close(resolve));
    }
  });
  it("a network that sent too many wrong keys is refused a while (the server's rate limit): the shop says so in plain words, and its own good key still goes through", async () => {
    await sell();
    const limited = createServer(createSyncApp({ pool, rateLimit: { failures: 2 } }));
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}`;
      await must(core.call('sync.configure', { url, key: `shk_${'x'.repeat(43)}` }));
      for (let i = 0; i < 2; i++) expect((await refused<AppErrorShape>('an unknown key', core.call('sync.push', {}))).details).toMatchObject({ reason: 'sync_unauthorized' });
      const busy = await refused<AppErrorShape>('a push from a network refused for a while', core.call('sync.push', {}));
      expect(busy.details).toMatchObject({ reason: 'sync_rate_limited' });
      expect((await status()).lastFailure).toMatchObject({ code: 'rate_limited' });
      expect(await pgCount('sales')).toBe(0);
      // the shop's own key, from the same address, is not held up
      await must(core.call('sync.configure', { url, key }));
      await must(core.call('sync.push', {}));
      expect(await pgCount('sales')).toBe(1);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
    }
  });

  /** A sync server on this PostgreSQL whose clock reads `now`; closed by the returned function. */
  async function serverAt(now: () => Date): Promise<{ url: string; close(): Promise<void> }> {
    const other = createServer(createSyncApp({ pool, now }));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`, close: () => new Promise((resolve) => other.close(() => resolve())) };
  }

  it("the server's clock in each ack is kept: a shop PC 3 hours ahead is told so in sync.status, one a few minutes off is not, and another server starts afresh", async () => {
    // the shop PC says 10:30; the server, 07:30
    const behind = await serverAt(() => new Date('2026-05-04T07:30:00Z'));
    const inLine = await serverAt(() => new Date('2026-05-04T10:26:00Z'));
    try {
      await must(core.call('sync.configure', { url: behind.url, key }));
      expect((await status()).clockOff).toBeNull();
      await sell();
      await must(core.call('sync.push', {}));
      expect(await status()).toMatchObject({ lastFailure: null, clockOff: { minutes: 180, at: '2026-05-04T10:30:00.000Z' } });
      // kept in the shop file, as the cursors are
      expect(JSON.parse(core.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'clock'").pluck().get() as string)).toEqual({ offsetMs: 3 * 3_600_000, at: '2026-05-04T10:30:00.000Z' });
      // a push with nothing to send asks nothing of the server: what it said last stands
      expect(await must<SyncOutcome>(core.call('sync.push', {}))).toMatchObject({ batches: 0 });
      expect((await status()).clockOff?.minutes).toBe(180);

      // another server: its clock is its own, not known until it answers; 4 minutes is the request's own time
      const { token } = await addShop(pool, 'Horloge juste');
      await must(core.call('sync.configure', { url: inLine.url, key: token }));
      expect((await status()).clockOff).toBeNull();
      await must(core.call('sync.push', {}));
      expect(await status()).toMatchObject({ lastFailure: null, clockOff: null });
      expect(core.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'clock'").pluck().get()).toBe(JSON.stringify({ offsetMs: 4 * 60_000, at: '2026-05-04T10:30:00.000Z' }));
    } finally {
      await behind.close();
      await inLine.close();
    }
  });

  it('a name cut at the server\'s limit keeps its emoji whole or leaves it out, never half of one ("�"), and stays within the limit', async () => {
    const max = SYNC_TEXT_MAX.name;
    const name = `${'a'.repeat(max - 2)}😀bbbb`;
    expect(clip(name, max)).toBe(`${'a'.repeat(max - 2)}…`);
    expect(clip(`${'a'.repeat(max - 3)}😀bbbb`, max)).toBe(`${'a'.repeat(max - 3)}😀…`);
    expect(clip(`${'a'.repeat(max - 3)}😀bbbb`, max)).toHaveLength(max);
    // what fits is left as it is
    expect(clip(`${'a'.repeat(max - 2)}😀`, max)).toBe(`${'a'.repeat(max - 2)}😀`);
    expect(clip('😀😀😀', 2)).toBe('…');

    core.store.sqlite.prepare('UPDATE products SET name = ? WHERE id = 1').run(name);
    await sell();
    await must(core.call('sync.configure', { url: base, key }));
    await must(core.call('sync.push', {}));
    const stored = [
      (await pool.query('SELECT name FROM products WHERE shop_id = $1 AND id = 1', [shopId])).rows[0].name as string,
      (await pool.query('SELECT name FROM sale_lines WHERE shop_id = $1 AND product_id = 1', [shopId])).rows[0].name as string,
    ];
    for (const text of stored) {
      expect(text).not.toContain('\uFFFD');
      expect(text).toBe(`${'a'.repeat(max - 2)}…`);
    }
  });

  it('a row the server refuses is told in the shop\'s language first (refused, nothing lost, what to do), with the server\'s words kept as the detail', async () => {
    await sell();
    // a fraction of a franc, as an old import could leave it: the protocol takes whole minor units only
    core.store.sqlite.prepare('UPDATE products SET cost_minor = 2000.5 WHERE id = 1').run();
    await must(core.call('sync.configure', { url: base, key }));
    const refusal = await refused<AppErrorShape>('a push of a fractional cost', core.call('sync.push', {}));
    expect(refusal.details).toMatchObject({ reason: 'sync_refused' });
    const failure = (await status()).lastFailure;
    expect(failure).toMatchObject({ code: 'refused' });
    expect(failure?.message).toMatch(/^products\.\d+\.costMinor \(products id 1\): Invalid input/);
    // the screen leads with plain words, and gives the server's words after them, for the owner
    expect(fr['sync.fail.refused']).toMatch(/^Le serveur refuse une ligne des données de cette boutique.*Rien n’est perdu.*Mettez Shelfcast à jour.*prévenez le propriétaire/);
    expect(en['sync.fail.refused']).toMatch(/^The server refuses a row of this shop’s data.*Nothing is lost.*Update Shelfcast.*tell the owner/);
    for (const text of [fr['sync.fail.refused'], en['sync.fail.refused']]) expect(text).not.toContain('{message}');
    expect(fr['sync.fail.detail']).toContain('{message}');
    expect(await pgCount('movements')).toBe(0);
  });
});
