/**
 * npm run import -- --db shop.db [--suppliers FILE.csv] [--products FILE.csv] [--stock FILE.csv] [--sales FILE.csv]
 *                   [--dry-run] [--all-or-nothing] [--create-products] [--apply-to-stock] [--delimiter ';']
 *                   [--map field=Header,field=Header]
 * Imports a shop's files in that order (suppliers, products, opening stock, past sales). Each file is
 * checked row by row; a dry run only reports. Sales go into the history the forecaster reads; on-hand
 * is untouched unless --apply-to-stock. --create-products creates unknown sales codes as products.
 *
 * Exit codes: 0 every row imported (or would be), 2 a bad file (unreadable, a missing column, bad rows:
 * each listed with its line and column), 1 an unexpected failure.
 */
import { existsSync } from 'node:fs';
import { fail, parseArgs, progressBar } from './lib/cli';
import { join } from 'node:path';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { describeIssue, ImportService, type Field, type ImportKind, type ImportReport } from '../src/main/services/onboarding';
import type { Delimiter } from '../src/main/services/onboarding/csv';

const USAGE =
  'usage: npm run import -- --db shop.db [--suppliers F.csv] [--products F.csv] [--stock F.csv] [--sales F.csv]\n' +
  '                         [--dry-run] [--all-or-nothing] [--create-products] [--apply-to-stock] [--delimiter ";"] [--map qty=Qté,date=Jour]';
const FLAGS = new Set(['dry-run', 'all-or-nothing', 'create-products', 'apply-to-stock', 'help']);
const KINDS: ImportKind[] = ['suppliers', 'products', 'stock', 'sales'];
const MAX_LISTED = 50;



function summary(r: ImportReport, seconds: number): string {
  const lines = [`${r.kind} ← ${r.file}`];
  if (r.fileError) {
    lines.push(`  refused: ${describeIssue(r.fileError)}`, '  nothing was written');
    return lines.join('\n');
  }
  lines.push(
    `  ${r.encoding}, delimiter ${JSON.stringify(r.delimiter)}, columns: ${Object.entries(r.columns).map(([f, h]) => `${f}=«${h}»`).join(' ')}`,
    `  ${r.rows} rows read, ${r.valid} good, ${r.invalid} bad, in ${seconds.toFixed(1)} s`,
  );
  for (const issue of r.issues.slice(0, MAX_LISTED)) lines.push(`  - ${describeIssue(issue)}`);
  if (r.issueCount > MAX_LISTED) lines.push(`  ... and ${r.issueCount - MAX_LISTED} more issues`);
  if (r.dryRun) lines.push(`  dry run: nothing written (${r.valid} rows would be${r.createdProducts ? `, ${r.createdProducts} products created` : ''})`);
  else if (!r.committed) lines.push('  all-or-nothing: bad rows found, nothing was written');
  else {
    const created = [r.createdProducts ? `${r.createdProducts} products created` : '', r.createdSuppliers ? `${r.createdSuppliers} suppliers created` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`  written: ${r.written} rows${created ? ` (${created})` : ''}${r.invalid ? `, ${r.invalid} bad rows skipped` : ''}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), USAGE, FLAGS, new Set(['db', 'map', 'delimiter', ...KINDS]));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const db = args.db;
  if (typeof db !== 'string') fail(`--db is required\n${USAGE}`);
  const files = KINDS.filter((k) => typeof args[k] === 'string').map((k) => [k, args[k] as string] as const);
  if (files.length === 0) fail(`give at least one of --suppliers, --products, --stock, --sales\n${USAGE}`);
  for (const [, f] of files) if (!existsSync(f)) fail(`no such file: ${f}`);
  const mapping: Partial<Record<Field, string>> = {};
  if (typeof args.map === 'string') {
    for (const pair of args.map.split(',')) {
      const [field, header] = pair.split('=');
      if (!field || !header) fail(`--map expects field=Header pairs, e.g. qty=Qté,date=Jour`);
      mapping[field.trim() as Field] = header.trim();
    }
  }
  const delimiter = typeof args.delimiter === 'string' ? (args.delimiter === 'tab' ? '\t' : args.delimiter) : undefined;
  if (delimiter !== undefined && ![',', ';', '\t', '|'].includes(delimiter)) fail('--delimiter must be one of , ; tab |');

  const core = new Core({ dbPath: db, migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'), logger: silentLogger, mode: 'web', version: 'cli' });
  const service = new ImportService({ store: core.store, now: () => new Date() });
  const actor = { user: core.services.session.owner() };
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\ncancelling...\n');
    controller.abort();
  });
  let bad = false;
  try {
    for (const [kind, file] of files) {
      const t0 = performance.now();
      const bar = progressBar(kind, (bytes) => `${(bytes / 1e6).toFixed(1)} MB`);
      const report = await service.run(
        {
          kind,
          file,
          dryRun: args['dry-run'] === true,
          allOrNothing: args['all-or-nothing'] === true,
          createProducts: args['create-products'] === true,
          applyToStock: args['apply-to-stock'] === true,
          mapping,
          delimiter: delimiter as Delimiter | undefined,
          signal: controller.signal,
          onProgress: (p) => bar(p.bytesDone, p.bytesTotal),
        },
        actor,
      );
      process.stdout.write(`${summary(report, (performance.now() - t0) / 1000)}\n`);
      if (report.fileError || report.invalid > 0) bad = true;
      if (report.fileError?.code === 'cancelled') break;
    }
  } finally {
    core.close();
  }
  if (bad) process.exit(2);
}

main().catch((error: unknown) => fail(`import failed: ${error instanceof Error ? error.stack : String(error)}`, 1));
