// Calendar arithmetic without Date objects: the engine calls these once per product-day.

const DAY_MS = 86_400_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a civil date (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year of a day number (Hinnant's civil_from_days, year part). */
function yearOf(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Days since 1970-01-01 for an ISO date 'YYYY-MM-DD', or NaN when it is not a real calendar date. */
export function dayNumber(iso: string): number {
  return iso.length === 10 ? dayNumberAt(iso, 0) : NaN;
}

/** dayNumber of the 10 characters of `s` from `at` (no substring made). */
function dayNumberAt(s: string, at: number): number {
  if (s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return NaN;
  let y = 0;
  for (let i = at; i < at + 4; i++) {
    const c = digit(s, i);
    if (!(c >= 0 && c <= 9)) return NaN;
    y = y * 10 + c;
  }
  const m1 = digit(s, at + 5);
  const m2 = digit(s, at + 6);
  const d1 = digit(s, at + 8);
  const d2 = digit(s, at + 9);
  if (!(m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return NaN;
  const maxDay = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
  if (d > maxDay) return NaN;
  return daysFromCivil(y, m, d);
}

/**
 * Day numbers of comma-joined ISO dates ('2024-01-01,2024-01-02', as SQLite's group_concat gives
 * them), without making a string per date; NaN for an entry that is not a date.
 */
export function dayList(joined: string): Float64Array {
  if (joined === '') return new Float64Array(0);
  const n = (joined.length + 1) / 11;
  let fixed = Number.isInteger(n);
  for (let i = 10; fixed && i < joined.length; i += 11) fixed = joined.charCodeAt(i) === 44;
  if (!fixed) return Float64Array.from(joined.split(','), dayNumber);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = dayNumberAt(joined, k * 11);
  return out;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. 1970-01-01 was a Thursday. */
export function dayOfWeek(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

// Lookup tables for 1900..2199, built on first use (the profiles ask for every product-day).
const TABLE_FROM = -25567;
const TABLE_LEN = 109574;

function lazyTable<T extends Int16Array | Int8Array>(make: (n: number) => T, compute: (day: number) => number): () => T {
  let table: T | null = null;
  return () => {
    if (!table) {
      table = make(TABLE_LEN);
      for (let i = 0; i < TABLE_LEN; i++) table[i] = compute(i + TABLE_FROM);
    }
    return table;
  };
}

const doyTable = lazyTable((n) => new Int16Array(n), computeDayOfYear);
const domTable = lazyTable((n) => new Int8Array(n), computeDayOfMonth);

/** 0..364 position in the year; Feb 29 shares the slot of Feb 28 so years line up. */
export function dayOfYear(day: number): number {
  const k = day - TABLE_FROM;
  return k >= 0 && k < TABLE_LEN ? doyTable()[k]! : computeDayOfYear(day);
}

/** dayOfYear for days start..start+n-1 in one call (a view into the table when possible). */
export function dayOfYearRange(start: number, n: number): Int16Array {
  const k = start - TABLE_FROM;
  if (k >= 0 && k + n <= TABLE_LEN) return doyTable().subarray(k, k + n);
  return Int16Array.from({ length: n }, (_, i) => computeDayOfYear(start + i));
}

/** 1..31, the day of the month. */
export function dayOfMonth(day: number): number {
  const k = day - TABLE_FROM;
  return k >= 0 && k < TABLE_LEN ? domTable()[k]! : computeDayOfMonth(day);
}

function computeDayOfMonth(day: number): number {
  const y = yearOf(day);
  let rest = day - daysFromCivil(y, 1, 1);
  for (let m = 0; m < 12; m++) {
    const len = m === 1 && isLeap(y) ? 29 : MONTH_DAYS[m]!;
    if (rest < len) return rest + 1;
    rest -= len;
  }
  return 31;
}

function computeDayOfYear(day: number): number {
  const y = yearOf(day);
  let doy = day - daysFromCivil(y, 1, 1);
  if (isLeap(y) && doy >= 59) doy -= 1;
  return doy;
}


