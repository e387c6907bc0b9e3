import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../src/main/web/server';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, OWNER_PIN, ownerPin } from '../helpers/core';
import { chromiumPath, closeNotifications, openApp, plain, RENDERER, type Session, SHOTS } from './browser';

/** At the lock screen: picks who is there and types the PIN. */
async function logIn(page: Page, who: string, pin: string): Promise<void> {
  await page.getByTestId('login-user').click();
  await page.getByRole('option', { name: who }).click();
  await page.getByTestId('login-pin').fill(pin);
  await page.keyboard.press('Enter');
}

/** The lock screen, if an earlier test left it: the owner logs back in. */
async function logInAsOwnerIfLocked(page: Page): Promise<void> {
  if (await page.getByTestId('lock-screen').count()) await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
  await page.getByTestId('current-user').waitFor();
}

describe('browser mode: locking the till', () => {
  let s: Session;
  let fatou: UserRecord;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await ownerPin(s.core);
    await must(s.core.call('products.save', { sku: 'LAIT', name: 'Lait', priceMinor: 950 }));
    await must(s.core.call('suppliers.save', { name: 'SODIS Dakar' }));
    fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Alt+L locks; only a right PIN opens it again, as that user', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+L');
    const lock = page.getByTestId('lock-screen');
    await lock.waitFor();
    expect(await lock.textContent()).toContain('Caisse verrouillée');
    expect(await page.getByTestId('current-user').count()).toBe(0);
    // main refuses everything but the login while locked, whatever the page tries
    expect(await s.core.call('products.list', {})).toMatchObject({ ok: false, error: { details: { reason: 'locked' } } });
    await lock.getByRole('combobox', { name: 'Qui êtes-vous ?' }).click();
    await page.getByRole('option', { name: 'Fatou (Caissier)' }).click();
    await lock.getByLabel('Code PIN').fill('0000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lock.textContent()) ?? '').toContain('Code PIN incorrect');
    await lock.getByLabel('Code PIN').fill('4821');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Fatou · Caissier');
    await page.screenshot({ path: join(SHOTS, 'lock-after.png') });
  });

  it('the Lock button locks too, the sale being rung up is still there after the login, and a page that finds the till locked by main shows the lock screen', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.keyboard.type('LAIT', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line-LAIT').waitFor();
    await page.getByTestId('lock').click();
    await page.getByTestId('lock-screen').waitFor();
    await logIn(page, 'Fatou (Caissier)', '4821');
    await page.getByTestId('current-user').waitFor();
    // locking used to unmount the Sell page and drop its cart
    await page.getByTestId('cart-line-LAIT').waitFor();
    // locked from elsewhere (another window, a restart of the server): the next call shows the lock screen
    s.core.services.session.lock();
    await page.keyboard.press('Alt+2');
    await page.getByTestId('lock-screen').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lock-screen.png') });
  });

  it('a delivery being typed is still there after a lock, note, supplier and lines; recorded, the form is empty again', async () => {
    const { page } = s;
    await logInAsOwnerIfLocked(page);
    await page.keyboard.press('Alt+2');
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F3');
    const form = page.getByTestId('receive-form');
    await form.getByRole('combobox', { name: 'Fournisseur (facultatif)' }).click();
    await page.getByRole('option', { name: 'SODIS Dakar' }).click();
    await form.getByRole('textbox', { name: 'N° du bon de livraison' }).fill('BL 4521');
    await form.getByRole('combobox', { name: 'Ajouter un produit (nom, code ou scan)' }).fill('lait');
    await page.getByRole('option', { name: /Lait/ }).click();
    await form.getByRole('textbox', { name: 'Quantité Lait' }).fill('24');
    await page.keyboard.press('Alt+L');
    await page.getByTestId('lock-screen').waitFor();
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await page.keyboard.press('F3');
    const again = page.getByTestId('receive-form');
    await expect.poll(() => again.getByRole('textbox', { name: 'Quantité Lait' }).inputValue()).toBe('24');
    expect(await again.getByRole('textbox', { name: 'N° du bon de livraison' }).inputValue()).toBe('BL 4521');
    await expect.poll(() => again.getByRole('combobox', { name: 'Fournisseur (facultatif)' }).inputValue()).toBe('SODIS Dakar');
    await page.keyboard.press('Control+Enter');
    await again.getByTestId('receive-done').waitFor();
    expect(s.core.store.sqlite.prepare('SELECT number, delivery_note AS note, lines FROM stock_receipts').all()).toEqual([{ number: 1, note: 'BL 4521', lines: 1 }]);
    // recorded: nothing is kept for the next delivery, through another lock
    await page.keyboard.press('Alt+L');
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('receive-form').getByRole('textbox', { name: 'Quantité Lait' }).count()).toBe(0);
    expect(await page.getByTestId('receive-form').getByRole('textbox', { name: 'N° du bon de livraison' }).inputValue()).toBe('');
    // the next test starts from a locked till, as the one before this left it
    s.core.services.session.lock();
  });

  it('the till locks itself after the minutes the owner chose in Users without a key or click; typing keeps it open (Playwright clock)', async () => {
    const { page } = s;
    await page.clock.install();
    await page.reload();
    await page.getByTestId('lock-screen').waitFor();
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await page.keyboard.press('Alt+9');
    await page.getByTestId('auto-lock').click();
    await page.getByRole('option', { name: '5 min', exact: true }).click();
    await expect.poll(() => s.core.services.settings.get().autoLockMinutes).toBe(5);
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.clock.fastForward('04:00');
    await page.keyboard.type('LAIT', { delay: 5 });
    await page.clock.fastForward('04:00');
    // 8 minutes since the login, 4 since the last key: still open
    expect(await page.getByTestId('current-user').count()).toBe(1);
    await page.clock.fastForward('01:30');
    await page.getByTestId('lock-screen').waitFor();
    expect(s.core.services.session.current()).toBeNull();
    expect(await s.core.call('products.list', {})).toMatchObject({ ok: false, error: { details: { reason: 'locked' } } });
  });

  it('a restart opens on the lock screen, not as the owner', async () => {
    const { dir } = s;
    const core = openTestCore(dir);
    const web = await startWebServer(core, { rendererFolder: RENDERER });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      await page.goto(web.url);
      await page.getByTestId('lock-screen').waitFor();
      expect(await page.getByTestId('current-user').count()).toBe(0);
      await logIn(page, 'Fatou (Caissier)', '4821');
      await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Fatou · Caissier');
      expect(core.services.session.current()).toMatchObject({ id: fatou.id, role: 'cashier' });
    } finally {
      await browser.close();
      await web.close();
      core.close();
    }
  });
  it("an older shop file's owner without a PIN, beside a cashier with one, is told at the lock screen that the code typed becomes theirs", async () => {
    const { page } = s;
    const owner = s.core.services.session.owner();
    s.core.store.sqlite.prepare('UPDATE users SET pin_hash = NULL WHERE id = ?').run(owner.id);
    // locked already or not, after the tests above
    s.core.services.session.lock();
    await page.reload();
    const lock = page.getByTestId('lock-screen');
    await lock.waitFor();
    await page.getByTestId('login-user').click();
    await page.getByRole('option', { name: 'Propriétaire (Propriétaire)' }).click();
    await lock.getByText('Propriétaire n’a pas encore de code : les 4 à 8 chiffres tapés ici deviennent le sien.', { exact: false }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'lock-choose-pin.png') });
    await lock.getByLabel('Code PIN').fill('12');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lock.textContent()) ?? '').toContain('tapez les 4 à 8 chiffres qui seront le sien');
    await lock.getByLabel('Code PIN').fill('2468');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Propriétaire');
    expect(s.core.store.sqlite.prepare('SELECT pin_hash IS NOT NULL FROM users WHERE id = ?').pluck().get(owner.id)).toBe(1);
  });
});

describe('browser mode: the owner is told of the wrong PINs typed for his account', () => {
  let s: Session;
  let clock = new Date('2026-05-03T18:00:00');
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => clock });
    await ownerPin(s.core);
    const owner = s.core.services.session.owner();
    const fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    // the owner's last visit, then Fatou at the till types four wrong owner PINs in the evening
    await must(s.core.call('session.login', { userId: owner.id, pin: OWNER_PIN }));
    await must(s.core.call('session.login', { userId: fatou.id, pin: '4821' }));
    clock = new Date('2026-05-03T19:30:00');
    for (const pin of ['1470', '2468', '1357', '8642']) expect(await s.core.call('session.login', { userId: owner.id, pin })).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
    s.core.services.session.lock();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('two more at the lock screen that night; the next morning the owner reads at his login how many, and who was at the till, then in Users', async () => {
    const { page } = s;
    await page.reload();
    const lock = page.getByTestId('lock-screen');
    await lock.waitFor();
    for (const [time, pin] of [['22:00', '9731'], ['22:05', '5390']]) {
      clock = new Date(`2026-05-03T${time}:00`);
      await logIn(page, 'Propriétaire (Propriétaire)', pin);
      await expect.poll(async () => (await lock.textContent()) ?? '').toContain('Code PIN incorrect');
    }
    clock = new Date('2026-05-04T07:30:00');
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    const notice = page.getByTestId('wrong-pins-notice');
    await notice.waitFor();
    const text = plain((await notice.textContent()) ?? '');
    expect(text).toContain('Codes PIN faux sur votre compte');
    expect(text).toMatch(
      /6 codes PIN faux ont été tapés pour votre compte depuis votre dernière connexion \(3 mai 2026.*18:00\) : 4 pendant la session de Fatou, 2 à l’écran verrouillé\. Si ce n’était pas vous, choisissez un nouveau code PIN dans Réglages > Utilisateurs et parlez-en à la personne nommée\./,
    );
    await page.screenshot({ path: join(SHOTS, 'lock-wrong-pins-notice.png') });
    // it stays until he closes it, and the page goes on under it
    await page.keyboard.press('Alt+9');
    const line = page.getByTestId(`wrong-pins-${s.core.services.session.owner().id}`);
    await line.waitFor();
    expect(plain((await line.textContent()) ?? '')).toBe('6 codes PIN faux en 7 jours : 4 pendant la session de Fatou, 2 à l’écran verrouillé');
    expect(await notice.count()).toBe(1);
    await closeNotifications(page);
    await page.getByTestId('users-table').screenshot({ path: join(SHOTS, 'users-wrong-pins.png') });
    // his new PIN cannot be one anyone would try first; the form says why
    const ownerId = s.core.services.session.owner().id;
    await page.getByTestId(`user-row-${ownerId}`).getByRole('button', { name: 'Modifier' }).click();
    const form = page.getByTestId('user-form');
    await form.getByTestId('user-pin').fill('1234');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => plain((await form.textContent()) ?? '')).toContain('Code PIN trop facile à deviner : pas de chiffre ni de groupe répété (1111, 1212), pas de suite (1234, 9876)');
    await form.screenshot({ path: join(SHOTS, 'users-weak-pin.png') });
    await form.getByRole('button', { name: 'Annuler' }).click();
    // told once: the next login says nothing more
    await page.keyboard.press('Alt+L');
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await expect.poll(() => page.getByTestId('wrong-pins-notice').count(), { timeout: 1500 }).toBe(0);
  });
});
