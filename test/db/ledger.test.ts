import { MOVEMENT_KINDS } from '../../src/shared/domain/movement';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { Product } from '../../src/shared/domain/product';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('stock ledger on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock = new Date('2026-03-02T09:00:00');
  beforeEach(() => {
    tmp = tempDir();
    clock = new Date('2026-03-02T09:00:00');
    core = openTestCore(tmp.dir, () => clock);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const rice = () => must<Product>(core.call('products.save', { sku: 'RIZ-25', name: 'Riz parfumé 25 kg', priceMinor: 17500, costMinor: 15000, unit: 'kg', barcodes: ['6001234567890'] }));
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('writes movement, on-hand, daily aggregate, audit and outbox in one transaction', async () => {
    const p = await rice();
    const auditBefore = count('audit');
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 100, unitCostMinor: 150 }], reference: 'BL-1' }));
    const outcome = await must<{ onHand: Record<number, number> }>(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 2.5 }] }));
    expect(outcome.onHand[p.id]).toBe(97.5);
    const day = core.store.sqlite.prepare('SELECT * FROM daily_sales WHERE product_id = ?').get(p.id) as Record<string, number>;
    expect(day).toMatchObject({ date: '2026-03-02', sold_milli: 2500, revenue_minor: 43750, cost_minor: 37500, end_stock_milli: 97500 });
    expect(count('audit')).toBe(auditBefore + 2);
    expect(count('outbox')).toBeGreaterThanOrEqual(3);
    const stock = await must<{ onHand: number; valueMinor: number }[]>(core.call('stock.onHand', {}));
    expect(stock[0]).toMatchObject({ onHand: 97.5, valueMinor: 97.5 * 15000 });
  });

  it('keeps fractional quantities exact over many movements', async () => {
    const p = await rice();
    for (let i = 0; i < 30; i++) await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 0.1 }] }));
    const row = core.store.sqlite.prepare('SELECT on_hand_milli FROM stock WHERE product_id = ?').get(p.id) as { on_hand_milli: number };
    expect(row.on_hand_milli).toBe(3000);
    const refused = await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 0.0001 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
  });

  it('refuses absurd quantities and amounts: 1e300 kg could never have been corrected, 1e-10 was written as 0', async () => {
    const p = await rice();
    const before = count('movements');
    for (const quantity of [1e300, 1e16, 10_000_000.001, -1e16, 1e-10]) {
      expect(await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'adjustment', quantity, reason: 'typo' }] })).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'lines.0.quantity' },
      });
    }
    expect(await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 1, unitCostMinor: 1e13 }] })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'lines.0.unitCostMinor' },
    });
    expect(count('movements')).toBe(before);
    // the largest allowed quantity at the largest price is refused as a whole, in words, not as an internal error
    const huge = await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 10_000_000, unitCostMinor: 1e12 }] });
    expect(huge).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount', message: expect.stringContaining('too large') } });
    expect(count('movements')).toBe(before);
  });

  it('a receipt by hand checks lot and expiry as a delivery does', async () => {
    const syrup = await must<Product>(core.call('products.save', { sku: 'SIROP', name: 'Sirop', priceMinor: 2500, tracksExpiry: true }));
    const before = count('movements');
    const tries: [Record<string, unknown>, string, string][] = [
      [{}, 'lines.0.lot', 'give the lot number'],
      [{ lot: 'L1' }, 'lines.0.expiry', 'give the expiry date'],
      [{ lot: 'L1', expiry: '2027-02-31' }, 'lines.0.expiry', 'not a real date'],
      [{ lot: 'L1', expiry: '2001-01-01' }, 'lines.0.expiry', 'already past'],
    ];
    for (const [extra, field, words] of tries) {
      const result = await core.call('ledger.record', { lines: [{ productId: syrup.id, kind: 'receipt', quantity: 5, ...extra }] });
      expect(result, JSON.stringify(extra)).toMatchObject({ ok: false, error: { code: 'validation', field, message: expect.stringContaining(words) } });
    }
    expect(count('movements')).toBe(before);
    await must(core.call('ledger.record', { lines: [{ productId: syrup.id, kind: 'receipt', quantity: 5, lot: 'L1', expiry: '2099-01-31' }] }));
    expect(count('movements')).toBe(before + 1);
  });

  it('refuses a movement for an unknown product and writes nothing', async () => {
    const p = await rice();
    const before = count('movements');
    const result = await core.call('ledger.record', {
      lines: [
        { productId: p.id, kind: 'receipt', quantity: 5 },
        { productId: 9999, kind: 'sale', quantity: 1 },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', field: 'lines.1.productId' } });
    expect(count('movements')).toBe(before);
    expect(count('stock')).toBe(0);
  });

  it('applies the negative-stock policy: warn (default), block, allow', async () => {
    const p = await rice();
    const warned = await must<{ warnings: unknown[] }>(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 1 }] }));
    expect(warned.warnings).toEqual([{ code: 'negative_stock', productId: p.id, onHand: -1 }]);

    await must(core.call('settings.save', { negativeStock: 'block' }));
    const blocked = await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 1 }] });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'insufficient_stock', field: 'lines.0.quantity' } });
    expect(count('movements')).toBe(1);

    await must(core.call('settings.save', { negativeStock: 'allow' }));
    const allowed = await must<{ warnings: unknown[] }>(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'loss', quantity: 1, reason: 'broken' }] }));
    expect(allowed.warnings).toEqual([]);
  });

  it('signs each kind: returns and receipts add, sales, losses and supplier returns remove', async () => {
    const p = await rice();
    const kinds: [string, number][] = [['receipt', 10], ['sale', 3], ['customer_return', 1], ['supplier_return', 2], ['loss', 1], ['adjustment', -0.5], ['count', 2]];
    for (const [kind, quantity] of kinds) await must(core.call('ledger.record', { lines: [{ productId: p.id, kind, quantity, reason: 'checked' }] }));
    const product = await must<{ onHand: number }>(core.call('products.get', { id: p.id }));
    expect(product.onHand).toBe(10 - 3 + 1 - 2 - 1 - 0.5 + 2);
    const sum = core.store.sqlite.prepare('SELECT sum(qty_milli) AS s FROM movements').get() as { s: number };
    expect(sum.s).toBe(product.onHand * 1000);
    const bad = await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: -1 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
  });

  it('asks why for losses, adjustments and count corrections, and keeps recording by hand to managers', async () => {
    const p = await rice();
    const before = count('movements');
    for (const kind of ['loss', 'adjustment', 'count']) {
      const unexplained = await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 5 }, { productId: p.id, kind, quantity: 1, reason: '  ' }] });
      expect(unexplained).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.1.reason' } });
    }
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'manager' });
    expect(await core.call('ledger.record', { lines: [{ productId: p.id, kind: 'adjustment', quantity: 1, reason: 'found one' }] })).toMatchObject({ ok: true });
    expect(count('movements')).toBe(before + 1);
    // a cashier records nothing by hand: no receipt without the delivery form, no sale outside the till
    // (it wrote takings nobody paid), no return outside a receipt; losses go through stock.writeOff
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    for (const kind of MOVEMENT_KINDS) {
      const line = { productId: p.id, kind, quantity: 1, reason: 'why', unitPriceMinor: 99_999_999 };
      expect(await core.call('ledger.record', { lines: [line] })).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'role', needs: 'manager' } } });
    }
    expect(count('movements')).toBe(before + 1);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: p.id, quantity: 1, reason: 'damaged', note: 'sac déchiré' }));
    expect(count('movements')).toBe(before + 2);
  });

  it('bulk: groups lines by product keeping each product\'s order, sums days, and refuses a loss without reason writing nothing', async () => {
    const a = await rice();
    const b = await must<Product>(core.call('products.save', { sku: 'HUILE-1', name: 'Huile 1 l', priceMinor: 1200, costMinor: 900, unit: 'l' }));
    const actor = { user: core.services.session.current()! };
    const mon = new Date('2026-03-02T10:00:00');
    const tue = new Date('2026-03-03T10:00:00');
    const lines = [
      { line: { productId: b.id, kind: 'receipt' as const, quantity: 10, reason: '' }, at: mon },
      { line: { productId: a.id, kind: 'receipt' as const, quantity: 5, reason: '' }, at: mon },
      { line: { productId: b.id, kind: 'sale' as const, quantity: 3, reason: '' }, at: mon },
      { line: { productId: a.id, kind: 'sale' as const, quantity: 1.5, reason: '' }, at: tue },
      { line: { productId: b.id, kind: 'sale' as const, quantity: 2, reason: '' }, at: tue },
      { line: { productId: b.id, kind: 'sale' as const, quantity: 1, reason: '' }, at: tue },
    ];
    expect(core.services.ledger.recordBulk(lines, 'import-1', actor, 'warn')).toBe(6);
    const rows = core.store.sqlite.prepare('SELECT product_id AS p, kind, qty_milli AS q, business_date AS d FROM movements ORDER BY id').all();
    expect(rows).toEqual([
      { p: a.id, kind: 'receipt', q: 5000, d: '2026-03-02' },
      { p: a.id, kind: 'sale', q: -1500, d: '2026-03-03' },
      { p: b.id, kind: 'receipt', q: 10000, d: '2026-03-02' },
      { p: b.id, kind: 'sale', q: -3000, d: '2026-03-02' },
      { p: b.id, kind: 'sale', q: -2000, d: '2026-03-03' },
      { p: b.id, kind: 'sale', q: -1000, d: '2026-03-03' },
    ]);
    const days = core.store.sqlite.prepare('SELECT product_id AS p, date, sold_milli AS sold, end_stock_milli AS end FROM daily_sales ORDER BY product_id, date').all();
    expect(days).toEqual([
      { p: a.id, date: '2026-03-02', sold: 0, end: 5000 },
      { p: a.id, date: '2026-03-03', sold: 1500, end: 3500 },
      { p: b.id, date: '2026-03-02', sold: 3000, end: 7000 },
      { p: b.id, date: '2026-03-03', sold: 3000, end: 4000 },
    ]);
    const before = count('movements');
    const bad = [...lines, { line: { productId: a.id, kind: 'loss' as const, quantity: 1, reason: ' ' }, at: tue }];
    expect(() => core.services.ledger.recordBulk(bad, 'import-2', actor, 'warn')).toThrow(/lines\.6\.reason: a loss needs its reason/);
    expect(count('movements')).toBe(before);
    const stock = await must<{ productId: number; onHand: number }[]>(core.call('stock.onHand', {}));
    expect(stock.map((s) => [s.productId, s.onHand]).sort()).toEqual([[a.id, 3.5], [b.id, 4]].sort());
  });

  it('lists movements newest first and aggregates each business day separately', async () => {
    const p = await rice();
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 10 }] }));
    clock = new Date('2026-03-03T18:30:00');
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 4 }] }));
    const moves = await must<{ kind: string }[]>(core.call('ledger.movements', { productId: p.id }));
    expect(moves.map((m) => m.kind)).toEqual(['sale', 'receipt']);
    const days = core.store.sqlite.prepare('SELECT date, sold_milli, end_stock_milli FROM daily_sales ORDER BY date').all();
    expect(days).toEqual([
      { date: '2026-03-02', sold_milli: 0, end_stock_milli: 10000 },
      { date: '2026-03-03', sold_milli: 4000, end_stock_milli: 6000 },
    ]);
  });

  it('refuses calls above the user role, in main', async () => {
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    const result = await core.call('products.save', { sku: 'X', name: 'X', priceMinor: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(count('products')).toBe(0);
  });
});
