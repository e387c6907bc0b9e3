import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/shared/domain/money';
import { must } from '../helpers/core';
import { openApp, plain, type Session } from './browser';

/**
 * The dashboard left open on a second screen while the till sells: each sale sends three events a few
 * ms apart (stock changed, suggestions recomputed, alert counts), and each used to recompute the whole
 * summary (0.2-0.6 s of the core's one thread at 4 000 products, owner review 13). One sale, one summary.
 */
describe('browser mode: the open dashboard follows the till with one summary per sale', () => {
  let s: Session;
  let product = 0;
  const summaries: string[] = [];

  beforeAll(async () => {
    s = await openApp();
    product = (await must<{ id: number }>(s.core.call('products.save', { sku: 'RIZ', name: 'Riz brisé 1 kg', priceMinor: 1000, costMinor: 600 }))).id;
    // 3 on the shelf: the second sale leaves it at 0, which raises an alert too
    await must(s.core.call('ledger.record', { lines: [{ productId: product, kind: 'receipt', quantity: 3 }] }));
    await s.core.services.stockWatcher.idle();
    s.page.on('request', (r) => r.url().endsWith('/api/call/dashboard.summary') && summaries.push(r.url()));
  });
  afterAll(async () => s?.close());

  const sell = (quantity: number) =>
    must(s.core.call('pos.checkout', { lines: [{ productId: product, quantity }], tenders: [{ tender: 'cash', amountMinor: 1000 * quantity }] }));
  const salesShown = async () => plain((await s.page.getByTestId('kpi-sales-value').textContent()) ?? '');
  const fcfa = (minor: number) => plain(formatMoney(minor, 'XOF', 'fr'));
  /** Waits until no summary was asked for during a whole second, then says how many were. */
  const settled = async () => {
    let seen = -1;
    while (seen !== summaries.length) {
      seen = summaries.length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return summaries.length;
  };

  it('a sale, then one that empties the shelf (an alert comes with it): one summary each, and the figures follow', async () => {
    const { page } = s;
    await page.getByTestId('nav-dashboard').click();
    await expect.poll(salesShown).toBe(fcfa(0));
    await settled();
    summaries.length = 0;

    await sell(1);
    await expect.poll(salesShown).toBe(fcfa(1000));
    expect(await settled()).toBe(1);

    summaries.length = 0;
    await sell(2);
    await expect.poll(salesShown).toBe(fcfa(3000));
    await expect.poll(async () => (await must<unknown[]>(s.core.call('alerts.list', {}))).length).toBeGreaterThan(0);
    expect(await settled()).toBe(1);
  });
});
