// the core runs in this process: its local day is the one a shop in France sees
process.env.TZ = 'Europe/Paris';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

describe("browser mode: an on-call pharmacy's day ends at 04:00", () => {
  let s: Session;
  let now = new Date('2027-03-27T21:30:00');
  let productId = 0;
  const sell = (quantity: number) => must(s.core.call('pos.checkout', { lines: [{ productId, quantity }], tenders: [{ tender: 'cash', amountMinor: quantity * 1500 }] }));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => now });
    productId = (await must<{ id: number }>(s.core.call('products.save', { sku: 'DOLI', name: 'Doliprane 500 mg', priceMinor: 1500 }))).id;
    await must(s.core.call('ledger.record', { lines: [{ productId, kind: 'receipt', quantity: 40 }] }));
    await s.page.reload();
  });
  afterAll(async () => s?.close());

  it('the owner sets the end of the day in Settings, told that the 02:00 forecast would then come before it', async () => {
    const { page } = s;
    await page.getByTestId('nav-sell').waitFor();
    await page.keyboard.press('Alt+9');
    const dayEnd = page.getByRole('combobox', { name: 'Fin de la journée de vente' });
    await expect(dayEnd.inputValue()).resolves.toBe('Minuit');
    await dayEnd.click();
    await page.getByRole('option', { name: '04:00 le lendemain matin' }).click();
    const warning = page.getByText('La prévision de 02:00 passe avant la fin de la journée (04:00)', { exact: false });
    await warning.waitFor();
    await page.locator('form').filter({ has: dayEnd }).getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => s.core.services.settings.get().dayEndHour).toBe(4);
    await page.screenshot({ path: join(SHOTS, 'settings-day-end.png') });
    // a forecast hour after the end of the day takes the warning away
    await page.getByRole('combobox', { name: 'Heure de la prévision nocturne' }).click();
    await page.getByRole('option', { name: '05:00', exact: true }).click();
    await expect.poll(() => warning.count()).toBe(0);
  });

  it("the night's sales after midnight are in the evening's journal until 04:00", async () => {
    const { page } = s;
    await sell(2);
    now = new Date('2027-03-28T01:40:00');
    await sell(1);
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.keyboard.press('F10');
    await page.getByTestId('journal-tenders').waitFor();
    await expect.poll(async () => plain((await page.getByRole('dialog').getByRole('heading').first().textContent()) ?? '')).toContain('samedi 27 mars 2027');
    expect(await page.getByTestId('entry-1').count()).toBe(1);
    expect(await page.getByTestId('entry-2').count()).toBe(1);
    expect(plain((await page.getByTestId('journal-sales').textContent()) ?? '')).toBe('4 500 FCFA');
  });
  it("the export's days are the shop's too: at 01:40 the movements export ends on the evening's day", async () => {
    const { page } = s;
    await page.keyboard.press('Escape');
    // the browser's own clock, which the dialog reads, at the core's night (this process's time zone)
    await page.clock.setFixedTime(now);
    await page.getByTestId('nav-products').click();
    await page.getByTestId('products-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByText('Mouvements', { exact: true }).click();
    await expect(dialog.locator('input[name="to"]').inputValue()).resolves.toBe('2027-03-27');
    await expect(dialog.locator('input[name="from"]').inputValue()).resolves.toBe('2027-03-01');
  });
});
