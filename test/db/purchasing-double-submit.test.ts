import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { PurchaseOrder } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Locale } from '../../src/shared/domain/settings';
import { must, openTestCore, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const say = (e: AppErrorShape, locale: Locale = 'fr') => errorShapeText(e, translator(locale), locale).replace(/[\u00a0\u202f]/g, ' ');

/**
 * A double click (or a retry) sends the same call twice: main must not book a delivery twice, nor
 * make a second draft of goods already on one.
 */
describe('the same submission twice books once (real SQLite file through core.call)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let supplierId: number;
  let insecticide: number;
  let npk: number;
  const count = (sql: string, ...args: unknown[]) => (core.store.sqlite.prepare(sql).get(...args) as { n: number }).n;
  const receipts = (reference: string) => core.store.sqlite.prepare("SELECT qty_milli, lot FROM movements WHERE kind = 'receipt' AND reference = ? ORDER BY id").all(reference);

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-03-10T10:00:00'));
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'SENCHIM', leadTimeDays: 10 }))).id;
    insecticide = (await must<{ id: number }>(core.call('products.save', { sku: 'DECIS', name: 'Insecticide Décis 1 l', priceMinor: 9000, costMinor: 6500, supplierId, tracksExpiry: true }))).id;
    npk = (await must<{ id: number }>(core.call('products.save', { sku: 'NPK', name: 'Engrais NPK 15-15-15 50 kg', priceMinor: 24000, costMinor: 21900, supplierId }))).id;
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  const sentOrder = async (quantity: number) => {
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: insecticide, quantity }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    return po;
  };

  it('a partial receipt sent twice at once with one submission id is booked once; the order stays partly received', async () => {
    const po = await sentOrder(12);
    const input = { id: po.id, submissionId: 'rcv-7f3a9c', lines: [{ lineNo: 1, quantity: 6, lot: 'L2407', expiry: '2028-03-31' }] };
    // both calls leave before either is answered, as a double click's do
    const [first, second] = await Promise.all([must<PurchaseOrder>(core.call('purchasing.receive', input)), must<PurchaseOrder>(core.call('purchasing.receive', input))]);
    expect(first).toMatchObject({ status: 'partial', lines: [{ quantity: 12, received: 6 }] });
    // the second is answered with the order as it is, not refused: the dialog that sent it closes as after one
    expect(second).toMatchObject({ status: 'partial', lines: [{ quantity: 12, received: 6 }] });
    expect(receipts('PO-00001')).toEqual([{ qty_milli: 6000, lot: 'L2407' }]);
    expect(count("SELECT count(*) AS n FROM audit WHERE entity = 'purchase_order' AND action = 'receive'")).toBe(1);
    expect(count('SELECT COALESCE(SUM(qty_milli), 0) AS n FROM movements WHERE product_id = ?', insecticide)).toBe(6000);

    // a second delivery, with its own submission id, is booked as usual
    await must(core.call('purchasing.receive', { ...input, submissionId: 'rcv-81bd02', lines: [{ lineNo: 1, quantity: 6, lot: 'L2409', expiry: '2028-05-31' }] }));
    expect(receipts('PO-00001')).toHaveLength(2);
    expect((await must<PurchaseOrder>(core.call('purchasing.get', { id: po.id }))).status).toBe('received');
  });

  it('a full receipt repeated is answered too (not "already received"), and nothing more is booked', async () => {
    const po = await sentOrder(12);
    const input = { id: po.id, submissionId: 'rcv-full', lines: [{ lineNo: 1, quantity: 12, lot: 'L1', expiry: '2028-01-31' }] };
    await must(core.call('purchasing.receive', input));
    const again = await must<PurchaseOrder>(core.call('purchasing.receive', input));
    expect(again).toMatchObject({ status: 'received', lines: [{ received: 12 }] });
    expect(receipts('PO-00001')).toHaveLength(1);
  });

  it('the same submission id with other lines is refused, naming the order, in French and English; nothing is booked', async () => {
    const po = await sentOrder(12);
    await must(core.call('purchasing.receive', { id: po.id, submissionId: 'rcv-1', lines: [{ lineNo: 1, quantity: 6, lot: 'L1', expiry: '2028-01-31' }] }));
    const before = receipts('PO-00001');
    const other = await refused<AppErrorShape>('another receipt under the same id', core.call('purchasing.receive', { id: po.id, submissionId: 'rcv-1', lines: [{ lineNo: 1, quantity: 4, lot: 'L1', expiry: '2028-01-31' }] }));
    expect(other).toMatchObject({ code: 'conflict', field: 'submissionId', details: { reason: 'order_receipt_recorded', reference: 'PO-00001' } });
    expect(say(other)).toBe('Cette réception a déjà été enregistrée sur la commande PO-00001 : fermez la fenêtre et rouvrez la commande pour voir ce qui reste à recevoir.');
    expect(say(other, 'en')).toBe('This receipt was already recorded on order PO-00001: close the window and reopen the order to see what is left to receive.');
    expect(receipts('PO-00001')).toEqual(before);
  });

  it('a refused receipt records no submission: the corrected one under the same id is booked', async () => {
    const po = await sentOrder(12);
    // no lot for a product tracked by expiry: refused, and the dialog keeps its id
    await refused('a receipt without its lot', core.call('purchasing.receive', { id: po.id, submissionId: 'rcv-2', lines: [{ lineNo: 1, quantity: 6, expiry: '2028-01-31' }] }));
    await must(core.call('purchasing.receive', { id: po.id, submissionId: 'rcv-2', lines: [{ lineNo: 1, quantity: 6, lot: 'L9', expiry: '2028-01-31' }] }));
    expect(receipts('PO-00001')).toEqual([{ qty_milli: 6000, lot: 'L9' }]);
  });

  it('a submission id belongs to its order: the same id on another order is a receipt of its own', async () => {
    const a = await sentOrder(12);
    await must(core.call('purchasing.receive', { id: a.id, submissionId: 'same', lines: [{ lineNo: 1, quantity: 12, lot: 'L1', expiry: '2028-01-31' }] }));
    const b = await sentOrder(5);
    await must(core.call('purchasing.receive', { id: b.id, submissionId: 'same', lines: [{ lineNo: 1, quantity: 5, lot: 'L2', expiry: '2028-01-31' }] }));
    expect(receipts('PO-00002')).toEqual([{ qty_milli: 5000, lot: 'L2' }]);
  });

  it('without a submission id (a script), a receipt is booked each time, as before', async () => {
    const po = await sentOrder(12);
    const input = { id: po.id, lines: [{ lineNo: 1, quantity: 6, lot: 'L1', expiry: '2028-01-31' }] };
    await must(core.call('purchasing.receive', input));
    await must(core.call('purchasing.receive', input));
    expect(receipts('PO-00001')).toHaveLength(2);
    // an empty id is a mistake, not "no id"
    expect(await refused('an empty submission id', core.call('purchasing.receive', { ...input, submissionId: '  ' }))).toMatchObject({ code: 'validation', field: 'submissionId' });
  });

  it('creating orders twice at once makes the drafts once; the second is refused naming the product and its draft', async () => {
    const lines = [
      { productId: npk, quantity: 27 },
      { productId: insecticide, quantity: 12 },
    ];
    const [first, second] = await Promise.all([core.call('purchasing.createOrders', { lines }), core.call('purchasing.createOrders', { lines })]);
    expect(first).toMatchObject({ ok: true, data: [{ reference: 'PO-00001', status: 'draft' }] });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'lines.0.productId', details: { reason: 'order_product_on_draft', name: 'Engrais NPK 15-15-15 50 kg', reference: 'PO-00001' } },
    });
    const refusal = (second as { error: AppErrorShape }).error;
    expect(say(refusal)).toBe('Engrais NPK 15-15-15 50 kg est déjà sur le brouillon PO-00001 : ouvrez ce brouillon pour changer sa quantité (ou annulez-le d’abord).');
    expect(say(refusal, 'en')).toBe('Engrais NPK 15-15-15 50 kg is already on draft PO-00001: open that draft to change its quantity (or cancel it first).');
    expect(count('SELECT count(*) AS n FROM purchase_orders')).toBe(1);
    // the refused call used up no order number: numbers stay without gaps
    expect(count("SELECT value AS n FROM counters WHERE name = 'purchase_order'")).toBe(1);
  });

  it('a product added by hand to a second draft is refused the same way; a draft keeps its own lines when edited', async () => {
    const [npkDraft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: npk, quantity: 10 }] }));
    const [decisDraft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: insecticide, quantity: 4 }] }));
    const added = await refused<AppErrorShape>('NPK added to the insecticide draft', core.call('purchasing.update', { id: decisDraft.id, lines: [{ productId: insecticide, quantity: 4 }, { productId: npk, quantity: 10 }] }));
    expect(added).toMatchObject({ code: 'conflict', field: 'lines.1.productId', details: { reason: 'order_product_on_draft', reference: npkDraft.reference } });
    expect(count('SELECT count(*) AS n FROM purchase_order_lines WHERE order_id = ?', decisDraft.id)).toBe(1);
    // the NPK draft itself may change its NPK line
    const edited = await must<PurchaseOrder>(core.call('purchasing.update', { id: npkDraft.id, lines: [{ productId: npk, quantity: 20 }] }));
    expect(edited.lines.map((l) => l.quantity)).toEqual([20]);
  });

  it('a product on a sent, received or cancelled order may be ordered again; only an open draft holds it', async () => {
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: npk, quantity: 10 }] }));
    await refused('while the draft is open', core.call('purchasing.createOrders', { lines: [{ productId: npk, quantity: 5 }] }));
    await must(core.call('purchasing.markSent', { id: draft.id }));
    const [again] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: npk, quantity: 5 }] }));
    expect(again.reference).toBe('PO-00002');
    await must(core.call('purchasing.cancel', { id: again.id }));
    const [third] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: npk, quantity: 5 }] }));
    expect(third.reference).toBe('PO-00003');
  });
});
