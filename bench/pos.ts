/**
 * bench:pos — the till's two hot paths on a large shop: product search as the cashier types (20,000
 * products) and the checkout of a 10-line sale, on a database holding 3 years of ledger history.
 * Usage: npm run bench:pos [-- --products 20000 --history-products 3000 --days 1095]
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
const PRODUCTS = arg('products', 20_000);
const HISTORY_PRODUCTS = arg('history-products', 3000);
const DAYS = arg('days', 1095);
const SEARCHES = arg('searches', 2000);
const SALES = arg('sales', 2000);

let seed = 7;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const WORDS = ['riz', 'huile', 'lait', 'sucre', 'savon', 'café', 'thé', 'farine', 'tomate', 'sardine', 'biscuit', 'jus', 'eau', 'pâtes', 'sel', 'poivre', 'bouillon', 'beurre', 'yaourt', 'chocolat', 'lessive', 'javel', 'dentifrice', 'shampoing', 'paracétamol', 'engrais', 'semence', 'clou', 'vis', 'peinture'];
const BRANDS = ['Awa', 'Sahel', 'Teranga', 'Baobab', 'Niokolo', 'Casamance', 'Dakar', 'Touba', 'Ziguinchor', 'Kaolack'];

const dir = mkdtempSync(join(tmpdir(), 'shelfcast-bench-pos-'));
const core = new Core({ dbPath: join(dir, 'pos.db'), migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'), logger: silentLogger, mode: 'web', version: 'bench' });
const actor = { user: core.services.session.owner() };
const db = core.store.sqlite;

const insertProduct = db.prepare('INSERT INTO products (sku, name, search_text, category, unit, cost_minor, price_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const insertBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
const names: string[] = [];
db.transaction(() => {
  for (let i = 1; i <= PRODUCTS; i++) {
    const name = `${WORDS[i % WORDS.length]} ${BRANDS[Math.floor(i / WORDS.length) % BRANDS.length]} ${100 + (i % 900)} g`;
    names.push(name);
    const sku = `P${String(i).padStart(6, '0')}`;
    insertProduct.run(sku, name, `${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()} ${sku.toLowerCase()}`, WORDS[i % WORDS.length], 'piece', 100 + (i % 50) * 10, 150 + (i % 50) * 15, i % 3 === 0 ? 1800 : 0);
    insertBarcode.run(String(6000000000000 + i), i);
  }
})();

const start = new Date('2023-01-01T12:00:00');
for (let d0 = 0; d0 < DAYS; d0 += 30) {
  const lines: { line: MovementLine; at: Date }[] = [];
  for (let d = d0; d < Math.min(DAYS, d0 + 30); d++) {
    const at = new Date(start.getTime() + d * 86_400_000);
    for (let p = 1; p <= HISTORY_PRODUCTS; p++) {
      if (d % 7 === p % 7) lines.push({ line: { productId: p, kind: 'receipt', quantity: 60, reason: '' }, at });
      lines.push({ line: { productId: p, kind: 'sale', quantity: 1 + Math.floor(random() * 8), reason: '' }, at });
    }
  }
  core.services.ledger.recordBulk(lines, `history-${d0}`, actor, 'allow');
  core.store.checkpoint();
}
const movements = (db.prepare('SELECT count(*) AS n FROM movements').get() as { n: number }).n;
console.log(`shop: ${PRODUCTS.toLocaleString('en')} products, ${movements.toLocaleString('en')} ledger rows (${DAYS} days for ${HISTORY_PRODUCTS} products)`);

// What a cashier types: 1 to 6 first letters of a word, a SKU, or a full barcode.
const queries = Array.from({ length: SEARCHES }, (_, i) => {
  const kind = i % 3;
  if (kind === 0) return WORDS[Math.floor(random() * WORDS.length)].slice(0, 1 + Math.floor(random() * 6));
  if (kind === 1) return `P${String(1 + Math.floor(random() * PRODUCTS)).padStart(6, '0')}`;
  return String(6000000000000 + 1 + Math.floor(random() * PRODUCTS));
});
const searchMs: number[] = [];
for (const q of queries) {
  const t = process.hrtime.bigint();
  core.services.products.list({ search: q, includeInactive: false, limit: 8, offset: 0, withTotal: false });
  searchMs.push(Number(process.hrtime.bigint() - t) / 1e6);
}
searchMs.sort((a, b) => a - b);

db.pragma('wal_checkpoint(TRUNCATE)');
const checkoutMs: number[] = [];
for (let i = 0; i < SALES; i++) {
  if (i % 50 === 0) core.store.checkpoint(); // the app's idle checkpoint, between sales
  const lines = Array.from({ length: 10 }, () => ({ productId: 1 + Math.floor(random() * PRODUCTS), quantity: 1 + Math.floor(random() * 3) }));
  const t = process.hrtime.bigint();
  const sale = core.services.pos.checkout({ lines, tenders: [{ tender: 'cash', amountMinor: 10_000_000 }] }, actor);
  checkoutMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (sale.receiptNo !== i + 1) throw new Error('receipt numbering broke');
}
checkoutMs.sort((a, b) => a - b);

const result = {
  search_p50_ms: round(percentile(searchMs, 50)),
  search_p99_ms: round(percentile(searchMs, 99)),
  checkout_p50_ms: round(percentile(checkoutMs, 50)),
  checkout_p99_ms: round(percentile(checkoutMs, 99)),
};
console.log(`search (${SEARCHES} queries, top 8 of ${PRODUCTS.toLocaleString('en')}): p50 ${result.search_p50_ms} ms, p99 ${result.search_p99_ms} ms (floor p99 < 20 ms)`);
console.log(`checkout (10 lines, ${SALES} sales): p50 ${result.checkout_p50_ms} ms, p99 ${result.checkout_p99_ms} ms (floor p99 < 10 ms)`);
core.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result));
