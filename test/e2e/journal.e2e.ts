import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { asCashier, openApp, plain, type Session, SHOTS } from './browser';

describe('browser mode: the sales journal and the end-of-day count', () => {
  let s: Session;
  const pdfText = async (download: Download, name: string) => {
    const file = join(s.dir, name);
    await download.saveAs(file);
    return plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  };
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).textContent()) ?? '');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Dakar' }));
    const lait = await must<{ id: number }>(s.core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, vatRateBp: 1800 }));
    const riz = await must<{ id: number }>(s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 1 kg', priceMinor: 650 }));
    await must(s.core.call('ledger.record', { lines: [{ productId: lait.id, kind: 'receipt', quantity: 20 }, { productId: riz.id, kind: 'receipt', quantity: 20 }] }));
    // two sales: cash with change, then Wave + cash with change
    await must(s.core.call('pos.checkout', { lines: [{ productId: lait.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 10_000 }] }));
    await must(
      s.core.call('pos.checkout', {
        lines: [{ productId: riz.id, quantity: 2 }, { productId: lait.id, quantity: 1 }],
        tenders: [{ tender: 'wave', amountMinor: 3000 }, { tender: 'cash', amountMinor: 2000 }],
      }),
    );
    await s.page.reload();
  });
  afterAll(async () => s?.close());

  it('opens with F10 from the Sell page and shows the day by tender, change netted', async () => {
    const { page } = s;
    await page.getByTestId('nav-sell').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await expect(page.getByTestId('open-journal').textContent()).resolves.toContain('F10');
    await page.keyboard.press('F10');
    await page.getByTestId('journal-tenders').waitFor();
    await expect.poll(() => text('journal-sales')).toBe('10 150 FCFA');
    expect(await text('journal-net')).toBe('10 150 FCFA');
    expect(await text('journal-basket')).toBe('5 075 FCFA');
    // cash: 10 000 + 2 000 handed over − 4 100 − 750 change
    expect(await text('tender-cash')).toContain('7 150 FCFA');
    expect(await text('tender-wave')).toContain('3 000 FCFA');
    expect(await text('entry-1')).toContain('rendu 4 100 FCFA');
    expect(await text('entry-2')).toContain('Wave 3 000 FCFA + Espèces 2 000 FCFA');
    // the Sell page's F-keys do not act behind the journal (checked after the next round trips)
    await page.keyboard.press('F9');
  });

  it('reprints receipts from the journal with the keyboard, at 80 and 58 mm', async () => {
    const { page } = s;
    await page.getByTestId('journal-entries').focus();
    const [first] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const one = await pdfText(first, 'reprint-1.pdf');
    for (const expected of ['Alimentation Awa', 'Ticket N° 1', 'Lait en poudre 400 g', 'Espèces', '10 000 FCFA', 'Rendu', '4 100 FCFA']) expect(one).toContain(expected);

    await page.getByText('58 mm', { exact: true }).click();
    await page.getByTestId('journal-entries').focus();
    await page.keyboard.press('ArrowDown');
    const [second] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(second.suggestedFilename()).toBe('ticket-2.pdf');
    const two = await pdfText(second, 'reprint-2.pdf');
    for (const expected of ['Ticket N° 2', 'Riz parfumé 1 kg', 'Wave', '3 000 FCFA', '750 FCFA']) expect(two).toContain(expected);
    const reprints = s.core.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'reprint'").get() as { n: number };
    expect(reprints.n).toBe(2);
    await expect(page.getByText('Retour d’articles').count()).resolves.toBe(0);
  });

  it('counts the drawer by notes and coins, shows the shortfall in words, saves it and prints the Z report', async () => {
    const { page } = s;
    const panel = page.getByTestId('cash-count');
    await panel.getByRole('textbox', { name: 'Fond de caisse' }).fill('5000');
    await expect.poll(() => text('count-expected')).toBe('12 150 FCFA');
    await page.keyboard.press('Alt+C');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter'); // on to the 5 000 notes
    await expect(panel.getByRole('textbox', { name: /billets de 5.000 FCFA/ }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await panel.getByRole('textbox', { name: /billets de 1.000 FCFA/ }).fill('1');
    await panel.getByRole('textbox', { name: /pièces de 100 FCFA/ }).fill('1');
    await expect.poll(() => text('count-counted')).toBe('11 100 FCFA');
    expect(await text('count-difference')).toBe('Il manque 1 050 FCFA');
    await panel.getByRole('textbox', { name: 'Note (facultatif)' }).fill('pièce de 50 perdue');
    await page.screenshot({ path: join(SHOTS, 'journal.png') });
    await panel.getByRole('button', { name: /Enregistrer le comptage/ }).click();
    await expect.poll(() => text('count-latest-result')).toBe('Il manque 1 050 FCFA');
    await page.screenshot({ path: join(SHOTS, 'journal-counted.png') });
    const row = s.core.store.sqlite.prepare('SELECT expected_cash_minor, counted_cash_minor, note FROM cash_counts').all();
    expect(row).toEqual([{ expected_cash_minor: 12_150, counted_cash_minor: 11_100, note: 'pièce de 50 perdue' }]);

    const [z] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Alt+Z')]);
    expect(z.suggestedFilename()).toMatch(/^rapport-z-\d{4}-\d{2}-\d{2}\.pdf$/);
    const report = await pdfText(z, 'z.pdf');
    for (const expected of [
      'Alimentation Awa',
      'RAPPORT Z — CLÔTURE DE CAISSE',
      'Ventes (2 tickets)',
      '10 150 FCFA',
      'Wave',
      'Fond de caisse',
      '5 000 FCFA',
      'Espèces attendues',
      '12 150 FCFA',
      'Espèces comptées',
      '11 100 FCFA',
      'Manque 1 050 FCFA',
      '10 000 FCFA × 1',
      'Compté par Propriétaire',
      'Note : pièce de 50 perdue',
      'Signature du caissier',
    ]) {
      expect(report).toContain(expected);
    }

    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('journal-tenders').count()).toBe(0);
  });

  it('pays a delivery out of the drawer from the keyboard (Alt+S): listed with who and why, and the count expects it', async () => {
    const { page } = s;
    await page.keyboard.press('F10');
    await page.getByTestId('journal-tenders').waitFor();
    await page.keyboard.press('Alt+S');
    const moves = page.getByTestId('cash-moves');
    await expect.poll(() => moves.getByRole('textbox', { name: 'Montant' }).evaluate((el) => el === document.activeElement)).toBe(true);
    // a reason is required: said under the field, nothing recorded
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await moves.textContent()) ?? '').toContain('Obligatoire');
    await moves.getByRole('textbox', { name: 'Motif' }).fill('Livraison pain');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('cash-moves-list')).toContain('Livraison pain');
    expect(await text('cash-moves-list')).toContain('−1 000 FCFA');
    expect(await text('cash-moves-list')).toContain('Propriétaire');
    // the count made before it no longer matches the drawer, and the new one expects 1 000 less
    await expect.poll(() => text('count-latest')).toContain('il faudrait maintenant 11 150 FCFA');
    await page.getByTestId('cash-count').getByRole('textbox', { name: 'Fond de caisse' }).fill('5000');
    await expect.poll(() => text('count-expected')).toBe('11 150 FCFA');
    expect(await text('count-summary')).toContain('− 1 000 FCFA');
    await page.screenshot({ path: join(SHOTS, 'journal-cash-moves.png') });
    // change brought in: an Entrée adds to what the drawer should hold
    await moves.getByText('Entrée', { exact: true }).click();
    await moves.getByRole('textbox', { name: 'Montant' }).fill('500');
    await moves.getByRole('textbox', { name: 'Motif' }).fill('Monnaie de la banque');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('cash-moves-list')).toContain('+500 FCFA');
    await expect.poll(() => text('count-expected')).toBe('11 650 FCFA');
    expect(s.core.store.sqlite.prepare('SELECT direction, amount_minor, reason FROM cash_moves ORDER BY id').all()).toEqual([
      { direction: 'out', amount_minor: 1000, reason: 'Livraison pain' },
      { direction: 'in', amount_minor: 500, reason: 'Monnaie de la banque' },
    ]);
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('journal-tenders').count()).toBe(0);
  });

  it('a cashier sees today only: the day cannot be changed', async () => {
    const { page } = s;
    const fatou = await asCashier(s);
    await page.getByTestId('nav-sell').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('open-journal').click();
    await page.getByTestId('journal-tenders').waitFor();
    await expect(page.getByLabel(/Journée/).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('En tant que caissier, vous voyez la journée d’aujourd’hui.', { exact: false }).count()).resolves.toBe(1);
    // she counts the drawer blind: no cash line among the tenders, no expected cash, no difference
    expect(await page.getByTestId('tender-cash').count()).toBe(0);
    expect(await text('journal-tenders')).not.toContain('Espèces');
    expect(await page.getByTestId('count-expected').count()).toBe(0);
    expect(await page.getByTestId('count-difference').count()).toBe(0);
    expect(await text('count-latest')).not.toMatch(/attendues|Manque|de trop|juste/);
    expect(await text('cash-count')).toContain('Le comptage se fait à l’aveugle');
    await page.screenshot({ path: join(SHOTS, 'journal-cashier.png') });
    await page.getByTestId('cash-count').getByText('Montant total', { exact: true }).click();
    await page.getByTestId('cash-count').getByRole('textbox', { name: 'Espèces comptées' }).fill('9000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toContain('Comptage enregistré : 9 000 FCFA comptés. Le gérant verra l’écart.');
    const saved = s.core.store.sqlite.prepare('SELECT user_id AS u, counted_cash_minor AS c FROM cash_counts ORDER BY id DESC LIMIT 1').get();
    expect(saved).toEqual({ u: fatou.id, c: 9000 });
  });
});
