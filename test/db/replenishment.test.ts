import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import type { EngineFn } from '../../src/main/services/forecasting/nightly';
import type { Alert, ReplenishmentView } from '../../src/shared/api/contract';
import { MIGRATIONS, must, tempDir } from '../helpers/core';

const NOW = new Date('2026-03-10T10:00:00Z');

/** An engine that forecasts 1 to 5 (median 3) a day for every product. */
const engine: EngineFn = async (series, opts) => ({
  forecasts: series.map((s) => {
    const dates = Array.from({ length: opts.horizon }, (_, i) => new Date(Date.UTC(2026, 2, 10 + i)).toISOString().slice(0, 10));
    return { id: s.id, dates, p10: dates.map(() => 1), p50: dates.map(() => 3), p90: dates.map(() => 5), mean: dates.map(() => 3), method: 'flat' as const, backtestWape: NaN, backtestMase: NaN, explanation: '' };
  }),
  provider: 'js',
  backtest: { wape: NaN, mase: NaN, coverage80: NaN, products: 0 },
  monthDays: null,
  warnings: [],
});

describe('replenishment follows the forecast run', () => {
  it('recomputes every product when a run finishes: the forecast replaces the average, with a per-category service level', async () => {
    const tmp = tempDir();
    const core = new Core({ dbPath: join(tmp.dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'test', now: () => NOW, forecast: { engine } });
    try {
      const p = await must<{ id: number }>(core.call('products.save', { sku: 'A', name: 'Eau 1,5 l', category: 'Boissons', priceMinor: 400, leadTimeDays: 6, packSize: 6 }));
      core.services.ledger.recordBulk(
        [
          { line: { productId: p.id, kind: 'receipt', quantity: 40, reason: '' }, at: new Date('2026-02-01T08:00:00Z') },
          { line: { productId: p.id, kind: 'sale', quantity: 36, reason: '' }, at: new Date('2026-03-01T08:00:00Z') },
        ],
        'history',
        { user: core.services.session.current() },
        'warn',
      );
      core.services.replenishment.recompute();
      let [r] = await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [p.id] }));
      expect(r.source).toBe('average');

      await must(core.call('replenishment.setServiceLevel', { scope: 'category', key: 'Boissons', level: 0.99 }));
      expect(await core.call('replenishment.setServiceLevel', { scope: 'category', key: 'Boissons', level: 1.2 })).toMatchObject({ ok: false, error: { field: 'level' } });
      await core.services.forecasts.start('manual').finished;
      await core.services.stockWatcher.idle();
      [r] = await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [p.id] }));
      expect(r.source).toBe('forecast');
      expect(r.serviceLevel).toBe(0.99);
      // the hand-worked case of replenishment.test.ts at 99 %: lead 6 days mean 18, σ 3.8227 -> 18 + 2.3263 × 3.8227
      expect(r.reorderPoint).toBeCloseTo(18 + 2.326348 * 3.8227, 2);
      expect(r.explanation).toMatch(/^Vous vendez/);
      expect(r.stockoutDate).toBe('2026-03-11');
      const alerts = await must<Alert[]>(core.call('alerts.list', {}));
      expect(alerts.map((a) => a.type).sort()).toEqual(['reorder_point', 'stockout_before_delivery']);
      // a per-product level wins over the category's
      await must(core.call('replenishment.setServiceLevel', { scope: 'product', key: String(p.id), level: 0.9 }));
      [r] = await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [p.id] }));
      expect(r.serviceLevel).toBe(0.9);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });

  it('follows a product edit, a settings change and a deactivation at once, not at the next movement', async () => {
    const tmp = tempDir();
    const core = new Core({ dbPath: join(tmp.dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'test', now: () => NOW, forecast: { engine } });
    try {
      const input = { sku: 'B', name: 'Riz 5 kg', category: 'Épicerie', priceMinor: 3500, leadTimeDays: 2, packSize: 1 };
      const p = await must<{ id: number }>(core.call('products.save', input));
      core.services.ledger.recordBulk(
        [
          { line: { productId: p.id, kind: 'receipt', quantity: 60, reason: '' }, at: new Date('2026-02-01T08:00:00Z') },
          ...Array.from({ length: 28 }, (_, i) => ({ line: { productId: p.id, kind: 'sale' as const, quantity: 2, reason: '' }, at: new Date(Date.UTC(2026, 1, 9 + i, 9)) })),
        ],
        'history',
        { user: core.services.session.current() },
        'warn',
      );
      core.services.replenishment.recompute();
      const view = async () => (await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [p.id] })))[0];
      const before = await view();
      expect(before.leadTimeDays).toBe(2);
      expect(before.explanation).toMatch(/^Pas encore de prévision/);

      await must(core.call('products.save', { ...input, id: p.id, leadTimeDays: 14 }));
      await core.services.stockWatcher.idle();
      const longer = await view();
      expect(longer.reorderPoint).toBeGreaterThan(before.reorderPoint + 20);
      expect(longer.explanation).toMatch(/14/);

      await must(core.call('settings.save', { locale: 'en' }));
      await core.services.stockWatcher.idle();
      expect((await view()).explanation).toMatch(/^No forecast for this product yet/);

      const alerts = () => must<Alert[]>(core.call('alerts.list', {}));
      expect((await alerts()).some((a) => a.productId === p.id)).toBe(true);
      await must(core.call('products.deactivate', { id: p.id }));
      await core.services.stockWatcher.idle();
      expect((await alerts()).some((a) => a.productId === p.id)).toBe(false);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
