import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { openTill, scan, type Session } from './browser';

describe('browser mode: a payment confirmed twice in a row', () => {
  let s: Session;
  const code = '600123459991' + ean13CheckDigit('600123459991');
  beforeAll(async () => {
    s = await openTill([['SAVON', 'Savon de Marseille', 300, code]]);
  });
  afterAll(async () => s?.close());

  it('Enter pressed twice at once in the payment (a heavy finger, a bouncing key) rings the sale up once', async () => {
    const { page } = s;
    await scan(page, code);
    await expect.poll(() => page.getByTestId('cart').locator('tbody tr').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-total').waitFor();
    // two Enters sent together, as a bouncing key sends them
    const cdp = await page.context().newCDPSession(page);
    const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
    await Promise.all([
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...enter }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...enter }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter }),
    ]);
    await page.getByTestId('done-change').waitFor();
    await expect.poll(() => s.core.store.sqlite.prepare("SELECT count(*) FROM sales WHERE kind = 'sale'").pluck().get()).toBe(1);
    expect(s.core.store.sqlite.prepare("SELECT count(*) FROM movements WHERE kind = 'sale'").pluck().get()).toBe(1);
  });
});
