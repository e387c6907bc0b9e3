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
 * - with `extendTo` (the nightly run's "today"), days after the last row up to it are days
 *   without sales (or unknown while the carried stock is <= 0), so forecasts start tomorrow;
 * - an empty result (no valid rows) yields null.
 */
export function toDaily(s: Series, asOf: number | undefined, warnings: string[], extendTo?: number): DailySeries | null {
  const days = parsedDays(s.dates);
  const fast = fastPath(s, days, asOf, extendTo);
  if (fast) return fast;
  const byDay = new Map<number, { q: number; bad: boolean; stock: number | null }>();
  let badDates = 0;
  let future = 0;
  let dupes = 0;
  let negatives = 0;
  for (let i = 0; i < s.dates.length; i++) {
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
 * The common case (one row per day, ascending, no stock column, nothing negative or non-finite,
 * nothing in the future) without the map; null when any rule of the slow path could apply.
 */
function fastPath(s: Series, days: Float64Array, asOf: number | undefined, extendTo: number | undefined): DailySeries | null {
  const n = days.length;
  if (n === 0 || s.stock || s.qty.length !== n) return null;
  const start = days[0]!;
  if (Number.isNaN(start) || days[n - 1] !== start + n - 1) return null;
  if (asOf !== undefined && days[n - 1]! > asOf) return null;
  const last = Math.max(start + n - 1, extendTo ?? 0);
  const y = new Float64Array(last - start + 1);
  for (let i = 0; i < n; i++) {
    const q = s.qty[i]!;
    if (days[i] !== start + i || !(q >= 0) || !Number.isFinite(q)) return null;
    y[i] = q;
  }
  return { id: s.id, start, y };
}
