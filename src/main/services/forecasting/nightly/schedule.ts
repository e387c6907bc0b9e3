/**
 * When the nightly forecast is due. Pure: everything it needs is passed in. Times are the shop's
 * local wall clock; days are stepped with calendar fields (setDate), never by adding 24 h of
 * milliseconds, so a daylight-saving change cannot shift the run to 01:00 or 03:00.
 */
import { businessDate } from '../../../../shared/domain/dates';

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
  /** A run should start now: the last scheduled time passed and no successful run covers it. */
  due: boolean;
  lastScheduled: Date;
  next: Date;
}

/** A last success this far ahead of now is a clock that ran ahead, not a run. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * `lastSuccess` is when the last successful run started (null: never). One run per business day is
 * enough: the last scheduled slot is covered by a run that started at or after it, or earlier on the
 * slot's own business day (today's 02:00 run still covers the slot when the hour is moved to 08:00
 * after it; with the day ending at 04:00, a catch-up at 01:00 belongs to the day before and does not
 * cover 05:00, whose run is the first to see that day's sales). A run on an earlier day does not (a
 * manual run at 22:00 does not cover the next night's 02:00), and then the shop PC was off or the run
 * failed: a catch-up is due. A last success later than now (beyond a few minutes) was stamped by a
 * clock that ran ahead and was corrected since: it counts as stale, or it would block every night
 * until that date.
 */
export function scheduleState(now: Date, hour: number, lastSuccess: Date | null, dayEndHour = 0): ScheduleState {
  const lastScheduled = lastScheduledAt(now, hour);
  const next = nextScheduledAt(now, hour);
  if (lastSuccess === null || lastSuccess.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { due: true, lastScheduled, next };
  const covered = lastSuccess.getTime() >= lastScheduled.getTime() || businessDate(lastSuccess, dayEndHour) >= businessDate(lastScheduled, dayEndHour);
  return { due: !covered, lastScheduled, next };
}
