import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { DashboardSummary } from '../../src/shared/api/contract';
import { addDays } from '../../src/shared/domain/dates';
import { formatMoney } from '../../src/shared/domain/money';
import { must } from '../helpers/core';
import { asCashier, openApp, plain, type Session, SHOTS } from './browser';

/**
 * The owner's figures on screen against a hand ledger: the week's losses beside the margin and the
 * margin after them, a day with only a refund (no percentage, a red bar below zero, the negative margin
 * explained), and a stock below zero worth 0 on the dashboard and on the Stock page alike.
 */

const TODAY = '2026-11-20';
let clock = new Date(`${TODAY}T18:30:00`);
const at = (day: string, time: string) => (clock = new Date(`${day}T${time}:00`));
const day = (n: number) => addDays(TODAY, n);

// sku, name, unit, price, cost, VAT (bp): Lait caillé at 18 %, its price with VAT 1 180 (1 000 without)
const CATALOGUE = [
  ['RIZ', 'Riz brisé 1 kg', 'piece', 1000, 600, 0],
  ['SAVON', 'Savon de Marseille', 'piece', 400, 280, 0],
  ['SUCRE', 'Sucre en poudre', 'kg', 700, 600, 0],
  ['LAIT', 'Lait caillé 1 L', 'piece', 1180, 800, 1800],
  ['FROMAGE', 'Fromage à la coupe', 'kg', 3000, 1870, 0],
] as const;

/**
 * Six days of the same two receipts (−6 to −1): 2 rice and a soap (2 400); a Lait caillé and 1.5 kg of
 * sugar (2 230). Margin a day: 2 × 400 + 120 + (1 000 − 800) + 1.5 × 100 = 1 270. The day before today
 * also sells 1.2 kg of cheese never received (3 600, margin 1 356): its stock goes below 0. Written
 * off: 2 soaps (560) and 1.2 kg of sugar (720); a count finds one rice missing (600) and a Lait caillé
 * too many (left out). Today, 09:30: one rice of yesterday's first receipt comes back (−1 000, −400).
 */
const HAND = {
  weekMargin: 6 * 1270 + 1356 - 400,
  weekNet: 6 * (2000 + 400 + 1000 + 1050) + 3600 - 1000,
  writeOffs: 2 * 280 + 1.2 * 600,
  countShortfall: 600,
  yesterdayUntilNow: 2400 + 2230 + 3600,
};

async function seed(core: Core): Promise<void> {
  const ids: Record<string, number> = {};
  at(day(-12), '08:00');
  await must(core.call('settings.save', { shopName: 'Boutique Awa' }));
  for (const [sku, name, unit, priceMinor, costMinor, vatRateBp] of CATALOGUE) {
    ids[sku] = (await must<{ id: number }>(core.call('products.save', { sku, name, unit, priceMinor, costMinor, vatRateBp }))).id;
  }
  await must(core.call('ledger.record', { lines: (['RIZ', 'SAVON', 'SUCRE', 'LAIT'] as const).map((sku) => ({ productId: ids[sku], kind: 'receipt', quantity: 100 })) }));
  const sell = (lines: [string, number][], total: number) =>
    must<{ receiptNo: number }>(core.call('pos.checkout', { lines: lines.map(([sku, quantity]) => ({ productId: ids[sku], quantity })), tenders: [{ tender: 'cash', amountMinor: total }] }));
  const record = (kind: string, sku: string, quantity: number, reason: string) => must(core.call('ledger.record', { lines: [{ productId: ids[sku], kind, quantity, reason }] }));
  let first = 0;
  for (let n = -6; n <= -1; n++) {
    at(day(n), '10:00');
    first = (await sell([['RIZ', 2], ['SAVON', 1]], 2400)).receiptNo;
    at(day(n), '11:00');
    await sell([['LAIT', 1], ['SUCRE', 1.5]], 2230);
  }
  at(day(-1), '12:00');
  await sell([['FROMAGE', 1.2]], 3600);
  at(day(-5), '17:00');
  await record('loss', 'SAVON', 2, 'damaged');
  at(day(-3), '17:00');
  await record('loss', 'SUCRE', 1.2, 'damaged');
  at(day(-2), '19:00');
  await record('count', 'RIZ', -1, 'stock count INV-1');
  await record('count', 'LAIT', 1, 'stock count INV-1');
  at(TODAY, '09:30');
  await must(core.call('pos.return', { receiptNo: first, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }));
  at(TODAY, '18:30');
  await core.services.stockWatcher.idle();
}

describe('browser mode: the dashboard against a hand ledger (losses, refunds, negative stock)', () => {
  let s: Session;
  const text = async (testId: string) => plain((await s.page.getByTestId(testId).first().textContent()) ?? '');
  const fcfa = (minor: number, locale: 'fr' | 'en' = 'fr') => plain(formatMoney(minor, 'XOF', locale));
  const pct = (ratio: number, locale: 'fr' | 'en') => plain(new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(ratio));
  const summary = (period: DashboardSummary['period']) => must<DashboardSummary>(s.core.call('dashboard.summary', { period }));
  const choose = (label: string) => s.page.getByTestId('dashboard-period').getByText(label, { exact: true }).click();
  const noSideScroll = () => s.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const redBars = () => s.page.getByTestId('dashboard-chart').locator('svg path[fill="#fa5252"], svg path[fill="rgb(250,82,82)"]').count();
  /** Waits for an element to be on screen and done fading in (for a screenshot of it). */
  const shown = (testId: string) => expect.poll(() => s.page.getByTestId(testId).evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
  const axisLabels = async () => (await s.page.getByTestId('dashboard-chart').locator('svg text').allTextContents()).map(plain);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp({ now: () => clock });
    await seed(s.core);
    // a shop whose backups reach a USB key: no backup warning above the figures
    mkdirSync(join(s.dir, 'CLE-USB'));
    await must(s.core.call('settings.save', { backupFolder: join(s.dir, 'CLE-USB') }));
    await must(s.core.call('backup.create', {}));
  });
  afterAll(async () => s?.close());

  it('a day with only a refund: the amount below zero in words, no percentage, a red bar under the zero line, the negative margin explained', async () => {
    const { page } = s;
    await page.reload();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-kpis').waitFor();
    await choose('Aujourd’hui');
    await expect.poll(() => text('kpi-sales-value')).toBe(fcfa(-1000));
    expect(await text('kpi-sales-change')).toBe(`Remboursements seulement ; ${fcfa(HAND.yesterdayUntilNow)} vs hier à la même heure`);
    expect(await text('kpi-sales-returns')).toBe(`retours déduits : ${fcfa(-1000)} (1 retour)`);
    expect(await text('kpi-margin-value')).toBe(fcfa(-400));
    expect(await text('kpi-margin-negative')).toBe('Négative : les articles rendus reprennent leur marge');
    // no loss today: said so, with nothing after it
    expect(await text('kpi-losses')).toContain('Pertes (au coût) : aucune');
    expect(await page.getByTestId('kpi-margin-after').count()).toBe(0);
    // today's bar is drawn, red, below a zero line the axis now goes under
    expect(await redBars()).toBe(1);
    expect((await axisLabels()).some((l) => /^[-−]\d/.test(l))).toBe(true);
    expect(await noSideScroll()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-refund-day-fr.png') });
  });

  it('7 days: the losses at cost beside the margin, the margin after them, what they count in words; one stock value with the Stock page', async () => {
    const { page } = s;
    await choose('7 jours');
    const d = await summary('7d');
    // main agrees with the hand ledger before the screen is read
    expect(d.marginMinor).toBe(HAND.weekMargin);
    expect(d.losses).toEqual({
      writeOffsMinor: HAND.writeOffs,
      countShortfallMinor: HAND.countShortfall,
      totalMinor: HAND.writeOffs + HAND.countShortfall,
      marginAfterMinor: HAND.weekMargin - HAND.writeOffs - HAND.countShortfall,
      marginAfterRate: (HAND.weekMargin - HAND.writeOffs - HAND.countShortfall) / HAND.weekNet,
    });
    await expect.poll(() => text('kpi-margin-value')).toBe(fcfa(HAND.weekMargin));
    expect(await page.getByTestId('kpi-margin').textContent().then((t) => plain(t ?? ''))).toContain(`${pct(HAND.weekMargin / HAND.weekNet, 'fr')} des ventes hors TVA`);
    expect(await page.getByTestId('kpi-margin-negative').count()).toBe(0);
    expect(await text('kpi-losses')).toBe(`Pertes (au coût) : ${fcfa(1880)} ?`);
    const after = HAND.weekMargin - 1880;
    expect(await text('kpi-margin-after')).toBe(`Après pertes : ${fcfa(after)} (${pct(after / HAND.weekNet, 'fr')})`);
    // a week that sold against one that did not: no percentage, said in words
    expect(await text('kpi-sales-change')).toBe('vs les 7 jours d’avant, à la même heure : aucune vente à comparer');
    // the cheese sold before its delivery was entered: below zero, worth 0, said under the stock value
    expect(d.negativeStockLines).toBe(1);
    expect(await text('kpi-stock-negative')).toBe('1 produit en stock négatif, compté 0 : à corriger par un inventaire');
    // the chart shows the last 30 days whatever the period: today's red bar is still there
    expect(await redBars()).toBe(1);

    await page.getByTestId('kpi-losses-help').click();
    await shown('kpi-losses-help-text');
    const help = await text('kpi-losses-help-text');
    expect(help).toContain(`Pertes enregistrées (périmé, abîmé, vol, autre) : ${fcfa(HAND.writeOffs)}`);
    expect(help).toContain(`Manquants trouvés aux inventaires : ${fcfa(HAND.countShortfall)}`);
    expect(help).toContain('Pas compté : ce qu’un inventaire trouve en plus');
    expect(help).toContain('Pas comptés : les ajustements (+/−)');
    expect(help).toContain('Après pertes = marge brute − pertes');
    expect(await noSideScroll()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-losses-fr.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('kpi-losses-help-text').count()).toBe(0);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await noSideScroll()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-losses-1024.png') });
    await page.setViewportSize({ width: 1366, height: 800 });

    // the Stock page's total is the dashboard's stock value: the cheese's line counts 0 in both
    const stockValue = await text('kpi-stock-value-value');
    expect(stockValue).toBe(fcfa(d.stockValueMinor!));
    await page.keyboard.press('Alt+2');
    await page.getByTestId('stock-total').waitFor();
    await expect.poll(() => text('stock-total')).toContain(stockValue);
    expect(await text('stock-row-FROMAGE')).toContain(fcfa(0));
    expect(await text('stock-negative-note')).toMatch(/^Un produit a un stock négatif/);
  });

  it('in English: the same figures and words', async () => {
    const { page, core } = s;
    await must(core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-kpis').waitFor();
    await choose('7 days');
    const after = HAND.weekMargin - 1880;
    await expect.poll(() => text('kpi-losses')).toBe(`Losses (at cost): ${fcfa(1880, 'en')} ?`);
    expect(await text('kpi-margin-after')).toBe(`After losses: ${fcfa(after, 'en')} (${pct(after / HAND.weekNet, 'en')})`);
    expect(await text('kpi-stock-negative')).toBe('1 product below zero, counted as 0: fix it with a stock count');
    await page.getByTestId('kpi-losses-help').click();
    await shown('kpi-losses-help-text');
    const help = await text('kpi-losses-help-text');
    expect(help).toContain(`Losses recorded (expired, damaged, theft, other): ${fcfa(HAND.writeOffs, 'en')}`);
    expect(help).toContain('Not counted: adjustments (+/−)');
    await page.screenshot({ path: join(SHOTS, 'dashboard-losses-en.png') });
    await page.keyboard.press('Escape');

    await choose('Today');
    await expect.poll(() => text('kpi-sales-value')).toBe(fcfa(-1000, 'en'));
    expect(await text('kpi-sales-change')).toBe(`Refunds only; ${fcfa(HAND.yesterdayUntilNow, 'en')} vs yesterday at this time`);
    expect(await text('kpi-margin-negative')).toBe('Negative: the items returned take their margin back');
    expect(await redBars()).toBe(1);
    const body = plain((await page.getByTestId('dashboard-kpis').textContent()) ?? '');
    for (const french of ['Pertes', 'Marge', 'Remboursements', 'Négative']) expect(body).not.toContain(french);
    await page.screenshot({ path: join(SHOTS, 'dashboard-refund-day-en.png') });
  });

  it('a cashier sees neither the losses nor the margin after them', async () => {
    const { page } = s;
    await asCashier(s);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('kpi-sales').waitFor();
    expect(await page.getByTestId('kpi-margin').count()).toBe(0);
    expect(await page.getByTestId('kpi-losses').count()).toBe(0);
    expect(await page.getByTestId('kpi-stock-value').count()).toBe(0);
    // she still reads the refund-only day in words
    await choose('Today');
    await expect.poll(() => text('kpi-sales-change')).toMatch(/^Refunds only; /);
    const seen = await summary('7d');
    expect(seen.losses).toBeNull();
  });
});
