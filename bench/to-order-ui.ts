/**
 * bench:to-order-ui — Achats › À commander in the browser mode, the built renderer in Debian's Chromium,
 * on a shop with 450 products to order from one supplier (150 lines drawn at first): how long from the
 * menu click until the 150th line is drawn and ticked, and how long a tick takes to show (the click, React's
 * render and the next frame), measured in the page. Prints each run, then the medians, then one JSON line.
 * Usage: npm run build && npm run bench:to-order-ui [-- --runs 5 --products 450]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWebServer } from '../src/main/web/server';
import { must, openTestCore, tempDir } from '../test/helpers/core';
import { median, round } from './lib/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const PRODUCTS = arg('products', 450);
const TICKS = 6;
const RENDERER = join(__dirname, '..', 'out', 'renderer');

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: install Debian\'s chromium or set CHROMIUM_PATH');
  const tmp = tempDir('shelfcast-bench-to-order-');
  const core = openTestCore(tmp.dir);
  const web = await startWebServer(core, { rendererFolder: RENDERER });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    // 30 in four weeks ago, 2 sold every other day since: 2 left of each, every product to order
    const supplier = await must<{ id: number }>(core.call('suppliers.save', { name: 'Comptoir Dakar', leadTimeDays: 3 }));
    const ids: number[] = [];
    for (let i = 1; i <= PRODUCTS; i++) {
      ids.push((await must<{ id: number }>(core.call('products.save', { sku: `LL-${i}`, name: `Article LL-${i}`, priceMinor: 500, costMinor: 300, supplierId: supplier.id, leadTimeDays: 3 }))).id);
    }
    const day = 86_400_000;
    const now = Date.now();
    core.services.ledger.recordBulk(
      ids.flatMap((productId) => [
        { line: { productId, kind: 'receipt' as const, quantity: 30, reason: '' }, at: new Date(now - 29 * day) },
        ...Array.from({ length: 14 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at: new Date(now - (28 - 2 * i) * day) })),
      ]),
      'history',
      { user: core.services.session.owner() },
      'warn',
    );
    await core.services.stockWatcher.idle();
    core.services.replenishment.recompute();

    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'fr-FR' });
    await page.goto(web.url);
    await page.getByTestId('nav-stock').waitFor();
    const opens: number[] = [];
    const ticks: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await page.getByTestId('nav-dashboard').click();
      await page.waitForTimeout(300);
      const t0 = performance.now();
      await page.getByTestId('nav-purchasing').click();
      await page.locator('tbody[data-testid^="to-order-"]').nth(149).locator('input[type=checkbox]:checked').waitFor();
      const open = performance.now() - t0;
      const runTicks: number[] = [];
      for (let k = 0; k < TICKS; k++) {
        // run in the page (a string: this file is compiled without the DOM's types)
        const tick = `(async () => {
          const box = document.querySelectorAll('tbody[data-testid^="to-order-"] input[type=checkbox]')[${k * 10}];
          const t = performance.now();
          box.click();
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - t;
        })()`;
        runTicks.push(await page.evaluate<number>(tick));
      }
      opens.push(open);
      ticks.push(...runTicks);
      console.log(`run ${run}: list drawn ${open.toFixed(0)} ms, ticks ${runTicks.map((x) => x.toFixed(0)).join(' ')} ms`);
    }
    console.log(`medians: list drawn ${median(opens).toFixed(0)} ms (${RUNS} runs), a tick ${median(ticks).toFixed(0)} ms (${ticks.length} ticks)`);
    console.log(JSON.stringify({ toOrderUi: { products: PRODUCTS, runs: RUNS, openMs: round(median(opens), 0), tickMs: round(median(ticks), 0) } }));
  } finally {
    await browser.close();
    await web.close();
    core.close();
    tmp.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
