import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ReplenishmentView } from '../../src/shared/api/contract';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * One lead time everywhere: the longer of the product's and its supplier's, as the purchase order's
 * expected date already uses. And a stockout is looked for as far as that lead time reaches, past
 * the 28 days of forecast.
 */
describe('the supplier lead time and long lead times, in the suggestions and alerts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const NOW = new Date('2026-04-29T09:00:00Z');
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  /** `perDay` sold each day of April (the 28 days before today), `left` on the shelf now. */
  const history = (productId: number, perDay: number, left: number) => {
    const at = (d: number) => new Date(`2026-04-${String(d).padStart(2, '0')}T12:00:00Z`);
    const lines = [{ line: { productId, kind: 'receipt' as 'receipt' | 'sale', quantity: 28 * perDay + left, reason: '' }, at: at(1) }];
    for (let d = 1; d <= 28; d++) lines.push({ line: { productId, kind: 'sale' as const, quantity: perDay, reason: '' }, at: at(d) });
    core.services.ledger.recordBulk(lines, 'history', { user: core.services.session.current()! }, 'warn');
  };
  const views = async (ids: number[]) => {
    await core.services.stockWatcher.idle();
    const rows = await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: ids }));
    return ids.map((id) => rows.find((r) => r.productId === id)!);
  };
  const stockoutAlerts = async () => {
    await core.services.stockWatcher.idle();
    return (core.store.sqlite.prepare("SELECT message FROM alerts WHERE type = 'stockout_before_delivery' AND resolved_at IS NULL ORDER BY product_id").all() as { message: string }[]).map(
      (a) => a.message,
    );
  };
  const product = async (sku: string, name: string, supplierId: number, leadTimeDays?: number) =>
    (await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 2000, costMinor: 1200, supplierId, ...(leadTimeDays ? { leadTimeDays } : {}) }))).id;

  it("a product bought from a supplier that needs 21 days is suggested, explained and alerted with 21 days, as if its own form said 21", async () => {
    const s = await must<{ id: number }>(core.call('suppliers.save', { name: 'Import Chine', leadTimeDays: 21 }));
    const torch = await product('TORCHE', 'Lampe torche', s.id); // the form's default, 7 days
    const twin = await product('TORCHE2', 'Lampe torche bis', s.id, 21);
    history(torch, 5, 40);
    history(twin, 5, 40);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const [r, t] = await views([torch, twin]);
    expect(r.leadTimeDays).toBe(21);
    expect(r.suggested).toBe(t.suggested);
    expect(r.reorderPoint).toBe(t.reorderPoint);
    expect(r.explanation).toContain('la livraison prend 21 jours');
    // the order made of the suggestion is expected in the same 21 days
    const [po] = await must<{ expectedDate: string }[]>(core.call('purchasing.createOrders', { lines: [{ productId: torch, quantity: r.suggested }] }));
    expect(po!.expectedDate).toBe('2026-05-20');
    expect(await stockoutAlerts()).toEqual([
      'Lampe torche : rupture prévue le 07/05/2026, avant la prochaine livraison possible (21 jours de délai). À commander : 88.',
      'Lampe torche bis : rupture prévue le 07/05/2026, avant la prochaine livraison possible (21 jours de délai). À commander : 88.',
    ]);
  });

  it("the longer of the two applies: a product's own 10 days stand against its supplier's 3", async () => {
    const s = await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste du coin', leadTimeDays: 3 }));
    const p = await product('HUILE', 'Huile 1 l', s.id, 10);
    history(p, 5, 40);
    core.services.replenishment.recompute();
    expect((await views([p]))[0].leadTimeDays).toBe(10);
  });

  it("lengthening a supplier's lead time updates its products' suggestions and alerts at once, not at their next sale", async () => {
    const s = await must<{ id: number; name: string }>(core.call('suppliers.save', { name: 'Import Chine', leadTimeDays: 7 }));
    const torch = await product('TORCHE', 'Lampe torche', s.id);
    history(torch, 5, 40);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const before = (await views([torch]))[0];
    expect(before.leadTimeDays).toBe(7);
    expect(await stockoutAlerts()).toEqual([]);
    await must(core.call('suppliers.save', { id: s.id, name: s.name, leadTimeDays: 21, active: true }));
    const after = (await views([torch]))[0];
    expect(after.leadTimeDays).toBe(21);
    expect(after.suggested).toBeGreaterThan(before.suggested);
    expect(after.explanation).toContain('la livraison prend 21 jours');
    expect(await stockoutAlerts()).toEqual(['Lampe torche : rupture prévue le 07/05/2026, avant la prochaine livraison possible (21 jours de délai). À commander : 88.']);
  });

  it('goods by sea (45 days) with stock for 30 days: the stockout is predicted past the 28 days of forecast and the critical alert fires', async () => {
    const s = await must<{ id: number }>(core.call('suppliers.save', { name: 'Import Asie', leadTimeDays: 45 }));
    const wax = await product('PAGNE', 'Pagne wax', s.id, 45);
    history(wax, 5, 150);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const [r] = await views([wax]);
    expect(r.stockoutDate).toBe('2026-05-29');
    expect(r.explanation).toContain('Rupture prévue le 29/05/2026.');
    expect(await stockoutAlerts()).toEqual(['Pagne wax : rupture prévue le 29/05/2026, avant la prochaine livraison possible (45 jours de délai). À commander : 105.']);
  });
});
