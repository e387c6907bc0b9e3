import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { NotificationDigest, type Notifier } from '../../src/main/notifications/notifier';
import { forecastCondition, productConditions, type ProductFacts } from '../../src/main/services/alerts/rules';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';
import { must, openTestCore, tempDir } from '../helpers/core';

const facts = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  id: 1,
  name: 'Huile 1 l',
  unit: 'piece',
  onHand: 10,
  onOrder: 0,
  reorderPoint: 5,
  dailyMean: 1,
  leadTimeDays: 7,
  daysOfCover: 10,
  stockoutDate: null,
  belowReorderPoint: false,
  orders: [],
  suggested: 0,
  lastSale: '2026-03-09',
  lastActivity: '2025-01-01',
  lots: [],
  anomalies: [],
  ...over,
});
const T = DEFAULT_SETTINGS;
const types = (f: ProductFacts) => productConditions(f, '2026-03-10', T, 'fr').map((c) => c.type);

describe('alert rules (pure)', () => {
  it('each rule, and nothing when all is well', () => {
    expect(types(facts())).toEqual([]);
    expect(types(facts({ onHand: -2 }))).toContain('negative_stock');
    expect(types(facts({ belowReorderPoint: true }))).toEqual(['reorder_point']);
    expect(types(facts({ belowReorderPoint: true, dailyMean: 0 }))).toEqual([]);
    expect(types(facts({ stockoutDate: '2026-03-14' }))).toEqual(['stockout_before_delivery']);
    expect(types(facts({ stockoutDate: '2026-03-14', onOrder: 5, orders: [{ reference: 'PO-00001', expectedDate: '2026-03-13', remaining: 5 }] }))).toEqual([]);
    expect(types(facts({ stockoutDate: '2026-03-20' }))).toEqual([]);
    expect(types(facts({ daysOfCover: 120 }))).toEqual(['overstock']);
    expect(types(facts({ lastSale: '2026-01-01' }))).toEqual(['dead_stock']);
    expect(types(facts({ lastSale: null, lastActivity: '2026-03-01' }))).toEqual([]);
    expect(types(facts({ lots: [{ lot: 'A', expiry: '2026-03-30', remaining: 4 }] }))).toEqual(['expiring_lot']);
    expect(types(facts({ lots: [{ lot: 'A', expiry: '2026-06-30', remaining: 4 }] }))).toEqual([]);
    expect(types(facts({ anomalies: [{ date: '2026-03-10', sold: 40, p10: 1, p90: 5, partial: true }] }))).toEqual(['sales_anomaly']);
    expect(types(facts({ anomalies: [{ date: '2026-03-10', sold: 0, p10: 4, p90: 9, partial: true }] }))).toEqual([]);
    expect(types(facts({ anomalies: [{ date: '2026-03-09', sold: 0, p10: 4, p90: 9, partial: false }] }))).toEqual(['sales_anomaly']);
  });

  it('an expired lot is critical and says to take it off sale', () => {
    const [c] = productConditions(facts({ lots: [{ lot: 'B7', expiry: '2026-03-01', remaining: 3 }] }), '2026-03-10', T, 'fr');
    expect(c).toMatchObject({ severity: 'critical', key: 'expiring_lot:1:B7:2026-03-01' });
    expect(c.message).toBe('Huile 1 l : le lot B7 (3) est périmé depuis le 01/03/2026. Retirez-le de la vente.');
  });

  it('writes dates as the shop reads them and counts days in the singular or the plural', () => {
    const msg = (f: ProductFacts, locale: 'fr' | 'en') => productConditions(f, '2026-03-10', T, locale)[0]!.message;
    const stockout = facts({ stockoutDate: '2026-03-10', leadTimeDays: 1, daysOfCover: 1 });
    expect(msg(stockout, 'fr')).toBe('Huile 1 l : rupture prévue le 10/03/2026, avant la prochaine livraison possible (1 jour de délai).');
    expect(msg({ ...stockout, stockoutDate: '2026-03-12', leadTimeDays: 3 }, 'en')).toBe(
      "Huile 1 l: expected to run out on 12/03/2026, before the next possible delivery (3 days' lead time).",
    );
    expect(msg(facts({ lots: [{ lot: 'A', expiry: '2026-03-11', remaining: 4 }] }), 'fr')).toBe('Huile 1 l : le lot A (4) périme le 11/03/2026, dans 1 jour.');
    expect(msg(facts({ lots: [{ lot: 'A', expiry: '2026-03-10', remaining: 4 }] }), 'en')).toBe('Huile 1 l: lot A (4) expires today (10/03/2026).');
    expect(msg(facts({ lastSale: '2026-01-01' }), 'fr')).toBe('Huile 1 l : 10 en stock, aucune vente depuis le 01/01/2026 (68 jours).');
    expect(msg(facts({ anomalies: [{ date: '2026-03-09', sold: 1, p10: 4, p90: 9, partial: false }] }), 'fr')).toContain('1 vendu le 09/03/2026');
  });

  it('out of stock now: says since when the ledger says, not a predicted date; quantities with their unit', () => {
    const rice = facts({ name: 'Riz en vrac au kg', unit: 'kg', onHand: 0, daysOfCover: 0, leadTimeDays: 5, stockoutDate: '2026-02-27', belowReorderPoint: true, reorderPoint: 4.1, suggested: 5 });
    const fr = productConditions(rice, '2026-03-10', T, 'fr');
    // one problem, one alert: the critical one, carrying what to order (no « à commander » warning beside it)
    expect(fr.map((c) => [c.type, c.severity])).toEqual([['stockout_before_delivery', 'critical']]);
    const nb = (s: string) => s.replace(/~/g, '\u00a0');
    expect(fr[0].message).toBe(nb('Riz en vrac au kg : en rupture depuis le 27/02/2026 et rien en commande (5 jours de délai). À commander : 5~kg.'));
    const en = productConditions(rice, '2026-03-10', T, 'en');
    expect(en[0].message).toBe(nb("Riz en vrac au kg: out of stock since 27/02/2026 and nothing on order (5 days' lead time). To order: 5~kg."));
    // the ledger does not say since when: out of stock all the same
    expect(productConditions({ ...rice, stockoutDate: null }, '2026-03-10', T, 'fr')[0].message).toBe(nb('Riz en vrac au kg : en rupture et rien en commande (5 jours de délai). À commander : 5~kg.'));
    // nothing to order (the suggestion is 0): the alert says only what is
    expect(productConditions({ ...rice, belowReorderPoint: false }, '2026-03-10', T, 'fr')[0].message).toBe('Riz en vrac au kg : en rupture depuis le 27/02/2026 et rien en commande (5 jours de délai).');
    // an order on its way or late: still one alert, what to order is on top of it
    const coming = { ...rice, onOrder: 2, orders: [{ reference: 'PO-00003', expectedDate: '2026-03-14', remaining: 2 }] };
    expect(productConditions(coming, '2026-03-10', T, 'fr').map((c) => [c.type, c.message])).toEqual([
      ['stockout_before_delivery', nb('Riz en vrac au kg : en rupture depuis le 27/02/2026 ; la commande PO-00003 (2~kg) n’est attendue que le 14/03/2026. À commander en plus : 5~kg.')],
    ]);
    expect(productConditions(coming, '2026-03-20', T, 'en').map((c) => [c.type, c.severity, c.message])).toEqual([
      ['order_overdue', 'critical', nb('Riz en vrac au kg: out of stock since 27/02/2026; order PO-00003 (2~kg) was due on 14/03/2026 (6 days late). Chase the supplier. To order on top: 5~kg.')],
    ]);
    // nothing selling: no stockout alert; stock left: the reorder warning as before
    expect(types({ ...rice, dailyMean: 0 })).toEqual([]);
    expect(productConditions({ ...rice, onHand: 2, stockoutDate: null }, '2026-03-10', T, 'fr').map((c) => [c.type, c.message])).toEqual([
      ['reorder_point', nb('Riz en vrac au kg : 2~kg en stock et 0~kg en commande, au seuil de commande (4,1~kg) ou en dessous. À commander : 5~kg.')],
    ]);
  });

  it('a reorder point of a product sold by the piece reads in whole pieces, rounded up', () => {
    const gas = facts({ name: 'Gaz 6 kg', unit: 'piece', onHand: 40, reorderPoint: 52.2, belowReorderPoint: true, suggested: 59 });
    expect(productConditions(gas, '2026-03-10', T, 'fr')[0]!.message).toBe('Gaz 6 kg : 40 en stock et 0 en commande, au seuil de commande (53) ou en dessous. À commander : 59.');
    expect(productConditions({ ...gas, reorderPoint: 52 }, '2026-03-10', T, 'en')[0]!.message).toBe('Gaz 6 kg: 40 in stock and 0 on order, at or below the reorder point (52). To order: 59.');
    const late = { ...gas, orders: [{ reference: 'PO-00007', expectedDate: '2026-03-01', remaining: 10 }], onOrder: 10 };
    expect(productConditions(late, '2026-03-10', T, 'fr').find((c) => c.type === 'order_overdue')!.message).toContain('plus que 40 en stock, sous le seuil de commande (53)');
  });

  it('sales far below the forecast: not on a day the shelf was empty, and worded as a drop, not a rise', () => {
    const day = (over: Partial<ProductFacts['anomalies'][number]>) => facts({ anomalies: [{ date: '2026-03-09', sold: 0, p10: 17.7, p90: 22.3, partial: false, ...over }] });
    // the baguettes ran out the day before: 0 sold says nothing about demand
    expect(types(day({ stockout: true }))).toEqual([]);
    expect(types(day({ sold: 3, stockout: true }))).toEqual([]);
    const low = productConditions(day({}), '2026-03-10', T, 'fr')[0]!;
    expect(low).toMatchObject({ type: 'sales_anomaly', key: 'sales_anomaly:1:2026-03-09' });
    expect(low.message).toBe('Huile 1 l : 0 vendu le 09/03/2026, bien moins que prévu (17,7 à 22,3). Rayon vide ou mal garni, ventes non saisies ?');
    expect(productConditions(day({ sold: 1 }), '2026-03-10', T, 'en')[0]!.message).toBe(
      'Huile 1 l: 1 sold on 09/03/2026, far below the forecast (17.7 to 22.3). Shelf empty or badly stocked, or sales not rung up?',
    );
    expect(low.message).not.toContain('hausse');
    // far above: the wording for a rise, even on a day that ended with the shelf empty
    const high = productConditions(day({ sold: 200, stockout: true }), '2026-03-10', T, 'fr')[0]!;
    expect(high.message).toBe('Huile 1 l : 200 vendus le 09/03/2026, loin de la prévision (17,7 à 22,3). Erreur de saisie, vol ou vraie hausse ?');
  });

  it('a failed forecast names what started it (never "last night" for a run by hand), in both languages', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const failed = (trigger: string | null, locale: 'fr' | 'en') =>
      forecastCondition({ status: 'failed', startedAt: '2026-03-10T09:00:00Z', error: 'disk full', trigger }, '2026-03-09T02:00:00Z', true, now, locale)?.message;
    expect(failed('manual', 'fr')).toBe('La dernière prévision (lancée à la main) a échoué : disk full. Relancez-la depuis la page Prévisions.');
    expect(failed('manual', 'en')).toBe('The last forecast (started by hand) failed: disk full. Run it again from the Forecasts page.');
    expect(failed('nightly', 'fr')).toBe('La dernière prévision (nocturne) a échoué : disk full. Relancez-la depuis la page Prévisions.');
    expect(failed('catchup', 'en')).toBe('The last forecast (catch-up at start) failed: disk full. Run it again from the Forecasts page.');
    expect(failed(null, 'fr')).toBe('La dernière prévision a échoué : disk full. Relancez-la depuis la page Prévisions.');
    for (const t of ['manual', 'nightly', 'catchup', 'cli']) for (const l of ['fr', 'en'] as const) expect(failed(t, l)).not.toMatch(/nuit|night's/);
  });

  it('forecast: failed is critical, older than 36 h a warning, fresh or no sales nothing', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(forecastCondition({ status: 'failed', startedAt: '2026-03-10T02:00:00Z', error: 'disk full' }, null, true, now, 'en')?.message).toContain('disk full');
    expect(forecastCondition({ status: 'ok', startedAt: '2026-03-08T02:00:00Z', error: null }, '2026-03-08T02:00:00Z', true, now, 'en')?.severity).toBe('warning');
    expect(forecastCondition({ status: 'ok', startedAt: '2026-03-10T02:00:00Z', error: null }, '2026-03-10T02:00:00Z', true, now, 'en')).toBeNull();
    expect(forecastCondition(null, null, false, now, 'en')).toBeNull();
  });
});

describe('critical alert digest (Electron Notification mocked)', () => {
  it('sends the first at once, holds the rest for an hour, then one digest; never repeats an alert', () => {
    const shown: { title: string; body: string }[] = [];
    const notifier: Notifier = { show: (title, body) => shown.push({ title, body }) };
    let now = 0;
    const digest = new NotificationDigest(notifier, () => now, () => 'Alertes critiques');
    digest.offer([{ key: 'a', message: 'Riz : rupture prévue' }]);
    expect(shown).toEqual([{ title: 'Alertes critiques (1)', body: 'Riz : rupture prévue' }]);
    now = 10 * 60_000;
    digest.offer([
      { key: 'b', message: 'Huile : stock négatif' },
      { key: 'a', message: 'Riz : rupture prévue' },
    ]);
    digest.offer([{ key: 'c', message: 'Lait : lot périmé' }]);
    expect(shown).toHaveLength(1);
    expect(digest.pendingCount).toBe(2);
    now = 59 * 60_000;
    digest.tick();
    expect(shown).toHaveLength(1);
    now = 61 * 60_000;
    digest.tick();
    expect(shown[1]).toEqual({ title: 'Alertes critiques (2)', body: 'Huile : stock négatif\nLait : lot périmé' });
    now = 200 * 60_000;
    digest.offer([{ key: 'b', message: 'Huile : stock négatif' }]);
    expect(shown).toHaveLength(2);
    // resolved then back: notified again
    digest.forget('b');
    digest.offer([{ key: 'b', message: 'Huile : stock négatif' }]);
    expect(shown).toHaveLength(3);
  });

  it('the core offers new critical alerts to the injected notifier, at most one per hour', async () => {
    const tmp = tempDir();
    const shown: string[] = [];
    let now = new Date('2026-03-10T10:00:00Z');
    const { Core } = await import('../../src/main/core');
    const { MIGRATIONS } = await import('../helpers/core');
    const { silentLogger } = await import('../../src/main/logger');
    const core = new Core({ dbPath: `${tmp.dir}/shop.db`, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'test', now: () => now, notifier: { show: (_t, body) => shown.push(body) } });
    try {
      const a = await must<{ id: number }>(core.call('products.save', { sku: 'A', name: 'Sucre', priceMinor: 100 }));
      const b = await must<{ id: number }>(core.call('products.save', { sku: 'B', name: 'Thé', priceMinor: 100 }));
      await must(core.call('ledger.record', { lines: [{ productId: a.id, kind: 'sale', quantity: 2 }] }));
      await core.services.stockWatcher.idle();
      expect(shown).toEqual(['Sucre : stock négatif (-2). Comptez le rayon et corrigez le stock.']);
      await must(core.call('ledger.record', { lines: [{ productId: b.id, kind: 'sale', quantity: 1 }] }));
      await core.services.stockWatcher.idle();
      expect(shown).toHaveLength(1);
      now = new Date('2026-03-10T11:01:00Z');
      await must(core.call('ledger.record', { lines: [{ productId: b.id, kind: 'sale', quantity: 1 }] }));
      await core.services.stockWatcher.idle();
      expect(shown).toHaveLength(2);
      expect(shown[1]).toContain('Thé : stock négatif');
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});

describe('alerts in the store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-03-10T10:00:00Z'));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('negative stock opens one alert, merged on repeat, resolved when a count corrects it', async () => {
    const p = await must<{ id: number }>(core.call('products.save', { sku: 'S', name: 'Savon', priceMinor: 300 }));
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 1 }] }));
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'sale', quantity: 1 }] }));
    await core.services.stockWatcher.idle();
    let alerts = await must<Alert[]>(core.call('alerts.list', {}));
    expect(alerts.filter((a) => a.type === 'negative_stock')).toHaveLength(1);
    expect(alerts[0].message).toContain('(-2)');
    await must(core.call('ledger.record', { lines: [{ productId: p.id, kind: 'count', quantity: 2, reason: 'recount' }] }));
    await core.services.stockWatcher.idle();
    alerts = await must<Alert[]>(core.call('alerts.list', {}));
    expect(alerts.filter((a) => a.type === 'negative_stock')).toHaveLength(0);
    const all = await must<Alert[]>(core.call('alerts.list', { includeResolved: true }));
    expect(all.find((a) => a.type === 'negative_stock')?.resolvedAt).toBe('2026-03-10T10:00:00.000Z');
  });

  it('a day that ended with the shelf empty raises no sales anomaly; a day with stock and few sales does, as a drop', async () => {
    const ids: Record<string, number> = {};
    for (const sku of ['PAIN', 'LAIT']) ids[sku] = (await must<{ id: number }>(core.call('products.save', { sku, name: sku === 'PAIN' ? 'Baguette' : 'Lait', priceMinor: 100 }))).id;
    const at = (d: number, h = 12) => new Date(`2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`);
    type Line = Parameters<Core['services']['ledger']['recordBulk']>[0][number];
    const lines: Line[] = [
      { line: { productId: ids.PAIN!, kind: 'receipt', quantity: 140, reason: '' }, at: at(2, 7) },
      { line: { productId: ids.LAIT!, kind: 'receipt', quantity: 500, reason: '' }, at: at(2, 7) },
    ];
    // 20 a day from the 2nd to the 8th: the baguettes are gone on the evening of the 8th, the milk is not
    for (let d = 2; d <= 8; d++) for (const sku of ['PAIN', 'LAIT']) lines.push({ line: { productId: ids[sku]!, kind: 'sale', quantity: 20, reason: '' }, at: at(d) });
    core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current()! }, 'warn');
    const db = core.store.sqlite;
    const run = Number(db.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES ('2026-03-09T02:00:00Z', '2026-03-09T02:01:00Z', 'ok', 'nightly')").run().lastInsertRowid);
    const put = db.prepare("INSERT INTO forecasts (product_id, date, p10, p50, p90, mean, method, run_id) VALUES (?, ?, 17.7, 20, 22.3, 20, 'ets', ?)");
    for (const id of Object.values(ids)) for (const date of ['2026-03-09', '2026-03-10']) put.run(id, date, run);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const anomalies = db.prepare("SELECT key, message FROM alerts WHERE type = 'sales_anomaly' AND resolved_at IS NULL").all();
    expect(anomalies).toEqual([
      { key: `sales_anomaly:${ids.LAIT}:2026-03-09`, message: 'Lait : 0 vendu le 09/03/2026, bien moins que prévu (17,7 à 22,3). Rayon vide ou mal garni, ventes non saisies ?' },
    ]);
    // the empty shelf is told once, as a stockout
    expect(db.prepare("SELECT type FROM alerts WHERE product_id = ? AND resolved_at IS NULL").pluck().all(ids.PAIN)).toEqual(['stockout_before_delivery']);
  });

  it('a failed forecast run raises a critical alert for the whole shop', async () => {
    core.store.sqlite.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger, error) VALUES ('2026-03-10T02:00:00Z', '2026-03-10T02:01:00Z', 'failed', 'nightly', 'out of memory')").run();
    core.services.alerts.evaluate();
    const [a] = await must<Alert[]>(core.call('alerts.list', {}));
    expect(a).toMatchObject({ type: 'forecast_stale', severity: 'critical', productId: null });
    expect(a.message).toContain('out of memory');
  });

  it('a failed run started by hand says the last forecast failed, by hand, not the night\'s', async () => {
    core.store.sqlite.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES ('2026-03-09T02:00:00Z', '2026-03-09T02:01:00Z', 'ok', 'nightly')").run();
    core.store.sqlite.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger, error) VALUES ('2026-03-10T09:30:00Z', '2026-03-10T09:31:00Z', 'failed', 'manual', 'disk full')").run();
    core.services.alerts.evaluate();
    const [a] = await must<Alert[]>(core.call('alerts.list', {}));
    expect(a).toMatchObject({ type: 'forecast_stale', severity: 'critical' });
    expect(a.message).toBe('La dernière prévision (lancée à la main) a échoué : disk full. Relancez-la depuis la page Prévisions.');
  });

  it("a pass in slices writes each slice's alerts, keeps the shop-wide ones, resolves what cleared and notifies once", async () => {
    const shown: string[] = [];
    const { Core } = await import('../../src/main/core');
    const { MIGRATIONS } = await import('../helpers/core');
    const { silentLogger } = await import('../../src/main/logger');
    const local = new Core({ dbPath: `${tmp.dir}/sliced.db`, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'test', now: () => new Date('2026-03-10T10:00:00Z'), notifier: { show: (title, body) => shown.push(`${title}: ${body}`) } });
    try {
      await local.services.stockWatcher.idle();
      const ids: number[] = [];
      for (const name of ['Sucre', 'Thé', 'Riz']) ids.push((await must<{ id: number }>(local.call('products.save', { sku: name.toUpperCase(), name, priceMinor: 100 }))).id);
      const user = { user: local.services.session.current()! };
      const at = new Date('2026-03-10T09:00:00Z');
      // sold with nothing on the shelf, written straight to the ledger: no recompute follows by itself
      local.services.ledger.recordBulk(ids.map((productId) => ({ line: { productId, kind: 'sale' as const, quantity: 1, reason: '' }, at })), 'sale', user, 'warn');
      local.store.sqlite.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger, error) VALUES ('2026-03-10T02:00:00Z', '2026-03-10T02:01:00Z', 'failed', 'nightly', 'disk full')").run();

      let pauses = 0;
      const pause = () => {
        pauses++;
        return Promise.resolve(true);
      };
      expect(await local.services.alerts.evaluateInSlices(ids, 2, pause)).toEqual({ opened: 4, resolved: 0 });
      expect(pauses).toBe(1);
      const open = () => local.store.sqlite.prepare('SELECT id, type, product_id FROM alerts WHERE resolved_at IS NULL ORDER BY id').all() as { id: number; type: string; product_id: number | null }[];
      const first = open();
      expect(first.map((a) => [a.type, a.product_id])).toEqual([...ids.map((id) => ['negative_stock', id]), ['forecast_stale', null]]);
      // all four critical alerts in one notification, not the first slice's now and the rest an hour later
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatch(/\(4\):/);
      for (const name of ['Sucre', 'Thé', 'Riz']) expect(shown[0]).toContain(name);

      // Thé's count fixes its stock: the next pass resolves its alert only; the others stay the same rows
      local.services.ledger.recordBulk([{ line: { productId: ids[1]!, kind: 'count', quantity: 5, reason: 'recount' }, at }], 'count', user, 'warn');
      expect(await local.services.alerts.evaluateInSlices(ids, 2, pause)).toEqual({ opened: 0, resolved: 1 });
      expect(open()).toEqual(first.filter((a) => a.product_id !== ids[1]));
      expect(shown).toHaveLength(1);
    } finally {
      local.close();
    }
  });
});

describe('expiring lots and acknowledged alerts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-03-10T10:00:00Z');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('settings.save', { locale: 'fr', expiryWarnDays: 30 }));
    await must(core.call('products.save', { sku: 'YAO', name: 'Yaourt nature', priceMinor: 300, tracksExpiry: true }));
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });
  const lots = () =>
    core.store.sqlite.prepare("SELECT id, key, severity, message, acknowledged_at AS ack FROM alerts WHERE type = 'expiring_lot' AND resolved_at IS NULL ORDER BY id").all() as {
      id: number;
      key: string;
      severity: string;
      message: string;
      ack: string | null;
    }[];

  it('one lot delivered in two parts is one alert with the whole quantity, refreshed as the days pass', async () => {
    for (let i = 0; i < 2; i++) await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'L7', expiry: '2026-03-20' }] }));
    await core.services.stockWatcher.idle();
    core.services.alerts.evaluate();
    expect(lots()).toEqual([expect.objectContaining({ key: 'expiring_lot:1:L7:2026-03-20', message: 'Yaourt nature : le lot L7 (12) périme le 20/03/2026, dans 10 jours.' })]);
    expect(core.services.alerts.counts()).toEqual({ open: 1, critical: 0 });
    now = new Date('2026-03-12T10:00:00Z');
    core.services.alerts.evaluate();
    expect(lots().map((a) => a.message)).toEqual(['Yaourt nature : le lot L7 (12) périme le 20/03/2026, dans 8 jours.']);
  });

  it('duplicate open alerts left by an earlier version are merged into the oldest on the next pass', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'L7', expiry: '2026-03-20' }] }));
    await core.services.stockWatcher.idle();
    core.services.alerts.evaluate();
    const [first] = lots();
    const insert = core.store.sqlite.prepare(
      "INSERT INTO alerts (key, type, severity, product_id, message, first_seen, last_seen) VALUES (?, 'expiring_lot', 'warning', 1, 'old copy', '2026-03-09T10:00:00.000Z', '2026-03-09T10:00:00.000Z')",
    );
    insert.run(first!.key);
    insert.run(first!.key);
    expect(core.services.alerts.counts().open).toBe(3);
    now = new Date('2026-03-11T10:00:00Z');
    expect(core.services.alerts.evaluate()).toEqual({ opened: 0, resolved: 0 });
    expect(lots()).toEqual([expect.objectContaining({ id: first!.id, message: 'Yaourt nature : le lot L7 (6) périme le 20/03/2026, dans 9 jours.' })]);
    expect(core.services.alerts.counts().open).toBe(1);
    // the copies are closed, not left open behind the one kept
    const closed = core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM alerts WHERE key = ? AND resolved_at IS NOT NULL').get(first!.key) as { n: number };
    expect(closed.n).toBe(2);
  });

  it('an acknowledged warning that turns critical comes back; one that stays a warning stays acknowledged', async () => {
    await must(core.call('settings.save', { expiryWarnDays: 7 }));
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'L7', expiry: '2026-03-15' }] }));
    await core.services.stockWatcher.idle();
    core.services.alerts.evaluate();
    const [warning] = lots();
    expect(warning).toMatchObject({ severity: 'warning', ack: null });
    await must(core.call('alerts.acknowledge', { id: warning!.id }));
    now = new Date('2026-03-12T10:00:00Z');
    core.services.alerts.evaluate();
    expect(lots()).toEqual([expect.objectContaining({ id: warning!.id, severity: 'warning', ack: '2026-03-10T10:00:00.000Z' })]);
    expect(core.services.alerts.counts()).toEqual({ open: 0, critical: 0 });
    // expired: now critical, and back in the counts and unacknowledged
    now = new Date('2026-03-17T10:00:00Z');
    core.services.alerts.evaluate();
    expect(lots()).toEqual([
      { id: warning!.id, key: warning!.key, severity: 'critical', ack: null, message: 'Yaourt nature : le lot L7 (6) est périmé depuis le 15/03/2026. Retirez-le de la vente.' },
    ]);
    expect(core.services.alerts.counts()).toEqual({ open: 1, critical: 1 });
  });

  it('a snoozed warning that turns critical comes back before the snooze ends', async () => {
    await must(core.call('settings.save', { expiryWarnDays: 7 }));
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'L7', expiry: '2026-03-11' }] }));
    await core.services.stockWatcher.idle();
    core.services.alerts.evaluate();
    const [warning] = lots();
    await must(core.call('alerts.snooze', { id: warning!.id, hours: 72 }));
    expect(core.services.alerts.counts()).toEqual({ open: 0, critical: 0 });
    now = new Date('2026-03-12T10:00:00Z');
    core.services.alerts.evaluate();
    expect(core.services.alerts.counts()).toEqual({ open: 1, critical: 1 });
  });
});
