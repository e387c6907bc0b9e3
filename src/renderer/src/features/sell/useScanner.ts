import { useEffect, useRef } from 'react';
import { HAND_OFF_MS, ScanBurst } from './scanBurst';

/**
 * A keyboard-wedge barcode scanner types the code very fast and ends with Enter. This catches such a
 * burst anywhere on the page (even while another field has focus), removes what it typed into that
 * field, and hands the code over. In the scan box itself the box's own Enter handles it, unless the
 * box holds more or less than the burst (see below).
 */
export function useScanner(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const burst = new ScanBurst();
    const setValue = (target: HTMLInputElement, value: string) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(target, value);
      target.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLInputElement | null;
      // the key's own time, taken when it was pressed: a page busy re-rendering after each key must
      // not stretch a scan's gaps until it reads as typing
      const at = e.timeStamp > 0 ? e.timeStamp : performance.now();
      const code = burst.key(e.key, at, e.ctrlKey || e.altKey || e.metaKey);
      if (code === null) return;
      const typed = target && typeof target.value === 'string' ? target.value : '';
      if (target?.dataset?.scanBox !== undefined) {
        // all of it in the scan box: the box's own Enter scans it. But when the focus reached the box
        // mid-burst (the receipt dialog closing as the next item is scanned), its first characters
        // went elsewhere: scan the whole burst instead of the box's truncated code. And a name begun
        // by hand, then given up for the scanner, is dropped rather than glued to the code.
        const truncated = typed !== code && code.endsWith(typed);
        const afterTyping = typed.length > code.length && typed.endsWith(code) && burst.pauseBefore >= HAND_OFF_MS;
        if (!truncated && !afterTyping) return;
        setValue(target, '');
      } else if (target && typed.endsWith(code)) {
        // the burst went into another field: take it back out
        setValue(target, typed.slice(0, -code.length));
      }
      e.preventDefault();
      e.stopPropagation();
      handler.current(code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
