import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { PurchaseOrder, StockCount } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Product } from '../../src/shared/domain/product';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { translator } from '../../src/renderer/src/i18n/translate';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

describe('pieces are whole wherever a quantity is typed: « 1,5 savon » is refused (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let soap: Product;
  let rice: Product;
  const onHand = (id: number) => core.store.sqlite.prepare('SELECT on_hand_milli FROM stock WHERE product_id = ?').pluck().get(id) as number;
  const movements = () => core.store.sqlite.prepare('SELECT count(*) FROM movements').pluck().get() as number;
  const expectWholeRefusal = async (what: string, call: Promise<{ ok: boolean; error?: unknown }>, field: string) => {
    const before = movements();
    const error = await refused<AppErrorShape>(what, call);
    expect(error, what).toMatchObject({ code: 'validation', field, details: { reason: 'whole_pieces', name: 'Savon de Marseille' } });
    expect(movements(), what).toBe(before);
    return error;
  };

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:00:00'));
    soap = await must<Product>(core.call('products.save', { sku: 'SAV', name: 'Savon de Marseille', priceMinor: 300, costMinor: 150, unit: 'piece' }));
    rice = await must<Product>(core.call('products.save', { sku: 'RIZ', name: 'Riz au kilo', priceMinor: 650, costMinor: 500, unit: 'kg' }));
    await must(core.call('ledger.record', { lines: [{ productId: soap.id, kind: 'receipt', quantity: 50 }, { productId: rice.id, kind: 'receipt', quantity: 25.5 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('a sale and a count of part of a piece are refused, naming the product; nothing is written', async () => {
    const sale = await expectWholeRefusal('a sale', core.call('pos.checkout', { lines: [{ productId: soap.id, quantity: 1.5 }], tenders: [{ tender: 'cash', amountMinor: 450 }] }), 'lines.0.quantity');
    expect(errorShapeText(sale, translator('fr'), 'fr')).toBe('Savon de Marseille se compte à la pièce : tapez un nombre entier (1, 2, 3…).');
    expect(errorShapeText(sale, translator('en'), 'en')).toBe('Savon de Marseille is counted by the piece: type a whole number (1, 2, 3…).');
    // the second line is whole: the sale is refused as one, nothing of it written
    await expectWholeRefusal('a second line', core.call('pos.checkout', { lines: [{ productId: rice.id, quantity: 1 }, { productId: soap.id, quantity: 0.5 }], tenders: [{ tender: 'cash', amountMinor: 800 }] }), 'lines.1.quantity');
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(0);
    const count = await must<StockCount>(core.call('counts.start', { category: null }));
    await expectWholeRefusal('a count', core.call('counts.set', { id: count.id, productId: soap.id, counted: 48.5 }), 'counted');
    expect(onHand(soap.id)).toBe(50_000);
  });

  it('weights are not pieces: 1,25 kg of rice is sold and counted', async () => {
    await must(core.call('pos.checkout', { lines: [{ productId: rice.id, quantity: 1.25 }], tenders: [{ tender: 'cash', amountMinor: 813 }] }));
    expect(onHand(rice.id)).toBe(24_250);
    const count = await must<StockCount>(core.call('counts.start', { category: null }));
    await must(core.call('counts.set', { id: count.id, productId: rice.id, counted: 24.1 }));
  });

  it('a stock left with part of a piece (an older version, a delivery) is set right by a count; a return of what was sold that way is taken back', async () => {
    // what an older version let through: 1,5 soap sold on a receipt (written here past the append-only trigger)
    await must(core.call('pos.checkout', { lines: [{ productId: soap.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 600 }] }));
    const db = core.store.sqlite;
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sale_lines_no_change'").pluck().get() as string;
    db.exec('DROP TRIGGER sale_lines_no_change');
    db.prepare('UPDATE sale_lines SET qty_milli = 1500 WHERE sale_id = (SELECT max(id) FROM sales)').run();
    db.exec(trigger);
    db.prepare('UPDATE stock SET on_hand_milli = 48500 WHERE product_id = ?').run(soap.id);
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1.5 }], tenders: [{ tender: 'cash', amountMinor: 600 }] }));
    expect(onHand(soap.id)).toBe(50_000);
    db.prepare('UPDATE stock SET on_hand_milli = 48500 WHERE product_id = ?').run(soap.id);
    const count = await must<StockCount>(core.call('counts.start', { category: null }));
    await must(core.call('counts.set', { id: count.id, productId: soap.id, counted: 48 }));
    await must(core.call('counts.apply', { id: count.id }));
    expect(onHand(soap.id)).toBe(48_000);
  });
  it('a delivery, a loss, an adjustment and a purchase order of part of a piece are refused the same way; kilos are not', async () => {
    await expectWholeRefusal(
      'a delivery',
      core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 2.5 }, { productId: soap.id, quantity: 12.5 }] }),
      'lines.1.quantity',
    );
    await expectWholeRefusal('a loss', core.call('stock.writeOff', { kind: 'loss', productId: soap.id, quantity: 0.5, reason: 'damaged' }), 'quantity');
    await expectWholeRefusal('an adjustment', core.call('stock.writeOff', { kind: 'adjustment', productId: soap.id, quantity: -1.5, note: 'recompté' }), 'quantity');
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 2.5 }, { productId: soap.id, quantity: 12 }] }));
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 0.75, reason: 'damaged' }));
    expect([onHand(soap.id), onHand(rice.id)]).toEqual([62_000, 27_250]);

    const supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Savonnerie du Midi' }))).id;
    await must(core.call('products.save', { id: soap.id, sku: 'SAV', name: 'Savon de Marseille', priceMinor: 300, costMinor: 150, unit: 'piece', supplierId }));
    await must(core.call('products.save', { id: rice.id, sku: 'RIZ', name: 'Riz au kilo', priceMinor: 650, costMinor: 500, unit: 'kg', supplierId }));
    await expectWholeRefusal('an order', core.call('purchasing.createOrders', { lines: [{ productId: soap.id, quantity: 24.5 }] }), 'lines.0.quantity');
    expect(await must<unknown[]>(core.call('purchasing.list', {}))).toHaveLength(0);
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: soap.id, quantity: 24 }, { productId: rice.id, quantity: 10.5 }] }));
    await expectWholeRefusal('an order edited', core.call('purchasing.update', { id: po.id, lines: [{ productId: rice.id, quantity: 10.5 }, { productId: soap.id, quantity: 2.5 }] }), 'lines.1.quantity');
    expect((await must<PurchaseOrder>(core.call('purchasing.get', { id: po.id }))).lines.map((l) => l.quantity)).toEqual([24, 10.5]);
    await must(core.call('purchasing.markSent', { id: po.id }));
    await expectWholeRefusal('an order received', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 2, quantity: 10.5 }, { lineNo: 1, quantity: 12.5 }] }), 'lines.1.quantity');
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 2, quantity: 10.5 }, { lineNo: 1, quantity: 12 }] }));
    expect([onHand(soap.id), onHand(rice.id)]).toEqual([74_000, 37_750]);
  });

  it('a loss or an adjustment that sets right a stock left with part of a piece is taken, and so is the rest of an order line an older version wrote with one', async () => {
    const db = core.store.sqlite;
    db.prepare('UPDATE stock SET on_hand_milli = 48500 WHERE product_id = ?').run(soap.id);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: soap.id, quantity: 0.5, reason: 'damaged' }));
    expect(onHand(soap.id)).toBe(48_000);
    db.prepare('UPDATE stock SET on_hand_milli = 47500 WHERE product_id = ?').run(soap.id);
    await must(core.call('stock.writeOff', { kind: 'adjustment', productId: soap.id, quantity: 0.5, note: 'recompté' }));
    expect(onHand(soap.id)).toBe(48_000);
    // once whole, half a piece more is refused again
    await expectWholeRefusal('half a piece more', core.call('stock.writeOff', { kind: 'adjustment', productId: soap.id, quantity: 0.5, note: 'recompté' }), 'quantity');

    const supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Savonnerie du Midi' }))).id;
    await must(core.call('products.save', { id: soap.id, sku: 'SAV', name: 'Savon de Marseille', priceMinor: 300, costMinor: 150, unit: 'piece', supplierId }));
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: soap.id, quantity: 10 }] }));
    db.prepare('UPDATE purchase_order_lines SET qty_milli = 10500 WHERE order_id = ?').run(po.id);
    await must(core.call('purchasing.markSent', { id: po.id }));
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 4 }] }));
    await expectWholeRefusal('part of the rest', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 2.5 }] }), 'lines.0.quantity');
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 6.5 }] }));
    expect((await must<PurchaseOrder>(core.call('purchasing.get', { id: po.id }))).status).toBe('received');
  });
  it('a pack or a minimum order of part of a piece is refused on the product, which would make every suggested order one', async () => {
    const products = () => core.store.sqlite.prepare('SELECT pack_size_milli, min_order_milli FROM products WHERE id = ?').get(soap.id);
    const saved = { id: soap.id, sku: 'SAV', name: 'Savon de Marseille', priceMinor: 300, costMinor: 150 };
    for (const [field, change] of [['packSize', { packSize: 2.5 }], ['minOrderQty', { minOrderQty: 0.5 }]] as const) {
      const error = await refused<AppErrorShape>(field, core.call('products.save', { ...saved, unit: 'piece', ...change }));
      expect(error).toMatchObject({ code: 'validation', field, details: { reason: 'whole_pieces', name: 'Savon de Marseille' } });
    }
    expect(products()).toEqual({ pack_size_milli: 1000, min_order_milli: 0 });
    // a sack of rice may hold 2,5 kg
    await must(core.call('products.save', { id: rice.id, sku: 'RIZ', name: 'Riz au kilo', priceMinor: 650, costMinor: 500, unit: 'kg', packSize: 2.5, minOrderQty: 0.5 }));
    expect(core.store.sqlite.prepare('SELECT pack_size_milli, min_order_milli FROM products WHERE id = ?').get(rice.id)).toEqual({ pack_size_milli: 2500, min_order_milli: 500 });
  });
});
