import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, PurchaseOrderSummary, ToOrder } from '../../src/shared/api/contract';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

const PRODUCTS = 450;
const sku = (i: number) => `LL-${String(i).padStart(3, '0')}`;

describe('browser mode: long lists are drawn a page at a time, and act on every line', () => {
  let s: Session;
  let toOrder: ToOrder;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const big = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Comptoir Dakar', leadTimeDays: 3 }));
    const small = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Grossiste Thiès', leadTimeDays: 3 }));
    const ids: number[] = [];
    for (let i = 1; i <= PRODUCTS; i++) {
      const supplierId = i <= 300 ? big.id : small.id;
      ids.push((await must<{ id: number }>(s.core.call('products.save', { sku: sku(i), name: `Article ${sku(i)}`, priceMinor: 500, costMinor: 300, supplierId, leadTimeDays: 3 }))).id);
    }
    // 30 in four weeks ago, 2 sold every other day since: 2 left, each product to order
    const day = 86_400_000;
    const now = Date.now();
    s.core.services.ledger.recordBulk(
      ids.flatMap((productId) => [
        { line: { productId, kind: 'receipt' as const, quantity: 30, reason: '' }, at: new Date(now - 29 * day) },
        ...Array.from({ length: 14 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at: new Date(now - (28 - 2 * i) * day) })),
      ]),
      'history',
      { user: s.core.services.session.current() },
      'warn',
    );
    await s.core.services.stockWatcher.idle();
    s.core.services.replenishment.recompute();
    toOrder = await must<ToOrder>(s.core.call('purchasing.toOrder', { budgetMinor: null }));
    await s.page.reload();
    await s.page.getByTestId('nav-stock').waitFor();
  });
  afterAll(async () => s?.close());

  it('Stock › État du stock: 200 rows, the count, « Afficher 200 de plus » by the keyboard, and a search over every row', async () => {
    const { page } = s;
    const rows = page.locator('[data-testid^="stock-row-"]');
    await page.getByTestId('nav-stock').click();
    await expect.poll(() => rows.count()).toBe(200);
    const more = page.getByTestId('stock-more');
    expect(plain((await more.textContent()) ?? '')).toBe('200 sur 450 affichés —Afficher 200 de plus');
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'long-lists-stock.png') });

    // Tab reaches the button; after it, the focus is on the first row just drawn
    const button = page.getByTestId('stock-more-button');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(400);
    const first = await rows.nth(200).getAttribute('data-testid');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(first);
    expect(plain((await page.getByTestId('stock-more-count').textContent()) ?? '')).toBe('400 sur 450 affichés —');
    expect(await button.textContent()).toBe('Afficher 50 de plus');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('stock-more-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(450);
    expect(await more.count()).toBe(0);

    // a search looks at every row, the cut comes after; clearing it starts again at 200
    const search = page.getByTestId('stock-search');
    await search.fill('Article LL-43');
    await expect.poll(() => rows.count()).toBe(10);
    await expect.poll(() => rows.first().getAttribute('data-testid')).toBe('stock-row-LL-430');
    expect(await more.count()).toBe(0);
    await search.fill('Article');
    await expect.poll(() => rows.count()).toBe(200);
    expect(plain((await page.getByTestId('stock-more-count').textContent()) ?? '')).toBe('200 sur 450 affichés —');
    await search.fill('LL-449');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('stock-row-LL-449').isVisible()).toBe(true);
  });

  it('Achats › À commander: the first supplier drawn, the other folded; the order covers every line, drawn or not', async () => {
    const { page } = s;
    const total = toOrder.groups.flatMap((g) => g.lines).length;
    expect(total).toBe(PRODUCTS);
    const lines = page.locator('tbody[data-testid^="to-order-"]');
    await page.getByTestId('nav-purchasing').click();
    await expect.poll(() => lines.count()).toBe(150);
    const create = page.getByTestId('create-orders');
    expect(await create.textContent()).toBe(`Créer les bons de commande (${total})`);
    const first = page.getByTestId('to-order-more-Comptoir Dakar');
    const second = page.getByTestId('to-order-more-Grossiste Thiès');
    expect(plain((await first.textContent()) ?? '')).toBe('Lignes affichées : 150 sur 300 · sélectionnées : 300 —Afficher les 150 autres lignes de ce fournisseur');
    expect(plain((await second.textContent()) ?? '')).toBe('Lignes affichées : 0 sur 150 · sélectionnées : 150 —Afficher les 150 lignes de ce fournisseur');
    await page.screenshot({ path: join(SHOTS, 'long-lists-to-order.png') });
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'long-lists-to-order-more.png') });

    // a line unticked stays unticked when more are drawn; the focus goes to the first new line's box
    const [dakar, thies] = toOrder.groups;
    expect([dakar!.supplierName, thies!.supplierName]).toEqual(['Comptoir Dakar', 'Grossiste Thiès']);
    const unticked = dakar!.lines[0]!;
    await page.getByRole('checkbox', { name: unticked.name }).uncheck();
    expect(await create.textContent()).toBe(`Créer les bons de commande (${total - 1})`);
    await page.getByTestId('to-order-more-Grossiste Thiès-button').click();
    await expect.poll(() => lines.count()).toBe(300);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('tbody')?.getAttribute('data-testid'))).toBe(`to-order-${thies!.lines[0]!.sku}`);
    expect(await page.getByRole('checkbox', { name: unticked.name }).isChecked()).toBe(false);
    expect(await page.getByTestId('to-order-more-Grossiste Thiès').count()).toBe(0);

    await create.click();
    await expect.poll(async () => (await must<PurchaseOrderSummary[]>(s.core.call('purchasing.list', { status: 'draft', limit: 100 }))).length).toBe(2);
    const drafts = await must<PurchaseOrderSummary[]>(s.core.call('purchasing.list', { status: 'draft', limit: 100 }));
    const ordered = (await Promise.all(drafts.map((d) => must<PurchaseOrder>(s.core.call('purchasing.get', { id: d.id }))))).flatMap((o) => o.lines);
    const suggested = toOrder.groups.flatMap((g) => g.lines).filter((l) => l.productId !== unticked.productId);
    expect(ordered.length).toBe(total - 1);
    expect(new Map(ordered.map((l) => [l.productId, l.quantity]))).toEqual(new Map(suggested.map((l) => [l.productId, l.suggested])));
  });
});
