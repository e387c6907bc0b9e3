import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, scan, type Session, SHOTS } from './browser';

const count = (s: Session, sql: string) => s.core.store.sqlite.prepare(sql).pluck().get() as number;

/** A shop's own export: French headers, three unknown to Shelfcast, and four bad rows. */
const CSV = [
  'Référence;Libellé;Montant;Quantité dispo;Zone',
  'R-001;Riz parfumé 5 kg;4500;12;Épicerie',
  'R-002;Huile 1 L;1200;abc;Épicerie',
  'R-003;Sucre 1 kg;-700;5;Épicerie',
  'R-001;Riz doublon;4600;3;Épicerie',
  'R-004;Lait en poudre 400 g;2500;8;Crèmerie',
].join('\r\n');

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

describe('browser mode: onboarding', () => {
  describe('first run, import of a file with bad rows, export', () => {
    let s: Session;
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('opens an empty shop on the welcome screen', async () => {
      const { page } = s;
      await page.getByTestId('welcome').waitFor();
      await expect(page.getByRole('button', { name: /Ouvrir la boutique de démonstration/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: /Importer mes produits/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: /Commencer à vide/ }).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(SHOTS, 'welcome.png') });
    });

    it('maps unknown columns by hand, lists every bad row with line and column, imports the valid rows', async () => {
      const { page } = s;
      await page.keyboard.press('2');
      const wizard = page.getByTestId('import-wizard');
      await wizard.waitFor();
      await page.locator('input[type="file"]').setInputFiles({ name: 'stock boutique.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${CSV}\r\n`) });
      await wizard.getByTestId('import-preview').waitFor();
      // French headers guessed, the others not
      await expect(wizard.getByTestId('map-sku').inputValue()).resolves.toBe('0');
      await expect(wizard.getByTestId('map-name').inputValue()).resolves.toBe('1');
      await expect(wizard.getByTestId('map-price').inputValue()).resolves.toBe('');
      await wizard.getByTestId('map-price').selectOption({ label: 'Montant' });
      await wizard.getByTestId('map-stock').selectOption({ label: 'Quantité dispo' });
      await wizard.getByTestId('map-category').selectOption({ label: 'Zone' });
      await page.screenshot({ path: join(SHOTS, 'import.png'), fullPage: true });

      await wizard.getByTestId('import-check').click();
      await wizard.getByTestId('import-issues').waitFor();
      await expect(wizard.getByTestId('import-summary').textContent()).resolves.toBe('5 lignes lues · 2 valides · 3 en erreur');
      const issues = await wizard.getByTestId('import-issue').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      // each row says what is wrong with it in the shop's language, the value refused included
      expect(issues).toEqual([
        ['3', 'Quantité dispo', 'Pas un nombre', '« abc » n’est pas une quantité'],
        ['4', 'Montant', 'Nombre négatif', 'Le montant -700 est négatif'],
        ['5', 'Référence', 'En double dans le fichier', 'La référence « R-001 » est déjà ligne 2 de ce fichier'],
      ]);
      expect(count(s, 'SELECT count(*) FROM products')).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'import-dry-run.png'), fullPage: true });

      await wizard.getByRole('button', { name: 'Importer les 2 lignes valides' }).click();
      await wizard.getByTestId('import-done').waitFor();
      await expect(wizard.getByTestId('import-done').textContent()).resolves.toContain('2 lignes importées');
      await wizard.getByRole('button', { name: 'Fermer' }).click();

      // the welcome screen is done: the Products page lists the imported rows
      await page.getByTestId('product-row-R-001').waitFor();
      await page.getByTestId('product-row-R-004').waitFor();
      await expect(page.getByTestId('product-row-R-002').count()).resolves.toBe(0);
      await expect(page.getByTestId('product-row-R-003').count()).resolves.toBe(0);
      await expect(page.getByTestId('product-row-R-001').getByTestId('on-hand').textContent()).resolves.toMatch(/^12/);
      expect(count(s, 'SELECT count(*) FROM products')).toBe(2);
    });

    it('exports stock as French CSV and products as .xlsx, downloaded and read back', async () => {
      const { page } = s;
      await page.getByTestId('products-export').click();
      const dialog = page.getByTestId('export-dialog');
      await dialog.getByText('Stock et valeur', { exact: true }).click();
      const csv = await download(page, () => dialog.getByTestId('export-download').click());
      expect(csv.name).toMatch(/^stock-\d{4}-\d{2}-\d{2}\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe("Référence;Désignation;Catégorie;Unité;Stock;Prix d'achat;Valeur du stock");
      expect(lines.slice(1).sort()).toEqual(['R-001;Riz parfumé 5 kg;Épicerie;pièce;12;0;0', 'R-004;Lait en poudre 400 g;Crèmerie;pièce;8;0;0']);

      await page.getByTestId('products-export').click();
      await dialog.getByText('Produits', { exact: true }).click();
      await dialog.getByText('Excel .xlsx', { exact: true }).click();
      const xlsx = await download(page, () => dialog.getByTestId('export-download').click());
      expect(xlsx.name).toMatch(/^produits-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(2).value).toBe('Désignation');
      const rows = ws.getRows(2, ws.rowCount - 1)!.map((r) => [r.getCell(1).value, r.getCell(6).value, r.getCell(13).value]);
      expect(rows).toEqual([
        ['R-004', 2500, 8],
        ['R-001', 4500, 12],
      ]);
    });
  });

  describe('first run: what main refuses is said in French', () => {
    let s: Session;
    beforeAll(async () => {
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('a file that is not a table, and a demo shop over existing products, are refused in the shop’s language', async () => {
      const { page } = s;
      await page.getByTestId('welcome').waitFor();
      await page.keyboard.press('2');
      const wizard = page.getByTestId('import-wizard');
      await wizard.waitFor();
      await page.locator('input[type="file"]').setInputFiles({ name: 'caisse.csv', mimeType: 'text/csv', buffer: Buffer.from([0x52, 0x00, 0x01, 0x02, 0x00, 0x49, 0x5a, 0x00, 0x0a]) });
      await expect.poll(async () => (await wizard.getByTestId('import-error').textContent()) ?? '').toContain('Ce n’est pas un fichier CSV : il contient des données binaires. Vérifiez le fichier, puis choisissez-le à nouveau.');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('import-wizard').count()).toBe(0);

      // someone adds a product from another window while the welcome screen is open
      await s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650 });
      await page.keyboard.press('1');
      await expect
        .poll(async () => (await page.getByTestId('welcome').getByRole('alert').textContent()) ?? '')
        .toBe('La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des produits.');
    });
  });

  describe('a French bakery: the currency is chosen on the welcome screen, before its prices in euros are imported', () => {
    let s: Session;
    beforeAll(async () => {
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('a file in euros is refused in a shop still in FCFA, naming both; the euro chosen on the welcome screen, the same file imports', async () => {
      const { page } = s;
      const welcome = page.getByTestId('welcome');
      await welcome.waitFor();
      await expect(welcome.getByTestId('welcome-currency-hint').textContent()).resolves.toContain('Les prix seront en FCFA.');
      const file = { name: 'pain.csv', mimeType: 'text/csv', buffer: Buffer.from('Référence;Désignation;Prix\r\nBAG;Baguette;1 €\r\nCRO;Croissant;1,20 €\r\n') };
      await page.keyboard.press('2');
      const wizard = page.getByTestId('import-wizard');
      await page.locator('input[type="file"]').setInputFiles(file);
      await wizard.getByTestId('import-check').click();
      await wizard.getByTestId('import-issues').waitFor();
      const issues = await wizard.getByTestId('import-issue').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[3]?.textContent));
      expect(issues).toEqual([
        '« 1 € » n’est pas dans la monnaie de la boutique (FCFA) : choisissez d’abord la monnaie de la boutique (Paramètres), puis importez à nouveau ; rien n’est converti',
        '« 1,20 € » n’est pas dans la monnaie de la boutique (FCFA) : choisissez d’abord la monnaie de la boutique (Paramètres), puis importez à nouveau ; rien n’est converti',
      ]);
      await page.keyboard.press('Escape');
      await expect.poll(() => wizard.count()).toBe(0);
      expect(count(s, 'SELECT count(*) FROM products')).toBe(0);

      await welcome.getByTestId('welcome-currency').click();
      await page.getByRole('option', { name: '€ (EUR)' }).click();
      await expect.poll(async () => (await welcome.getByTestId('welcome-currency-hint').textContent()) ?? '').toContain('Les prix seront en €.');
      expect(s.core.services.settings.get().currency).toBe('EUR');
      await page.screenshot({ path: join(SHOTS, 'welcome-currency.png') });

      await page.getByTestId('welcome-import').click();
      await page.locator('input[type="file"]').setInputFiles(file);
      await wizard.getByTestId('import-check').click();
      await wizard.getByRole('button', { name: 'Importer', exact: true }).click();
      await wizard.getByTestId('import-done').waitFor();
      expect(s.core.store.sqlite.prepare('SELECT sku, price_minor FROM products ORDER BY id').all()).toEqual([
        { sku: 'BAG', price_minor: 100 },
        { sku: 'CRO', price_minor: 120 },
      ]);
    });
  });

  describe('import and export refusals name what is wrong, in French', () => {
    let s: Session;
    beforeAll(async () => {
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('a file with one column names what was found; a missing column is named with the columns found, and nothing is written', async () => {
      const { page } = s;
      await page.getByTestId('welcome').waitFor();
      await page.keyboard.press('2');
      const wizard = page.getByTestId('import-wizard');
      await wizard.waitFor();
      await wizard.getByText('Ventes passées', { exact: true }).click();
      const file = page.locator('input[type="file"]');
      await file.setInputFiles({ name: 'ventes.csv', mimeType: 'text/csv', buffer: Buffer.from('article:jour:nb\r\nRIZ:2026-05-10:2\r\n') });
      await expect
        .poll(async () => (await wizard.getByTestId('import-error').textContent()) ?? '')
        .toContain('Une seule colonne trouvée (« article:jour:nb ») : le séparateur n’est pas , ; tabulation ou |, ou le fichier n’est pas un tableau. Vérifiez le fichier');

      await file.setInputFiles({ name: 'ventes.csv', mimeType: 'text/csv', buffer: Buffer.from('article;jour;nb\r\nRIZ;2026-05-10;2\r\n') });
      await wizard.getByTestId('import-preview').waitFor();
      await wizard.getByTestId('map-product').selectOption({ label: 'article' });
      await wizard.getByTestId('map-date').selectOption({ label: 'jour' });
      await wizard.getByTestId('map-qty').selectOption({ label: 'nb' });
      // the screen asks for every required column itself; a mapping that reaches the core without one
      // (a stale screen, another client) is refused there, and that refusal must name the column too
      await page.route('**/api/call/onboarding.import', async (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as { mapping: Record<string, number | null> };
        await route.continue({ postData: JSON.stringify({ ...body, mapping: { ...body.mapping, qty: null } }) });
      });
      await wizard.getByTestId('import-check').click();
      await expect
        .poll(async () => (await wizard.getByTestId('import-file-error').textContent()) ?? '')
        .toContain('Colonne manquante : qty. Colonnes trouvées : article, jour, nb');
      expect(count(s, 'SELECT count(*) FROM movements') + count(s, 'SELECT count(*) FROM products')).toBe(0);
      await page.unroute('**/api/call/onboarding.import');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('import-wizard').count()).toBe(0);
    });

    it('an export whose first day is after its last names both days, and downloads nothing', async () => {
      const { page } = s;
      await s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650 });
      await page.reload();
      await page.getByTestId('nav-products').click();
      await page.getByTestId('products-export').click();
      const dialog = page.getByTestId('export-dialog');
      await dialog.getByText('Mouvements', { exact: true }).click();
      await dialog.locator('input[name="from"]').fill('2026-05-14');
      await dialog.locator('input[name="to"]').fill('2026-05-01');
      let downloads = 0;
      page.on('download', () => downloads++);
      await dialog.getByTestId('export-download').click();
      await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('Le premier jour (14/05/2026) est après le dernier (01/05/2026) : inversez-les.');
      expect(downloads).toBe(0);
    });
  });

  describe('first run: a row imported with a remark', () => {
    let s: Session;
    beforeAll(async () => {
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('a negative stock (a product sold before it was received) imports the product without opening stock, listed apart from refused rows', async () => {
      const { page } = s;
      await page.getByTestId('welcome').waitFor();
      await page.keyboard.press('2');
      const wizard = page.getByTestId('import-wizard');
      await wizard.waitFor();
      const csv = '\ufeffRéférence;Désignation;Prix de vente;Stock\r\nTOM;Tomates;500;-0,25\r\nRIZ;Riz 1 kg;650;12\r\n';
      await page.locator('input[type="file"]').setInputFiles({ name: 'produits.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await wizard.getByTestId('import-preview').waitFor();
      await wizard.getByTestId('import-check').click();
      await wizard.getByTestId('import-warnings').waitFor();
      expect(await wizard.getByTestId('import-issues').count()).toBe(0);
      expect(await wizard.getByText('Importées, avec une remarque').count()).toBe(1);
      await expect(wizard.getByTestId('import-warnings').textContent()).resolves.toContain('Le stock -0,25 est négatif : le produit est importé quand même');
      await page.screenshot({ path: join(SHOTS, 'import-warning.png'), fullPage: true });
      await wizard.getByRole('button', { name: 'Importer', exact: true }).click();
      await wizard.getByTestId('import-done').waitFor();
      expect(count(s, 'SELECT count(*) FROM products')).toBe(2);
      expect(count(s, "SELECT count(*) FROM movements WHERE kind = 'receipt'")).toBe(1);
    });
  });

  describe('first run: the demo shop', () => {
    let s: Session;
    beforeAll(async () => {
      s = await openApp();
    });
    afterAll(async () => s?.close());

    it('opens the demo shop from the welcome screen, with a progress indicator, and fills the Products page', async () => {
      const { page } = s;
      await page.getByTestId('welcome').waitFor();
      // the demo takes seconds: record whether the progress indicator was ever on screen
      await page.evaluate(() => {
        const w = window as unknown as { sawProgress: boolean };
        w.sawProgress = false;
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="demo-progress"]')) w.sawProgress = true;
        }).observe(document.body, { childList: true, subtree: true });
      });
      await page.keyboard.press('1');
      await page.getByTestId('products-table').waitFor({ timeout: 110_000 });
      await expect.poll(() => page.getByTestId('products-table').locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(100);
      expect(count(s, 'SELECT count(*) FROM products')).toBeGreaterThan(300);
      await expect(page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).resolves.toBe(true);
      await expect(page.getByTestId('welcome').count()).resolves.toBe(0);
      // the header names the demo shop at once, not « Ma boutique » until a restart
      await expect.poll(() => page.getByText('Alimentation Awa — Dakar').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, 'demo-products.png') });

      // a demo barcode scanned at the till is one packaged item, not a scale label's weight
      const code = s.core.store.sqlite.prepare('SELECT barcode FROM product_barcodes ORDER BY product_id LIMIT 1').pluck().get() as string;
      await page.keyboard.press('Alt+1');
      await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
      await scan(page, code);
      await expect.poll(() => page.getByTestId('cart').locator('tbody tr').count()).toBe(1);
      await expect(page.getByRole('textbox', { name: /Quantité/ }).first().inputValue()).resolves.toBe('1');
    });
  });
});
