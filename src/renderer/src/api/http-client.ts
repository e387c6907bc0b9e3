import type { ShelfcastApi } from '../../../shared/api/client';
import type { EventName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';

const TOKEN_KEY = 'shelfcast.token';

/** Browser mode: the launch URL carries the token in its hash; keep it for this tab, then hide it. */
function takeToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpApi(): ShelfcastApi {
  const token = takeToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureEvents = (event: EventName) => {
    if (!source) source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener(event, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      listeners.get(event)?.forEach((fn) => fn(payload));
    });
  };

  return {
    async call(channel, input) {
      try {
        const response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-shelfcast-token': token },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<never>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Shelfcast is not answering. Is it still running?' } };
      }
    },
    on(event, listener) {
      if (!listeners.has(event)) {
        listeners.set(event, new Set());
        ensureEvents(event);
      }
      const set = listeners.get(event)!;
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
  };
}
