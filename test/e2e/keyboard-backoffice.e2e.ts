import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, OWNER_PIN, ownerPin } from '../helpers/core';
import { closeNotifications, openApp, type Session, SHOTS } from './browser';

/** Where the keyboard is: the focused element's test id, aria-label or label text, or its tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'BODY';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? label?.trim() ?? el.tagName;
  });

/** An AZERTY key with Alt, as Chromium reports it on a French layout: the letter typed, another key's code. */
async function altAzerty(page: Page, key: string, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const common = { key, code, modifiers: 1, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0) };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  await cdp.detach();
}

describe('browser mode: the back office and the lock screen by keyboard only', () => {
  let s: Session;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await ownerPin(s.core);
    await must(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(s.core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7315' }));
    const products = [
      ['SUCM', 'Sucre en morceaux 1 kg', false],
      ['SUCR', 'Sucre en poudre 1 kg', false],
      ['SARD', 'Sardines à l’huile', false],
      ['LAIT', 'Lait caillé', true],
    ] as const;
    const ids: number[] = [];
    for (const [sku, name, tracksExpiry] of products) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, priceMinor: 900, costMinor: 600, tracksExpiry }));
      ids.push(p.id);
    }
    await must(s.core.call('ledger.record', { lines: ids.slice(0, 3).map((productId) => ({ productId, kind: 'receipt' as const, quantity: 20 })) }));
    await must(s.core.call('pos.checkout', { lines: [{ productId: ids[0], quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }));
    await must(s.core.call('pos.checkout', { lines: [{ productId: ids[1], quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 2000 }] }));
    await s.page.reload();
    await s.page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => s?.close());

  it('lock screen: a letter finds the name and Enter goes to the PIN; the next unlock is the PIN and Enter (5 keys)', async () => {
    const { page } = s;
    const lock = page.getByTestId('lock-screen');
    const who = lock.getByTestId('login-user');
    await page.keyboard.press('Alt+L');
    await lock.waitFor();
    // nobody has logged in on this PC yet: the cursor is on the name
    await expect.poll(() => focused(page)).toBe('login-user');
    await page.keyboard.type('f');
    // Enter once the list has highlighted the name found (a person is slower than the next frame)
    await page.locator('[role="option"][data-combobox-selected]').filter({ hasText: 'Fatou' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => who.inputValue()).toBe('Fatou (Caissier)');
    await expect.poll(() => focused(page)).toBe('login-pin');
    await page.keyboard.type('4821');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Fatou · Caissier');

    // locked again: Fatou is there already, the cursor in the PIN
    await page.keyboard.press('Alt+L');
    await lock.waitFor();
    await expect.poll(() => who.inputValue()).toBe('Fatou (Caissier)');
    await expect.poll(() => focused(page)).toBe('login-pin');
    await page.screenshot({ path: join(SHOTS, 'kb-lock-remembered.png') });
    // a wrong PIN: said, the PIN emptied, the cursor still there
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lock.textContent()) ?? '').toContain('Code PIN incorrect');
    expect(await focused(page)).toBe('login-pin');
    expect(await lock.getByTestId('login-pin').inputValue()).toBe('');
    await page.keyboard.type('4821');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Fatou · Caissier');
    await closeNotifications(page);

    // someone else: back to the name, a letter replaces the remembered one, Enter, the PIN
    await page.keyboard.press('Alt+L');
    await expect.poll(() => focused(page)).toBe('login-pin');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focused(page)).toBe('login-user');
    // the list put away first (Escape): the letter opens it again, and Enter picks the name found, highlighted
    // or not yet (Mantine's own Enter did nothing here: its highlight was lost to the list opening)
    await page.keyboard.press('Escape');
    await expect.poll(() => who.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.type('p');
    await expect.poll(() => page.getByRole('option').allTextContents(), { timeout: 5000 }).toEqual(['Propriétaire (Propriétaire)']);
    await page.keyboard.press('Enter');
    await expect.poll(() => who.inputValue()).toBe('Propriétaire (Propriétaire)');
    await expect.poll(() => focused(page)).toBe('login-pin');
    await page.keyboard.type(OWNER_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('current-user').textContent()) ?? '').toBe('Propriétaire');
  });

  it('journal (F10): the focus is on the tickets, ↓ and Enter reprint; Alt+Z on an AZERTY keyboard makes the Z report', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.keyboard.press('F10');
    await page.getByTestId('journal-entries').waitFor();
    await expect.poll(() => focused(page)).toBe('journal-entries');
    await page.keyboard.press('ArrowDown');
    const [ticket] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(ticket.suggestedFilename()).toBe('ticket-2.pdf');
    expect(await page.getByTestId('journal').count()).toBeGreaterThan(0);
    // the French Z key is where QWERTY has W: Chromium says key 'z', code 'KeyW'
    const [z] = await Promise.all([page.waitForEvent('download'), altAzerty(page, 'z', 'KeyW')]);
    expect(z.suggestedFilename()).toMatch(/\.pdf$/);
    expect(z.suggestedFilename()).not.toMatch(/^ticket-/);
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('journal-entries').count()).toBe(0);
  });

  it('delivery (F3): Enter picks only a sure product, says when several match; a product already there sends the cursor to its quantity; Ctrl+Enter goes to the field in error', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+2');
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F3');
    const form = page.getByTestId('receive-form');
    const picker = form.getByRole('combobox', { name: 'Ajouter un produit (nom, code ou scan)' });
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    const lines = () => form.getByTestId('receive-lines').locator('tbody tr').count();
    const quantity = (name: string) => form.getByRole('textbox', { name: `Quantité ${name}` });

    // two products match "sucre": Enter asks, and adds nothing
    await page.keyboard.type('sucre', { delay: 40 });
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('picker-pick-one').textContent()) ?? '').toBe('2 articles correspondent : choisissez-en un avec ↑ ↓ puis Entrée.');
    expect(await lines()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'kb-picker-pick-one.png') });
    // as at the till, the first is highlighted: a second Enter takes it knowingly; the cursor goes to its quantity
    await page.keyboard.press('Enter');
    await form.getByTestId('receive-line-SUCM').waitFor();
    await expect.poll(() => focused(page)).toBe('Quantité Sucre en morceaux 1 kg');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter'); // to the cost
    await page.keyboard.press('Enter'); // back to the picker

    // a SKU typed exactly is sure, though the names of both match it too
    await page.keyboard.type('sucr', { delay: 40 });
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    await page.keyboard.press('Enter');
    await form.getByTestId('receive-line-SUCR').waitFor();
    await expect.poll(() => focused(page)).toBe('Quantité Sucre en poudre 1 kg');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    // picked again by name: one more on its line, and the cursor on that quantity, selected
    await page.keyboard.type('sucre en m', { delay: 40 });
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => quantity('Sucre en morceaux 1 kg').inputValue()).toBe('13');
    await expect.poll(() => focused(page)).toBe('Quantité Sucre en morceaux 1 kg');
    expect(await lines()).toBe(2);
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await expect.poll(() => quantity('Sucre en morceaux 1 kg').inputValue()).toBe('20');
    await page.keyboard.press('Enter');

    // a product that tracks expiry, its lot left empty: Ctrl+Enter says so and goes to that lot
    await page.keyboard.type('lait', { delay: 40 });
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Quantité Lait caillé');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await form.textContent()) ?? '').toContain('indiquez le n° de lot');
    await expect.poll(() => focused(page)).toBe('Lot Lait caillé');
    await page.screenshot({ path: join(SHOTS, 'kb-receive-lot-missing.png') });
    // typed as a person does: a fast burst then Enter is taken for a scan
    await page.keyboard.type('L-0425', { delay: 90 });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Péremption Lait caillé');
    await page.keyboard.press('Control+Enter');
    // its expiry is still missing: the cursor goes there
    await expect.poll(() => focused(page)).toBe('Péremption Lait caillé');
    expect(s.core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM stock_receipts').get()).toEqual({ n: 0 });
  });
});
