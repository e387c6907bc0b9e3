import type { SchedulerClock } from '../../src/main/services/forecasting/nightly';

/** The scheduler's clock, moved by hand: timers fire only when a test moves time past them. */
export class ManualClock implements SchedulerClock {
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
  /** Moves time forward to `d`, firing the timers due on the way, in order. */
  advanceTo(d: Date): void {
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > d.getTime()) break;
      this.timers.shift();
      this.t = new Date(next.at);
      next.fn();
    }
    this.t = d;
  }
  /** Fires the next timer, moving time to it. */
  fireNext(): Date {
    this.timers.sort((a, b) => a.at - b.at);
    const next = this.timers.shift()!;
    this.t = new Date(next.at);
    next.fn();
    return this.t;
  }
}
