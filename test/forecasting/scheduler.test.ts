// The shop's wall clock: a zone with daylight saving, so the DST cases below are real.
process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import { lastScheduledAt, nextScheduledAt, scheduleState } from '../../src/main/services/forecasting/nightly/schedule';
import { NightlyScheduler, type SchedulerClock, type ScheduledTrigger } from '../../src/main/services/forecasting/nightly/scheduler';

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

  it('falls back to 02:00 for an hour that is not 0..23', () => {
    expect(local(nextScheduledAt(at(2026, 5, 10, 12), 99))).toBe('2026-05-11 02:00');
  });
});

class FakeClock implements SchedulerClock {
  timers: { fn: () => void; at: number }[] = [];
  constructor(public t: Date) {}
  now = () => this.t;
  setTimer = (fn: () => void, ms: number) => {
    const timer = { fn, at: this.t.getTime() + ms };
    this.timers.push(timer);
    return timer;
  };
  clearTimer = (h: unknown) => {
    this.timers = this.timers.filter((x) => x !== h);
  };
  /** Moves time forward, firing timers in order. */
  advanceTo(d: Date) {
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > d.getTime()) break;
      this.timers.shift();
      this.t = new Date(next.at);
      next.fn();
    }
    this.t = d;
  }
}

describe('NightlyScheduler (injected clock)', () => {
  const make = (now: Date, lastSuccess: Date | null) => {
    const clock = new FakeClock(now);
    const runs: [ScheduledTrigger, string][] = [];
    let last = lastSuccess;
    const s = new NightlyScheduler({
      clock,
      hour: () => 2,
      lastSuccess: () => last,
      isRunning: () => false,
      run: (trigger) => {
        runs.push([trigger, local(clock.now())]);
        last = clock.now();
      },
    });
    return { clock, runs, s };
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
    const clock = new FakeClock(at(2026, 5, 10, 8));
    let calls = 0;
    const s = new NightlyScheduler({ clock, hour: () => 2, lastSuccess: () => null, isRunning: () => false, run: () => void calls++ });
    s.start();
    clock.advanceTo(at(2026, 5, 10, 23));
    expect(calls).toBe(1);
    clock.advanceTo(at(2026, 5, 11, 3));
    expect(calls).toBe(2);
    s.stop();
  });

  it('picks up a new hour setting without a restart', () => {
    const clock = new FakeClock(at(2026, 5, 10, 8));
    let hour = 2;
    const runs: string[] = [];
    let last: Date | null = at(2026, 5, 10, 2);
    const s = new NightlyScheduler({
      clock,
      hour: () => hour,
      lastSuccess: () => last,
      isRunning: () => false,
      run: () => {
        runs.push(local(clock.now()));
        last = clock.now();
      },
    });
    s.start();
    hour = 21;
    clock.advanceTo(at(2026, 5, 10, 23));
    expect(runs).toEqual(['2026-05-10 21:00']);
    s.stop();
  });
});
