import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, PurchaseOrder, PurchaseOrderSummary, ReplenishmentView } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

const NOW = new Date('2026-03-10T10:00:00');

describe('a partly received purchase order closed short (the supplier will not deliver the rest)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let productId: number;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const footprint = () => [count('audit'), count('movements'), JSON.stringify(core.store.sqlite.prepare('SELECT * FROM purchase_orders ORDER BY id').all())];
  const view = async () => {
    await core.services.stockWatcher.idle();
    return (await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [productId] })))[0];
  };

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    const owner = core.services.session.current();
    if (!owner) throw new Error('the test shop opens with its owner signed in');
    const sup = await must<{ id: number }>(core.call('suppliers.save', { name: 'Laborex', leadTimeDays: 3 }));
    productId = (await must<{ id: number }>(core.call('products.save', { sku: 'P', name: 'Paracétamol', priceMinor: 600, costMinor: 400, supplierId: sup.id, leadTimeDays: 3 }))).id;
    // 28 days selling 2 a day: 56 received, 56 sold, nothing left
    const days = Array.from({ length: 28 }, (_, i) => new Date(NOW.getTime() - (28 - i) * 86_400_000));
    core.services.ledger.recordBulk(
      [{ line: { productId, kind: 'receipt', quantity: 56, reason: '' }, at: new Date(days[0].getTime() - 3_600_000) }, ...days.map((at) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at }))],
      'history',
      { user: owner },
      'allow',
    );
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  /** PO-00001 for 30, sent, 2 received: status 'partial', 28 still on order. */
  const partialOrder = async () => {
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 30 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    const order = await must<PurchaseOrder>(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 2 }] }));
    expect(order.status).toBe('partial');
    return order;
  };

  it('closes it with a reason: the rest is no longer on order, the product is proposed again and the stockout alert opens', async () => {
    const po = await partialOrder();
    await must(core.call('pos.checkout', { lines: [{ productId, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 1200 }] }));
    const stuck = await view();
    expect([stuck.onHand, stuck.onOrder, stuck.suggested]).toEqual([0, 28, 0]);

    const closed = await must<PurchaseOrder>(core.call('purchasing.close', { id: po.id, reason: '  rupture chez le fournisseur ' }));
    expect(closed).toMatchObject({ status: 'closed', closedAt: NOW.toISOString(), closeReason: 'rupture chez le fournisseur' });
    expect(closed.lines[0]).toMatchObject({ quantity: 30, received: 2 });

    const after = await view();
    expect(after.onOrder).toBe(0);
    expect(after.suggested).toBeGreaterThan(0);
    await core.services.stockWatcher.idle();
    const alerts = await must<Alert[]>(core.call('alerts.list', {}));
    expect(alerts.filter((a) => a.productId === productId).map((a) => a.type)).toContain('stockout_before_delivery');
    // and it is back in what to order
    const toOrder = await must<{ groups: { lines: { productId: number }[] }[] }>(core.call('purchasing.toOrder', {}));
    expect(toOrder.groups.flatMap((g) => g.lines.map((l) => l.productId))).toContain(productId);

    // audited like the other purchasing actions, with what was short
    const audit = core.store.sqlite.prepare("SELECT user_id, detail FROM audit WHERE action = 'close' AND entity = 'purchase_order'").all() as { user_id: number; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toEqual({ number: 1, reason: 'rupture chez le fournisseur', short: [{ lineNo: 1, productId, ordered: 30, received: 2 }] });

    // the list says closed short, with what was received (value, as the total) of what was ordered
    const [summary] = await must<PurchaseOrderSummary[]>(core.call('purchasing.list', {}));
    expect(summary).toMatchObject({ status: 'closed', totalMinor: 30 * 400, receivedTotalMinor: 2 * 400 });
    expect(await must<PurchaseOrderSummary[]>(core.call('purchasing.list', { status: 'closed' }))).toHaveLength(1);

    // nothing more can be received on it, nor can it be closed or cancelled again
    const late = await refused<{ code: string; message: string }>('receiving on a closed order', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(late.message).toMatch(/closed.*without a purchase order/);
    const before = footprint();
    expect((await refused<{ message: string }>('closing twice', core.call('purchasing.close', { id: po.id }))).message).toMatch(/already closed/);
    await refused('cancelling a closed order', core.call('purchasing.cancel', { id: po.id }));
    expect(footprint()).toEqual(before);
  });

  it('the reason is optional', async () => {
    const po = await partialOrder();
    expect(await must<PurchaseOrder>(core.call('purchasing.close', { id: po.id }))).toMatchObject({ status: 'closed', closeReason: '' });
  });

  it('refuses, changing nothing: a cashier, an order with nothing received (cancel it), a draft, a received order, an unknown id, a long reason', async () => {
    const po = await partialOrder();
    const [sent] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 5 }] }));
    await must(core.call('purchasing.markSent', { id: sent.id }));
    const [full] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 5 }] }));
    await must(core.call('purchasing.markSent', { id: full.id }));
    await must(core.call('purchasing.receive', { id: full.id, lines: [{ lineNo: 1, quantity: 5 }] }));
    // made last: a product on an open draft cannot be put on another one
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 5 }] }));
    await core.services.stockWatcher.idle();
    const before = footprint();

    const e1 = await refused<{ code: string; field: string; message: string }>('sent, nothing received', core.call('purchasing.close', { id: sent.id }));
    expect(e1).toMatchObject({ code: 'validation', field: 'id' });
    expect(e1.message).toMatch(/nothing has been received.*cancel it instead/);
    expect((await refused<{ message: string }>('draft', core.call('purchasing.close', { id: draft.id }))).message).toMatch(/is draft.*cancel it instead/);
    expect((await refused<{ message: string }>('received', core.call('purchasing.close', { id: full.id }))).message).toMatch(/received in full/);
    expect(await refused('unknown', core.call('purchasing.close', { id: 999 }))).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await refused('long reason', core.call('purchasing.close', { id: po.id, reason: 'x'.repeat(201) }))).toMatchObject({ code: 'validation', field: 'reason' });

    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await refused('a cashier', core.call('purchasing.close', { id: po.id }))).toMatchObject({ code: 'forbidden' });
    expect(footprint()).toEqual(before);
  });
});
