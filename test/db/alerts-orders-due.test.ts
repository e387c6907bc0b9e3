import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { productConditions, type ProductFacts } from '../../src/main/services/alerts/rules';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';
import { must, openTestCore, tempDir } from '../helpers/core';

const facts = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  id: 1,
  name: 'Riz 25 kg',
  unit: 'piece',
  onHand: 20,
  onOrder: 200,
  reorderPoint: 170,
  dailyMean: 10,
  leadTimeDays: 14,
  daysOfCover: 2,
  stockoutDate: '2026-05-01',
  belowReorderPoint: false,
  orders: [{ reference: 'PO-00012', expectedDate: '2026-05-13', remaining: 200 }],
  suggested: 0,
  lastSale: '2026-04-28',
  lastActivity: '2026-04-01',
  lots: [],
  anomalies: [],
  ...over,
});
const stockout = (f: ProductFacts, today: string, locale: 'fr' | 'en' = 'fr') =>
  productConditions(f, today, DEFAULT_SETTINGS, locale).filter((c) => c.type === 'stockout_before_delivery' || c.type === 'order_overdue');

describe('an order on the way, in the stockout alert (rules)', () => {
  it('an order due after the shelf empties still warns, naming the order and both dates, in French and English', () => {
    const fr = stockout(facts(), '2026-04-29');
    expect(fr).toEqual([
      {
        key: 'stockout_before_delivery:1',
        type: 'stockout_before_delivery',
        severity: 'critical',
        productId: 1,
        message: 'Riz 25 kg : rupture prévue le 01/05/2026, avant la livraison : la commande PO-00012 (200) est attendue le 13/05/2026, 12 jours après.',
        // the earlier the stockout, the larger: minus its day number
        measure: -Date.parse('2026-05-01T00:00:00Z') / 86_400_000,
      },
    ]);
    expect(stockout(facts(), '2026-04-29', 'en')[0]!.message).toBe(
      'Riz 25 kg: expected to run out on 01/05/2026, before the delivery: order PO-00012 (200) is due on 13/05/2026, 12 days later.',
    );
  });

  it('an order due before the shelf empties: no stockout alert', () => {
    expect(stockout(facts({ stockoutDate: '2026-05-20' }), '2026-04-29')).toEqual([]);
    // due the day the shelf empties: it arrives in time
    expect(stockout(facts({ stockoutDate: '2026-05-13' }), '2026-04-29')).toEqual([]);
  });

  it('the shelf already empty with the order still to come: says until when it stays empty', () => {
    const [c] = stockout(facts({ onHand: 0, stockoutDate: '2026-05-01' }), '2026-05-05');
    expect(c).toMatchObject({ severity: 'critical', message: 'Riz 25 kg : en rupture depuis le 01/05/2026 ; la commande PO-00012 (200) n’est attendue que le 13/05/2026.' });
    expect(stockout(facts({ onHand: 0, stockoutDate: '2026-05-01' }), '2026-05-05', 'en')[0]!.message).toBe(
      'Riz 25 kg: out of stock since 01/05/2026; order PO-00012 (200) is not due until 13/05/2026.',
    );
  });

  it('an order past its expected date with the shelf empty: a critical alert of its own, to chase the supplier', () => {
    const late = stockout(facts({ onHand: 0, stockoutDate: '2026-05-01' }), '2026-05-23');
    expect(late).toEqual([
      {
        key: 'order_overdue:1',
        type: 'order_overdue',
        severity: 'critical',
        productId: 1,
        message: 'Riz 25 kg : en rupture depuis le 01/05/2026 ; la commande PO-00012 (200) était attendue le 13/05/2026 (10 jours de retard). Relancez le fournisseur.',
      },
    ]);
    expect(stockout(facts({ onHand: 0, stockoutDate: '2026-05-01' }), '2026-05-23', 'en')[0]!.message).toBe(
      'Riz 25 kg: out of stock since 01/05/2026; order PO-00012 (200) was due on 13/05/2026 (10 days late). Chase the supplier.',
    );
  });

  it('an overdue order with the shelf below the reorder point is a warning to chase the supplier; above it, nothing', () => {
    const orders = [
      { reference: 'PO-00012', expectedDate: '2026-05-13', remaining: 200 },
      { reference: 'PO-00015', expectedDate: '2026-05-14', remaining: 50 },
    ];
    const [w] = stockout(facts({ onHand: 60, stockoutDate: '2026-05-29', orders }), '2026-05-23');
    expect(w).toMatchObject({
      key: 'order_overdue:1',
      severity: 'warning',
      message: 'Riz 25 kg : plus que 60 en stock, sous le seuil de commande (170) ; la commande PO-00012 (200) était attendue le 13/05/2026 (10 jours de retard, et 1 autre commande en retard). Relancez le fournisseur.',
    });
    expect(stockout(facts({ onHand: 60, stockoutDate: '2026-05-29', orders }), '2026-05-23', 'en')[0]!.message).toBe(
      'Riz 25 kg: only 60 in stock, below the reorder point (170); order PO-00012 (200) was due on 13/05/2026 (10 days late, and 1 more order overdue). Chase the supplier.',
    );
    expect(stockout(facts({ onHand: 400, daysOfCover: 40, stockoutDate: null, orders }), '2026-05-23')).toEqual([]);
  });
});

describe('an order on the way, in the stockout alert (store)', () => {
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
  const order = async (productId: number, quantity: number) => {
    const [po] = await must<{ id: number; expectedDate: string }[]>(core.call('purchasing.createOrders', { lines: [{ productId, quantity }] }));
    await must(core.call('purchasing.markSent', { id: po!.id }));
    await core.services.stockWatcher.idle();
    return po!;
  };
  const stockoutAlerts = async (productId: number) => {
    await core.services.stockWatcher.idle();
    return core.store.sqlite
      .prepare("SELECT key, severity, message FROM alerts WHERE type IN ('stockout_before_delivery', 'order_overdue') AND product_id = ? AND resolved_at IS NULL ORDER BY id")
      .all(productId) as { key: string; severity: string; message: string }[];
  };

  it('ordering 14 days ahead when the shelf empties in 2 days keeps the stockout alert, now naming the order and its date', async () => {
    const id = await rice(20);
    // one alert for one problem: the stockout foreseen carries what to order, no « à commander » warning beside it
    expect((await stockoutAlerts(id)).map((a) => a.message)).toEqual(['Riz 25 kg : rupture prévue le 01/05/2026, avant la prochaine livraison possible (14 jours de délai). À commander : 151.']);
    expect(core.store.sqlite.prepare("SELECT COUNT(*) AS n FROM alerts WHERE type = 'reorder_point' AND product_id = ? AND resolved_at IS NULL").get(id)).toEqual({ n: 0 });
    const po = await order(id, 200);
    expect(po.expectedDate).toBe('2026-05-13');
    expect(await stockoutAlerts(id)).toEqual([
      {
        key: `stockout_before_delivery:${id}`,
        severity: 'critical',
        message: 'Riz 25 kg : rupture prévue le 01/05/2026, avant la livraison : la commande PO-00001 (200) est attendue le 13/05/2026, 12 jours après.',
      },
    ]);
  });

  it('an order that arrives before the shelf empties clears the stockout alert', async () => {
    const id = await rice(200);
    await order(id, 200);
    expect(await stockoutAlerts(id)).toEqual([]);
  });

  it('the shelf empty and the order 10 days past its date: a critical alert to chase the supplier, gone once it is delivered', async () => {
    const id = await rice(20);
    const po = await order(id, 200);
    now = new Date('2026-05-01T18:00:00Z');
    await must(core.call('ledger.record', { lines: [{ productId: id, kind: 'sale', quantity: 20 }] }));
    now = new Date('2026-05-23T09:00:00Z');
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    expect(await stockoutAlerts(id)).toEqual([
      {
        key: `order_overdue:${id}`,
        severity: 'critical',
        message: 'Riz 25 kg : en rupture depuis le 01/05/2026 ; la commande PO-00001 (200) était attendue le 13/05/2026 (10 jours de retard). Relancez le fournisseur.',
      },
    ]);
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 200 }] }));
    expect(await stockoutAlerts(id)).toEqual([]);
  });
});
