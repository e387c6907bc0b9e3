/** The latest local hour a shop's business day may end at (a pharmacie de garde, a bar). */
export const MAX_DAY_END_HOUR = 6;

/**
 * Business dates are local days 'YYYY-MM-DD' (the shop's day, not UTC). A shop open past midnight
 * ends its day at `dayEndHour` (0..6) the next morning: a sale at 01:30 with a day ending at 03:00
 * belongs to the day before, with the rest of that night's takings and its cash count.
 */
export function businessDate(at: Date, dayEndHour = 0): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  const date = `${y}-${m}-${d}`;
  return at.getHours() < dayEndHour ? addDays(date, -1) : date;
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day (YYYY-MM-DD) or a moment (ISO timestamp) as the shop reads dates: 30/11/2026 in either
 * language (the renderer shows the same form, so a text from main matches the tables around it).
 */
export function shortDate(value: string, locale: string): string {
  // a bare day is a calendar date, not a moment: read at noon UTC so no time zone moves it
  if (ISO_DATE.test(value)) return dayFormat(locale, 'UTC').format(new Date(`${value}T12:00:00Z`));
  return dayFormat(locale, undefined).format(new Date(value));
}

// Building a formatter costs ~100x formatting with one, and a forecast run explains every product.
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, timeZone: 'UTC' | undefined): Intl.DateTimeFormat {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const key = `${tag}|${timeZone ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, timeZone ? { timeZone } : {});
    formats.set(key, f);
  }
  return f;
}

/** A moment's time of day as the shop reads it, to the minute: 18:05 in either language. */
export function shortTime(iso: string, locale: string): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  let f = formats.get(`${tag}|time`);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
    formats.set(`${tag}|time`, f);
  }
  return f.format(new Date(iso));
}

/** A calendar day that exists: 2026-02-31 matches YYYY-MM-DD but is no date. */
export function isRealDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
