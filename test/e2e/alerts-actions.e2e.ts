import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { AlertList } from '../../src/shared/api/contract';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, ownerPin } from '../helpers/core';
import { closeNotifications, openApp, plain, type Session, SHOTS } from './browser';

const LOTS = 230;

/** Waits for what the screen shows: a table of a hundred rows takes a while to redraw on a busy machine. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

interface Shop {
  rice: number;
  oil: number;
  flour: number;
  soap: number;
  milk: number;
  latePo: { id: number; reference: string };
  draftPo: { id: number; reference: string };
}

/**
 * A grocery with one product of each kind of trouble: rice sold out (nothing on order), flour sold out
 * and already on a draft, oil whose order is 5 days late, soap never sold in 4 months, and powdered
 * milk in 230 lots expiring within the month (more than the page shows at once).
 */
async function seed(core: Core): Promise<Shop> {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
  const iso = (daysAhead: number) => new Date(Date.now() + daysAhead * day).toISOString().slice(0, 10);
  const supplier = await must<{ id: number }>(core.call('suppliers.save', { name: 'Import SARL', leadTimeDays: 3 }));
  const product = async (sku: string, name: string, extra: Record<string, unknown> = {}) =>
    (await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 1500, costMinor: 1100, supplierId: supplier.id, leadTimeDays: 3, ...extra }))).id;
  const rice = await product('RIZ-25', 'Riz brisé parfumé 25 kg');
  const oil = await product('HUILE-1', 'Huile végétale 1 L');
  const flour = await product('FARINE-1', 'Farine de blé 1 kg');
  const soap = await product('SAVON', 'Savon de Marseille');
  const milk = await product('LAIT-400', 'Lait en poudre 400 g', { tracksExpiry: true });
  // created, never received nor sold; and salt sold past what was counted in
  await product('NEUF', 'Nouveau produit jamais reçu');
  const salt = await product('SEL-1', 'Sel fin 1 kg');
  type Line = { line: { productId: number; kind: 'receipt' | 'sale'; quantity: number; reason: string }; at: Date };
  const lines: Line[] = [];
  // 28 days of sales, 10 a day: rice and flour run out, oil keeps 20
  for (const [id, left] of [
    [rice, 0],
    [flour, 0],
    [oil, 20],
  ] as const) {
    lines.push({ line: { productId: id, kind: 'receipt', quantity: 280 + left, reason: '' }, at: at(29) });
    for (let d = 28; d >= 1; d--) lines.push({ line: { productId: id, kind: 'sale', quantity: 10, reason: '' }, at: at(d) });
  }
  lines.push({ line: { productId: soap, kind: 'receipt', quantity: 40, reason: '' }, at: at(120) });
  lines.push({ line: { productId: salt, kind: 'sale', quantity: 2, reason: '' }, at: at(2) });
  core.services.ledger.recordBulk(lines, 'history', { user: core.services.session.current()! }, 'warn');
  await must(
    core.call('ledger.record', {
      lines: Array.from({ length: LOTS }, (_, i) => ({ productId: milk, kind: 'receipt', quantity: 1, lot: `LP-${String(i + 1).padStart(3, '0')}`, expiry: iso(5 + (i % 20)) })),
    }),
  );
  // the oil's order went out and should have come 5 days ago
  const [late] = await must<{ id: number; reference: string }[]>(core.call('purchasing.createOrders', { lines: [{ productId: oil, quantity: 100 }] }));
  await must(core.call('purchasing.markSent', { id: late!.id }));
  core.store.sqlite.prepare('UPDATE purchase_orders SET expected_date = ? WHERE id = ?').run(iso(-5), late!.id);
  const [draft] = await must<{ id: number; reference: string }[]>(core.call('purchasing.createOrders', { lines: [{ productId: flour, quantity: 60 }] }));
  core.services.replenishment.recompute();
  core.services.alerts.evaluate();
  await core.services.stockWatcher.idle();
  return { rice, oil, flour, soap, milk, latePo: { id: late!.id, reference: late!.reference }, draftPo: { id: draft!.id, reference: draft!.reference } };
}

describe('browser mode: the Alerts page, filtered, paged, and each alert acted on where it is done', () => {
  let s: Session;
  let shop: Shop;
  const hash = () => s.page.evaluate(() => decodeURIComponent(window.location.hash));
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).textContent()) ?? '');
  /** The Alerts page opened afresh (from the products), its first page shown. */
  const openAlerts = async () => {
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('products-table').waitFor();
    await s.page.keyboard.press('Alt+7');
    await s.page.getByTestId('alerts-table').waitFor();
  };
  /** The page searched for a product (its alerts may be past the first page, among the lots). */
  const search = async (what: string, rows: number) => {
    await s.page.getByTestId('alerts-search').fill(what);
    await poll(() => s.page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(rows);
  };
  const row = (type: string, product: string) => s.page.locator(`[data-testid="alert-${type}"][data-product="${product}"]`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    shop = await seed(s.core);
    await s.page.reload();
    await s.page.getByTestId('nav-alerts').waitFor();
  });
  afterAll(async () => s?.close());

  it('says how many alerts it shows out of how many, by group, critical first; « Voir plus » shows the rest', async () => {
    const { page } = s;
    await openAlerts();
    const all = await must<AlertList>(s.core.call('alerts.page', { limit: 5000 }));
    expect(all.total).toBeGreaterThan(LOTS);
    expect(all.groups.expiry).toBe(LOTS);
    expect(await page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(100);
    expect(await text('alerts-count')).toBe(`100 affichées sur ${all.total}`);
    // the counts of each group, on the filter itself
    const groups = await text('alerts-groups');
    expect(groups).toContain(`Tout${all.total}`);
    expect(groups).toContain(`Péremption${LOTS}`);
    expect(groups).toContain(`Ruptures et à commander${all.groups.order}`);
    expect(groups).toContain('Commandes en retard1');
    // the rice out of stock is on top, not buried under the lots
    const first = page.getByTestId('alerts-table').locator('tbody tr').first();
    expect(await first.getAttribute('data-product')).not.toBe('Lait en poudre 400 g');
    expect(await first.locator('.mantine-Badge-root').first().getAttribute('title')).toBe('Critique');
    await page.screenshot({ path: join(SHOTS, 'alerts-groups-fr.png') });
    // nothing sideways on a 1024-pixel screen: the groups and the actions fit
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'alerts-groups-1024.png') });
    await page.setViewportSize({ width: 1366, height: 800 });

    // a hundred more each time, the count following
    expect(await page.getByTestId('alerts-more').textContent()).toBe('Voir plus (100)');
    await page.getByTestId('alerts-more').click();
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(200);
    expect(await text('alerts-count')).toBe(`200 affichées sur ${all.total}`);
    expect(await page.getByTestId('alerts-more').textContent()).toBe(`Voir plus (${all.total - 200})`);
    await page.getByTestId('alerts-more').click();
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(all.total);
    expect(await text('alerts-count')).toBe(`${all.total} alertes`);
    expect(await page.getByTestId('alerts-more').count()).toBe(0);
  });

  it('from the keyboard: arrows choose the group, / searches a product, Escape clears the search', async () => {
    const { page } = s;
    await openAlerts();
    // the search box has the cursor when the page opens
    await page.keyboard.type('riz');
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(1);
    expect(await row('stockout_before_delivery', 'Riz brisé parfumé 25 kg').count()).toBe(1);
    expect(await text('alerts-count')).toBe('1 alerte');
    await page.keyboard.press('Escape');
    await poll(() => text('alerts-count')).toMatch(/^100 affichées sur \d+$/);

    // Shift+Tab reaches the chosen group; the arrows move to the next ones
    const counts = (await must<AlertList>(s.core.call('alerts.page', {}))).groups;
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(counts.order);
    const types = await page.getByTestId('alerts-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(types.every((t) => t === 'alert-stockout_before_delivery' || t === 'alert-reorder_point')).toBe(true);
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(1);
    expect(await row('order_overdue', 'Huile végétale 1 L').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    await poll(() => text('alerts-count')).toBe(`100 affichées sur ${LOTS}`);
    // a lot number finds its alert, within the group
    await page.keyboard.press('/');
    await page.keyboard.type('LP-117');
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(1);
    // the lot's write-off is still offered, opens on that lot, and Enter throws it away: its alert goes
    await page.getByTestId('alert-write-off').click();
    const modal = page.getByTestId('write-off-lot-modal');
    await poll(async () => plain((await modal.locator('.mantine-Modal-title').textContent()) ?? '')).toMatch(/^Retirer du stock le lot LP-117 de Lait en poudre 400 g/);
    const quantity = modal.getByRole('textbox', { name: 'Quantité perdue' });
    await poll(() => quantity.inputValue()).toBe('1');
    // not past its date yet: the owner says why it goes (a damaged tin), then Enter confirms
    await modal.getByRole('radio', { name: 'Abîmé / cassé' }).check();
    await quantity.focus();
    await page.keyboard.press('Enter');
    await poll(() => modal.count()).toBe(0);
    await page.getByTestId('alerts-none-match').waitFor();
    expect(s.core.store.sqlite.prepare("SELECT lot FROM movements WHERE kind = 'loss'").pluck().all()).toEqual(['LP-117']);
    // a group with nothing in it says so
    await page.getByTestId('alerts-search').fill('introuvable');
    await page.getByTestId('alerts-none-match').waitFor();
    expect(await text('alerts-none-match')).toBe('Aucune alerte ne correspond.');
  });

  it('« Commander » on a product out of stock opens Achats › À commander with that product marked and its box focused', async () => {
    const { page } = s;
    await openAlerts();
    const rice = row('stockout_before_delivery', 'Riz brisé parfumé 25 kg');
    const order = rice.getByTestId('alert-action');
    expect(await order.textContent()).toBe('Commander');
    await order.click();
    await poll(hash).toBe(`#/purchasing?product=${shop.rice}`);
    const line = page.getByTestId('to-order-RIZ-25');
    await line.waitFor();
    expect(await line.getAttribute('data-focused')).toBe('true');
    expect(await page.locator('[data-focused]').count()).toBe(1);
    await poll(() => line.evaluate((el) => el.contains(document.activeElement) && (document.activeElement as HTMLInputElement).type === 'checkbox')).toBe(true);
    expect(await line.locator('input[type=checkbox]').isChecked()).toBe(true);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'alerts-order-to-order-fr.png') });
    // another tab, and back: the list as usual, the page plain again after a reload
    await page.getByRole('tab', { name: 'Bons de commande' }).click();
    expect(await hash()).toBe('#/purchasing');
    await page.getByRole('tab', { name: 'À commander' }).click();
    await line.waitFor();
    expect(await line.getAttribute('data-focused')).toBeNull();
  });

  it('a product already on a draft: the alert opens that draft; Achats opened on it says so and opens it', async () => {
    const { page } = s;
    await openAlerts();
    const flour = row('stockout_before_delivery', 'Farine de blé 1 kg');
    expect(await flour.getByTestId('alert-action').textContent()).toBe(`Voir le brouillon ${shop.draftPo.reference}`);
    await flour.getByTestId('alert-action').click();
    await poll(hash).toBe(`#/purchasing?order=${shop.draftPo.id}`);
    await page.getByRole('heading', { name: new RegExp(shop.draftPo.reference) }).waitFor();
    expect(plain((await page.locator('main').textContent()) ?? '')).toContain('Farine de blé 1 kg');

    // the same product asked for in Achats › À commander (a link kept from before the draft)
    await page.evaluate((id) => (window.location.hash = `/purchasing?product=${id}`), shop.flour);
    await page.getByTestId('to-order-target').waitFor();
    expect(await text('to-order-target')).toContain(`Farine de blé 1 kg est déjà sur le brouillon ${shop.draftPo.reference} : vérifiez-le et envoyez-le au fournisseur.`);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'alerts-on-draft-fr.png') });
    await page.getByTestId('to-order-target-open').click();
    await page.getByRole('heading', { name: new RegExp(shop.draftPo.reference) }).waitFor();
    expect(await hash()).toBe('#/purchasing');
  });

  it('a late order: « Voir la commande » opens it; overstock and dead stock: « Voir le produit » finds it among the products', async () => {
    const { page } = s;
    await openAlerts();
    await search('huile', 1);
    const oil = row('order_overdue', 'Huile végétale 1 L');
    expect(await oil.getByTestId('alert-action').textContent()).toBe(`Voir la commande ${shop.latePo.reference}`);
    await oil.getByTestId('alert-action').click();
    await poll(hash).toBe(`#/purchasing?order=${shop.latePo.id}`);
    await page.getByRole('heading', { name: new RegExp(shop.latePo.reference) }).waitFor();
    expect(plain((await page.locator('main').textContent()) ?? '')).toContain('Huile végétale 1 L');

    await openAlerts();
    await search('savon', 1);
    const soap = row('dead_stock', 'Savon de Marseille');
    expect(await soap.getByTestId('alert-action').textContent()).toBe('Voir le produit');
    await soap.getByTestId('alert-action').click();
    await poll(hash).toBe(`#/products?product=${shop.soap}`);
    const found = page.getByTestId('product-row-SAVON');
    await found.waitFor();
    expect(await found.getAttribute('data-focused')).toBe('true');
    // the search says why only it is shown, and is cleared like any search
    expect(await page.getByRole('textbox', { name: 'Rechercher' }).inputValue()).toBe('SAVON');
    await poll(() => found.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'alerts-open-product-fr.png') });
    // Enter on the focused button opens the product's card
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').getByRole('textbox', { name: /^Nom/ }).inputValue()).toBe('Savon de Marseille');
    await page.keyboard.press('Escape');
  });

  it('a group asked for in the address opens chosen, and can be cleared', async () => {
    const { page } = s;
    await page.evaluate(() => (window.location.hash = '/alerts?group=slow'));
    await poll(() => page.getByTestId('alerts-groups').locator('input[value="slow"]').isChecked()).toBe(true);
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(1);
    // « J'ai vu » still marks it seen, in place, saying who and when; « Plus tard » likewise
    const soap = row('dead_stock', 'Savon de Marseille');
    const owner = s.core.services.session.owner().name;
    await soap.getByRole('button', { name: 'J’ai vu' }).click();
    await poll(async () => plain((await soap.getByTestId('alert-seen').textContent()) ?? '')).toMatch(new RegExp(`^Vue par ${owner} le \\d{2}/\\d{2} à \\d{2}:\\d{2}$`));
    expect(await soap.getByRole('button', { name: 'J’ai vu' }).count()).toBe(0);
    await soap.getByRole('button', { name: 'Plus tard (24 h)' }).click();
    await poll(async () => plain((await soap.getByTestId('alert-snoozed').textContent()) ?? '')).toMatch(
      new RegExp(`^Reportée par ${owner} le \\d{2}/\\d{2} à \\d{2}:\\d{2}, jusqu’au \\d{2}/\\d{2}(/\\d{4})? à \\d{2}:\\d{2}$`),
    );
    expect(await soap.getByTestId('alert-snooze').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'alerts-seen-by-fr.png') });
    await page.getByTestId('alerts-groups').getByText('Tout', { exact: true }).click();
    await poll(() => text('alerts-count')).toMatch(/^100 affichées sur \d+$/);
    expect(await hash()).toBe('#/alerts');
  });

  it('the dashboard: « En rupture » lists only the products at 0 or below, marked, those that sell first; « À commander » opens Achats', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-out-of-stock').click();
    await poll(hash).toBe('#/stock?show=out');
    const rows = page.getByTestId('stock-table').locator('tbody tr');
    await poll(() => rows.count()).toBe(4);
    // the two that sell 10 a day (by name), then salt below zero (2 sold in 4 weeks), then the one never received
    await poll(() => rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-testid'), tr.getAttribute('data-level')]))).toEqual([
      ['stock-row-FARINE-1', 'out'],
      ['stock-row-RIZ-25', 'out'],
      ['stock-row-SEL-1', 'negative'],
      ['stock-row-NEUF', 'out'],
    ]);
    expect(plain((await page.getByTestId('stock-row-RIZ-25').textContent()) ?? '')).toContain('Rupture');
    expect(await page.getByTestId('stock-row-RIZ-25').getByTestId('daily-sales').textContent()).toBe('10');
    expect(await page.getByTestId('stock-row-NEUF').getByTestId('daily-sales').textContent()).toBe('—');
    expect(plain((await page.getByTestId('stock-row-SEL-1').textContent()) ?? '')).toContain('Négatif');
    expect(await page.getByTestId('stock-row-SEL-1').getByTestId('on-hand').textContent()).toBe('-2');
    // the filter is on screen, and says what it does
    expect(await page.getByTestId('stock-filter').locator('input[value="out"]').isChecked()).toBe(true);
    expect(plain((await page.getByTestId('stock-filter').textContent()) ?? '')).toContain('À 0 ou en négatif (4)');
    await page.screenshot({ path: join(SHOTS, 'stock-out-fr.png') });
    // cleared: every product again, the address plain
    await page.getByTestId('stock-filter').getByText('Tous les produits').click();
    await poll(() => rows.count()).toBe(7);
    expect(await hash()).toBe('#/stock');

    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-below-reorder').click();
    await poll(hash).toBe('#/purchasing');
    await page.getByRole('tab', { name: 'À commander', selected: true }).waitFor();
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-expiring').click();
    await poll(hash).toBe('#/alerts?group=expiry');
    await poll(() => page.getByTestId('alerts-groups').locator('input[value="expiry"]').isChecked()).toBe(true);
    await poll(() => text('alerts-count')).toBe(`100 affichées sur ${LOTS - 1}`);
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-overstock').click();
    await poll(hash).toBe('#/alerts?group=slow');
    await poll(() => page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(1);
  });

  it('in English, every word of the page; a cashier sees no ordering button', async () => {
    const { page, core } = s;
    await must(core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-alerts').waitFor();
    await openAlerts();
    expect(await text('alerts-count')).toMatch(/^100 shown of \d+$/);
    const groups = await text('alerts-groups');
    for (const label of ['All', 'Stockouts & to order', 'Late orders', 'Expiry', 'Overstock & unsold', 'Other']) expect(groups).toContain(label);
    expect(await row('stockout_before_delivery', 'Riz brisé parfumé 25 kg').getByTestId('alert-action').textContent()).toBe('Order');
    expect(await page.getByTestId('alerts-more').textContent()).toMatch(/^Show more \(\d+\)$/);
    await page.screenshot({ path: join(SHOTS, 'alerts-groups-en.png') });
    await search('huile', 1);
    expect(await row('order_overdue', 'Huile végétale 1 L').getByTestId('alert-action').textContent()).toBe(`Open order ${shop.latePo.reference}`);
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-out-of-stock').click();
    await poll(() => page.getByTestId('stock-table').locator('tbody tr').count()).toBe(4);
    expect(plain((await page.getByTestId('stock-filter').textContent()) ?? '')).toContain('At 0 or below (4)');
    expect(plain((await page.getByTestId('stock-row-SEL-1').textContent()) ?? '')).toContain('Negative');
    await page.screenshot({ path: join(SHOTS, 'stock-out-en.png') });
    await page.evaluate((id) => (window.location.hash = `/purchasing?product=${id}`), shop.flour);
    await page.getByTestId('to-order-target').waitFor();
    expect(await text('to-order-target')).toContain(`Farine de blé 1 kg is already on draft ${shop.draftPo.reference}: check it and send it to the supplier.`);

    await ownerPin(core);
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
    await page.reload();
    await page.getByTestId('nav-alerts').waitFor();
    await openAlerts();
    expect(await row('stockout_before_delivery', 'Riz brisé parfumé 25 kg').getByTestId('alert-action').count()).toBe(0);
    // nothing to silence an alert with (a manager's call), but a lot past its date can still be thrown away
    expect(await page.getByTestId('alerts-table').locator('tbody tr').count()).toBe(100);
    expect(await page.getByTestId('alert-ack').count()).toBe(0);
    expect(await page.getByTestId('alert-snooze').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Seen it|Later)/ }).count()).toBe(0);
    expect(await page.getByTestId('alert-write-off').count()).toBeGreaterThan(0);
    await search('huile', 1);
    expect(await row('order_overdue', 'Huile végétale 1 L').getByTestId('alert-action').count()).toBe(0);
    await search('savon', 1);
    const soap = row('dead_stock', 'Savon de Marseille');
    expect(await soap.getByTestId('alert-action').textContent()).toBe('Open product');
    // who silenced it, in the cashier's sight too
    const owner = core.services.session.owner().name;
    expect(plain((await soap.getByTestId('alert-seen').textContent()) ?? '')).toMatch(new RegExp(`^Seen by ${owner} on \\d{2}/\\d{2} at \\d{2}:\\d{2}$`));
    expect(plain((await soap.getByTestId('alert-snoozed').textContent()) ?? '')).toMatch(new RegExp(`^Snoozed by ${owner} on .+, until .+$`));
    await page.screenshot({ path: join(SHOTS, 'alerts-cashier-en.png') });
    // the dashboard's « To order » leads a cashier, who does not order, to those alerts
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-below-reorder').click();
    await poll(hash).toBe('#/alerts?group=order');
  });
});
