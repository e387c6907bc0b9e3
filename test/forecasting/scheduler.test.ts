// The shop's wall clock: a zone with daylight saving, so the DST cases below are real.
process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import { lastScheduledAt, nextScheduledAt, scheduleState } from '../../src/main/services/forecasting/nightly/schedule';
import { NightlyScheduler, type ScheduledTrigger } from '../../src/main/services/forecasting/nightly/scheduler';
import { ManualClock } from './manual-clock';

/** A local wall-clock time: month is 1-based here. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);
const local = (x: Date) =>
  `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')} ${String(x.getHours()).padStart(2, '0')}:${String(x.getMinutes()).padStart(2, '0')}`;

describe('scheduleState (pure)', () => {
  it('is due when the shop has never had a successful run', () => {
    const s = scheduleState(at(2026, 5, 10, 14), 2, null);
    expect(s.due).toBe(true);
    expect(local(s.lastScheduled)).toBe('2026-05-10 02:00');
    expect(local(s.next)).toBe('2026-05-11 02:00');
  });

  it('is not due after a run that started after today\'s scheduled time', () => {
    expect(scheduleState(at(2026, 5, 10, 14), 2, at(2026, 5, 10, 2, 0)).due).toBe(false);
    expect(scheduleState(at(2026, 5, 10, 14), 2, at(2026, 5, 10, 9, 30)).due).toBe(false);
  });

  it('is due when the last run was yesterday before the hour (PC off last night)', () => {
    const s = scheduleState(at(2026, 5, 10, 8), 2, at(2026, 5, 9, 1, 59));
    expect(s.due).toBe(true);
  });

  it('is due when the last run was yesterday after the hour and today\'s hour has passed', () => {
    expect(scheduleState(at(2026, 5, 10, 8), 2, at(2026, 5, 9, 18)).due).toBe(true);
  });

  it('before today\'s hour, a run since yesterday\'s hour is enough', () => {
    const s = scheduleState(at(2026, 5, 10, 1, 30), 2, at(2026, 5, 9, 2, 5));
    expect(s.due).toBe(false);
    expect(local(s.lastScheduled)).toBe('2026-05-09 02:00');
    expect(local(s.next)).toBe('2026-05-10 02:00');
  });

  it('with the day ending at 04:00, a catch-up at 01:00 is the day before\'s and leaves the 05:00 run due', () => {
    const lastSuccess = at(2026, 5, 10, 1, 0);
    expect(scheduleState(at(2026, 5, 10, 5, 0), 5, lastSuccess, 4).due).toBe(true);
    // at midnight's end of day, the same 01:00 run is the same day's and covers 05:00, as before
    expect(scheduleState(at(2026, 5, 10, 5, 0), 5, lastSuccess).due).toBe(false);
    // a run at 04:30, after the day ended, already saw the whole day before: it covers 05:00
    expect(scheduleState(at(2026, 5, 10, 5, 0), 5, at(2026, 5, 10, 4, 30), 4).due).toBe(false);
  });

  it('exactly at the hour, that slot is the last scheduled one and the next is tomorrow', () => {
    const s = scheduleState(at(2026, 5, 10, 2), 2, at(2026, 5, 9, 2));
    expect(s.due).toBe(true);
    expect(local(s.lastScheduled)).toBe('2026-05-10 02:00');
    expect(local(s.next)).toBe('2026-05-11 02:00');
  });

  it('crosses midnight, month ends and year ends by calendar', () => {
    expect(local(nextScheduledAt(at(2026, 12, 31, 23, 59), 2))).toBe('2027-01-01 02:00');
    expect(local(lastScheduledAt(at(2027, 1, 1, 0, 30), 2))).toBe('2026-12-31 02:00');
    expect(local(nextScheduledAt(at(2028, 2, 28, 3), 2))).toBe('2028-02-29 02:00');
    expect(local(lastScheduledAt(at(2026, 3, 1, 1), 2))).toBe('2026-02-28 02:00');
  });

  it('hour 0 (midnight) and hour 23', () => {
    expect(local(nextScheduledAt(at(2026, 5, 10, 0, 0), 0))).toBe('2026-05-11 00:00');
    expect(local(lastScheduledAt(at(2026, 5, 10, 0, 0), 0))).toBe('2026-05-10 00:00');
    expect(local(nextScheduledAt(at(2026, 5, 10, 22, 59), 23))).toBe('2026-05-10 23:00');
    expect(local(lastScheduledAt(at(2026, 5, 10, 22, 59), 23))).toBe('2026-05-09 23:00');
  });

  it('keeps the wall-clock hour across daylight-saving changes (no 24 h arithmetic)', () => {
    // autumn: 25 hours between the two 04:00 runs, still 04:00 on the clock
    const autumn = nextScheduledAt(at(2026, 10, 24, 12), 4);
    expect(local(autumn)).toBe('2026-10-25 04:00');
    expect(autumn.getTime() - at(2026, 10, 24, 4).getTime()).toBe(25 * 3600_000);
    // spring: 23 hours between them
    const spring = nextScheduledAt(at(2026, 3, 28, 12), 4);
    expect(local(spring)).toBe('2026-03-29 04:00');
    expect(spring.getTime() - at(2026, 3, 28, 4).getTime()).toBe(23 * 3600_000);
    // 02:00 does not exist on the spring-forward night: the run happens when the clock jumps (03:00)
    expect(local(nextScheduledAt(at(2026, 3, 28, 12), 2))).toBe('2026-03-29 03:00');
  });

  it('one run per business day: a run earlier on the slot\'s date covers it, one on the day before does not', () => {
    // hour moved to 08:00 after this morning's 02:00 run: covered
    expect(scheduleState(at(2026, 5, 10, 9, 17), 8, at(2026, 5, 10, 2)).due).toBe(false);
    expect(scheduleState(at(2026, 5, 10, 21, 30), 21, at(2026, 5, 10, 2)).due).toBe(false);
    // a manual run at 22:00 does not cover the next night's 02:00
    expect(scheduleState(at(2026, 5, 11, 2, 5), 2, at(2026, 5, 10, 22)).due).toBe(true);
    // nor, with the hour at midnight, one at 23:30 the evening before
    expect(scheduleState(at(2026, 5, 11, 0, 5), 0, at(2026, 5, 10, 23, 30)).due).toBe(true);
  });

  it('a last success stamped in the future (the clock ran ahead, then was put right) counts as stale', () => {
    const aMonthAhead = at(2026, 6, 10, 2);
    for (const d of [11, 12, 13]) expect(scheduleState(at(2026, 5, d, 3), 2, aMonthAhead).due).toBe(true);
    // a few minutes ahead is a clock's drift, and the run counts
    expect(scheduleState(at(2026, 5, 10, 3), 2, at(2026, 5, 10, 3, 2)).due).toBe(false);
  });

  it('falls back to 02:00 for an hour that is not 0..23', () => {
    expect(local(nextScheduledAt(at(2026, 5, 10, 12), 99))).toBe('2026-05-11 02:00');
  });
});

describe('NightlyScheduler (injected clock)', () => {
  /** A scheduler on a hand-moved clock; each run is recorded with its trigger and local time, and counts as a success. */
  const make = (now: Date, lastSuccess: Date | null, hour: () => number = () => 2) => {
    const clock = new ManualClock(now);
    const runs: [ScheduledTrigger, string][] = [];
    let last = lastSuccess;
    const s = new NightlyScheduler({
      clock,
      hour,
      lastSuccess: () => last,
      isRunning: () => false,
      run: (trigger) => {
        runs.push([trigger, local(clock.now())]);
        last = clock.now();
      },
    });
    return { clock, runs, times: () => runs.map(([, t]) => t), s };
  };

  it('catches up at start after a missed night, then runs nightly at the hour', () => {
    const { clock, runs, s } = make(at(2026, 5, 10, 8), at(2026, 5, 8, 2));
    s.start();
    expect(runs).toEqual([['catchup', '2026-05-10 08:00']]);
    clock.advanceTo(at(2026, 5, 12, 12));
    expect(runs).toEqual([
      ['catchup', '2026-05-10 08:00'],
      ['nightly', '2026-05-11 02:00'],
      ['nightly', '2026-05-12 02:00'],
    ]);
    s.stop();
    clock.advanceTo(at(2026, 5, 14, 12));
    expect(runs).toHaveLength(3);
  });

  it('does not run at start when last night\'s run succeeded', () => {
    const { runs, s } = make(at(2026, 5, 10, 8), at(2026, 5, 10, 2));
    s.start();
    expect(runs).toEqual([]);
    s.stop();
  });

  it('tries a failed slot once, not in a loop', () => {
    const clock = new ManualClock(at(2026, 5, 10, 8));
    let calls = 0;
    const s = new NightlyScheduler({ clock, hour: () => 2, lastSuccess: () => null, isRunning: () => false, run: () => void calls++ });
    s.start();
    clock.advanceTo(at(2026, 5, 10, 23));
    expect(calls).toBe(1);
    clock.advanceTo(at(2026, 5, 11, 3));
    expect(calls).toBe(2);
    s.stop();
  });

  it('a new hour setting applies from the next day without a restart (one nightly run per day)', () => {
    let hour = 2;
    const { clock, times, s } = make(at(2026, 5, 9, 8), at(2026, 5, 9, 2), () => hour);
    s.start();
    hour = 21;
    clock.advanceTo(at(2026, 5, 10, 23));
    // not on the 9th at 21:00: that day already had its run at 02:00
    expect(times()).toEqual(['2026-05-10 21:00']);
    s.stop();
  });

  it('after today\'s 02:00 run, moving the hour to 08 or 21 starts no second run that day', () => {
    let hour = 2;
    const { clock, times, s } = make(at(2026, 5, 10, 9, 17), at(2026, 5, 10, 2), () => hour);
    s.start();
    hour = 8;
    s.check(); // what saving the settings does
    clock.advanceTo(at(2026, 5, 10, 20, 30));
    hour = 21;
    s.check();
    clock.advanceTo(at(2026, 5, 10, 23));
    expect(times()).toEqual([]);
    clock.advanceTo(at(2026, 5, 11, 23));
    expect(times()).toEqual(['2026-05-11 21:00']);
    s.stop();
  });

  it('a check on settings save starts a run that the new hour makes due at once, instead of up to an hour later', () => {
    let hour = 2;
    const { clock, runs, s } = make(at(2026, 5, 10, 0, 30), at(2026, 5, 9, 2), () => hour);
    s.start();
    expect(runs).toEqual([]);
    clock.advanceTo(at(2026, 5, 10, 0, 40));
    hour = 0;
    s.check();
    expect(runs).toEqual([['catchup', '2026-05-10 00:40']]);
    // and that run covers the day: nothing more at 02:00 or at midnight's next check
    clock.advanceTo(at(2026, 5, 10, 23, 59));
    expect(runs).toHaveLength(1);
    s.stop();
  });

  it('a start that throws (a locked file) is logged, never escapes, and is tried again 5 minutes later, 3 times per slot', () => {
    const clock = new ManualClock(at(2026, 5, 10, 8));
    const errors: string[] = [];
    const calls: string[] = [];
    let locked = true;
    let last: Date | null = at(2026, 5, 8, 2);
    const s = new NightlyScheduler({
      clock,
      hour: () => 2,
      lastSuccess: () => last,
      isRunning: () => false,
      run: () => {
        calls.push(local(clock.now()));
        if (locked) throw new Error('database is locked');
        last = clock.now();
      },
      onError: (e) => errors.push((e as Error).message),
    });
    expect(() => s.start()).not.toThrow();
    expect(clock.timers).toHaveLength(1);
    clock.advanceTo(at(2026, 5, 10, 12));
    expect(calls).toEqual(['2026-05-10 08:00', '2026-05-10 08:05', '2026-05-10 08:10']);
    expect(errors).toEqual(['database is locked', 'database is locked', 'database is locked']);
    expect(clock.timers).toHaveLength(1);
    // the lock is long gone by the next night, which runs as usual
    locked = false;
    clock.advanceTo(at(2026, 5, 11, 12));
    expect(calls.slice(3)).toEqual(['2026-05-11 02:00']);
    s.stop();
  });

  it('a check whose reads throw is logged and looked at again later', () => {
    const clock = new ManualClock(at(2026, 5, 10, 8));
    const errors: string[] = [];
    let broken = true;
    const runs: string[] = [];
    const s = new NightlyScheduler({
      clock,
      hour: () => 2,
      lastSuccess: () => {
        if (broken) throw new Error('SQLITE_IOERR');
        return null;
      },
      isRunning: () => false,
      run: () => void runs.push(local(clock.now())),
      onError: (e) => errors.push((e as Error).message),
    });
    s.start();
    expect(errors).toEqual(['SQLITE_IOERR']);
    broken = false;
    clock.advanceTo(at(2026, 5, 10, 9));
    expect(runs).toEqual(['2026-05-10 08:05']);
    s.stop();
  });
});
