import Database from 'better-sqlite3';
import { shopDay } from '../shop-day';
import type { CurrencyCode } from '../../../shared/domain/money';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { ProductsImporter, SuppliersImporter } from './catalogue';
import { mapColumns, type ColumnMap, type Field, type ImportKind } from './columns';
import { RowContext } from './context';
import type { CsvRecord, Delimiter } from './csv';
import type { TextEncoding } from './encoding';
import { FileError, type ImportIssue } from './issues';
import type { ImportProgress } from './reader';
import { SalesImporter } from './sales';
import { StockImporter } from './stock';
import { openTable, type TableSource } from './xlsx';

export interface ImportOptions {
  kind: ImportKind;
  /** Path of the CSV file or .xlsx workbook (its first sheet). */
  file: string;
  /** Check every row and report, write nothing. */
  dryRun?: boolean;
  /** Write nothing when any row is bad (default: write the good rows, list the bad ones). */
  allOrNothing?: boolean;
  /** Field -> header (as written, any case) or 0-based column index; wins over the guess. */
  mapping?: Partial<Record<Field, string | number>>;
  /** Read only the columns in `mapping` (a person chose them), guessing none. */
  mappingOnly?: boolean;
  /** Forces the delimiter instead of detecting it. */
  delimiter?: Delimiter;
  /** Sales: create unknown product codes as products (SKU = name = code, price 0). */
  createProducts?: boolean;
  /** Sales: also lower on-hand by the imported quantities (default: history only, stock untouched). */
  applyToStock?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** How many issues are listed in full (all are counted); default 1000. */
  maxIssues?: number;
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  dryRun: boolean;
  allOrNothing: boolean;
  format: 'csv' | 'xlsx' | null;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** Field -> the header it was read from. */
  columns: Partial<Record<Field, string>>;
  rows: number;
  valid: number;
  invalid: number;
  /** Rows written; 0 in a dry run, after a cancel, or when all-or-nothing met a bad row. */
  written: number;
  createdProducts: number;
  createdSuppliers: number;
  /** True when the transaction was committed. */
  committed: boolean;
  /** The file could not be imported at all (empty, binary, missing column, cancelled...). */
  fileError: ImportIssue | null;
  issues: ImportIssue[];
  /** Issues found, including those not listed. */
  issueCount: number;
}

interface RowImporter {
  row(rec: CsvRecord): void;
  finish(): void;
}

/**
 * Onboarding imports: products, suppliers, opening stock and past sales from shops' CSV files.
 * The file is streamed once; every row is checked (a dry run stops there). Writes go through a
 * connection of their own in one IMMEDIATE transaction held for the whole file, so nothing is visible
 * (and nothing of the app's own writes can get mixed in) until the commit; a cancel, a file-level
 * error or a bad row in all-or-nothing mode rolls everything back.
 */
export class ImportService {
  constructor(private readonly deps: ServiceDeps) {}

  async run(options: ImportOptions, actor: Actor): Promise<ImportReport> {
    const report: ImportReport = {
      kind: options.kind,
      file: options.file,
      dryRun: options.dryRun === true,
      allOrNothing: options.allOrNothing === true,
      format: null,
      encoding: null,
      delimiter: null,
      columns: {},
      rows: 0,
      valid: 0,
      invalid: 0,
      written: 0,
      createdProducts: 0,
      createdSuppliers: 0,
      committed: false,
      fileError: null,
      issues: [],
      issueCount: 0,
    };
    let db: Database.Database | null = null;
    let source: TableSource | null = null;
    let inTx = false;
    try {
      const opened = await openTable(options.file, { signal: options.signal, onProgress: options.onProgress, delimiter: options.delimiter });
      source = opened;
      report.format = opened.format;
      report.encoding = opened.encoding;
      report.delimiter = opened.delimiter;
      const header = opened.header;
      const map = mapColumns(options.kind, header, options.mapping, { guess: options.mappingOnly !== true });
      report.columns = Object.fromEntries(Object.entries(map).map(([f, i]) => [f, header[i as number] ?? `#${(i as number) + 1}`]));

      db = this.openWriter();
      const now = this.deps.now();
      const currency = this.currency(db);
      const reference = `import:${options.kind}:${now.toISOString()}`;
      if (!report.dryRun) {
        db.exec('BEGIN IMMEDIATE');
        inTx = true;
      }
      const ctx = new RowContext(db, header, map, {
        dryRun: report.dryRun,
        maxIssues: options.maxIssues ?? 1000,
        currency,
        today: shopDay(db, now),
        nowIso: now.toISOString(),
        userId: actor.user.id,
        reference,
      });
      const importer = this.importer(options, ctx);
      for await (const batch of opened.batches()) {
        for (const rec of batch) importer.row(rec);
      }
      if (options.signal?.aborted) throw new FileError({ line: 0, column: null, code: 'cancelled', message: 'the import was cancelled: nothing was written' });
      importer.finish();
      Object.assign(report, {
        rows: ctx.counters.rows,
        invalid: ctx.counters.invalid,
        valid: ctx.counters.rows - ctx.counters.invalid,
        createdProducts: ctx.counters.createdProducts,
        createdSuppliers: ctx.counters.createdSuppliers,
        issues: ctx.issues,
        issueCount: ctx.issueCount,
      });
      if (inTx) {
        if (report.allOrNothing && report.invalid > 0) {
          db.exec('ROLLBACK');
          report.createdProducts = 0;
          report.createdSuppliers = 0;
        } else {
          report.written = ctx.counters.written;
          new Journal(db).write(now.toISOString(), actor.user.id, 'import', options.kind, reference, {
            file: options.file,
            rows: report.rows,
            written: report.written,
            invalid: report.invalid,
            createdProducts: report.createdProducts,
            createdSuppliers: report.createdSuppliers,
          });
          db.exec('COMMIT');
          report.committed = true;
        }
        inTx = false;
      }
      return report;
    } catch (error) {
      if (inTx && db?.inTransaction) db.exec('ROLLBACK');
      if (error instanceof FileError) {
        report.fileError = error.issue;
        report.written = 0;
        report.createdProducts = 0;
        report.createdSuppliers = 0;
        return report;
      }
      if (options.signal?.aborted) {
        report.fileError = { line: 0, column: null, code: 'cancelled', message: 'the import was cancelled: nothing was written' };
        return report;
      }
      throw error;
    } finally {
      db?.close();
      await source?.close();
    }
  }

  /** Its own connection to the shop file: the import's long transaction stays apart from the app's writes. */
  private openWriter(): Database.Database {
    const db = new Database(this.deps.store.file);
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = FILE');
    return db;
  }

  private currency(db: Database.Database): CurrencyCode {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'currency'").pluck().get() as string | undefined;
    return row ? (JSON.parse(row) as CurrencyCode) : 'XOF';
  }

  private importer(options: ImportOptions, ctx: RowContext): RowImporter {
    switch (options.kind) {
      case 'products':
        return new ProductsImporter(ctx);
      case 'suppliers':
        return new SuppliersImporter(ctx);
      case 'stock':
        return new StockImporter(ctx);
      case 'sales':
        return new SalesImporter(ctx, { createProducts: options.createProducts === true, applyToStock: options.applyToStock === true });
    }
  }
}

export type { ColumnMap };
