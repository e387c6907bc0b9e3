import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { DashboardSummary } from '../../src/shared/api/contract';
import type { Product } from '../../src/shared/domain/product';
import { formatMoney } from '../../src/shared/domain/money';
import { must } from '../helpers/core';
import { asCashier, openApp, plain, type Session, SHOTS } from './browser';

const DOCS = join(__dirname, '..', '..', 'docs');

/** A clock the seeding moves back in time; null: the real time. */
let fixed: Date | null = null;

const CATALOGUE: [sku: string, name: string, price: number, cost: number, stock: number, weight: number][] = [
  ['RIZ-5', 'Riz brisé parfumé 5 kg', 3500, 2900, 400, 6],
  ['HUILE-1', 'Huile végétale 1 L', 1500, 1200, 300, 5],
  ['LAIT-400', 'Lait en poudre 400 g', 2950, 2300, 60, 3],
  ['SUCRE-1', 'Sucre en poudre 1 kg', 700, 550, 500, 6],
  ['SAVON', 'Savon de Marseille', 400, 280, 300, 4],
  ['THE-100', 'Thé vert de Chine 100 g', 600, 420, 300, 5],
  ['CAFE-250', 'Café Touba 250 g', 1250, 900, 30, 3],
  ['PATES-500', 'Pâtes spaghetti 500 g', 450, 320, 400, 4],
  ['TOMATE-70', 'Concentré de tomate 70 g', 150, 100, 800, 7],
  ['BOUILLON', 'Bouillon cube (boîte de 24)', 1000, 750, 150, 3],
  ['EAU-15', 'Eau minérale 1,5 L', 400, 280, 500, 5],
  ['BISCUIT', 'Biscuits secs 200 g', 250, 170, 3000, 2],
  ['SARDINE', 'Sardines à l’huile 125 g', 500, 380, 300, 3],
  ['FARINE-1', 'Farine de blé 1 kg', 600, 450, 250, 2],
  ['PARA-500', 'Paracétamol 500 mg (boîte)', 500, 300, 150, 1],
];

/**
 * Ninety days of a small grocery, every receipt rung up at the till (pos.checkout) on its own day
 * and hour, with a few returns; then a real forecast run. Seeded: the same shop every time.
 */
async function seedShop(core: Core): Promise<void> {
  let seed = 20_260_521;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const today = new Date();
  const at = (daysAgo: number, minutes: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, 8, minutes);
  fixed = at(91, 0);
  await must(core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Dakar, Médina' }));
  const ids: number[] = [];
  for (const [sku, name, priceMinor, costMinor, , ] of CATALOGUE) {
    ids.push((await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor, costMinor, tracksExpiry: sku === 'PARA-500' }))).id);
  }
  const soon = new Date(today.getTime() + 12 * 86_400_000).toISOString().slice(0, 10);
  await must(
    core.call('ledger.record', {
      lines: CATALOGUE.map(([sku, , , , stock], i) => ({ productId: ids[i], kind: 'receipt', quantity: stock, ...(sku === 'PARA-500' ? { lot: 'P24-117', expiry: soon } : {}) })),
    }),
  );
  const onHand = CATALOGUE.map((c) => c[4]);
  const totalWeight = CATALOGUE.reduce((sum, c) => sum + c[5], 0);
  const pick = () => {
    let r = random() * totalWeight;
    return CATALOGUE.findIndex((c) => (r -= c[5]) < 0);
  };
  for (let daysAgo = 90; daysAgo >= 1; daysAgo--) {
    const weekday = at(daysAgo, 0).getDay();
    const receipts = 7 + (weekday === 6 || weekday === 0 ? 5 : 0) + Math.floor(random() * 4);
    for (let r = 0; r < receipts; r++) {
      fixed = at(daysAgo, 30 + r * 45);
      const lines = new Map<number, number>();
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const i = pick();
        const q = 1 + Math.floor(random() * 2);
        if (onHand[i] - (lines.get(i) ?? 0) >= q) lines.set(i, (lines.get(i) ?? 0) + q);
      }
      if (!lines.size) continue;
      const total = [...lines].reduce((sum, [i, q]) => sum + q * CATALOGUE[i][2], 0);
      for (const [i, q] of lines) onHand[i] -= q;
      const sale = await must<{ receiptNo: number }>(
        core.call('pos.checkout', { lines: [...lines].map(([i, quantity]) => ({ productId: ids[i], quantity })), tenders: [{ tender: 'cash', amountMinor: total }] }),
      );
      // now and then a customer brings the first line back
      if (daysAgo % 9 === 0 && r === 2) {
        fixed = at(daysAgo, 30 + r * 45 + 10);
        await must(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
      }
    }
  }
  fixed = null;
  const run = await core.services.forecasts.start('manual').finished;
  if (run.status !== 'ok') throw new Error(`forecast run: ${run.status} ${run.error ?? ''}`);
  await core.services.stockWatcher.idle();
}

describe('browser mode: the dashboard', () => {
  let s: Session;
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).textContent()) ?? '');
  const fcfa = (minor: number, locale: 'fr' | 'en' = 'fr') => plain(formatMoney(minor, 'XOF', locale));
  const summary = (period: DashboardSummary['period']) => must<DashboardSummary>(s.core.call('dashboard.summary', { period }));
  const choose = (label: string) => s.page.getByTestId('dashboard-period').getByText(label, { exact: true }).click();
  const noSideScroll = () => s.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => fixed ?? new Date() });
  });
  afterAll(async () => s?.close());

  it('a brand-new shop: says there are no sales yet, with every figure at zero', async () => {
    const { page } = s;
    await page.getByTestId('nav-dashboard').waitFor();
    await page.keyboard.press('Alt+8');
    await page.getByTestId('dashboard-empty').waitFor();
    expect(await text('dashboard-empty')).toContain('Pas encore de ventes');
    expect(await text('kpi-sales-value')).toBe('0 FCFA');
    expect(await text('kpi-basket-value')).toBe('—');
    expect(await text('dashboard-top-none')).toBe('Aucune vente sur la période.');
    expect(await text('dashboard-forecast')).toContain('Aucune prévision n’a encore été faite');
    expect(await text('dashboard-chart-caption')).toContain('après la première prévision');
    // no folder for backup copies yet, nor any backup: the owner is told what is at stake
    await page.getByTestId('dashboard-backup').waitFor();
    expect(await text('dashboard-backup-offPc')).toContain('Les sauvegardes ne sont que sur ce PC');
    expect(await text('dashboard-backup-last')).toBe('Aucune sauvegarde n’a encore été faite.');
  });

  it('shows today\'s sales, receipts and basket on screen after a sale made at the till', async () => {
    const { page, core } = s;
    await seedShop(core);
    await page.reload();
    await page.getByTestId('dashboard-kpis').waitFor();
    await expect(page.getByTestId('dashboard-empty').count()).resolves.toBe(0);

    await choose('Aujourd’hui');
    await expect.poll(() => text('kpi-sales-value')).toBe('0 FCFA');
    const best = (await summary('7d')).top[0];
    const product = await must<Product>(core.call('products.get', { id: best.productId }));
    await must(core.call('pos.checkout', { lines: [{ productId: product.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 2 * product.priceMinor }] }));
    // the page follows the sale by itself (stock.changed)
    await expect.poll(() => text('kpi-sales-value')).toBe(fcfa(2 * product.priceMinor));
    expect(await text('kpi-receipts-value')).toBe('1');
    expect(await text('kpi-basket-value')).toBe(fcfa(2 * product.priceMinor));
    expect(await text(`top-${product.sku}`)).toContain(product.name);
    // today is compared with yesterday up to this time of day, and the caption says so (just after
    // midnight, that yesterday had no sale yet by then)
    expect(await text('kpi-sales-change')).toMatch(/vs hier à la même heure( : aucune vente.*)?$/);
  });

  it('7 days: the comparison, stock health and the expected sales band as main computes them; links open the pages', async () => {
    const { page } = s;
    // a shop whose backups reach its USB key: the dashboard has nothing to say about them
    mkdirSync(join(s.dir, 'CLE-USB'));
    await must(s.core.call('settings.save', { backupFolder: join(s.dir, 'CLE-USB') }));
    await must(s.core.call('backup.create', {}));
    await page.reload();
    await page.getByTestId('dashboard-kpis').waitFor();
    await choose('7 jours');
    const d = await summary('7d');
    await expect.poll(() => text('kpi-sales-value')).toBe(fcfa(d.sales.amountMinor));
    expect(await text('kpi-receipts-value')).toBe(d.sales.receipts.toLocaleString('fr-FR').replace(/\u202f/g, ' '));
    const pct = plain(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(d.change!));
    // every sale went through the till, so the week before is counted up to this time of its last day
    expect(d.previous.until).toBeDefined();
    expect(await text('kpi-sales-change')).toBe(`${pct} vs les 7 jours d’avant, à la même heure`);
    // every sale went through the till: nothing to say about sales without a receipt
    expect(await page.getByTestId('kpi-sales-imported').count()).toBe(0);
    expect(await text('kpi-basket-value')).toBe(fcfa(d.sales.averageBasketMinor!));
    expect(await text('kpi-margin-value')).toBe(fcfa(d.marginMinor!));
    expect(await text('kpi-stock-value-value')).toBe(fcfa(d.stockValueMinor!));
    expect(await text('health-out-of-stock')).toContain(`En rupture${d.stock.outOfStock}`);
    expect(await text('health-below-reorder')).toContain(String(d.stock.belowReorderPoint));
    // the paracetamol lot expires in 12 days, inside the 30-day window
    expect(d.stock.expiringLots).toBe(1);
    expect(await text('health-expiring')).toBe('Lots périmés ou à moins de 30 jours1›');
    expect(await text('alerts-warning')).toMatch(new RegExp(`^${d.alerts.warning} à surveiller$`));
    expect(d.expected).toHaveLength(14);
    expect(await text('dashboard-chart-caption')).toContain('le vrai chiffre y tombe environ 8 jours sur 10');
    expect(await page.getByTestId('dashboard-chart').locator('svg path').count()).toBeGreaterThan(10);
    // the chart in words, for screen readers: the days shown, the best one, the expected takings
    const alt = plain((await page.getByTestId('dashboard-chart').getAttribute('aria-label')) ?? '');
    const best = d.daily.reduce((a, x) => (x.amountMinor > a.amountMinor ? x : a));
    const sold = d.daily.reduce((a, x) => a + x.amountMinor, 0);
    expect(alt).toContain(`Ventes des ${d.daily.length} derniers jours : ${fcfa(sold)} au total ; meilleur jour le `);
    expect(alt).toContain(` (${fcfa(best.amountMinor)}). Ventes attendues sur les 14 prochains jours : environ ${fcfa(d.expected.reduce((a, e) => a + e.p50Minor, 0))}, de `);
    expect(alt).toMatch(/ par jour \(fourchette probable\)\.$/);
    expect(await page.getByTestId('dashboard-chart').getAttribute('role')).toBe('img');
    expect(await text('dashboard-forecast-accuracy')).toMatch(/l’erreur moyenne était de \d+ % \(\d+ % en reprenant simplement les ventes de la semaine d’avant\)/);
    expect(await page.getByTestId('dashboard-top').locator('tbody tr').count()).toBe(10);

    // readable at a glance on a 1366 x 768 screen, and nothing sideways on 1024 x 768
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await noSideScroll()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });
    copyFileSync(join(SHOTS, 'dashboard.png'), join(DOCS, 'dashboard.png'));
    await page.screenshot({ path: join(SHOTS, 'dashboard-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await noSideScroll()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-1024.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 800 });

    // each line opens where it is dealt with: the products out of stock alone, Achats › À commander, the alerts of its kind
    await page.getByTestId('health-out-of-stock').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/stock?show=out');
    await page.getByTestId('stock-filter-hint').waitFor();
    const empty = (await must<{ onHand: number }[]>(s.core.call('stock.onHand', {}))).filter((l) => l.onHand <= 0).length;
    await expect.poll(() => page.getByTestId('stock-table').locator('tbody tr').count()).toBe(empty);
    expect(await page.getByTestId('stock-table').locator('tbody tr:not([data-level])').count()).toBe(0);
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-below-reorder').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/purchasing');
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-expiring').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/alerts?group=expiry');
    await page.getByTestId('alerts-table').waitFor();
    expect(await page.getByTestId('alerts-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual(['alert-expiring_lot']);
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-overstock').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/alerts?group=slow');
    await page.keyboard.press('Alt+8');
    await page.getByTestId('health-alerts').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/alerts');
    await page.getByTestId('alerts-table').waitFor();
    await page.keyboard.press('Alt+8');
    await page.getByTestId('dashboard-open-forecasts').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/forecasts');
  });

  it('a run that could not measure the range (under 5 weeks of sales): the expected line, no band, and why', async () => {
    const { page, core } = s;
    const db = core.store.sqlite;
    const last = db.prepare("SELECT id, total_spread AS spread FROM forecast_runs WHERE status = 'ok' ORDER BY id DESC LIMIT 1").get() as { id: number; spread: number };
    const bandPaths = async () => page.getByTestId('dashboard-chart').locator('svg path').count();
    await page.keyboard.press('Alt+8');
    await choose('7 jours');
    await expect.poll(() => text('dashboard-chart-caption')).toContain('8 jours sur 10');
    const withBand = await bandPaths();
    db.prepare('UPDATE forecast_runs SET total_spread = NULL WHERE id = ?').run(last.id);
    try {
      await page.reload();
      await page.getByTestId('dashboard-chart-caption').waitFor();
      expect(await text('dashboard-chart-caption')).toContain('La fourchette probable s’affichera quand la boutique aura environ 5 semaines de ventes');
      expect(await text('dashboard-chart-caption')).not.toContain('8 jours sur 10');
      const alt = plain((await page.getByTestId('dashboard-chart').getAttribute('aria-label')) ?? '');
      expect(alt).toMatch(/ par jour ; fourchette pas encore mesurée\.$/);
      const legend = plain((await page.getByTestId('dashboard-chart').locator('svg').textContent()) ?? '');
      expect(legend).toContain('Ventes attendues');
      expect(legend).not.toContain('Fourchette probable');
      // the band's two stacked areas are gone
      expect(await bandPaths()).toBeLessThan(withBand);
    } finally {
      db.prepare('UPDATE forecast_runs SET total_spread = ? WHERE id = ?').run(last.spread, last.id);
    }
  });

  it('in English, every text and amount in English', async () => {
    const { page, core } = s;
    await must(core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-kpis').waitFor();
    const d = await summary('7d');
    expect(await page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(1);
    await expect.poll(() => text('kpi-sales-value')).toBe(fcfa(d.sales.amountMinor, 'en'));
    expect(await text('kpi-sales-change')).toMatch(/^[+−-]?\d+% vs the 7 days before, at the same time of day$/);
    expect(await text('dashboard-chart-caption')).toContain('the real figure lands inside it about 8 days in 10');
    expect(plain((await page.getByTestId('dashboard-chart').getAttribute('aria-label')) ?? '')).toMatch(
      /^Sales over the last \d+ days: .+ in all; best day \d+ \w+ \(.+\)\. Expected sales over the next 14 days: about .+, .+ to .+ a day \(likely range\)\.$/,
    );
    expect(await text('dashboard-health')).toContain('Out of stock');
    const body = plain((await page.getByTestId('dashboard').textContent()) ?? '');
    for (const french of ['Ventes', 'Tickets', 'Panier', 'rupture', 'prévision', 'jours']) expect(body).not.toContain(french);
    await page.screenshot({ path: join(SHOTS, 'dashboard-en.png'), fullPage: true });
  });

  it('a cashier sees the sales but neither the margin nor the stock value, nor the backups (the owner’s business)', async () => {
    const { page, core } = s;
    // no folder for backup copies: what the owner is warned about on this page
    await must(core.call('settings.save', { backupFolder: '' }));
    await asCashier(s);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('kpi-sales').waitFor();
    expect(await page.getByTestId('kpi-margin').count()).toBe(0);
    expect(await page.getByTestId('kpi-stock-value').count()).toBe(0);
    // the owner is told the backups do not leave the PC; the cashier is not
    await page.getByTestId('dashboard-chart').waitFor();
    expect(await page.getByTestId('dashboard-backup').count()).toBe(0);
    expect(await text('kpi-sales-value')).toBe(fcfa((await summary('7d')).sales.amountMinor, 'en'));
  });
});
