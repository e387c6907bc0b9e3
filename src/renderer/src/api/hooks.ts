import { useCallback, useEffect, useState } from 'react';
import type { Channel, InputOf, OutputOf } from '../../../shared/api/contract';
import { api, ApiError, call } from './api';

/**
 * Loads an operation's result and reloads it when `deps` change or stock changes anywhere; with
 * `enabled` false (nothing to ask about yet) it asks nothing and holds no data.
 */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>, deps: unknown[] = [], enabled = true) {
  const [data, setData] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);

  const reload = useCallback(() => {
    if (!enabled) {
      setData(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    call(channel, JSON.parse(key) as InputOf<C>)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) })))
      .finally(() => setLoading(false));
  }, [channel, key, enabled, ...deps]);

  useEffect(() => reload(), [reload]);
  useEffect(() => api.on('stock.changed', () => reload()), [reload]);
  return { data, error, loading, reload };
}
