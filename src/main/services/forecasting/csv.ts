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

function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
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
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parses `item_id,date,qty[,stock]` (header required, columns in any order) into one Series per
 * item, in order of first appearance. Rows may be unsorted or duplicated (see clean.ts); a row
 * that cannot be read (wrong column count, bad date, non-number) throws a CsvError naming the
 * 1-based line and the column. Empty stock cells mean "unknown stock".
 */
export function parseHistoryCsv(text: string): Series[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine((lines[0] ?? '').replace(/^\uFEFF/, '')).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const iId = col('item_id');
  const iDate = col('date');
  const iQty = col('qty');
  const iStock = col('stock');
  for (const [name, idx] of [['item_id', iId], ['date', iDate], ['qty', iQty]] as const) {
    if (idx < 0) throw new CsvError(`line 1: missing column "${name}" in header (need item_id,date,qty[,stock])`, 1, name);
  }
  const byId = new Map<string, Series & { stock: (number | null)[] }>();
  for (let ln = 1; ln < lines.length; ln++) {
    const raw = lines[ln]!;
    if (raw.trim() === '') continue;
    const lineNo = ln + 1;
    const f = splitCsvLine(raw);
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
    const qty = Number(qs);
    if (qs === '' || !Number.isFinite(qty)) {
      throw new CsvError(`line ${lineNo}, column "qty": "${qs}" is not a number`, lineNo, 'qty');
    }
    let stock: number | null = null;
    if (iStock >= 0) {
      const ss = f[iStock]!.trim();
      if (ss !== '') {
        stock = Number(ss);
        if (!Number.isFinite(stock)) {
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
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
