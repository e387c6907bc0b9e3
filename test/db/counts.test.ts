import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { CountSheetDocument, StockCount, StockCountApplied, StockCountSummary } from '../../src/shared/api/contract';
import type { Product } from '../../src/shared/domain/product';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ean = (body: string) => body + ean13CheckDigit(body);
const codes = { lait: ean('600123450002'), riz: ean('600123450001'), huile: ean('600123450003'), eau: ean('600123450004') };

describe('stock counts on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  const p: Record<string, Product> = {};
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const onHand = (id: number) => core.services.ledger.onHand([id])[0].onHand;
  const line = (c: StockCount, sku: string) => c.lines.find((l) => l.sku === sku);
  const start = (category: string | null) => must<StockCount>(core.call('counts.start', { category }));
  const set = (id: number, productId: number, counted: number | null) => must<StockCount>(core.call('counts.set', { id, productId, counted }));
  let owner: UserRecord;
  let cashier: UserRecord;
  const asCashier = () => core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
  const asOwner = () => core.services.session.actAs({ id: owner.id, name: owner.name, role: 'owner' });

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-04T08:00:00');
    core = openTestCore(tmp.dir, () => clock);
    await must(core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Rue 10, Dakar' }));
    const items = [
      ['LAIT', 'Lait en poudre 400 g', 'Épicerie', 2950, 2000, 'piece', codes.lait],
      ['RIZ', 'Riz parfumé', 'Épicerie', 650, 500, 'kg', codes.riz],
      ['HUILE', 'Huile 1 l', 'Épicerie', 1500, 1100, 'piece', codes.huile],
      ['EAU', 'Eau minérale 1,5 l', 'Boissons', 400, 250, 'piece', codes.eau],
    ] as const;
    for (const [sku, name, category, priceMinor, costMinor, unit, barcode] of items) {
      p[sku] = await must<Product>(core.call('products.save', { sku, name, category, priceMinor, costMinor, unit, barcodes: [barcode] }));
    }
    await must(core.call('stock.receive', { lines: [
      { productId: p.LAIT.id, quantity: 20 },
      { productId: p.RIZ.id, quantity: 50 },
      { productId: p.HUILE.id, quantity: 10 },
      { productId: p.EAU.id, quantity: 48 },
    ] }));
    owner = (await must<UserRecord[]>(core.call('users.list', {})))[0];
    await ownerPin(core);
    cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('starts a count for one category with its products and on-hand snapshot; variances valued at cost; apply writes count movements for the differences only', async () => {
    const c = await start('Épicerie');
    expect(c).toMatchObject({ number: 1, reference: 'INV-00001', category: 'Épicerie', status: 'open', countedLines: 0, withValues: true });
    expect(c.lines.map((l) => [l.sku, l.expected, l.counted])).toEqual([
      ['HUILE', 10, null],
      ['LAIT', 20, null],
      ['RIZ', 50, null],
    ]);
    expect(core.store.sqlite.prepare('SELECT product_id, snapshot_milli FROM stock_count_lines ORDER BY line_no').all()).toEqual([
      { product_id: p.HUILE.id, snapshot_milli: 10_000 },
      { product_id: p.LAIT.id, snapshot_milli: 20_000 },
      { product_id: p.RIZ.id, snapshot_milli: 50_000 },
    ]);
    await set(c.id, p.LAIT.id, 18); // two missing
    let after = await set(c.id, p.RIZ.id, 50.25); // 250 g found
    expect(line(after, 'LAIT')).toMatchObject({ counted: 18, expected: 20, variance: -2, unitCostMinor: 2000, varianceValueMinor: -4000 });
    expect(line(after, 'RIZ')).toMatchObject({ counted: 50.25, variance: 0.25, varianceValueMinor: 125 });
    expect(line(after, 'HUILE')).toMatchObject({ counted: null, variance: null, varianceValueMinor: null });
    expect(after.totals).toEqual({ varianceLines: 2, gainMinor: 125, lossMinor: -4000, netMinor: -3875 });
    after = await set(c.id, p.HUILE.id, 10); // right
    expect(after.countedLines).toBe(3);

    const movementsBefore = count('movements');
    const applied = await must<StockCountApplied>(core.call('counts.apply', { id: c.id }));
    expect(applied.productIds.sort()).toEqual([p.LAIT.id, p.RIZ.id].sort());
    expect(count('movements')).toBe(movementsBefore + 2);
    const moves = core.store.sqlite.prepare("SELECT product_id, qty_milli, unit_cost_minor, reference FROM movements WHERE kind = 'count' ORDER BY product_id").all();
    expect(moves).toEqual(
      [
        { product_id: p.LAIT.id, qty_milli: -2000, unit_cost_minor: 2000, reference: 'INV-00001' },
        { product_id: p.RIZ.id, qty_milli: 250, unit_cost_minor: 500, reference: 'INV-00001' },
      ].sort((a, b) => a.product_id - b.product_id),
    );
    expect([onHand(p.LAIT.id), onHand(p.RIZ.id), onHand(p.HUILE.id), onHand(p.EAU.id)]).toEqual([18, 50.25, 10, 48]);
    expect(applied.count).toMatchObject({ status: 'applied', closedBy: owner.name, totals: { netMinor: -3875 } });
    expect(line(applied.count, 'LAIT')).toMatchObject({ expected: 20, variance: -2, varianceValueMinor: -4000 });
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE entity = 'stock_count' AND action = 'apply'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ number: 1, counted: 3, movementIds: applied.movementIds, corrections: expect.arrayContaining([{ productId: p.LAIT.id, varianceMilli: -2000, valueMinor: -4000 }]) });
    const list = await must<StockCountSummary[]>(core.call('counts.list', {}));
    expect(list).toEqual([expect.objectContaining({ reference: 'INV-00001', status: 'applied', lines: 3, countedLines: 3 })]);
  });

  it('a count done while the shop is open: sales before a line is counted are in the count, sales after it are kept', async () => {
    const c = await start(null);
    expect(c.lines.map((l) => l.sku)).toEqual(['EAU', 'HUILE', 'LAIT', 'RIZ']);
    // 3 waters sold before the water shelf is counted: the counter sees 45, which is right
    await must(core.call('ledger.record', { lines: [{ productId: p.EAU.id, kind: 'sale', quantity: 3 }] }));
    await set(c.id, p.EAU.id, 45);
    // the milk shelf is counted (19: one missing), then 2 milk are sold before the count is applied
    await set(c.id, p.LAIT.id, 19);
    await must(core.call('ledger.record', { lines: [{ productId: p.LAIT.id, kind: 'sale', quantity: 2 }] }));
    // oil is sold but never counted: left as the ledger says
    await must(core.call('ledger.record', { lines: [{ productId: p.HUILE.id, kind: 'sale', quantity: 1 }] }));
    const view = await must<StockCount>(core.call('counts.get', { id: c.id }));
    expect(line(view, 'EAU')).toMatchObject({ counted: 45, expected: 45, variance: 0, movedDuringCount: -3 });
    expect(line(view, 'LAIT')).toMatchObject({ counted: 19, expected: 20, variance: -1, movedDuringCount: -2 });
    expect(line(view, 'HUILE')).toMatchObject({ counted: null, expected: 9, variance: null });

    const applied = await must<StockCountApplied>(core.call('counts.apply', { id: c.id }));
    expect(applied.productIds).toEqual([p.LAIT.id]);
    // milk: 19 counted, minus the 2 sold after counting; water: no correction; oil and rice untouched
    expect([onHand(p.LAIT.id), onHand(p.EAU.id), onHand(p.HUILE.id), onHand(p.RIZ.id)]).toEqual([17, 45, 9, 50]);
    expect(count("movements WHERE kind = 'count'")).toBe(1);
  });

  it('a typing mistake fixed after sales keeps the counting’s moment (no false gain); a recount takes the moment it is typed', async () => {
    const c = await start('Épicerie');
    // the milk shelf holds 20; the counter types 200 by mistake
    clock = new Date('2026-05-04T08:10:00');
    await set(c.id, p.LAIT.id, 200);
    expect(line(await must<StockCount>(core.call('counts.get', { id: c.id })), 'LAIT')?.movedSinceCounted).toBe(false);
    // 5 milk are sold at the till, then the counter sees the typo
    await must(core.call('ledger.record', { lines: [{ productId: p.LAIT.id, kind: 'sale', quantity: 5 }] }));
    const before = line(await must<StockCount>(core.call('counts.get', { id: c.id })), 'LAIT');
    expect(before).toMatchObject({ counted: 200, movedSinceCounted: true });
    clock = new Date('2026-05-04T08:40:00');
    const fixed = line(await must<StockCount>(core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, correction: true })), 'LAIT');
    expect(fixed).toMatchObject({ counted: 20, expected: 20, variance: 0, countedAt: new Date('2026-05-04T08:10:00').toISOString(), movedSinceCounted: true });

    // the oil: counted 10, 4 sold, then really recounted: 6 on the shelf now
    await set(c.id, p.HUILE.id, 10);
    await must(core.call('ledger.record', { lines: [{ productId: p.HUILE.id, kind: 'sale', quantity: 4 }] }));
    const recount = line(await must<StockCount>(core.call('counts.set', { id: c.id, productId: p.HUILE.id, counted: 6, correction: false })), 'HUILE');
    expect(recount).toMatchObject({ counted: 6, expected: 6, variance: 0, movedSinceCounted: false });
    // a correction on a line not counted yet is a counting now
    const rice = line(await must<StockCount>(core.call('counts.set', { id: c.id, productId: p.RIZ.id, counted: 50, correction: true })), 'RIZ');
    expect(rice).toMatchObject({ counted: 50, expected: 50, countedAt: clock.toISOString() });

    await must(core.call('counts.apply', { id: c.id }));
    expect([onHand(p.LAIT.id), onHand(p.HUILE.id), onHand(p.RIZ.id)]).toEqual([15, 6, 50]);
    expect(count("movements WHERE kind = 'count'")).toBe(0);
  });

  it('a correction is checked like any count: part of a piece is refused and the line keeps its figure', async () => {
    const c = await start('Épicerie');
    await set(c.id, p.LAIT.id, 20);
    await must(core.call('ledger.record', { lines: [{ productId: p.LAIT.id, kind: 'sale', quantity: 1 }] }));
    const e = await core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 19.5, correction: true });
    expect(e.ok).toBe(false);
    expect(line(await must<StockCount>(core.call('counts.get', { id: c.id })), 'LAIT')).toMatchObject({ counted: 20, variance: 0 });
  });

  it("a scale's weight label on a product counted in pieces is refused in a count (1,5 soap), as typing 1,5 is; on a product in kg it adds its weight", async () => {
    const soap = await must<Product>(core.call('products.save', { sku: '54321', name: 'Savon de Marseille', category: 'Épicerie', priceMinor: 300, costMinor: 200 }));
    const bulk = await must<Product>(core.call('products.save', { sku: '54322', name: 'Arachides (vrac)', category: 'Épicerie', priceMinor: 900, costMinor: 600, unit: 'kg' }));
    const c = await start('Épicerie');
    const e = await core.call('counts.scan', { id: c.id, code: ean('215432101500') });
    expect(e).toMatchObject({ ok: false, error: { code: 'validation', field: 'code', details: { reason: 'whole_pieces', name: 'Savon de Marseille' } } });
    await must(core.call('counts.scan', { id: c.id, code: ean('215432201500') }));
    const view = await must<StockCount>(core.call('counts.get', { id: c.id }));
    expect([line(view, '54321')?.counted, line(view, '54322')?.counted]).toEqual([null, 1.5]);
    expect([soap.unit, bulk.unit]).toEqual(['piece', 'kg']);
  });

  it('scanning a barcode adds one to its count (a SKU works too); a product outside the count or an unknown code is refused', async () => {
    const c = await start('Épicerie');
    await must(core.call('counts.scan', { id: c.id, code: codes.lait }));
    await must(core.call('counts.scan', { id: c.id, code: codes.lait }));
    const scanned = await must<{ productId: number; count: StockCount }>(core.call('counts.scan', { id: c.id, code: 'lait' }));
    expect(scanned.productId).toBe(p.LAIT.id);
    expect(line(scanned.count, 'LAIT')?.counted).toBe(3);
    // typing a total over scans replaces it; clearing sets the line back to "not counted"
    expect(line(await set(c.id, p.LAIT.id, 24), 'LAIT')?.counted).toBe(24);
    expect(line(await set(c.id, p.LAIT.id, null), 'LAIT')?.counted).toBe(null);
    expect(await core.call('counts.scan', { id: c.id, code: codes.eau })).toMatchObject({ ok: false, error: { code: 'validation', field: 'code', message: 'code: this product is not in this count' } });
    expect(await core.call('counts.scan', { id: c.id, code: '0000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'code' } });
    expect(await core.call('counts.scan', { id: c.id, code: codes.lait.slice(0, 12) + ((Number(codes.lait[12]) + 1) % 10) })).toMatchObject({ ok: false, error: { field: 'code', message: expect.stringContaining('check digit') } });
    expect(await core.call('counts.set', { id: c.id, productId: p.EAU.id, counted: 3 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'productId' } });
  });

  it('a product moved to another category while its count is open stays on that count only: a second count holding it is refused, naming the first', async () => {
    const drinks = await start('Boissons');
    await must(core.call('products.save', { id: p.EAU.id, sku: 'EAU', name: 'Eau minérale 1,5 l', category: 'Épicerie', priceMinor: 400, costMinor: 250, unit: 'piece', barcodes: [codes.eau] }));
    const refusal = await core.call('counts.start', { category: 'Épicerie' });
    expect(refusal).toMatchObject({ ok: false, error: { field: 'category', details: { reason: 'stock.overlap', reference: drinks.reference } } });
    expect(count('stock_counts')).toBe(1);
    // both teams would have found 45 and booked the 3 missing twice; once the first count is applied, the other may start
    await set(drinks.id, p.EAU.id, 45);
    await must(core.call('counts.apply', { id: drinks.id }));
    expect(await core.call('counts.start', { category: 'Épicerie' })).toMatchObject({ ok: true });
    expect(onHand(p.EAU.id)).toBe(45);
  });

  it('items of one product scanned over time are one count from its first scan: sales in between are not taken off twice', async () => {
    const c = await start('Épicerie');
    for (let i = 0; i < 10; i++) await must(core.call('counts.scan', { id: c.id, code: codes.huile }));
    // 2 of the 10 counted bottles are sold, then the 11th is found behind a carton and scanned
    await must(core.call('ledger.record', { lines: [{ productId: p.HUILE.id, kind: 'sale', quantity: 2 }] }));
    await must(core.call('counts.scan', { id: c.id, code: codes.huile }));
    await must(core.call('counts.apply', { id: c.id }));
    // 11 on the shelf at the count (10 in stock + 1 found), 2 sold since
    expect(onHand(p.HUILE.id)).toBe(9);
  });

  it('a paper sheet counted in the morning and typed in the evening is compared as of the counting: the day’s sales in between are not a loss', async () => {
    const c = await start('Épicerie');
    // 09:00: the milk shelf is counted on paper: 20, all there; the sheet stays in the drawer
    const countedAt = new Date('2026-05-04T09:00:00');
    clock = new Date('2026-05-04T11:00:00');
    await must(core.call('ledger.record', { lines: [{ productId: p.LAIT.id, kind: 'sale', quantity: 3 }] }));
    clock = new Date('2026-05-04T15:00:00');
    await must(core.call('ledger.record', { lines: [{ productId: p.LAIT.id, kind: 'sale', quantity: 2 }] }));
    // 19:00: the sheet is typed in, with the time it was counted
    clock = new Date('2026-05-04T19:00:00');
    const typed = await must<StockCount>(core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, countedAt: countedAt.toISOString() }));
    expect(line(typed, 'LAIT')).toMatchObject({ counted: 20, expected: 20, variance: 0, movedDuringCount: -5, countedAt: countedAt.toISOString() });
    // typed without the time, the same 20 reads as 5 found (the 5 sold were taken as already gone)
    expect(line(await set(c.id, p.LAIT.id, 20), 'LAIT')).toMatchObject({ expected: 15, variance: 5 });
    await must(core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, countedAt: countedAt.toISOString() }));
    expect((await must<StockCountApplied>(core.call('counts.apply', { id: c.id }))).productIds).toEqual([]);
    expect(onHand(p.LAIT.id)).toBe(15);
  });

  it('a paper sheet’s time is refused before the count started (to the minute) or later than now, naming the field, and the line is left as it was', async () => {
    clock = new Date('2026-05-04T10:00:27');
    const c = await start('Épicerie');
    clock = new Date('2026-05-04T12:00:00');
    for (const [at, reason] of [
      ['2026-05-04T09:59:00', 'stock.countedBeforeStart'],
      ['2026-05-04T12:05:00', 'stock.countedInFuture'],
    ] as const) {
      expect(await core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, countedAt: new Date(at).toISOString() })).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'countedAt', details: { reason, reference: c.reference } },
      });
    }
    expect(await core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, countedAt: 'ce matin' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'countedAt' } });
    expect(line(await must<StockCount>(core.call('counts.get', { id: c.id })), 'LAIT')?.counted).toBe(null);
    // the sheet says 10:00 for a count started at 10:00:27: taken
    const sameMinute = await must<StockCount>(core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 20, countedAt: new Date('2026-05-04T10:00:00').toISOString() }));
    expect(line(sameMinute, 'LAIT')).toMatchObject({ counted: 20, expected: 20 });
  });

  it('refuses bad counts naming the field: negative, too many decimals, unknown count, empty category, overlapping count', async () => {
    const c = await start('Épicerie');
    const tries: [string, unknown, string, string][] = [
      ['counts.set', { id: c.id, productId: p.LAIT.id, counted: -1 }, 'validation', 'counted'],
      ['counts.set', { id: c.id, productId: p.LAIT.id, counted: 1.0005 }, 'validation', 'counted'],
      ['counts.set', { id: 999, productId: p.LAIT.id, counted: 1 }, 'not_found', 'id'],
      ['counts.set', { id: c.id, productId: 9999, counted: 1 }, 'not_found', 'productId'],
      ['counts.start', { category: 'Épicerie' }, 'validation', 'category'],
      ['counts.start', { category: null }, 'validation', 'category'],
      ['counts.apply', { id: 999 }, 'not_found', 'id'],
    ];
    for (const [channel, input, code, field] of tries) {
      expect(await core.call(channel, input), `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await core.call('counts.start', { category: 'Boissons' })).toMatchObject({ ok: true });
    expect(count('stock_counts')).toBe(2);
    expect(await core.call('counts.start', { category: 'Jouets' })).toMatchObject({ ok: false, error: { field: 'category', message: 'category: no active product in this category' } });
    expect(count('stock_counts')).toBe(2);
  });

  it('refuses to apply an empty count, or a count twice, and writes nothing either time', async () => {
    const c = await start('Épicerie');
    const before = [count('movements'), count('audit'), count('outbox')];
    expect(await core.call('counts.apply', { id: c.id })).toMatchObject({ ok: false, error: { code: 'validation', field: 'id', message: expect.stringContaining('nothing has been counted yet') } });
    expect([count('movements'), count('audit'), count('outbox')]).toEqual(before);
    expect((await must<StockCount>(core.call('counts.get', { id: c.id }))).status).toBe('open');

    await set(c.id, p.LAIT.id, 15);
    await must(core.call('counts.apply', { id: c.id }));
    const applied = [count('movements'), count('audit'), count('outbox')];
    expect(await core.call('counts.apply', { id: c.id })).toMatchObject({ ok: false, error: { code: 'validation', field: 'id', message: expect.stringMatching(/^id: this count has already been applied \(INV-\d{5}\)$/), details: { reason: 'stock.alreadyApplied' } } });
    expect(await core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 3 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('already been applied') } });
    expect(await core.call('counts.cancel', { id: c.id })).toMatchObject({ ok: false, error: { field: 'id' } });
    expect([count('movements'), count('audit'), count('outbox')]).toEqual(applied);
    expect(onHand(p.LAIT.id)).toBe(15);
    // closed counts are records, in the database itself
    expect(() => core.store.sqlite.prepare('UPDATE stock_count_lines SET counted_milli = 0').run()).toThrow(/closed/);
    expect(() => core.store.sqlite.prepare("UPDATE stock_counts SET status = 'open'").run()).toThrow(/closed/);
    expect(() => core.store.sqlite.prepare('DELETE FROM stock_counts').run()).toThrow(/never deleted/);
  });

  it('a cancelled count writes nothing and frees its category for a new count', async () => {
    const c = await start('Épicerie');
    await set(c.id, p.LAIT.id, 1);
    const before = count('movements');
    expect((await must<StockCount>(core.call('counts.cancel', { id: c.id }))).status).toBe('cancelled');
    expect(await core.call('counts.apply', { id: c.id })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^id: this count was cancelled \(INV-\d{5}\)$/), details: { reason: 'stock.cancelled' } } });
    expect(count('movements')).toBe(before);
    expect(onHand(p.LAIT.id)).toBe(20);
    expect((await start('Épicerie')).reference).toBe('INV-00002');
  });

  it('a cashier counts blind: enters and scans counts, sees no expected quantity, cost or value, and may not start, apply or cancel (main refuses)', async () => {
    const c = await start('Épicerie');
    asCashier();
    const view = await must<StockCount>(core.call('counts.get', { id: c.id }));
    expect(view.withValues).toBe(false);
    expect(view.totals).toBe(null);
    await must(core.call('counts.set', { id: c.id, productId: p.LAIT.id, counted: 12 }));
    const scanned = await must<{ count: StockCount }>(core.call('counts.scan', { id: c.id, code: codes.huile }));
    for (const l of scanned.count.lines) {
      expect(l).toMatchObject({ expected: null, variance: null, unitCostMinor: null, varianceValueMinor: null, movedDuringCount: null });
    }
    expect(line(scanned.count, 'LAIT')?.counted).toBe(12);
    const before = [count('movements'), count('audit')];
    expect(await core.call('counts.apply', { id: c.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call('counts.start', { category: 'Boissons' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call('counts.cancel', { id: c.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // the service checks the role too, whoever calls it
    expect(() => core.services.counts.apply(c.id, { user: { id: cashier.id, name: 'Fatou', role: 'cashier' } })).toThrow(/only a manager or the owner/);
    expect([count('movements'), count('audit')]).toEqual(before);
    const row = core.store.sqlite.prepare('SELECT counted_by FROM stock_count_lines WHERE product_id = ?').get(p.LAIT.id) as { counted_by: number };
    expect(row.counted_by).toBe(cashier.id);

    asOwner();
    const applied = await must<StockCountApplied>(core.call('counts.apply', { id: c.id }));
    expect([onHand(p.LAIT.id), onHand(p.HUILE.id)]).toEqual([12, 1]);
    expect(applied.count.totals?.netMinor).toBe(-8 * 2000 - 9 * 1100);
  });

  it('prints a count sheet by category with no expected quantities: shop, number, date, SKU, name, unit, a blank counted column and lines to sign', async () => {
    const c = await start(null);
    await set(c.id, p.LAIT.id, 7);
    const sheet = await must<CountSheetDocument>(core.call('counts.sheet', { id: c.id }));
    expect(sheet.reference).toBe('INV-00001');
    const file = join(tmp.dir, 'sheet.pdf');
    writeFileSync(file, Buffer.from(sheet.pdfBase64, 'base64'));
    const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    for (const expected of ['Alimentation Awa', 'Feuille d’inventaire', 'N° INV-00001', 'Rayon : Tout le magasin', '4 mai 2026', 'Code', 'Article', 'Unité', 'Compté', 'Boissons', 'Épicerie', 'EAU', 'Eau minérale 1,5 l', 'RIZ', 'Riz parfumé', 'kg', 'pièce', codes.riz, 'Compté par', 'Vérifié par (gérant)', 'Signature', 'INV-00001 — page 1/1']) {
      expect(text).toContain(expected);
    }
    // no expected quantity (20 milk, 50 rice, 48 water...) and not what was already counted (7)
    const body = text.slice(text.indexOf('Remarque'));
    expect(body).not.toMatch(/\b(20|50|48|10|7)\b/);
    // grouped by category, sorted as a person sorts (É with E)
    expect(text.indexOf('Boissons')).toBeLessThan(text.indexOf('Eau minérale'));
    expect(text.indexOf('Eau minérale')).toBeLessThan(text.indexOf('Épicerie'));
    expect(text.indexOf('Épicerie')).toBeLessThan(text.indexOf('Huile 1 l'));

    await must(core.call('settings.save', { locale: 'en' }));
    const en = await must<CountSheetDocument>(core.call('counts.sheet', { id: c.id }));
    writeFileSync(file, Buffer.from(en.pdfBase64, 'base64'));
    const enText = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    for (const expected of ['Stock count sheet', 'Category: Whole shop', 'Counted', 'Counted by', 'Checked by (manager)', 'piece']) expect(enText).toContain(expected);
  });
});
