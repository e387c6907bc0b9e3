import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import { openApp, reloadOnTill, scan, type Session } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

describe('browser mode: the Sell search results by keyboard', () => {
  let s: Session;
  const savon = ean('600123450103');
  const cartNames = async () => (await s.page.getByTestId('cart').locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
  const highlighted = async () => ((await s.page.locator('[role="option"][aria-selected="true"]').textContent()) ?? '').trim();
  // a person types slowly (a burst faster than 40 ms a key would be a scanner)
  const typeSlowly = async (text: string) => s.page.keyboard.type(text, { delay: 90 });

  beforeAll(async () => {
    s = await openApp();
    const products = [
      ['RIZP', 'Riz parfumé 1 kg', 650, ean('600123450101')],
      ['RIZB', 'Riz brisé 25 kg', 12500, ean('600123450102')],
      ['SAV', 'Savon de Marseille', 300, savon],
    ] as const;
    for (const [sku, name, priceMinor, barcode] of products) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, priceMinor, barcodes: [barcode] }));
      await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 40 }] }));
    }
    await reloadOnTill(s.page);
  });
  afterAll(async () => s?.close());

  it('↓ and ↑ move through the results from the search box, Enter adds the highlighted one', async () => {
    const box = s.page.getByRole('textbox', { name: /Scanner un article/ });
    await box.focus();
    await typeSlowly('riz');
    const options = s.page.getByTestId('search-results').getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    expect(await s.page.locator('[role="option"][aria-selected="true"]').count()).toBe(0);
    const names = (await options.allTextContents()).map((t) => t.trim());

    await s.page.keyboard.press('ArrowDown');
    await expect.poll(highlighted).toBe(names[0]);
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(highlighted).toBe(names[1]);
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(highlighted).toBe(names[0]);
    await s.page.keyboard.press('ArrowUp');
    await expect.poll(highlighted).toBe(names[1]);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

    await s.page.keyboard.press('Enter');
    await expect.poll(cartNames).toHaveLength(1);
    expect(names[1]).toContain((await cartNames())[0]);
    expect(await box.inputValue()).toBe('');
    expect(await s.page.getByTestId('search-results').count()).toBe(0);
  });

  it('Enter on a name that several products match asks to pick one (highlighting the first), never "unknown code"', async () => {
    const box = s.page.getByRole('textbox', { name: /Scanner un article/ });
    await box.focus();
    await typeSlowly('riz');
    await expect.poll(() => s.page.getByTestId('search-results').getByRole('option').count()).toBe(2);
    const first = ((await s.page.getByTestId('search-results').getByRole('option').first().textContent()) ?? '').trim();
    await s.page.keyboard.press('Enter');
    await expect.poll(async () => (await s.page.getByTestId('scan-error').textContent()) ?? '').toContain('2 articles correspondent : choisissez-en un avec ↑ ↓ puis Entrée.');
    await expect.poll(highlighted).toBe(first);
    expect(await cartNames()).toHaveLength(1);
    expect(await box.inputValue()).toBe('riz');
    await s.page.keyboard.press('Escape');
    await box.fill('');
  });

  it('Escape closes the list and leaves the text; a scan still adds its product', async () => {
    const box = s.page.getByRole('textbox', { name: /Scanner un article/ });
    await box.focus();
    await typeSlowly('riz');
    await s.page.getByTestId('search-results').waitFor();
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('search-results').count()).toBe(0);
    expect(await box.inputValue()).toBe('riz');

    await box.fill('');
    await scan(s.page, savon);
    await expect.poll(cartNames).toHaveLength(2);
    expect((await cartNames())[1]).toContain('Savon de Marseille');
  });

  it('clearing the cart (Shift+F8, Enter) empties the till and audits what was voided', async () => {
    await s.page.keyboard.press('Shift+F8');
    const confirm = s.page.getByRole('dialog').getByRole('button', { name: /Oui, vider/ });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.press('Enter');
    await expect.poll(cartNames).toHaveLength(0);
    const rows = s.core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'void_cart'").all() as { detail: string }[];
    expect(rows).toHaveLength(1);
    const detail = JSON.parse(rows[0]!.detail) as { lines: { sku: string; amountMinor: number }[]; totalMinor: number };
    expect(detail.lines.map((l) => l.sku)).toHaveLength(2);
    expect(detail.lines.map((l) => l.sku)).toContain('SAV');
    expect(detail.totalMinor).toBe(detail.lines.reduce((sum, l) => sum + l.amountMinor, 0));
  });

  it('lowering a line (F4) and removing it (F8) before payment are audited, once each', async () => {
    const lineVoids = () =>
      (s.core.store.sqlite.prepare("SELECT user_id, detail FROM audit WHERE action = 'void_line' ORDER BY id").all() as { user_id: number; detail: string }[]).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
    for (let i = 0; i < 3; i++) {
      await scan(s.page, savon);
      await expect.poll(async () => s.page.getByRole('textbox', { name: 'Quantité Savon de Marseille' }).inputValue()).toBe(String(i + 1));
    }
    await s.page.keyboard.press('F4');
    const qty = s.page.getByRole('textbox', { name: 'Quantité Savon de Marseille' });
    await expect.poll(() => qty.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.type('1');
    await s.page.keyboard.press('Enter');
    await expect.poll(lineVoids).toHaveLength(1);
    expect(lineVoids()[0]).toMatchObject({ sku: 'SAV', removed: false, fromQuantity: 3, toQuantity: 1, quantity: 2, amountMinor: 600 });

    await s.page.keyboard.press('F8');
    await expect.poll(cartNames).toHaveLength(0);
    await expect.poll(lineVoids).toHaveLength(2);
    expect(lineVoids()[1]).toMatchObject({ sku: 'SAV', removed: true, fromQuantity: 1, toQuantity: 0, quantity: 1, amountMinor: 300 });
  });

  it('a return by keyboard only: F9, the receipt number and Enter, the cursor in the first quantity, Enter validates', async () => {
    const { page } = s;
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    for (let i = 0; i < 2; i++) {
      await scan(page, savon);
    }
    await expect.poll(async () => page.getByRole('textbox', { name: 'Quantité Savon de Marseille' }).inputValue()).toBe('2');
    await page.keyboard.press('F12');
    await page.getByTestId('pay-total').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('done-change').waitFor();
    const receiptNo = s.core.store.sqlite.prepare('SELECT max(receipt_no) FROM sales').pluck().get() as number;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);

    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('textbox', { name: 'N° du ticket' }).evaluate((el) => el === document.activeElement)).toBe(true);
    // the keys are shown on the buttons, as in the other dialogs
    expect(await dialog.getByRole('button', { name: /Chercher/ }).locator('kbd').textContent()).toBe('Entrée');
    expect(await dialog.getByRole('button', { name: /Valider le retour/ }).locator('kbd').textContent()).toBe('Entrée');
    await page.keyboard.type(String(receiptNo), { delay: 90 });
    await page.keyboard.press('Enter');
    await dialog.getByTestId('returnable').waitFor();
    await expect.poll(focusedName).toBe('Rendu maintenant Savon de Marseille');
    await page.keyboard.type('1', { delay: 90 });
    await page.screenshot({ path: join(__dirname, '..', '..', 'test-results', 'return-keyboard.png') });
    await page.keyboard.press('Enter');
    await expect.poll(async () => ((await page.getByTestId('done-change').textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ')).toBe('300 FCFA');
    expect(s.core.store.sqlite.prepare("SELECT count(*) FROM sales WHERE kind = 'return'").pluck().get()).toBe(1);
  });

  it('a sale paid by Wave comes back by Wave: the return dialog starts on the means of payment the sale was paid with', async () => {
    const { page } = s;
    const sale = await must<{ receiptNo: number }>(s.core.call('pos.checkout', { lines: [{ productId: 3, quantity: 2 }], tenders: [{ tender: 'wave', amountMinor: 600 }] }));
    // the last return's screen closes on Enter
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('textbox', { name: 'N° du ticket' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await typeSlowly(String(sale.receiptNo));
    await page.keyboard.press('Enter');
    await dialog.getByTestId('returnable').waitFor();
    await expect.poll(() => dialog.getByLabel('Rembourser en').inputValue()).toBe('Wave');
    await typeSlowly('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => s.core.store.sqlite.prepare("SELECT count(*) FROM sales WHERE kind = 'return'").pluck().get()).toBe(2);
    expect(s.core.store.sqlite.prepare("SELECT t.tender, t.amount_minor AS amountMinor FROM sale_tenders t JOIN sales r ON r.id = t.sale_id WHERE r.kind = 'return' ORDER BY r.id DESC LIMIT 1").get()).toEqual({ tender: 'wave', amountMinor: 600 });
  });
});
