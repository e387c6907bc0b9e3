/**
 * bench:screens — a shop in its third year (the demo shop at 4 000 products and 1 095 days of history:
 * 3.4 M movements, dated lots, suppliers, a night's forecast), then what the main process does when
 * the owner opens each screen or asks for a document, called through the same handler table as the
 * window, and what it does by itself at start and every hour: how long each takes and the longest the
 * main thread (the till) was held meanwhile.
 * Prints each run, then the medians, then one JSON line.
 * Usage: npm run bench:screens [-- --products 4000 --days 1095 --till-days 0 --receipts 150 --runs 3 --db FILE]
 * With --db the shop is kept in FILE and reused by later runs (building it and its forecast takes about a minute).
 * --till-days N: after the demo's history, N more days rung up at the till (--receipts a day, 1 to 4 lines
 * each, popular products more often), so the receipts, their lines and tenders, the audit and the outbox
 * fill as a shop's do; e.g. --days 30 --till-days 365 (about a minute for 55 000 receipts).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../src/main/logger';
import { Core } from '../src/main/core';
import { createDemoShop } from '../src/main/services/onboarding/demo';
import { backupFolderOf } from '../src/main/services/backup/files';
import { MIGRATIONS, tempDir } from '../test/helpers/core';
import { median, round } from './lib/stats';
import { stallWatch } from './lib/stall';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PRODUCTS = Number(arg('products', '4000'));
const DAYS = Number(arg('days', '1095'));
const RUNS = Number(arg('runs', '3'));
const TILL_DAYS = Number(arg('till-days', '0'));
const RECEIPTS = Number(arg('receipts', '150'));
const DAY_MS = 86_400_000;

const openCore = (dbPath: string) => new Core({ dbPath, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench' });

async function build(dbPath: string): Promise<void> {
  // the demo's history ends the day before the till's days begin
  let clock = new Date(Date.now() - TILL_DAYS * DAY_MS);
  const core = new Core({ dbPath, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench', now: () => clock });
  try {
    const t0 = performance.now();
    const actor = { user: core.services.session.owner() };
    const demo = createDemoShop({ store: core.store, now: () => clock }, actor, { products: PRODUCTS, days: DAYS });
    console.log(`shop: ${demo.products} products, ${demo.movements.toLocaleString('en')} movements in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    if (TILL_DAYS > 0) await ringUp(core, (at) => (clock = at));
    clock = new Date();
    const t1 = performance.now();
    const run = await core.services.forecasts.start('manual').finished;
    await core.services.stockWatcher.idle();
    console.log(`forecast: ${run.status} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    core.close();
  }
}

/** TILL_DAYS days of RECEIPTS receipts each, through pos.checkout as the till rings them, ending yesterday. */
async function ringUp(core: Core, setClock: (at: Date) => void): Promise<void> {
  const t0 = performance.now();
  // the till sells what the customer brings, stock or not: the demo's stock is not restocked here
  await core.call('settings.save', { negativeStock: 'allow' });
  const ids = core.store.sqlite.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id').pluck().all() as number[];
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let d = 0; d < TILL_DAYS; d++) {
    const opening = new Date(Date.now() - (TILL_DAYS - d) * DAY_MS);
    opening.setHours(8, 0, 0, 0);
    for (let k = 0; k < RECEIPTS; k++) {
      setClock(new Date(opening.getTime() + (k * 11 * 3_600_000) / RECEIPTS));
      const picked = new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => ids[Math.floor(random() ** 2 * ids.length)]!));
      const sale = await core.call('pos.checkout', { lines: [...picked].map((productId) => ({ productId, quantity: 1 })), tenders: [{ tender: 'cash', amountMinor: 100_000_000 }] });
      if (!sale.ok) throw new Error(`pos.checkout: ${JSON.stringify(sale.error)}`);
    }
    await core.services.stockWatcher.idle();
    core.store.checkpoint();
  }
  console.log(`till: ${(TILL_DAYS * RECEIPTS).toLocaleString('en')} receipts over ${TILL_DAYS} days in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

interface Screen {
  name: string;
  channel: string;
  input: (core: Core) => unknown;
  /** A figure that tells the reader the call did its work (lines, pages, bytes). */
  size: (data: unknown) => string;
}

const count = (n: number, what: string) => `${n.toLocaleString('en')} ${what}`;

const SCREENS: Screen[] = [
  {
    name: 'Achats › À commander',
    channel: 'purchasing.toOrder',
    input: () => ({ budgetMinor: null }),
    size: (d) => count((d as { groups: { lines: unknown[] }[] }).groups.reduce((s, g) => s + g.lines.length, 0), 'lines'),
  },
  { name: 'Stock › État du stock', channel: 'stock.onHand', input: () => ({}), size: (d) => count((d as unknown[]).length, 'products') },
  { name: 'Alertes', channel: 'alerts.page', input: () => ({}), size: (d) => count((d as { total: number }).total, 'alerts') },
  {
    name: 'Traçabilité d’un lot',
    channel: 'stock.lotTrace',
    input: (core) => ({ lot: (core.store.sqlite.prepare("SELECT lot FROM movements INDEXED BY movements_kind_day WHERE kind <> 'sale' AND kind = 'receipt' AND lot IS NOT NULL ORDER BY id DESC LIMIT 1").get() as { lot: string }).lot }),
    size: (d) => count((d as { entries: unknown[] }).entries.length, 'entries'),
  },
  {
    name: 'Étiquettes (500 produits)',
    channel: 'labels.pdf',
    input: (core) => ({ productIds: (core.store.sqlite.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id LIMIT 500').all() as { id: number }[]).map((r) => r.id), format: '24' }),
    size: (d) => count(Math.round(JSON.stringify(d).length / 1024), 'KiB'),
  },
  { name: 'Rapport Z (A4)', channel: 'journal.zReport', input: () => ({ paper: 'a4' }), size: (d) => count(Math.round(JSON.stringify(d).length / 1024), 'KiB') },
  { name: 'Tableau de bord', channel: 'dashboard.summary', input: () => ({}), size: () => '' },
  { name: 'Stock › Mouvements (30 jours)', channel: 'ledger.journal', input: () => ({ lastDays: 30 }), size: (d) => count((d as { items: unknown[] }).items.length, 'movements') },
  { name: 'Produits › recherche « riz »', channel: 'products.list', input: () => ({ search: 'riz' }), size: (d) => count((d as { total: number }).total, 'products') },
  {
    name: 'Prévision d’un produit',
    channel: 'forecast.product',
    input: (core) => ({ id: core.store.sqlite.prepare('SELECT product_id FROM daily_sales GROUP BY product_id ORDER BY SUM(sold_milli) DESC LIMIT 1').pluck().get() }),
    size: () => '',
  },
];

/** A sale of 5 products at the till, 2 of them dated, then the recompute it starts for those products (suggestions, alerts). */
async function saleAndRecompute(core: Core): Promise<{ ms: number; stall: number }> {
  const pick = (dated: number, limit: number) =>
    core.store.sqlite
      .prepare('SELECT p.id FROM products p JOIN stock s ON s.product_id = p.id WHERE p.active = 1 AND p.tracks_expiry = ? AND s.on_hand_milli >= 5000 ORDER BY p.id LIMIT ?')
      .pluck()
      .all(dated, limit) as number[];
  const lines = [...pick(1, 2), ...pick(0, 3)].map((productId) => ({ productId, quantity: 1 }));
  const watch = stallWatch();
  const t0 = performance.now();
  const sale = await core.call('pos.checkout', { lines, tenders: [{ tender: 'cash', amountMinor: 10_000_000 }] });
  if (!sale.ok) throw new Error(`pos.checkout: ${JSON.stringify(sale.error)}`);
  await new Promise((resolve) => setTimeout(resolve, 1));
  await core.services.stockWatcher.idle();
  return { ms: performance.now() - t0, stall: watch.stop() };
}

async function main(): Promise<void> {
  const tmp = tempDir('shelfcast-bench-screens-');
  const dbPath = arg('db', join(tmp.dir, 'shop.db'));
  try {
    if (!existsSync(dbPath)) await build(dbPath);
    console.log(`file: ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB`);
    const times = new Map<string, number[]>();
    const stalls = new Map<string, number[]>();
    const record = (name: string, ms: number, stall: number, run: number, size = '') => {
      times.set(name, [...(times.get(name) ?? []), ms]);
      stalls.set(name, [...(stalls.get(name) ?? []), stall]);
      console.log(`run ${run}: ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms, stall ${stall.toFixed(0).padStart(6)} ms  ${size}`);
    };
    for (let run = 1; run <= RUNS; run++) {
      // a fresh process state each run, as after a restart: SQLite's page cache and prepared statements start cold
      const core = openCore(dbPath);
      // the app recomputes suggestions and alerts for every product at start: timed on its own, then let pass
      const startWatch = stallWatch();
      const t0 = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await core.services.stockWatcher.idle();
      record('Au démarrage (alertes, suggestions)', performance.now() - t0, startWatch.stop(), run);
      try {
        for (const screen of SCREENS) {
          const input = screen.input(core);
          const watch = stallWatch();
          const t0 = performance.now();
          const result = await core.call(screen.channel, input);
          const ms = performance.now() - t0;
          const stall = watch.stop();
          if (!result.ok) throw new Error(`${screen.channel}: ${JSON.stringify(result.error)}`);
          record(screen.name, ms, stall, run, screen.size(result.data));
        }
        const sale = await saleAndRecompute(core);
        record('Caisse › une vente et son recalcul', sale.ms, sale.stall, run);
        // what the hourly timer does: suggestions and alerts again, then the day's backup
        let watch = stallWatch();
        let t0 = performance.now();
        core.services.stockWatcher.changed();
        await new Promise((resolve) => setTimeout(resolve, 1));
        await core.services.stockWatcher.idle();
        record('Chaque heure (alertes, suggestions)', performance.now() - t0, watch.stop(), run);
        watch = stallWatch();
        t0 = performance.now();
        const made = await core.services.backup.create('manual', { user: core.services.session.owner() });
        record('Sauvegarde', performance.now() - t0, watch.stop(), run);
        // a third-year shop's backup is ~500 MB: not left beside a kept --db file
        rmSync(join(backupFolderOf(dbPath), made.file), { force: true });
      } finally {
        core.close();
      }
    }
    const figures: Record<string, { ms: number; stallMs: number }> = {};
    console.log(`medians of ${RUNS} runs:`);
    for (const [name, ms] of times) {
      figures[name] = { ms: round(median(ms), 0), stallMs: round(median(stalls.get(name)!), 0) };
      console.log(`  ${name.padEnd(36)} ${figures[name]!.ms} ms, longest stall ${figures[name]!.stallMs} ms`);
    }
    console.log(JSON.stringify({ products: PRODUCTS, days: DAYS, tillDays: TILL_DAYS, receipts: RECEIPTS, runs: RUNS, screens: figures }));
  } finally {
    tmp.cleanup();
    if (!process.argv.includes('--db')) rmSync(dbPath, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
