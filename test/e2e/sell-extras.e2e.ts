import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import type { Locator } from 'playwright-core';
import { openApp, plain, reloadOnTill, scan as scanKeys, type Session, SHOTS } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

describe('browser mode: discounts, parked sales and the shortcut legend on the Sell screen', () => {
  let s: Session;
  const ids: Record<string, number> = {};
  const codes = { lait: ean('600123450001'), riz: ean('600123450002'), savon: ean('600123450003'), huile: ean('600123450004'), sucre: ean('600123450005') };
  const count = (sql: string) => (s.core.store.sqlite.prepare(sql).get() as { n: number }).n;
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).textContent()) ?? '');
  const scan = async (...list: string[]) => {
    for (const code of list) {
      await scanKeys(s.page, code);
    }
  };
  const lines = () => s.page.getByTestId('cart').locator('tbody tr').count();
  /** Keys go where the focus is: wait until a dialog has put it on the expected field or button. */
  const focused = (locator: Locator) => expect.poll(() => locator.evaluate((el) => el === document.activeElement)).toBe(true);
  /** Enter on the 'sale done' dialog, once its 'Next sale' button has the focus, back to an empty till. */
  const nextSale = async () => {
    await focused(s.page.getByRole('button', { name: /Nouvelle vente/ }));
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Dakar, Médina' }));
    const products = [
      ['LAIT', 'Lait en poudre 400 g', 2950, 1800, codes.lait],
      ['RIZ', 'Riz parfumé 1 kg', 650, 0, codes.riz],
      ['SAV', 'Savon de Marseille', 300, 1800, codes.savon],
      ['HUI', 'Huile d’arachide 1 L', 1500, 1800, codes.huile],
      ['SUC', 'Sucre en morceaux 1 kg', 900, 0, codes.sucre],
    ] as const;
    for (const [sku, name, priceMinor, vatRateBp, barcode] of products) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, priceMinor, vatRateBp, barcodes: [barcode] }));
      ids[sku] = p.id;
      await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 40 }] }));
    }
    await reloadOnTill(s.page);
  });
  afterAll(async () => s?.close());

  it('parks a sale with F3 under the customer’s name, serves the next customer, resumes it with F6 at today’s price and pays', async () => {
    const { page } = s;
    await scan(codes.lait, codes.savon);
    await page.getByTestId('cart-line-SAV').waitFor();
    await page.keyboard.press('F3');
    const park = page.getByRole('dialog', { name: 'Mettre la vente en attente' });
    await park.getByRole('textbox', { name: /Nom du client/ }).fill('Mme Diop');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('sell-notice')).toContain('Vente mise en attente : Mme Diop');
    await expect.poll(lines).toBe(0);
    await expect.poll(() => text('parked-count')).toBe('1');

    // the soap's price goes up while Mme Diop is away
    await must(s.core.call('products.save', { id: ids.SAV, sku: 'SAV', name: 'Savon de Marseille', priceMinor: 350, vatRateBp: 1800, barcodes: [codes.savon] }));

    // the next customer: rice, paid in cash
    await scan(codes.riz);
    await page.getByTestId('cart-line-RIZ').waitFor();
    await page.keyboard.press('F12');
    await focused(page.getByRole('dialog', { name: 'Encaissement' }).getByRole('textbox', { name: 'Espèces' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => text('done-change')).toBe('0 FCFA');
    await nextSale();
    await expect.poll(lines).toBe(0);

    // Mme Diop is back: F6, Enter on the first parked sale
    await page.keyboard.press('F6');
    const list = page.getByTestId('parked-list');
    await expect.poll(async () => plain((await list.textContent()) ?? '')).toMatch(/Propriétaire.*Mme Diop.*2.*3 250 FCFA/);
    await expect.poll(async () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reprendre Mme Diop');
    await page.screenshot({ path: join(SHOTS, 'sell-parked.png') });
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line-SAV').waitFor();
    await expect.poll(() => text('sell-notice')).toContain('Prix changé depuis la mise en attente : Savon de Marseille 300 FCFA → 350 FCFA');
    await expect.poll(() => text('cart-total')).toBe('3 300 FCFA');
    await page.keyboard.press('F12');
    await page.getByRole('dialog', { name: 'Encaissement' }).getByRole('textbox', { name: 'Espèces' }).fill('5000');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('done-change')).toBe('1 700 FCFA');
    await nextSale();
    expect(count('SELECT count(*) AS n FROM parked_sales')).toBe(0);
    expect(count("SELECT count(*) AS n FROM sales WHERE kind = 'sale'")).toBe(2);
    expect(count('SELECT total_minor AS n FROM sales WHERE receipt_no = 2')).toBe(3300);

    // a customer who never comes back: parked, then discarded from the list with Delete (audited)
    await scan(codes.sucre);
    await page.getByTestId('cart-line-SUC').waitFor();
    await page.keyboard.press('F3');
    await focused(page.getByRole('textbox', { name: /Nom du client/ }));
    await page.keyboard.press('Enter');
    await expect.poll(() => text('sell-notice')).toContain('sans nom');
    await page.keyboard.press('F6');
    await focused(page.getByRole('button', { name: 'Reprendre sans nom' }));
    await page.keyboard.press('Delete');
    await expect.poll(() => text('discard-confirm')).toContain('Supprimer la vente en attente « sans nom » (900 FCFA)');
    await page.keyboard.press('Enter');
    // the last one gone, the list closes by itself and the cursor is back in the scan box
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await focused(page.getByRole('textbox', { name: /Scanner un article/ }));
    expect(count("SELECT count(*) AS n FROM audit WHERE action = 'discard_parked'")).toBe(1);

    // one sale stays parked for later (Awa will be back)
    await scan(codes.huile, codes.huile);
    await page.getByTestId('cart-line-HUI').waitFor();
    await page.keyboard.press('F3');
    await page.getByRole('dialog').getByRole('textbox', { name: /Nom du client/ }).fill('Awa (boutique voisine)');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('parked-count')).toBe('1');
  });

  it('a manager gives a line discount in percent and a sale discount in francs; the screen, the sale and the receipt PDF show them', async () => {
    const { page } = s;
    // the soap costs 350 FCFA since the first test
    await scan(codes.lait, codes.lait, codes.riz, codes.savon);
    await page.getByTestId('cart-line-SAV').waitFor();
    // the last scanned line is chosen; ↑ twice reaches the milk
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => page.getByTestId('cart-line-LAIT').getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('F7');
    const line = page.getByRole('dialog', { name: 'Remise sur « Lait en poudre 400 g »' });
    await line.getByRole('textbox', { name: 'Remise' }).pressSequentially('10%');
    await expect.poll(async () => plain((await line.getByTestId('discount-preview').textContent()) ?? '')).toContain('−590 FCFA');
    await page.screenshot({ path: join(SHOTS, 'sell-discount-modal.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => text('line-discount-LAIT')).toBe('Remise 10 % −590 FCFA');

    await page.keyboard.press('Shift+F7');
    const sale = page.getByRole('dialog', { name: 'Remise sur toute la vente' });
    const amount = sale.getByRole('textbox', { name: 'Remise' });
    await amount.fill('7000');
    await expect.poll(async () => plain((await sale.textContent()) ?? '')).toContain('La remise (7 000 FCFA) dépasse le montant de la vente (6 310 FCFA).');
    await expect(sale.getByRole('button', { name: /Appliquer/ }).isDisabled()).resolves.toBe(true);
    await amount.fill('500');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('sale-discount')).toMatch(/^Remise sur la vente\s*−500 FCFA$/);
    await expect.poll(() => text('line-discounts')).toMatch(/^Remises sur les lignes\s*−590 FCFA$/);
    await expect.poll(() => text('cart-total')).toBe('5 810 FCFA');
    await expect.poll(() => text('shortcut-legend')).toContain('Remise sur la ligne');
    expect(await page.getByTestId('shortcut-legend').locator('kbd').allTextContents()).toEqual(expect.arrayContaining(['F5', 'F7']));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, 'sell-discounts.png') });

    await page.keyboard.press('F12');
    await page.getByRole('dialog', { name: 'Encaissement' }).getByRole('textbox', { name: 'Espèces' }).fill('10000');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('done-change')).toBe('4 190 FCFA');
    const receiptNo = count("SELECT max(receipt_no) AS n FROM sales WHERE kind = 'sale'");
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog').getByRole('button', { name: 'Ticket (PDF)' }).click()]);
    const file = join(s.dir, 'ticket-remises.pdf');
    await download.saveAs(file);
    const receipt = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(receipt).toContain(`Ticket N° ${receiptNo}`);
    expect(receipt).toMatch(/2 x 2 950 FCFA\s+5 900 FCFA/);
    expect(receipt).toMatch(/Remise\s+-590 FCFA/);
    expect(receipt).toMatch(/Sous-total\s+6 310 FCFA/);
    expect(receipt).toMatch(/Remise\s+-500 FCFA/);
    expect(receipt).toMatch(/TOTAL\s+5 810 FCFA/);
    expect(receipt).toMatch(/Rendu\s+4 190 FCFA/);
    await page.getByRole('button', { name: /Nouvelle vente/ }).click();
    await expect.poll(lines).toBe(0);
    expect(count(`SELECT total_minor AS n FROM sales WHERE receipt_no = ${receiptNo}`)).toBe(5810);
    expect(count("SELECT count(*) AS n FROM audit WHERE action = 'override_discount'")).toBe(2);
  });

  it('a cashier asking for a discount is told to ask a manager; nothing changes in the cart', async () => {
    const { page } = s;
    await ownerPin(s.core);
    const fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(s.core.call('session.login', { userId: fatou.id, pin: '4821' }));
    await page.reload();
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Fatou · Caissier');
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await scan(codes.lait);
    await page.getByTestId('cart-line-LAIT').waitFor();
    for (const key of ['F7', 'Shift+F7']) {
      await page.keyboard.press(key);
      await expect.poll(() => text('scan-error')).toBe('Un caissier ne peut pas accorder de remise : demandez au gérant.');
      await expect(page.getByRole('dialog').count()).resolves.toBe(0);
      await page.getByTestId('scan-error').getByRole('button').click();
    }
    // the line's discount button is disabled for a cashier, and says who may give one
    const lineDiscount = page.getByRole('button', { name: 'Remise sur la ligne Lait en poudre 400 g' });
    expect(await lineDiscount.isDisabled()).toBe(true);
    await lineDiscount.locator('xpath=..').hover();
    await expect.poll(async () => (await page.getByRole('tooltip').textContent()) ?? '').toBe('Réservé au gérant et au propriétaire.');
    expect(await text('cart-total')).toBe('2 950 FCFA');
    // the legend lists only the keys a cashier may use: no price (F5), no discounts (F7, Shift+F7)
    const legend = page.getByTestId('shortcut-legend');
    await expect.poll(() => text('shortcut-legend')).toContain('Retirer la ligne');
    const keys = await legend.locator('kbd').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['F2', 'F3', 'F4', 'F6', 'F8', 'F9', 'F10', 'F12']));
    expect(keys).not.toContain('F5');
    expect(keys).not.toContain('F7');
    expect(await text('shortcut-legend')).not.toMatch(/Prix \(gérant\)|Remise sur la ligne|Remise sur la vente/);
    await page.screenshot({ path: join(SHOTS, 'sell-cashier-discount.png') });
  });
});
