import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, PurchaseOrder, ReplenishmentView, ToOrder } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date('2026-03-10T10:00:00Z');

describe('replenishment, alerts and purchase orders (real SQLite)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let productId: number;
  let supplierId: number;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    await must(core.call('settings.save', { shopName: 'Pharmacie du Plateau', address: 'Dakar', locale: 'fr' }));
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Laborex', leadTimeDays: 6 }))).id;
    productId = (
      await must<{ id: number }>(
        core.call('products.save', { sku: 'PARA500', name: 'Paracétamol 500 mg', priceMinor: 600, costMinor: 400, vatRateBp: 1800, supplierId, leadTimeDays: 6, packSize: 6 }),
      )
    ).id;
    // 28 days of history: 2 a day -> the fallback average is 2 a day
    const days = Array.from({ length: 28 }, (_, i) => new Date(NOW.getTime() - (28 - i) * 86_400_000));
    core.services.ledger.recordBulk(
      [{ line: { productId, kind: 'receipt', quantity: 100, reason: '' }, at: new Date(days[0].getTime() - 3_600_000) }, ...days.map((at) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at }))],
      'history',
      { user: core.services.session.current()! },
      'allow',
    );
    core.services.replenishment.recompute();
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  // suggestions and alerts follow a movement once the call has answered
  const settled = () => core.services.stockWatcher.idle();
  const view = async () => {
    await settled();
    return (await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [productId] })))[0];
  };
  const openAlerts = async () => {
    await settled();
    return must<Alert[]>(core.call('alerts.list', {}));
  };

  it('falls back to average sales and says so; sells past the reorder point, alerts, orders, receives part, resolves', async () => {
    let r = await view();
    expect(r.source).toBe('average');
    expect(r.onHand).toBe(44);
    expect(r.dailyMean).toBeCloseTo(2, 9);
    expect(r.explanation).toContain('Pas encore de prévision');
    expect(r.belowReorderPoint).toBe(false);

    // sell down to 10: below the reorder point (about 12 + safety stock over 6 days)
    await must(core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity: 34 }] }));
    r = await view();
    expect(r.onHand).toBe(10);
    expect(r.belowReorderPoint).toBe(true);
    expect(r.suggested % 6).toBe(0);
    expect(r.suggested).toBeGreaterThan(0);
    const alerts = await openAlerts();
    expect(alerts.map((a) => a.type)).toContain('reorder_point');
    expect(alerts.find((a) => a.type === 'reorder_point')!.message).toMatch(/Paracétamol 500 mg : 10 en stock et 0 en commande/);
    // at 9 the shelf empties in 4,5 days, before a delivery (6 days) can come: one critical alert, which
    // carries what to order, and no « à commander » warning beside it
    await must(core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity: 1 }] }));
    const nine = (await openAlerts()).filter((a) => a.productId === productId);
    expect(nine.map((a) => [a.type, a.severity])).toEqual([['stockout_before_delivery', 'critical']]);
    expect(nine[0]!.message).toMatch(/avant la prochaine livraison possible \(6 jours de délai\)\. À commander : \d+\.$/);

    await settled();
    const toOrder = await must<ToOrder>(core.call('purchasing.toOrder', {}));
    expect(toOrder.groups).toHaveLength(1);
    expect(toOrder.groups[0].supplierName).toBe('Laborex');
    const line = toOrder.groups[0].lines[0];
    const [order] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: line.suggested }] }));
    expect(order).toMatchObject({ number: 1, reference: 'PO-00001', status: 'draft', expectedDate: '2026-03-16' });
    // a product on a draft is no longer suggested
    expect((await must<ToOrder>(core.call('purchasing.toOrder', {}))).groups).toHaveLength(0);

    const edited = await must<PurchaseOrder>(core.call('purchasing.update', { id: order.id, lines: [{ productId, quantity: 24 }] }));
    expect(edited.lines[0]).toMatchObject({ quantity: 24, packs: 4, unitCostMinor: 400, amountMinor: 9600, vatMinor: 1728 });
    expect(edited.totalMinor).toBe(11328);

    const doc = await must<{ pdfBase64: string }>(core.call('purchasing.pdf', { id: order.id }));
    const file = join(tmp.dir, 'po.pdf');
    writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['Pharmacie du Plateau', 'Bon de commande', 'PO-00001', 'Laborex', 'PARA500', 'Paracétamol 500 mg', '9 600 FCFA', '1 728 FCFA', '11 328 FCFA']) expect(text).toContain(s);

    expect(text).toMatch(/PARA500 +Paracétamol 500 mg +4 ?× ?6 +24 +400 FCFA +18 % +9 600 FCFA/);
    await must(core.call('purchasing.markSent', { id: order.id }));
    r = await view();
    expect(r.onOrder).toBe(24);
    // the position (on hand + on order) is above the reorder point: no « à commander » any more; the
    // shelf still empties before the order is due, and the critical alert now names the order, with nothing more to order
    const sent = (await openAlerts()).filter((a) => a.productId === productId);
    expect(sent.map((a) => a.type)).toEqual(['stockout_before_delivery']);
    expect(sent[0]!.message).toMatch(/avant la livraison : la commande PO-00001 \(24\) est attendue le 16\/03\/2026, \d+ jours? après\.$/);

    // receiving more than is left changes nothing
    const over = await core.call('purchasing.receive', { id: order.id, lines: [{ lineNo: 1, quantity: 25 }] });
    expect(over).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
    expect((await view()).onHand).toBe(9);

    const partial = await must<PurchaseOrder>(core.call('purchasing.receive', { id: order.id, lines: [{ lineNo: 1, quantity: 12, lot: 'L42', expiry: '2027-01-31' }] }));
    expect(partial.status).toBe('partial');
    r = await view();
    expect(r.onHand).toBe(21);
    expect(r.onOrder).toBe(12);
    const moves = core.services.ledger.movements(productId, 1);
    expect(moves[0]).toMatchObject({ kind: 'receipt', quantity: 12, reference: 'PO-00001', lot: 'L42', expiry: '2027-01-31', unitCostMinor: 400 });
    const full = await must<PurchaseOrder>(core.call('purchasing.receive', { id: order.id, lines: [{ lineNo: 1, quantity: 12 }] }));
    expect(full.status).toBe('received');
    expect((await view()).onOrder).toBe(0);
  });

  it('numbers orders without gaps, one draft per supplier, and refuses bad input naming the field', async () => {
    const other = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Copharmed' }))).id;
    const p2 = (await must<{ id: number }>(core.call('products.save', { sku: 'IBU', name: 'Ibuprofène', priceMinor: 900, supplierId: other }))).id;
    const noSupplier = (await must<{ id: number }>(core.call('products.save', { sku: 'X', name: 'Sans fournisseur', priceMinor: 100 }))).id;
    const bad = await core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }, { productId: noSupplier, quantity: 1 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.1.productId' } });
    expect(await must<unknown[]>(core.call('purchasing.list', {}))).toHaveLength(0);
    const zero = await core.call('purchasing.createOrders', { lines: [{ productId, quantity: 0 }] });
    expect(zero).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
    // a part of a piece is a typing mistake; the kilos of an agri-supply store are not
    const half = await core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }, { productId: p2, quantity: 2.5 }] });
    expect(half).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.1.quantity', details: { reason: 'whole_pieces', name: 'Ibuprofène' } } });
    expect(await must<unknown[]>(core.call('purchasing.list', {}))).toHaveLength(0);
    const seed = (await must<{ id: number }>(core.call('products.save', { sku: 'MIL', name: 'Semence de mil', unit: 'kg', priceMinor: 1200, supplierId: other }))).id;
    const orders = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }, { productId: p2, quantity: 3 }, { productId: seed, quantity: 2.5 }] }));
    expect(orders[1].lines.map((l) => l.quantity)).toEqual([3, 2.5]);
    expect(orders.map((o) => [o.number, o.supplierName])).toEqual([
      [1, 'Laborex'],
      [2, 'Copharmed'],
    ]);
    // a product on an open draft goes on no other one: once that draft is sent, it may be ordered again
    await must(core.call('purchasing.markSent', { id: orders[1].id }));
    const third = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: p2, quantity: 1 }] }));
    expect(third[0].number).toBe(3);
    const notSent = await core.call('purchasing.receive', { id: orders[0].id, lines: [{ lineNo: 1, quantity: 1 }] });
    expect(notSent).toMatchObject({ ok: false, error: { code: 'validation', field: 'id' } });

    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a draft cannot be given a deactivated product: refused naming the line and what to do, the draft unchanged', async () => {
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }] }));
    const old = (await must<{ id: number }>(core.call('products.save', { sku: 'ASP', name: 'Aspirine 500 mg', priceMinor: 500, costMinor: 300, supplierId }))).id;
    await must(core.call('products.deactivate', { id: old }));
    const lines = () => core.store.sqlite.prepare('SELECT line_no, product_id, qty_milli FROM purchase_order_lines WHERE order_id = ? ORDER BY line_no').all(draft.id);
    const before = lines();
    const audits = (core.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'update' AND entity = 'purchase_order'").get() as { n: number }).n;
    const added = await core.call('purchasing.update', { id: draft.id, lines: [{ productId, quantity: 6 }, { productId: old, quantity: 2 }] });
    expect(added).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.1.productId' } });
    expect((added as { error: { message: string } }).error.message).toMatch(/Aspirine 500 mg is deactivated/);
    expect(lines()).toEqual(before);
    expect((core.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'update' AND entity = 'purchase_order'").get() as { n: number }).n).toBe(audits);
    // a product deactivated after it went on the draft: the draft must drop it before any other edit
    await must(core.call('products.deactivate', { id: productId }));
    const kept = await core.call('purchasing.update', { id: draft.id, lines: [{ productId, quantity: 12 }] });
    expect(kept).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.productId' } });
    expect((kept as { error: { message: string } }).error.message).toMatch(/remove it from the order/);
    expect(lines()).toEqual(before);
  });

  it('a draft line, or the lines together, past what the books count exactly is refused and the draft stays as it was, still readable', async () => {
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 6 }] }));
    const other = (await must<{ id: number }>(core.call('products.save', { sku: 'ASP', name: 'Aspirine 500 mg', priceMinor: 500, costMinor: 300, supplierId }))).id;
    const lines = () => core.store.sqlite.prepare('SELECT product_id, qty_milli, unit_cost_minor FROM purchase_order_lines WHERE order_id = ? ORDER BY line_no').all(draft.id);
    const before = lines();
    // one line of 10 000 000 at 10^12: it was saved, and the draft could no longer be opened
    const one = await core.call('purchasing.update', { id: draft.id, lines: [{ productId, quantity: 10_000_000, unitCostMinor: 1e12 }] });
    expect(one).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount' } });
    // two lines that each fit, 17 × 10^15 together: the total was rounded
    const two = await core.call('purchasing.update', {
      id: draft.id,
      lines: [
        { productId, quantity: 9000, unitCostMinor: 1e12 },
        { productId: other, quantity: 8000, unitCostMinor: 1e12 },
      ],
    });
    expect(two).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount', message: expect.stringContaining('total of the lines') } });
    expect(lines()).toEqual(before);
    expect(await must<PurchaseOrder>(core.call('purchasing.get', { id: draft.id }))).toMatchObject({ lines: [{ productId, quantity: 6 }] });
  });

  it('a budget takes the lines with the highest stockout risk × margin first and unticks the rest', async () => {
    // a second product of the same supplier, same sales, higher margin, and nothing on the shelf
    const rich = (await must<{ id: number }>(core.call('products.save', { sku: 'AMOX', name: 'Amoxicilline', priceMinor: 3000, costMinor: 1000, supplierId, leadTimeDays: 6 }))).id;
    const days = Array.from({ length: 28 }, (_, i) => new Date(NOW.getTime() - (28 - i) * 86_400_000));
    core.services.ledger.recordBulk(days.map((at) => ({ line: { productId: rich, kind: 'sale' as const, quantity: 2, reason: '' }, at })), 'history', { user: core.services.session.current()! }, 'allow');
    await must(core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity: 34 }] }));
    await must(core.call('ledger.record', { lines: [{ productId: rich, kind: 'count', quantity: 56, reason: 'recount' }] }));
    await settled();
    const all = await must<ToOrder>(core.call('purchasing.toOrder', {}));
    const lines = all.groups[0].lines;
    expect(lines.map((l) => l.sku).sort()).toEqual(['AMOX', 'PARA500']);
    const amox = lines.find((l) => l.sku === 'AMOX')!;
    const budget = await must<ToOrder>(core.call('purchasing.toOrder', { budgetMinor: amox.costOfLineMinor }));
    expect(budget.groups[0].lines.map((l) => [l.sku, l.withinBudget])).toEqual([
      ['AMOX', true],
      ['PARA500', false],
    ]);
    expect(budget.selectedMinor).toBe(amox.costOfLineMinor);
    expect(await core.call('purchasing.toOrder', { budgetMinor: -5 })).toMatchObject({ ok: false, error: { field: 'budgetMinor' } });
  });

  it('expiry-tracked products need the expiry at receipt, and an expiring lot raises an alert', async () => {
    await must(core.call('products.save', { id: productId, sku: 'PARA500', name: 'Paracétamol 500 mg', priceMinor: 600, costMinor: 400, supplierId, packSize: 6, tracksExpiry: true }));
    const [order] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 12 }] }));
    await must(core.call('purchasing.markSent', { id: order.id }));
    const missing = await core.call('purchasing.receive', { id: order.id, lines: [{ lineNo: 1, quantity: 12, lot: 'A1' }] });
    expect(missing).toMatchObject({ ok: false, error: { field: 'lines.0.expiry' } });
    await must(core.call('purchasing.receive', { id: order.id, lines: [{ lineNo: 1, quantity: 12, lot: 'A1', expiry: '2026-03-20' }] }));
    const expiring = (await openAlerts()).find((a) => a.type === 'expiring_lot');
    expect(expiring?.message).toContain('le lot A1 (12) périme le 20/03/2026, dans 10 jours');
  });

  it('acknowledges and snoozes alerts out of the badge count; negative stock is critical', async () => {
    await must(core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity: 50 }] }));
    const alerts = await openAlerts();
    const negative = alerts.find((a) => a.type === 'negative_stock')!;
    expect(negative.severity).toBe('critical');
    await settled();
    const before = await must<{ open: number }>(core.call('alerts.counts', {}));
    await must(core.call('alerts.acknowledge', { id: negative.id }));
    // an empty shelf's one alert (its order advice folded in: no separate reorder_point)
    const reorder = alerts.find((a) => a.type === 'stockout_before_delivery')!;
    await must(core.call('alerts.snooze', { id: reorder.id, hours: 24 }));
    expect((await must<{ open: number }>(core.call('alerts.counts', {}))).open).toBe(before.open - 2);
    expect(await core.call('alerts.snooze', { id: reorder.id, hours: 0 })).toMatchObject({ ok: false, error: { field: 'hours' } });
  });
});
