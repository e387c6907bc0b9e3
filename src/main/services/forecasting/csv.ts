import { dayNumber } from './dates';
import type { ProductForecast, Series } from './types';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * The record that starts on physical line `at` of `lines` (the text split on \n), RFC 4180: fields
 * split on commas; a quoted field may hold commas, doubled quotes and line breaks (formatForecastCsv
 * writes such ids quoted), so a record may run over several lines. A \r ending a line outside quotes
 * is the CRLF line end; inside quotes it is kept. Null when a quoted field is never closed.
 */
function readRecord(lines: string[], at: number): { fields: string[]; next: number } | null {
  let line = lines[at]!;
  if (!line.includes('"')) return { fields: (line.endsWith('\r') ? line.slice(0, -1) : line).split(','), next: at + 1 };
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let ln = at;
  for (;;) {
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else if (!(ch === '\r' && i === line.length - 1)) cur += ch;
    }
    if (!quoted) break;
    if (++ln >= lines.length) return null;
    cur += '\n';
    line = lines[ln]!;
  }
  out.push(cur);
  return { fields: out, next: ln + 1 };
}

/**
 * A quantity as a shop writes it: decimal digits with an optional sign, fraction and exponent
 * (`12`, `-1`, `2.5`, `.5`, `1e3` as spreadsheets export large values). What Number() would also
 * take is not a quantity here: hex/octal/binary literals (`0x10`), `Infinity`, digit separators
 * (`1_000`), an empty cell or junk between digits (`1 2`). Null for those. Spaces around are fine.
 */
function readNumber(cell: string): number | null {
  if (!DECIMAL.test(cell)) return null;
  const x = Number(cell);
  return Number.isFinite(x) ? x : null;
}
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses `item_id,date,qty[,stock]` (header required, columns in any order) into one Series per
 * item, in order of first appearance. Rows may be unsorted or duplicated (see clean.ts); a row
 * that cannot be read (wrong column count, bad date, non-number: see readNumber, a quoted field never
 * closed) throws a CsvError naming the 1-based line (where the record starts) and the column. Empty
 * stock cells mean "unknown stock". Quoted fields follow RFC 4180, line breaks included.
 */
export function parseHistoryCsv(text: string): Series[] {
  const lines = text.split('\n');
  const head = readRecord([(lines[0] ?? '').replace(/^\uFEFF/, '')], 0);
  if (!head) throw new CsvError('line 1: a quoted field in the header is not closed', 1);
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const iId = col('item_id');
  const iDate = col('date');
  const iQty = col('qty');
  const iStock = col('stock');
  for (const [name, idx] of [['item_id', iId], ['date', iDate], ['qty', iQty]] as const) {
    if (idx < 0) throw new CsvError(`line 1: missing column "${name}" in header (need item_id,date,qty[,stock])`, 1, name);
  }
  const byId = new Map<string, Series & { stock: (number | null)[] }>();
  for (let ln = 1; ln < lines.length; ) {
    const lineNo = ln + 1;
    if (lines[ln]!.trim() === '') {
      ln++;
      continue;
    }
    const record = readRecord(lines, ln);
    if (!record) throw new CsvError(`line ${lineNo}: a quoted field opened on this line is never closed`, lineNo);
    ln = record.next;
    const f = record.fields;
    if (f.length !== header.length) {
      throw new CsvError(`line ${lineNo}: expected ${header.length} columns, found ${f.length}`, lineNo);
    }
    const id = f[iId]!.trim();
    if (id === '') throw new CsvError(`line ${lineNo}, column "item_id": empty item id`, lineNo, 'item_id');
    const date = f[iDate]!.trim();
    if (Number.isNaN(dayNumber(date))) {
      throw new CsvError(`line ${lineNo}, column "date": "${date}" is not a date (YYYY-MM-DD)`, lineNo, 'date');
    }
    const qs = f[iQty]!.trim();
    const qty = readNumber(qs);
    if (qty === null) {
      throw new CsvError(`line ${lineNo}, column "qty": "${qs}" is not a number`, lineNo, 'qty');
    }
    let stock: number | null = null;
    if (iStock >= 0) {
      const ss = f[iStock]!.trim();
      if (ss !== '') {
        stock = readNumber(ss);
        if (stock === null) {
          throw new CsvError(`line ${lineNo}, column "stock": "${ss}" is not a number`, lineNo, 'stock');
        }
      }
    }
    let s = byId.get(id);
    if (!s) {
      s = { id, dates: [], qty: [], stock: [] };
      byId.set(id, s);
    }
    s.dates.push(date);
    s.qty.push(qty);
    s.stock.push(stock);
  }
  const out: Series[] = [];
  for (const s of byId.values()) out.push(iStock >= 0 ? s : { id: s.id, dates: s.dates, qty: s.qty });
  return out;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

export function formatForecastCsv(forecasts: ProductForecast[]): string {
  const out = ['item_id,date,p10,p50,p90,method'];
  for (const f of forecasts) {
    const id = csvField(f.id);
    for (let h = 0; h < f.dates.length; h++) {
      out.push(`${id},${f.dates[h]},${num(f.p10[h]!)},${num(f.p50[h]!)},${num(f.p90[h]!)},${f.method}`);
    }
  }
  return out.join('\n') + '\n';
}
