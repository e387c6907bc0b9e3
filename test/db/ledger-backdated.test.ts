import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { MovementLine } from '../../src/main/services/ledger/ledger';
import { productForecastView } from '../../src/main/services/forecasting/nightly/product-view';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * A movement recorded with a past date (a history import, a loss found late) must give that day the
 * stock at its close, not today's on-hand, and move the days after it: the forecaster reads
 * end_stock_milli to tell a stock-out from a day without demand.
 */
describe('end-of-day stock of back-dated movements', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let productId: number;
  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-03-01T10:00:00');
    core = openTestCore(tmp.dir, () => clock);
    productId = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 300 }))).id;
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  const live = async (on: string, kind: 'receipt' | 'sale', quantity: number) => {
    clock = new Date(`${on}T10:00:00`);
    await must(core.call('ledger.record', { lines: [{ productId, kind, quantity }] }));
  };
  const late = (lines: [string, MovementLine['kind'], number][]) =>
    core.services.ledger.recordBulk(
      lines.map(([on, kind, quantity]) => ({ line: { productId, kind, quantity, reason: kind === 'loss' ? 'abîmé' : '' }, at: new Date(`${on}T18:00:00`) })),
      'late',
      { user: core.services.session.current()! },
      'allow',
    );
  const days = () =>
    Object.fromEntries(
      (core.store.sqlite.prepare('SELECT date, end_stock_milli AS e FROM daily_sales WHERE product_id = ? ORDER BY date').all(productId) as { date: string; e: number | null }[]).map(
        (r) => [r.date, r.e === null ? null : r.e / 1000],
      ),
    );
  const onHand = () => (core.store.sqlite.prepare('SELECT on_hand_milli FROM stock WHERE product_id = ?').pluck().get(productId) as number) / 1000;
  /** The ledger's stock at the close of each stored day. */
  const ledgerDays = () =>
    Object.fromEntries(
      (core.store.sqlite.prepare('SELECT date FROM daily_sales WHERE product_id = ? ORDER BY date').pluck().all(productId) as string[]).map((d) => [
        d,
        (core.store.sqlite.prepare('SELECT SUM(qty_milli) FROM movements WHERE product_id = ? AND business_date <= ?').pluck().get(productId, d) as number) / 1000,
      ]),
    );

  it('a loss entered late gives its day the stock at its close, and the forecaster sees the stock-out that followed', async () => {
    await live('2026-03-01', 'receipt', 10);
    await live('2026-03-03', 'sale', 9);
    await live('2026-03-10', 'receipt', 20);
    // the last bag, found torn on the 5th, is entered on the 10th with its own date
    late([['2026-03-05', 'loss', 1]]);
    expect(days()).toEqual({ '2026-03-01': 10, '2026-03-03': 1, '2026-03-05': 0, '2026-03-10': 20 });
    expect(onHand()).toBe(20);
    const view = productForecastView(core.store.sqlite, { id: productId, name: 'Riz', unit: 'piece' }, { today: '2026-03-10', locale: 'fr', horizon: 14 });
    expect(view.history.filter((d) => d.stockout).map((d) => d.date)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
  });

  it('several past days in one batch, on days with and without a row, next to a day after the latest: every day ends on the ledger', async () => {
    await live('2026-03-01', 'receipt', 10);
    await live('2026-03-03', 'sale', 4);
    await live('2026-03-06', 'sale', 2);
    await live('2026-03-08', 'receipt', 5);
    clock = new Date('2026-03-10T10:00:00');
    late([
      ['2026-03-02', 'sale', 1],
      ['2026-03-03', 'customer_return', 2],
      ['2026-03-03', 'sale', 0.5],
      ['2026-03-07', 'loss', 3],
      ['2026-03-09', 'sale', 1],
    ]);
    expect(days()).toEqual({ '2026-03-01': 10, '2026-03-02': 9, '2026-03-03': 6.5, '2026-03-06': 4.5, '2026-03-07': 1.5, '2026-03-08': 6.5, '2026-03-09': 5.5 });
    expect(days()).toEqual(ledgerDays());
    expect(onHand()).toBe(5.5);
    // ledger.record with a past time goes the same way
    core.services.ledger.record({ lines: [{ productId, kind: 'sale', quantity: 1, reason: '' }], reference: '' }, { user: core.services.session.current()! }, {
      occurredAt: new Date('2026-03-04T12:00:00'),
      negativeStock: 'allow',
    });
    expect(days()).toMatchObject({ '2026-03-03': 6.5, '2026-03-04': 5.5, '2026-03-06': 3.5, '2026-03-09': 4.5 });
    expect(days()).toEqual(ledgerDays());
  });

  it('a past day before any known stock stays unknown rather than taking the stock of today', async () => {
    await live('2026-03-10', 'receipt', 20);
    late([['2026-03-05', 'sale', 2]]);
    expect(days()).toEqual({ '2026-03-05': null, '2026-03-10': 18 });
    expect(onHand()).toBe(18);
  });

  it('a past day after imported sales without stock levels stays unknown: the stock known before them is not carried across them', async () => {
    await live('2026-03-01', 'receipt', 20);
    // the notebook's sales of the 2nd to the 4th, imported without the stock of each evening (as the sales import writes them)
    const imported = core.store.sqlite.prepare('INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli) VALUES (?, ?, 6000, 1800, 0, NULL)');
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04']) imported.run(productId, d);
    await live('2026-03-10', 'receipt', 5);
    // a loss of the 3rd, entered late: the stock that evening was about 20 - 12 - 1, not 20 - 1
    late([['2026-03-03', 'loss', 1]]);
    expect(days()).toEqual({ '2026-03-01': 20, '2026-03-02': null, '2026-03-03': null, '2026-03-04': null, '2026-03-10': 24 });
    // a day whose own stock is stored still starts from it
    late([['2026-03-01', 'loss', 2]]);
    expect(days()).toMatchObject({ '2026-03-01': 18, '2026-03-10': 22 });
  });
});
