import { useEffect, useMemo, useRef, useState } from 'react';
import type { Channel, InputOf, OutputOf } from '../../../shared/api/contract';
import { api, ApiError, call } from './api';
import { reloader } from './reloader';

/** How long a change event waits for the ones the same write sends after it. */
const EVENT_DELAY_MS = 120;

/**
 * Loads an operation's result and reloads it when `deps` change or stock changes anywhere; with
 * `enabled` false (nothing to ask about yet) it asks nothing and holds no data. `reload` asks at
 * once; `reloadSoon` is for change events: the events of one write give one reload, never two
 * overlapping ones.
 */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>, deps: unknown[] = [], enabled = true) {
  const [data, setData] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  // an answer to an earlier question (other input, since replaced) must not land over a later one
  const asked = useRef(0);

  const runs = useMemo(
    () =>
      reloader(async () => {
        const seq = ++asked.current;
        if (!enabled) {
          setData(null);
          setLoading(false);
          return;
        }
        setLoading(true);
        try {
          const d = await call(channel, JSON.parse(key) as InputOf<C>);
          if (seq !== asked.current) return;
          setData(d);
          setError(null);
        } catch (e: unknown) {
          if (seq === asked.current) setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
        } finally {
          if (seq === asked.current) setLoading(false);
        }
      }, EVENT_DELAY_MS),
    // deps: the caller's extra reasons to ask again
    [channel, key, enabled, ...deps],
  );

  useEffect(() => {
    runs.start();
    return () => runs.stop();
  }, [runs]);
  useEffect(() => api.on('stock.changed', () => runs.soon()), [runs]);
  return { data, error, loading, reload: runs.now, reloadSoon: runs.soon };
}
