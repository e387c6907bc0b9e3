import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { lock, logIn, openApp, type Session, SHOTS } from './browser';

const OWNER_PIN = '5183';
const PRINTER = 'tcp://192.168.1.50:9100';

describe('browser mode: Settings for a cashier, and the owner after the lock screen', () => {
  let s: Session;
  let backupFolder: string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    backupFolder = join(s.dir, 'usb');
    mkdirSync(backupFolder);
    const owner = s.core.services.session.owner();
    await must(s.core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: OWNER_PIN, active: true }));
    await must(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(s.core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7305' }));
    await must(s.core.call('settings.save', { shopName: 'Boutique Awa', receiptOutput: 'escpos', escposTarget: PRINTER, drawerKick: true, backupFolder }));
    // a restart: the page loads its settings at the lock screen, where main sends them without the places
    s.core.services.session.lock();
    await s.page.reload();
    await s.page.getByTestId('lock-screen').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a cashier sees the shop settings read-only, no Save, none of the owner’s sections, and a footer without the empty database part', async () => {
    const { page } = s;
    await logIn(page, 'Fatou (Caissier)', '4821');
    await page.getByTestId('nav-settings').click();
    const shop = page.getByTestId('shop-settings');
    await shop.waitFor();
    await page.getByTestId('settings-read-only').waitFor();
    expect(await page.getByTestId('settings-read-only').textContent()).toBe('Seul le propriétaire peut modifier les paramètres de la boutique.');
    const name = shop.getByRole('textbox', { name: 'Nom de la boutique' });
    expect(await name.inputValue()).toBe('Boutique Awa');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    const saves: string[] = [];
    page.on('request', (r) => r.url().includes('/api/call/settings.save') && saves.push(r.url()));
    await name.click();
    await page.keyboard.type('X');
    expect(await name.inputValue()).toBe('Boutique Awa');
    // Enter in a field does not try a save main would refuse
    await page.keyboard.press('Enter');
    // the language list does not open
    const language = shop.getByLabel('Langue', { exact: true });
    expect(await language.inputValue()).toBe('Français');
    await language.click();
    expect(await page.getByRole('option', { name: 'English' }).count()).toBe(0);
    expect(await shop.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    expect(await page.getByTestId('printing-form').count()).toBe(0);
    expect(await page.getByTestId('thresholds').count()).toBe(0);
    const about = (await page.getByTestId('settings-about').textContent()) ?? '';
    expect(about).toBe('Version test');
    expect(await page.getByText(PRINTER).count()).toBe(0);
    expect(saves).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'settings-cashier.png'), fullPage: true });
  });

  it('the owner, logging in on that page, gets the printer address and backup folder back, and saving printing keeps them', async () => {
    const { page } = s;
    await lock(page);
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('nav-settings').click();
    const printing = page.getByTestId('printing-form');
    await printing.waitFor();
    expect(await page.getByTestId('settings-read-only').count()).toBe(0);
    expect(await printing.getByRole('textbox', { name: /Adresse de l’imprimante thermique/ }).inputValue()).toBe(PRINTER);
    await printing.getByRole('checkbox', { name: /Imprimer chaque ticket/ }).check();
    await printing.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => s.core.services.settings.get().autoPrint).toBe(true);
    expect(s.core.services.settings.get()).toMatchObject({ escposTarget: PRINTER, backupFolder });
    expect((await page.getByTestId('settings-about').textContent()) ?? '').toContain('base de données : ');
    expect((await page.getByTestId('settings-about').textContent()) ?? '').toContain('shop.db');
    await page.screenshot({ path: join(SHOTS, 'settings-owner.png'), fullPage: true });
  });

  it('a manager sees the printing section without its address, told that the owner set it rather than shown an example as if none were set', async () => {
    const { page } = s;
    await lock(page);
    await logIn(page, 'Moussa (Gérant)', '7305');
    await page.getByTestId('nav-settings').click();
    const printing = page.getByTestId('printing-form');
    await printing.waitFor();
    const address = printing.getByRole('textbox', { name: /Adresse de l’imprimante thermique/ });
    expect(await address.inputValue()).toBe('');
    expect(await address.getAttribute('placeholder')).toBe('Réglée par le propriétaire, seul à voir l’adresse');
    expect(await printing.getByText(/Exemples : tcp/).count()).toBe(0);
    expect(await page.getByText(PRINTER).count()).toBe(0);
  });
});
