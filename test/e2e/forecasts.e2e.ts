import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { openApp, type Session, SHOTS } from './browser';

/**
 * Three products with 400 days of sales up to yesterday: busy weekends, and busier month ends
 * (salaries); a syrup sold once every five days; milk, sold out ten days ago.
 */
async function seedShop(core: Core): Promise<void> {
  const ids: number[] = [];
  for (const [sku, name] of [['RIZ-5', 'Riz brisé 5 kg'], ['HUILE-1', 'Huile 1 L'], ['SAVON', 'Savon de Marseille']] as const) {
    const r = await core.call('products.save', { sku, name, priceMinor: 1500 });
    if (!r.ok) throw new Error(r.error.message);
    ids.push((r.data as { id: number }).id);
  }
  const now = new Date();
  const day = (k: number, h: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - k, h);
  const lines = [];
  for (const [i, productId] of ids.entries()) {
    lines.push({ line: { productId, kind: 'receipt' as const, quantity: 20_000, reason: '' }, at: day(401, 8) });
    for (let k = 400; k >= 1; k--) {
      const d = day(k, 12);
      const weekend = d.getDay() === 6 || d.getDay() === 0;
      const monthEnd = d.getDate() >= 28 || d.getDate() <= 2;
      const qty = (weekend ? 12 : 4) + ((k * (i + 2)) % 3);
      lines.push({ line: { productId, kind: 'sale' as const, quantity: monthEnd ? Math.round(qty * 1.3) : qty, reason: '' }, at: d });
    }
  }
  const save = async (sku: string, name: string) => {
    const r = await core.call('products.save', { sku, name, priceMinor: 1500 });
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { id: number }).id;
  };
  const sirop = await save('SIROP', 'Sirop de menthe 75 cl');
  lines.push({ line: { productId: sirop, kind: 'receipt' as const, quantity: 200, reason: '' }, at: day(401, 8) });
  for (let k = 400; k >= 1; k -= 5) lines.push({ line: { productId: sirop, kind: 'sale' as const, quantity: 1, reason: '' }, at: day(k, 12) });
  const lait = await save('LAIT', 'Lait caillé 1 L');
  lines.push({ line: { productId: lait, kind: 'receipt' as const, quantity: 4 * 390, reason: '' }, at: day(401, 8) });
  for (let k = 400; k >= 11; k--) lines.push({ line: { productId: lait, kind: 'sale' as const, quantity: 4, reason: '' }, at: day(k, 12) });
  core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current() }, 'warn');
}

async function pick(page: Session['page'], query: string, name: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: 'Produit' }).fill(query);
  await page.getByRole('option', { name }).click();
}

async function legend(page: Session['page']): Promise<string> {
  const chart = page.getByTestId('forecast-chart');
  await chart.locator('svg').first().waitFor();
  return (await chart.locator('svg').first().textContent()) ?? '';
}

describe('browser mode: the Forecasts page', () => {
  let s: Session;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await seedShop(s.core);
  });
  afterAll(async () => s?.close());

  it('runs a forecast with a progress bar, then shows the last run', async () => {
    const { page } = s;
    await page.getByTestId('nav-products').waitFor();
    await page.keyboard.press('Alt+6');
    await page.getByText('Aucune prévision n’a encore été faite.').waitFor();
    // every text the bar's label shows during the run
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressTexts: string[] }).progressTexts = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="forecast-progress-text"]')?.textContent;
        if (text && text !== seen.at(-1)) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Lancer la prévision' }).click();
    await page.getByRole('progressbar', { name: 'Avancement de la prévision' }).waitFor();
    await expect.poll(() => page.getByTestId('forecast-run-status').textContent(), { timeout: 30_000 }).toBe('Réussie');
    await expect.poll(() => page.getByTestId('forecast-progress-text').textContent()).toBe('Prévision terminée');
    // the label says what the run is doing, with the share done
    const texts = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
    const phase = /^(Lecture des ventes|Calcul des saisons \(jours de la semaine, de l’année, du mois\)|Essai de chaque méthode sur les semaines passées|Prévision des jours à venir|Enregistrement des prévisions)… \d+ %$/;
    expect(texts.at(-1)).toBe('Prévision terminée');
    expect(texts.slice(0, -1).every((t) => t === 'Préparation de la prévision…' || phase.test(t)), texts.join(' | ')).toBe(true);
    expect(texts.some((t) => phase.test(t)), texts.join(' | ')).toBe(true);
    const last = (await page.getByTestId('forecast-last-run').textContent()) ?? '';
    expect(last).toContain('lancée à la main');
    expect(last).toContain('calcul : CPU');
    expect(last).toContain('5 produits');
    expect(last).toMatch(/l’erreur moyenne était de \d+ % \(\d+ % en reprenant simplement les ventes de la semaine d’avant\) ; \d+ % des jours/);
    const run = s.core.services.forecasts.status().lastRun;
    expect(run).toMatchObject({ status: 'ok', trigger: 'manual', products: 5 });
  });

  it('shows a product\'s history and forecast fan, and explains the method', async () => {
    const { page } = s;
    await pick(page, 'riz', /Riz brisé 5 kg/);
    const explanation = page.getByTestId('forecast-explanation');
    await expect
      .poll(() => explanation.textContent())
      .toMatch(
        /^Méthode : .+\. Attendu sur les 28 prochains jours : environ \d+\. Sur les 4 dernières semaines, il en était attendu \d+ et il s'en est vendu \d+ ; l'erreur jour par jour était de \d+ %( \(\d+ % en reprenant simplement les ventes de la semaine d'avant\))?\. La boutique vend plus du 28 au 2 de chaque mois \(\+\d+ %\) : la prévision en tient compte\.$/,
      );
    const chart = page.getByTestId('forecast-chart');
    await chart.locator('svg').first().waitFor();
    // the band, the median and the actual sales are drawn as paths, and the legend names them
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(3);
    const svgText = (await chart.locator('svg').first().textContent()) ?? '';
    for (const name of ['Ventes réelles', 'Prévision (médiane)', 'Fourchette probable (P10–P90)']) expect(svgText).toContain(name);
    // the chart in words, for screen readers
    expect((await chart.getAttribute('aria-label'))?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(
      /^Ventes des \d+ derniers jours : [\d ]+ au total, de \d+ à \d+ par jour\. Prévision des 28 prochains jours : environ [\d ]+(,\d)? au total, de \d+(,\d)? à \d+(,\d)? par jour \(fourchette probable\)\.$/,
    );
    await page.screenshot({ path: join(SHOTS, 'forecasts.png'), fullPage: true });
  });

  it('shows the mean of a product that sells on few days, whose median is 0', async () => {
    const { page } = s;
    await pick(page, 'sirop', /Sirop de menthe/);
    const explanation = page.getByTestId('forecast-explanation');
    await expect.poll(() => explanation.textContent()).toContain('Ce produit ne se vend pas tous les jours');
    expect(await explanation.textContent()).not.toContain('erreur jour par jour');
    await expect.poll(() => legend(page)).toContain('Moyenne attendue');
    await page.screenshot({ path: join(SHOTS, 'forecasts-slow.png'), fullPage: true });
  });

  it('greys out the days a product was out of stock and leaves them out of its error', async () => {
    const { page } = s;
    await pick(page, 'lait', /Lait caillé/);
    const explanation = page.getByTestId('forecast-explanation');
    await expect.poll(() => explanation.textContent()).toContain('(18 jours en stock sur 28)');
    expect(await explanation.textContent()).toContain('Les jours en rupture (en gris) ne comptent pas : la demande y est inconnue.');
    await expect.poll(() => legend(page)).toContain('En rupture');
    // the grey area itself is drawn (its legend entry alone would not show the days)
    expect(await page.getByTestId('forecast-chart').locator('svg path[fill="#868e96"][fill-opacity="0.18"]').count()).toBe(1);
    expect(await page.getByTestId('forecast-chart').getAttribute('aria-label')).toContain('. 10 jours en rupture de stock. Prévision des 28 prochains jours');
    await page.screenshot({ path: join(SHOTS, 'forecasts-stockout.png'), fullPage: true });
  });

  it('after a stopped run, says which forecasts are still in use', async () => {
    const { page } = s;
    const run = s.core.services.forecasts.start('manual');
    s.core.services.forecasts.cancel();
    expect(await run.finished).toMatchObject({ status: 'cancelled' });
    await expect.poll(() => page.getByTestId('forecast-run-status').textContent()).toBe('Arrêtée');
    expect(await page.getByTestId('forecast-in-use').textContent()).toMatch(/^Les prévisions en usage restent celles du \d+ \S+ \d{4} à \d{2}:\d{2}\.$/);
  });

  it('warns on the page and the dashboard when the last good forecast is old', async () => {
    const { page } = s;
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    s.core.store.sqlite.prepare("UPDATE forecast_runs SET started_at = ? WHERE status = 'ok'").run(old);
    s.core.store.sqlite.prepare("DELETE FROM forecast_runs WHERE status <> 'ok'").run();
    await page.keyboard.press('Alt+8');
    await expect.poll(() => page.getByTestId('dashboard-forecast-stale').textContent()).toBe('Elle date de 72 heures : les suggestions de commande vieillissent.');
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByTestId('forecast-stale').textContent()).toContain('La dernière prévision réussie date de 72 heures');
  });

  it('refuses a second run while one is going, with a clear message', async () => {
    const first = s.core.services.forecasts.start('manual');
    const r = await s.core.call('forecast.run', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('conflict');
    await first.finished;
  });
});
