import { dayNumber } from './dates';
import type { Series } from './types';

/** A product's history on a contiguous daily grid. */
export interface DailySeries {
  id: string;
  /** Day number (days since 1970-01-01) of y[0]. */
  start: number;
  /** Demand per day; NaN = unknown (out of stock, or an unreadable value). */
  y: Float64Array;
}

/**
 * Puts raw rows on a daily grid. Documented behaviour for awkward input:
 * - unsorted rows are sorted; rows on the same date are summed (a sale and a return net out);
 * - missing dates between the first and last row are days without sales (0), except when the
 *   carried-forward stock is <= 0, which makes them unknown;
 * - negative daily totals (returns exceeding sales) count as 0 demand;
 * - a non-finite quantity makes that day unknown rather than zero;
 * - a day with end-of-day stock <= 0 and no sale is unknown demand (stock-out), not zero;
 * - rows with an invalid date, or after `asOf` (future), are dropped with a warning;
 * - with `extendTo` (the nightly run passes yesterday, the last whole day), days after the last
 *   row up to it are days without sales (or unknown while the carried stock is <= 0), so every
 *   product's forecast starts the day after it (today), however long ago it last sold;
 * - an empty result (no valid rows) yields null.
 */
export function toDaily(s: Series, asOf: number | undefined, warnings: string[], extendTo?: number): DailySeries | null {
  const days = s.days ?? parsedDays(s.dates);
  const fast = sortedPath(s, days, asOf, extendTo);
  if (fast) return fast;
  const byDay = new Map<number, { q: number; bad: boolean; stock: number | null }>();
  let badDates = 0;
  let future = 0;
  let dupes = 0;
  let negatives = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (Number.isNaN(d)) {
      badDates++;
      continue;
    }
    if (asOf !== undefined && d > asOf) {
      future++;
      continue;
    }
    const q = s.qty[i];
    const st = s.stock?.[i];
    const prev = byDay.get(d);
    const finite = typeof q === 'number' && Number.isFinite(q);
    if (prev) {
      dupes++;
      if (finite) prev.q += q;
      else prev.bad = true;
      if (st !== undefined && st !== null && Number.isFinite(st)) prev.stock = st;
    } else {
      byDay.set(d, {
        q: finite ? q : 0,
        bad: !finite,
        stock: st !== undefined && st !== null && Number.isFinite(st) ? st : null,
      });
    }
  }
  if (badDates) warnings.push(`${s.id}: ${badDates} row(s) with an invalid date ignored`);
  if (future) warnings.push(`${s.id}: ${future} row(s) dated in the future ignored`);
  if (dupes) warnings.push(`${s.id}: ${dupes} duplicated date(s) summed`);
  if (byDay.size === 0) return null;
  const sorted = [...byDay.keys()].sort((a, b) => a - b);
  const start = sorted[0]!;
  const lastRow = sorted[sorted.length - 1]!;
  const n = Math.max(lastRow, extendTo ?? lastRow) - start + 1;
  const y = new Float64Array(n);
  let stock: number | null = null;
  for (let t = 0; t < n; t++) {
    const row = byDay.get(start + t);
    if (row) {
      if (row.stock !== null) stock = row.stock;
      if (row.bad) {
        y[t] = NaN;
        continue;
      }
      let q = row.q;
      if (q < 0) {
        negatives++;
        q = 0;
      }
      y[t] = q === 0 && stock !== null && stock <= 0 ? NaN : q;
    } else {
      y[t] = stock !== null && stock <= 0 ? NaN : 0;
    }
  }
  if (negatives) warnings.push(`${s.id}: ${negatives} day(s) with net returns counted as 0 demand`);
  return { id: s.id, start, y };
}

/** Products exported together usually share one dates array; parse it once. */
const parseCache = new WeakMap<string[], Float64Array>();

function parsedDays(dates: string[]): Float64Array {
  let days = parseCache.get(dates);
  if (!days) {
    days = Float64Array.from(dates, (d) => dayNumber(d ?? ''));
    parseCache.set(dates, days);
  }
  return days;
}

/**
 * The common case without the map: rows one per day and ascending (the shop database, most CSV
 * exports), gaps and a stock column allowed, under the same rules as the general path above. Null
 * when any other rule could apply: unsorted, duplicated, invalid or future dates, a negative or
 * non-finite quantity.
 */
function sortedPath(s: Series, days: Float64Array, asOf: number | undefined, extendTo: number | undefined): DailySeries | null {
  const n = days.length;
  if (n === 0 || s.qty.length !== n || (s.stock && s.stock.length !== n)) return null;
  const start = days[0]!;
  const lastRow = days[n - 1]!;
  if (!(start <= lastRow) || (asOf !== undefined && lastRow > asOf)) return null;
  const y = new Float64Array(Math.max(lastRow, extendTo ?? lastRow) - start + 1);
  let stock: number | null = null;
  let t = 0; // the first grid day not filled yet
  for (let i = 0; i < n; i++) {
    const d = days[i]! - start;
    const q = s.qty[i]!;
    if (!(d >= t) || !(q >= 0) || !Number.isFinite(q)) return null;
    // days without a row: no sale, or unknown while the carried stock is <= 0
    const gap = stock !== null && stock <= 0 ? NaN : 0;
    for (; t < d; t++) y[t] = gap;
    const st = s.stock?.[i];
    if (st !== undefined && st !== null && Number.isFinite(st)) stock = st;
    y[d] = q === 0 && stock !== null && stock <= 0 ? NaN : q;
    t = d + 1;
  }
  const tail = stock !== null && stock <= 0 ? NaN : 0;
  for (; t < y.length; t++) y[t] = tail;
  return { id: s.id, start, y };
}
