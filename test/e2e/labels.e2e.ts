import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, plain, scan, type Session, SHOTS } from './browser';

/** Where the keyboard is: the focused element's test id, name, aria-label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'BODY';
    return el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.getAttribute('value') ?? el.textContent?.trim() ?? el.tagName;
  });

describe('browser mode: Produits › Étiquettes', () => {
  let s: Session;
  const printed = () => s.core.store.sqlite.prepare('SELECT p.sku, lp.price_minor AS price FROM label_prints lp JOIN products p ON p.id = lp.product_id ORDER BY p.sku').all();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('settings.save', { shopName: 'Boutique Ndiaye' }));
    await must(s.core.call('products.save', { sku: 'SUCM', name: 'Sucre en morceaux 1 kg', priceMinor: 900, barcodes: ['3017620422003'] }));
    await must(s.core.call('products.save', { sku: 'RIZ-PARF', name: 'Riz parfumé brisé', unit: 'kg', priceMinor: 650, category: 'Épicerie' }));
    await must(s.core.call('products.save', { sku: 'SAV-72', name: 'Savon de Marseille', priceMinor: 300, category: 'Hygiène' }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('product-row-SUCM').waitFor();
  });
  afterAll(async () => s?.close());

  it('the owner prints the labels whose price changed: Alt+E, the list, Enter; the PDF downloads and the prices are remembered', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+E');
    const modal = page.getByTestId('labels-modal');
    await modal.waitFor();
    // three never printed: « Prix modifiés » is chosen, with the cursor on it
    await expect.poll(() => modal.getByTestId('labels-mode-stale').isChecked()).toBe(true);
    await expect.poll(() => focused(page)).toBe('labels-mode-stale');
    expect(await modal.getByText('Prix modifiés depuis la dernière impression (3)').count()).toBe(1);
    expect(plain((await modal.getByTestId('labels-summary').textContent()) ?? '')).toBe('3 étiquettes sur 1 feuille');
    await page.screenshot({ path: join(SHOTS, 'labels-modal.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^etiquettes-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(s.dir, 'labels.pdf');
    await download.saveAs(file);
    const text = plain(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    for (const expected of ['Sucre en morceaux 1 kg', '900 FCFA', 'Riz parfumé brisé', '650 FCFA', 'le kg', 'Savon de Marseille', 'la pièce']) expect(text).toContain(expected);
    expect(printed()).toEqual([
      { sku: 'RIZ-PARF', price: 650 },
      { sku: 'SAV-72', price: 300 },
      { sku: 'SUCM', price: 900 },
    ]);
    // closed, the keyboard back on « Étiquettes »
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('products-labels');
  });

  it('nothing changed: products chosen by scanning, 2 copies from label 20 take 2 sheets; Escape closes on the button', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+E');
    const modal = page.getByTestId('labels-modal');
    await modal.waitFor();
    await expect.poll(() => modal.getByTestId('labels-mode-chosen').isChecked()).toBe(true);
    expect(await modal.getByText('Prix modifiés depuis la dernière impression (0)').count()).toBe(1);
    await scan(page, '3017620422003');
    await modal.getByTestId('labels-chosen').getByText('Sucre en morceaux 1 kg').waitFor();
    await scan(page, 'SAV-72');
    await modal.getByTestId('labels-chosen').getByText('Savon de Marseille').waitFor();
    await modal.getByTestId('labels-copies').fill('2');
    await modal.getByTestId('labels-start').fill('20');
    await expect.poll(async () => plain((await modal.getByTestId('labels-summary').textContent()) ?? '')).toBe('4 étiquettes sur 2 feuilles');
    await page.screenshot({ path: join(SHOTS, 'labels-modal-chosen.png') });
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('products-labels');
    // nothing printed by Escape
    expect(printed()).toHaveLength(3);
  });

  it('a category: its products only, read by main; the PDF holds them', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+E');
    const modal = page.getByTestId('labels-modal');
    await modal.waitFor();
    await modal.getByTestId('labels-mode-category').check();
    await modal.getByTestId('labels-category').click();
    await page.getByRole('option', { name: 'Épicerie' }).click();
    await expect.poll(async () => plain((await modal.getByTestId('labels-summary').textContent()) ?? '')).toBe('1 étiquette sur 1 feuille');
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByTestId('labels-create').click()]);
    const file = join(s.dir, 'labels-category.pdf');
    await download.saveAs(file);
    const text = plain(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    expect(text).toContain('Riz parfumé brisé');
    expect(text).not.toContain('Savon de Marseille');
    await modal.waitFor({ state: 'detached' });
  });

  it('a first printing of a whole shop (2 005 labels never printed) goes in turns of 2 000, rayon by rayon, then the rest', async () => {
    const { page } = s;
    const add = s.core.store.sqlite.prepare("INSERT INTO products (sku, name, search_text, category, price_minor) VALUES (?, ?, ?, 'Quincaillerie', 250)");
    s.core.store.sqlite.transaction(() => {
      for (let i = 1; i <= 2005; i++) add.run(`VIS-${i}`, `Vis à bois n° ${i}`, `vis a bois ${i}`);
    })();
    await page.keyboard.press('Alt+E');
    const modal = page.getByTestId('labels-modal');
    await modal.waitFor();
    await expect.poll(() => modal.getByTestId('labels-mode-stale').isChecked()).toBe(true);
    await expect.poll(async () => plain((await modal.getByTestId('labels-batch').textContent()) ?? '')).toMatch(/^Ce PDF prend les 2 ?000 premiers produits sur 2 ?005/);
    expect(plain((await modal.getByTestId('labels-summary').textContent()) ?? '')).toMatch(/^2 ?000 étiquettes sur 96 feuilles$/);
    // two copies each: half as many products in this turn
    await modal.getByTestId('labels-copies').fill('2');
    await expect.poll(async () => plain((await modal.getByTestId('labels-batch').textContent()) ?? '')).toMatch(/^Ce PDF prend les 1 ?250 premiers produits/);
    await modal.getByTestId('labels-copies').fill('1');
    await modal.getByTestId('labels-mode-stale').focus();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await modal.waitFor({ state: 'detached' });
    expect(printed()).toHaveLength(3 + 2000);
    // the next turn is what is left
    await page.keyboard.press('Alt+E');
    await modal.waitFor();
    await expect.poll(async () => plain((await modal.getByTestId('labels-summary').textContent()) ?? '')).toBe('5 étiquettes sur 1 feuille');
    expect(await modal.getByTestId('labels-batch').count()).toBe(0);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  });
});
