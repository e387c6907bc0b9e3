/**
 * Cell parsers for what shops' spreadsheets contain: decimal comma or point, spaces (also non-breaking)
 * as thousands separators, currency symbols, French day-first dates. Each returns null when the cell
 * is not what the column needs; the caller turns that into an issue naming the line and column.
 */
import type { CurrencyCode } from '../../../shared/domain/money';

const SPACES = /[\s\u00a0\u202f']/g;
const CURRENCY = /(fcfa|cfa|xof|xaf|eur|usd|gnf|fg|mad|dh|f|€|\$)$/i;

/** The currencies a sign or code written with an amount may stand for ("F" and "FCFA": both CFA francs). */
const SIGN_CURRENCIES: Record<string, readonly CurrencyCode[]> = {
  fcfa: ['XOF', 'XAF'],
  cfa: ['XOF', 'XAF'],
  f: ['XOF', 'XAF'],
  xof: ['XOF'],
  xaf: ['XAF'],
  eur: ['EUR'],
  '€': ['EUR'],
  usd: ['USD'],
  $: ['USD'],
  gnf: ['GNF'],
  fg: ['GNF'],
  mad: ['MAD'],
  dh: ['MAD'],
};

/** Integer part written with `sep` between groups of three digits: "1.250.000", "-12,500". */
const grouped = (s: string, sep: string): boolean => new RegExp(`^[-+]?\\d{1,3}(\\${sep}\\d{3})+$`).test(s);

/**
 * A number as written in a sheet, in plain form ("-1250.50"); null when it is not a number. The later
 * of a comma and a point is the decimal separator and the other must group thousands by three
 * ("1.250,50", "1,250.50"); one separator alone is decimal ("2,5", "2.5") unless it appears more than
 * once in groups of three ("1.250.000"). Spaces (also non-breaking) and apostrophes group thousands.
 */
function plainDecimal(raw: string): string | null {
  let s = raw.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return s;
  s = s.replace(SPACES, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) {
    const [decimal, group] = comma > dot ? [comma, '.'] : [dot, ','];
    const int = s.slice(0, decimal);
    if (int.includes(s[decimal]!) || !grouped(int, group)) return null; // "1,2.5,3", "1.25,50"
    s = `${int.split(group).join('')}.${s.slice(decimal + 1)}`;
  } else if (comma !== -1 || dot !== -1) {
    const sep = comma !== -1 ? ',' : '.';
    if (s.indexOf(sep) !== s.lastIndexOf(sep)) {
      if (!grouped(s, sep)) return null; // "1,2,3"
      s = s.split(sep).join('');
    } else s = s.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return s;
}

/** "1 250,5", "1,250.50", "1.250,50", "1.250.000", "12", "-3" -> number; null when it is not a number. */
export function parseDecimal(raw: string): number | null {
  const s = plainDecimal(raw);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** An amount read in minor units, or why it cannot be one. */
export type MoneyReading = { minor: number } | { error: 'not_amount' | 'too_precise_amount' } | { error: 'other_currency'; sign: string };

/**
 * A price: the number without its currency ("1 500 FCFA", "12,50 €", "1.250,50 €"), in minor units of
 * a currency with `decimals` decimals; given the shop's `currency`, another's sign is refused ("1 €" in
 * FCFA). Never rounded: an amount with more (non-zero) decimals than the currency has is refused
 * ("12,505 €", "0,5 FCFA"). For a currency without decimals (FCFA, GNF...),
 * "15.000" and "1.250.000" are thousands (15000, 1250000), as West-African and French sheets write
 * them; for the others « 1.250 » (three digits after a lone separator: thousands or decimals?) is
 * refused rather than guessed. Zeros past the currency's decimals are dropped ("800,00 FCFA" = 800).
 */
export function readMoneyMinor(raw: string, decimals: number, currency?: CurrencyCode): MoneyReading {
  const written = raw.trim().replace(SPACES, '');
  const sign = CURRENCY.exec(written)?.[1];
  // « 1 € » in a shop kept in FCFA is not 1 FCFA: its prices would all be a hundred times too low, for good
  if (sign !== undefined && currency !== undefined && !SIGN_CURRENCIES[sign.toLowerCase()]!.includes(currency)) return { error: 'other_currency', sign };
  const s = written.replace(CURRENCY, '');
  if (decimals === 0 && (grouped(s, '.') || grouped(s, ','))) {
    const n = Number(s.replace(/[.,]/g, ''));
    return Number.isSafeInteger(n) ? { minor: n } : { error: 'not_amount' };
  }
  const plain = plainDecimal(s);
  if (plain === null) return { error: 'not_amount' };
  const negative = plain.startsWith('-');
  const [int = '', frac = ''] = plain.replace(/^[-+]/, '').split('.');
  if (frac.length > decimals) {
    const ambiguous = /^[-+]?\d{1,3}[.,]\d{3}$/.test(s);
    if (ambiguous || !/^0+$/.test(frac.slice(decimals))) return { error: 'too_precise_amount' };
  }
  const minor = Number(`${int === '' ? '0' : int}${frac.slice(0, decimals).padEnd(decimals, '0')}`);
  if (!Number.isSafeInteger(minor)) return { error: 'not_amount' };
  return { minor: negative && minor !== 0 ? -minor : minor };
}

/** readMoneyMinor's amount; null when the cell is not an amount of this currency (see readMoneyMinor). */
export function parseMoneyMinor(raw: string, decimals: number): number | null {
  const r = readMoneyMinor(raw, decimals);
  return 'minor' in r ? r.minor : null;
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

/** Excel's serial of 1970-01-01 in its 1900 date system (serials from 61, 1900-03-01, count days exactly). */
const EXCEL_SERIAL_1970 = 25569;
/**
 * The serials read as dates: 10000 (1927-05-18) to 73415 (2100-12-31). Smaller numbers are refused: a
 * 2- to 4-digit number in a date column is a year or a mistake far more often than a day before 1927.
 */
const EXCEL_SERIAL_MIN = 10000;
const EXCEL_SERIAL_MAX = 73415;

/**
 * "2024-03-05", "2024-03-05 10:12", "05/03/2024", "5-3-24", "05.03.2024", "2024/03/05" -> ISO date.
 * Day first, as in France and West Africa; month first only when the day part cannot be a month.
 * A bare number is an Excel date serial (1900 date system, a fraction being the time of day): what a
 * date cell left in the General format holds, in an .xlsx or in the CSV Excel saves from it ("46074"
 * = 2026-02-21). Other numbers are refused.
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  const serial = /^(\d{5})(?:[.,]\d+)?$/.exec(s);
  if (serial) {
    const n = Number(serial[1]);
    if (n < EXCEL_SERIAL_MIN || n > EXCEL_SERIAL_MAX) return null;
    const d = new Date((n - EXCEL_SERIAL_1970) * 86_400_000);
    return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
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
