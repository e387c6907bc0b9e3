import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOwnerKey, addShop } from '../../server/src/keys';
import type { SyncSale, SyncShopSummary } from '../../src/shared/sync/protocol';
import { postPush, samplePush, startApp, startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

function sale(id: number, businessDate: string, kind: SyncSale['kind'], totalMinor: number): SyncSale {
  return { ...samplePush().sales[0], id, receiptNo: id, kind, originalSaleId: kind === 'return' ? 1 : null, businessDate, at: `${businessDate}T12:00:00.000Z`, totalMinor, subtotalMinor: totalMinor };
}

async function getShops(base: string, key: string | null) {
  const res = await fetch(`${base}/v1/shops`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('GET /v1/shops: the owner\'s summary of every shop', () => {
  it('needs an owner key: none, an unknown one or a shop token is refused 401', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const shop = await addShop(pool, 'Thiès');
    for (const key of [null, 'own_' + 'B'.repeat(43), shop.token]) {
      const res = await getShops(app.base, key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ ok: false, code: 'unauthorized' });
    }
    await app.close();
  });

  it('gives each shop by name its takings per day (sales less returns), receipts, stock at cost and active products', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool, { now: () => new Date('2026-05-04T18:00:00.000Z') });
    const key = await addOwnerKey(pool);
    const plateau = await addShop(pool, 'Dakar Plateau');
    const almadies = await addShop(pool, 'Almadies');
    const never = await addShop(pool, 'Ziguinchor');

    const base = samplePush();
    // Plateau: 1.250 kg of rice at 500 a kg = 625, 12 milk at 700 = 8400 (milk is inactive but still stock)
    const plateauPush = samplePush({
      stock: [
        { productId: 1, onHandMilli: 1_250, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 2, onHandMilli: 12_000, updatedAt: '2026-05-04T09:00:00.000Z' },
      ],
      sales: [sale(1, '2026-05-04', 'sale', 1500), sale(2, '2026-05-04', 'sale', 2500), sale(3, '2026-05-04', 'return', 500), sale(4, '2026-05-03', 'sale', 900)],
    });
    expect((await postPush(app.base, plateau.token, plateauPush)).status).toBe(200);

    // Almadies: 8 days of sales (only the 7 latest shown), a third of a gram rounds: 333 milli x 1001 / 1000 = 333.333 -> 333
    const days = Array.from({ length: 8 }, (_, i) => `2026-04-${String(20 + i).padStart(2, '0')}`);
    const almadiesPush = samplePush({
      shop: { name: 'Almadies', epoch: 'epoch-one', currency: 'EUR', appVersion: '0.1.0' },
      products: [{ ...base.products[0], costMinor: 1001 }, { ...base.products[1], id: 3, active: true }, { ...base.products[1], id: 4, active: true }, { ...base.products[1], id: 5, active: true }],
      stock: [
        { productId: 1, onHandMilli: 333, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 3, onHandMilli: 1_500, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 5, onHandMilli: 0, updatedAt: '2026-05-04T09:00:00.000Z' },
      ],
      sales: days.map((d, i) => sale(10 + i, d, 'sale', 100 * (i + 1))),
    });
    expect((await postPush(app.base, almadies.token, almadiesPush)).status).toBe(200);

    const res = await getShops(app.base, key);
    expect(res.status).toBe(200);
    const expected: SyncShopSummary[] = [
      {
        id: almadies.id,
        name: 'Almadies',
        reportedName: 'Almadies',
        currency: 'EUR',
        lastPushAt: '2026-05-04T18:00:00.000Z',
        days: days
          .map((date, i) => ({ date, takingsMinor: 100 * (i + 1), salesMinor: 100 * (i + 1), receipts: 1, cashDifferenceMinor: null, cashSinceCountMinor: null }))
          .reverse()
          .slice(0, 7),
        stockValueMinor: 333 + 1050,
        products: 4,
        // product 5 sold out; product 4 has no stock level: never received, it is not out of stock, as on the shop's dashboard
        outOfStock: 1,
        voided: { count: 0, amountMinor: 0 },
        // every sample sale is 1.250 kg of rice for 813; the 7 days shown hold 7 of them
        topSellers: [{ productId: 1, name: 'Riz parfumé', unit: 'kg', quantityMilli: 7 * 1_250, takingsMinor: 7 * 813 }],
        outOfStockSelling: { count: 0, products: [] },
        expiring: { withinDays: 30, count: 0, valueMinor: 0, lots: [] },
        futureDated: { receipts: 0, lastDate: null },
      },
      {
        id: plateau.id,
        name: 'Dakar Plateau',
        reportedName: 'Dakar Plateau',
        currency: 'XOF',
        lastPushAt: '2026-05-04T18:00:00.000Z',
        days: [
          { date: '2026-05-04', takingsMinor: 3500, salesMinor: 4000, receipts: 2, cashDifferenceMinor: null, cashSinceCountMinor: null },
          { date: '2026-05-03', takingsMinor: 900, salesMinor: 900, receipts: 1, cashDifferenceMinor: null, cashSinceCountMinor: null },
        ],
        stockValueMinor: 625 + 8400,
        products: 1,
        outOfStock: 0,
        voided: { count: 0, amountMinor: 0 },
        // three sales less one return
        topSellers: [{ productId: 1, name: 'Riz parfumé', unit: 'kg', quantityMilli: 2 * 1_250, takingsMinor: 2 * 813 }],
        outOfStockSelling: { count: 0, products: [] },
        expiring: { withinDays: 30, count: 0, valueMinor: 0, lots: [] },
        futureDated: { receipts: 0, lastDate: null },
      },
      // registered, never pushed: no currency yet
      {
        id: never.id,
        name: 'Ziguinchor',
        reportedName: null,
        currency: null,
        lastPushAt: null,
        days: [],
        stockValueMinor: 0,
        products: 0,
        outOfStock: 0,
        voided: { count: 0, amountMinor: 0 },
        topSellers: [],
        outOfStockSelling: { count: 0, products: [] },
        expiring: { withinDays: 30, count: 0, valueMinor: 0, lots: [] },
        futureDated: { receipts: 0, lastDate: null },
      },
    ];
    expect(res.body).toEqual(expected);
    await app.close();
  });

  it('a day with only a return shows negative takings and no receipts', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const key = await addOwnerKey(pool);
    const shop = await addShop(pool, 'Rufisque');
    await postPush(app.base, shop.token, samplePush({ sales: [sale(1, '2026-05-01', 'sale', 1000), sale(2, '2026-05-02', 'return', 400)] }));
    const res = await getShops(app.base, key);
    expect((res.body as SyncShopSummary[])[0].days).toEqual([
      { date: '2026-05-02', takingsMinor: -400, salesMinor: 0, receipts: 0, cashDifferenceMinor: null, cashSinceCountMinor: null },
      { date: '2026-05-01', takingsMinor: 1000, salesMinor: 1000, receipts: 1, cashDifferenceMinor: null, cashSinceCountMinor: null },
    ]);
    await app.close();
  });

  it('counts stock value as the shop does: a product sold below zero adds nothing, it does not take value away', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const key = await addOwnerKey(pool);
    const shop = await addShop(pool, 'Kaolack');
    const [a, b] = samplePush().products;
    const push = samplePush({
      products: [{ ...a, costMinor: 600 }, { ...b, costMinor: 1500 }],
      stock: [
        { productId: a.id, onHandMilli: 10_000, updatedAt: a.updatedAt },
        { productId: b.id, onHandMilli: -4_000, updatedAt: b.updatedAt },
      ],
    });
    expect((await postPush(app.base, shop.token, push)).status).toBe(200);
    const shops = (await getShops(app.base, key)).body as SyncShopSummary[];
    expect(shops.find((x) => x.id === shop.id)?.stockValueMinor).toBe(6000);
    await app.close();
  });

  it("reads the day's last cash count, the products out of stock and the till voids of the last 7 days from what the shop pushed", async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool, { now: () => new Date('2026-05-10T12:00:00.000Z') });
    const key = await addOwnerKey(pool);
    const shop = await addShop(pool, 'Mbour');
    const [a, b] = samplePush().products;
    const event = (id: number, at: string, entity: string, action: string, data: Record<string, unknown>) => ({ id, at, entity, action, entityId: String(id), data });
    const push = samplePush({
      products: [a, { ...b, active: true }, { ...b, id: 3, active: false }],
      stock: [
        { productId: a.id, onHandMilli: 0, updatedAt: a.updatedAt },
        { productId: b.id, onHandMilli: -2_000, updatedAt: b.updatedAt },
        // inactive: no longer sold, so not "out of stock"
        { productId: 3, onHandMilli: 0, updatedAt: b.updatedAt },
      ],
      sales: [sale(1, '2026-05-08', 'sale', 5000), sale(2, '2026-05-09', 'sale', 7000), sale(3, '2026-05-10', 'sale', 100)],
      events: [
        // May 9 counted twice: the second count is the day's word
        event(1, '2026-05-09T19:00:00Z', 'cash_count', 'count', { date: '2026-05-09', differenceMinor: -2500 }),
        event(2, '2026-05-09T19:10:00Z', 'cash_count', 'count', { date: '2026-05-09', differenceMinor: -500 }),
        event(3, '2026-05-08T19:00:00Z', 'cash_count', 'count', { date: '2026-05-08', differenceMinor: 0 }),
        // a fraction of a franc is no count a till writes: the day reads as not counted, not "+0 over"
        event(11, '2026-05-10T18:00:00Z', 'cash_count', 'count', { date: '2026-05-10', differenceMinor: 0.4 }),
        // a count whose data came clipped (too big to send) says nothing, and breaks nothing
        event(4, '2026-05-10T19:00:00Z', 'cash_count', 'count', { date: '2026-05-10', differenceMinor: 'clipped' }),
        event(5, '2026-05-09T10:00:00Z', 'till_cart', 'void_line', { amountMinor: 650 }),
        event(6, '2026-05-09T11:00:00Z', 'till_cart', 'void_cart', { totalMinor: 3000 }),
        // more than 7 days before the server's clock, or days after it and after the shop PC's latest
        // journal row (a clock once set ahead, set right since): left out
        event(7, '2026-05-02T11:00:00Z', 'till_cart', 'void_cart', { totalMinor: 99_000 }),
        event(8, '2026-05-12T12:00:00Z', 'till_cart', 'void_cart', { totalMinor: 77_000 }),
        // amounts no till writes (a fraction, past what JavaScript holds exactly) count as a void without an amount
        event(9, '2026-05-09T12:00:00Z', 'till_cart', 'void_line', { amountMinor: 0.4 }),
        event(10, '2026-05-09T12:01:00Z', 'till_cart', 'void_line', { amountMinor: 1e308 }),
      ],
    });
    expect((await postPush(app.base, shop.token, push)).status).toBe(200);
    const [summary] = (await getShops(app.base, key)).body as SyncShopSummary[];
    expect(summary.days).toEqual([
      { date: '2026-05-10', takingsMinor: 100, salesMinor: 100, receipts: 1, cashDifferenceMinor: null, cashSinceCountMinor: null },
      { date: '2026-05-09', takingsMinor: 7000, salesMinor: 7000, receipts: 1, cashDifferenceMinor: -500, cashSinceCountMinor: null },
      { date: '2026-05-08', takingsMinor: 5000, salesMinor: 5000, receipts: 1, cashDifferenceMinor: 0, cashSinceCountMinor: null },
    ]);
    expect(summary.outOfStock).toBe(2);
    expect(summary.products).toBe(2);
    expect(summary.voided).toEqual({ count: 4, amountMinor: 3650 });
    await app.close();
  });
  it('names the best sellers of the days shown, and the active products out of stock that sold over the last 28 days up to the shop\'s last day', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const key = await addOwnerKey(pool);
    const shop = await addShop(pool, 'Pikine');
    const base = samplePush();
    const product = (id: number, name: string, unit = 'pcs', active = true) => ({ ...base.products[0], id, sku: `P${id}`, name, unit, active });
    const receipt = (id: number, date: string, kind: SyncSale['kind'], lines: [productId: number, qtyMilli: number, netMinor: number][]): SyncSale => ({
      ...sale(id, date, kind, lines.reduce((sum, [, , net]) => sum + net, 0)),
      lines: lines.map(([productId, qtyMilli, netMinor], i) => ({ ...base.sales[0].lines[0], lineNo: i + 1, productId, name: `ticket ${productId}`, qtyMilli, netMinor, movementId: id * 10 + i })),
    });
    const articles = [6, 7, 8, 9, 10, 11, 12, 13, 14];
    const push = samplePush({
      products: [
        product(1, 'Riz brisé', 'kg'),
        product(2, 'Lait caillé', 'pcs', false),
        product(3, 'Huile', 'l'),
        product(4, 'Sucre'),
        product(5, 'Savon'),
        ...articles.map((id) => product(id, `Article ${id}`)),
        product(16, 'Bougie'),
      ],
      stock: [
        { productId: 1, onHandMilli: 0, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 2, onHandMilli: 0, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 3, onHandMilli: 5_000, updatedAt: '2026-05-04T09:00:00.000Z' },
        { productId: 5, onHandMilli: -2_000, updatedAt: '2026-05-04T09:00:00.000Z' },
        // articles 6-9 were never received (no level): out of stock too
        ...articles.filter((id) => id >= 10).map((productId) => ({ productId, onHandMilli: 0, updatedAt: '2026-05-04T09:00:00.000Z' })),
      ],
      movements: [],
      sales: [
        receipt(1, '2026-04-06', 'sale', [[4, 1_000, 700]]), // 29 days before the last day: outside the 28
        receipt(2, '2026-04-07', 'sale', [[16, 1_000, 50]]), // the 28th day: inside
        receipt(3, '2026-04-28', 'sale', articles.map((id) => [id, 1_000, 100 * (id - 5)])),
        receipt(4, '2026-04-29', 'sale', [[1, 500, 325]]),
        receipt(5, '2026-04-30', 'sale', [[1, 1_500, 975]]),
        receipt(6, '2026-05-01', 'sale', [[1, 2_000, 1300]]),
        receipt(7, '2026-05-02', 'sale', [[1, 2_000, 1300], [5, 1_000, 500]]),
        receipt(8, '2026-05-03', 'return', [[5, 1_000, 500]]),
        receipt(9, '2026-05-04', 'sale', [[3, 10_000, 20_000], [2, 5_000, 4500]]),
      ],
      events: [],
    });
    expect((await postPush(app.base, shop.token, push)).status).toBe(200);
    const [summary] = (await getShops(app.base, key)).body as SyncShopSummary[];
    // the 7 days shown are Apr 28 .. May 4: the soap sold and came back, the candle and the sugar are older
    expect(summary.days.map((d) => d.date).at(-1)).toBe('2026-04-28');
    expect(summary.topSellers.map((t) => [t.name, t.unit, t.quantityMilli, t.takingsMinor])).toEqual([
      ['Huile', 'l', 10_000, 20_000],
      ['Lait caillé', 'pcs', 5_000, 4500], // deactivated since, but it sold
      ['Riz brisé', 'kg', 6_000, 3900],
      ['Article 14', 'pcs', 1_000, 900],
      ['Article 13', 'pcs', 1_000, 800],
    ]);
    // out of stock and selling: rice, the nine articles and the candle (11); not the inactive milk, the oil
    // on the shelf, the sugar sold 29 days before, nor the soap below zero whose only sale came back
    expect(summary.outOfStockSelling.count).toBe(11);
    expect(summary.outOfStockSelling.products.map((t) => [t.name, t.quantityMilli, t.takingsMinor, t.lastSold])).toEqual([
      ['Riz brisé', 6_000, 3900, '2026-05-02'],
      ['Article 14', 1_000, 900, '2026-04-28'],
      ['Article 13', 1_000, 800, '2026-04-28'],
      ['Article 12', 1_000, 700, '2026-04-28'],
      ['Article 11', 1_000, 600, '2026-04-28'],
      ['Article 10', 1_000, 500, '2026-04-28'],
      ['Article 9', 1_000, 400, '2026-04-28'],
      ['Article 8', 1_000, 300, '2026-04-28'],
    ]);
    await app.close();
  });

  it('lists each shop\'s lots expired or expiring within 30 days of the server\'s date, earliest first, valued at cost', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool, { now: () => new Date('2026-05-10T12:00:00.000Z') });
    const key = await addOwnerKey(pool);
    const shop = await addShop(pool, 'Pharmacie du Port');
    const other = await addShop(pool, 'Sans lots');
    const base = samplePush();
    const syrup = { ...base.products[0], id: 1, name: 'Sirop', unit: 'pcs', costMinor: 550 };
    const milk = { ...base.products[0], id: 2, name: 'Lait infantile', unit: 'pcs', costMinor: 1_200 };
    const push = samplePush({
      shop: { ...base.shop, currency: 'EUR' },
      products: [syrup, milk],
      lots: [
        { productId: 1, lots: [{ lot: 'S1', expiry: '2026-05-08', milli: 3_000 }, { lot: 'S2', expiry: '2026-06-09', milli: 10_000 }, { lot: 'S3', expiry: '2026-06-10', milli: 9_000 }] },
        // a product the server holds no row of (its push is still to come): listed under its id, at no value
        { productId: 3, lots: [{ lot: 'X', expiry: '2026-05-30', milli: 500 }] },
        { productId: 2, lots: [{ lot: '—', expiry: '2026-05-22', milli: 12_500 }] },
      ],
      sales: [],
    });
    expect((await postPush(app.base, shop.token, push)).status).toBe(200);
    expect((await postPush(app.base, other.token, samplePush())).status).toBe(200);
    const summaries = (await getShops(app.base, key)).body as SyncShopSummary[];
    const port = summaries.find((s) => s.id === shop.id)!;
    // S3 expires on June 10, 31 days on: not yet
    expect(port.expiring).toEqual({
      withinDays: 30,
      count: 4,
      valueMinor: 1_650 + 15_000 + 0 + 5_500,
      lots: [
        { productId: 1, name: 'Sirop', unit: 'pcs', lot: 'S1', expiry: '2026-05-08', quantityMilli: 3_000, valueMinor: 1_650 },
        { productId: 2, name: 'Lait infantile', unit: 'pcs', lot: '—', expiry: '2026-05-22', quantityMilli: 12_500, valueMinor: 15_000 },
        { productId: 3, name: '#3', unit: 'piece', lot: 'X', expiry: '2026-05-30', quantityMilli: 500, valueMinor: 0 },
        { productId: 1, name: 'Sirop', unit: 'pcs', lot: 'S2', expiry: '2026-06-09', quantityMilli: 10_000, valueMinor: 5_500 },
      ],
    });
    // the sample's milk lot expires on June 30
    expect(summaries.find((s) => s.id === other.id)!.expiring).toEqual({ withinDays: 30, count: 0, valueMinor: 0, lots: [] });
    await app.close();
  });
});
