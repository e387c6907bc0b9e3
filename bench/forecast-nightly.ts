/**
 * bench:forecast:nightly — the nightly forecast job as the app runs it, on a shop database: a
 * synthetic shop of --products products x --days days of sales (bench/lib/synthetic.ts) is written
 * straight into daily_sales, the table the ledger keeps per product and day (building it through
 * 20 M ledger movements would take hours and measure the ledger, not the forecast). Then, in a fresh
 * process per run, a Core starts the job ("Forecast now") and the bench prints:
 *  - wall: from the start to the committed run record;
 *  - refresh: the suggestions and alerts of every product recomputed after it (main thread);
 *  - the longest stall of the main thread's event loop (what a cashier's screen would wait for:
 *    every IPC call is answered there) and the time it spent in stalls over 100 ms;
 *  - the longest wait of a small write on the main connection, made every 50 ms during the job
 *    (a sale or a setting saved while the worker holds the shop file's write lock);
 *  - peak RSS of the whole process (the worker thread included).
 * Last line: one JSON object of the medians. Usage: npm run bench:forecast:nightly [-- --products 20000
 * --days 1095 --runs 3 --keep FILE]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { addDays } from '../src/shared/domain/dates';
import { median, round } from './lib/stats';
import { syntheticShop } from './lib/synthetic';

const MIGRATIONS = join(__dirname, '../src/main/db/migrations');
/** The synthetic history ends the day before "now", as a shop's does at night. */
const LAST_DAY = '2025-12-31';
const NOW = new Date(`${addDays(LAST_DAY, 1)}T02:00:00`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface RunFigures {
  wall_s: number;
  refresh_s: number;
  max_stall_ms: number;
  stalled_s: number;
  max_write_wait_ms: number;
  peak_rss_mb: number;
  products: number;
  provider: string;
  status: string;
}

function build(file: string, products: number, days: number): void {
  const core = new Core({ dbPath: file, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench', now: () => NOW });
  const db = core.store.sqlite;
  const series = syntheticShop(products, days, 1, LAST_DAY);
  const addProduct = db.prepare('INSERT INTO products (sku, name, search_text) VALUES (?, ?, ?)');
  const addDay = db.prepare('INSERT INTO daily_sales (product_id, date, sold_milli, end_stock_milli) VALUES (?, ?, ?, NULL)');
  db.transaction(() => {
    for (const s of series) {
      const id = Number(addProduct.run(s.id, `Product ${s.id}`, s.id).lastInsertRowid);
      for (let t = 0; t < s.dates.length; t++) if (s.qty[t]! > 0) addDay.run(id, s.dates[t]!, s.qty[t]! * 1000);
    }
  })();
  core.close();
}

async function runOnce(file: string): Promise<RunFigures> {
  const core = new Core({ dbPath: file, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench', now: () => NOW });
  // the app recomputes suggestions and alerts for every product at start: let that pass first
  await new Promise((resolve) => setTimeout(resolve, 10));
  await core.services.stockWatcher.idle();
  let maxStall = 0;
  let stalled = 0;
  let last = performance.now();
  const beat = setInterval(() => {
    const t = performance.now();
    const gap = t - last - 10;
    last = t;
    maxStall = Math.max(maxStall, gap);
    if (gap > 100) stalled += gap;
  }, 10);
  // a real write on a real table: what a setting saved at the till does
  const write = core.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('bench.write-probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  let maxWrite = 0;
  const writes = setInterval(() => {
    const a = performance.now();
    write.run(String(a));
    maxWrite = Math.max(maxWrite, performance.now() - a);
  }, 50);
  const t0 = performance.now();
  const record = await core.services.forecasts.start('manual').finished;
  const wall = (performance.now() - t0) / 1000;
  clearInterval(writes);
  core.store.sqlite.prepare("DELETE FROM settings WHERE key = 'bench.write-probe'").run();
  // then suggestions and alerts follow the new forecasts, on the main thread
  const t1 = performance.now();
  await core.services.stockWatcher.idle();
  const refresh = (performance.now() - t1) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(beat);
  core.close();
  return {
    wall_s: wall,
    refresh_s: refresh,
    max_stall_ms: maxStall,
    stalled_s: stalled / 1000,
    max_write_wait_ms: maxWrite,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    products: record.products,
    provider: record.provider ?? '',
    status: record.status,
  };
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stdout}`);
  return r.stdout.trim().split('\n').pop() ?? '';
}

async function main(): Promise<void> {
  const buildFile = arg('child-build');
  if (buildFile) return build(buildFile, Number(arg('products')), Number(arg('days')));
  const runFile = arg('child-run');
  if (runFile) {
    console.log(JSON.stringify(await runOnce(runFile)));
    return;
  }
  const products = Number(arg('products') ?? 20_000);
  const days = Number(arg('days') ?? 3 * 365);
  const runs = Math.max(1, Number(arg('runs') ?? 3));
  const keep = arg('keep');
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-nightly-'));
  const file = keep ?? join(dir, 'shop.db');
  if (!keep || !existsSync(keep)) {
    const t0 = performance.now();
    child(['--child-build', file, '--products', String(products), '--days', String(days)]);
    console.log(`built ${products} products x ${days} days in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  }
  const all: RunFigures[] = [];
  for (let r = 0; r < runs; r++) {
    const f = JSON.parse(child(['--child-run', file])) as RunFigures;
    all.push(f);
    console.log(
      `run ${r + 1}: ${f.status}, ${f.products} products on ${f.provider} in ${f.wall_s.toFixed(1)} s, then suggestions and alerts ` +
        `${f.refresh_s.toFixed(1)} s; main thread: longest stall ` +
        `${f.max_stall_ms.toFixed(0)} ms, ${f.stalled_s.toFixed(1)} s in stalls over 100 ms; a write waited up to ` +
        `${f.max_write_wait_ms.toFixed(0)} ms; peak RSS ${f.peak_rss_mb.toFixed(0)} MB`,
    );
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  const med = (k: keyof RunFigures): number => round(median(all.map((f) => f[k] as number)), 2);
  console.log(
    JSON.stringify({ nightly: { products: med('products'), days, runs, wall_s: med('wall_s'), refresh_s: med('refresh_s'), max_stall_ms: med('max_stall_ms'), stalled_s: med('stalled_s'), max_write_wait_ms: med('max_write_wait_ms'), peak_rss_mb: med('peak_rss_mb') } }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
