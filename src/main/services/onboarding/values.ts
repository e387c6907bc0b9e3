/**
 * Cell parsers for what shops' spreadsheets contain: decimal comma or point, spaces (also non-breaking)
 * as thousands separators, currency symbols, French day-first dates. Each returns null when the cell
 * is not what the column needs; the caller turns that into an issue naming the line and column.
 */

const SPACES = /[\s\u00a0\u202f']/g;
const CURRENCY = /(fcfa|cfa|xof|xaf|eur|usd|gnf|mad|dh|f|€|\$)$/i;

/** "1 250,5", "1,250.50", "12", "-3" -> number; null when it is not a number. */
export function parseDecimal(raw: string): number | null {
  let s = raw.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  s = s.replace(SPACES, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) {
    // the later one is the decimal separator, the other groups thousands
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma !== -1) {
    if (s.indexOf(',') !== comma) return null; // "1,2,3"
    s = s.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A price: the number without its currency ("1 500 FCFA", "12,50 €"), in minor units (rounded). */
export function parseMoneyMinor(raw: string, decimals: number): number | null {
  const s = raw.trim().replace(SPACES, '').replace(CURRENCY, '');
  const n = parseDecimal(s);
  if (n === null) return null;
  return Math.round(n * 10 ** decimals);
}

/** VAT: "18 %", "18", "0,18", "5.5" -> basis points (1800 = 18 %). */
export function parseVatBp(raw: string): number | null {
  const n = parseDecimal(raw.replace('%', ''));
  if (n === null || n < 0) return null;
  const pct = n > 0 && n < 1 && !raw.includes('%') ? n * 100 : n;
  return pct > 100 ? null : Math.round(pct * 100);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * "2024-03-05", "2024-03-05 10:12", "05/03/2024", "5-3-24", "05.03.2024", "2024/03/05" -> ISO date.
 * Day first, as in France and West Africa; month first only when the day part cannot be a month.
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  if (s.length === 10 && s[4] === '-' && s[7] === '-') {
    return isoOf(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
  }
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T].*)?$/.exec(s);
  if (!m) return null;
  let a = Number(m[1]);
  let b = Number(m[2]);
  const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (b > 12 && a <= 12) [a, b] = [b, a];
  return isoOf(y, b, a);
}

/** A quantity in exact thousandths; a reason when it is not one. */
export function parseQuantityMilli(raw: string): { milli: number } | { error: 'not_a_number' | 'too_precise' } {
  const s = raw.trim();
  if (/^\d{1,12}$/.test(s)) return { milli: Number(s) * 1000 };
  const n = parseDecimal(s);
  if (n === null) return { error: 'not_a_number' };
  const milli = Math.round(n * 1000);
  if (Math.abs(milli - n * 1000) > 1e-6) return { error: 'too_precise' };
  return { milli };
}
