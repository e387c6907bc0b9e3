import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import { openApp, plain, reloadOnTill, scan, type Session, SHOTS } from './browser';

describe('browser mode: the till says when a lot past its date is still on the shelf', () => {
  let s: Session;
  let clock = new Date('2026-05-10T09:00:00');
  const ean = (body: string) => body + ean13CheckDigit(body);
  const codes = { sirop: ean('604400030001'), collyre: ean('604400030002') };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => clock });
    const sirop = await must<{ id: number }>(s.core.call('products.save', { sku: 'SIROP', name: 'Sirop contre la toux', priceMinor: 2500, tracksExpiry: true, barcodes: [codes.sirop] }));
    const collyre = await must<{ id: number }>(s.core.call('products.save', { sku: 'COLLYRE', name: 'Collyre 10 ml', priceMinor: 1800, tracksExpiry: true, barcodes: [codes.collyre] }));
    await must(s.core.call('stock.receive', { lines: [{ productId: sirop.id, quantity: 5, lot: 'B-SHORT', expiry: '2026-05-20' }, { productId: sirop.id, quantity: 6, lot: 'C-LONG', expiry: '2027-01-31' }] }));
    await must(s.core.call('stock.receive', { lines: [{ productId: collyre.id, quantity: 3, lot: 'K-12', expiry: '2026-05-15' }] }));
    clock = new Date('2026-05-22T09:00:00');
    await reloadOnTill(s.page);
  });
  afterAll(async () => s?.close());

  it('a scan names the expired lot and its date; when all the stock is past its date, it says not to sell it', async () => {
    const { page } = s;
    await scan(page, codes.sirop);
    const notice = page.getByTestId('sell-notice');
    await expect
      .poll(async () => plain((await notice.textContent()) ?? ''))
      .toBe('Vérifiez la date de Sirop contre la toux : 5 du lot B-SHORT sont périmés depuis le 20/05/2026 et pas encore retirés de la vente.');
    await scan(page, codes.collyre);
    await expect
      .poll(async () => plain((await notice.textContent()) ?? ''))
      .toBe('Tout le stock de Collyre 10 ml est périmé (lot K-12, 15/05/2026) : ne le vendez pas, et passez-le en perte (Stock, F4).');
    await page.screenshot({ path: join(SHOTS, 'sell-expired.png') });
    // the cart has both: the cashier decides, the warning stays until closed
    await expect.poll(() => page.getByTestId('cart').locator('tbody tr').count()).toBe(2);
  });

  it('the owner throws the expired lot away from its alert (Enter confirms), and another from Stock › F4 by choosing its lot', async () => {
    const { page, core } = s;
    core.services.alerts.evaluate();
    await page.getByTestId('nav-alerts').click();
    const row = page.getByTestId('alert-expiring_lot').filter({ hasText: 'B-SHORT' });
    await row.getByTestId('alert-write-off').click();
    const modal = page.getByTestId('write-off-lot-modal');
    await expect.poll(async () => plain((await modal.locator('.mantine-Modal-title').textContent()) ?? '')).toBe('Retirer du stock le lot B-SHORT de Sirop contre la toux (péremption 20/05/2026)');
    const quantity = modal.getByRole('textbox', { name: 'Quantité perdue' });
    await expect.poll(() => quantity.inputValue()).toBe('5');
    await expect.poll(() => modal.getByRole('radio', { name: 'Périmé' }).isChecked()).toBe(true);
    expect(await modal.getByTestId('write-off-lot').inputValue()).toBe('B-SHORT · périmé le 20/05/2026 · 5');
    await page.screenshot({ path: join(SHOTS, 'alert-write-off-lot.png') });
    // the quantity is selected: Enter confirms what the alert said
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => modal.count()).toBe(0);
    await expect.poll(() => row.count()).toBe(0);
    const loss = core.store.sqlite.prepare("SELECT qty_milli AS milli, lot, expiry, reason FROM movements WHERE kind = 'loss'").all();
    expect(loss).toEqual([{ milli: -5000, lot: 'B-SHORT', expiry: '2026-05-20', reason: 'expired' }]);

    // F4: the collyre's lot chosen from the list fills in what is left of it and « expired »
    await page.getByTestId('nav-stock').click();
    await page.keyboard.press('F4');
    const form = page.getByTestId('write-off-form');
    await form.getByRole('combobox', { name: 'Produit' }).fill('collyre');
    await page.getByRole('option', { name: /Collyre 10 ml/ }).click();
    await form.getByTestId('write-off-lot').click();
    await page.getByRole('option', { name: 'K-12 · périmé le 15/05/2026 · 3' }).click();
    await expect.poll(() => form.getByRole('textbox', { name: 'Quantité perdue' }).inputValue()).toBe('3');
    await expect.poll(() => form.getByRole('radio', { name: 'Périmé' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Enregistrer la perte' }).click();
    await expect.poll(() => core.store.sqlite.prepare("SELECT COUNT(*) AS n FROM movements WHERE kind = 'loss' AND lot = 'K-12'").get()).toEqual({ n: 1 });
    // nothing past its date is left in the shop: no lot alert stands
    await page.getByTestId('nav-alerts').click();
    await expect.poll(() => page.getByTestId('alert-expiring_lot').count()).toBe(0);
  });
});
