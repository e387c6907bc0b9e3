import { gzipSync } from 'node:zlib';
import type { SyncFailureCode } from '../../../shared/api/contracts/sync';
import type { SyncAck, SyncRefusal } from '../../../shared/sync/protocol';

/** A push that did not get through, sorted by what the owner can do about it. */
export class SyncTransportError extends Error {
  constructor(
    readonly code: SyncFailureCode,
    message: string,
    /** The server said the request was too large (413): a smaller batch may pass. */
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

export interface TransportOptions {
  /** The request's whole time budget; a poor connection gets a minute per batch. */
  timeoutMs: number;
  fetch: typeof fetch;
}

/**
 * POSTs one batch (its JSON), gzipped (ledger rows shrink ~15x: it matters on a phone connection), and
 * returns the server's acknowledgement, or throws a SyncTransportError saying why not. Redirects are
 * not followed: the shop key would go to wherever the answer points.
 */
export async function postPush(base: string, key: string, json: string, options: TransportOptions): Promise<SyncAck> {
  const body = gzipSync(Buffer.from(json));
  let response: Response;
  try {
    response = await options.fetch(`${base}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${key}` },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new SyncTransportError('timeout', `no answer from ${base} within ${Math.round(options.timeoutMs / 1000)} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new SyncTransportError('offline', `${base} cannot be reached: ${cause}`);
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    throw new SyncTransportError('moved', location ? new URL(location, `${base}/v1/push`).href.replace(/\/v1\/push$/, '') : `${base} (HTTP ${response.status}, no new address given)`);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new SyncTransportError('server', `${base} answered HTTP ${response.status} without the sync protocol's JSON (is it a Shelfcast server?)`);
  }
  if (response.ok && isAck(answer)) return answer;
  const refusal = isRefusal(answer) ? answer : null;
  // the server refuses this network for a while: too many wrong keys came from it (its rate limit)
  if (response.status === 429) {
    const wait = Number(response.headers.get('retry-after'));
    throw new SyncTransportError('rate_limited', `${base} refuses this network for ${Number.isFinite(wait) && wait > 0 ? `${wait} s` : 'a while'}: too many wrong keys were sent from it`);
  }
  if (response.status === 401) throw new SyncTransportError('unauthorized', refusal?.message ?? 'the server does not know this shop key');
  if (refusal?.code === 'currency_changed') throw new SyncTransportError('currency_changed', refusal.message);
  if (refusal?.code === 'key_in_use') throw new SyncTransportError('key_in_use', refusal.message);
  if (response.status >= 400 && response.status < 500 && refusal) {
    throw new SyncTransportError('refused', refusal.field ? `${refusal.field}: ${refusal.message}` : refusal.message, response.status === 413);
  }
  throw new SyncTransportError('server', `${base} answered HTTP ${response.status}${refusal ? `: ${refusal.message}` : ''}`);
}

function isAck(v: unknown): v is SyncAck {
  return typeof v === 'object' && v !== null && (v as SyncAck).ok === true && typeof (v as SyncAck).stored === 'object';
}

function isRefusal(v: unknown): v is SyncRefusal {
  return typeof v === 'object' && v !== null && (v as SyncRefusal).ok === false && typeof (v as SyncRefusal).message === 'string';
}
