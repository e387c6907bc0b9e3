import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { LotBook, lotsLeft, type LotLeft, type LotMove } from '../../src/main/services/alerts/lots';
import type { LotTrace, LotTraceEntry, StockCount, StockLot } from '../../src/shared/api/contracts/counts';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { CompletedSale } from '../../src/shared/domain/sale';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';

describe('a lot traced for a recall: where it came from and where it went (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let insecticide: number;
  let sirop: number;
  let owner: string;
  const at = (iso: string) => (clock = new Date(iso));
  const trace = (lot: string) => must<LotTrace>(core.call('stock.lotTrace', { lot }));
  const sell = (productId: number, quantity: number) =>
    must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId, quantity }], tenders: [{ tender: 'cash', amountMinor: 100_000 }] }));
  /** Each listed movement as [kind, quantity from the lot, reference]. */
  const rows = (e: LotTraceEntry) => e.moves.map((m) => [m.kind, m.quantity, m.reference]);

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-03-02T09:00:00');
    core = openTestCore(tmp.dir, () => clock);
    owner = core.services.session.owner().name;
    insecticide = (await must<{ id: number }>(core.call('products.save', { sku: 'INSX', name: 'Insecticide X', priceMinor: 3000, costMinor: 2000, tracksExpiry: true }))).id;
    sirop = (await must<{ id: number }>(core.call('products.save', { sku: 'SIROP', name: 'Sirop contre la toux', priceMinor: 2500, costMinor: 1800, tracksExpiry: true }))).id;
    // lot A expires first; lot B comes in two deliveries
    await must(core.call('stock.receive', { lines: [{ productId: insecticide, quantity: 10, lot: 'L2407 A', expiry: '2026-08-31' }] }));
    await must(core.call('stock.receive', { lines: [{ productId: insecticide, quantity: 8, lot: 'L2407-B', expiry: '2028-03-31' }] }));
    await must(core.call('stock.receive', { lines: [{ productId: insecticide, quantity: 4, lot: 'l2407-b', expiry: '2028-03-31' }] }));
    // the same number on another product, from another supplier
    await must(core.call('stock.receive', { lines: [{ productId: sirop, quantity: 3, lot: 'l2407-B', expiry: '2027-01-31' }] }));
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('puts each ticket, return, loss and count down to the lot it took from, as the stock of lots does', async () => {
    at('2026-03-03T10:00:00');
    const first = await sell(insecticide, 6); // 6 from A
    at('2026-03-10T11:00:00');
    const second = await sell(insecticide, 7); // the 4 left of A, then 3 from B
    at('2026-03-11T09:30:00');
    const back = await must<CompletedSale>(core.call('pos.return', { receiptNo: second.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] })); // back to B, sold last
    at('2026-03-12T15:00:00');
    await must(core.call('stock.writeOff', { kind: 'loss', productId: insecticide, quantity: 2, reason: 'damaged', lot: 'l2407-b' }));
    at('2026-03-14T18:00:00');
    const count = await must<StockCount>(core.call('counts.start', { category: null }));
    await must(core.call('counts.set', { id: count.id, productId: insecticide, counted: 7 })); // 8 on hand: one missing
    await must(core.call('counts.apply', { id: count.id }));
    at('2026-03-17T10:00:00');
    const third = await sell(insecticide, 2); // from B

    const b = await trace('  l2407-b ');
    expect(b.lot).toBe('l2407-b');
    expect(b.entries.map((e) => [e.name, e.lot, e.expiry])).toEqual([
      ['Insecticide X', 'L2407-B', '2028-03-31'],
      ['Sirop contre la toux', 'l2407-B', '2027-01-31'],
    ]);
    const [insB, siropB] = b.entries as [LotTraceEntry, LotTraceEntry];
    expect(insB).toMatchObject({
      productId: insecticide,
      sku: 'INSX',
      unit: 'piece',
      expired: false,
      received: 12,
      deliveries: 2,
      sold: 5,
      tickets: 2,
      firstSale: '2026-03-10',
      lastSale: '2026-03-17',
      customerReturns: 1,
      lost: 2,
      supplierReturns: 0,
      adjusted: -1,
      onShelf: 5,
      truncated: false,
    });
    expect(rows(insB)).toEqual([
      ['receipt', 8, 'REC-00002'],
      ['receipt', 4, 'REC-00003'],
      ['sale', -3, `receipt ${second.receiptNo}`],
      ['customer_return', 1, `return ${back.receiptNo} of ${second.receiptNo}`],
      ['loss', -2, ''],
      ['count', -1, expect.stringMatching(/^INV-/)],
      ['sale', -2, `receipt ${third.receiptNo}`],
    ]);
    // the second ticket sold 7: 3 of them from this lot
    expect(insB.moves[2]).toMatchObject({ movementQuantity: -7, occurredAt: new Date('2026-03-10T11:00:00').toISOString(), businessDate: '2026-03-10', userName: owner });
    expect(insB.moves[4]).toMatchObject({ reason: 'damaged', movementQuantity: -2 });
    expect(siropB).toMatchObject({ received: 3, sold: 0, tickets: 0, firstSale: null, onShelf: 3, moves: [expect.objectContaining({ kind: 'receipt', quantity: 3 })] });

    const a = await trace('L2407   a');
    expect(a.entries).toHaveLength(1);
    const [insA] = a.entries as [LotTraceEntry];
    expect(insA).toMatchObject({ lot: 'L2407 A', expiry: '2026-08-31', received: 10, sold: 10, tickets: 2, firstSale: '2026-03-03', lastSale: '2026-03-10', onShelf: 0 });
    expect(rows(insA)).toEqual([
      ['receipt', 10, 'REC-00001'],
      ['sale', -6, `receipt ${first.receiptNo}`],
      ['sale', -4, `receipt ${second.receiptNo}`],
    ]);

    // what is on the shelf is what the Stock page's lots say
    const lots = await must<StockLot[]>(core.call('stock.lots', { productId: insecticide }));
    expect(lots.map((l) => [l.lot, l.expiry, l.quantity])).toEqual([['L2407-B', '2028-03-31', insB.onShelf]]);
    expect((await must<StockLot[]>(core.call('stock.lots', { productId: sirop }))).map((l) => l.quantity)).toEqual([siropB.onShelf]);
  });

  it('says a lot past its date, and the rest of a lot written off after the trace', async () => {
    at('2026-09-02T09:00:00');
    const [a] = (await trace('L2407 A')).entries as [LotTraceEntry];
    expect(a).toMatchObject({ expired: true, onShelf: 10 });
    await must(core.call('stock.writeOff', { kind: 'loss', productId: insecticide, quantity: 10, reason: 'expired', lot: a.lot, expiry: a.expiry }));
    const [gone] = (await trace('L2407 A')).entries as [LotTraceEntry];
    expect(gone).toMatchObject({ lost: 10, onShelf: 0 });
    expect(gone.moves.map((m) => [m.kind, m.quantity, m.reason])).toEqual([
      ['receipt', 10, ''],
      ['loss', -10, 'expired'],
    ]);
  });

  it('refuses a cashier, names a lot never received, and asks for a lot number', async () => {
    const unknown = await refused<AppErrorShape>('a lot never received', core.call('stock.lotTrace', { lot: 'ZZ-99' }));
    expect(unknown).toMatchObject({ code: 'not_found', field: 'lot', details: { reason: 'lot_never_received', lot: 'ZZ-99' } });
    expect(unknown.message).toContain('ZZ-99');
    // a part of a lot number is not that lot
    expect(await core.call('stock.lotTrace', { lot: 'L2407' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const lot of ['', '   ', 'X'.repeat(65)]) {
      expect(await core.call('stock.lotTrace', { lot }), JSON.stringify(lot)).toMatchObject({ ok: false, error: { code: 'validation', field: 'lot' } });
    }

    await ownerPin(core);
    const fatou = await must<{ id: number }>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821', active: true }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    expect(await core.call('stock.lotTrace', { lot: 'L2407-B' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists the first 2000 movements of a lot and counts them all', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: sirop, quantity: 2500, lot: 'BIG', expiry: '2027-06-30' }] }));
    const sale = core.store.sqlite.prepare(
      "INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, user_id, occurred_at, business_date) VALUES (?, 'sale', -1000, 1800, 2500, '', ?, 1, ?, ?)",
    );
    core.store.sqlite.transaction(() => {
      for (let i = 1; i <= 2100; i++) sale.run(sirop, `receipt ${i}`, '2026-03-05T10:00:00.000Z', '2026-03-05');
    })();
    const [big] = (await trace('big')).entries as [LotTraceEntry];
    expect(big.moves).toHaveLength(2000);
    expect(big.truncated).toBe(true);
    expect(big.moves[0]).toMatchObject({ kind: 'receipt', quantity: 2500 });
    // sales take the lot that expires first: the sirop's other lot goes first
    expect(big).toMatchObject({ received: 2500, sold: 2097, tickets: 2097, onShelf: 403 });
  });
});

describe('LotBook tells an observer what each movement does to the dated lots', () => {
  const move = (kind: string, milli: number, lot: string | null = null, expiry: string | null = null): LotMove => ({ kind, milli, lot, expiry, day: '2026-03-01' });

  it('reports takes and additions, never the stock of unknown lot nor the debt, and agrees with lotsLeft', () => {
    const moves = [
      move('receipt', 5000, 'A', '2026-06-30'),
      move('receipt', 2000), // unknown lot
      move('receipt', 4000, 'B', '2027-01-31'),
      move('sale', -7000), // 5 from A, 2 from B
      move('customer_return', 1000), // back to B
      move('loss', -1000, 'a'), // nothing left in A: from B (FEFO)
      move('sale', -5000), // 2 from B, 2 from unknown, 1 owed
      move('receipt', 3000, 'C', '2027-05-31'), // 1 pays the debt
    ];
    const book = new LotBook();
    const parts: [number, string, number][] = [];
    moves.forEach((m, i) => book.apply(m, (l: LotLeft, milli) => parts.push([i, l.lot, milli])));
    expect(parts).toEqual([
      [0, 'A', 5000],
      [2, 'B', 4000],
      [3, 'A', -5000],
      [3, 'B', -2000],
      [4, 'B', 1000],
      [5, 'B', -1000],
      [6, 'B', -2000],
      [7, 'C', 2000],
    ]);
    expect(book.held()).toEqual(lotsLeft(moves));
    expect(book.held()).toEqual([{ lot: 'C', expiry: '2027-05-31', milli: 2000 }]);
  });
});
