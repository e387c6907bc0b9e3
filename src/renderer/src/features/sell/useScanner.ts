import { useEffect, useRef } from 'react';
import { ScanBurst } from './scanBurst';

/**
 * A keyboard-wedge barcode scanner types the code very fast and ends with Enter. This catches such a
 * burst anywhere on the page (even while another field has focus), removes what it typed into that
 * field, and hands the code over. In the scan box itself the box's own Enter handles it.
 */
export function useScanner(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const burst = new ScanBurst();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLInputElement | null;
      if (target?.dataset?.scanBox !== undefined) return burst.reset();
      const code = burst.key(e.key, performance.now(), e.ctrlKey || e.altKey || e.metaKey);
      if (code === null) return;
      if (target && typeof target.value === 'string' && target.value.endsWith(code)) {
        // the burst went into another field: take it back out
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        setter?.call(target, target.value.slice(0, -code.length));
        target.dispatchEvent(new Event('input', { bubbles: true }));
      }
      e.preventDefault();
      e.stopPropagation();
      handler.current(code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
