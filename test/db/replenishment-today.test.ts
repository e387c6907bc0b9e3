import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { Alert, ReplenishmentView } from '../../src/shared/api/contract';
import { addDays } from '../../src/shared/domain/dates';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * The suggestion through the day (real SQLite file): the stock on hand has already lost today's sales, so
 * only what is left of today's forecast is still to come. And the engine's stored mean is what is planned
 * on, not one read back from the P10-P90 band (a slow mover's median is 0).
 */
describe('what to order, in the morning and at closing time', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const view = async (id: number) => (await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [id] })))[0]!;
  const forecast = (productId: number, day: { p10: number; p50: number; p90: number; mean: number }) => {
    const db = core.store.sqlite;
    const run = Number(db.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES ('2026-11-20T02:00:00Z', '2026-11-20T02:01:00Z', 'ok', 'nightly')").run().lastInsertRowid);
    const put = db.prepare("INSERT INTO forecasts (product_id, date, p10, p50, p90, mean, method, run_id) VALUES (?, ?, ?, ?, ?, ?, 'ets', ?)");
    for (let i = 0; i < 28; i++) put.run(productId, addDays('2026-11-20', i), day.p10, day.p50, day.p90, day.mean, run);
  };
  const sell = (productId: number, quantity: number) => must(core.call('pos.checkout', { lines: [{ productId, quantity }], tenders: [{ tender: 'cash', amountMinor: quantity * 150 }] }));

  beforeEach(() => {
    tmp = tempDir();
    now = new Date('2026-11-20T07:00:00');
    core = openTestCore(tmp.dir, () => now);
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('bread: order 25 at 07:00, and still 25 at 20:00 once the day’s 40 are sold, with no « runs out today » alert', async () => {
    await must(core.call('settings.save', { locale: 'fr', reviewDays: 1, serviceLevel: 0.95, serviceLevelA: 0.95, serviceLevelB: 0.95, serviceLevelC: 0.95 }));
    const bread = await must<{ id: number }>(core.call('products.save', { sku: 'PAIN', name: 'Baguette', priceMinor: 150, costMinor: 90, leadTimeDays: 1 }));
    await must(core.call('stock.receive', { lines: [{ productId: bread.id, quantity: 70 }] }));
    forecast(bread.id, { p10: 32, p50: 40, p90: 48, mean: 40 });
    core.services.replenishment.recompute();

    // σ a day (48 − 32) / 2.563 = 6.24; over 2 days × 1.645 = 14.5; up to 80 + 14.5 = 94.5, less 70 on the shelf
    const morning = await view(bread.id);
    expect(morning.suggested).toBe(25);
    expect(morning.stockoutDate).toBe('2026-11-21');

    now = new Date('2026-11-20T20:00:00');
    for (let i = 0; i < 4; i++) await sell(bread.id, 10);
    await core.services.stockWatcher.idle();
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
    const evening = await view(bread.id);
    expect(evening.onHand).toBe(30);
    // today's rest is the band less 40 (0, 0, 8: 2,7 on average, σ 3,1) and tomorrow 40 (σ 6,24): 42,7 + 1,645 × 6,98
    // = 54,1, less the 30 left: 25 again (the whole day counted again would have said 65)
    expect(evening.suggested).toBe(25);
    expect(evening.stockoutDate).toBe('2026-11-21');
    expect(evening.dailyMean).toBe(40);
    const alerts = await must<Alert[]>(core.call('alerts.list', {}));
    expect(alerts.filter((a) => a.productId === bread.id && a.severity === 'critical')).toEqual([]);
  });

  it('a slow mover is planned on the engine’s mean (0,65 a day), not on its median of 0 lifted by a third of its band', async () => {
    await must(core.call('settings.save', { reviewDays: 7 }));
    const bulb = await must<{ id: number }>(core.call('products.save', { sku: 'AMP', name: 'Ampoule 60 W', priceMinor: 150, leadTimeDays: 7 }));
    await must(core.call('stock.receive', { lines: [{ productId: bulb.id, quantity: 2 }] }));
    forecast(bulb.id, { p10: 0, p50: 0, p90: 1.47, mean: 0.65 });
    core.services.replenishment.recompute();
    const r = await view(bulb.id);
    expect(r.dailyMean).toBeCloseTo(0.65, 9);
    // 14 days at 0,65 = 9,1, plus 1,645 × 0,574 × √14 = 3,5 of safety stock, less the 2 on the shelf: 10,6 -> 11
    // (the band alone would have said 0,49 a day: 6,9 + 3,5 − 2 -> 9, and 4,1 days of cover)
    expect(r.suggested).toBe(11);
    expect(r.explanation).toContain('Stock pour environ 3,1 jours. Rupture prévue le 23/11/2026.');
  });
});
