import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import { closeNotifications, openApp, scan, type Session, SHOTS } from './browser';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim();

/** The text of each cell of each row of a lot's movements. */
async function rows(page: Page, entry = 0): Promise<string[][]> {
  return page
    .getByTestId('lot-trace-table')
    .nth(entry)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim())));
}
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

describe('browser mode: « Suivre un lot »: a recall of lot L2407 of an insecticide, its tickets and what is left', () => {
  let s: Session;
  let now = new Date('2026-03-02T08:00:00');
  let owner: User;
  let fatou: User;
  let insecticide: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => now });
    await must(s.core.call('settings.save', { shopName: 'Agro-Services Kaolack' }));
    insecticide = (await must<{ id: number }>(s.core.call('products.save', { sku: 'INSX', name: 'Insecticide X 250 ml', category: 'Phyto', priceMinor: 3500, costMinor: 2500, tracksExpiry: true }))).id;
    // an older lot that expires first, then the recalled one
    await must(s.core.call('stock.receive', { deliveryNote: 'BL 118', lines: [{ productId: insecticide, quantity: 5, lot: 'L2406', expiry: '2026-06-30' }] }));
    await must(s.core.call('stock.receive', { deliveryNote: 'BL 131', lines: [{ productId: insecticide, quantity: 24, lot: 'L2407', expiry: '2028-03-31' }] }));
    owner = s.core.services.session.owner();
    await ownerPin(s.core);
    const cashier = await must<{ id: number }>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    fatou = { id: cashier.id, name: 'Fatou', role: 'cashier' };
    // ten tickets in March: the first takes the older lot only, the second finishes it
    const sales: [string, number, User][] = [
      ['2026-03-03T09:10:00', 3, owner],
      ['2026-03-05T10:20:00', 4, fatou],
      ['2026-03-06T11:00:00', 1, fatou],
      ['2026-03-08T16:45:00', 2, owner],
      ['2026-03-09T09:05:00', 1, fatou],
      ['2026-03-10T12:30:00', 2, fatou],
      ['2026-03-12T17:15:00', 1, owner],
      ['2026-03-14T08:40:00', 2, fatou],
      ['2026-03-15T10:00:00', 2, fatou],
      ['2026-03-17T18:20:00', 1, owner],
    ];
    for (const [at, quantity, who] of sales) {
      now = new Date(at);
      s.core.services.session.actAs(who);
      await must(s.core.call('pos.checkout', { lines: [{ productId: insecticide, quantity }], tenders: [{ tender: 'cash', amountMinor: 20_000 }] }));
      if (at.startsWith('2026-03-15')) {
        // a can of the recalled lot found split
        now = new Date('2026-03-16T07:30:00');
        s.core.services.session.actAs(owner);
        await must(s.core.call('stock.writeOff', { kind: 'loss', productId: insecticide, quantity: 1, reason: 'damaged', note: 'bidon fendu', lot: 'L2407' }));
      }
    }
    s.core.services.session.actAs(owner);
    now = new Date('2026-03-18T10:00:00');
  });
  afterAll(async () => s?.close());

  it('a cashier has no « Suivre un lot » button', async () => {
    const { page } = s;
    s.core.services.session.actAs(fatou);
    await page.reload();
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F7');
    await page.getByTestId('moves-table').waitFor();
    expect(await page.getByTestId('lot-trace-open').count()).toBe(0);
  });

  it('the owner scans the lot: each product and expiry in a sentence, its tickets, and the why', async () => {
    const { page } = s;
    s.core.services.session.actAs(owner);
    await page.reload();
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.keyboard.press('F7');
    await page.getByTestId('moves-table').waitFor();
    // the button fits beside the filters, even with the two dates of a range shown
    await page.getByTestId('movements-panel').getByText('Dates', { exact: true }).click();
    await page.getByLabel('Du', { exact: true }).waitFor();
    const doc = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(doc.scroll).toBeLessThanOrEqual(doc.client);
    const button = await page.getByTestId('lot-trace-open').boundingBox();
    const panel = await page.getByTestId('movements-panel').boundingBox();
    expect(button && panel && button.x + button.width).toBeLessThanOrEqual((panel?.x ?? 0) + (panel?.width ?? 0) + 1);
    await page.getByTestId('movements-panel').screenshot({ path: join(SHOTS, 'lot-trace-button.png') });
    await page.getByTestId('movements-panel').getByText('30 jours', { exact: true }).click();
    await page.getByTestId('lot-trace-open').click();
    const modal = page.getByTestId('lot-trace-modal');
    await modal.getByTestId('lot-trace-input').waitFor();
    // the cursor is in the lot field: a scanner types the lot and Enter
    await expect.poll(() => focusedTestId(page)).toBe('lot-trace-input');

    // a lot never received says so, naming it
    await scan(page, 'L9999');
    await expect.poll(async () => plain(await modal.getByTestId('lot-trace-error').textContent())).toBe(
      'Aucune livraison n’a apporté de lot « L9999 » avec une date de péremption : vérifiez le numéro (sur la boîte ou l’avis de rappel).',
    );

    await modal.getByTestId('lot-trace-input').fill('');
    await scan(page, 'l2407');
    await modal.getByTestId('lot-trace-result').waitFor();
    expect(await modal.getByTestId('lot-trace-error').count()).toBe(0);
    expect(await modal.getByTestId('lot-trace-entry').count()).toBe(1);
    expect(plain(await modal.getByTestId('lot-trace-summary').textContent())).toBe(
      'Insecticide X 250 ml — lot L2407, périme le 31/03/2028 : 24 reçus, 14 vendus (9 tickets, du 05/03/2026 au 17/03/2026), 1 perdu, 9 en rayon.',
    );
    const shown = await rows(page);
    expect(shown).toHaveLength(11);
    expect(shown[0]).toEqual(['02/03/2026 08:00', 'Réception', 'REC-00002 · BL 131', '+24 pièces', owner.name]);
    // the ticket that finished the older lot: 2 of its 4 came from this one
    expect(shown[1]).toEqual(['05/03/2026 10:20', 'Vente', 'Ticket n° 2', '-2 pièces (sur 4)', 'Fatou']);
    expect(shown[2]).toEqual(['06/03/2026 11:00', 'Vente', 'Ticket n° 3', '-1 pièce', 'Fatou']);
    expect(shown.map((r) => r[1])).toEqual(['Réception', 'Vente', 'Vente', 'Vente', 'Vente', 'Vente', 'Vente', 'Vente', 'Vente', 'Perte · Abîmé / cassé : bidon fendu', 'Vente']);
    expect(shown[9]).toEqual(['16/03/2026 07:30', 'Perte · Abîmé / cassé : bidon fendu', '', '-1 pièce', owner.name]);
    expect(plain(await modal.getByTestId('lot-trace-why').textContent())).toBe(
      'Une vente ne note pas le lot : Shelfcast l’attribue au lot qui périme le premier, comme il le fait pour le stock des lots.',
    );
    const box = await modal.locator('.mantine-Modal-content').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
    await page.screenshot({ path: join(SHOTS, 'lot-trace.png') });

    // Escape closes it, and the cursor is back on the button
    await page.keyboard.press('Escape');
    await expect.poll(() => modal.count()).toBe(0);
    await expect.poll(() => focusedTestId(page)).toBe('lot-trace-open');
  });

  it('what is left of the lot is written off from the trace, which then says so', async () => {
    const { page } = s;
    await page.getByTestId('lot-trace-open').click();
    const modal = page.getByTestId('lot-trace-modal');
    await modal.getByTestId('lot-trace-input').fill('L2407');
    await page.keyboard.press('Enter');
    await modal.getByTestId('lot-trace-write-off').click();
    const form = modal.getByTestId('write-off-form');
    await expect.poll(() => form.getByRole('textbox', { name: 'Quantité perdue' }).inputValue()).toBe('9');
    await form.getByRole('radio', { name: 'Autre' }).check();
    await form.getByRole('textbox', { name: /Précision/ }).fill('rappel du fabricant');
    await form.getByRole('button', { name: 'Enregistrer la perte' }).click();
    await expect.poll(async () => plain(await modal.getByTestId('lot-trace-summary').textContent())).toBe(
      'Insecticide X 250 ml — lot L2407, périme le 31/03/2028 : 24 reçus, 14 vendus (9 tickets, du 05/03/2026 au 17/03/2026), 10 perdus, 0 en rayon.',
    );
    expect(await modal.getByTestId('lot-trace-write-off').count()).toBe(0);
    expect((await rows(page)).at(-1)?.slice(1, 4)).toEqual(['Perte · Autre : rappel du fabricant', '', '-9 pièces']);
    expect(await must(s.core.call('stock.lots', { productId: insecticide }))).toEqual([]);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'lot-trace-written-off.png') });
  });
});
