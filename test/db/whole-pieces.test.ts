import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { StockCount } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Product } from '../../src/shared/domain/product';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { translator } from '../../src/renderer/src/i18n/translate';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

describe('pieces are whole at the till and in a count: « 1,5 savon » is refused (real SQLite file)', () => {
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
});
