import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { SQL } from '../../src/main/services/dashboard/queries';
import type { Alert, DashboardPeriod, DashboardSummary, SalesDay } from '../../src/shared/api/contract';
import { addDays } from '../../src/shared/domain/dates';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

const TODAY = '2026-05-14';

describe('dashboard summary on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const ids: Record<string, number> = {};
  const at = (day: string, time = '10:00') => (now = new Date(`${day}T${time}:00`));
  const summary = (period?: DashboardPeriod) => must<DashboardSummary>(core.call('dashboard.summary', period ? { period } : {}));
  const sell = (lines: [string, number][]) => must(core.call('pos.checkout', { lines: lines.map(([sku, quantity]) => ({ productId: ids[sku], quantity })), tenders: [{ tender: 'card', amountMinor: lines.reduce((s, [sku, q]) => s + q * PRICES[sku], 0) }] }));
  const PRICES: Record<string, number> = { RIZ: 1000, LAIT: 2500, SAVON: 400, SUCRE: 700, PARA: 800, THE: 900 };
  const COSTS: Record<string, number> = { RIZ: 600, LAIT: 1500, SAVON: 250, SUCRE: 500, PARA: 500, THE: 600 };

  beforeEach(async () => {
    tmp = tempDir();
    at('2026-04-01', '08:00');
    core = openTestCore(tmp.dir, () => now);
    for (const sku of Object.keys(PRICES)) {
      const p = await must<{ id: number }>(core.call('products.save', { sku, name: `Produit ${sku}`, priceMinor: PRICES[sku], costMinor: COSTS[sku], tracksExpiry: sku === 'PARA' }));
      ids[sku] = p.id;
    }
    // THE is never received: out of stock. PARA's lot expires within the 30-day alert window.
    await must(
      core.call('ledger.record', {
        lines: [
          { productId: ids.RIZ, kind: 'receipt', quantity: 50 },
          { productId: ids.LAIT, kind: 'receipt', quantity: 30 },
          { productId: ids.SAVON, kind: 'receipt', quantity: 500 },
          { productId: ids.SUCRE, kind: 'receipt', quantity: 6 },
          { productId: ids.PARA, kind: 'receipt', quantity: 10, lot: 'L1', expiry: '2026-05-24' },
        ],
      }),
    );
    // the 7 days before the last 7: #1 4 500, #2 1 400
    at('2026-05-03');
    await sell([['RIZ', 2], ['LAIT', 1]]);
    at('2026-05-06');
    await sell([['RIZ', 1], ['SAVON', 1]]);
    // the last 7 days: #3 8 000, #4 3 500, today #5 2 500 and #6 1 000, then one milk of #3 comes back (−2 500)
    at('2026-05-10');
    await sell([['RIZ', 3], ['LAIT', 2]]);
    at('2026-05-12');
    await sell([['SUCRE', 5]]);
    at(TODAY, '09:00');
    await sell([['LAIT', 1]]);
    at(TODAY, '10:00');
    await sell([['RIZ', 1]]);
    at(TODAY, '10:30');
    await must(core.call('pos.return', { receiptNo: 3, lines: [{ lineNo: 2, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 2500 }] }));
    await core.services.stockWatcher.idle();
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('totals the last 7 days against the 7 before: amount with returns netted, receipts, basket, margin, best sellers', async () => {
    const d = await summary('7d');
    expect(d.today).toBe(TODAY);
    expect(d.sales).toEqual({
      from: '2026-05-08',
      to: TODAY,
      amountMinor: 8000 + 3500 + 2500 + 1000 - 2500,
      receipts: 4,
      returns: { count: 1, amountMinor: 2500 },
      averageBasketMinor: 3750, // (8 000 + 3 500 + 2 500 + 1 000) / 4
      withoutReceiptMinor: 0,
    });
    // its last day, the 7th, stands where today stands: counted up to the same time of day
    expect(d.previous).toEqual({
      from: '2026-05-01',
      to: '2026-05-07',
      until: new Date('2026-05-07T10:30:00').toISOString(),
      amountMinor: 5900,
      receipts: 2,
      returns: { count: 0, amountMinor: 0 },
      averageBasketMinor: 2950,
      withoutReceiptMinor: 0,
    });
    expect(d.change).toBeCloseTo(12_500 / 5900 - 1, 10);
    // cost of what was sold, net: 4 rice × 600 + 2 milk × 1 500 + 5 sugar × 500
    expect(d.marginMinor).toBe(12_500 - (4 * 600 + 2 * 1500 + 5 * 500));
    expect(d.marginRate).toBeCloseTo(4600 / 12_500, 10);
    expect(d.top.map((t) => [t.sku, t.quantity, t.amountMinor])).toEqual([
      ['LAIT', 2, 5000],
      ['RIZ', 4, 4000],
      ['SUCRE', 5, 3500],
    ]);
    // the sales journal of today agrees with the dashboard's today
    const journal = await must<SalesDay>(core.call('journal.day', {}));
    expect((await summary('today')).sales.amountMinor).toBe(journal.netMinor);
  });

  it('at 10:30, the week before is counted up to 10:30 of its last day: a flat week is not shown falling because today is not over', async () => {
    // the 7th (the day that stands where today stands) sold 9 000 in the evening: after 10:30
    at('2026-05-07', '18:00');
    await sell([['RIZ', 9]]);
    at(TODAY, '10:30');
    const d = await summary('7d');
    expect(d.previous).toMatchObject({ to: '2026-05-07', amountMinor: 5900, receipts: 2 });
    // a whole day without a receipt's time (imported history) is compared whole
    core.services.ledger.recordBulk([{ line: { productId: ids.RIZ, kind: 'sale', quantity: 1, reason: '' }, at: new Date('2026-05-07T12:00:00') }], 'history', { user: core.services.session.current()! }, 'warn');
    const whole = await summary('7d');
    expect(whole.previous.until).toBeUndefined();
    expect(whole.previous.amountMinor).toBe(5900 + 9000 + 1000);
  });

  it('today, yesterday and 30 days each compare with the period of the same length just before', async () => {
    const today = await summary('today');
    expect(today.sales).toMatchObject({ from: TODAY, to: TODAY, amountMinor: 1000, receipts: 2, averageBasketMinor: 1750, returns: { count: 1, amountMinor: 2500 } });
    expect(today.previous).toMatchObject({ from: '2026-05-13', amountMinor: 0, receipts: 0, averageBasketMinor: null });
    expect(today.change).toBeNull();

    const yesterday = await summary('yesterday');
    expect(yesterday.sales).toMatchObject({ from: '2026-05-13', to: '2026-05-13', amountMinor: 0, receipts: 0, averageBasketMinor: null });
    expect(yesterday.previous).toMatchObject({ from: '2026-05-12', amountMinor: 3500, receipts: 1 });
    // nothing sold against 3 500: no percentage (the screen says it in words)
    expect(yesterday.change).toBeNull();
    expect(yesterday.marginRate).toBeNull();

    const month = await summary('30d');
    expect(month.sales).toMatchObject({ from: '2026-04-15', to: TODAY, amountMinor: 18_400, receipts: 6 });
    expect(month.previous).toMatchObject({ from: '2026-03-16', to: '2026-04-14', amountMinor: 0 });
    expect(month.change).toBeNull();
    // 7 days is the default
    expect((await summary()).period).toBe('7d');
  });

  it('compares today with yesterday up to the same time of day, not with the whole of yesterday', async () => {
    const yesterday = '2026-05-13';
    at(yesterday, '08:30');
    await sell([['RIZ', 2]]); // 2 000
    at(yesterday, '09:45');
    await sell([['LAIT', 1]]); // 2 500
    at(yesterday, '09:50');
    await must(core.call('pos.return', { receiptNo: 8, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 1000 }] }));
    at(yesterday, '10:45');
    await sell([['SAVON', 1]]); // 400, after this time of day
    at(yesterday, '17:00');
    await sell([['RIZ', 3]]); // 3 000, after this time of day
    at(TODAY, '10:30');

    const d = await summary('today');
    expect(d.sales).toMatchObject({ from: TODAY, to: TODAY, amountMinor: 1000, receipts: 2 });
    // yesterday until 10:30: 2 000 + 2 500 − 1 000 returned
    expect(d.previous).toEqual({
      from: yesterday,
      to: yesterday,
      until: new Date(`${yesterday}T10:30:00`).toISOString(),
      amountMinor: 3500,
      receipts: 2,
      returns: { count: 1, amountMinor: 1000 },
      averageBasketMinor: 2250,
      withoutReceiptMinor: 0,
    });
    expect(d.change).toBeCloseTo(1000 / 3500 - 1, 10);

    // yesterday as a period is still the whole day, against the whole day before
    const y = await summary('yesterday');
    expect(y.sales).toMatchObject({ from: yesterday, to: yesterday, amountMinor: 2000 + 2500 - 1000 + 400 + 3000, receipts: 4 });
    expect(y.sales.until).toBeUndefined();
    expect(y.previous).toMatchObject({ from: '2026-05-12', amountMinor: 3500, receipts: 1 });
    expect(y.previous.until).toBeUndefined();
    // and 7 days still compare whole days
    expect((await summary('7d')).sales.amountMinor).toBe(12_500 + 6900);
  });

  it('compares today with the whole of yesterday when yesterday has sales entered without a receipt (no time of day)', async () => {
    const yesterday = '2026-05-13';
    at(yesterday, '08:30');
    await sell([['RIZ', 2]]); // 2 000 at the till
    at(yesterday, '18:00');
    await must(core.call('ledger.record', { lines: [{ productId: ids.SAVON, kind: 'sale', quantity: 3 }] })); // 1 200, stock screen
    at(TODAY, '10:30');
    const d = await summary('today');
    expect(d.previous).toEqual({
      from: yesterday,
      to: yesterday,
      amountMinor: 2000 + 1200,
      receipts: 1,
      returns: { count: 0, amountMinor: 0 },
      averageBasketMinor: 2000,
      withoutReceiptMinor: 1200,
    });
    expect(d.change).toBeCloseTo(1000 / 3200 - 1, 10);
  });

  it('charts every one of the last 30 days, days without sales as 0, the return on the day it came back', async () => {
    const { daily } = await summary('today');
    expect(daily).toHaveLength(30);
    expect(daily[0].date).toBe('2026-04-15');
    expect(daily[29].date).toBe(TODAY);
    const nonZero = Object.fromEntries(daily.filter((x) => x.amountMinor !== 0).map((x) => [x.date, x.amountMinor]));
    expect(nonZero).toEqual({ '2026-05-03': 4500, '2026-05-06': 1400, '2026-05-10': 8000, '2026-05-12': 3500, [TODAY]: 1000 });
  });

  it('stock health: value at cost, out of stock, below reorder point, overstock, expiring lots and open alerts as the Alerts page has them', async () => {
    const d = await summary('7d');
    // on hand × cost: 43 rice, 27 milk, 499 soap, 1 sugar, 10 paracetamol
    expect(d.stockValueMinor).toBe(43 * 600 + 27 * 1500 + 499 * 250 + 1 * 500 + 10 * 500);
    expect(d.stock.products).toBe(6);
    // THE, created but never received, is not out of stock: nothing has run out
    expect(d.stock.outOfStock).toBe(0);
    expect(d.stock.expiringLots).toBe(1);
    const open = await must<Alert[]>(core.call('alerts.list', {}));
    const ofType = (type: string) => open.filter((a) => a.type === type).length;
    expect(d.stock.overstock).toBe(ofType('overstock'));
    expect(d.stock.overstock).toBeGreaterThan(0);
    // each product at its reorder point has one alert: « à commander », or the stockout foreseen before a delivery, which carries the order
    const toOrder = new Set(open.filter((a) => a.type === 'reorder_point' || (a.type === 'stockout_before_delivery' && !a.key.endsWith(':out'))).map((a) => a.productId));
    expect(d.stock.belowReorderPoint).toBe(toOrder.size);
    expect(d.stock.belowReorderPoint).toBeGreaterThan(0);
    const bySeverity = { critical: 0, warning: 0, info: 0 };
    for (const a of open) bySeverity[a.severity] += 1;
    expect(d.alerts).toEqual(bySeverity);
    expect(d.alerts.warning).toBeGreaterThan(0);

    // an acknowledged alert leaves the count, as it leaves the badge
    const first = open.find((a) => a.severity === 'warning')!;
    await must(core.call('alerts.acknowledge', { id: first.id }));
    expect((await summary('7d')).alerts.warning).toBe(bySeverity.warning - 1);
  });

  it('counts out of stock the products the alerts call out of stock: one sold out, not one never received', async () => {
    const outAlerts = async () => (await must<Alert[]>(core.call('alerts.list', {}))).filter((a) => / en rupture/.test(a.message)).map((a) => a.productId);
    expect((await summary('7d')).stock.outOfStock).toBe(0);
    expect(await outAlerts()).toEqual([]);
    // the last sugar goes: out of stock for the dashboard and for the alerts alike, told by one alert
    await sell([['SUCRE', 1]]);
    await core.services.stockWatcher.idle();
    const d = await summary('7d');
    expect(d.stock.outOfStock).toBe(1);
    expect(await outAlerts()).toEqual([ids.SUCRE]);
    const sugar = (await must<Alert[]>(core.call('alerts.list', {}))).filter((a) => a.productId === ids.SUCRE);
    expect(sugar.map((a) => [a.type, a.severity])).toEqual([['stockout_before_delivery', 'critical']]);
    // below the reorder point counts what the alerts call so: the empty shelf's alert carries its order advice
    expect(d.stock.belowReorderPoint).toBe((await must<Alert[]>(core.call('alerts.list', {}))).filter((a) => a.type === 'reorder_point').length);
  });

  it('expects only what the shelf can sell: capped by the stock and what orders bring by each day, today\'s rest of sales first', async () => {
    const db = core.store.sqlite;
    const run = Number(db.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES ('2026-05-14T02:00:00.000Z', '2026-05-14T02:00:01.000Z', 'ok', 'nightly')").run().lastInsertRowid);
    const put = db.prepare("INSERT INTO forecasts (product_id, date, p10, p50, p90, mean, method, run_id) VALUES (?, ?, ?, ?, ?, ?, 'ets', ?)");
    for (let k = 0; k < 20; k++) {
      // 43 rice on the shelf: 14 days of 2.3 fit
      put.run(ids.RIZ, addDays(TODAY, k), 1, 2, 4, 2.3, run);
      // 1 sugar left: 0.4 more today, 0.4 tomorrow, the last 0.2 the day after, then nothing
      put.run(ids.SUCRE, addDays(TODAY, k), 0, 0, 1, 0.4, run);
      // tea was never received and is not on order: its demand cannot be sold
      put.run(ids.THE, addDays(TODAY, k), 1, 3, 5, 3, run);
    }
    const centres = async () => (await summary()).expected.map((e) => e.p50Minor);
    const rice = 2.3 * 1000;
    expect(await centres()).toEqual([rice + 0.4 * 700, rice + 0.2 * 700, ...Array(12).fill(rice)]);

    // 10 tea ordered, due on the 19th: 3 a day from then until the 10 are gone
    const supplier = await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste', leadTimeDays: 5 }));
    await must(core.call('products.save', { id: ids.THE, sku: 'THE', name: 'Produit THE', priceMinor: 900, costMinor: 600, supplierId: supplier.id }));
    const [po] = await must<{ id: number }[]>(core.call('purchasing.createOrders', { lines: [{ productId: ids.THE, quantity: 10 }] }));
    await must(core.call('purchasing.update', { id: po!.id, expectedDate: '2026-05-19', lines: [{ productId: ids.THE, quantity: 10 }] }));
    await must(core.call('purchasing.markSent', { id: po!.id }));
    const tea = [0, 0, 0, 0, 3, 3, 3, 1, 0, 0, 0, 0, 0, 0].map((x) => x * 900);
    expect(await centres()).toEqual([rice + 0.4 * 700, rice + 0.2 * 700, ...Array(12).fill(rice)].map((c, k) => c + tea[k]!));

    // a measured range narrows with what is sold: tea's empty days add no spread
    db.prepare('UPDATE forecast_runs SET total_spread = 1 WHERE id = ?').run(run);
    const d = (await summary()).expected;
    const width = (k: number) => d[k]!.p90Minor - d[k]!.p50Minor;
    expect(width(10)).toBeCloseTo((1.2816 * ((4 - 1) * 1000)) / 2.5631, -0.5);
    expect(width(5)).toBeCloseTo((1.2816 * Math.hypot((4 - 1) * 1000, (5 - 1) * 900)) / 2.5631, -0.5);
  });

  it('expects the next 14 days from the stored forecasts at today\'s prices (means add up, spreads combine), and describes the last run', async () => {
    const db = core.store.sqlite;
    expect((await summary()).expected).toEqual([]);
    expect((await summary()).lastRun).toBeNull();
    const run = Number(
      db
        .prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger, provider, products, duration_ms, backtest_wape, backtest_coverage) VALUES (?, ?, 'ok', 'nightly', 'cpu', 2, 1200, 0.25, 0.8)")
        .run('2026-05-14T02:00:00.000Z', '2026-05-14T02:00:01.200Z').lastInsertRowid,
    );
    const put = db.prepare("INSERT INTO forecasts (product_id, date, p10, p50, p90, mean, method, run_id) VALUES (?, ?, ?, ?, ?, ?, 'ets', ?)");
    for (let k = 0; k < 20; k++) {
      put.run(ids.RIZ, addDays(TODAY, k), 1, 2, 4, 2.3, run);
      // a forecast stored before migration 0010 has no mean: its P50 stands in
      put.run(ids.LAIT, addDays(TODAY, k), 0.5, 1.5, 3, null, run);
    }
    // a run without a backtest (under ~5 weeks of sales) measured no spread: the centre, no range
    const young = await summary();
    expect(young.expected).toHaveLength(14);
    const centre = 2.3 * 1000 + 1.5 * 2500;
    expect(young.expectedRangeMeasured).toBe(false);
    expect(young.expected[0]).toEqual({ date: '2026-05-15', p10Minor: centre, p50Minor: centre, p90Minor: centre });

    // centre: Σ mean × price; range: each product's P10–P90 width read as a normal's 2 × 1.2816 σ, variances added
    db.prepare('UPDATE forecast_runs SET total_spread = 1 WHERE id = ?').run(run);
    const d = await summary();
    expect(d.expectedRangeMeasured).toBe(true);
    const sigma = Math.hypot((4 - 1) * 1000, (3 - 0.5) * 2500) / 2.5631;
    expect(d.expected[0]).toEqual({ date: '2026-05-15', p10Minor: Math.round(centre - 1.2816 * sigma), p50Minor: centre, p90Minor: Math.round(centre + 1.2816 * sigma) });
    // narrower than adding up the products' own P10s and P90s, which would need every product quiet (or busy) at once
    expect(d.expected[0].p10Minor).toBeGreaterThan(1 * 1000 + 0.5 * 2500);
    expect(d.expected[0].p90Minor).toBeLessThan(4 * 1000 + 3 * 2500);
    expect(d.expected[13].date).toBe('2026-05-28');
    expect(d.lastRun).toMatchObject({ id: run, status: 'ok', provider: 'cpu', products: 2, backtestWape: 0.25, backtestCoverage: 0.8 });

    // products that err together (the run's backtest measured 2.25 times the independent variance): 1.5 times as wide
    db.prepare('UPDATE forecast_runs SET total_spread = 2.25 WHERE id = ?').run(run);
    expect((await summary()).expected[0]).toEqual({
      date: '2026-05-15',
      p10Minor: Math.round(centre - 1.5 * 1.2816 * sigma),
      p50Minor: centre,
      p90Minor: Math.round(centre + 1.5 * 1.2816 * sigma),
    });

    // a price rise shows at once in what is expected
    await must(core.call('products.save', { id: ids.RIZ, sku: 'RIZ', name: 'Produit RIZ', priceMinor: 1100, costMinor: 600 }));
    expect((await summary()).expected[0].p50Minor).toBe(2.3 * 1100 + 1.5 * 2500);
  });

  it('a cashier sees the sales but no cost, margin or stock value', async () => {
    const owner = await summary('7d');
    await ownerPin(core);
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
    const seen = await summary('7d');
    expect(seen.marginMinor).toBeNull();
    expect(seen.marginRate).toBeNull();
    expect(seen.stockValueMinor).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(String(owner.stockValueMinor));
    expect(seen.losses).toBeNull();
    expect({ ...seen, marginMinor: owner.marginMinor, marginRate: owner.marginRate, losses: owner.losses, stockValueMinor: owner.stockValueMinor }).toEqual(owner);
  });

  it('counts sales recorded without a receipt (stock ledger, imported history) in the amount, and says how much', async () => {
    await must(core.call('ledger.record', { lines: [{ productId: ids.SAVON, kind: 'sale', quantity: 3 }] }));
    const d = await summary('today');
    expect(d.sales).toMatchObject({ amountMinor: 1000 + 3 * 400, receipts: 2, averageBasketMinor: 1750, withoutReceiptMinor: 3 * 400 });
  });

  it('refuses a period it does not know, naming the field', async () => {
    const r = await core.call('dashboard.summary', { period: 'week' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'validation', field: 'period' });
  });

  it('reads a date range of the daily totals and forecasts product by product through their keys, never scanning the history', () => {
    const plan = (sql: string, ...args: unknown[]) =>
      (core.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const named = { today: '2026-05-01', from: '2026-05-02', to: TODAY };
    for (const [sql, table] of [
      [SQL.salesByDay, 'd'],
      [SQL.top, 'd'],
      [SQL.expected, 'f'],
      [SQL.expectedShort, 'f'],
    ] as const) {
      const p = plan(sql, ...(sql === SQL.top ? ['2026-05-01', TODAY, 10] : sql === SQL.expected || sql === SQL.expectedShort ? [named] : ['2026-05-01', TODAY]));
      expect(p).toMatch(/SCAN p\b/);
      expect(p).toMatch(new RegExp(`SEARCH ${table} USING PRIMARY KEY \\(product_id=\\? AND date>\\? AND date<\\?\\)`));
    }
    expect(plan(SQL.receipts, '2026-05-01', TODAY)).toContain('USING INDEX sales_date');
    expect(plan(SQL.receiptsUntil, '2026-05-13', '2026-05-13', '2026-05-13T10:30:00.000Z')).toContain('USING INDEX sales_date');
  });
});

describe('dashboard money: VAT and deactivated products (real SQLite file)', () => {
  it('the margin is the takings without VAT less the costs (without VAT): an item sold at cost with 18% VAT makes none', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => new Date(`${TODAY}T08:00:00`));
    try {
      const tea = await must<{ id: number }>(core.call('products.save', { sku: 'THE', name: 'Thé vert', priceMinor: 1180, costMinor: 1000, vatRateBp: 1800 }));
      const rice = await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 700, costMinor: 500, vatRateBp: 0 }));
      await must(core.call('ledger.record', { lines: [{ productId: tea.id, kind: 'receipt', quantity: 5 }, { productId: rice.id, kind: 'receipt', quantity: 5 }] }));
      await must(core.call('pos.checkout', { lines: [{ productId: tea.id, quantity: 2 }, { productId: rice.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 3060 }] }));
      const d = await must<DashboardSummary>(core.call('dashboard.summary', { period: 'today' }));
      expect(d.sales.amountMinor).toBe(3060);
      // tea: 2000 without VAT less 2000 of cost; rice: 700 less 500
      expect(d.marginMinor).toBe(200);
      expect(d.marginRate).toBeCloseTo(200 / 2700, 10);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });

  it('a deactivated product still on the shelf keeps its place in the stock value and in a whole-shop count', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => new Date(`${TODAY}T08:00:00`));
    try {
      const oil = await must<{ id: number }>(core.call('products.save', { sku: 'HUILE', name: 'Huile', priceMinor: 9000, costMinor: 7000 }));
      const rice = await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 700, costMinor: 500 }));
      await must(core.call('ledger.record', { lines: [{ productId: oil.id, kind: 'receipt', quantity: 10 }, { productId: rice.id, kind: 'receipt', quantity: 10 }] }));
      await must(core.call('products.deactivate', { id: oil.id }));
      expect((await must<DashboardSummary>(core.call('dashboard.summary', { period: 'today' }))).stockValueMinor).toBe(10 * 7000 + 10 * 500);
      const count = await must<{ lines: { sku: string }[] }>(core.call('counts.start', { category: null }));
      expect(count.lines.map((l) => l.sku)).toEqual(['HUILE', 'RIZ']);
      // the Stock page's list too; a deactivated product sold out is gone from it
      expect((await must<{ sku: string; onHand: number }[]>(core.call('stock.onHand', {}))).map((l) => [l.sku, l.onHand])).toEqual([['HUILE', 10], ['RIZ', 10]]);
      await must(core.call('counts.cancel', { id: (count as unknown as { id: number }).id }));
      await must(core.call('ledger.record', { lines: [{ productId: oil.id, kind: 'loss', quantity: 10, reason: 'périmé' }] }));
      expect((await must<{ sku: string }[]>(core.call('stock.onHand', {}))).map((l) => l.sku)).toEqual(['RIZ']);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});

describe('dashboard of a brand-new shop', () => {
  it('has nothing to show yet, and says so without failing', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => new Date(`${TODAY}T08:00:00`));
    try {
      const d = await must<DashboardSummary>(core.call('dashboard.summary', { period: '30d' }));
      expect(d.hasSales).toBe(false);
      expect(d.sales).toMatchObject({ amountMinor: 0, receipts: 0, averageBasketMinor: null });
      expect(d.change).toBeNull();
      expect(d.marginMinor).toBe(0);
      expect(d.marginRate).toBeNull();
      expect(d.stockValueMinor).toBe(0);
      expect(d.daily).toHaveLength(30);
      expect(d.daily.every((x) => x.amountMinor === 0)).toBe(true);
      expect(d.expected).toEqual([]);
      expect(d.top).toEqual([]);
      expect(d.lastRun).toBeNull();
      expect(d.stock).toEqual({ products: 0, outOfStock: 0, belowReorderPoint: 0, overstock: 0, expiringLots: 0 });
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
