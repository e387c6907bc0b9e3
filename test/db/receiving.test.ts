import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { RecordOutcome, StockReceipt } from '../../src/shared/api/contract';
import type { Product, Supplier } from '../../src/shared/domain/product';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('receiving without a purchase order, losses and adjustments, on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let rice: Product;
  let syrup: Product;
  let supplier: Supplier;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const onHand = (id: number) => core.services.ledger.onHand([id])[0].onHand;
  /** Everything a refused call must leave as it was. */
  const footprint = () => ['movements', 'stock', 'stock_receipts', 'audit', 'outbox', 'counters'].map(count);

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    supplier = await must<Supplier>(core.call('suppliers.save', { name: 'SODIS Dakar' }));
    rice = await must<Product>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 1 kg', priceMinor: 650, costMinor: 500, unit: 'kg', barcodes: ['6001234500017'] }));
    syrup = await must<Product>(core.call('products.save', { sku: 'SIROP', name: 'Sirop toux 125 ml', priceMinor: 2500, costMinor: 1800, tracksExpiry: true }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('receives a whole delivery in one transaction: receipt movements with cost, lot and expiry, a REC- number, audit; cost price unchanged', async () => {
    const receipt = await must<StockReceipt>(
      core.call('stock.receive', {
        supplierId: supplier.id,
        deliveryNote: 'BL 4521',
        lines: [
          { productId: rice.id, quantity: 25.5, unitCostMinor: 480 },
          { productId: syrup.id, quantity: 12, lot: 'L2405', expiry: '2027-03-31' },
        ],
      }),
    );
    expect(receipt).toMatchObject({ number: 1, reference: 'REC-00001', supplierName: 'SODIS Dakar', deliveryNote: 'BL 4521', lines: 2, totalMinor: 25.5 * 480 + 12 * 1800 });
    expect(receipt.outcome.onHand).toEqual({ [rice.id]: 25.5, [syrup.id]: 12 });
    const moves = core.store.sqlite.prepare('SELECT product_id, kind, qty_milli, unit_cost_minor, lot, expiry, reference FROM movements ORDER BY id').all();
    expect(moves).toEqual([
      { product_id: rice.id, kind: 'receipt', qty_milli: 25_500, unit_cost_minor: 480, lot: null, expiry: null, reference: 'REC-00001 · BL 4521' },
      { product_id: syrup.id, kind: 'receipt', qty_milli: 12_000, unit_cost_minor: 1800, lot: 'L2405', expiry: '2027-03-31', reference: 'REC-00001 · BL 4521' },
    ]);
    expect(core.store.sqlite.prepare('SELECT number, supplier_id, delivery_note, lines, total_minor FROM stock_receipts').get()).toEqual({
      number: 1,
      supplier_id: supplier.id,
      delivery_note: 'BL 4521',
      lines: 2,
      total_minor: 12_240 + 21_600,
    });
    // like receiving against a purchase order: the product's cost price is not changed by a delivery
    expect((await must<Product>(core.call('products.get', { id: rice.id }))).costMinor).toBe(500);
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'receive' AND entity = 'stock_receipt'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ number: 1, supplierId: supplier.id, deliveryNote: 'BL 4521', movementIds: receipt.outcome.movementIds });

    const second = await must<StockReceipt>(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 1 }] }));
    expect(second).toMatchObject({ reference: 'REC-00002', supplierId: null, supplierName: null, totalMinor: 500 });
    expect(onHand(rice.id)).toBe(26.5);
    expect(() => core.store.sqlite.prepare('UPDATE stock_receipts SET total_minor = 0').run()).toThrow(/append-only/);
  });

  it('a delivery sent twice with the same submission id (a double click) is booked once, and answered the same; other lines under that id are refused', async () => {
    const input = { submissionId: 'form-1', supplierId: supplier.id, lines: [{ productId: rice.id, quantity: 12.5 }, { productId: syrup.id, quantity: 6, lot: 'L2407', expiry: '2028-03-31' }] };
    const [first, second] = await Promise.all([must<StockReceipt>(core.call('stock.receive', input)), must<StockReceipt>(core.call('stock.receive', input))]);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ reference: 'REC-00001', lines: 2, supplierName: 'SODIS Dakar' });
    expect([count('stock_receipts'), count('movements'), onHand(rice.id), onHand(syrup.id)]).toEqual([1, 2, 12.5, 6]);
    const before = footprint();
    const e = await core.call('stock.receive', { ...input, lines: [{ productId: rice.id, quantity: 1 }] });
    expect(e).toMatchObject({ ok: false, error: { code: 'conflict', field: 'submissionId', details: { reason: 'receipt_recorded', reference: 'REC-00001' } } });
    expect(footprint()).toEqual(before);
    // the next delivery the form shows has its own id
    await must(core.call('stock.receive', { ...input, submissionId: 'form-2' }));
    expect([count('stock_receipts'), onHand(rice.id)]).toEqual([2, 25]);
  });

  it('refuses every bad delivery naming the field, and writes nothing (not even a number)', async () => {
    const before = footprint();
    const tries: [unknown, string, string][] = [
      [{ lines: [] }, 'validation', 'lines'],
      [{ lines: [{ productId: 9999, quantity: 1 }] }, 'not_found', 'lines.0.productId'],
      [{ lines: [{ productId: rice.id, quantity: 0 }] }, 'validation', 'lines.0.quantity'],
      [{ lines: [{ productId: rice.id, quantity: -3 }] }, 'validation', 'lines.0.quantity'],
      [{ lines: [{ productId: rice.id, quantity: 1.0001 }] }, 'validation', 'lines.0.quantity'],
      [{ lines: [{ productId: rice.id, quantity: 1, unitCostMinor: -1 }] }, 'validation', 'lines.0.unitCostMinor'],
      [{ lines: [{ productId: rice.id, quantity: 1 }, { productId: syrup.id, quantity: 2, expiry: '2027-01-31' }] }, 'validation', 'lines.1.lot'],
      [{ lines: [{ productId: rice.id, quantity: 1 }, { productId: syrup.id, quantity: 2, lot: 'L1' }] }, 'validation', 'lines.1.expiry'],
      [{ lines: [{ productId: syrup.id, quantity: 2, lot: 'L1', expiry: '2027-02-30' }] }, 'validation', 'lines.0.expiry'],
      [{ lines: [{ productId: syrup.id, quantity: 2, lot: 'L1', expiry: '2026-05-03' }] }, 'validation', 'lines.0.expiry'],
      [{ lines: [{ productId: syrup.id, quantity: 2, lot: 'L1', expiry: '31/12/2027' }] }, 'validation', 'lines.0.expiry'],
      [{ supplierId: 999, lines: [{ productId: rice.id, quantity: 1 }] }, 'not_found', 'supplierId'],
      // 1e15 kg was accepted and totalled past 2^53; the largest quantity at the largest cost is refused as a whole
      [{ lines: [{ productId: rice.id, quantity: 1e15 }] }, 'validation', 'lines.0.quantity'],
      [{ lines: [{ productId: rice.id, quantity: 1, unitCostMinor: 1e13 }] }, 'validation', 'lines.0.unitCostMinor'],
      [{ lines: [{ productId: rice.id, quantity: 10_000_000, unitCostMinor: 1e12 }] }, 'validation', 'amount'],
      // each line fits, their total (17 000 000 000 000 001) does not: it was stored rounded
      [
        {
          lines: [
            { productId: rice.id, quantity: 9000, unitCostMinor: 1e12 },
            { productId: rice.id, quantity: 8000, unitCostMinor: 1e12 },
            { productId: rice.id, quantity: 1, unitCostMinor: 1 },
          ],
        },
        'validation',
        'amount',
      ],
    ];
    for (const [input, code, field] of tries) {
      const result = await core.call('stock.receive', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code, field } });
    }
    const lot = await core.call('stock.receive', { lines: [{ productId: syrup.id, quantity: 2, expiry: '2027-01-31' }] });
    expect(lot).toMatchObject({ ok: false, error: { message: 'lines.0.lot: this product tracks expiry: give the lot number' } });
    await must(core.call('products.deactivate', { id: rice.id }));
    expect(await core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { field: 'lines.0.productId', message: expect.stringContaining('deactivated') } });
    expect(footprint().slice(0, 3)).toEqual(before.slice(0, 3));
    expect(count('counters')).toBe(before[5]);
  });

  it('a cashier may not receive a delivery (main refuses)', async () => {
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(count('movements')).toBe(0);
  });

  it('records a loss with a reason from the list (and a note for "other"); the reason is on the movement and in the audit', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 10 }] }));
    const outcome = await must<RecordOutcome>(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 2, reason: 'damaged', note: 'sac percé' }));
    expect(outcome.onHand[rice.id]).toBe(8);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 1, reason: 'expired' }));
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 0.5, reason: 'other', note: 'échantillon' }));
    const rows = core.store.sqlite.prepare("SELECT qty_milli, reason FROM movements WHERE kind = 'loss' ORDER BY id").all();
    expect(rows).toEqual([
      { qty_milli: -2000, reason: 'damaged: sac percé' },
      { qty_milli: -1000, reason: 'expired' },
      { qty_milli: -500, reason: 'other: échantillon' },
    ]);
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'loss'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail).reason)).toEqual(['damaged: sac percé', 'expired', 'other: échantillon']);
    expect(onHand(rice.id)).toBe(6.5);
  });

  it('refuses a loss or an adjustment without its reason, a zero or negative loss, an unknown product; writes nothing', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 10 }] }));
    const before = footprint();
    const tries: [unknown, string, string][] = [
      [{ kind: 'loss', productId: rice.id, quantity: 1 }, 'validation', 'reason'],
      [{ kind: 'loss', productId: rice.id, quantity: 1, reason: 'other' }, 'validation', 'note'],
      [{ kind: 'loss', productId: rice.id, quantity: 1, reason: 'other', note: '   ' }, 'validation', 'note'],
      [{ kind: 'loss', productId: rice.id, quantity: 1, reason: 'stolen by aliens' }, 'validation', 'reason'],
      [{ kind: 'loss', productId: rice.id, quantity: -1, reason: 'damaged' }, 'validation', 'quantity'],
      [{ kind: 'loss', productId: rice.id, quantity: 0, reason: 'damaged' }, 'validation', 'quantity'],
      [{ kind: 'adjustment', productId: rice.id, quantity: -1 }, 'validation', 'note'],
      [{ kind: 'adjustment', productId: rice.id, quantity: 0, note: 'x' }, 'validation', 'quantity'],
      [{ kind: 'loss', productId: 9999, quantity: 1, reason: 'theft' }, 'not_found', 'productId'],
      [{ kind: 'sale', productId: rice.id, quantity: 1, reason: 'theft' }, 'validation', 'kind'],
    ];
    for (const [input, code, field] of tries) {
      expect(await core.call('stock.writeOff', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 1 })).toMatchObject({ ok: false, error: { message: 'reason: choose why the goods were lost' } });
    expect(footprint()).toEqual(before);
  });

  it('an adjustment carries its sign and reason; a cashier may record a loss but not an adjustment; the shop policy can block negative stock', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 3 }] }));
    expect((await must<RecordOutcome>(core.call('stock.writeOff', { kind: 'adjustment', productId: rice.id, quantity: 2, note: 'carton retrouvé en réserve' }))).onHand[rice.id]).toBe(5);
    expect((await must<RecordOutcome>(core.call('stock.writeOff', { kind: 'adjustment', productId: rice.id, quantity: -0.25, note: 'pesée' }))).onHand[rice.id]).toBe(4.75);

    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    const before = count('movements');
    expect(await core.call('stock.writeOff', { kind: 'adjustment', productId: rice.id, quantity: 1, note: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'kind' } });
    expect(count('movements')).toBe(before);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 1, reason: 'damaged' }));
    expect((core.store.sqlite.prepare('SELECT user_id FROM movements ORDER BY id DESC LIMIT 1').get() as { user_id: number }).user_id).toBe(99);

    core.services.session.actAs({ id: 1, name: 'Owner', role: 'owner' });
    await must(core.call('settings.save', { negativeStock: 'block' }));
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 10, reason: 'theft' })).toMatchObject({ ok: false, error: { code: 'insufficient_stock', field: 'quantity' } });
    expect(onHand(rice.id)).toBe(3.75);
  });

  it('a cashier writes off at most what the stock holds (500 typed for a 500 g bag of rice kept in kg is refused, naming the stock and its unit); a manager may go further', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 200.5 }] }));
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    const before = footprint();
    const e = await core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 500, reason: 'theft' });
    expect(e).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'quantity', details: { reason: 'stock.lossOverStock', onHand: '200,5', unit: 'kg' } } });
    expect(footprint()).toEqual(before);
    // the whole stock is still a loss she may record (a flooded store room)
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 200.5, reason: 'damaged' }));
    expect(onHand(rice.id)).toBe(0);
    expect((await core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 0.5, reason: 'damaged' })).ok).toBe(false);

    core.services.session.actAs({ id: 1, name: 'Owner', role: 'owner' });
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 0.5, reason: 'damaged' }));
    expect(onHand(rice.id)).toBe(-0.5);
  });
});
