import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { asCashier, openTill, reloadOnTill, scan, SHOTS, type Session } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

describe('browser mode: Escape at the till puts things back', () => {
  let s: Session;
  const savon = ean('600123450103');
  const riz = ean('600123450101');
  const box = () => s.page.getByRole('textbox', { name: /Scanner un article/ });
  const inScanBox = () => box().evaluate((el) => el === document.activeElement);
  const qty = (name: string) => s.page.getByRole('textbox', { name: `Quantité ${name}` });
  const cartQuantity = (sku: string) => s.page.getByTestId(`cart-line-${sku}`).getByRole('textbox').first().inputValue();

  beforeAll(async () => {
    s = await openTill([
      ['SAV', 'Savon de Marseille', 300, savon],
      ['RIZP', 'Riz parfumé 1 kg', 650, riz],
    ]);
  });
  afterAll(async () => s?.close());

  it('Escape in a quantity (F4) puts the old quantity back and returns to the scan box; F2 then applies nothing', async () => {
    const { page } = s;
    await scan(page, savon);
    await scan(page, savon);
    await expect.poll(() => qty('Savon de Marseille').inputValue()).toBe('2');
    await page.keyboard.press('F4');
    await expect.poll(() => qty('Savon de Marseille').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('7');
    await page.keyboard.press('Escape');
    await expect.poll(inScanBox).toBe(true);
    expect(await qty('Savon de Marseille').inputValue()).toBe('2');
    await page.keyboard.press('F2');
    await page.waitForTimeout(200);
    expect(await cartQuantity('SAV')).toBe('2');
    expect(await page.getByTestId('cart-total').textContent()).toMatch(/600/);
    // nothing lowered, nothing audited
    expect(s.core.store.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'void_line'").pluck().get()).toBe(0);

    // an unreadable figure is dropped the same way, without a word
    await page.keyboard.press('F4');
    await page.keyboard.type('abc');
    await page.keyboard.press('Escape');
    await expect.poll(inScanBox).toBe(true);
    expect(await qty('Savon de Marseille').inputValue()).toBe('2');
    expect(await page.getByTestId('scan-error').count()).toBe(0);

    // Enter still sets a quantity
    await page.keyboard.press('F4');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => qty('Savon de Marseille').inputValue()).toBe('3');
    await expect.poll(inScanBox).toBe(true);
  });

  it('Escape in the scan box puts away « Code inconnu », and the box still scans, searches and pays', async () => {
    const { page } = s;
    await box().focus();
    await page.keyboard.type('12345', { delay: 90 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('scan-error').textContent()) ?? '').toContain('Code inconnu : « 12345 »');
    await page.screenshot({ path: join(SHOTS, 'sell-escape-unknown.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scan-error').count()).toBe(0);
    expect(await inScanBox()).toBe(true);

    // typing a name, the one result, Enter: added, the box emptied
    await box().fill('');
    await page.keyboard.type('riz', { delay: 90 });
    await expect.poll(() => page.getByTestId('search-results').getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => qty('Riz parfumé 1 kg').count()).toBe(1);
    await expect.poll(() => box().inputValue()).toBe('');
    expect(await page.getByTestId('search-results').count()).toBe(0);

    // a scan in a half-typed box adds the scanned product
    await page.keyboard.type('sav', { delay: 90 });
    await page.waitForTimeout(600);
    await scan(page, riz);
    await expect.poll(() => qty('Riz parfumé 1 kg').inputValue()).toBe('2');
    await expect.poll(() => box().inputValue()).toBe('');

    await page.keyboard.press('F12');
    await page.getByTestId('pay-total').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('done-change').waitFor();
    expect(s.core.store.sqlite.prepare('SELECT total_minor FROM sales ORDER BY id DESC').pluck().get()).toBe(3 * 300 + 2 * 650);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
    await expect.poll(inScanBox).toBe(true);
  });

  it("Escape puts away a cashier's refusal (a discount)", async () => {
    const { page } = s;
    await asCashier(s);
    await reloadOnTill(page);
    await scan(page, savon);
    await expect.poll(() => qty('Savon de Marseille').count()).toBe(1);
    await page.keyboard.press('F7');
    await expect.poll(async () => (await page.getByTestId('scan-error').textContent()) ?? '').toContain('Un caissier ne peut pas accorder de remise');
    await box().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scan-error').count()).toBe(0);
    expect(await qty('Savon de Marseille').inputValue()).toBe('1');
  });
});
