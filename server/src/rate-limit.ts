import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type pg from 'pg';
import { hashSecret } from './keys';

/**
 * Wrong keys are not guessed (256 bits), but each one costs a database query: an address that sends
 * too many in a short while is answered 429 without one, until its window has passed.
 */
export interface RateLimitOptions {
  /** Failed authentications an address may make in one window; the next request is refused. Default 20. */
  failures?: number;
  /** The window, and how long an address that reached the limit is refused. Default 60 s. */
  windowMs?: number;
  /** How many addresses are remembered at most; the oldest are forgotten first. Default 10,000. */
  maxAddresses?: number;
  /** How stale the set of registered keys may be when a refused address presents one. Default 10 s. */
  registeredMaxAgeMs?: number;
  /** A monotonic clock in milliseconds (tests move it by hand). */
  clock?: () => number;
}

interface Entry {
  /** When the address's first failure of this window came. */
  start: number;
  failures: number;
  /** Refused until then (0: not refused). */
  blockedUntil: number;
}

/** Failed authentications per address, in memory, in fixed windows. */
export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly clock: () => number;
  private lastSweep: number;

  constructor(options: RateLimitOptions = {}) {
    this.max = options.failures ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.clock = options.clock ?? (() => performance.now());
    this.lastSweep = this.clock();
  }

  /** Milliseconds this address is still refused for; 0 when it is not. */
  blockedFor(address: string): number {
    const entry = this.entries.get(address);
    if (!entry) return 0;
    return Math.max(0, entry.blockedUntil - this.clock());
  }

  /** Counts a failed authentication; the one that reaches the limit starts a full window of refusals. */
  fail(address: string): void {
    const now = this.clock();
    this.sweep(now);
    let entry = this.entries.get(address);
    if (entry && this.stale(entry, now)) {
      // deleted and set again, so the map's order stays the order the windows started in
      this.entries.delete(address);
      entry = undefined;
    }
    if (!entry) {
      while (this.entries.size >= this.maxAddresses) this.entries.delete(this.entries.keys().next().value as string);
      entry = { start: now, failures: 0, blockedUntil: 0 };
      this.entries.set(address, entry);
    }
    entry.failures += 1;
    if (entry.failures >= this.max && entry.blockedUntil === 0) entry.blockedUntil = now + this.windowMs;
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.entries.size;
  }

  private stale(entry: Entry, now: number): boolean {
    return now - entry.start >= this.windowMs && entry.blockedUntil <= now;
  }

  /** Once a window, forgets the addresses whose window has passed. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [address, entry] of this.entries) if (this.stale(entry, now)) this.entries.delete(address);
  }
}

/**
 * The address a request's failures are counted under. The server is meant to listen on 127.0.0.1
 * behind a reverse proxy: a request from the machine itself takes the last X-Forwarded-For entry, the
 * one the proxy added; from anywhere else X-Forwarded-For is ignored (the client may write anything
 * there) and the socket's address counts. IPv6 addresses count per /64, what one household or server
 * is usually given.
 */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? '';
  if (isLoopback(peer)) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = entries[entries.length - 1].trim();
    if (last) return addressKey(last);
  }
  return addressKey(peer);
}

function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/** "203.0.113.7", "::ffff:203.0.113.7" → "203.0.113.7"; "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64"; anything else as it is, clipped. */
export function addressKey(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(bare)) return bare;
  if (isIPv6(bare)) return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
  return bare.slice(0, 100);
}

/** The eight 16-bit groups of a valid IPv6 address, in hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last];
  return groups.map((g) => parseInt(g, 16).toString(16));
}

/**
 * Gates the routes that take a key (a shop's push, the owner's page and API): count each key refused,
 * and refuse an address past the limit before any query. A key that is registered still goes through
 * from such an address (a shop or the owner behind the same router as whoever sends wrong keys): it is
 * looked up in a copy of the registered keys' hashes, read again at most every few seconds, never per
 * request. The request itself is then checked against the database as usual, so a key revoked a
 * moment ago is refused at once.
 */
export class AuthLimiter {
  readonly limiter: FailureLimiter;
  private readonly clock: () => number;
  private readonly maxAgeMs: number;
  private registered: { hashes: Set<string>; at: number } | null = null;
  private reading: Promise<Set<string>> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    options: RateLimitOptions = {},
  ) {
    this.limiter = new FailureLimiter(options);
    this.clock = options.clock ?? (() => performance.now());
    this.maxAgeMs = options.registeredMaxAgeMs ?? 10_000;
  }

  /** Whole seconds to tell this request to wait (its answer is then 429, with no query); 0 when it goes on. */
  async refusal(req: IncomingMessage, key: string): Promise<number> {
    const left = this.limiter.blockedFor(clientAddress(req));
    if (left === 0) return 0;
    if ((await this.registeredHashes()).has(hashSecret(key))) return 0;
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** A key this request presented was refused. */
  failed(req: IncomingMessage): void {
    this.limiter.fail(clientAddress(req));
  }

  private async registeredHashes(): Promise<Set<string>> {
    const now = this.clock();
    if (this.registered && now - this.registered.at < this.maxAgeMs) return this.registered.hashes;
    // requests refused at the same moment share one read
    this.reading ??= this.pool
      .query<{ hash: string }>('SELECT key_hash AS hash FROM owner_keys UNION ALL SELECT token_hash FROM shops')
      .then(
        ({ rows }) => new Set(rows.map((r) => r.hash)),
        // the database unreachable: the refused address stays refused, and the next read waits its turn
        () => this.registered?.hashes ?? new Set<string>(),
      )
      .then((hashes) => {
        this.registered = { hashes, at: this.clock() };
        return hashes;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}
