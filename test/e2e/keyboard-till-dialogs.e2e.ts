import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import { networkPrinter, openApp, openTill, reloadOnTill, scan, type Session, SHOTS } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);
// a person types slowly (a burst faster than 40 ms a key would be a scanner)
const HUMAN = { delay: 90 };
const hasFocus = (l: Locator) => l.evaluate((el) => el === document.activeElement);
/** The focused field's selected text. */
const selectedText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el && typeof el.selectionStart === 'number' ? el.value.slice(el.selectionStart, el.selectionEnd ?? el.selectionStart) : null;
  });

describe('browser mode: the till’s dialogs by keyboard only (receipt keys, parked sales, a return)', () => {
  let s: Session;
  let printer: Awaited<ReturnType<typeof networkPrinter>>;
  const codes = { the: ean('600123450107'), savon: ean('600123450103') };
  const count = (sql: string) => s.core.store.sqlite.prepare(sql).pluck().get() as number;
  const scanBox = () => s.page.getByRole('textbox', { name: /Scanner un article/ });
  const cartLines = () => s.page.getByTestId('cart').locator('tbody tr').count();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    printer = await networkPrinter();
    s = await openTill([
      ['THE', 'Thé vert Chinois', 250, codes.the],
      ['SAV', 'Savon de Marseille', 300, codes.savon],
    ]);
    await must(s.core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, autoPrint: false }));
    await reloadOnTill(s.page);
  });
  afterAll(async () => {
    printer?.server.close();
    await s?.close();
  });

  /** The cart paid in cash at its total: F12, Enter; the receipt screen is up. */
  const payByKeyboard = async () => {
    await s.page.keyboard.press('F12');
    await s.page.getByTestId('pay-total').waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('done-change').waitFor();
  };

  it('the receipt screen shows its keys: Ctrl+P prints the ticket, Ctrl+S gives its PDF, and the next scan still starts the next sale', async () => {
    const { page } = s;
    await scan(page, codes.the);
    await expect.poll(cartLines).toBe(1);
    await payByKeyboard();
    const done = page.getByTestId('sale-done');
    expect((await done.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining(['Imprimer le ticket Ctrl+P', 'Ticket (PDF) Ctrl+S']));
    await page.screenshot({ path: join(SHOTS, 'keyboard-till-receipt-keys.png') });

    await page.keyboard.press('Control+p');
    await expect.poll(() => printer.jobs.length).toBe(1);
    expect(printer.jobs[0]).toContain('Ticket No 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    expect(download.suggestedFilename()).toBe('ticket-1.pdf');
    // Enter still means the next sale: the focus is on its button, not on what printed
    await expect.poll(() => hasFocus(done.getByRole('button', { name: /Nouvelle vente/ }))).toBe(true);

    // the next customer's first scan closes the screen and starts their sale; it printed nothing
    await scan(page, codes.savon);
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
    await page.getByTestId('cart-line-SAV').waitFor();
    await expect.poll(() => hasFocus(scanBox())).toBe(true);
    expect(printer.jobs.length).toBe(1);
    await payByKeyboard();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
  });

  it('where tickets are PDFs, Ctrl+P gives the PDF', async () => {
    const { page } = s;
    await must(s.core.call('settings.save', { receiptOutput: 'pdf' }));
    await reloadOnTill(page);
    await scan(page, codes.the);
    await expect.poll(cartLines).toBe(1);
    await payByKeyboard();
    expect(await page.getByTestId('print-receipt').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'keyboard-till-receipt-pdf.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+p')]);
    expect(download.suggestedFilename()).toBe('ticket-3.pdf');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-done').count()).toBe(0);
  });

  it('deleting a parked sale moves to the next one (or the one before); deleting the last closes the list, back in the scan box', async () => {
    const { page } = s;
    for (const label of ['Awa', 'Binta', 'Coumba']) {
      await scan(page, codes.savon);
      await expect.poll(cartLines).toBe(1);
      await page.keyboard.press('F3');
      await expect.poll(() => hasFocus(page.getByRole('textbox', { name: /Nom du client/ }))).toBe(true);
      await page.keyboard.type(label, HUMAN);
      await page.keyboard.press('Enter');
      await expect.poll(cartLines).toBe(0);
    }
    const resume = (label: string) => page.getByRole('button', { name: `Reprendre ${label}` });
    const discardByKeyboard = async () => {
      await page.keyboard.press('Delete');
      await page.getByTestId('discard-confirm').waitFor();
      await page.keyboard.press('Enter');
    };

    await page.keyboard.press('F6');
    await expect.poll(() => hasFocus(resume('Awa'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => hasFocus(resume('Binta'))).toBe(true);
    await discardByKeyboard();
    await expect.poll(() => resume('Binta').count()).toBe(0);
    await expect.poll(() => hasFocus(resume('Coumba'))).toBe(true);
    // the last row goes: the one before it has the focus
    await discardByKeyboard();
    await expect.poll(() => resume('Coumba').count()).toBe(0);
    await expect.poll(() => hasFocus(resume('Awa'))).toBe(true);
    await discardByKeyboard();
    await expect.poll(() => page.getByTestId('parked-modal').count()).toBe(0);
    await expect.poll(() => hasFocus(scanBox())).toBe(true);
    expect(count('SELECT count(*) FROM parked_sales')).toBe(0);
    expect(count("SELECT count(*) FROM audit WHERE action = 'discard_parked'")).toBe(3);
    expect(await page.getByTestId('sell-notice').textContent()).toContain('Awa');
  });

  it('a return: after "no sale with receipt no. 99999" the number is selected, so the right one typed replaces it', async () => {
    const { page } = s;
    await page.keyboard.press('F9');
    const receiptNo = page.getByRole('dialog').getByRole('textbox', { name: 'N° du ticket' });
    await expect.poll(() => hasFocus(receiptNo)).toBe(true);
    await page.keyboard.type('99999', HUMAN);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('return-error').textContent()) ?? '').toContain('Aucune vente avec le ticket n° 99999');
    await expect.poll(() => hasFocus(receiptNo)).toBe(true);
    expect(await selectedText(page)).toBe('99999');
    await page.keyboard.type('1', HUMAN);
    expect(await receiptNo.inputValue()).toBe('1');
    await page.keyboard.press('Enter');
    await page.getByTestId('returnable').waitFor();
    await expect.poll(() => hasFocus(page.getByRole('textbox', { name: 'Rendu maintenant Thé vert Chinois' }))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});

describe('browser mode: the Stock forms by keyboard only (a loss, a delivery’s header)', () => {
  let s: Session;
  const codes = { lait: ean('604400030001'), sirop: ean('604400030002') };
  const ids: Record<string, number> = {};
  const onHand = (id: number) => s.core.store.sqlite.prepare('SELECT coalesce(sum(qty_milli), 0) / 1000.0 FROM movements WHERE product_id = ?').pluck().get(id) as number;

  beforeAll(async () => {
    s = await openApp();
    for (const [sku, name, barcode] of [
      ['LAIT', 'Lait en poudre 400 g', codes.lait],
      ['SIROP', 'Sirop de menthe 75 cl', codes.sirop],
    ] as const) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, category: 'Épicerie', priceMinor: 2500, costMinor: 1800, barcodes: [barcode] }));
      await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 20 }] }));
      ids[sku] = p.id;
    }
    for (const name of ['Comptoir Sahel', 'Grossiste Dakar']) await must(s.core.call('suppliers.save', { name }));
    await s.page.reload();
    await s.page.getByTestId('nav-stock').click();
    await s.page.getByTestId('stock-table').waitFor();
  });
  afterAll(async () => s?.close());

  it('a loss (F4): Enter goes product → quantity → reason, an Enter too early puts the cursor on what is missing, and the next loss starts at « Produit »', async () => {
    const { page } = s;
    await page.keyboard.press('F4');
    const form = page.getByTestId('write-off-form');
    const product = form.getByRole('combobox', { name: 'Produit' });
    const quantity = form.getByRole('textbox', { name: 'Quantité perdue' });
    const firstReason = form.getByRole('radio', { name: 'Périmé' });
    await expect.poll(() => hasFocus(product)).toBe(true);

    // Enter on the empty form: what is missing is said, and the cursor is on its first field
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await form.textContent()) ?? '').toContain('Choisissez la raison de la perte');
    expect(await hasFocus(product)).toBe(true);

    // Enter picks the product (the cursor stays on its name, which the next scan or typing replaces); Enter again: on to the quantity
    await page.keyboard.type('lait', HUMAN);
    await expect.poll(() => page.getByRole('option', { name: /Lait en poudre/ }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await form.getByTestId('write-off-on-hand').textContent()) ?? '').toBe('En stock : 20');
    expect(await hasFocus(product)).toBe(true);
    expect(await page.getByRole('option').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(quantity)).toBe(true);

    // Enter on a reason with no quantity yet: the cursor goes back to the quantity
    await page.keyboard.press('Tab');
    await expect.poll(() => hasFocus(firstReason)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(quantity)).toBe(true);
    expect(await form.textContent()).toContain('Obligatoire');
    expect(onHand(ids.LAIT)).toBe(20);

    // a quantity, Enter: on to the reason, which the arrows choose; Enter records the loss
    await page.keyboard.type('2', HUMAN);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(firstReason)).toBe(true);
    expect(onHand(ids.LAIT)).toBe(20);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => form.getByRole('radio', { name: 'Abîmé / cassé' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => onHand(ids.LAIT)).toBe(18);
    expect(s.core.store.sqlite.prepare("SELECT reason FROM movements WHERE kind = 'loss'").pluck().get()).toBe('damaged');

    // the next loss: « Produit » has the cursor, its name selected (typing replaces it); Enter keeps it and goes to the quantity
    await expect.poll(() => hasFocus(product)).toBe(true);
    expect(await selectedText(page)).toBe(await product.inputValue());
    expect(await product.inputValue()).toContain('Lait en poudre 400 g');
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(quantity)).toBe(true);
    expect(await quantity.inputValue()).toBe('');
    await page.screenshot({ path: join(SHOTS, 'keyboard-till-loss.png') });
  });

  it('a delivery (F3): Enter goes supplier → delivery note → product, and in the supplier’s open list Enter picks the supplier', async () => {
    const { page } = s;
    await page.keyboard.press('F3');
    const form = page.getByTestId('receive-form');
    const picker = form.getByRole('combobox', { name: /Ajouter un produit/ });
    const supplier = form.getByLabel(/Fournisseur/);
    const note = form.getByRole('textbox', { name: 'N° du bon de livraison' });
    await expect.poll(() => hasFocus(picker)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => hasFocus(supplier)).toBe(true);

    await page.keyboard.type('gros', HUMAN);
    await expect.poll(() => page.getByRole('option', { name: 'Grossiste Dakar' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    // the list's Enter chose the supplier, and left the cursor there
    await expect.poll(() => supplier.inputValue()).toBe('Grossiste Dakar');
    expect(await hasFocus(supplier)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(note)).toBe(true);
    await page.keyboard.type('BL 2207', HUMAN);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(picker)).toBe(true);
    expect(await supplier.inputValue()).toBe('Grossiste Dakar');

    await scan(page, codes.sirop);
    const quantity = form.getByRole('textbox', { name: 'Quantité Sirop de menthe 75 cl' });
    await expect.poll(() => hasFocus(quantity)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await form.getByTestId('receive-done').waitFor();
    const receipt = s.core.store.sqlite.prepare('SELECT s.name AS supplier, r.delivery_note AS note FROM stock_receipts r JOIN suppliers s ON s.id = r.supplier_id').get();
    expect(receipt).toEqual({ supplier: 'Grossiste Dakar', note: 'BL 2207' });
    expect(onHand(ids.SIROP)).toBe(21);
  });
});
