import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, type Session } from './browser';

describe('browser mode: Settings', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => s?.close());

  it('saving the shop form keeps what the other sections saved since the page opened: auto-lock, cash drawer, USB backup folder', async () => {
    const { page } = s;
    await must(s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650 }));
    await page.reload();
    await page.getByTestId('nav-settings').click();
    const shopName = page.getByRole('textbox', { name: 'Nom de la boutique' });
    await shopName.waitFor();

    // the printing section, on the same page, through its own form
    const printing = page.getByTestId('printing-form');
    await printing.getByRole('checkbox', { name: /tiroir-caisse/ }).check();
    await printing.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => s.core.services.settings.get().drawerKick).toBe(true);
    // the users' auto-lock and the backups' folder save their own fields as soon as they are chosen
    await must(s.core.call('settings.save', { autoLockMinutes: 2, backupFolder: s.dir }));

    await shopName.fill('Boutique Awa');
    await shopName.press('Enter');
    await expect.poll(() => s.core.services.settings.get().shopName).toBe('Boutique Awa');
    expect(s.core.services.settings.get()).toMatchObject({ drawerKick: true, autoLockMinutes: 2, backupFolder: s.dir });
  });
});
