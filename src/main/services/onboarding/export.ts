import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { businessDate } from '../../../shared/domain/dates';
import { currencyDecimals, lineAmount, type CurrencyCode } from '../../../shared/domain/money';
import { unitName } from '../../../shared/domain/quantity';
import { netContentText, storedNetContent } from '../../../shared/domain/net-content';
import type { MovementKind } from '../../../shared/domain/movement';
import { movementKindWords, movementReasonWords, movementReferenceWords } from '../../../shared/domain/movement-words';
import type { Locale } from '../../../shared/domain/settings';
import { shopDay } from '../shop-day';

export type ExportWhat = 'products' | 'stock' | 'ledger';
export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  what: ExportWhat;
  format: ExportFormat;
  /** Ledger only: business dates, both included. */
  from?: string;
  to?: string;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes. */
  base64: string;
  /** Data rows (header excluded). */
  rows: number;
}

/** A ledger export stops here: a longer one is refused with a clear message (pick a shorter range). */
export const MAX_EXPORT_ROWS = 1_000_000;

type Cell = { text: string } | { num: number; decimals: number } | null;
const text = (v: string | null | undefined): Cell => ({ text: v ?? '' });
const num = (n: number, decimals: number): Cell => ({ num: n, decimals });

interface Column {
  fr: string;
  en: string;
  width: number;
}

const PRODUCT_COLUMNS: Column[] = [
  { fr: 'Référence', en: 'SKU', width: 14 },
  { fr: 'Désignation', en: 'Name', width: 36 },
  { fr: 'Catégorie', en: 'Category', width: 18 },
  { fr: 'Code-barres', en: 'Barcode', width: 16 },
  { fr: 'Unité', en: 'Unit', width: 8 },
  { fr: 'Prix de vente', en: 'Price', width: 12 },
  { fr: "Prix d'achat", en: 'Cost', width: 12 },
  { fr: 'TVA', en: 'VAT', width: 6 },
  { fr: 'Fournisseur', en: 'Supplier', width: 22 },
  { fr: 'Colisage', en: 'Pack size', width: 9 },
  { fr: 'Minimum de commande', en: 'Min order', width: 10 },
  { fr: 'Délai de livraison', en: 'Lead time', width: 9 },
  { fr: 'Stock', en: 'Stock', width: 10 },
  { fr: 'Actif', en: 'Active', width: 6 },
  { fr: 'Suivi péremption', en: 'Tracks expiry', width: 9 },
  { fr: 'Contenance', en: 'Net content', width: 10 },
];

const STOCK_COLUMNS: Column[] = [
  { fr: 'Référence', en: 'SKU', width: 14 },
  { fr: 'Désignation', en: 'Name', width: 36 },
  { fr: 'Catégorie', en: 'Category', width: 18 },
  { fr: 'Unité', en: 'Unit', width: 8 },
  { fr: 'Stock', en: 'On hand', width: 10 },
  { fr: "Prix d'achat", en: 'Unit cost', width: 12 },
  { fr: 'Valeur du stock', en: 'Stock value', width: 14 },
];

const LEDGER_COLUMNS: Column[] = [
  { fr: 'Date', en: 'Date', width: 11 },
  { fr: 'Heure', en: 'Time', width: 9 },
  { fr: 'Référence', en: 'SKU', width: 14 },
  { fr: 'Désignation', en: 'Name', width: 32 },
  { fr: 'Mouvement', en: 'Movement', width: 18 },
  { fr: 'Quantité', en: 'Quantity', width: 10 },
  { fr: "Prix d'achat", en: 'Unit cost', width: 12 },
  { fr: 'Prix de vente', en: 'Unit price', width: 12 },
  { fr: 'Motif', en: 'Reason', width: 20 },
  { fr: 'Pièce', en: 'Reference', width: 18 },
  { fr: 'Lot', en: 'Lot', width: 10 },
  { fr: 'Péremption', en: 'Expiry', width: 11 },
  { fr: 'Utilisateur', en: 'User', width: 14 },
];

const FILE_STEM: Record<Locale, Record<ExportWhat, string>> = {
  fr: { products: 'produits', stock: 'stock', ledger: 'mouvements' },
  en: { products: 'products', stock: 'stock', ledger: 'ledger' },
};

/** A number as a CSV cell: no grouping, trailing zeros of quantities dropped, a comma in French. */
export function formatNumber(n: number, decimals: number, locale: Locale, trim = false): string {
  let s = n.toFixed(decimals);
  if (trim && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return locale === 'fr' ? s.replace('.', ',') : s;
}

/**
 * A text already starting with apostrophes before = + - @ gets one more: the import takes one off there
 * (the guard below), so it reads the text back as it was. For CSV and .xlsx alike.
 */
function keepApostrophes(s: string): string {
  return /^'+[=+\-@]/.test(s) ? `'${s}` : s;
}

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : keepApostrophes(s);
}

function csvField(s: string, delimiter: string): string {
  return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replaceAll('"', '""')}"` : s;
}

interface Sheet {
  columns: Column[];
  rows: Iterable<Cell[]>;
}

/**
 * Exports for the shop's accountant or spreadsheet: products, stock on hand with its value at cost,
 * and the ledger's movements over a range of dates, as CSV (UTF-8 with a BOM so Excel reads the
 * accents; « ; » and a decimal comma in French, « , » and a point in English) or .xlsx (streamed
 * with exceljs, numbers as numbers). Products exported in French or English import back as they are.
 */
export class ExportService {
  constructor(
    private readonly db: Database.Database,
    private readonly tempFolder: string,
    private readonly settings: () => { locale: Locale; currency: string },
    private readonly now: () => Date,
  ) {}

  async export(request: ExportRequest, localeOverride?: Locale): Promise<ExportFile> {
    const { currency } = this.settings();
    const locale = localeOverride ?? this.settings().locale;
    const decimals = currencyDecimals(currency as CurrencyCode);
    const today = shopDay(this.db, this.now());
    let sheet: Sheet;
    let stem = `${FILE_STEM[locale][request.what]}-${today}`;
    if (request.what === 'products') sheet = this.products(decimals, locale);
    else if (request.what === 'stock') sheet = this.stock(decimals, locale);
    else {
      const from = request.from ?? today;
      const to = request.to ?? today;
      if (from > to) throw new AppError('validation', `from: the first day (${from}) is after the last (${to})`, 'from', { reason: 'export_range_reversed', from, to });
      const count = (this.db.prepare('SELECT count(*) FROM movements WHERE business_date BETWEEN ? AND ?').pluck().get(from, to) as number) ?? 0;
      if (count > MAX_EXPORT_ROWS) {
        throw new AppError('validation', `${count} movements between ${from} and ${to}: export ${MAX_EXPORT_ROWS} at most at a time (pick a shorter range)`, 'from', {
          reason: 'export_too_many',
          count,
          from,
          to,
          max: MAX_EXPORT_ROWS,
        });
      }
      sheet = this.ledger(from, to, decimals, locale);
      stem = `${FILE_STEM[locale].ledger}-${from}_${to}`;
    }
    if (request.format === 'csv') {
      const { bytes, rows } = this.toCsv(sheet, locale);
      return { fileName: `${stem}.csv`, mimeType: 'text/csv;charset=utf-8', base64: bytes.toString('base64'), rows };
    }
    const { bytes, rows } = await this.toXlsx(sheet, locale, FILE_STEM[locale][request.what]);
    return { fileName: `${stem}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64'), rows };
  }

  private products(decimals: number, locale: Locale): Sheet {
    const stmt = this.db.prepare(
      `SELECT p.sku, p.name, p.category, p.unit, p.price_minor, p.cost_minor, p.vat_rate_bp, s.name AS supplier,
              p.pack_size_milli, p.min_order_milli, p.lead_time_days, p.active, p.tracks_expiry, p.net_content_milli, p.net_content_unit,
              COALESCE(st.on_hand_milli, 0) AS on_hand,
              (SELECT group_concat(barcode, ' ') FROM product_barcodes b WHERE b.product_id = p.id) AS barcodes
       FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id LEFT JOIN stock st ON st.product_id = p.id
       ORDER BY p.name COLLATE NOCASE, p.id`,
    );
    type R = Record<string, string & number>;
    return {
      columns: PRODUCT_COLUMNS,
      rows: (function* () {
        for (const r of stmt.iterate() as Iterable<R>) {
          const content = storedNetContent(r.net_content_milli, r.net_content_unit);
          yield [
            text(r.sku),
            text(r.name),
            text(r.category),
            text(r.barcodes),
            text(unitName(r.unit, locale)),
            num(r.price_minor / 10 ** decimals, decimals),
            num(r.cost_minor / 10 ** decimals, decimals),
            num(r.vat_rate_bp / 100, 2),
            text(r.supplier),
            num(r.pack_size_milli / 1000, 3),
            num(r.min_order_milli / 1000, 3),
            num(r.lead_time_days, 0),
            num(r.on_hand / 1000, 3),
            num(r.active ? 1 : 0, 0),
            num(r.tracks_expiry ? 1 : 0, 0),
            text(content === null ? '' : netContentText(content, locale)),
          ];
        }
      })(),
    };
  }

  private stock(decimals: number, locale: Locale): Sheet {
    const stmt = this.db.prepare(
      `SELECT p.sku, p.name, p.category, p.unit, p.cost_minor, COALESCE(s.on_hand_milli, 0) AS milli
       FROM products p LEFT JOIN stock s ON s.product_id = p.id
       WHERE p.active = 1 ORDER BY p.name COLLATE NOCASE, p.id`,
    );
    type R = Record<string, string & number>;
    return {
      columns: STOCK_COLUMNS,
      rows: (function* () {
        for (const r of stmt.iterate() as Iterable<R>) {
          yield [
            text(r.sku),
            text(r.name),
            text(r.category),
            text(unitName(r.unit, locale)),
            num(r.milli / 1000, 3),
            num(r.cost_minor / 10 ** decimals, decimals),
            num(lineAmount(r.milli, r.cost_minor) / 10 ** decimals, decimals),
          ];
        }
      })(),
    };
  }

  private ledger(from: string, to: string, decimals: number, locale: Locale): Sheet {
    const stmt = this.db.prepare(
      `SELECT m.business_date, m.occurred_at, p.sku, p.name, m.kind, m.qty_milli, m.unit_cost_minor, m.unit_price_minor,
              m.reason, m.reference, m.lot, m.expiry, u.name AS user
       FROM movements m JOIN products p ON p.id = m.product_id LEFT JOIN users u ON u.id = m.user_id
       WHERE m.business_date BETWEEN ? AND ? ORDER BY m.business_date, m.id`,
    );
    type R = Record<string, string & number>;
    return {
      columns: LEDGER_COLUMNS,
      rows: (function* () {
        for (const r of stmt.iterate(from, to) as Iterable<R>) {
          const at = new Date(r.occurred_at);
          let time = Number.isNaN(at.getTime()) ? '' : `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
          // after midnight in a day that ends later (Settings): the calendar day is said, or 01:30 would
          // read as that morning, before the evening's movements above it
          const calendar = time && businessDate(at);
          if (calendar && calendar !== r.business_date) time = `${time} (${calendar.slice(8, 10)}/${calendar.slice(5, 7)})`;
          yield [
            text(r.business_date),
            text(time),
            text(r.sku),
            text(r.name),
            text(movementKindWords(r.kind as MovementKind, locale)),
            num(r.qty_milli / 1000, 3),
            num(r.unit_cost_minor / 10 ** decimals, decimals),
            num(r.unit_price_minor / 10 ** decimals, decimals),
            // in the shop's words, as the stock's movements screen says them: « Abîmé / cassé : sac percé »
            // for 'damaged: sac percé', « Inventaire INV-00001 » for 'stock count INV-00001'
            text(movementReasonWords(r.kind as MovementKind, r.reason, locale)),
            text(movementReferenceWords(r.reference, locale)),
            text(r.lot),
            text(r.expiry),
            text(r.user),
          ];
        }
      })(),
    };
  }

  private toCsv(sheet: Sheet, locale: Locale): { bytes: Buffer; rows: number } {
    const d = locale === 'fr' ? ';' : ',';
    const lines: string[] = [sheet.columns.map((c) => csvField(c[locale], d)).join(d)];
    for (const row of sheet.rows) {
      lines.push(
        row
          .map((c) => {
            if (c === null) return '';
            if ('text' in c) return csvField(safeText(c.text), d);
            return formatNumber(c.num, c.decimals, locale, c.decimals === 3);
          })
          .join(d),
      );
    }
    return { bytes: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'), rows: lines.length - 1 };
  }

  private async toXlsx(sheet: Sheet, locale: Locale, name: string): Promise<{ bytes: Buffer; rows: number }> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    mkdirSync(this.tempFolder, { recursive: true });
    const file = join(this.tempFolder, `${randomBytes(12).toString('hex')}.xlsx`);
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c) => ({ header: c[locale], width: c.width }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      let rows = 0;
      for (const row of sheet.rows) {
        const r = ws.addRow(row.map((c) => (c === null ? null : 'text' in c ? keepApostrophes(c.text) : c.num)));
        row.forEach((c, i) => {
          if (c !== null && 'num' in c && c.decimals > 0) r.getCell(i + 1).numFmt = c.decimals === 3 ? '0.###' : `0.${'0'.repeat(c.decimals)}`;
        });
        r.commit();
        rows++;
      }
      ws.commit();
      await wb.commit();
      return { bytes: readFileSync(file), rows };
    } finally {
      rmSync(file, { force: true });
    }
  }
}
