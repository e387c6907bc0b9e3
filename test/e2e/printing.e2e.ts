import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import { networkPrinter, openApp, scan, type Session, SHOTS } from './browser';

const code = '600123450009' + ean13CheckDigit('600123450009');

describe('browser mode: receipt printing set up in Settings', () => {
  let s: Session;
  let printer: Awaited<ReturnType<typeof networkPrinter>>;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    printer = await networkPrinter();
    s = await openApp();
    const p = await must<{ id: number }>(s.core.call('products.save', { sku: 'SUCRE', name: 'Sucre en morceaux 1 kg', priceMinor: 900, barcodes: [code] }));
    await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 10 }] }));
  });
  afterAll(async () => {
    printer?.server.close();
    await s?.close();
  });

  /** One sugar scanned at the till and paid in cash, up to the receipt dialog. */
  const ringUpAndPay = async (cash: string) => {
    const { page } = s;
    await page.getByRole('textbox', { name: /Scanner un article/ }).click();
    await scan(page, code);
    await page.getByTestId('cart-line-SUCRE').waitFor();
    await page.keyboard.press('F12');
    await page.getByRole('dialog').getByRole('textbox', { name: 'Espèces' }).fill(cash);
    await page.keyboard.press('Enter');
  };

  it('refuses a printer address it cannot use, then prints a test receipt on the thermal printer and saves', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    const form = page.getByTestId('printing-form');
    await form.getByText('Imprimante thermique (ESC/POS)').click();
    await expect(form.textContent()).resolves.toContain('texte brut');
    await form.locator('input[name="escposTarget"]').fill('imprimante du comptoir');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await form.textContent()) ?? '').toContain('Adresse non reconnue');
    expect(s.core.services.settings.get().receiptOutput).toBe('pdf');

    await form.locator('input[name="escposTarget"]').fill(printer.url);
    await form.getByRole('button', { name: 'Imprimer un ticket de test' }).click();
    await expect.poll(() => printer.jobs.length).toBe(1);
    expect(printer.jobs[0]).toContain("Test d'impression Shelfcast");
    // 42 characters a line until the owner sees that his printer takes 48: the test's digits say so
    expect(printer.jobs[0]).toContain('123456789<42\n');
    await form.getByTestId('escpos-columns').click();
    await page.getByRole('option', { name: /^48/ }).click();
    await form.getByRole('button', { name: 'Imprimer un ticket de test' }).click();
    await expect.poll(() => printer.jobs.length).toBe(2);
    expect(printer.jobs[1]).toContain('12345<48\n');
    await expect.poll(async () => (await page.locator('.mantine-Notification-root').last().textContent()) ?? '').toContain('« …<48 » doit tenir sur une seule ligne');
    await form.getByLabel('Imprimer chaque ticket dès le paiement').check();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => s.core.services.settings.get().autoPrint).toBe(true);
    expect(s.core.services.settings.get()).toMatchObject({ receiptOutput: 'escpos', escposTarget: printer.url, escposColumns: 48 });
    await form.screenshot({ path: join(SHOTS, 'printing-settings.png') });
  });

  it('prints the receipt by itself when the sale is paid, and warns the cashier when the printer is off', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    const sell = async () => {
      await ringUpAndPay('1000');
      await page.getByTestId('done-change').waitFor();
      await page.keyboard.press('Enter');
      // the next customer's scan goes to the till once the receipt dialog has closed, as on screen
      await page.getByTestId('sale-done').waitFor({ state: 'hidden' });
    };
    await sell();
    await expect.poll(() => printer.jobs.length).toBe(3);
    expect(printer.jobs[2]).toContain('Sucre en morceaux 1 kg');
    expect(printer.jobs[2]).toContain('Ticket No 1');
    // on the 48 columns saved above
    expect(printer.jobs[2]).toMatch(/\nTOTAL {30,}9,00 EUR\n|\nTOTAL {30,}900 FCFA\n/);
    expect(printer.jobs[2]!.split('\n').find((l) => l.startsWith('TOTAL'))).toHaveLength(48);

    // the printer is switched off: the next sale is saved all the same, and the cashier is told
    await new Promise((r) => printer.server.close(r));
    await sell();
    await expect.poll(async () => (await page.getByText(/Le ticket n° 2 n’est pas sorti/).count())).toBe(1);
    expect((s.core.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(2);
  });

  it('prints a receipt on request from the sale screen, and a DUPLICATA from the journal (F10)', async () => {
    const { page } = s;
    const second = await networkPrinter();
    await must(s.core.call('settings.save', { escposTarget: second.url, autoPrint: false }));
    await page.reload();
    await ringUpAndPay('900');
    await page.getByTestId('print-receipt').click();
    await expect.poll(() => second.jobs.length).toBe(1);
    expect(second.jobs[0]).toContain('Ticket No 3');
    expect(second.jobs[0]).not.toContain('DUPLICATA');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor({ state: 'hidden' });

    await page.keyboard.press('F10');
    await page.getByRole('button', { name: 'Réimprimer le ticket n° 1' }).click();
    await expect.poll(() => second.jobs.length).toBe(2);
    expect(second.jobs[1]).toContain('Ticket No 1');
    expect(second.jobs[1]).toContain('*** DUPLICATA ***');
    const audited = s.core.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'reprint'").get() as { n: number };
    expect(audited.n).toBe(1);
    await page.keyboard.press('Escape');

    // a slow printer (the call held back 1.5 s): Enter right after "Imprimer" starts the next
    // customer; it does not print the receipt a second time
    await page.route('**/api/call/print.receipt', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await ringUpAndPay('900');
    await page.getByTestId('print-receipt').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor({ state: 'hidden' });
    await expect.poll(() => second.jobs.length, { timeout: 8000 }).toBe(3);
    expect(second.jobs[2]).toContain('Ticket No 4');
    await new Promise((r) => setTimeout(r, 2000));
    expect(second.jobs.length).toBe(3);
    await page.unroute('**/api/call/print.receipt');
    second.server.close();
  });
});
