import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import type { Locator } from 'playwright-core';
import { openApp, plain, reloadOnTill, scan as scanKeys, type Session } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

describe('browser mode: price labels and free items on the Sell screen', () => {
  let s: Session;
  const codes = { offert: ean('600123450009'), comteLabel: ean('251234501000') };
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).textContent()) ?? '');
  const scan = (code: string) => scanKeys(s.page, code);
  const focused = (locator: Locator) => expect.poll(() => locator.evaluate((el) => el === document.activeElement)).toBe(true);
  const nextSale = async () => {
    await focused(s.page.getByRole('button', { name: /Nouvelle vente/ }));
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
  };

  beforeAll(async () => {
    s = await openApp();
    await must(s.core.call('settings.save', { shopName: 'Fromagerie', currency: 'EUR' }));
    const comte = await must<{ id: number }>(s.core.call('products.save', { sku: '12345', name: 'Comté AOP', unit: 'kg', priceMinor: 2999 }));
    const offert = await must<{ id: number }>(s.core.call('products.save', { sku: 'OFF', name: 'Sachet offert', priceMinor: 0, barcodes: [codes.offert] }));
    await must(s.core.call('ledger.record', { lines: [comte, offert].map((p) => ({ productId: p.id, kind: 'receipt', quantity: 10 })) }));
    await reloadOnTill(s.page);
  });
  afterAll(async () => s?.close());

  it('a price label printed 10,00 € is charged 10,00 €: its weight cannot be typed over, and the sale commits that amount', async () => {
    const { page } = s;
    await scan(codes.comteLabel);
    await page.getByTestId('cart-line-12345').waitFor();
    await expect.poll(() => text('cart-total')).toBe('10,00 €');
    expect(await text('price-label-12345')).toContain('10,00 €');
    await expect(page.getByRole('textbox', { name: 'Quantité Comté AOP' }).getAttribute('readonly')).resolves.not.toBeNull();
    await page.keyboard.press('F12');
    const payment = page.getByRole('dialog');
    await payment.getByRole('textbox', { name: 'Espèces' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => text('done-change')).toBe('0,00 €');
    expect(s.core.store.sqlite.prepare('SELECT total_minor, paid_minor FROM sales ORDER BY id DESC LIMIT 1').get()).toEqual({ total_minor: 1000, paid_minor: 1000 });
    await nextSale();
  });

  it('a free item (total 0) is recorded with no payment: the dialog says there is nothing to pay and Enter confirms', async () => {
    const { page } = s;
    await scan(codes.offert);
    await page.getByTestId('cart-line-OFF').waitFor();
    await expect.poll(() => text('cart-total')).toBe('0,00 €');
    await page.keyboard.press('F12');
    await page.getByTestId('nothing-to-pay').waitFor();
    await expect(page.getByRole('dialog').getByRole('textbox').count()).resolves.toBe(0);
    await focused(page.getByRole('button', { name: /Valider le paiement/ }));
    await page.keyboard.press('Enter');
    await page.getByTestId('done-change').waitFor();
    expect(s.core.store.sqlite.prepare('SELECT total_minor, paid_minor, change_minor FROM sales ORDER BY id DESC LIMIT 1').get()).toEqual({ total_minor: 0, paid_minor: 0, change_minor: 0 });
    await nextSale();
  });
});
