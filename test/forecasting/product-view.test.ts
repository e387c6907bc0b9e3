import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ProductForecastView } from '../../src/shared/api/contract';
import { must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date(2026, 4, 10, 14, 0); // 10 May 2026, 14:00 local
const day = (k: number, h = 12) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - k, h);

/**
 * What the Forecasts page shows for the products a shop owner asks about: a regular seller that
 * ran out, one that sells every few days, one received but never sold, one only just created.
 * The real engine (CPU) on a real shop file.
 */
describe("a product's forecast view", () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const id: Record<string, number> = {};

  beforeEach(async () => {
    tmp = tempDir();
    now = NOW;
    core = openTestCore(tmp.dir, () => now);
    for (const sku of ['RIZ', 'SIROP', 'NEUF', 'JEUNE', 'VIDE', 'GAZ']) {
      id[sku] = (await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor: 1000 }))).id;
    }
    const lines: Parameters<Core['services']['ledger']['recordBulk']>[0] = [];
    const add = (sku: string, kind: 'receipt' | 'sale', quantity: number, at: Date) => lines.push({ line: { productId: id[sku]!, kind, quantity, reason: '' }, at });
    // RIZ: 6 a day for 200 days, then out of stock for the last 12 days
    add('RIZ', 'receipt', 1128, day(201, 8));
    for (let k = 200; k >= 13; k--) add('RIZ', 'sale', 6, day(k));
    // SIROP: one bottle every fifth day
    add('SIROP', 'receipt', 100, day(201, 8));
    for (let k = 200; k >= 1; k -= 5) add('SIROP', 'sale', 1, day(k));
    // NEUF: received, never sold
    add('NEUF', 'receipt', 24, day(30, 8));
    // JEUNE: first delivered 10 days ago, sells 2 a day since
    add('JEUNE', 'receipt', 40, day(10, 8));
    for (let k = 10; k >= 1; k--) add('JEUNE', 'sale', 2, day(k));
    // GAZ: 5 a day for a month, then out of stock for the last 30 days (62 days of history)
    add('GAZ', 'receipt', 160, day(62, 8));
    for (let k = 62; k >= 31; k--) add('GAZ', 'sale', 5, day(k));
    core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current()! }, 'warn');
    await core.services.forecasts.start('manual').finished;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const view = (sku: string) => must<ProductForecastView>(core.call('forecast.product', { id: id[sku]! }));

  it('marks stock-out days, counts only the days in stock and says so', async () => {
    const v = await view('RIZ');
    expect(v.history).toHaveLength(120);
    const out = v.history.filter((h) => h.stockout).map((h) => h.date);
    expect(out).toHaveLength(12);
    expect(out[0]).toBe('2026-04-28');
    expect(out.at(-1)).toBe('2026-05-09');
    expect(v.history.filter((h) => !h.stockout).every((h) => h.qty === 6)).toBe(true);
    // the last 28 days before the last day: 16 in stock, 6 a day
    expect(v.backtest).toMatchObject({ days: 16, windowDays: 28, sold: 96 });
    expect(v.explanation).toContain('(16 jours en stock sur 28)');
    expect(v.explanation).toContain("il s'en est vendu 96");
    expect(v.explanation).toContain('Les jours en rupture (en gris) ne comptent pas : la demande y est inconnue.');
  });

  it('out of stock over the whole backtest window: says so, not that the history is too short', async () => {
    const v = await view('GAZ');
    expect(v.history).toHaveLength(62);
    expect(v.backtest).toBeNull();
    expect(v.explanation).toContain("En rupture sur les 4 dernières semaines : l'erreur passée n'a pas pu être mesurée.");
    expect(v.explanation).not.toContain('trop court');
    // a young product has too short a history
    expect((await view('JEUNE')).explanation).toContain("L'historique est trop court pour mesurer l'erreur passée.");
  });

  it('a forecast from a week ago: only the days from today on are shown and counted, and the words say how many are left', async () => {
    const fresh = await view('RIZ');
    expect(fresh.forecast).toHaveLength(28);
    expect(fresh.explanation).toContain('Attendu sur les 28 prochains jours : environ');
    // the PC stays off for a week; no run since
    now = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + 7, 9, 0);
    const today = '2026-05-17';
    const stale = await view('RIZ');
    const left = fresh.forecast.filter((f) => f.date >= today);
    expect(left.length).toBeLessThan(28);
    expect(stale.forecast).toEqual(left);
    const expected = left.reduce((s, f) => s + f.mean!, 0);
    expect(stale.explanation).toContain(`Attendu sur les ${left.length} jours qui restent de la dernière prévision : environ ${Math.round(expected)}.`);
    // the backtest window is still the run's 4 weeks
    expect(stale.backtest).toMatchObject({ windowDays: 28 });
    // long past its end: nothing left to show, and it says to run it again
    now = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + 40, 9, 0);
    const old = await view('RIZ');
    expect(old.forecast).toEqual([]);
    expect(old.explanation).toContain('La dernière prévision ne couvre plus les jours à venir');
  });

  it('tells a slow seller by its totals: its median is 0 but the mean is not', async () => {
    const v = await view('SIROP');
    expect(v.intermittent).toBe(true);
    expect(v.forecast.filter((f) => f.p50 === 0).length * 2).toBeGreaterThanOrEqual(v.forecast.length);
    const expected = v.forecast.reduce((s, f) => s + f.mean!, 0);
    // about one bottle every five days
    expect(expected).toBeGreaterThan(28 / 5 / 2);
    expect(expected).toBeLessThan((28 / 5) * 2);
    expect(v.explanation).toContain('Ce produit ne se vend pas tous les jours');
    expect(v.explanation).not.toContain('erreur jour par jour');
    expect(v.backtest?.sold).toBeGreaterThan(0);
  });

  it('starts a young product at its first record, and tells a product that never sold', async () => {
    const young = await view('JEUNE');
    expect(young.history).toHaveLength(10);
    expect(young.history[0]!.date).toBe('2026-04-30');
    expect(young.everSold).toBe(true);

    const neuf = await view('NEUF');
    expect(neuf.everSold).toBe(false);
    expect(neuf.history).toHaveLength(30);
    expect(neuf.history.every((h) => h.qty === 0 && !h.stockout)).toBe(true);

    const vide = await view('VIDE');
    expect(vide).toMatchObject({ everSold: false, history: [], forecast: [], method: null, backtest: null, explanation: '' });
  });
});
