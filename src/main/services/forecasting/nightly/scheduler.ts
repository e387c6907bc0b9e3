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
  /** Start time of the last successful run, or null. */
  lastSuccess: () => Date | null;
  isRunning: () => boolean;
  run: (trigger: ScheduledTrigger) => void;
}

/** Checks at least hourly, so sleep, clock changes and a new hour setting are all picked up. */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** A check this soon after the scheduled time counts as the nightly run, later as a catch-up. */
const ON_TIME_MS = 15 * 60 * 1000;

/**
 * Starts the nightly forecast at the shop's hour, and a catch-up when the app opens after a missed
 * night. Each scheduled slot is attempted at most once per process: a failed run is not retried in
 * a loop, the next slot (or the next start of the app) tries again.
 */
export class NightlyScheduler {
  private timer: unknown = null;
  private stopped = true;
  private attemptedSlot = -1;

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

  /** Evaluates now, starts a run when one is due, and arms the next check. */
  check(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
    const now = this.deps.clock.now();
    const state = scheduleState(now, this.deps.hour(), this.deps.lastSuccess());
    const slot = state.lastScheduled.getTime();
    if (state.due && slot !== this.attemptedSlot && !this.deps.isRunning()) {
      this.attemptedSlot = slot;
      this.deps.run(now.getTime() - slot <= ON_TIME_MS ? 'nightly' : 'catchup');
    }
    const wait = Math.max(1000, Math.min(MAX_WAIT_MS, state.next.getTime() - now.getTime()));
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = null;
      this.check();
    }, wait);
  }
}
