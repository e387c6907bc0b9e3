import type { DailySeries } from './clean';
import { dayNumber, isoDate } from './dates';

/**
 * Shop-wide closure days (Christmas, New Year, a stock-take): days on which the whole shop sold
 * almost nothing while the same weekday of the surrounding weeks sold plenty. They say nothing
 * about demand, so every product's value on such a day becomes unknown (NaN) — like a stock-out —
 * instead of a zero that would drag the smoothed level down and inflate the backtest errors the
 * prediction band is sized from. Forecasts are for open days.
 */

/** A day is a closure when the shop total is below this share of the usual total for that weekday. */
const CLOSED_SHARE = 0.1;
/** ... and the usual total is at least this many units (a 0 then has Poisson probability < e^-20). */
const MIN_USUAL = 20;
/** Same weekday in this many weeks either side gives the "usual" total (their median). */
const WEEKS = 4;

/** The first and last day any series covers (Infinity/-Infinity when all are empty). */
function daySpan(items: DailySeries[]): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const it of items) {
    if (it.y.length === 0) continue;
    first = Math.min(first, it.start);
    last = Math.max(last, it.start + it.y.length - 1);
  }
  return { first, last };
}

export function markClosures(items: DailySeries[]): number[] {
  if (items.length === 0) return [];
  const { first, last } = daySpan(items);
  if (!Number.isFinite(first)) return [];
  const D = last - first + 1;
  const total = new Float64Array(D);
  const known = new Uint8Array(D);
  for (const it of items) {
    const off = it.start - first;
    for (let t = 0; t < it.y.length; t++) {
      const v = it.y[t]!;
      if (Number.isNaN(v)) continue;
      total[off + t] = total[off + t]! + v;
      known[off + t] = 1;
    }
  }
  const closed: number[] = [];
  const ref: number[] = [];
  for (let d = 0; d < D; d++) {
    if (!known[d]) continue;
    ref.length = 0;
    for (let k = -WEEKS; k <= WEEKS; k++) {
      const e = d + 7 * k;
      if (k === 0 || e < 0 || e >= D || !known[e]) continue;
      ref.push(total[e]!);
    }
    if (ref.length < 3) continue;
    ref.sort((a, b) => a - b);
    const m = ref.length >> 1;
    const usual = ref.length % 2 ? ref[m]! : (ref[m - 1]! + ref[m]!) / 2;
    if (usual >= MIN_USUAL && total[d]! < CLOSED_SHARE * usual) closed.push(d);
  }
  for (const d of closed) {
    for (const it of items) {
      const t = first + d - it.start;
      if (t >= 0 && t < it.y.length) it.y[t] = NaN;
    }
  }
  return closed.map((d) => first + d);
}

/**
 * Dates the shop is expected to be closed on: the same calendar date (month-day) was a closure
 * day in each of the last years the shop's history covers that date, at least twice (a pharmacy's
 * Jan 1, Jan 7 and Dec 19). Movable holidays (Easter) do not recur by date and are not predicted.
 * Returns a test for future day numbers.
 */
export function recurringClosures(items: DailySeries[], closed: number[]): (day: number) => boolean {
  if (closed.length < 2) return () => false;
  const { first, last } = daySpan(items);
  const closedSet = new Set(closed);
  const cache = new Map<number, boolean>();
  return (day: number): boolean => {
    let known = cache.get(day);
    if (known === undefined) {
      const iso = isoDate(day);
      const md = iso.slice(5);
      let years = 0;
      known = true;
      for (let y = Number(iso.slice(0, 4)) - 1; years < RECUR_YEARS && y > 1900; y--) {
        const d = dayNumber(`${y}-${md}`);
        if (Number.isNaN(d) || isoDate(d).slice(5) !== md) continue; // Feb 29 in a common year
        if (d < first) break;
        if (d > last) continue;
        years++;
        if (!closedSet.has(d)) {
          known = false;
          break;
        }
      }
      if (years < 2) known = false;
      cache.set(day, known);
    }
    return known;
  };
}
/** Years looked back on for a recurring closure date. */
const RECUR_YEARS = 3;
