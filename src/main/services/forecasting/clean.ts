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
  const byDay = new Map<number, { q: number; bad: boolean; stock: number | null }>();
  let badDates = 0;
  let future = 0;
  let dupes = 0;
  let negatives = 0;
  for (let i = 0; i < s.dates.length; i++) {
    const d = dayNumber(s.dates[i] ?? '');
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
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const start = days[0]!;
  const lastRow = days[days.length - 1]!;
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
