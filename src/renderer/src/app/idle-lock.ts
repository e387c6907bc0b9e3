import { useEffect } from 'react';

/** What counts as someone at the till: a key (the scanner types too), a click or a touch. */
const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Locks the till after `minutes` without activity (0: never), only while `enabled` (somebody has a PIN:
 * otherwise the lock screen would just ask a PIN-less owner to press Enter). A till left open is the
 * owner's account for whoever walks up to it. An event that comes after the limit (a PC woken from
 * sleep, a timer the browser held back) locks rather than counting as activity.
 */
export function useIdleLock(minutes: number, enabled: boolean, lock: () => void): void {
  useEffect(() => {
    if (!enabled || !(minutes > 0)) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    let timer = 0;
    let locked = false;
    const lockOnce = () => {
      if (locked) return;
      locked = true;
      window.clearTimeout(timer);
      lock();
    };
    const check = () => {
      const idle = Date.now() - last;
      if (idle >= limit) lockOnce();
      else timer = window.setTimeout(check, limit - idle);
    };
    const active = () => {
      if (Date.now() - last >= limit) lockOnce();
      else last = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, active, { capture: true, passive: true });
    timer = window.setTimeout(check, limit);
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, active, { capture: true });
    };
  }, [minutes, enabled, lock]);
}
