import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session, SHOTS } from './browser';

/** A row's text with the narrow and plain no-break spaces of French number formatting made plain. */
const rowText = async (page: Page, sku: string) => ((await page.getByTestId(`product-row-${sku}`).textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('browser mode: products and the stock ledger on screen', () => {
  let s: Session;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
  });
  afterAll(async () => s?.close());

  it('opens in French with every section in the navigation', async () => {
    const { page } = s;
    await page.getByTestId('nav-products').waitFor();
    for (const label of ['Vendre', 'Stock', 'Produits', 'Fournisseurs', 'Achats', 'Prévisions', 'Alertes', 'Tableau de bord', 'Paramètres']) {
      await expect(page.getByRole('navigation').getByText(label, { exact: true }).count()).resolves.toBe(1);
    }
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('dashboard').getByRole('heading', { name: 'Tableau de bord' }).count()).resolves.toBe(1);
  });

  it('creates a product, refusing an empty name with the error under the field', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+3');
    // keyboard first: Alt+N opens the form from the search box, where the cursor is when the page opens
    const search = page.getByRole('textbox', { name: 'Rechercher' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+n');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="sku"]').fill('RIZ-5');
    await dialog.locator('input[name="name"]').fill('   ');
    await dialog.locator('input[name="price"]').fill('3500');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByText('Obligatoire').count()).resolves.toBeGreaterThan(0);
    expect((s.core.store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n).toBe(0);

    await dialog.locator('input[name="name"]').fill('Riz brisé 5 kg');
    await dialog.locator('input[name="cost"]').fill('2900');
    await dialog.locator('input[name="barcodes"]').fill('6009876543210');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('product-row-RIZ-5').waitFor();
    await expect(page.getByTestId('product-row-RIZ-5').getByTestId('on-hand').textContent()).resolves.toMatch(/^0/);
    await expect(rowText(page, 'RIZ-5')).resolves.toContain('3 500 FCFA');
  });

  it('creates a supplier, showing a bad e-mail under its field and saving nothing, then deactivates it', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.getByRole('textbox', { name: 'Rechercher' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+n');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Grossiste Sandaga');
    await dialog.locator('input[name="phone"]').fill('+221 77 123 45 67');
    await dialog.locator('input[name="email"]').fill('pas-un-email');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('Adresse e-mail non valide');
    expect((s.core.store.sqlite.prepare('SELECT count(*) AS n FROM suppliers').get() as { n: number }).n).toBe(0);
    await dialog.locator('input[name="email"]').fill('commandes@sandaga.sn');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const table = page.getByTestId('suppliers-table');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('Grossiste Sandaga');
    await table.getByRole('button', { name: 'Désactiver' }).click();
    await expect.poll(async () => (await table.textContent()) ?? '').not.toContain('Grossiste Sandaga');
  });

  it('records a goods receipt and a sale, and on-hand changes on screen', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+2');
    const form = page.locator('form').filter({ has: page.locator('input[name="quantity"]') });
    const record = async (kind: string, quantity: string) => {
      await form.getByRole('combobox', { name: 'Produit' }).fill('riz');
      await page.getByRole('option', { name: /Riz brisé 5 kg/ }).click();
      await form.getByRole('combobox', { name: 'Type de mouvement' }).click();
      await page.getByRole('option', { name: kind, exact: true }).click();
      await form.locator('input[name="quantity"]').fill(quantity);
      await form.getByRole('button', { name: 'Valider' }).click();
    };
    await record('Réception de marchandises', '40');
    const onHand = page.getByTestId('stock-row-RIZ-5').getByTestId('on-hand');
    await expect.poll(() => onHand.textContent()).toBe('40');
    await record('Vente', '3');
    await expect.poll(() => onHand.textContent()).toBe('37');
    await page.screenshot({ path: join(SHOTS, 'stock.png') });

    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('product-row-RIZ-5').getByTestId('on-hand').textContent()).toMatch(/^37/);
    const ledger = s.core.store.sqlite.prepare('SELECT kind, qty_milli FROM movements ORDER BY id').all();
    expect(ledger).toEqual([
      { kind: 'receipt', qty_milli: 40000 },
      { kind: 'sale', qty_milli: -3000 },
    ]);
  });

  it('switches to English in Settings; a new currency, once the shop has prices and sales, is refused under its field', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+9');
    await page.getByRole('combobox', { name: 'Langue' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.locator('form').filter({ has: page.getByRole('combobox', { name: 'Langue' }) }).getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('nav-products').getByText('Products').waitFor();
    // stored amounts have no currency of their own: switched to EUR, 3 500 FCFA would read € 35.00
    await page.getByRole('combobox', { name: 'Currency' }).click();
    await page.getByRole('option', { name: 'EUR' }).click();
    await page.locator('form').filter({ has: page.getByRole('combobox', { name: 'Currency' }) }).getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^The shop already has \d+ priced product\(s\) and \d+ sale\(s\) in XOF/).waitFor();
    expect(s.core.services.settings.get()).toMatchObject({ currency: 'XOF', locale: 'en' });
    await page.screenshot({ path: join(SHOTS, 'settings-currency-refused.png') });
    await page.getByTestId('nav-products').click();
    await expect(rowText(page, 'RIZ-5')).resolves.toContain('FCFA 3,500');
    await page.screenshot({ path: join(SHOTS, 'products-en.png') });
  });

  it('refuses API calls without the token, from another Host, and serves the CSP', async () => {
    const base = `http://127.0.0.1:${s.web.port}`;
    const noToken = await fetch(`${base}/api/call/products.list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    // fetch() may not set Host; a raw request can, as a DNS-rebinding page would
    const wrongHost = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: s.web.port, path: '/api/call/products.list', method: 'POST', headers: { host: 'evil.example', 'x-shelfcast-token': s.web.token } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(wrongHost).toBe(421);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const ok = await fetch(`${base}/api/call/products.list`, { method: 'POST', body: '{}', headers: { 'x-shelfcast-token': s.web.token } });
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
  });
});
