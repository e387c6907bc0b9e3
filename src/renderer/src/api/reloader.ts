/**
 * Runs `load` so that two runs never overlap and a burst of change events costs one run.
 * `now()` starts at once, or once more right after the run in flight (which may have read the
 * state before the change). `soon()` waits `delayMs` first, so the events one write sends (a sale:
 * stock changed, then suggestions and alerts recomputed a few ms later) land in the same run.
 */
export interface Reloader {
  now(): void;
  soon(): void;
  /** Runs now, and again on the next calls after a `stop()` (React mounts an effect twice in development). */
  start(): void;
  /** No run starts after this until `start()` (the screen is gone, or asks about something else now). */
  stop(): void;
}

export function reloader(load: () => Promise<void>, delayMs: number): Reloader {
  let running = false;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const now = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void load()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (!again) return;
        again = false;
        now();
      });
  };

  return {
    now,
    soon: () => {
      if (stopped || timer !== undefined) return;
      timer = setTimeout(now, delayMs);
    },
    start: () => {
      stopped = false;
      now();
    },
    stop: () => {
      stopped = true;
      again = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
