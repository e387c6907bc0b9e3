import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

type Refusal = { code: string; field: string; message: string; details?: Record<string, unknown> };

describe('receiving on a purchase order checks lot and expiry as a delivery without one does', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let orderId: number;
  let productId: number;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const footprint = () => [count('movements'), count('audit'), JSON.stringify(core.store.sqlite.prepare('SELECT status, received_milli FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id').all())];

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-03-10T10:00:00'));
    const sup = await must<{ id: number }>(core.call('suppliers.save', { name: 'Laborex' }));
    productId = (await must<{ id: number }>(core.call('products.save', { sku: 'AMOX', name: 'Amoxicilline', priceMinor: 1500, costMinor: 1000, supplierId: sup.id, tracksExpiry: true }))).id;
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 30 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    orderId = po.id;
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it.each([
    { what: 'an impossible date', line: { lot: 'L1', expiry: '2026-02-31' }, field: 'expiry', reason: 'stock.expiryInvalid' },
    { what: 'a lot already expired', line: { lot: 'L2', expiry: '2020-01-01' }, field: 'expiry', reason: 'stock.expiryPast' },
    { what: 'yesterday', line: { lot: 'L2', expiry: '2026-03-09' }, field: 'expiry', reason: 'stock.expiryPast' },
    { what: 'no lot for an expiry-tracked product', line: { expiry: '2027-01-01' }, field: 'lot', reason: 'stock.lotRequired' },
    { what: 'a blank lot', line: { lot: '   ', expiry: '2027-01-01' }, field: 'lot', reason: 'stock.lotRequired' },
    { what: 'no expiry for an expiry-tracked product', line: { lot: 'L3' }, field: 'expiry', reason: 'stock.expiryRequired' },
  ])('refuses $what, naming the field, and changes nothing', async ({ line, field, reason }) => {
    const before = footprint();
    const viaOrder = await refused<Refusal>('PO receipt', core.call('purchasing.receive', { id: orderId, lines: [{ lineNo: 1, quantity: 10, ...line }] }));
    expect(viaOrder).toMatchObject({ code: 'validation', field: `lines.0.${field}`, details: { reason } });
    expect(footprint()).toEqual(before);
    // the same answer as a delivery without a purchase order
    const direct = await refused<Refusal>('stock.receive', core.call('stock.receive', { lines: [{ productId, quantity: 10, ...line }] }));
    expect({ field: direct.field, reason: direct.details?.reason, message: direct.message }).toEqual({ field: viaOrder.field, reason: viaOrder.details?.reason, message: viaOrder.message });
  });

  it('names the bad line of a receipt of several, and books none of them', async () => {
    const supplierId = (core.store.sqlite.prepare('SELECT supplier_id AS id FROM products WHERE id = ?').get(productId) as { id: number }).id;
    const syrup = await must<{ id: number }>(core.call('products.save', { sku: 'SIROP', name: 'Sirop', priceMinor: 2500, costMinor: 1800, supplierId, tracksExpiry: true }));
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity: 5 }, { productId: syrup.id, quantity: 5 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    const before = footprint();
    const e = await refused<Refusal>(
      'the second line already expired',
      core.call('purchasing.receive', {
        id: po.id,
        lines: [
          { lineNo: 1, quantity: 5, lot: 'OK', expiry: '2027-01-01' },
          { lineNo: 2, quantity: 5, lot: 'OLD', expiry: '2019-12-31' },
        ],
      }),
    );
    expect(e).toMatchObject({ field: 'lines.1.expiry', details: { reason: 'stock.expiryPast' } });
    expect(footprint()).toEqual(before);
  });

  it('accepts a good lot and expiry, today included, trimming the lot', async () => {
    const order = await must<PurchaseOrder>(core.call('purchasing.receive', { id: orderId, lines: [{ lineNo: 1, quantity: 10, lot: ' L9 ', expiry: '2026-03-10' }] }));
    expect(order.status).toBe('partial');
    expect(core.store.sqlite.prepare('SELECT lot, expiry, qty_milli FROM movements').all()).toEqual([{ lot: 'L9', expiry: '2026-03-10', qty_milli: 10_000 }]);
  });
});
