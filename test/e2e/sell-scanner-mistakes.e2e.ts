import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { openTill, plain, scan, type Session } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

/** What a scanner or a hurried cashier does at the wrong moment: nothing is lost and no wrong money is recorded. */
describe('browser mode: scans and amounts at the wrong moment on the Sell screen', () => {
  let s: Session;
  const codes = { lait: ean('600123450201'), savon: ean('600123450202') };
  const scanCode = (code: string) => scan(s.page, code);
  const qtyOf = (name: string) => s.page.getByRole('textbox', { name: `Quantité ${name}` });
  const cartLines = async () => {
    const rows = s.page.getByTestId('cart').locator('tbody tr');
    const out: [string, string][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const name = ((await rows.nth(i).locator('td').first().textContent()) ?? '').trim();
      out.push([name, await rows.nth(i).getByRole('textbox').first().inputValue()]);
    }
    return out;
  };
  const sales = () => (s.core.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;

  beforeAll(async () => {
    s = await openTill([
      ['LAIT', 'Lait en poudre 400 g', 2950, codes.lait],
      ['SAV', 'Savon de Marseille', 300, codes.savon],
    ]);
  });
  afterAll(async () => s?.close());

  it('a scan while a quantity is being typed keeps both; F4 then a scan keeps the quantity; an unreadable quantity or part of a piece is put back and said', async () => {
    const { page } = s;
    await scanCode(codes.lait);
    await qtyOf('Lait en poudre 400 g').waitFor();
    // 3 typed without Enter, then the next item scanned
    await qtyOf('Lait en poudre 400 g').fill('3');
    await scanCode(codes.savon);
    await expect.poll(cartLines).toEqual([
      ['Lait en poudre 400 g', '3'],
      ['Savon de Marseille', '1'],
    ]);
    // F4 selects the line's quantity; a scan right after adds the item and leaves the quantity alone
    await page.keyboard.press('F4');
    await scanCode(codes.savon);
    await expect.poll(cartLines).toEqual([
      ['Lait en poudre 400 g', '3'],
      ['Savon de Marseille', '2'],
    ]);
    // spaces between thousands are read; text that is no quantity is put back and said
    await qtyOf('Savon de Marseille').fill('1 000');
    await qtyOf('Savon de Marseille').press('Enter');
    await expect.poll(() => qtyOf('Savon de Marseille').inputValue()).toBe('1000');
    await qtyOf('Savon de Marseille').fill('12 pcs');
    await qtyOf('Savon de Marseille').press('Enter');
    await expect.poll(() => qtyOf('Savon de Marseille').inputValue()).toBe('1000');
    await expect.poll(async () => (await page.getByTestId('scan-error').textContent()) ?? '').toContain('Quantité non comprise : « 12 pcs »');
    // part of a piece is a typing mistake: put back and said (main refuses it at checkout too)
    await qtyOf('Savon de Marseille').fill('1,5');
    await qtyOf('Savon de Marseille').press('Enter');
    await expect.poll(() => qtyOf('Savon de Marseille').inputValue()).toBe('1000');
    await expect.poll(async () => (await page.getByTestId('scan-error').textContent()) ?? '').toContain('Savon de Marseille se compte à la pièce : tapez un nombre entier (1, 2, 3…).');
    await qtyOf('Savon de Marseille').fill('2');
    await qtyOf('Savon de Marseille').press('Enter');
    await expect.poll(async () => plain((await page.getByTestId('cart-total').textContent()) ?? '')).toBe('9 450 FCFA');
  });

  it('in the payment: a scan never becomes the cash amount, an unreadable amount blocks, "10.000" is ten thousand, a huge change asks again', async () => {
    const { page } = s;
    await page.keyboard.press('F12');
    const payment = page.getByRole('dialog');
    const cash = payment.getByRole('textbox', { name: 'Espèces' });
    await expect.poll(() => cash.evaluate((el) => el === document.activeElement)).toBe(true);
    // an 8-digit barcode scanned into the cash box: said, not paid
    await scanCode('96385074');
    await expect.poll(async () => (await page.getByTestId('payment-scan').textContent()) ?? '').toContain('Article scanné pendant l’encaissement (96385074)');
    expect(await cash.inputValue()).toBe('');
    expect(sales()).toBe(0);

    await cash.fill('5000 F abc');
    await expect.poll(async () => (await payment.textContent()) ?? '').toContain('Montant non compris');
    await expect(payment.getByRole('button', { name: /Valider le paiement/ }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    expect(sales()).toBe(0);

    await cash.fill('10.000');
    await expect.poll(async () => plain((await page.getByTestId('change-due').textContent()) ?? '')).toBe('550 FCFA');

    // typed by hand by mistake: 100 000 for 9 450 — more than a whole 10 000 note back, so it asks once more
    await cash.fill('100 000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => plain((await page.getByTestId('payment-big-change').textContent()) ?? '')).toBe(
      '100 000 FCFA reçus, 90 550 FCFA à rendre : vérifiez le montant reçu. Appuyez encore sur Entrée pour valider.',
    );
    expect(sales()).toBe(0);
    await cash.fill('10 000 FCFA');
    await page.keyboard.press('Enter');
    await page.getByTestId('done-change').waitFor();
    expect(plain((await page.getByTestId('done-change').textContent()) ?? '')).toBe('550 FCFA');
    expect(s.core.store.sqlite.prepare('SELECT tender, amount_minor FROM sale_tenders').all()).toEqual([{ tender: 'cash', amount_minor: 10_000 }]);
  });

  it("the next customer's first scan on the receipt screen starts their sale with it", async () => {
    const { page } = s;
    await scanCode(codes.lait);
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
    await expect.poll(cartLines).toEqual([['Lait en poudre 400 g', '1']]);
    expect(sales()).toBe(1);
  });

  it('a name begun in the scan box, then the article scanned instead: the scan is taken, the letters typed are dropped', async () => {
    const { page } = s;
    const box = page.getByRole('textbox', { name: /Scanner un article/ });
    await box.focus();
    await page.keyboard.type('sav', { delay: 90 });
    await expect.poll(() => page.getByTestId('search-results').count()).toBe(1);
    // the cashier gives up typing and reaches for the scanner
    await page.waitForTimeout(400);
    await scanCode(codes.savon);
    await expect.poll(cartLines).toEqual([
      ['Lait en poudre 400 g', '1'],
      ['Savon de Marseille', '1'],
    ]);
    expect(await box.inputValue()).toBe('');
    expect(await page.getByTestId('scan-error').count()).toBe(0);
    // a scan into the empty box is still the box's own
    await scanCode(codes.savon);
    await expect.poll(cartLines).toEqual([
      ['Lait en poudre 400 g', '1'],
      ['Savon de Marseille', '2'],
    ]);
    expect(await box.inputValue()).toBe('');
  });

  it('on a slow PC, where each key takes 60 ms to handle, a scan into a quantity is still a scan', async () => {
    const { page } = s;
    await qtyOf('Lait en poudre 400 g').focus();
    // busy work on every key, as a cheap PC re-rendering a long cart: the keys are handled 60+ ms apart
    await page.evaluate(() =>
      window.addEventListener('keydown', () => {
        const until = performance.now() + 60;
        while (performance.now() < until);
      }),
    );
    await scanCode(codes.savon);
    await expect.poll(cartLines).toEqual([
      ['Lait en poudre 400 g', '1'],
      ['Savon de Marseille', '3'],
    ]);
  });
});
