const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO date, or NaN when it is not a real calendar date. */
export function dayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. 1970-01-01 was a Thursday. */
export function dayOfWeek(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** 0..364 position in the year; Feb 29 shares the slot of Feb 28 so years line up. */
export function dayOfYear(day: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const start = Date.UTC(y, 0, 1) / DAY_MS;
  let doy = day - start;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (leap && doy >= 59) doy -= 1;
  return doy;
}
