import type Database from 'better-sqlite3';
import { TEXT_MAX } from '../../../shared/api/schemas';
import { CURRENCIES, currencyDecimals, type CurrencyCode } from '../../../shared/domain/money';
import { isWholeQuantity, MAX_QUANTITY, MILLI } from '../../../shared/domain/quantity';
import { foldForSearch } from '../text';
import type { CsvRecord } from './csv';
import type { ColumnMap, Field } from './columns';
import type { ImportIssue, IssueCode, IssueParams } from './issues';
import { parseDate, parseDecimal, parseQuantityMilli, readMoneyMinor } from './values';

/**
 * The longest text each column may hold: what the product, supplier and stock forms take. Longer was
 * once imported whole, so a product's 325-character name then could not be saved from its own form.
 */
const COLUMN_TEXT_MAX: Partial<Record<Field, number>> = {
  sku: TEXT_MAX.sku,
  name: Math.max(TEXT_MAX.productName, TEXT_MAX.supplierName),
  category: TEXT_MAX.category,
  supplier: TEXT_MAX.supplierName,
  lot: TEXT_MAX.lot,
  contact: TEXT_MAX.contact,
  phone: TEXT_MAX.phone,
  address: TEXT_MAX.address,
};

export interface ImportCounters {
  /** Data rows read (header excluded, blank lines skipped). */
  rows: number;
  /** Rows with at least one issue: skipped. */
  invalid: number;
  /** Rows written (or, in a dry run, that would be). */
  written: number;
  createdProducts: number;
  createdSuppliers: number;
}

/** What a kind's importer sees: the connection, the mapping, the issue list, the options. */
export class RowContext {
  readonly issues: ImportIssue[] = [];
  issueCount = 0;
  readonly counters: ImportCounters = { rows: 0, invalid: 0, written: 0, createdProducts: 0, createdSuppliers: 0 };
  private rowBad = false;

  constructor(
    readonly db: Database.Database,
    readonly header: string[],
    readonly map: ColumnMap,
    readonly options: { dryRun: boolean; maxIssues: number; currency: CurrencyCode; today: string; nowIso: string; userId: number; reference: string },
  ) {}

  has(field: Field): boolean {
    return this.map[field] !== undefined;
  }

  /**
   * The cell of `field` in the record, trimmed; '' when the column is absent or the row short. The
   * apostrophe our exports (and careful spreadsheets) put before a leading = + - @, so that a
   * spreadsheet does not run the text as a formula, is taken off: one, and only before those.
   */
  cell(rec: CsvRecord, field: Field): string {
    const i = this.map[field];
    if (i === undefined) return '';
    const v = rec.fields[i];
    return v === undefined ? '' : unguardFormula(v.trim());
  }

  columnName(field: Field): string | null {
    const i = this.map[field];
    return i === undefined ? null : (this.header[i] ?? `#${i + 1}`);
  }

  /** Starts a row: issues added until `endRow` mark it bad. A text longer than its form takes is one. */
  startRow(rec: CsvRecord): void {
    this.counters.rows++;
    this.rowBad = false;
    for (const [field, max] of Object.entries(COLUMN_TEXT_MAX) as [Field, number][]) {
      // counted as the forms count (UTF-16 units, as zod does), so what imports can be saved again
      const length = this.cell(rec, field).length;
      if (length > max) this.issue(rec.line, field, 'bad_value', `the text is ${length} characters long; at most ${max}`, { specific: 'too_long', length, max });
    }
  }

  /** True when the row had no issue (and counts a bad one). */
  endRow(): boolean {
    if (this.rowBad) this.counters.invalid++;
    return !this.rowBad;
  }

  get bad(): boolean {
    return this.rowBad;
  }

  /** `message` is English, for the log and the CLI; `params` let the interface say it in the shop's language. */
  issue(line: number, field: Field | null, code: IssueCode, message: string, params?: IssueParams): void {
    this.rowBad = true;
    this.issueCount++;
    if (this.issues.length < this.options.maxIssues) {
      const column = field === null ? null : this.columnName(field);
      this.issues.push(params ? { line, column, code, message, params } : { line, column, code, message });
    }
  }

  /**
   * Something of a good row not taken as written (the row is still imported): listed with the issues,
   * marked as a warning, counted in `issueCount`, the row not counted as invalid.
   */
  warn(line: number, field: Field | null, code: IssueCode, message: string, params: IssueParams): void {
    this.issueCount++;
    if (this.issues.length < this.options.maxIssues) this.issues.push({ line, column: field === null ? null : this.columnName(field), code, message, params, warning: true });
  }

  /** An optional yes/no cell (oui/non, yes/no, 1/0, vrai/faux...); `empty` when empty, null when bad (adds an issue). */
  yesNo(rec: CsvRecord, field: Field, empty: boolean): boolean | null {
    const raw = this.cell(rec, field);
    if (raw === '') return empty;
    const answer = parseYesNo(raw);
    if (answer === null) this.issue(rec.line, field, 'bad_value', `« ${raw} » is not yes or no (yes/no, 1/0, true/false, oui/non, vrai/faux)`, { specific: 'not_yes_no', value: raw });
    return answer;
  }

  /** A required cell: '' adds an issue. */
  required(rec: CsvRecord, field: Field, what: string): string {
    const v = this.cell(rec, field);
    if (v === '') this.issue(rec.line, field, 'required', `${what} is empty`, { specific: 'empty' });
    return v;
  }

  /**
   * An optional quantity (>= 0 unless `allowNegative`); null when empty or bad (bad adds an issue).
   * More than 3 decimals is refused, or rounded to the thousandth with `round` (sales history: a
   * pharmacy's "6.218333333 boxes" is a measurement, not a stock movement).
   */
  quantity(rec: CsvRecord, field: Field, opts: { allowNegative?: boolean; required?: boolean; round?: boolean } = {}): number | null {
    const raw = this.cell(rec, field);
    if (raw === '') {
      if (opts.required) this.issue(rec.line, field, 'required', 'the quantity is empty', { specific: 'empty' });
      return null;
    }
    let q = parseQuantityMilli(raw);
    if (opts.round && 'error' in q && q.error === 'too_precise') q = { milli: Math.round(parseDecimal(raw)! * 1000) };
    if ('error' in q) {
      this.issue(
        rec.line,
        field,
        q.error,
        q.error === 'not_a_number' ? `« ${raw} » is not a quantity` : `« ${raw} » has more than 3 decimals`,
        { specific: q.error === 'not_a_number' ? 'not_quantity' : 'too_precise', value: raw },
      );
      return null;
    }
    if (Math.abs(q.milli) > MAX_QUANTITY * MILLI) {
      // a barcode column taken for the stock: stored, it would break every stock value and no count could undo it
      this.issue(rec.line, field, 'bad_value', `« ${raw} » is more than the largest quantity (${MAX_QUANTITY})`, { specific: 'quantity_too_large', value: raw, max: MAX_QUANTITY });
      return null;
    }
    if (q.milli < 0 && !opts.allowNegative) {
      this.issue(rec.line, field, 'negative', `the quantity ${raw} is negative`, { specific: 'negative_quantity', value: raw });
      return null;
    }
    return q.milli;
  }

  /**
   * Whether `milli` of a product counted in `unit` is whole where it must be (pieces, as at the till);
   * an issue when it is not. A sheet without a unit column makes every product a piece, so the issue
   * says where the unit goes; « 1.500 » may be a thousand and a half written with a thousands point.
   */
  wholePieces(rec: CsvRecord, field: Field, unit: string, milli: number): boolean {
    if (isWholeQuantity(unit, milli)) return true;
    const raw = this.cell(rec, field);
    const specific = /^\d{1,3}[.,]\d{3}$/.test(raw) ? 'part_of_piece_thousands' : 'part_of_piece';
    this.issue(rec.line, field, 'bad_value', `« ${raw} » is part of a piece: type a whole number, or give the product's unit (kg, l, m...) in a unit column`, { specific, value: raw });
    return false;
  }

  /** An optional amount in minor units (>= 0); null when empty or bad. */
  money(rec: CsvRecord, field: Field): number | null {
    const raw = this.cell(rec, field);
    if (raw === '') return null;
    const { currency } = this.options;
    const read = readMoneyMinor(raw, currencyDecimals(currency), currency);
    if ('error' in read) {
      if (read.error === 'other_currency') {
        const shop = CURRENCIES[currency].symbol;
        this.issue(rec.line, field, 'bad_value', `« ${raw} » is not in the shop's currency (${shop}): choose the shop's currency in Settings first, then import again`, {
          specific: 'other_currency',
          value: raw,
          currency: shop,
        });
      } else if (read.error === 'too_precise_amount') {
        this.issue(rec.line, field, 'not_a_number', `« ${raw} » has more decimals than the currency: nothing is rounded`, { specific: 'too_precise_amount', value: raw });
      } else this.issue(rec.line, field, 'not_a_number', `« ${raw} » is not an amount`, { specific: 'not_amount', value: raw });
      return null;
    }
    const minor = read.minor;
    if (minor < 0) {
      this.issue(rec.line, field, 'negative', `the amount ${raw} is negative`, { specific: 'negative_amount', value: raw });
      return null;
    }
    return minor;
  }

  /** An optional date; null when empty or bad. */
  date(rec: CsvRecord, field: Field, opts: { required?: boolean; pastOnly?: boolean } = {}): string | null {
    const raw = this.cell(rec, field);
    if (raw === '') {
      if (opts.required) this.issue(rec.line, field, 'required', 'the date is empty', { specific: 'empty' });
      return null;
    }
    const iso = parseDate(raw);
    if (iso === null) {
      this.issue(rec.line, field, 'bad_date', `« ${raw} » is not a date (expected e.g. 2024-03-05 or 05/03/2024)`, { specific: 'not_date', value: raw });
      return null;
    }
    if (opts.pastOnly && iso > this.options.today) {
      this.issue(rec.line, field, 'future_date', `${iso} is in the future (today is ${this.options.today})`, { specific: 'future_date', date: iso, today: this.options.today });
      return null;
    }
    return iso;
  }
}

/**
 * Takes off the apostrophe that stops a spreadsheet running « =… », « +… », « -… » or « @… » as a
 * formula: one, and only there (before = + - @, or before more apostrophes and one of them: the export
 * guards a text already written « '=… » with one more).
 */
export function unguardFormula(text: string): string {
  return /^'+[=+\-@]/.test(text) ? text.slice(1) : text;
}

const YES = new Set(['oui', 'o', 'yes', 'y', '1', 'vrai', 'true', 'x', 'actif', 'active']);
const NO = new Set(['non', 'n', 'no', '0', 'faux', 'false', 'inactif', 'inactive']);

/** Oui/non, yes/no, 1/0, vrai/faux, true/false (any case, accents ignored); null for anything else. */
export function parseYesNo(raw: string): boolean | null {
  const f = foldForSearch(raw);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return null;
}

/** Product lookup by code: SKU (any case) or barcode. */
export interface KnownProduct {
  id: number;
  priceMinor: number;
  costMinor: number;
  unit: string;
}

export class ProductIndex {
  private readonly bySku = new Map<string, KnownProduct>();
  private readonly byLowerSku = new Map<string, KnownProduct>();
  private readonly byBarcode = new Map<string, KnownProduct>();

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT id, sku, price_minor, cost_minor, unit FROM products').all() as {
      id: number;
      sku: string;
      price_minor: number;
      cost_minor: number;
      unit: string;
    }[];
    const byId = new Map<number, KnownProduct>();
    for (const r of rows) {
      const p = { id: r.id, priceMinor: r.price_minor, costMinor: r.cost_minor, unit: r.unit };
      byId.set(r.id, p);
      this.add(r.sku, p);
    }
    for (const b of db.prepare('SELECT barcode, product_id FROM product_barcodes').all() as { barcode: string; product_id: number }[]) {
      const p = byId.get(b.product_id);
      if (p) this.byBarcode.set(b.barcode, p);
    }
  }

  add(sku: string, p: KnownProduct): void {
    this.bySku.set(sku, p);
    this.byLowerSku.set(sku.toLowerCase(), p);
  }

  find(code: string): KnownProduct | undefined {
    return this.bySku.get(code) ?? this.byLowerSku.get(code.toLowerCase()) ?? this.byBarcode.get(code);
  }
}
