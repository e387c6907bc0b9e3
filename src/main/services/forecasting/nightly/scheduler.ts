import { scheduleState } from './schedule';

/** Time as the scheduler sees it; tests inject a fake one. */
export interface SchedulerClock {
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type ScheduledTrigger = 'nightly' | 'catchup';

export interface SchedulerDeps {
  clock: SchedulerClock;
  /** Read at every check, so a changed setting applies without a restart. */
  hour: () => number;
  /** The hour the shop's business day ends at (settings.dayEndHour); midnight when not given. */
  dayEndHour?: () => number;
  /** Start time of the last successful run, or null. */
  lastSuccess: () => Date | null;
  isRunning: () => boolean;
  /** Starts a run; may throw (a locked file, a run going on in another process). */
  run: (trigger: ScheduledTrigger) => void;
  /** A check or a start that threw, after which the scheduler goes on; default: ignored. */
  onError?: (error: unknown) => void;
}

/** Checks at least hourly, so sleep, clock changes and a new hour setting are all picked up. */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** A check this soon after the scheduled time counts as the nightly run, later as a catch-up. */
const ON_TIME_MS = 15 * 60 * 1000;
/** A start that threw is tried again this much later, up to START_TRIES times per slot. */
export const RETRY_MS = 5 * 60 * 1000;
export const START_TRIES = 3;

/**
 * Starts the nightly forecast at the shop's hour, and a catch-up when the app opens after a missed
 * night. Each scheduled slot's run is started at most once per process: a failed run is not retried
 * in a loop, the next slot (or the next start of the app) tries again. A start that throws (the file
 * locked by another process, another process's run going) is not a run: it is logged and tried
 * again RETRY_MS later, START_TRIES times in all. Whatever throws, the next check is armed.
 */
export class NightlyScheduler {
  private timer: unknown = null;
  private stopped = true;
  private attemptedSlot = -1;
  private failedStarts = { slot: -1, count: 0 };

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.stopped = false;
    this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Evaluates now, starts a run when one is due, and arms the next check; never throws. */
  check(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
    const now = this.deps.clock.now();
    let wait = RETRY_MS;
    try {
      const state = scheduleState(now, this.deps.hour(), this.deps.lastSuccess(), this.deps.dayEndHour?.() ?? 0);
      wait = state.next.getTime() - now.getTime();
      const slot = state.lastScheduled.getTime();
      if (state.due && slot !== this.attemptedSlot && !this.deps.isRunning()) {
        try {
          this.deps.run(now.getTime() - slot <= ON_TIME_MS ? 'nightly' : 'catchup');
          this.attemptedSlot = slot;
        } catch (e) {
          this.report(e);
          if (this.failedStarts.slot !== slot) this.failedStarts = { slot, count: 0 };
          if (++this.failedStarts.count >= START_TRIES) this.attemptedSlot = slot;
          else wait = Math.min(wait, RETRY_MS);
        }
      }
    } catch (e) {
      // reading the setting or the last success failed: look again a little later
      this.report(e);
    }
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimer(
      () => {
        this.timer = null;
        this.check();
      },
      Math.max(1000, Math.min(MAX_WAIT_MS, wait)),
    );
  }

  private report(error: unknown): void {
    try {
      this.deps.onError?.(error);
    } catch {
      // a failing logger must not stop the schedule
    }
  }
}
