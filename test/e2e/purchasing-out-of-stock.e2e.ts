import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplenishmentView } from '../../src/shared/api/contract';
import { shortDate } from '../../src/shared/domain/dates';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

describe('browser mode: a product already out of stock, in Purchasing and Alerts, in French and English', () => {
  let s: Session;
  let riceId: number;
  /** The business day of the sale that emptied the shelf. */
  let emptiedOn: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const supplier = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Comptoir Sahel Alimentaire', leadTimeDays: 5 }));
    const rice = await must<{ id: number }>(
      s.core.call('products.save', { sku: 'AWA-0006', name: 'Riz en vrac au kg', unit: 'kg', priceMinor: 650, costMinor: 330, supplierId: supplier.id, leadTimeDays: 5, packSize: 5, minOrderQty: 5 }),
    );
    riceId = rice.id;
    const jam = await must<{ id: number }>(
      s.core.call('products.save', { sku: 'AWA-0100', name: 'Confiture de fraise 370 g', priceMinor: 1100, costMinor: 1100, supplierId: supplier.id, leadTimeDays: 5 }),
    );
    const day = 86_400_000;
    const now = Date.now();
    const owner = { user: s.core.services.session.current() };
    // rice: 12 kg in, 1 kg a day for 12 days, empty for the last 12; jam: 10 jars in, one sold every other day, 3 left
    s.core.services.ledger.recordBulk(
      [
        { line: { productId: riceId, kind: 'receipt', quantity: 12, reason: '' }, at: new Date(now - 25 * day) },
        ...Array.from({ length: 12 }, (_, i) => ({ line: { productId: riceId, kind: 'sale' as const, quantity: 1, reason: '' }, at: new Date(now - (24 - i) * day) })),
        { line: { productId: jam.id, kind: 'receipt', quantity: 10, reason: '' }, at: new Date(now - 25 * day) },
        ...Array.from({ length: 7 }, (_, i) => ({ line: { productId: jam.id, kind: 'sale' as const, quantity: 1, reason: '' }, at: new Date(now - (14 - 2 * i) * day) })),
      ],
      'history',
      owner,
      'warn',
    );
    emptiedOn = (s.core.store.sqlite.prepare('SELECT business_date AS d FROM movements WHERE product_id = ? ORDER BY id DESC LIMIT 1').get(riceId) as { d: string }).d;
    // a forecast run started by hand that failed
    s.core.store.sqlite
      .prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger, error) VALUES (?, ?, 'failed', 'manual', 'disk full')")
      .run(new Date(now - 3_600_000).toISOString(), new Date(now - 3_500_000).toISOString());
    s.core.services.replenishment.recompute();
    s.core.services.alerts.evaluate();
    await s.page.reload();
    await s.page.getByTestId('nav-purchasing').waitFor();
  });
  afterAll(async () => s?.close());

  it('says out of stock since the day the shelf emptied, every quantity with its unit; the alerts say so too, and the failed run is not "the night\'s"', async () => {
    const { page } = s;
    const [view] = await must<ReplenishmentView[]>(s.core.call('replenishment.list', { productIds: [riceId] }));
    expect(view.stockoutDate).toBe(emptiedOn);
    const since = shortDate(emptiedOn, 'fr');

    await page.getByTestId('nav-purchasing').click();
    const line = page.getByTestId('to-order-AWA-0006');
    await line.waitFor();
    await expect.poll(async () => plain((await line.getByTestId('stockout').textContent()) ?? '')).toBe(`En rupture depuis le ${since}`);
    const fr = plain((await line.getByTestId('explanation').textContent()) ?? '');
    expect(fr).toContain('vous en avez 0 kg et 0 kg en commande');
    expect(fr).toMatch(/commandez \d+ kg = \d+ colis de 5 kg[ .;(]/);
    expect(fr).toContain(`En rupture depuis le ${since}.`);
    expect(fr).toMatch(/Seuil de commande [\d,]+ kg, stock de sécurité [\d,]+ kg \(objectif 95 % sans rupture\)\.$/);
    expect(fr).not.toMatch(/\. \(|Rupture prévue|Stock pour environ 0/);
    // the jam still has 3 jars: a predicted date, as before
    const jam = page.getByTestId('to-order-AWA-0100');
    expect(await jam.getByTestId('stockout').textContent()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(plain((await jam.getByTestId('explanation').textContent()) ?? '')).toMatch(/Rupture prévue le \d\d\/\d\d\/\d{4}\./);
    await page.screenshot({ path: join(SHOTS, 'purchasing-out-of-stock-fr.png'), fullPage: true });

    await page.getByTestId('nav-alerts').click();
    const out = page.locator('[data-testid="alert-stockout_before_delivery"][data-product="Riz en vrac au kg"]');
    await out.waitFor();
    expect(plain((await out.textContent()) ?? '')).toContain(`Riz en vrac au kg : en rupture depuis le ${since} et rien en commande (5 jours de délai).`);
    const failed = plain((await page.getByTestId('alert-forecast_stale').textContent()) ?? '');
    expect(failed).toContain('La dernière prévision (lancée à la main) a échoué : disk full.');
    expect(failed).not.toContain('nuit');
    await page.screenshot({ path: join(SHOTS, 'alerts-out-of-stock-fr.png'), fullPage: true });
  });

  it('the same in English: "Out of stock since", "95%"', async () => {
    const { page } = s;
    await must(s.core.call('settings.save', { locale: 'en' }));
    await s.core.services.stockWatcher.idle();
    s.core.services.replenishment.recompute();
    s.core.services.alerts.evaluate();
    await page.reload();
    await page.getByTestId('nav-purchasing').click();
    const line = page.getByTestId('to-order-AWA-0006');
    await line.waitFor();
    const since = shortDate(emptiedOn, 'en');
    await expect.poll(async () => plain((await line.getByTestId('stockout').textContent()) ?? '')).toBe(`Out of stock since ${since}`);
    const en = plain((await line.getByTestId('explanation').textContent()) ?? '');
    expect(en).toContain('you have 0 kg and 0 kg on order');
    expect(en).toContain(`Out of stock since ${since}.`);
    expect(en).toContain('(target 95% without stockout).');
    await page.screenshot({ path: join(SHOTS, 'purchasing-out-of-stock-en.png'), fullPage: true });

    await page.getByTestId('nav-alerts').click();
    const out = page.locator('[data-testid="alert-stockout_before_delivery"][data-product="Riz en vrac au kg"]');
    await out.waitFor();
    expect(plain((await out.textContent()) ?? '')).toContain(`Riz en vrac au kg: out of stock since ${since} and nothing on order (5 days' lead time).`);
    expect(plain((await page.getByTestId('alert-forecast_stale').textContent()) ?? '')).toContain('The last forecast (started by hand) failed: disk full.');
  });
});
