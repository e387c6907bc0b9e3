/**
 * npm run demo -- --db shop.db [--seed 20240611] [--products 400] [--days 730]
 * Creates « Alimentation Awa — Dakar », a demo grocery-parapharmacy with two years of history ending
 * yesterday, in an empty shop database (created if missing).
 * Exit codes: 0 ok, 2 bad arguments or a database that already has products, 1 unexpected failure.
 */
import { join } from 'node:path';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { AppError } from '../src/shared/api/result';
import { createDemoShop } from '../src/main/services/onboarding/demo';

const USAGE = 'usage: npm run demo -- --db shop.db [--seed N] [--products 400] [--days 730]';

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`--${name} needs a value\n${USAGE}`);
  return v;
}

function num(name: string): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number\n${USAGE}`);
  return n;
}

const db = arg('db');
if (!db) fail(USAGE);
const options = { seed: num('seed'), products: num('products'), days: num('days') };
const core = new Core({ dbPath: db, migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'), logger: silentLogger, mode: 'web', version: 'cli' });
try {
  const t0 = performance.now();
  const s = createDemoShop({ store: core.store, now: () => new Date() }, { user: core.services.session.owner() }, options);
  console.log(`« Alimentation Awa — Dakar » written to ${db} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  ${s.products} products in ${s.categories} categories, ${s.suppliers} suppliers`);
  console.log(`  history ${s.firstDate} .. ${s.lastDate} (${s.days} days): ${s.dailyRows} product-days, ${s.movements} movements, ${s.stockoutDays} stock-out days, ${s.expiryLots} lots with an expiry date`);
} catch (error) {
  if (error instanceof AppError) fail(error.message);
  fail(`demo failed: ${error instanceof Error ? error.stack : String(error)}`, 1);
} finally {
  core.close();
}
