import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, scan, type Session, SHOTS } from './browser';

/** Where the keyboard is: the focused element's test id, name, aria-label or text, or its tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'BODY';
    return el.getAttribute('data-testid') ?? el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
  });
/** The focused element's data attribute, to tell one row's « Modifier » from another's. */
const focusedData = (page: Page, attribute: string) => page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attribute);

describe('browser mode: the product and supplier cards by keyboard and scanner', () => {
  let s: Session;
  const count = (table: string) => (s.core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const productCard = (page: Page, title = 'Nouveau produit') => page.getByRole('dialog', { name: title });
  const confirm = (page: Page) => page.getByRole('dialog', { name: 'Abandonner la saisie ?' });
  const search = (page: Page) => page.getByRole('textbox', { name: 'Rechercher' });
  const productId = async (sku: string) => s.core.store.sqlite.prepare('SELECT id, price_minor AS price FROM products WHERE sku = ?').get(sku) as { id: number; price: number };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('products.save', { sku: 'SUCM', name: 'Sucre en morceaux 1 kg', priceMinor: 900, barcodes: ['3017620422003'] }));
    await must(s.core.call('products.save', { sku: 'SARD', name: 'Sardines à l’huile', priceMinor: 600 }));
    await must(s.core.call('suppliers.save', { name: 'SODIS Dakar' }));
    await must(s.core.call('suppliers.save', { name: 'Brasseries du Sénégal' }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('product-row-SUCM').waitFor();
  });
  afterAll(async () => s?.close());

  it('a scan in « Nom » goes to Codes-barres, appended once, says so, and saves nothing', async () => {
    const { page } = s;
    await expect.poll(() => focused(page)).toBe('Rechercher');
    await page.keyboard.press('Alt+n');
    const card = productCard(page);
    await card.waitFor();
    await expect.poll(() => focused(page)).toBe('name');
    await scan(page, '6009876543210');
    await expect.poll(() => card.locator('input[name="barcodes"]').inputValue()).toBe('6009876543210');
    expect(await card.locator('input[name="name"]').inputValue()).toBe('');
    expect(await card.getByTestId('scanned-code').textContent()).toBe('Code scanné ajouté : 6009876543210');
    // its Enter submitted nothing: the card is open, nothing saved, no error shown yet
    expect(await card.count()).toBe(1);
    expect(await card.getByText('Obligatoire').count()).toBe(0);
    expect(count('products')).toBe(2);

    // scanned while in Codes-barres itself: after a comma; the same code again is not doubled
    await card.locator('input[name="barcodes"]').focus();
    await scan(page, '6001234567890');
    await expect.poll(() => card.locator('input[name="barcodes"]').inputValue()).toBe('6009876543210, 6001234567890');
    expect(await card.getByTestId('scanned-code').textContent()).toBe('Code scanné ajouté : 6001234567890');
    await page.screenshot({ path: join(SHOTS, 'kb-product-scanned-code.png') });
    await card.locator('input[name="price"]').focus();
    await scan(page, '6009876543210');
    await expect.poll(() => card.getByTestId('scanned-code').textContent()).toBe('Code scanné déjà dans la liste : 6009876543210');
    expect(await card.locator('input[name="barcodes"]').inputValue()).toBe('6009876543210, 6001234567890');
    expect(await card.locator('input[name="price"]').inputValue()).toBe('');
    await page.screenshot({ path: join(SHOTS, 'kb-product-scanned-known.png') });
    expect(count('products')).toBe(2);
  });

  it('Enter with no name says so in French under the fields (no browser bubble) and puts the cursor in « Nom »', async () => {
    const { page } = s;
    const card = productCard(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByText('Obligatoire').count()).toBe(3);
    await expect.poll(() => focused(page)).toBe('name');
    // the browser's own check is off: its bubble would speak Chromium's language
    expect(await card.locator('input[required]').count()).toBe(0);
    expect(await card.locator('input[name="name"]').getAttribute('aria-invalid')).toBe('true');
    expect(count('products')).toBe(2);

    await card.locator('input[name="name"]').fill('Biscuits Choco 200 g');
    await card.locator('input[name="sku"]').fill('BISC-200');
    await card.locator('input[name="price"]').fill('750');
    // the supplier by a few letters: Enter picks the one found and does not save the card yet
    const supplier = card.getByRole('combobox', { name: 'Fournisseur' });
    await supplier.focus();
    await page.keyboard.type('sod');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['SODIS Dakar']);
    await page.keyboard.press('Enter');
    await expect.poll(() => supplier.inputValue()).toBe('SODIS Dakar');
    expect(await card.count()).toBe(1);
    expect(count('products')).toBe(2);
    // what the packet holds, for the label's price per kg: words are refused, in French, under the field
    const content = card.locator('input[name="netContent"]');
    await content.fill('deux cents grammes');
    await card.locator('input[name="price"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByText('Une quantité et une unité : 400 g, 1,5 l, 25 cl (g, kg, ml, cl ou l, 1 000 au plus).').count()).toBe(1);
    await expect.poll(() => focused(page)).toBe('netContent');
    expect(count('products')).toBe(2);
    await content.fill('200g');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.count()).toBe(0);
    const saved = s.core.store.sqlite.prepare(
      "SELECT p.id, p.price_minor AS price, s.name AS supplier, p.net_content_milli AS contentMilli, p.net_content_unit AS contentUnit FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE sku = 'BISC-200'",
    ).get() as { id: number; price: number; supplier: string; contentMilli: number; contentUnit: string };
    expect(saved.price).toBe(750);
    expect(saved.supplier).toBe('SODIS Dakar');
    expect([saved.contentMilli, saved.contentUnit]).toEqual([200_000, 'g']);
    const codes = s.core.store.sqlite.prepare('SELECT barcode FROM product_barcodes WHERE product_id = ? ORDER BY barcode').all(saved.id);
    expect(codes).toEqual([{ barcode: '6001234567890' }, { barcode: '6009876543210' }]);
    // a new product: back to the search box, where a scan finds it
    await expect.poll(() => focused(page)).toBe('Rechercher');
    await scan(page, '6009876543210');
    await expect.poll(() => search(page).inputValue()).toBe('6009876543210');
    await expect.poll(() => page.getByTestId('products-table').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('product-row-BISC-200').waitFor();
  });

  it('Escape on a changed card asks; Enter goes on typing; « Abandonner » closes it and the cursor is on the row’s « Modifier »', async () => {
    const { page } = s;
    const row = page.getByTestId('product-row-BISC-200');
    await row.getByRole('button', { name: 'Modifier' }).focus();
    await page.keyboard.press('Enter');
    const card = productCard(page, 'Modifier le produit');
    await card.waitFor();
    // unchanged: Escape closes at once, back on the row's « Modifier »
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    expect(await confirm(page).count()).toBe(0);
    await expect.poll(() => focusedData(page, 'data-edit-product')).toBe(String((await productId('BISC-200')).id));

    await page.keyboard.press('Enter');
    await card.waitFor();
    await card.locator('input[name="price"]').fill('800');
    await card.locator('input[name="price"]').focus();
    await page.keyboard.press('Escape');
    await confirm(page).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^Continuer la saisie/);
    await page.screenshot({ path: join(SHOTS, 'kb-product-discard-confirm.png') });
    // Enter keeps what was typed, the cursor back where it was
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm(page).count()).toBe(0);
    expect(await card.locator('input[name="price"]').inputValue()).toBe('800');
    await expect.poll(() => focused(page)).toBe('price');
    // Escape in the question keeps it too
    await page.keyboard.press('Escape');
    await confirm(page).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm(page).count()).toBe(0);
    expect(await card.count()).toBe(1);
    // the ✕ asks as well; « Abandonner » (Shift+Tab from « Continuer la saisie ») throws it away
    await card.locator('.mantine-Modal-close').click();
    await confirm(page).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^Continuer la saisie/);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Abandonner');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.count()).toBe(0);
    expect(await confirm(page).count()).toBe(0);
    expect((await productId('BISC-200')).price).toBe(750);
    await expect.poll(() => focusedData(page, 'data-edit-product')).toBe(String((await productId('BISC-200')).id));

    // saved by Enter: the cursor is on the row's « Modifier » again, and a scan there searches
    await page.keyboard.press('Enter');
    await card.waitFor();
    await card.locator('input[name="price"]').fill('800');
    await card.locator('input[name="price"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.count()).toBe(0);
    expect((await productId('BISC-200')).price).toBe(800);
    await expect.poll(() => focusedData(page, 'data-edit-product')).toBe(String((await productId('BISC-200')).id));
    await scan(page, '3017620422003');
    await expect.poll(() => search(page).inputValue()).toBe('3017620422003');
    await page.getByTestId('product-row-SUCM').waitFor();
    await expect.poll(() => page.getByTestId('products-table').locator('tbody tr').count()).toBe(1);
    expect(await focused(page)).toBe('Rechercher');
    // the scan opened nothing
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('a page shortcut over a half-typed product keeps it: back on Produits, the card opens again with what was typed', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+n');
    const card = productCard(page);
    await card.waitFor();
    await card.locator('input[name="name"]').fill('Riz parfumé 5 kg');
    await card.locator('input[name="sku"]').fill('RIZP-5');
    await page.keyboard.press('Alt+2');
    await page.getByTestId('stock-table').waitFor();
    expect(await card.count()).toBe(0);
    await page.keyboard.press('Alt+3');
    await card.waitFor();
    expect(await card.locator('input[name="name"]').inputValue()).toBe('Riz parfumé 5 kg');
    expect(await card.locator('input[name="sku"]').inputValue()).toBe('RIZP-5');
    expect(await card.getByTestId('draft-restored').textContent()).toBe('Votre saisie en cours a été gardée : la voici.');
    await expect.poll(() => focused(page)).toBe('name');
    await page.screenshot({ path: join(SHOTS, 'kb-product-draft-kept.png') });
    // a code that is another product's: the core refuses it under Codes-barres, where the cursor goes
    await scan(page, '3017620422003');
    await expect.poll(() => card.locator('input[name="barcodes"]').inputValue()).toBe('3017620422003');
    await card.locator('input[name="price"]').fill('4500');
    await card.locator('input[name="price"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.locator('input[name="barcodes"]').getAttribute('aria-invalid')).toBe('true');
    // the product that has it is named, in French through and through
    expect(await card.textContent()).toContain('Le code-barres 3017620422003 est déjà celui de « Sucre en morceaux 1 kg »');
    await expect.poll(() => focused(page)).toBe('barcodes');
    await page.screenshot({ path: join(SHOTS, 'kb-product-barcode-taken.png') });
    expect(count('products')).toBe(3);
    // still changed: Escape asks; given up, it is gone for good
    await page.keyboard.press('Escape');
    await confirm(page).waitFor();
    await confirm(page).getByRole('button', { name: 'Abandonner' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Rechercher');
    await page.keyboard.press('Alt+2');
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByTestId('products-table').waitFor();
    await expect.poll(() => focused(page)).toBe('Rechercher');
    expect(await card.count()).toBe(0);
    expect(count('products')).toBe(3);
  });

  it('the supplier card: asks before throwing away, is kept across a page change, takes no scan, and gives the cursor back after a save', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+4');
    await page.getByTestId('suppliers-table').waitFor();
    await expect.poll(() => focused(page)).toBe('Rechercher');
    await page.keyboard.press('Alt+n');
    const card = page.getByRole('dialog', { name: 'Nouveau fournisseur' });
    await card.waitFor();
    await card.locator('input[name="name"]').fill('Grossiste Sandaga');
    await page.keyboard.press('Escape');
    await confirm(page).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm(page).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('name');
    // left for Produits and back: still there
    await page.keyboard.press('Alt+3');
    await page.getByTestId('products-table').waitFor();
    await page.keyboard.press('Alt+4');
    await card.waitFor();
    expect(await card.locator('input[name="name"]').inputValue()).toBe('Grossiste Sandaga');
    // a scan in « Téléphone » types nothing there and its Enter saves nothing; the card says why
    await card.locator('input[name="phone"]').focus();
    await scan(page, '6009876543210');
    await expect.poll(() => card.getByTestId('supplier-scan-ignored').textContent()).toContain('Code scanné (6009876543210) : une fiche fournisseur n’a pas de code-barres');
    expect(await card.locator('input[name="phone"]').inputValue()).toBe('');
    expect(await card.count()).toBe(1);
    expect(count('suppliers')).toBe(2);
    await card.locator('input[name="phone"]').fill('+221 77 123 45 67');
    await card.locator('input[name="phone"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.count()).toBe(0);
    expect(count('suppliers')).toBe(3);
    await expect.poll(() => focused(page)).toBe('Rechercher');
    // edited and saved: back on its « Modifier »
    const table = page.getByTestId('suppliers-table');
    await table.locator('tr', { hasText: 'Grossiste Sandaga' }).getByRole('button', { name: 'Modifier' }).focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Modifier le fournisseur' });
    await edit.waitFor();
    await edit.locator('input[name="contact"]').fill('Moustapha');
    await edit.locator('input[name="contact"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => edit.count()).toBe(0);
    await expect.poll(() => focusedData(page, 'data-edit-supplier')).not.toBeNull();
    expect(s.core.store.sqlite.prepare("SELECT contact FROM suppliers WHERE name = 'Grossiste Sandaga'").get()).toEqual({ contact: 'Moustapha' });
    // unchanged: Escape closes at once
    await page.keyboard.press('Enter');
    await edit.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => edit.count()).toBe(0);
    expect(await confirm(page).count()).toBe(0);
    await expect.poll(() => focusedData(page, 'data-edit-supplier')).not.toBeNull();
  });
});
