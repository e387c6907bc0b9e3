import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, PurchaseOrderSummary } from '../../src/shared/api/contract';
import { must } from '../helpers/core';
import { closeNotifications, openApp, plain, type Session, SHOTS } from './browser';

/**
 * The purchasing screens as an agri-supply store in Dakar uses them (French, FCFA, a 1024×768 screen):
 * double clicks do things once, a draft prints and sends what it shows, a typo is refused where it was
 * typed, prices can be corrected, a cancel asks first.
 */
describe('browser mode: purchase order drafts and receipts, keyboard and mouse mistakes included', () => {
  let s: Session;
  let page: Page;
  let intrants: number;
  let senchim: number;

  const product = async (p: Record<string, unknown>) => (await must<{ id: number }>(s.core.call('products.save', { priceMinor: 10_000, costMinor: 8_000, supplierId: intrants, ...p }))).id;
  const order = (id: number) => must<PurchaseOrder>(s.core.call('purchasing.get', { id }));
  const draftOf = async (lines: { productId: number; quantity: number }[]) => (await must<PurchaseOrder[]>(s.core.call('purchasing.createOrders', { lines })))[0];
  /** 56 received four weeks ago, 2 sold each day since: something to order. */
  const history = (productId: number) => {
    const day = 86_400_000;
    const now = Date.now();
    const owner = s.core.services.session.current();
    if (!owner) throw new Error('the test shop opens with its owner signed in');
    s.core.services.ledger.recordBulk(
      [
        { line: { productId, kind: 'receipt', quantity: 56, reason: '' }, at: new Date(now - 29 * day) },
        ...Array.from({ length: 28 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at: new Date(now - (28 - i) * day) })),
      ],
      'history',
      { user: owner },
      'warn',
    );
  };
  const openOrder = async (reference: string, reload = true) => {
    // orders made through core.call behind the screen's back: the list is read again
    if (reload) await page.reload();
    await page.getByTestId('nav-purchasing').click();
    await page.getByRole('tab', { name: 'Bons de commande' }).click();
    await page.getByTestId(`order-${reference}`).getByRole('button', { name: 'Ouvrir' }).click();
    await expect.poll(async () => (await page.getByTestId('order-reference').textContent()) ?? '').toContain(reference);
  };
  const toasts = async (text: string | RegExp) => {
    const all = await page.locator('.mantine-Notification-root').allTextContents();
    return all.map(plain).filter((x) => (typeof text === 'string' ? x.includes(text) : text.test(x)));
  };
  const closeToasts = async () => {
    await closeNotifications(page);
  };
  const field = (label: string) => page.getByRole('textbox', { name: label, exact: true });
  const lineOf = (sku: string) => page.getByTestId(`order-line-${sku}`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    page = s.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await must(s.core.call('settings.save', { shopName: 'Agro Services Dakar', currency: 'XOF', locale: 'fr' }));
    intrants = (await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Sahel Intrants SARL', leadTimeDays: 10 }))).id;
    senchim = (await must<{ id: number }>(s.core.call('suppliers.save', { name: 'SENCHIM', leadTimeDays: 7 }))).id;
    await page.reload();
    await page.getByTestId('nav-purchasing').waitFor();
  });
  afterAll(async () => s?.close());

  it('a double click on "Créer les bons de commande" makes one draft per supplier, once', async () => {
    const npk = await product({ sku: 'NPK', name: 'Engrais NPK 15-15-15 50 kg', costMinor: 21_900, vatRateBp: 1800 });
    const maize = await product({ sku: 'MAIS10', name: 'Semence maïs 10 kg', packSize: 5 });
    const decis = await product({ sku: 'DECIS', name: 'Insecticide Décis 1 l', supplierId: senchim });
    for (const id of [npk, maize, decis]) history(id);
    s.core.services.replenishment.recompute();
    await page.reload();
    await page.getByTestId('nav-purchasing').click();
    await page.getByTestId('to-order-NPK').waitFor();
    await page.getByTestId('to-order-DECIS').waitFor();
    // a budget that is no amount says so (not the field's own label)
    const budget = page.getByRole('textbox', { name: 'Budget TTC (facultatif)' });
    await budget.fill('beaucoup');
    await expect.poll(() => page.getByText('Montant non valide').count()).toBe(1);
    await budget.fill('');

    await page.getByTestId('create-orders').dblclick();
    await page.getByTestId('orders-table').or(page.getByTestId('order-detail')).waitFor();
    // both clicks landed; had the second gone through, main would have refused it with a red toast
    await page.waitForTimeout(800);
    const orders = await must<PurchaseOrderSummary[]>(s.core.call('purchasing.list', {}));
    expect(orders.map((o) => [o.reference, o.supplierName, o.status])).toEqual([
      ['PO-00002', 'SENCHIM', 'draft'],
      ['PO-00001', 'Sahel Intrants SARL', 'draft'],
    ]);
    expect(await toasts('bon(s) de commande créé(s)')).toHaveLength(1);
    expect(await toasts('Erreur')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'po-created-dblclick.png') });
    await closeToasts();
  });

  it('a typo in a draft quantity is refused under the field and keeps the line; "1 000" reads as a thousand; totals follow; Enter saves', async () => {
    const urea = await product({ sku: 'UREE', name: 'Urée 46 % 50 kg', costMinor: 18_000, vatRateBp: 1800 });
    const seed = await product({ sku: 'MIL5', name: 'Semence mil 5 kg', costMinor: 4_000, vatRateBp: 550, packSize: 5 });
    const po = await draftOf([
      { productId: urea, quantity: 27 },
      { productId: seed, quantity: 30 },
    ]);
    await openOrder(po.reference);
    const qty = field('Quantité Urée 46 % 50 kg');

    // "3O" with a letter O: said under the field, in French; saving sends nothing and drops nothing
    await qty.fill('3O');
    await expect.poll(async () => plain((await lineOf('UREE').textContent()) ?? '')).toContain('Tapez un nombre (ex. 12 ou 1,5)');
    await expect.poll(async () => (await page.getByTestId('unsaved').count()) > 0).toBe(true);
    // a line that cannot be read has no amount, and the order no total until it is corrected
    expect(plain((await page.getByTestId('order-total').textContent()) ?? '')).toBe('Total TTC : —');
    await page.getByTestId('save-lines').click();
    await page.waitForTimeout(300);
    expect((await order(po.id)).lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['UREE', 27],
      ['MIL5', 30],
    ]);
    await page.screenshot({ path: join(SHOTS, 'po-draft-typo.png') });

    // 0 is no way to remove a line: that is the "Retirer" button
    await qty.fill('0');
    await expect.poll(async () => plain((await lineOf('UREE').textContent()) ?? '')).toContain('Tapez une quantité supérieure à 0');

    // as a person types a thousand; the totals follow before anything is saved
    await qty.fill('1 000');
    await expect.poll(async () => plain((await lineOf('UREE').getByTestId('amount').textContent()) ?? '')).toBe('18 000 000 FCFA');
    // 18 000 000 + 18 % and 120 000 + 5,5 %
    await expect.poll(async () => plain((await page.getByTestId('order-total').textContent()) ?? '')).toBe('Total TTC : 21 366 600 FCFA');
    expect((await order(po.id)).lines[0].quantity).toBe(27);
    // Enter saves
    await qty.press('Enter');
    await expect.poll(async () => (await order(po.id)).lines.map((l) => l.quantity)).toEqual([1000, 30]);
    await expect.poll(() => page.getByTestId('unsaved').count()).toBe(0);
    expect(await toasts('Lignes enregistrées')).toHaveLength(1);

    // French number formats: VAT « 5,5 % », packs « 2,4 × 5 », with a word that it is not whole packs
    await field('Quantité Semence mil 5 kg').fill('12');
    const seedLine = lineOf('MIL5');
    await expect.poll(async () => plain((await seedLine.getByTestId('packs').textContent()) ?? '')).toBe('2,4 × 5pas un nombre entier de colis de 5');
    await expect(seedLine.textContent().then((x) => plain(x ?? ''))).resolves.toContain('5,5 %');
    await page.screenshot({ path: join(SHOTS, 'po-draft-packs.png') });
    await field('Quantité Semence mil 5 kg').fill('30');
    await closeToasts();
  });

  it('the unit cost can be corrected on a draft, typed as the shop writes money', async () => {
    const cement = await product({ sku: 'CIM50', name: 'Ciment 50 kg', costMinor: 3_700, vatRateBp: 0 });
    const po = await draftOf([{ productId: cement, quantity: 100 }]);
    await openOrder(po.reference);
    const cost = field('Prix unitaire HT Ciment 50 kg');
    await expect(cost.inputValue()).resolves.toBe('3700');
    await cost.fill('39,5O');
    await expect.poll(async () => plain((await lineOf('CIM50').textContent()) ?? '')).toContain('Tapez un prix, par ex. 3 950');
    await cost.fill('3 950 FCFA');
    await expect.poll(async () => plain((await page.getByTestId('order-total').textContent()) ?? '')).toBe('Total TTC : 395 000 FCFA');
    await cost.press('Enter');
    await expect.poll(async () => (await order(po.id)).lines[0].unitCostMinor).toBe(3950);
    await page.screenshot({ path: join(SHOTS, 'po-draft-cost.png') });

    // received on the order, the stock is valued at the corrected cost
    await must(s.core.call('purchasing.markSent', { id: po.id }));
    await must(s.core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 100 }] }));
    expect(s.core.services.ledger.movements(cement, 1)[0]).toMatchObject({ kind: 'receipt', unitCostMinor: 3950 });
    await closeToasts();
  });

  it('removing a line is explicit, can be undone before saving, and saved only with the lines', async () => {
    const a = await product({ sku: 'SAC', name: 'Sacs vides 50 kg', costMinor: 300 });
    const b = await product({ sku: 'FIL', name: 'Fil à coudre', costMinor: 1_500 });
    const po = await draftOf([
      { productId: a, quantity: 200 },
      { productId: b, quantity: 10 },
    ]);
    await openOrder(po.reference);
    const total = async () => plain((await page.getByTestId('order-total').textContent()) ?? '');
    await expect.poll(total).toBe('Total TTC : 75 000 FCFA');
    await lineOf('FIL').getByRole('button', { name: 'Retirer' }).click();
    await expect.poll(async () => plain((await lineOf('FIL').textContent()) ?? '')).toContain('Retirée à l’enregistrement');
    await expect.poll(total).toBe('Total TTC : 60 000 FCFA');
    // the last line left cannot be removed: cancel the order instead
    await expect(lineOf('SAC').getByRole('button', { name: 'Retirer' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'po-draft-removed.png') });
    await lineOf('FIL').getByRole('button', { name: 'Remettre' }).click();
    await expect.poll(total).toBe('Total TTC : 75 000 FCFA');
    await lineOf('FIL').getByRole('button', { name: 'Retirer' }).click();
    expect((await order(po.id)).lines).toHaveLength(2);
    await page.getByTestId('save-lines').click();
    await expect.poll(async () => (await order(po.id)).lines.map((l) => l.sku)).toEqual(['SAC']);
    await closeToasts();
  });

  it('an edit not saved is saved before the PDF and before sending; a double click on "Marquer comme envoyé" sends once, without an error', async () => {
    const rice = await product({ sku: 'RIZ25', name: 'Riz brisé 25 kg', costMinor: 11_000, vatRateBp: 0 });
    const po = await draftOf([{ productId: rice, quantity: 20 }]);
    await openOrder(po.reference);
    const qty = field('Quantité Riz brisé 25 kg');
    await qty.fill('40');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bon de commande (PDF)' }).click()]);
    const file = join(s.dir, 'draft.pdf');
    await download.saveAs(file);
    const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(text).toContain('440 000 FCFA');
    expect(text).not.toContain('220 000 FCFA');
    expect((await order(po.id)).lines[0].quantity).toBe(40);

    await qty.fill('45');
    await closeToasts();
    await page.getByRole('button', { name: 'Marquer comme envoyé' }).dblclick();
    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Envoyé');
    await page.waitForTimeout(800);
    expect(await order(po.id)).toMatchObject({ status: 'sent', lines: [{ quantity: 45 }] });
    expect(await toasts('Erreur')).toEqual([]);
    expect(await toasts('n’est plus un brouillon')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'po-sent-dblclick.png') });

    // a line that cannot be read stops the PDF: nothing leaves the shop that the screen does not show
    const oil = await product({ sku: 'HUILE', name: 'Huile 20 l', costMinor: 25_000 });
    const other = await draftOf([{ productId: oil, quantity: 5 }]);
    await openOrder(other.reference);
    await field('Quantité Huile 20 l').fill('5,5,5');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Bon de commande (PDF)' }).click();
    await expect.poll(async () => (await toasts('Corrigez d’abord les cases en rouge')).length).toBe(1);
    await page.getByRole('button', { name: 'Marquer comme envoyé' }).click();
    await page.waitForTimeout(300);
    expect(downloads).toBe(0);
    expect(await order(other.id)).toMatchObject({ status: 'draft', lines: [{ quantity: 5 }] });
    await field('Quantité Huile 20 l').fill('5');
    await closeToasts();
  });

  it('leaving a draft with unsaved edits asks; another tab keeps them for when it is reopened', async () => {
    const salt = await product({ sku: 'SEL', name: 'Sel iodé 25 kg', costMinor: 2_500 });
    const po = await draftOf([{ productId: salt, quantity: 20 }]);
    await openOrder(po.reference);
    const qty = field('Quantité Sel iodé 25 kg');
    const back = page.getByRole('button', { name: /Retour à la liste/ });
    const leave = page.getByRole('dialog', { name: 'Modifications non enregistrées' });

    await qty.fill('25');
    await back.click();
    await leave.waitFor();
    await page.screenshot({ path: join(SHOTS, 'po-leave.png') });
    await leave.getByRole('button', { name: 'Rester sur la commande' }).click();
    await leave.waitFor({ state: 'detached' });
    await expect(qty.inputValue()).resolves.toBe('25');

    await back.click();
    await leave.getByRole('button', { name: 'Enregistrer et revenir' }).click();
    await page.getByTestId('orders-table').waitFor();
    expect((await order(po.id)).lines[0].quantity).toBe(25);

    await openOrder(po.reference);
    await qty.fill('30');
    await back.click();
    await leave.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
    await page.getByTestId('orders-table').waitFor();
    expect((await order(po.id)).lines[0].quantity).toBe(25);
    await openOrder(po.reference);
    await expect(qty.inputValue()).resolves.toBe('25');

    // another way out (the tab, another screen): the edit is still there, marked unsaved, when it is reopened
    await qty.fill('33');
    await page.getByRole('tab', { name: 'À commander' }).click();
    await openOrder(po.reference, false);
    await expect(qty.inputValue()).resolves.toBe('33');
    await page.getByTestId('unsaved').waitFor();
    expect((await order(po.id)).lines[0].quantity).toBe(25);
    await page.getByTestId('save-lines').click();
    await expect.poll(async () => (await order(po.id)).lines[0].quantity).toBe(33);
    await closeToasts();
  });

  it('"Annuler la commande" asks first; keeping it changes nothing', async () => {
    const bags = await product({ sku: 'BACHE', name: 'Bâche 4 × 6 m', costMinor: 7_500 });
    const po = await draftOf([{ productId: bags, quantity: 10 }]);
    await must(s.core.call('purchasing.markSent', { id: po.id }));
    await openOrder(po.reference);
    const dialog = page.getByRole('dialog', { name: `Annuler la commande ${po.reference} ?` });
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await dialog.waitFor();
    await expect(dialog.textContent().then((x) => plain(x ?? ''))).resolves.toContain('prévenez Sahel Intrants SARL');
    await page.screenshot({ path: join(SHOTS, 'po-cancel-ask.png') });
    // the focus is on keeping it: Enter keeps the order
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect((await order(po.id)).status).toBe('sent');
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await dialog.getByRole('button', { name: 'Annuler la commande' }).click();
    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Annulé');
    expect((await order(po.id)).status).toBe('cancelled');
    await closeToasts();
  });

  it('a double click on "Enregistrer la réception" books a partial delivery once; typos are said in French; Enter records once', async () => {
    const decis = await product({ sku: 'KARATE', name: 'Insecticide Karaté 1 l', supplierId: senchim, tracksExpiry: true, costMinor: 6_500 });
    const po = await draftOf([{ productId: decis, quantity: 1200 }]);
    await must(s.core.call('purchasing.markSent', { id: po.id }));
    await openOrder(po.reference);
    const receipts = () => s.core.services.ledger.movements(decis, 10).filter((m) => m.kind === 'receipt');
    // a slow PC: main answers after the second click has landed, so the dialog itself must ignore it
    let calls = 0;
    await page.route('**/api/call/purchasing.receive', async (route) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });

    await page.getByRole('button', { name: 'Réceptionner' }).click();
    const modal = page.getByRole('dialog', { name: `Réception de ${po.reference}` });
    const qty = modal.getByRole('textbox', { name: 'Reçu maintenant Insecticide Karaté 1 l' });
    // the cursor is in the first quantity
    await expect.poll(() => qty.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(qty.inputValue()).resolves.toBe('1200');
    await qty.fill('1O');
    await modal.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await expect.poll(async () => plain((await modal.textContent()) ?? '')).toContain('Tapez un nombre (ex. 12 ou 1,5)');
    expect(await modal.textContent()).not.toContain('Invalid input');
    // left blank: nothing to record, said so
    await qty.fill('');
    await modal.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await modal.getByTestId('receive-nothing').waitFor();
    expect(receipts()).toHaveLength(0);

    // "1 000" as a person types it: read as a thousand
    await qty.fill('1 000');
    await modal.getByRole('textbox', { name: 'Lot Insecticide Karaté 1 l' }).fill('L2407');
    await modal.getByLabel('Péremption Insecticide Karaté 1 l').fill('2028-03-31');
    await page.screenshot({ path: join(SHOTS, 'po-receive.png') });
    await modal.getByRole('button', { name: 'Enregistrer la réception' }).dblclick();
    await modal.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Reçu en partie');
    await page.waitForTimeout(800);
    expect(receipts().map((m) => [m.quantity, m.lot])).toEqual([[1000, 'L2407']]);
    expect(calls).toBe(1);
    expect(await order(po.id)).toMatchObject({ status: 'partial', lines: [{ quantity: 1200, received: 1000 }] });
    expect(await toasts('Réception enregistrée')).toHaveLength(1);
    await expect(lineOf('KARATE').getByTestId('received').textContent().then((x) => plain(x ?? ''))).resolves.toBe('1 000');
    await page.screenshot({ path: join(SHOTS, 'po-received-dblclick.png') });
    await closeToasts();
    // the list on a 1024 px screen: statuses read whole
    await page.getByRole('button', { name: /Retour à la liste/ }).click();
    await expect.poll(async () => plain((await page.getByTestId(`order-${po.reference}`).textContent()) ?? '')).toContain('Reçu en partie');
    await page.screenshot({ path: join(SHOTS, 'po-list-1024.png') });
    await page.getByTestId(`order-${po.reference}`).getByRole('button', { name: 'Ouvrir' }).click();

    // the rest, by the keyboard: Enter in the quantity records it, once, even pressed twice
    await page.getByRole('button', { name: 'Réceptionner' }).click();
    await expect(qty.inputValue()).resolves.toBe('200');
    await modal.getByRole('textbox', { name: 'Lot Insecticide Karaté 1 l' }).fill('L2409');
    await modal.getByLabel('Péremption Insecticide Karaté 1 l').fill('2028-05-31');
    await qty.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await modal.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Reçu');
    await page.waitForTimeout(500);
    expect(receipts().map((m) => m.quantity)).toEqual([200, 1000]);
    expect(calls).toBe(2);
    expect(await toasts('Erreur')).toEqual([]);
    await page.unroute('**/api/call/purchasing.receive');
  });

  it('in English, the receipt dialog says what is wrong in English', async () => {
    const spray = await product({ sku: 'PULV', name: 'Pulvérisateur 16 l', supplierId: senchim, costMinor: 15_000 });
    const po = await draftOf([{ productId: spray, quantity: 4 }]);
    await must(s.core.call('purchasing.markSent', { id: po.id }));
    await must(s.core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-purchasing').click();
    await page.getByRole('tab', { name: 'Purchase orders' }).click();
    await page.getByTestId(`order-${po.reference}`).getByRole('button', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Receive' }).click();
    const modal = page.getByRole('dialog', { name: `Receiving ${po.reference}` });
    await modal.getByRole('textbox', { name: 'Received now Pulvérisateur 16 l' }).fill('4O');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await modal.textContent()) ?? '').toContain('Type a number (e.g. 12 or 1.5)');
    await modal.getByRole('textbox', { name: 'Received now Pulvérisateur 16 l' }).fill('');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await modal.textContent()) ?? '').toContain('Type at least one quantity received.');
    // "1,000" is a thousand in English, not one: more than the 4 on order, so refused rather than booked as 1
    await modal.getByRole('textbox', { name: 'Received now Pulvérisateur 16 l' }).fill('1,000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await modal.textContent()) ?? '').toContain('Only 4 of Pulvérisateur 16 l is left to receive on order');
    expect(s.core.store.sqlite.prepare("SELECT count(*) FROM movements WHERE kind = 'receipt' AND reference = ?").pluck().get(po.reference)).toBe(0);
    await must(s.core.call('settings.save', { locale: 'fr' }));
  });
});
