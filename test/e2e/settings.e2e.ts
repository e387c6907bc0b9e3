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

  it('a logo that is really a WebP named logo.png is refused under the button, nothing saved; a real PNG is shown and saved', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    const form = page.getByTestId('thresholds');
    await form.waitFor();
    const choose = async (name: string, base64: string) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: /^Logo/ }).click()]);
      await chooser.setFiles({ name, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') });
    };
    await choose('logo.png', 'UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA');
    await expect.poll(async () => (await form.textContent()) ?? '').toContain('Ce fichier n’est pas vraiment une image PNG ou JPEG');
    expect(await form.getByRole('img', { name: 'logo' }).count()).toBe(0);
    await choose('logo.png', 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');
    await form.getByRole('img', { name: 'logo' }).waitFor();
    expect(await form.textContent()).not.toContain('pas vraiment une image');
    await form.getByTestId('save-thresholds').click();
    await expect.poll(() => s.core.services.settings.get().logo).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('Enter in a threshold saves the section, as Enter in the shop’s name does (keyboard review M10)', async () => {
    const { page } = s;
    const overstock = page.getByTestId('thresholds').getByLabel('Surstock au-delà de (jours de ventes)');
    await overstock.fill('120');
    await overstock.press('Enter');
    await expect.poll(() => s.core.services.settings.get().overstockDays).toBe(120);
  });
});
