import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../../src/shared/api/contract';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import { openApp, type Session, SHOTS } from './browser';

/** The smallest screen the shop is used on: every check and screenshot here is made at that size. */
const SMALL = { width: 1024, height: 768 };
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name) });

describe('browser mode: a cashier who left is deactivated, and PINs are masked', () => {
  let s: Session;
  let fatou: UserRecord;
  const users = async () => must<UserRecord[]>(s.core.call('users.list', {}));
  const form = () => s.page.getByTestId('user-form');
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await s.page.setViewportSize(SMALL);
    await ownerPin(s.core);
    fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821', active: true }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
    await s.page.keyboard.press('Alt+9');
    await s.page.getByTestId('users-table').waitFor();
  });
  afterAll(async () => s?.close());

  it('types a new user’s PIN in a masked field', async () => {
    const { page } = s;
    const pin = page.getByTestId('user-pin');
    await expect(pin.getAttribute('type')).resolves.toBe('password');
    await form().getByRole('textbox', { name: 'Nom', exact: true }).fill('Awa');
    await form().getByLabel('Code PIN').fill('1357');
    await expect(pin.inputValue()).resolves.toBe('1357');
    await form().getByRole('button', { name: 'Ajouter l’utilisateur' }).click();
    await expect.poll(async () => (await users()).find((u) => u.name === 'Awa')).toMatchObject({ role: 'cashier', active: true, hasPin: true });
  });

  it('the owner turns Fatou off: she is shown inactive, is gone from the lock screen and the core refuses her PIN', async () => {
    const { page } = s;
    const row = page.getByTestId(`user-row-${fatou.id}`);
    await row.getByRole('button', { name: 'Modifier' }).click();
    // the new PIN is masked too
    await expect(form().getByLabel(/Nouveau PIN/).getAttribute('type')).resolves.toBe('password');
    const active = form().getByRole('switch', { name: 'Actif' });
    await expect(active.isChecked()).resolves.toBe(true);
    await expect(active.isDisabled()).resolves.toBe(false);
    await shot(page, 'firstday-users-editing.png');
    // keyboard: Space toggles the switch
    await active.focus();
    await page.keyboard.press('Space');
    await expect(active.isChecked()).resolves.toBe(false);
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await users()).find((u) => u.id === fatou.id)?.active).toBe(false);
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await expect(row.textContent()).resolves.toContain('Inactif');
    await expect(row.getByText('Fatou', { exact: true }).evaluate((el) => getComputedStyle(el).opacity)).resolves.toBe('0.55');
    await shot(page, 'firstday-users-inactive.png');

    expect(await s.core.call('session.login', { userId: fatou.id, pin: '4821' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // the switch-user dialog lists only the people still working here
    await page.getByTestId('current-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Qui êtes-vous ?' }).click();
    await page.getByRole('option', { name: 'Awa (Caissier)' }).waitFor();
    await expect(page.getByRole('option', { name: /Fatou/ }).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the owner cannot turn themselves off, and demoting the last owner is refused in French under Rôle', async () => {
    const { page } = s;
    const owner = s.core.services.session.owner();
    await page.getByTestId(`user-row-${owner.id}`).getByRole('button', { name: 'Modifier' }).click();
    const active = form().getByRole('switch', { name: 'Actif' });
    await expect(active.isDisabled()).resolves.toBe(true);
    await expect(page.getByText('C’est votre propre compte : un autre propriétaire peut le désactiver, pas vous.').count()).resolves.toBe(1);
    await form().getByRole('combobox', { name: 'Rôle' }).click();
    await page.getByRole('option', { name: 'Gérant' }).click();
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    const message = 'La boutique doit garder au moins un propriétaire actif : nommez d’abord un autre propriétaire.';
    await form().getByText(message).waitFor();
    // under the role's box: its error element is the one its input names
    const described = await form().getByRole('combobox', { name: 'Rôle' }).getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    await expect(page.locator(`[id="${(described ?? '').split(' ').find((id) => id.includes('error'))}"]`).textContent()).resolves.toBe(message);
    expect((await users()).find((u) => u.id === owner.id)).toMatchObject({ role: 'owner', active: true });
    await shot(page, 'firstday-users-last-owner.png');
    await form().getByRole('button', { name: 'Annuler' }).click();
  });

  it('turned back on, Fatou logs in again with her PIN', async () => {
    const { page } = s;
    await page.getByTestId(`user-row-${fatou.id}`).getByRole('button', { name: 'Modifier' }).click();
    const active = form().getByRole('switch', { name: 'Actif' });
    await expect(active.isChecked()).resolves.toBe(false);
    await active.check();
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await users()).find((u) => u.id === fatou.id)?.active).toBe(true);
    expect(await s.core.call('session.login', { userId: fatou.id, pin: '4821' })).toMatchObject({ ok: true, data: { id: fatou.id } });
  });
});

describe('browser mode: the Products page and form on a first day', () => {
  let s: Session;
  const productCount = () => s.core.store.sqlite.prepare('SELECT count(*) FROM products').pluck().get() as number;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await s.page.setViewportSize(SMALL);
    for (let i = 1; i <= 260; i++) {
      const n = String(i).padStart(3, '0');
      await must(s.core.call('products.save', { sku: `P${n}`, name: `Produit ${n}`, priceMinor: 100 * i }));
    }
    await s.page.reload();
    await s.page.getByTestId('nav-products').waitFor();
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('product-row-P001').waitFor();
  });
  afterAll(async () => s?.close());

  it('lists 260 products a page of 200 at a time, says so, and reaches the 260th with the keyboard', async () => {
    const { page } = s;
    const table = page.getByTestId('products-table');
    await expect(page.getByTestId('products-count').textContent()).resolves.toBe('Produits 1 à 200 sur 260');
    await expect(table.locator('tbody tr').count()).resolves.toBe(200);
    await expect(page.getByTestId('product-row-P260').count()).resolves.toBe(0);
    // the last row's last button, then Tab: the page buttons come next (« précédente » is off on page 1)
    await page.getByTestId('product-row-P200').getByRole('button', { name: 'Désactiver' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Page 1');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Page 2');
    await shot(page, 'firstday-products-page1-bottom.png');
    await page.keyboard.press('Enter');
    await page.getByTestId('product-row-P260').waitFor();
    await expect(page.getByTestId('products-count').textContent()).resolves.toBe('Produits 201 à 260 sur 260');
    await expect(table.locator('tbody tr').count()).resolves.toBe(60);
    // the new page is shown from its top, with the count
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByTestId('product-row-P001').count()).resolves.toBe(0);
    await expect(page.getByRole('navigation', { name: 'Pages de la liste des produits' }).getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).resolves.toBe('page');
    await shot(page, 'firstday-products-page2.png');
    // a search starts again from its first page
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('Produit 25');
    await expect.poll(() => page.getByTestId('products-count').textContent()).toBe('10 au total');
    await page.getByTestId('product-row-P250').waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(10);
    await expect(page.getByTestId('products-pages').count()).resolves.toBe(0);
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('');
    await page.getByTestId('product-row-P001').waitFor();
  });

  it('saves "18 %" VAT, "7 j" lead time and "1 000" as numbers, with the unit chosen by its French name', async () => {
    const { page } = s;
    await page.getByRole('textbox', { name: 'Rechercher' }).focus();
    await page.keyboard.press('Alt+n');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Lait en poudre 400 g');
    await dialog.locator('input[name="sku"]').fill('LAIT-400');
    await dialog.locator('input[name="price"]').fill('1 000');
    await dialog.locator('input[name="vat"]').fill('18 %');
    await dialog.locator('input[name="leadTimeDays"]').fill('7 j');
    await dialog.locator('input[name="packSize"]').fill('24');
    await dialog.locator('input[name="minOrderQty"]').fill('1\u00a0000');
    const unit = dialog.getByRole('combobox', { name: 'Unité', exact: true });
    await expect(unit.inputValue()).resolves.toBe('pièce');
    await unit.click();
    const options = await page.getByRole('option').allTextContents();
    expect(options).toEqual(['pièce', 'kg', 'g', 'l', 'ml', 'm', 'boîte', 'paquet']);
    await shot(page, 'firstday-product-form-units.png');
    await page.getByRole('option', { name: 'boîte' }).click();
    await expect(unit.inputValue()).resolves.toBe('boîte');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const { items } = await must<{ items: ProductView[] }>(s.core.call('products.list', { search: 'LAIT-400' }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ unit: 'box', vatRateBp: 1800, leadTimeDays: 7, packSize: 24, minOrderQty: 1000, priceMinor: 1000 });

    // the stored code comes back as its French name in the form and as « boîtes » on the page
    await must(s.core.call('ledger.record', { lines: [{ productId: items[0].id, kind: 'receipt', quantity: 3 }] }));
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('LAIT-400');
    const row = page.getByTestId('product-row-LAIT-400');
    await expect.poll(async () => ((await row.getByTestId('on-hand').textContent()) ?? '').replace(/\u00a0/g, ' ')).toBe('3 boîtes');
    await row.getByRole('button', { name: 'Modifier' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Unité', exact: true }).inputValue()).resolves.toBe('boîte');
    await expect(dialog.locator('input[name="vat"]').inputValue()).resolves.toBe('18');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('says under each box, in French, what is no number, and saves nothing', async () => {
    const { page } = s;
    const before = productCount();
    await page.getByRole('textbox', { name: 'Rechercher' }).focus();
    await page.keyboard.press('Alt+n');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Savon');
    await dialog.locator('input[name="sku"]').fill('SAV');
    await dialog.locator('input[name="price"]').fill('250');
    await dialog.locator('input[name="vat"]').fill('dix-huit');
    await dialog.locator('input[name="leadTimeDays"]').fill('une semaine');
    await dialog.locator('input[name="packSize"]').fill('abc');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const errorOf = async (name: string) => {
      const ids = (await dialog.locator(`input[name="${name}"]`).getAttribute('aria-describedby')) ?? '';
      const id = ids.split(' ').find((x) => x.includes('error'));
      return id ? dialog.locator(`[id="${id}"]`).textContent() : null;
    };
    await expect.poll(() => errorOf('vat')).toBe('Tapez un taux de 0 à 100, 2 décimales au plus (ex. 18 ou 5,5)');
    await expect(errorOf('leadTimeDays')).resolves.toBe('Tapez un nombre entier de jours, de 0 à 365 (ex. 7)');
    await expect(errorOf('packSize')).resolves.toBe('Tapez un nombre (ex. 12 ou 1,5)');
    await expect(errorOf('minOrderQty')).resolves.toBeNull();
    const text = (await dialog.textContent()) ?? '';
    expect(text).not.toMatch(/Invalid|expected/);
    await shot(page, 'firstday-product-form-errors.png');
    expect(productCount()).toBe(before);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });
});
