import { useCallback, useRef, useState } from 'react';

/**
 * One action at a time: while one runs, `run` ignores the next (a double click, Enter held down, a
 * click on another button). The guard is a ref, not the state: a second click can arrive before
 * React has re-rendered the button as busy. `busy` names the action running, for its button's spinner.
 */
export function useBusy<Tag extends string>() {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState<Tag | null>(null);
  const run = useCallback(async (tag: Tag, work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(tag);
    try {
      await work();
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }, []);
  return { busy, run };
}
