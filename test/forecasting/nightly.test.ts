import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ForecastProgressEvent, ForecastStatus, ProductForecastView } from '../../src/shared/api/contract';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Core as CoreClass } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { MIGRATIONS, must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date(2026, 4, 10, 14, 0); // 10 May 2026, 14:00 local
const DAYS = 120;
const HORIZON = 28;

/** Three products with a weekly pattern (busy weekends), 120 days of sales up to yesterday. */
async function buildShop(core: Core): Promise<number[]> {
  const ids: number[] = [];
  for (const [sku, name] of [['RIZ', 'Riz 5 kg'], ['HUILE', 'Huile 1 L'], ['SAVON', 'Savon']] as const) {
    ids.push((await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 1000 }))).id);
  }
  const lines = [];
  const day = (k: number, h: number) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - k, h);
  for (const [i, productId] of ids.entries()) {
    lines.push({ line: { productId, kind: 'receipt' as const, quantity: 10_000, reason: '' }, at: day(DAYS + 1, 9) });
    for (let k = DAYS; k >= 1; k--) {
      const d = day(k, 12);
      const weekend = d.getDay() === 6 || d.getDay() === 0;
      const qty = (weekend ? 9 : 3) + ((k * (i + 3)) % 3) + i;
      lines.push({ line: { productId, kind: 'sale' as const, quantity: qty, reason: '' }, at: d });
    }
  }
  core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current()! }, 'warn');
  return ids;
}

describe('nightly forecast job on a real shop database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let ids: number[];
  const events: ForecastProgressEvent[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    core.onEvent((name, payload) => name === 'forecast.progress' && events.push(payload as ForecastProgressEvent));
    ids = await buildShop(core);
    events.length = 0;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('forecasts every active product, stores rows and the run record in one go', async () => {
    const { runId } = await must<{ runId: number }>(core.call('forecast.run', {}));
    const running = await must<ForecastStatus>(core.call('forecast.status', {}));
    expect(running.running?.runId).toBe(runId);
    // a second run while one is going is refused
    const second = await core.call('forecast.run', {});
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error.code).toBe('conflict');

    await core.services.forecasts.idle();
    const status = await must<ForecastStatus>(core.call('forecast.status', {}));
    expect(status.running).toBeNull();
    const run = status.lastRun!;
    expect(run).toMatchObject({ id: runId, status: 'ok', trigger: 'manual', provider: 'cpu', products: 3, error: null });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.finishedAt! >= run.startedAt).toBe(true);
    expect(run.backtestWape).toBeGreaterThan(0);
    expect(run.backtestCoverage).toBeGreaterThan(0);
    expect(run.backtestMase).toBeGreaterThan(0);
    expect(run.backtestNaiveWape).toBeGreaterThan(0);
    expect(status.lastSuccess?.id).toBe(runId);

    const sql = core.store.sqlite;
    for (const id of ids) {
      const rows = sql.prepare('SELECT * FROM forecasts WHERE product_id = ? ORDER BY date').all(id) as { date: string; p10: number; p50: number; p90: number; mean: number | null; run_id: number }[];
      expect(rows).toHaveLength(HORIZON);
      expect(rows[0]!.date).toBe('2026-05-10'); // history ends yesterday, forecast starts today
      for (const r of rows) {
        expect(r.run_id).toBe(runId);
        expect(r.p10).toBeGreaterThanOrEqual(0);
        expect(r.p10).toBeLessThanOrEqual(r.p50);
        expect(r.p50).toBeLessThanOrEqual(r.p90);
        // the mean is stored too: medians do not add up across products, means do (dashboard totals)
        expect(r.mean).not.toBeNull();
        expect(r.mean!).toBeGreaterThan(0);
      }
    }
    const products = sql.prepare('SELECT * FROM forecast_products ORDER BY product_id').all() as { product_id: number; run_id: number; method: string }[];
    expect(products.map((p) => p.product_id)).toEqual(ids);
    expect(products.every((p) => p.run_id === runId && p.method.length > 0)).toBe(true);

    // progress went to the UI as events, ending with the final status
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.runId === runId)).toBe(true);
    expect(events.at(-1)).toMatchObject({ status: 'ok' });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    // each running event says what the run is doing, in order, and the bar never goes back
    const phases = events.filter((e) => e.status === 'running').map((e) => e.phase);
    expect([...new Set(phases)]).toEqual([null, 'reading', 'preparing', 'backtest', 'forecast', 'saving']);
    const counted = events.filter((e) => e.total > 0);
    expect(new Set(counted.map((e) => e.total)).size).toBe(1);
    expect(counted.every((e, i) => i === 0 || e.done >= counted[i - 1]!.done)).toBe(true);

    const view = await must<ProductForecastView>(core.call('forecast.product', { id: ids[0] }));
    expect(view.history).toHaveLength(120);
    expect(view.history.at(-1)!.date).toBe('2026-05-09');
    expect(view.history.every((h) => h.qty > 0)).toBe(true);
    expect(view.forecast).toHaveLength(HORIZON);
    expect(view.method).toBe(products[0]!.method);
    // RIZ's sales repeat exactly every week, so repeating the week before would have been exact
    expect(view.backtestNaiveWape).toBe(0);
    expect(view.history.some((h) => h.stockout)).toBe(false);
    expect(view.everSold).toBe(true);
    expect(view.intermittent).toBe(false);
    // the latest backtest window: 28 days in stock, the expected total next to what sold
    const stored = sql.prepare('SELECT backtest_days, backtest_expected, backtest_sold FROM forecast_products WHERE product_id = ?').get(ids[0]) as {
      backtest_days: number;
      backtest_expected: number;
      backtest_sold: number;
    };
    expect(stored.backtest_days).toBe(HORIZON);
    expect(stored.backtest_sold).toBe(view.history.slice(-HORIZON).reduce((s, h) => s + h.qty, 0));
    expect(view.backtest).toEqual({ days: HORIZON, windowDays: HORIZON, expected: stored.backtest_expected, sold: stored.backtest_sold });
    const n = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10).toLocaleString('fr-FR');
    expect(view.explanation).toBe(
      `Méthode : ${view.methodLabel}. Attendu sur les 28 prochains jours : environ ${n(view.forecast.reduce((s, f) => s + f.mean!, 0))}. ` +
        `Sur les 4 dernières semaines, il en était attendu ${n(view.backtest!.expected)} et il s'en est vendu ${n(view.backtest!.sold)} ; ` +
        `l'erreur jour par jour était de ${Math.round(view.backtestWape! * 100)} %.`,
    );
    // the backtest picked the week before's sales itself for RIZ: one figure, not the same method twice
    expect(view.method).toBe('snaive');
    // how much the shop's total swings beyond independent product errors, for the dashboard's range
    expect((sql.prepare('SELECT total_spread FROM forecast_runs WHERE id = ?').get(runId) as { total_spread: number }).total_spread).toBeGreaterThanOrEqual(1);
    // 120 days are too few for a day-of-month pattern
    expect(sql.prepare('SELECT month_days FROM forecast_runs WHERE id = ?').get(runId)).toEqual({ month_days: null });
  });

  it('replaces the previous forecasts, and skips inactive products', async () => {
    await core.services.forecasts.start('manual').finished;
    await must(core.call('products.deactivate', { id: ids[2] }));
    const second = await core.services.forecasts.start('nightly').finished;
    expect(second).toMatchObject({ status: 'ok', products: 2, trigger: 'nightly' });
    const runIds = core.store.sqlite.prepare('SELECT DISTINCT run_id AS r FROM forecasts').all();
    expect(runIds).toEqual([{ r: second.id }]);
    expect((core.store.sqlite.prepare('SELECT count(*) AS n FROM forecasts WHERE product_id = ?').get(ids[2]) as { n: number }).n).toBe(0);
  });

  it('a cancelled run is recorded as such and leaves the previous forecasts intact', async () => {
    const first = await core.services.forecasts.start('manual').finished;
    const before = core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all();
    expect(before).toHaveLength(3 * HORIZON);

    const { finished } = core.services.forecasts.start('manual');
    expect((await must<{ cancelled: boolean }>(core.call('forecast.cancel', {}))).cancelled).toBe(true);
    const cancelled = await finished;
    expect(cancelled).toMatchObject({ status: 'cancelled', error: null });
    expect(cancelled.finishedAt).not.toBeNull();
    expect(core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all()).toEqual(before);
    const status = await must<ForecastStatus>(core.call('forecast.status', {}));
    expect(status.lastRun?.id).toBe(cancelled.id);
    expect(status.lastSuccess?.id).toBe(first.id);
    expect((await must<{ cancelled: boolean }>(core.call('forecast.cancel', {}))).cancelled).toBe(false);
  });

  it('a failing engine writes status failed with the error and no partial forecasts', async () => {
    const first = await core.services.forecasts.start('manual').finished;
    const before = core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all();
    core.close();
    // the same database, reopened with an engine that fails
    core = new CoreClass({
      dbPath: join(tmp.dir, 'shop.db'),
      migrationsFolder: MIGRATIONS,
      logger: silentLogger,
      mode: 'web',
      version: 'test',
      now: () => NOW,
      forecast: { engine: () => Promise.reject(new Error('model file missing')) },
    });
    const failed = await core.services.forecasts.start('cli').finished;
    expect(failed).toMatchObject({ status: 'failed', error: 'model file missing', trigger: 'cli' });
    expect(core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all()).toEqual(before);
    expect(core.services.forecasts.status().lastSuccess?.id).toBe(first.id);
  });

  it('npm run forecast -- --db runs the same job on a shop database and prints one line', () => {
    core.close();
    const root = join(__dirname, '..', '..');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/forecast.ts'), '--db', join(tmp.dir, 'shop.db'), '--providers', 'cpu'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.stderr).toMatch(/^progress \d+\/\d+ \(\d+%\) preparing$/m);
    expect(r.stderr).toMatch(/^progress \d+\/\d+ \(\d+%\) backtest$/m);
    // the bar is finished (it stopped at 'saving', 90 %, with the summary on its line)
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^progress (\d+)\/\1 \(100%\) done$/);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^forecast run 1: 3 products x 28 days in [\d.]+ s on cpu; backtest WAPE (n\/a|[\d.]+) \(last week repeated (n\/a|[\d.]+)\) MASE /);
    core = openTestCore(tmp.dir, () => NOW);
    expect(core.services.forecasts.status().lastRun).toMatchObject({ id: 1, status: 'ok', trigger: 'cli', products: 3 });
    expect((core.store.sqlite.prepare('SELECT count(*) AS n FROM forecasts').get() as { n: number }).n).toBe(3 * HORIZON);
  });

  it('a cashier may not start a run', async () => {
    core.services.session.actAs({ ...core.services.session.current()!, role: 'cashier' });
    const r = await core.call('forecast.run', {});
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});

describe('nightly forecast job: a shop with a payday', () => {
  it('stores the day-of-month pattern with the run and tells it in the explanation', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => NOW);
    try {
      const ids: number[] = [];
      for (const sku of ['RIZ', 'HUILE', 'LAIT', 'SUCRE']) ids.push((await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor: 500 }))).id);
      const lines = [];
      const day = (k: number, h: number) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - k, h);
      const DAYS_LONG = 500;
      for (const [i, productId] of ids.entries()) {
        lines.push({ line: { productId, kind: 'receipt' as const, quantity: 100_000, reason: '' }, at: day(DAYS_LONG + 1, 9) });
        for (let k = DAYS_LONG; k >= 1; k--) {
          const d = day(k, 12);
          const payday = d.getDate() >= 10 && d.getDate() <= 12;
          // a little day-to-day variation, and 40% more on the 10th-12th
          const base = 20 + i * 5 + ((k * 7 + i) % 5);
          lines.push({ line: { productId, kind: 'sale' as const, quantity: payday ? Math.round(base * 1.4) : base, reason: '' }, at: d });
        }
      }
      core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current()! }, 'warn');
      const { runId } = await must<{ runId: number }>(core.call('forecast.run', {}));
      await core.services.forecasts.idle();
      expect(core.services.forecasts.status().lastRun).toMatchObject({ id: runId, status: 'ok' });

      const stored = core.store.sqlite.prepare('SELECT month_days FROM forecast_runs WHERE id = ?').get(runId) as { month_days: string };
      const md = JSON.parse(stored.month_days) as number[];
      expect(md).toHaveLength(31);
      for (const d of [10, 11, 12]) expect(md[d - 1]).toBeGreaterThan(1.25);
      expect(md[19]).toBeLessThan(1);

      const view = await must<ProductForecastView>(core.call('forecast.product', { id: ids[0] }));
      expect(view.explanation).toMatch(/La boutique vend plus du 10 au 12 de chaque mois \(\+\d+ %\) : la prévision en tient compte\.$/);
      // and the forecast itself is higher on the next paydays than on the days around them
      const p50 = new Map(view.forecast.map((f) => [f.date, f.p50]));
      const next = [...p50.keys()].filter((d) => Number(d.slice(8)) >= 10 && Number(d.slice(8)) <= 12);
      const other = [...p50.keys()].filter((d) => Number(d.slice(8)) >= 14 && Number(d.slice(8)) <= 28);
      const avg = (ds: string[]) => ds.reduce((a, d) => a + p50.get(d)!, 0) / ds.length;
      expect(next.length).toBeGreaterThan(0);
      expect(avg(next) / avg(other)).toBeGreaterThan(1.25);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
