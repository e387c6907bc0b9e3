import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/shared/domain/user';
import { must } from '../helpers/core';
import { lock, logIn, openApp, plain, type Session, SHOTS } from './browser';

const OWNER_PIN = '5183';

describe('browser mode: a cart left at the till by somebody else', () => {
  let s: Session;
  let fatou: UserRecord;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const owner = s.core.services.session.owner();
    await must(s.core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: OWNER_PIN, active: true }));
    const lait = await must<{ id: number }>(s.core.call('products.save', { sku: 'LAIT', name: 'Lait', priceMinor: 950 }));
    await must(s.core.call('ledger.record', { lines: [{ productId: lait.id, kind: 'receipt', quantity: 20 }] }));
    fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(s.core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7350' }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the manager who logs in after Fatou locked sees whose cart it is, keeps it from the keyboard, and Fatou then empties it', async () => {
    const { page } = s;
    await lock(page);
    await logIn(page, 'Fatou (Caissier)', '4821');
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.keyboard.type('LAIT', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line-LAIT').waitFor();
    // her own cart: nothing to say
    expect(await page.getByTestId('cart-started-by').count()).toBe(0);

    await lock(page);
    await logIn(page, 'Moussa (Gérant)', '7350');
    const line = page.getByTestId('cart-started-by');
    await line.waitFor();
    expect(await line.textContent()).toContain('Panier commencé par Fatou');
    expect(await line.textContent()).toContain('la vente sera enregistrée à votre nom');
    expect(plain((await page.getByTestId('cart-total').textContent()) ?? '')).toContain('950');
    await page.screenshot({ path: join(SHOTS, 'sell-cart-started-by.png') });

    // from the scan box, Tab reaches the choice; Enter keeps the cart, which is his from now on
    await page.keyboard.press('F2');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cart-keep');
    await page.keyboard.press('Enter');
    await expect.poll(() => line.count()).toBe(0);
    await page.getByTestId('cart-line-LAIT').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-scan-box'))).toBe(true);

    // Fatou back at the till finds Moussa's cart, and empties it with Shift+F8 (audited in her name)
    await lock(page);
    await logIn(page, 'Fatou (Caissier)', '4821');
    await line.waitFor();
    expect(await line.textContent()).toContain('Panier commencé par Moussa');
    await page.keyboard.press('Shift+F8');
    const confirm = page.getByRole('dialog').getByRole('button', { name: /Oui, vider/ });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line-LAIT').count()).toBe(0);
    expect(await line.count()).toBe(0);
    const voided = s.core.store.sqlite.prepare("SELECT user_id FROM audit WHERE action = 'void_cart'").pluck().all();
    expect(voided).toEqual([fatou.id]);
  });

  it('in English, with the mouse: "Cart started by", and the Clear button asks before emptying', async () => {
    const { page } = s;
    await lock(page);
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await must(s.core.call('settings.save', { locale: 'en' }));
    await lock(page);
    await page.reload();
    await page.getByTestId('lock-screen').waitFor();
    await logIn(page, 'Fatou (Cashier)', '4821');
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scan an item/ }).waitFor();
    await page.keyboard.type('LAIT', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line-LAIT').waitFor();
    await lock(page);
    await logIn(page, 'Moussa (Manager)', '7350');
    const line = page.getByTestId('cart-started-by');
    await line.waitFor();
    expect(await line.textContent()).toContain('Cart started by Fatou');
    await page.screenshot({ path: join(SHOTS, 'sell-cart-started-by-en.png') });
    await page.getByTestId('cart-empty').click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: /Yes, clear/ });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line-LAIT').count()).toBe(0);
    expect(await line.count()).toBe(0);
  });
});
