import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { ALERT_GROUP_TYPES, ALERT_GROUPS, ALERT_TYPES, type Alert, type AlertList, type AlertType } from '../../src/shared/api/contract';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

describe('the Alerts page groups', () => {
  it('put every type in exactly one group', () => {
    const grouped = ALERT_GROUPS.flatMap((g) => [...ALERT_GROUP_TYPES[g]]);
    expect([...grouped].sort()).toEqual([...ALERT_TYPES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });
});

describe('alerts.page: filtered, searched, a page at a time, with what it does not show', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now = new Date('2026-04-29T09:00:00Z');
  beforeEach(() => {
    tmp = tempDir();
    now = new Date('2026-04-29T09:00:00Z');
    core = openTestCore(tmp.dir, () => now);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const page = (input: Record<string, unknown> = {}) => must<AlertList>(core.call('alerts.page', input));

  /**
   * A large shop's open alerts, written as the engine stores them: 600 lots about to expire (one
   * critical), 1 stockout, 2 products to order, 3 overstocked or dead, 1 forecast warning; and 5 old
   * ones already resolved.
   */
  const seed = async () => {
    const product = async (sku: string, name: string, barcodes: string[] = []) => (await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 1000, barcodes }))).id;
    const cafe = await product('CAFE-250', 'Café Touba 250 g', ['6001234567890']);
    const riz = await product('RIZ-25', 'Riz brisé parfumé 25 kg');
    const lait = await product('LAIT-400', 'Lait en poudre 400 g');
    const savon = await product('SAVON', 'Savon de Marseille');
    const insert = core.store.sqlite.prepare(
      'INSERT INTO alerts (key, type, severity, product_id, message, first_seen, last_seen, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let minute = 0;
    const add = (type: AlertType, severity: Alert['severity'], productId: number | null, message: string, key = `${type}:${productId}`, resolved: string | null = null) => {
      const at = new Date(Date.parse('2026-04-20T08:00:00Z') + minute++ * 60_000).toISOString();
      insert.run(key, type, severity, productId, message, at, at, resolved);
    };
    core.store.sqlite.transaction(() => {
      for (let i = 0; i < 600; i++) {
        const lot = `L${String(i).padStart(4, '0')}`;
        add('expiring_lot', i === 7 ? 'critical' : 'warning', lait, `Lait en poudre 400 g : le lot ${lot} (1) périme le 05/05/2026, dans 6 jours.`, `expiring_lot:${lait}:${lot}:2026-05-05`);
      }
      add('stockout_before_delivery', 'critical', riz, 'Riz brisé parfumé 25 kg : en rupture et rien en commande (14 jours de délai). À commander : 40.', `stockout_before_delivery:${riz}:out`);
      add('reorder_point', 'warning', cafe, 'Café Touba 250 g : 3 en stock et 0 en commande, au seuil de commande (5) ou en dessous. À commander : 12.');
      add('reorder_point', 'warning', savon, 'Savon de Marseille : 4 en stock et 0 en commande, au seuil de commande (6) ou en dessous. À commander : 10.');
      add('overstock', 'info', savon, 'Savon de Marseille : surstock, 120 jours de ventes en rayon (plus de 90).');
      add('dead_stock', 'warning', cafe, 'Café Touba 250 g : 3 en stock, aucune vente depuis le 01/02/2026 (87 jours).');
      add('overstock', 'info', lait, 'Lait en poudre 400 g : surstock, 95 jours de ventes en rayon (plus de 90).');
      add('forecast_stale', 'warning', null, 'La dernière prévision date de plus de 36 heures (50 h).', 'forecast_stale');
      for (let i = 0; i < 5; i++) add('negative_stock', 'critical', riz, 'Riz brisé parfumé 25 kg : stock négatif (-1).', `negative_stock:${riz}`, '2026-04-21T10:00:00.000Z');
    })();
    return { cafe, riz, lait, savon };
  };

  it('says how many there are in all and in each group, shows the first page (100) critical first, and the rest on asking', async () => {
    await seed();
    const first = await page();
    expect(first.total).toBe(607);
    expect(first.groups).toEqual({ order: 3, late: 0, expiry: 600, slow: 3, other: 1 });
    expect(first.items).toHaveLength(100);
    // the two criticals first (the stockout and the expired lot), however many lots there are
    expect(first.items.slice(0, 2).map((a) => a.type).sort()).toEqual(['expiring_lot', 'stockout_before_delivery']);
    expect(first.items.slice(0, 2).every((a) => a.severity === 'critical')).toBe(true);
    expect(first.items[2]!.severity).toBe('warning');
    // the next page goes on where the first stopped, and together they are all the open alerts, once each
    const rest = await page({ offset: 100, limit: 5000 });
    expect(rest.items).toHaveLength(507);
    const ids = [...first.items, ...rest.items].map((a) => a.id);
    expect(new Set(ids).size).toBe(607);
    expect(rest.items.at(-1)!.severity).toBe('info');
    // as many as asked for at once, too
    expect((await page({ limit: 607 })).items).toHaveLength(607);
  });

  it('one group of types at a time, the counts of every group still given', async () => {
    await seed();
    const order = await page({ group: 'order' });
    expect(order.total).toBe(3);
    expect(order.items.map((a) => a.type)).toEqual(['stockout_before_delivery', 'reorder_point', 'reorder_point']);
    expect(order.groups.expiry).toBe(600);
    const slow = await page({ group: 'slow' });
    expect(slow.items.map((a) => a.type).sort()).toEqual(['dead_stock', 'overstock', 'overstock']);
    expect((await page({ group: 'late' })).items).toEqual([]);
    const other = await page({ group: 'other' });
    expect(other.items.map((a) => a.type)).toEqual(['forecast_stale']);
    // the resolved ones, when asked for, last, and counted
    const withResolved = await page({ group: 'other', includeResolved: true });
    expect(withResolved.total).toBe(6);
    expect(withResolved.items.map((a) => a.resolvedAt === null)).toEqual([true, false, false, false, false, false]);
  });

  it('finds a product by its name without accents, its SKU or its barcode, and a lot or words of the message', async () => {
    const { cafe, savon } = await seed();
    const byName = await page({ search: 'cafe touba' });
    // two warnings: the one seen last first
    expect(byName.items.map((a) => [a.type, a.productId])).toEqual([
      ['dead_stock', cafe],
      ['reorder_point', cafe],
    ]);
    expect(byName.groups).toEqual({ order: 1, late: 0, expiry: 0, slow: 1, other: 0 });
    expect((await page({ search: 'savon' })).items.every((a) => a.productId === savon)).toBe(true);
    expect((await page({ search: 'riz-25' })).items.map((a) => a.type)).toEqual(['stockout_before_delivery']);
    expect((await page({ search: '6001234567890' })).total).toBe(2);
    const lot = await page({ search: 'L0042' });
    expect(lot.items.map((a) => a.lot)).toEqual([{ lot: 'L0042', expiry: '2026-05-05' }]);
    // a search within a group
    expect((await page({ search: 'cafe', group: 'slow' })).items.map((a) => a.type)).toEqual(['dead_stock']);
    // « % » and « _ » are letters here, not wildcards
    expect((await page({ search: '%' })).total).toBe(0);
    expect((await page({ search: 'introuvable' })).groups).toEqual({ order: 0, late: 0, expiry: 0, slow: 0, other: 0 });
  });

  it('refuses a group it does not know', async () => {
    await refused('unknown group', core.call('alerts.page', { group: 'everything' }));
  });

  /** Rice sold 10 a day through April, `left` bags on the shelf on 29/04, bought from a supplier that needs 14 days. */
  const rice = async (left: number) => {
    const s = await must<{ id: number }>(core.call('suppliers.save', { name: 'Import SARL', leadTimeDays: 14 }));
    const p = await must<{ id: number }>(core.call('products.save', { sku: 'RIZ25', name: 'Riz 25 kg', priceMinor: 15000, costMinor: 12000, supplierId: s.id, leadTimeDays: 14 }));
    const at = (d: number) => new Date(`2026-04-${String(d).padStart(2, '0')}T12:00:00Z`);
    const lines = [{ line: { productId: p.id, kind: 'receipt' as 'receipt' | 'sale', quantity: 280 + left, reason: '' }, at: at(1) }];
    for (let d = 1; d <= 28; d++) lines.push({ line: { productId: p.id, kind: 'sale' as const, quantity: 10, reason: '' }, at: at(d) });
    core.services.ledger.recordBulk(lines, 'history', { user: core.services.session.current()! }, 'warn');
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    return p.id;
  };
  const openAlert = async (type: AlertType) => {
    await core.services.stockWatcher.idle();
    const all = await page({ limit: 5000 });
    return all.items.find((a) => a.type === type);
  };

  it('a late order: its alert names the order to open, the longest overdue, until it is delivered', async () => {
    const id = await rice(20);
    const [po] = await must<{ id: number }[]>(core.call('purchasing.createOrders', { lines: [{ productId: id, quantity: 200 }] }));
    await must(core.call('purchasing.markSent', { id: po!.id }));
    now = new Date('2026-05-01T18:00:00Z');
    await must(core.call('ledger.record', { lines: [{ productId: id, kind: 'sale', quantity: 20 }] }));
    now = new Date('2026-05-23T09:00:00Z');
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const late = await openAlert('order_overdue');
    expect(late?.order).toEqual({ id: po!.id, reference: 'PO-00001', status: 'sent' });
    // the same in the plain list
    const listed = (await must<Alert[]>(core.call('alerts.list', {}))).find((a) => a.type === 'order_overdue');
    expect(listed?.order).toEqual({ id: po!.id, reference: 'PO-00001', status: 'sent' });
    expect((await page({ group: 'late' })).items.map((a) => a.id)).toEqual([late!.id]);
    await must(core.call('purchasing.receive', { id: po!.id, lines: [{ lineNo: 1, quantity: 200 }] }));
    await core.services.stockWatcher.idle();
    expect(await openAlert('order_overdue')).toBeUndefined();
    const resolved = (await page({ group: 'late', includeResolved: true })).items;
    expect(resolved.map((a) => [a.resolvedAt !== null, a.order])).toEqual([[true, null]]);
  });

  it('out of stock with nothing on order: no order to open (the action is to order); once on a draft, that draft', async () => {
    const id = await rice(20);
    now = new Date('2026-05-01T18:00:00Z');
    await must(core.call('ledger.record', { lines: [{ productId: id, kind: 'sale', quantity: 20 }] }));
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const out = await openAlert('stockout_before_delivery');
    expect(out).toMatchObject({ productId: id, severity: 'critical', order: null });
    expect(out!.message).toContain('À commander');
    const [draft] = await must<{ id: number }[]>(core.call('purchasing.createOrders', { lines: [{ productId: id, quantity: 200 }] }));
    expect((await openAlert('stockout_before_delivery'))?.order).toEqual({ id: draft!.id, reference: 'PO-00001', status: 'draft' });
  });
});
