/**
 * When the nightly forecast is due. Pure: everything it needs is passed in. Times are the shop's
 * local wall clock; days are stepped with calendar fields (setDate), never by adding 24 h of
 * milliseconds, so a daylight-saving change cannot shift the run to 01:00 or 03:00.
 */

/** The scheduled run time on `day`'s local calendar date at `hour`:00. */
function atHour(day: Date, hour: number): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, 0);
}

function addLocalDays(d: Date, days: number, hour: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, hour, 0, 0, 0);
}

export function validHour(hour: number): number {
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 2;
}

/** The latest scheduled time at or before `now`. */
export function lastScheduledAt(now: Date, hour: number): Date {
  const h = validHour(hour);
  const today = atHour(now, h);
  return today.getTime() <= now.getTime() ? today : addLocalDays(now, -1, h);
}

/** The first scheduled time strictly after `now`. */
export function nextScheduledAt(now: Date, hour: number): Date {
  const h = validHour(hour);
  const today = atHour(now, h);
  return today.getTime() > now.getTime() ? today : addLocalDays(now, 1, h);
}

export interface ScheduleState {
  /** A run should start now: the last scheduled time passed with no successful run since. */
  due: boolean;
  lastScheduled: Date;
  next: Date;
}

/**
 * `lastSuccess` is when the last successful run started (null: never). A run that started at or
 * after the last scheduled time covers it; anything older (or none) means the shop PC was off or
 * the run failed, and a catch-up is due.
 */
export function scheduleState(now: Date, hour: number, lastSuccess: Date | null): ScheduleState {
  const lastScheduled = lastScheduledAt(now, hour);
  const due = lastSuccess === null || lastSuccess.getTime() < lastScheduled.getTime();
  return { due, lastScheduled, next: nextScheduledAt(now, hour) };
}
