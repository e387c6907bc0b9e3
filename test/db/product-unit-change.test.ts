import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParkedSale, PurchaseOrder } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import type { Product } from '../../src/shared/domain/product';
import type { ReturnableSale } from '../../src/shared/domain/sale';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { MESSAGES, type MessageKey } from '../../src/renderer/src/i18n/messages';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Locale } from '../../src/shared/domain/settings';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

const translate = (locale: Locale) => (key: MessageKey, vars?: Record<string, string | number>) => {
  let text: string = MESSAGES[locale][key] ?? key;
  for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};
const say = (e: AppErrorShape, locale: Locale) => errorShapeText(e, translate(locale), locale).replace(/[\u00a0\u202f]/g, ' ');

type Refusal = { code: string; field: string; message: string; details?: Record<string, unknown> };

/**
 * Quantities are stored without their unit (the ledger, purchase order lines, parked carts): they are
 * read in the product's unit. Changing that unit while some are held would change what they mean
 * (5 kg on order would read 5 g, and be received as 5 g), so it is refused until nothing is held.
 */
describe("a product's unit cannot change while quantities of it are held in that unit", () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let supplierId: number;
  let pepper: Product;
  let now: Date;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const footprint = () => [count('audit'), JSON.stringify(core.store.sqlite.prepare('SELECT * FROM products').all())];
  const save = (patch: Record<string, unknown>) =>
    core.call('products.save', { id: pepper.id, sku: 'POIVRE', name: 'Poivre', unit: 'kg', priceMinor: 9000, costMinor: 6000, supplierId, ...patch });

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-03-10T10:00:00');
    core = openTestCore(tmp.dir, () => now);
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Épices du Sud' }))).id;
    pepper = await must<Product>(core.call('products.save', { sku: 'POIVRE', name: 'Poivre', unit: 'kg', priceMinor: 9000, costMinor: 6000, supplierId }));
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('a sent order for 5 kg stays 5 kg: the change is refused, naming the order and what to do', async () => {
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: pepper.id, quantity: 5 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    const before = footprint();
    const e = await refused<Refusal>('unit change with a sent order', save({ unit: 'g', priceMinor: 9, costMinor: 6 }));
    expect(e).toMatchObject({ code: 'conflict', field: 'unit', details: { reason: 'unit_on_order', name: 'Poivre', from: 'kg', to: 'g', reference: 'PO-00001', quantity: 5 } });
    expect(e.message).toMatch(/PO-00001.*receive, close or cancel/i);
    // the products form shows it in the shop's language
    expect(say(e as AppErrorShape, 'fr')).toBe(
      'Poivre est en commande (5 kg sur PO-00001) : passé en g, la commande se lirait 5 g. Réceptionnez, soldez ou annulez d’abord cette commande, ou créez un nouveau produit pour la nouvelle unité.',
    );
    expect(say(e as AppErrorShape, 'en')).toBe(
      'Poivre is on order (5 kg on PO-00001): changed to g, the order would read 5 g. Receive, close or cancel that order first, or create a new product for the new unit.',
    );
    expect(footprint()).toEqual(before);
    const order = await must<PurchaseOrder>(core.call('purchasing.get', { id: po.id }));
    expect(order.lines.map((l) => `${l.quantity} ${l.unit}`)).toEqual(['5 kg']);
    // other edits still go through
    expect(await must<Product>(save({ name: 'Poivre noir' }))).toMatchObject({ name: 'Poivre noir', unit: 'kg' });
    // received in full and sold out, nothing is held any more: the unit may change
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 5 }] }));
    await must(core.call('ledger.record', { lines: [{ productId: pepper.id, kind: 'sale', quantity: 5 }] }));
    expect(await must<Product>(save({ unit: 'g', priceMinor: 9, costMinor: 6 }))).toMatchObject({ unit: 'g' });
  });

  it('a draft or a partly received order holds it too; cancelled, received and closed orders do not', async () => {
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: pepper.id, quantity: 2 }] }));
    expect(await refused('a draft', save({ unit: 'g' }))).toMatchObject({ field: 'unit', details: { reason: 'unit_on_order', reference: 'PO-00001' } });
    await must(core.call('purchasing.cancel', { id: draft.id }));
    const [partial] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: pepper.id, quantity: 3 }] }));
    await must(core.call('purchasing.markSent', { id: partial.id }));
    await must(core.call('purchasing.receive', { id: partial.id, lines: [{ lineNo: 1, quantity: 1 }] }));
    await must(core.call('ledger.record', { lines: [{ productId: pepper.id, kind: 'sale', quantity: 1 }] }));
    expect(await refused('partly received', save({ unit: 'g' }))).toMatchObject({ field: 'unit', details: { reason: 'unit_on_order', reference: 'PO-00002' } });
    await must(core.call('purchasing.close', { id: partial.id }));
    expect(await must<Product>(save({ unit: 'g' }))).toMatchObject({ unit: 'g' });
  });

  it('stock on hand (or below 0) holds it: refused with the quantity, until the stock is back to 0', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: pepper.id, quantity: 2.5 }] }));
    const before = footprint();
    const e = await refused<Refusal>('unit change with stock', save({ unit: 'g' }));
    expect(e).toMatchObject({ code: 'conflict', field: 'unit', details: { reason: 'unit_in_stock', name: 'Poivre', from: 'kg', to: 'g', quantity: 2.5 } });
    expect(e.message).toMatch(/2\.5 kg in stock.*bring its stock to 0/i);
    expect(say(e as AppErrorShape, 'fr')).toMatch(/^Poivre a 2,5 kg en stock : passé en g, ce stock se lirait 2,5 g\./);
    expect(footprint()).toEqual(before);
    await must(core.call('ledger.record', { lines: [{ productId: pepper.id, kind: 'sale', quantity: 3 }] }));
    expect(await refused('negative stock', save({ unit: 'g' }))).toMatchObject({ details: { reason: 'unit_in_stock', quantity: -0.5 } });
    await must(core.call('ledger.record', { lines: [{ productId: pepper.id, kind: 'adjustment', quantity: 0.5, reason: 'recompté' }] }));
    expect(await must<Product>(save({ unit: 'g' }))).toMatchObject({ unit: 'g' });
  });

  it('a parked sale holding it is named; once discarded the unit may change', async () => {
    const other = await must<Product>(core.call('products.save', { sku: 'SEL', name: 'Sel', unit: 'kg', priceMinor: 300 }));
    const parked = await must<ParkedSale>(core.call('pos.park', { label: 'Mme Diop', lines: [{ productId: other.id, quantity: 1 }, { productId: pepper.id, quantity: 0.25 }] }));
    const e = await refused<Refusal>('unit change with a parked sale', save({ unit: 'g' }));
    expect(e).toMatchObject({ code: 'conflict', field: 'unit', details: { reason: 'unit_parked', name: 'Poivre', from: 'kg', to: 'g', label: 'Mme Diop' } });
    expect(e.message).toMatch(/parked sale.*Mme Diop.*resume or discard/i);
    expect(say(e as AppErrorShape, 'en')).toMatch(/^Poivre is in a parked sale \(Mme Diop\): changed to g/);
    await must(core.call('pos.discard', { id: parked.id }));
    expect(await must<Product>(save({ unit: 'g' }))).toMatchObject({ unit: 'g' });
  });

  it('an open stock count holding it is named: 1.5 typed on the count sheet in kg would be applied as 1.5 g', async () => {
    const count = await must<{ id: number }>(core.call('counts.start', { category: null }));
    await must(core.call('counts.set', { id: count.id, productId: pepper.id, counted: 1.5 }));
    const before = footprint();
    const e = await refused<Refusal>('unit change during a count', save({ unit: 'g' }));
    expect(e).toMatchObject({ code: 'conflict', field: 'unit', details: { reason: 'unit_counting', name: 'Poivre', from: 'kg', to: 'g', reference: 'INV-00001' } });
    expect(e.message).toMatch(/INV-00001.*apply or cancel/i);
    expect(say(e as AppErrorShape, 'fr')).toMatch(/^Poivre est dans l’inventaire INV-00001, encore ouvert/);
    expect(say(e as AppErrorShape, 'en')).toMatch(/^Poivre is on stock count INV-00001, still open/);
    expect(footprint()).toEqual(before);
    await must(core.call('counts.cancel', { id: count.id }));
    expect(await must<Product>(save({ unit: 'g' }))).toMatchObject({ unit: 'g' });
  });

  it('a sale made in the old unit cannot be returned in the new one: refused, naming both units, with what to do', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: pepper.id, quantity: 2 }] }));
    const sale = await must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: pepper.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 18_000 }] }));
    // the next day the stock is 0: the owner now sells pepper by the box
    now = new Date('2026-03-11T09:00:00');
    expect(await must<Product>(save({ unit: 'box', priceMinor: 1500 }))).toMatchObject({ unit: 'box' });
    await must(core.call('stock.receive', { lines: [{ productId: pepper.id, quantity: 24 }] }));
    // the returns screen is told before the cashier types anything
    const listed = await must<ReturnableSale>(core.call('pos.returnable', { receiptNo: sale.receiptNo }));
    expect(listed.lines.map((l) => l.unitChanged)).toEqual([{ from: 'kg', to: 'box' }]);
    const before = [count('movements'), count('sales'), core.services.ledger.onHand([pepper.id])[0].onHand];
    const e = await refused<Refusal>('return after a unit change', core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(e).toMatchObject({ code: 'conflict', field: 'lines.0.lineNo', details: { reason: 'return_unit_changed', name: 'Poivre', from: 'kg', to: 'box' } });
    expect(say(e as AppErrorShape, 'fr')).toBe(
      'Poivre se vendait en kg sur ce ticket et se compte en boîte depuis : un retour fausserait le stock (chaque kg y reviendrait en boîte). Remboursez le client par une sortie de caisse (F10, Alt+S), puis corrigez le stock par un ajustement.',
    );
    expect(say(e as AppErrorShape, 'en')).toMatch(/^Poivre was sold by the kg on this receipt and is counted by the box since/);
    expect([count('movements'), count('sales'), core.services.ledger.onHand([pepper.id])[0].onHand]).toEqual(before);
    // back to kg: the sale's unit again, the return goes through
    await must(core.call('ledger.record', { lines: [{ productId: pepper.id, kind: 'adjustment', quantity: -24, reason: 'recompté' }] }));
    await must(save({ unit: 'kg' }));
    expect((await must<ReturnableSale>(core.call('pos.returnable', { receiptNo: sale.receiptNo }))).lines[0].unitChanged).toBeNull();
    await must(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(core.services.ledger.onHand([pepper.id])[0].onHand).toBe(1);
  });

  it('a unit changed before such changes were journaled is still seen, from the product as it was saved before the sale', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: pepper.id, quantity: 2 }] }));
    const sale = await must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: pepper.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 18_000 }] }));
    // as an older Shelfcast changed it: the product's update journaled, no unit_change row
    const sqlite = core.store.sqlite;
    sqlite.prepare("UPDATE products SET unit = 'box' WHERE id = ?").run(pepper.id);
    sqlite
      .prepare("INSERT INTO audit (at, user_id, action, entity, entity_id, detail) VALUES ('2026-03-11T08:00:00.000Z', 1, 'update', 'product', ?, ?)")
      .run(String(pepper.id), JSON.stringify({ ...pepper, unit: 'box' }));
    expect(await refused('older file', core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }))).toMatchObject({
      details: { reason: 'return_unit_changed', from: 'kg', to: 'box' },
    });
  });
});
