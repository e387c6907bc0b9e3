import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

/**
 * The À commander table as an owner reads it (owner review 7 and 12): quantities with their unit, the
 * reorder point in whole pieces, a carton that would overstock on arrival, a product sold at a loss.
 */
describe('browser mode: the to-order lines say what is odd about them', () => {
  let s: Session;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('settings.save', { shopName: 'Épicerie du Marché', currency: 'EUR', locale: 'fr' }));
    const supplier = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Metro Lyon', leadTimeDays: 3 }));
    const save = (p: Record<string, unknown>) => must<{ id: number }>(s.core.call('products.save', { supplierId: supplier.id, leadTimeDays: 3, vatRateBp: 550, ...p }));
    const coffee = await save({ sku: 'CAFE', name: 'Café moulu vrac', unit: 'kg', priceMinor: 2400, costMinor: 1500 });
    const candles = await save({ sku: 'BOUG', name: 'Bougies', priceMinor: 150, costMinor: 60, packSize: 48, vatRateBp: 2000 });
    const oil = await save({ sku: 'HUILE', name: 'Huile d’olive 1 l', priceMinor: 500, costMinor: 640, vatRateBp: 2000 });
    const day = 86_400_000;
    const now = Date.now();
    const owner = { user: s.core.services.session.current() };
    const history = (productId: number, stock: number, perDay: (i: number) => number) => [
      { line: { productId, kind: 'receipt' as const, quantity: stock, reason: '' }, at: new Date(now - 29 * day) },
      ...Array.from({ length: 28 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: perDay(i), reason: '' }, at: new Date(now - (28 - i) * day) })).filter((x) => x.line.quantity > 0),
    ];
    s.core.services.ledger.recordBulk(
      [
        // 0.5 kg a day, 1.5 kg left
        ...history(coffee.id, 15.5, () => 0.5),
        // one candle every 5 days, 1 left
        ...history(candles.id, 7, (i) => (i % 5 === 0 ? 1 : 0)),
        // 2 a day, 4 left
        ...history(oil.id, 60, () => 2),
      ],
      'history',
      owner,
      'warn',
    );
    s.core.services.replenishment.recompute();
    await s.page.reload();
  });
  afterAll(async () => s?.close());

  it('shows units, whole-piece reorder points and the two warnings, each explained', async () => {
    const { page } = s;
    await page.getByTestId('nav-purchasing').click();
    const coffee = page.getByTestId('to-order-CAFE');
    await coffee.waitFor();
    const coffeeRow = plain((await coffee.locator('tr').first().textContent()) ?? '');
    // on hand and the suggestion carry the unit, as the explanation does
    expect(coffeeRow).toContain('1,5 kg');
    expect(plain((await coffee.getByTestId('suggested').textContent()) ?? '')).toMatch(/^[\d,]+ kg$/);

    const candles = page.getByTestId('to-order-BOUG');
    await expect(candles.getByTestId('overstock-on-arrival').textContent()).resolves.toMatch(/^Surstock à réception \(\d+ j\)$/);
    const why = plain((await candles.getByTestId('explanation').textContent()) ?? '');
    expect(why).toContain('commandez 48 = 1 colis de 48');
    expect(why).toMatch(/À réception, le stock couvrirait environ \d+ jours de ventes, au-delà du seuil de surstock \(90 jours\) : le colis de 48 est grand pour ce qui se vend\./);
    await expect(candles.getByTestId('below-cost').count()).resolves.toBe(0);

    const oil = page.getByTestId('to-order-HUILE');
    const loss = oil.getByTestId('below-cost');
    await expect(loss.textContent()).resolves.toBe('Vendu à perte');
    // 5,00 € TTC holds 0,83 € of VAT at 20 %: 4,17 € without it, against a cost of 6,40 €
    expect(plain((await loss.getAttribute('title')) ?? '')).toContain('Prix de vente hors TVA 4,17 €, coût 6,40 €');
    // the reorder point column reads in whole pieces, as the alert gives it
    const cells = await oil.locator('tr').first().locator('td').allTextContents();
    expect(cells[4]).toMatch(/^\d+$/);
    await page.screenshot({ path: join(SHOTS, 'to-order-flags.png'), fullPage: true });
  });
});
