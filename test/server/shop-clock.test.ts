import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOwnerKey, addShop } from '../../server/src/keys';
import { shopsPage } from '../../server/src/owner/page';
import type { Core } from '../../src/main/core';
import type { SalesDay } from '../../src/shared/api/contract';
import type { SyncShopSummary } from '../../src/shared/sync/protocol';
import { must, openTestCore, tempDir } from '../helpers/core';
import { startApp, startCluster } from './harness';

/**
 * The owner's summary when a shop PC's clock is wrong, or the drawer was counted before the day was
 * over: real shop cores on their own files, their clocks set by hand, pushing as the app does.
 */
let cluster: Awaited<ReturnType<typeof startCluster>>;
const tmp = tempDir('shelfcast-clock-');
const cores: Core[] = [];
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  for (const core of cores) core.close();
  await cluster?.stop();
  tmp.cleanup();
});

const plain = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

function shopAt(name: string, startIso: string) {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  let clock = new Date(startIso);
  const core = openTestCore(dir, () => clock);
  cores.push(core);
  return {
    core,
    set(iso: string) {
      clock = new Date(iso);
    },
  };
}

const product = async (core: Core, sku: string, priceMinor: number) => (await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor, costMinor: priceMinor / 2 }))).id;
const sell = (core: Core, productId: number, quantity: number, cashMinor: number) =>
  must(core.call('pos.checkout', { lines: [{ productId, quantity }], tenders: [{ tender: 'cash', amountMinor: cashMinor }] }));

async function server(nowIso: string) {
  const { pool } = await cluster.database();
  const app = await startApp(pool, { now: () => new Date(nowIso) });
  const ownerKey = await addOwnerKey(pool);
  return {
    pool,
    app,
    async shops(): Promise<SyncShopSummary[]> {
      return (await fetch(`${app.base}/v1/shops`, { headers: { Authorization: `Bearer ${ownerKey}` } })).json() as Promise<SyncShopSummary[]>;
    },
  };
}

describe('a shop PC whose clock was wrong', () => {
  it("one sale rung up a year ahead is not the shop's last day: the days, best sellers and out-of-stock window stay on the real days, and the page says the clock was wrong", async () => {
    const { pool, app, shops } = await server('2026-11-21T12:00:00.000Z');
    const { token } = await addShop(pool, 'Thiès');
    const shop = shopAt('year-ahead', '2026-11-14T09:00:00.000Z');
    const rice = await product(shop.core, 'RIZ', 4_500);
    const oil = await product(shop.core, 'HUILE', 1_500);
    await must(shop.core.call('ledger.record', { lines: [{ productId: rice, kind: 'receipt', quantity: 100 }, { productId: oil, kind: 'receipt', quantity: 7 }] }));
    for (let day = 14; day <= 20; day++) {
      shop.set(`2026-11-${day}T10:00:00.000Z`);
      await sell(shop.core, oil, 1, 1_500); // the oil runs out on the 20th
    }
    shop.set('2027-11-21T10:00:00.000Z');
    await sell(shop.core, rice, 1, 4_500);
    shop.set('2026-11-21T10:00:00.000Z'); // the clock set right
    await sell(shop.core, rice, 5, 22_500);
    await must(shop.core.call('sync.configure', { url: app.base, key: token }));
    await must(shop.core.call('sync.push', {}));

    const [summary] = await shops();
    expect(summary.days.map((d) => `${d.date}:${d.takingsMinor}`)).toEqual([
      '2026-11-21:22500',
      '2026-11-20:1500',
      '2026-11-19:1500',
      '2026-11-18:1500',
      '2026-11-17:1500',
      '2026-11-16:1500',
      '2026-11-15:1500',
    ]);
    expect(summary.futureDated).toEqual({ receipts: 1, lastDate: '2027-11-21' });
    // the shop's own dashboard counts the oil out of stock, and it sold over the 28 days
    expect(summary.outOfStockSelling.products.map((p) => [p.name, p.quantityMilli, p.lastSold])).toEqual([['HUILE', 7_000, '2026-11-20']]);
    // the year-ahead rice is not among the week's sales
    expect(summary.topSellers.find((p) => p.name === 'RIZ')?.quantityMilli).toBe(5_000);

    const fr = plain(shopsPage('fr', [summary], new Date('2026-11-21T12:00:00.000Z')));
    expect(fr).toContain('Thiès sam. 21 nov. 22 500 FCFA');
    expect(fr).toContain('L’horloge du PC de cette boutique a été mal réglée : 1 ticket daté dans le futur (jusqu’au 21 nov. 2027), laissé hors des derniers jours.');
    const en = plain(shopsPage('en', [summary], new Date('2026-11-21T12:00:00.000Z')));
    expect(en).toContain('This shop PC’s clock has been wrong: 1 receipt dated in the future (up to 21 Nov 2027), left out of the last days.');
    // a shop whose clock was right says nothing of it
    expect(plain(shopsPage('fr', [{ ...summary, futureDated: { receipts: 0, lastDate: null } }], new Date('2026-11-21T12:00:00.000Z')))).not.toContain('L’horloge');
    await app.close();
  });

  it('a shop a few hours ahead of the server (its zone, or a clock badly set) is not suspect: its day and its sale of the evening count', async () => {
    const { pool, app, shops } = await server('2026-11-21T22:00:00.000Z');
    const { token } = await addShop(pool, 'Nouméa');
    // UTC+11 at 8 in the morning: already the 22nd there
    const shop = shopAt('zone-ahead', '2026-11-22T09:00:00.000Z');
    const rice = await product(shop.core, 'RIZ', 4_500);
    await must(shop.core.call('ledger.record', { lines: [{ productId: rice, kind: 'receipt', quantity: 10 }] }));
    await sell(shop.core, rice, 1, 4_500);
    await must(shop.core.call('sync.configure', { url: app.base, key: token }));
    await must(shop.core.call('sync.push', {}));
    const [summary] = await shops();
    expect(summary.days.map((d) => d.date)).toEqual(['2026-11-22']);
    expect(summary.futureDated).toEqual({ receipts: 0, lastDate: null });
    await app.close();
  });

  it("till voids show whatever the shop PC's clock said: hours or days ahead, a year ahead now; not a void from a clock once a year ahead, set right since", async () => {
    const now = '2026-11-21T12:00:00.000Z';
    const { pool, app, shops } = await server(now);
    const voidCart = async (core: Core, productId: number, quantity: number) => must(core.call('pos.voidCart', { lines: [{ productId, quantity, unitPriceMinor: 4_500 }] }));
    const setUp = async (name: string, start: string) => {
      const { id, token } = await addShop(pool, name);
      const shop = shopAt(`voids-${name}`, start);
      const rice = await product(shop.core, 'RIZ', 4_500);
      await must(shop.core.call('sync.configure', { url: app.base, key: token }));
      return { id, shop, rice };
    };

    // 3 hours ahead: the 18 000 cart cleared a moment ago
    const ahead = await setUp('ahead', '2026-11-21T15:00:00.000Z');
    await voidCart(ahead.shop.core, ahead.rice, 4);
    // 30 hours ahead: more than the server's day of slack, and still the shop's fresh void
    const dayAhead = await setUp('day-ahead', '2026-11-22T18:00:00.000Z');
    await voidCart(dayAhead.shop.core, dayAhead.rice, 2);
    // a year ahead now: its fresh void shows, and so does the one of this week, from before its clock went wrong
    const yearAhead = await setUp('year-ahead', '2026-11-19T10:00:00.000Z');
    await voidCart(yearAhead.shop.core, yearAhead.rice, 1);
    yearAhead.shop.set('2027-11-21T12:00:00.000Z');
    await voidCart(yearAhead.shop.core, yearAhead.rice, 3);
    // a year ahead once, set right since: that void does not stay on the page for a year
    const fixed = await setUp('fixed', '2027-11-20T10:00:00.000Z');
    await voidCart(fixed.shop.core, fixed.rice, 5);
    fixed.shop.set('2026-11-21T11:00:00.000Z');
    await voidCart(fixed.shop.core, fixed.rice, 1);
    await must(fixed.shop.core.call('products.save', { id: fixed.rice, sku: 'RIZ', name: 'Riz', priceMinor: 4_500, costMinor: 2_250 }));

    for (const s of [ahead, dayAhead, yearAhead, fixed]) await must(s.shop.core.call('sync.push', {}));
    const voided = new Map((await shops()).map((s) => [s.id, s.voided]));
    expect(voided.get(ahead.id)).toEqual({ count: 1, amountMinor: 18_000 });
    expect(voided.get(dayAhead.id)).toEqual({ count: 1, amountMinor: 9_000 });
    expect(voided.get(yearAhead.id)).toEqual({ count: 2, amountMinor: 18_000 });
    expect(voided.get(fixed.id)).toEqual({ count: 1, amountMinor: 4_500 });
    await app.close();
  });
});

describe('the cash count on the owner page', () => {
  it('a drawer counted right, then more cash sales, a refund and cash paid out the same day: "counted before later sales", never "exact"; as the shop reckons it', async () => {
    const { pool, app, shops } = await server('2026-11-21T12:00:00.000Z');
    const { token } = await addShop(pool, 'Dakar');
    const shop = shopAt('cash', '2026-11-20T17:00:00.000Z');
    const item = await product(shop.core, 'A', 1_000);
    await must(shop.core.call('ledger.record', { lines: [{ productId: item, kind: 'receipt', quantity: 50 }] }));
    // the 19th: counted at the end of the day, after its sales
    shop.set('2026-11-19T17:00:00.000Z');
    await sell(shop.core, item, 1, 1_000);
    await must(shop.core.call('journal.countCash', { openingFloatMinor: 0, countedCashMinor: 1_000 }));
    // the 20th: counted right at 2 000, then 3 000 more sold (paid 5 000, 2 000 back)
    shop.set('2026-11-20T17:00:00.000Z');
    await sell(shop.core, item, 2, 2_000);
    await must(shop.core.call('journal.countCash', { openingFloatMinor: 0, countedCashMinor: 2_000 }));
    shop.set('2026-11-20T18:00:00.000Z');
    await sell(shop.core, item, 3, 5_000);
    await must(shop.core.call('sync.configure', { url: app.base, key: token }));
    await must(shop.core.call('sync.push', {}));

    const byDate = async () => new Map((await shops())[0].days.map((d) => [d.date, d]));
    const staleBy = async (date: string) => {
      const day = await must<SalesDay>(shop.core.call('journal.day', { date }));
      return day.counts[0].expectedNowMinor! - day.counts[0].expectedCashMinor!;
    };
    let days = await byDate();
    expect(days.get('2026-11-19')).toMatchObject({ cashDifferenceMinor: 0, cashSinceCountMinor: 0 });
    expect(days.get('2026-11-20')).toMatchObject({ cashDifferenceMinor: 0, cashSinceCountMinor: 3_000 });
    expect(await staleBy('2026-11-20')).toBe(3_000);
    const fr = plain(shopsPage('fr', await shops(), new Date('2026-11-21T12:00:00.000Z')));
    expect(fr).toContain('ven. 20 nov. 5 000 FCFA 2 2 500 FCFA comptée avant d’autres ventes (+3 000 FCFA depuis)');
    expect(fr).toContain('jeu. 19 nov. 1 000 FCFA 1 1 000 FCFA juste');
    expect(plain(shopsPage('en', await shops(), new Date('2026-11-21T12:00:00.000Z')))).toContain('counted before later sales (+FCFA 3,000 since)');

    // then a refund in cash and 4 000 paid out of the drawer: as the shop's own journal has it
    await must(shop.core.call('pos.return', { receiptNo: 3, lines: [{ lineNo: 1, quantity: 1 }] }));
    await must(shop.core.call('journal.cashMove', { direction: 'out', amountMinor: 4_000, reason: 'Fournisseur' }));
    await must(shop.core.call('sync.push', {}));
    days = await byDate();
    expect(days.get('2026-11-20')?.cashSinceCountMinor).toBe(3_000 - 1_000 - 4_000);
    expect(await staleBy('2026-11-20')).toBe(-2_000);
    expect(plain(shopsPage('fr', await shops(), new Date('2026-11-21T12:00:00.000Z')))).toContain('comptée avant d’autres ventes (−2 000 FCFA depuis)');

    // counted again once the day is over: the count stands
    await must(shop.core.call('journal.countCash', { openingFloatMinor: 0, countedCashMinor: 0 }));
    await must(shop.core.call('sync.push', {}));
    days = await byDate();
    expect(days.get('2026-11-20')).toMatchObject({ cashDifferenceMinor: 0, cashSinceCountMinor: 0 });
    await app.close();
  });
});
