import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { openApp, type Session } from './browser';

const SHOTS = join(__dirname, '..', '..', 'test-results');

/** Three products with 400 days of sales up to yesterday: busy weekends, and busier month ends (salaries). */
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
  core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current() }, 'warn');
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
    await page.getByRole('button', { name: 'Lancer la prévision' }).click();
    await page.getByTestId('forecast-progress').waitFor();
    await expect.poll(() => page.getByTestId('forecast-run-status').textContent()).toBe('Réussie');
    const last = (await page.getByTestId('forecast-last-run').textContent()) ?? '';
    expect(last).toContain('lancée à la main');
    expect(last).toContain('calcul : CPU');
    expect(last).toContain('3 produits');
    expect(last).toMatch(/l’erreur moyenne était de \d+ % \(\d+ % en reprenant simplement les ventes de la semaine d’avant\) ; \d+ % des jours/);
    const run = s.core.services.forecasts.status().lastRun;
    expect(run).toMatchObject({ status: 'ok', trigger: 'manual', products: 3 });
  });

  it('shows a product\'s history and forecast fan, and explains the method', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Produit' }).fill('riz');
    await page.getByRole('option', { name: /Riz brisé 5 kg/ }).click();
    const explanation = page.getByTestId('forecast-explanation');
    await expect
      .poll(() => explanation.textContent())
      .toMatch(/^Méthode : .+\. Sur les 4 dernières semaines, l'erreur moyenne était de \d+ % \(\d+ % en reprenant simplement les ventes de la semaine d'avant\)\. La boutique vend plus du 28 au 2 de chaque mois \(\+\d+ %\) : la prévision en tient compte\.$/);
    const chart = page.getByTestId('forecast-chart');
    await chart.locator('svg').first().waitFor();
    // the band, the median and the actual sales are drawn as paths, and the legend names them
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(3);
    const svgText = (await chart.locator('svg').first().textContent()) ?? '';
    for (const name of ['Ventes réelles', 'Prévision (médiane)', 'Fourchette probable (P10–P90)']) expect(svgText).toContain(name);
    await page.screenshot({ path: join(SHOTS, 'forecasts.png'), fullPage: true });
  });

  it('refuses a second run while one is going, with a clear message', async () => {
    const first = s.core.services.forecasts.start('manual');
    const r = await s.core.call('forecast.run', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('conflict');
    await first.finished;
  });
});
