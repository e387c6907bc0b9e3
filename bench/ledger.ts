/**
 * bench:ledger — a shop of 3,000 products with 3 years of daily history (~3.3 M ledger rows), then:
 * bulk movements per second, p50/p99 of committing one 5-line sale through the service layer, file size.
 * Usage: npm run bench:ledger [-- --products 3000 --days 1095 --sales 2000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import type { MovementLine } from '../src/main/services/ledger/ledger';
import { percentile, round } from './lib/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PRODUCTS = arg('products', 3000);
const DAYS = arg('days', 1095);
const SALES = arg('sales', 2000);

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const dir = mkdtempSync(join(tmpdir(), 'shelfcast-bench-'));
const dbPath = join(dir, 'bench.db');
const core = new Core({ dbPath, migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'), logger: silentLogger, mode: 'web', version: 'bench' });
const actor = { user: core.services.session.owner() };
const random = rng(42);

const insert = core.store.sqlite.prepare('INSERT INTO products (sku, name, search_text, category, unit, cost_minor, price_minor) VALUES (?, ?, ?, ?, ?, ?, ?)');
core.store.sqlite.transaction(() => {
  for (let i = 1; i <= PRODUCTS; i++) insert.run(`SKU-${i}`, `Product ${i}`, `product ${i} sku-${i}`, `Cat ${i % 20}`, i % 10 === 0 ? 'kg' : 'piece', 100 + (i % 50) * 10, 150 + (i % 50) * 15);
})();

// 3 years: every product sells every day; a receipt every 7 days restocks it.
const start = new Date('2023-01-01T12:00:00');
let total = 0;
let bulkNs = 0n;
const CHUNK_DAYS = 30; // one bulk transaction per month of history, as an import writes it
for (let d0 = 0; d0 < DAYS; d0 += CHUNK_DAYS) {
  const lines: { line: MovementLine; at: Date }[] = [];
  for (let d = d0; d < Math.min(DAYS, d0 + CHUNK_DAYS); d++) {
    const at = new Date(start.getTime() + d * 86_400_000);
    for (let p = 1; p <= PRODUCTS; p++) {
      if (d % 7 === p % 7) lines.push({ line: { productId: p, kind: 'receipt', quantity: 60, reason: '' }, at });
      lines.push({ line: { productId: p, kind: 'sale', quantity: 1 + Math.floor(random() * 8), reason: '' }, at });
    }
  }
  const t0 = process.hrtime.bigint(); // only the ledger's work is timed, not generating the lines
  total += core.services.ledger.recordBulk(lines, `bulk-${d0}`, actor, 'allow');
  bulkNs += process.hrtime.bigint() - t0;
  if (process.env.BENCH_TRACE) console.log(`chunk ${d0}: ${Math.round(lines.length / (Number(process.hrtime.bigint() - t0) / 1e9))}/s`);
  core.store.checkpoint();
  if (process.stdout.isTTY) process.stdout.write(`\rgenerating history: day ${Math.min(DAYS, d0 + CHUNK_DAYS)}/${DAYS}`);
}
const bulkSeconds = Number(bulkNs) / 1e9;
if (process.stdout.isTTY) process.stdout.write('\n');
const bulkRate = total / bulkSeconds;
console.log(`history: ${total.toLocaleString('en')} movements for ${PRODUCTS} products x ${DAYS} days in ${bulkSeconds.toFixed(1)} s`);
console.log(`bulk: ${Math.round(bulkRate).toLocaleString('en')} movements/s (floor 100,000/s)`);

// One 5-line sale at a time, as the till commits them. The app checkpoints the WAL on an idle timer
// between sales; the loop does the same every 50 sales, outside the timed commit.
core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
const latencies: number[] = [];
for (let i = 0; i < SALES; i++) {
  if (i % 50 === 0) core.store.checkpoint();
  const lines = Array.from({ length: 5 }, () => ({
    productId: 1 + Math.floor(random() * PRODUCTS),
    kind: 'sale' as const,
    quantity: 1 + Math.floor(random() * 3),
    reason: '',
  }));
  const s = process.hrtime.bigint();
  core.services.ledger.record({ lines, reference: `T-${i}` }, actor, { negativeStock: 'warn' });
  latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
}
latencies.sort((a, b) => a - b);
const p50 = percentile(latencies, 50);
const p99 = percentile(latencies, 99);
console.log(`sale commit (5 lines, service layer): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${SALES} sales (floor p99 < 5 ms)`);

core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
const dbBytes = statSync(dbPath).size;
console.log(`database: ${(dbBytes / 1024 / 1024).toFixed(0)} MiB on disk`);
core.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bulk_movements_per_s: Math.round(bulkRate), sale_commit_p50_ms: round(p50), sale_commit_p99_ms: round(p99), db_bytes: dbBytes }));
