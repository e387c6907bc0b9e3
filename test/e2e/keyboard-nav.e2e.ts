import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import { openApp, type Session } from './browser';

/** What a French (AZERTY) keyboard sends for the digit row without Shift: the character, the key's place. */
const AZERTY_DIGITS = ['&', 'é', '"', "'", '(', '-', 'è', '_', 'ç'];
const ALT = 1;
const SHIFT = 8;

/** Keyboard-only page changes, as a shop without a mouse at the till needs them (keyboard review H1, H2, L1). */
describe('browser mode: changing page by keyboard on a French keyboard', () => {
  let s: Session;
  let cdp: CDPSession;
  const hash = () => s.page.evaluate(() => window.location.hash);
  const press = async (key: string, code: string, modifiers: number) => {
    const common = { key, code, modifiers, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), nativeVirtualKeyCode: key.toUpperCase().charCodeAt(0) };
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  };
  beforeAll(async () => {
    s = await openApp();
    cdp = await s.page.context().newCDPSession(s.page);
  });
  afterAll(async () => s?.close());

  it('Alt and the digit row opens each page, as its key is printed, whatever the row types', async () => {
    await s.page.getByTestId('nav-sell').waitFor();
    const pages = ['sell', 'stock', 'products', 'suppliers', 'purchasing', 'forecasts', 'alerts', 'dashboard', 'settings'];
    for (const [i, ch] of AZERTY_DIGITS.entries()) {
      await press(ch, `Digit${i + 1}`, ALT);
      await expect.poll(hash, `Alt+${ch}`).toBe(`#/${pages[i]}`);
    }
    // and on a QWERTY keyboard, as before
    await s.page.keyboard.press('Alt+1');
    await expect.poll(hash).toBe('#/sell');
  });

  it('the sidebar is reached by Tab and a page opened by Enter', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+8');
    await expect.poll(hash).toBe('#/dashboard');
    await page.getByTestId('nav-stock').focus();
    // from the Stock entry, Tab goes on to the next entry and Enter opens it
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-products');
    await page.keyboard.press('Enter');
    await expect.poll(hash).toBe('#/products');
    await page.getByTestId('products-table').waitFor();
    // Tab from the page's first field comes back round to the sidebar: it is in the Tab order
    const reached = new Set<string>();
    for (let i = 0; i < 60 && !reached.has('nav-sell'); i++) {
      await page.keyboard.press('Tab');
      reached.add((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) ?? '');
    }
    expect(reached.has('nav-sell')).toBe(true);
  });

  it('« / » typed as Shift+: on a French keyboard goes to the products search', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+3');
    await page.getByTestId('nav-products').focus();
    await press('/', 'Period', SHIFT);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder)).toBe('Nom, référence ou code-barres…');
  });

  it('a cashier who logs in when no page was asked for (the app started locked) opens on the till, the cursor in the scan box', async () => {
    await ownerPin(s.core);
    const fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    s.core.services.session.actAs({ id: fatou.id, name: fatou.name, role: fatou.role });
    await s.page.evaluate(() => history.replaceState(null, '', window.location.pathname + window.location.search));
    await s.page.reload();
    const scanBox = s.page.getByRole('textbox', { name: /Scanner un article/ });
    await scanBox.waitFor();
    await expect.poll(() => scanBox.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await hash()).toBe('');
  });
});
