import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, ownerPin, OWNER_PIN } from '../helpers/core';
import { closeNotifications, lock, logIn, openApp, scan, type Session, SHOTS } from './browser';

/** Waits for what the screen shows, on a machine that may be busy. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

interface Shop {
  rice: number;
  oil: number;
  flour: number;
}

/**
 * A grocery whose rice, flour and sugar sold out after four weeks of sales (two suppliers: two orders),
 * oil still on the shelf, and soap never sold; each with its barcode.
 */
async function seed(core: Core): Promise<Shop> {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
  const supplier = await must<{ id: number }>(core.call('suppliers.save', { name: 'Import SARL', leadTimeDays: 3 }));
  const wholesaler = await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste Dakar', leadTimeDays: 3 }));
  const product = async (sku: string, name: string, barcode: string, supplierId = supplier.id) =>
    (await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 1500, costMinor: 1100, supplierId, leadTimeDays: 3, barcodes: [barcode] }))).id;
  const rice = await product('RIZ-25', 'Riz brisé parfumé 25 kg', '6001000000011');
  const oil = await product('HUILE-1', 'Huile végétale 1 L', '6001000000028');
  const flour = await product('FARINE-1', 'Farine de blé 1 kg', '6001000000035');
  const sugar = await product('SUCRE-1', 'Sucre en poudre 1 kg', '6001000000042', wholesaler.id);
  const soap = await product('SAVON', 'Savon de Marseille', '6001000000059');
  type Line = { line: { productId: number; kind: 'receipt' | 'sale'; quantity: number; reason: string }; at: Date };
  const lines: Line[] = [];
  for (const [id, left] of [
    [rice, 0],
    [flour, 0],
    [sugar, 0],
    [oil, 200],
  ] as const) {
    lines.push({ line: { productId: id, kind: 'receipt', quantity: 280 + left, reason: '' }, at: at(29) });
    for (let d = 28; d >= 1; d--) lines.push({ line: { productId: id, kind: 'sale', quantity: 10, reason: '' }, at: at(d) });
  }
  lines.push({ line: { productId: soap, kind: 'receipt', quantity: 40, reason: '' }, at: at(120) });
  core.services.ledger.recordBulk(lines, 'history', { user: core.services.session.current()! }, 'warn');
  core.services.replenishment.recompute();
  core.services.alerts.evaluate();
  await core.services.stockWatcher.idle();
  return { rice, oil, flour };
}

/** What has the keyboard focus: its test id (or its nearest parent's), kind, name and whether its ring shows. */
interface Focus {
  tag: string;
  testId: string | null;
  within: string | null;
  type: string | null;
  name: string | null;
  label: string | null;
  value: string | null;
  alertId: string | null;
  ring: boolean;
}

describe('browser mode: where the keyboard focus goes in the back office (keyboard review M3, M10, L8, L9)', () => {
  let s: Session;
  let shop: Shop;
  const focus = () =>
    s.page.evaluate((): Focus => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        tag: a?.tagName ?? 'NONE',
        testId: a?.getAttribute('data-testid') ?? null,
        within: a?.parentElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
        type: a?.getAttribute('type') ?? null,
        name: a?.getAttribute('name') ?? null,
        label: a?.getAttribute('aria-label') ?? (a?.labels?.[0]?.textContent ?? null),
        value: a && 'value' in a ? a.value : null,
        alertId: a?.closest('tr[data-alert-id]')?.getAttribute('data-alert-id') ?? null,
        ring: a?.matches(':focus-visible') ?? false,
      };
    });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    shop = await seed(s.core);
    await s.page.reload();
    await s.page.getByTestId('nav-sell').waitFor();
  });
  afterAll(async () => s?.close());

  it('each page opened by Alt+digit puts the focus, with its ring, on its first useful control', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+3');
    await page.getByTestId('products-table').waitFor();
    // Stock: the search of the stock list
    await page.keyboard.press('Alt+2');
    await poll(async () => (await focus()).testId).toBe('stock-search');
    // Achats: the first line to order's box
    await page.keyboard.press('Alt+5');
    await poll(async () => (await focus()).type).toBe('checkbox');
    const box = await focus();
    const first = await page.locator('tbody[data-testid^="to-order-"]').first().getAttribute('data-testid');
    expect(box.within).toBe(first);
    expect(box.ring).toBe(true);
    // Prévisions: the product picker
    await page.keyboard.press('Alt+6');
    await poll(async () => (await focus()).label).toBe('Produit');
    // Tableau de bord: the period, ← → change it
    await page.keyboard.press('Alt+8');
    await poll(async () => (await focus()).within).toBe('dashboard-period');
    const period = await focus();
    expect([period.type, period.value, period.ring]).toEqual(['radio', '7d', true]);
    await page.keyboard.press('ArrowRight');
    await poll(() => page.evaluate(() => localStorage.getItem('shelfcast.dashboard.period'))).toBe('30d');
    // Paramètres: the shop's name, the first field the owner may change
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    expect((await focus()).ring).toBe(true);
  });

  it('from the sidebar too (a click, or Enter on the link); a page opened on a product keeps that product focused', async () => {
    const { page } = s;
    await page.getByTestId('nav-stock').click();
    await poll(async () => (await focus()).testId).toBe('stock-search');
    await page.getByTestId('nav-dashboard').focus();
    await page.keyboard.press('Enter');
    await poll(async () => (await focus()).within).toBe('dashboard-period');
    // an alert's « Commander » opens Achats on its product: that box, not the first one
    await page.evaluate((id) => (window.location.hash = `#/purchasing?product=${id}`), shop.flour);
    await poll(async () => (await focus()).within).toBe('to-order-FARINE-1');
  });

  it('Stock › État du stock: the search finds by name, SKU or barcode, and a scan fills it', async () => {
    const { page } = s;
    const rows = page.locator('[data-testid^="stock-row-"]');
    const search = page.getByTestId('stock-search');
    await page.keyboard.press('Alt+2');
    await poll(async () => (await focus()).testId).toBe('stock-search');
    await poll(() => rows.count()).toBe(5);
    await page.keyboard.type('riz');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe('stock-row-RIZ-25');
    // by the SKU, without its accents or case
    await page.keyboard.press('Control+A');
    await page.keyboard.type('farine-1');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe('stock-row-FARINE-1');
    // a barcode typed by hand: main knows the barcodes
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6001000000028', { delay: 60 });
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe('stock-row-HUILE-1');
    // nothing matches: said, not an empty table alone
    await page.keyboard.press('Control+A');
    await page.keyboard.type('zzz');
    await poll(() => page.getByTestId('stock-search-none').textContent()).toBe('Aucun produit ne correspond à « zzz ».');
    // Escape empties it
    await page.keyboard.press('Escape');
    await poll(() => rows.count()).toBe(5);
    // a scan while the focus is elsewhere on the tab (the filter) fills the search, and the cursor goes there
    await page.getByTestId('stock-filter').locator('input').first().focus();
    await scan(page, '6001000000035');
    await poll(() => search.inputValue()).toBe('6001000000035');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe('stock-row-FARINE-1');
    expect((await focus()).testId).toBe('stock-search');
    // a scan into the search replaces what was there
    await scan(page, '6001000000011');
    await poll(() => search.inputValue()).toBe('6001000000011');
    await poll(async () => rows.first().getAttribute('data-testid')).toBe('stock-row-RIZ-25');
    expect(await rows.count()).toBe(1);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus-stock-search.png') });
    // F6 (the counts, which have no field of their own to focus) keeps the focus on the page, F2 brings it back to the search
    await page.keyboard.press('F6');
    await poll(() => page.evaluate(() => document.activeElement?.closest('[role=tabpanel]')?.id.endsWith('-panel-count') ?? false)).toBe(true);
    await page.keyboard.press('F2');
    await poll(async () => (await focus()).testId).toBe('stock-search');
  });

  it('Alerts: ↑ ↓ move from one alert to the next, as the legend says; after « J’ai vu » the focus is on the next alert', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+7');
    await poll(async () => (await focus()).testId).toBe('alerts-search');
    await poll(() => page.locator('tr[data-alert-id]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('alerts-keys').textContent()).toBe('↑ ↓ alerte précédente ou suivante · Tab ses boutons · Entrée valider · / rechercher');
    const ids = await page.locator('tr[data-alert-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')));
    await page.keyboard.press('ArrowDown');
    await poll(async () => (await focus()).alertId).toBe(ids[0]);
    expect((await focus()).tag).toBe('BUTTON');
    await page.keyboard.press('ArrowDown');
    await poll(async () => (await focus()).alertId).toBe(ids[1]);
    await page.keyboard.press('ArrowDown');
    await poll(async () => (await focus()).alertId).toBe(ids[2]);
    await page.keyboard.press('ArrowUp');
    await poll(async () => (await focus()).alertId).toBe(ids[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await poll(async () => (await focus()).testId).toBe('alerts-search');
    // « J'ai vu » on the first alert, by keyboard: the focus goes on to the second alert's first button
    await page.locator(`tr[data-alert-id="${ids[0]}"]`).getByTestId('alert-ack').focus();
    await page.keyboard.press('Enter');
    await poll(() => s.core.store.sqlite.prepare('SELECT acknowledged_at FROM alerts WHERE id = ?').pluck().get(Number(ids[0]))).not.toBeNull();
    await poll(async () => (await focus()).alertId).toBe(ids[1]);
    expect((await focus()).tag).toBe('BUTTON');
    // « Plus tard » on the last one: none after it, so the one before
    const last = ids[ids.length - 1];
    await page.locator(`tr[data-alert-id="${last}"]`).getByTestId('alert-snooze').focus();
    await page.keyboard.press('Enter');
    await poll(async () => (await focus()).alertId).toBe(ids[ids.length - 2]);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus-alerts.png') });
  });

  it('Achats: after « Créer les bons de commande », « Marquer comme envoyé » and the receipt, the focus is on what comes next', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+5');
    await poll(async () => (await focus()).type).toBe('checkbox');
    await page.getByTestId('create-orders').focus();
    await page.keyboard.press('Enter');
    // two suppliers, two orders: the list, the focus on the first one created
    await page.getByTestId('orders-table').waitFor();
    const drafts = await must<{ id: number; reference: string; status: string }[]>(s.core.call('purchasing.list', {}));
    const created = drafts.filter((o) => o.status === 'draft').map((o) => `order-${o.reference}`);
    expect(created).toHaveLength(2);
    await poll(async () => created.includes((await focus()).within ?? '')).toBe(true);
    expect((await focus()).tag).toBe('BUTTON');
    // Enter opens it, the focus on sending it
    await page.keyboard.press('Enter');
    await page.getByTestId('order-detail').waitFor();
    await poll(async () => (await focus()).testId).toBe('order-send');
    expect((await focus()).ring).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('order-status').textContent()).toBe('Envoyé');
    await poll(async () => (await focus()).testId).toBe('order-receive');
    // the receipt dialog, Enter records everything: the order is received, the focus on the way back to the list
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('order-status').textContent()).toBe('Reçu');
    await poll(async () => (await focus()).testId).toBe('order-back');
    const reference = (await page.getByTestId('order-reference').textContent())!.split(' · ')[0];
    await page.keyboard.press('Enter');
    // back on the list: the order just left
    await page.getByTestId('orders-table').waitFor();
    await poll(async () => (await focus()).within).toBe(`order-${reference}`);
  });

  it('Achats with nothing to order: the tabs have the focus', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+5');
    await poll(async () => (await focus()).label ?? (await page.evaluate(() => document.activeElement?.textContent))).toBe('À commander');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
  });

  it('Prévisions: at the end of a run the focus is back on « Lancer la prévision »', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+6');
    await poll(async () => (await focus()).label).toBe('Produit');
    await page.getByTestId('forecast-run').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('forecast-run-status').textContent(), { timeout: 60_000 }).toBe('Réussie');
    await poll(async () => (await focus()).testId).toBe('forecast-run');
  });

  it('Settings: a change not saved is kept across Alt+1 and back, marked, until saved or cancelled', async () => {
    const { page } = s;
    const saved = s.core.services.settings.get();
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Épicerie du Port');
    await page.locator('input[name=overstockDays]').fill('120');
    await poll(() => page.getByTestId('settings-unsaved').count()).toBe(2);
    await page.keyboard.press('Alt+1');
    await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
    await page.keyboard.press('Alt+9');
    // both kept, marked, and the cursor in the first section left unsaved; nothing was saved
    await poll(async () => (await focus()).name).toBe('shopName');
    expect((await focus()).value).toBe('Épicerie du Port');
    expect(await page.locator('input[name=overstockDays]').inputValue()).toBe('120');
    expect(await page.getByTestId('shop-settings').getByTestId('settings-unsaved').textContent()).toBe('Modifications non enregistrées');
    await page.getByTestId('thresholds').getByTestId('settings-unsaved').waitFor();
    // named at the top of the page, where they are seen on arrival
    expect(await page.getByTestId('settings-unsaved-summary').textContent()).toBe(
      'Modifications non enregistrées, gardées depuis votre dernier passage : La boutique, Commandes et alertes. Enregistrez-les ou annulez-les dans leur section.',
    );
    expect(s.core.services.settings.get().shopName).toBe(saved.shopName);
    expect(s.core.services.settings.get().overstockDays).toBe(saved.overstockDays);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus-settings-draft.png') });
    // « Annuler » in the thresholds: back to what is saved
    await page.getByTestId('thresholds').getByTestId('settings-unsaved-discard').click();
    expect(await page.locator('input[name=overstockDays]').inputValue()).toBe(String(saved.overstockDays));
    expect(await page.getByTestId('thresholds').getByTestId('settings-unsaved').count()).toBe(0);
    // Enter in the shop's name saves it: no longer marked, and not brought back after a change of page
    await page.locator('input[name=shopName]').press('Enter');
    await poll(() => s.core.services.settings.get().shopName).toBe('Épicerie du Port');
    await poll(() => page.getByTestId('settings-unsaved').count()).toBe(0);
    expect(await page.getByTestId('settings-unsaved-summary').count()).toBe(0);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    expect(await page.getByTestId('settings-unsaved').count()).toBe(0);
    expect(await page.locator('input[name=overstockDays]').inputValue()).toBe(String(saved.overstockDays));
  });

  it('Settings: a section further down left unsaved gets the cursor on coming back, its mark and Save in view', async () => {
    const { page } = s;
    await page.locator('input[name=deadStockDays]').fill('200');
    await page.keyboard.press('Alt+2');
    await poll(async () => (await focus()).testId).toBe('stock-search');
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('serviceLevel');
    expect(await page.locator('input[name=deadStockDays]').inputValue()).toBe('200');
    const marker = page.getByTestId('thresholds').getByTestId('settings-unsaved');
    const box = (await marker.boundingBox())!;
    expect(box.y).toBeGreaterThan(52);
    expect(box.y + box.height).toBeLessThan(800);
    expect(await page.getByTestId('save-thresholds').isVisible()).toBe(true);
    await closeNotifications(page);
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus-settings-thresholds.png') });
    // Enter in the field saves the section, and the mark goes
    await page.locator('input[name=deadStockDays]').press('Enter');
    await poll(() => s.core.services.settings.get().deadStockDays).toBe(200);
    await poll(() => page.getByTestId('settings-unsaved').count()).toBe(0);
  });

  it('Settings: a change left unsaved outlives a lock by the same owner, is not shown to another owner, and is then gone', async () => {
    const { page } = s;
    await ownerPin(s.core);
    await must<UserRecord>(s.core.call('users.save', { name: 'Moussa', role: 'owner', pin: '7391' }));
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    await page.locator('input[name=address]').fill('Rue 12, Dakar');
    await page.keyboard.press('Alt+1');
    // the same owner back after the lock: still there, marked
    await lock(page);
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.keyboard.press('Alt+9');
    await poll(() => page.locator('input[name=address]').inputValue()).toBe('Rue 12, Dakar');
    await page.getByTestId('shop-settings').getByTestId('settings-unsaved').waitFor();
    await page.keyboard.press('Alt+1');
    // another owner, who may change the same fields: what is saved, nothing marked
    await lock(page);
    await logIn(page, 'Moussa (Propriétaire)', '7391');
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    expect(await page.locator('input[name=address]').inputValue()).toBe('');
    expect(await page.getByTestId('settings-unsaved').count()).toBe(0);
    // and when the first owner comes back, his change went when somebody else came
    await lock(page);
    await logIn(page, 'Propriétaire (Propriétaire)', OWNER_PIN);
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).name).toBe('shopName');
    expect(await page.locator('input[name=address]').inputValue()).toBe('');
    expect(await page.getByTestId('settings-unsaved').count()).toBe(0);
    expect(s.core.services.settings.get().address).toBe('');
  });

  it('Settings for a manager, who changes no shop setting: the focus is on what he may do, back up now', async () => {
    const { page } = s;
    await must<UserRecord>(s.core.call('users.save', { name: 'Awa', role: 'manager', pin: '6284' }));
    await lock(page);
    await logIn(page, 'Awa (Gérant)', '6284');
    await page.keyboard.press('Alt+9');
    await poll(async () => (await focus()).testId).toBe('backup-now');
  });
});
