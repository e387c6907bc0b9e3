/**
 * bench:import — writes a 1,000,000-row sales CSV (item_id,date,qty: 1,000 items x 1,000 days) in a
 * temporary folder, imports it with the onboarding service into a fresh shop database (products created
 * from the codes), and prints rows per second and the peak RSS sampled during the import.
 * Last line: one JSON object {"rows_per_s": N, "peak_rss_mb": N}.
 * Usage: npm run bench:import [-- --rows 1000000]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { ImportService } from '../src/main/services/onboarding';
import { addDays, businessDate } from '../src/shared/domain/dates';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 1_000_000);
const ITEMS = 1000;
const DAYS = Math.ceil(ROWS / ITEMS);

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('item_id,date,qty\n');
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  // the history ends yesterday, whatever its length (a sale in the future is refused)
  const first = addDays(businessDate(new Date()), -DAYS);
  const dates = Array.from({ length: DAYS }, (_, d) => addDays(first, d));
  let n = 0;
  for (let i = 0; i < ITEMS && n < ROWS; i++) {
    let chunk = '';
    for (let d = 0; d < DAYS && n < ROWS; d++, n++) chunk += `item-${i},${dates[d]},${Math.floor(random() * 20)}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-bench-import-'));
  try {
    const csv = join(dir, 'sales.csv');
    await writeCsv(csv);
    const core = new Core({ dbPath: join(dir, 'bench.db'), migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'), logger: silentLogger, mode: 'web', version: 'bench' });
    const service = new ImportService({ store: core.store, now: () => new Date() });
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const report = await service.run({ kind: 'sales', file: csv, createProducts: true, onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) }, { user: core.services.session.owner() });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    core.close();
    if (report.fileError || report.written !== ROWS) throw new Error(`import incomplete: ${JSON.stringify({ ...report, issues: report.issues.slice(0, 5) })}`);
    const rowsPerS = Math.round(ROWS / seconds);
    const peakMb = Math.round(peak / 1048576);
    console.log(`file: ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${ROWS.toLocaleString('en')} rows, ${report.createdProducts} products created`);
    console.log(`import: ${seconds.toFixed(2)} s, ${rowsPerS.toLocaleString('en')} rows/s (floor 100,000/s)`);
    console.log(`rss: ${Math.round(baseRss / 1048576)} MB before, peak ${peakMb} MB`);
    console.log(JSON.stringify({ rows_per_s: rowsPerS, peak_rss_mb: peakMb }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
