import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockCount } from '../../src/shared/api/contract';
import { formatMoney } from '../../src/shared/domain/money';
import type { User } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import { closeNotifications, openApp, type Session, SHOTS } from './browser';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim();

/** The text of each cell of each row of the movements table. */
async function rows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('moves-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim())));
}
const headers = (page: Page) => page.getByTestId('moves-table').locator('thead th').allTextContents();
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');

/** Nothing sticks out to the right: the page and the table fit the window. */
async function expectNoOverflow(page: Page, table: Locator): Promise<void> {
  const doc = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(doc.scroll).toBeLessThanOrEqual(doc.client);
  const box = await table.evaluate((el) => ({ right: el.getBoundingClientRect().right, parent: (el.parentElement as HTMLElement).getBoundingClientRect().right, scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.right).toBeLessThanOrEqual(box.parent + 1);
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
}

describe('browser mode: the Stock page’s movements tab (F7): the owner finds a cashier’s loss with who, why, how much and its value', () => {
  let s: Session;
  // the shop opens on 20 April with its stock delivered
  let now = new Date('2026-04-20T08:00:00');
  const ids: Record<string, number> = {};
  let owner: User;
  let fatou: User;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => now });
    await must(s.core.call('settings.save', { shopName: 'Alimentation Awa' }));
    const products = [
      ['RIZ', 'Riz brisé parfumé (vrac)', 'Épicerie', 'kg', 650, 500, 100],
      ['HUILE', 'Huile d’arachide', 'Épicerie', 'l', 1500, 1100, 40],
      ['SAVON', 'Savon de Marseille 300 g', 'Hygiène', 'piece', 400, 200, 60],
      ['LAIT', 'Lait en poudre 400 g', 'Épicerie', 'piece', 2950, 2000, 20],
    ] as const;
    for (const [sku, name, category, unit, priceMinor, costMinor, qty] of products) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, category, unit, priceMinor, costMinor }));
      ids[sku] = p.id;
      await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: qty }] }));
    }
    owner = s.core.services.session.owner();
    await ownerPin(s.core);
    const cashier = await must<{ id: number }>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    fatou = { id: cashier.id, name: 'Fatou', role: 'cashier' };

    // three weeks ago, a loss the last 7 days do not show
    now = new Date('2026-04-21T17:00:00');
    await must(s.core.call('stock.writeOff', { kind: 'loss', productId: ids.LAIT, quantity: 2, reason: 'expired' }));
    // yesterday: sales, and a count that found 3 bottles of oil more than the books said (a false gain to check)
    now = new Date('2026-05-11T18:00:00');
    await must(s.core.call('ledger.record', { lines: [{ productId: ids.SAVON, kind: 'sale', quantity: 4 }, { productId: ids.RIZ, kind: 'sale', quantity: 10 }] }));
    const count = await must<StockCount>(s.core.call('counts.start', { category: 'Épicerie' }));
    await must(s.core.call('counts.set', { id: count.id, productId: ids.HUILE, counted: 43 }));
    await must(s.core.call('counts.apply', { id: count.id }));
    now = new Date('2026-05-12T09:00:00');
  });
  afterAll(async () => s?.close());

  it('a cashier records a loss in F4, and sees in F7 only what she recorded, without any cost', async () => {
    const { page } = s;
    s.core.services.session.actAs(fatou);
    await page.reload();
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F4');
    const form = page.getByTestId('write-off-form');
    await form.getByRole('combobox', { name: 'Produit' }).fill('riz');
    await page.getByRole('option', { name: /Riz brisé parfumé/ }).click();
    await form.getByRole('textbox', { name: 'Quantité perdue' }).fill('2,5');
    await form.getByRole('radio', { name: 'Abîmé / cassé' }).check();
    await form.getByRole('textbox', { name: /Précision/ }).fill('sac percé par les rats');
    await form.getByRole('button', { name: 'Enregistrer la perte' }).click();
    await expect.poll(() => s.core.store.sqlite.prepare("SELECT count(*) FROM movements WHERE kind = 'loss' AND user_id = ?").pluck().get(fatou.id)).toBe(1);
    // and a stolen soap
    await form.getByRole('combobox', { name: 'Produit' }).fill('savon');
    await page.getByRole('option', { name: /Savon de Marseille/ }).click();
    await form.getByRole('textbox', { name: 'Quantité perdue' }).fill('3');
    await form.getByRole('radio', { name: 'Vol' }).check();
    await form.getByRole('button', { name: 'Enregistrer la perte' }).click();
    await expect.poll(() => s.core.store.sqlite.prepare("SELECT count(*) FROM movements WHERE kind = 'loss' AND user_id = ?").pluck().get(fatou.id)).toBe(2);

    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('moves-own-only').textContent()).toBe('Vous voyez les mouvements que vous avez enregistrés vous-même.');
    const head = await headers(page);
    expect(head).not.toContain('Valeur au coût');
    const mine = await rows(page);
    expect(mine.map((r) => r.slice(1))).toEqual([
      ['Savon de Marseille 300 g SAVON', 'Perte', '-3 pièces', 'Vol', '', 'Fatou'],
      ['Riz brisé parfumé (vrac) RIZ', 'Perte', '-2,5 kg', 'Abîmé / cassé : sac percé par les rats', '', 'Fatou'],
    ]);
    expect(plain(await page.getByTestId('moves-totals').textContent())).not.toMatch(/FCFA/);
    expect(plain(await page.getByTestId('moves-total-loss').textContent())).toBe('Pertes : 2 mouvements');
    await expectNoOverflow(page, page.getByTestId('moves-table'));
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'stock-movements-cashier.png') });
  });

  it('the owner opens F7: the losses, adjustments and counts of the last 30 days, newest first, with who, why, quantity and unit, value at cost and a total', async () => {
    const { page } = s;
    s.core.services.session.actAs(owner);
    await page.reload();
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(4);
    // keyboard first: F7 puts the cursor on the first filter
    await expect.poll(() => focusedLabel(page)).toBe('Afficher');
    expect(await headers(page)).toEqual(['Date', 'Produit', 'Mouvement', 'Quantité', 'Valeur au coût', 'Motif', 'Pièce', 'Par']);
    const shown = await rows(page);
    expect(shown).toEqual([
      ['12/05/2026 09:00', 'Savon de Marseille 300 g SAVON', 'Perte', '-3 pièces', '-600 FCFA', 'Vol', '', 'Fatou'],
      ['12/05/2026 09:00', 'Riz brisé parfumé (vrac) RIZ', 'Perte', '-2,5 kg', '-1 250 FCFA', 'Abîmé / cassé : sac percé par les rats', '', 'Fatou'],
      ['11/05/2026 18:00', 'Huile d’arachide HUILE', 'Correction d’inventaire', '+3 l', '+3 300 FCFA', 'Inventaire INV-00001', 'INV-00001', owner.name],
      ['21/04/2026 17:00', 'Lait en poudre 400 g LAIT', 'Perte', '-2 pièces', '-4 000 FCFA', 'Périmé', '', owner.name],
    ]);
    // the total of what the filter holds, kind by kind, and together
    expect(plain(await page.getByTestId('moves-totals').textContent())).toContain('Sur la période (du 13/04/2026 au 12/05/2026)');
    expect(plain(await page.getByTestId('moves-total-loss').textContent())).toBe('Pertes : 3 mouvements · -5 850 FCFA');
    expect(plain(await page.getByTestId('moves-total-adjustment').textContent())).toBe('Ajustements : 0 mouvement');
    expect(plain(await page.getByTestId('moves-total-count').textContent())).toBe('Corrections d’inventaire : 1 mouvement · +3 300 FCFA');
    expect(plain(await page.getByTestId('moves-total-all').textContent())).toBe('Ensemble : 4 mouvements, -2 550 FCFA au coût');
    await expectNoOverflow(page, page.getByTestId('moves-table'));
    await page.screenshot({ path: join(SHOTS, 'stock-movements.png') });

    // the last 7 days: the old expired milk is gone
    await page.getByTestId('movements-panel').getByText('7 jours', { exact: true }).click();
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(3);
    expect(plain(await page.getByTestId('moves-total-loss').textContent())).toBe('Pertes : 2 mouvements · -1 850 FCFA');
    // today only
    await page.getByTestId('movements-panel').getByText('Aujourd’hui', { exact: true }).click();
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(2);
    expect(plain(await page.getByTestId('moves-totals').textContent())).toContain('(le 12/05/2026)');
    // a range of dates
    await page.getByTestId('movements-panel').getByText('Dates', { exact: true }).click();
    await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-04-30');
    await expect.poll(async () => (await rows(page)).map((r) => r[1])).toEqual(['Lait en poudre 400 g LAIT']);
    // the wrong way round: said under the first day, the list is not asked again
    await page.getByLabel('Du', { exact: true }).fill('2026-05-02');
    await expect.poll(() => page.getByTestId('movements-panel').textContent()).toContain('Le premier jour est après le dernier');
    await page.getByTestId('movements-panel').getByText('30 jours', { exact: true }).click();
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(4);

    // one product: its own movements
    await page.getByRole('combobox', { name: 'Produit (tous si vide)' }).fill('riz');
    await page.getByRole('option', { name: /Riz brisé parfumé/ }).click();
    await expect.poll(async () => (await rows(page)).map((r) => r[3])).toEqual(['-2,5 kg']);
    // every kind of that product: its sale and its delivery too
    await page.getByRole('combobox', { name: 'Afficher' }).click();
    await page.getByRole('option', { name: 'Tous les mouvements' }).click();
    await expect.poll(async () => (await rows(page)).map((r) => [r[2], r[3], r[6]])).toEqual([
      ['Perte', '-2,5 kg', ''],
      ['Vente', '-10 kg', ''],
      ['Réception', '+100 kg', ''],
    ]);
    await page.getByRole('button', { name: 'Tous les produits' }).click();
    // sales only, every product
    await page.getByRole('combobox', { name: 'Afficher' }).click();
    await page.getByRole('option', { name: 'Ventes' }).click();
    await expect.poll(async () => (await rows(page)).map((r) => [r[1], r[3]])).toEqual([
      ['Riz brisé parfumé (vrac) RIZ', '-10 kg'],
      ['Savon de Marseille 300 g SAVON', '-4 pièces'],
    ]);
    await expect(page.getByTestId('moves-totals').count()).resolves.toBe(0);

    // a busy day: 55 more sales of rice; the list shows 50 (it follows the sales as they come) and
    // the older ones on request
    await must(s.core.call('ledger.record', { lines: Array.from({ length: 55 }, () => ({ productId: ids.RIZ, kind: 'sale', quantity: 0.5 })) }));
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(50);
    await page.getByRole('button', { name: 'Afficher les plus anciens' }).click();
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(57);
    await expect(page.getByRole('button', { name: 'Afficher les plus anciens' }).count()).resolves.toBe(0);
    expect((await rows(page)).at(-1)?.slice(1, 4)).toEqual(['Savon de Marseille 300 g SAVON', 'Vente', '-4 pièces']);
  });

  it('in English, the same movements in English words', async () => {
    const { page } = s;
    await must(s.core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('moves-table').locator('tbody tr').count()).toBe(4);
    expect(await headers(page)).toEqual(['Date', 'Product', 'Movement', 'Quantity', 'Value at cost', 'Reason', 'Reference', 'By']);
    expect((await rows(page)).map((r) => [r[2], r[3], r[5]])).toEqual([
      ['Loss', '-3 pieces', 'Theft'],
      ['Loss', '-2.5 kg', 'Damaged / broken: sac percé par les rats'],
      ['Count correction', '+3 l', 'Stock count INV-00001'],
      ['Loss', '-2 pieces', 'Expired'],
    ]);
    expect(plain(await page.getByTestId('moves-total-loss').textContent())).toBe(`Losses: 3 movements · ${plain(formatMoney(-5850, 'XOF', 'en'))}`);
    expect(plain(await page.getByTestId('moves-total-adjustment').textContent())).toBe('Adjustments: 0 movements');
    await must(s.core.call('settings.save', { locale: 'fr' }));
  });
});
