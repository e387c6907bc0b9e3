import { useEffect, useRef } from 'react';

/** Keystrokes closer than this are a scanner, not a person. */
const MAX_GAP_MS = 40;
const MIN_LENGTH = 4;

/**
 * A keyboard-wedge barcode scanner types the code very fast and ends with Enter. This catches such a
 * burst anywhere on the page (even while another field has focus), removes what it typed into that
 * field, and hands the code over.
 */
export function useScanner(onScan: (code: string) => void, enabled = true): void {
  const buffer = useRef('');
  const last = useRef(0);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const now = performance.now();
      const gap = now - last.current;
      last.current = now;
      if (e.key === 'Enter') {
        const code = buffer.current;
        buffer.current = '';
        if (code.length >= MIN_LENGTH && gap < MAX_GAP_MS * 3) {
          const target = e.target as HTMLInputElement | null;
          if (target && 'value' in target && typeof target.value === 'string' && target.value.endsWith(code) && target.dataset.scanBox === undefined) {
            // the burst went into a field that is not the scan box: take it back out
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
            setter?.call(target, target.value.slice(0, -code.length));
            target.dispatchEvent(new Event('input', { bubbles: true }));
          }
          e.preventDefault();
          e.stopPropagation();
          handler.current(code);
        }
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey) {
        buffer.current = '';
        return;
      }
      buffer.current = gap < MAX_GAP_MS ? buffer.current + e.key : e.key;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
