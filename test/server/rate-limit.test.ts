import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addOwnerKey, addShop } from '../../server/src/keys';
import { addressKey, clientAddress, FailureLimiter } from '../../server/src/rate-limit';
import { postPush, samplePush, startApp, startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const WRONG_OWNER = 'own_' + 'B'.repeat(43);
const WRONG_SHOP = 'shk_' + 'B'.repeat(43);

/** A clock the test moves by hand: the limiter's windows pass when the test says so. */
function manualClock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** Counts the queries the app sends (pool.query and the connections inTransaction takes). */
function queryCounter(pool: pg.Pool) {
  const query = vi.spyOn(pool, 'query');
  const connect = vi.spyOn(pool, 'connect');
  return {
    count: () => query.mock.calls.length + connect.mock.calls.length,
    restore: () => {
      query.mockRestore();
      connect.mockRestore();
    },
  };
}

function api(base: string, key: string, from?: string) {
  return fetch(`${base}/v1/shops`, { headers: { Authorization: `Bearer ${key}`, ...(from ? { 'X-Forwarded-For': from } : {}) } });
}

function signIn(base: string, key: string, from: string) {
  return fetch(`${base}/login?lang=en`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': from },
    body: new URLSearchParams({ key }),
  });
}

describe('wrong keys are limited per address: past 20 in a minute, 429 without a query', () => {
  it('the 21st wrong key from one address gets 429 with Retry-After, on every route that takes a key; other addresses and good keys go on', async () => {
    const { pool } = await cluster.database();
    const clock = manualClock();
    const app = await startApp(pool, { rateLimit: { clock: clock.now } });
    try {
      const ownerKey = await addOwnerKey(pool);
      const shop = await addShop(pool, 'Thiès');
      const attacker = '203.0.113.7';
      // wrong keys of every kind count together: at the owner API, the page, the sign-in form and the push
      for (let i = 0; i < 5; i++) expect((await api(app.base, WRONG_OWNER, attacker)).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await signIn(app.base, WRONG_OWNER, attacker)).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await fetch(`${app.base}/`, { headers: { Cookie: `shelfcast_owner=${WRONG_OWNER}`, 'X-Forwarded-For': attacker } })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await postPush(app.base, WRONG_SHOP, samplePush(), { headers: { 'X-Forwarded-For': attacker } })).status).toBe(401);

      const refused = await api(app.base, WRONG_OWNER, attacker);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(wait) && wait >= 1 && wait <= 60).toBe(true);
      expect(await refused.json()).toEqual({ ok: false, code: 'rate_limited', message: `too many wrong keys from this address: try again in ${wait} s` });

      // from now on, wrong keys from that address cost no query at all, whatever the route
      const queries = queryCounter(pool);
      try {
        for (let i = 0; i < 10; i++) expect((await api(app.base, 'own_' + String(i).repeat(43), attacker)).status).toBe(429);
        const push = await postPush(app.base, WRONG_SHOP, samplePush(), { headers: { 'X-Forwarded-For': attacker } });
        expect(push).toMatchObject({ status: 429, body: { ok: false, code: 'rate_limited' } });
        const form = await signIn(app.base, WRONG_OWNER, attacker);
        expect(form.status).toBe(429);
        expect(form.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(form.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await form.text()).toContain('Too many wrong keys came from your address: wait a minute, then try again.');
        const page = await fetch(`${app.base}/`, { headers: { Cookie: `shelfcast_owner=${WRONG_OWNER}`, 'X-Forwarded-For': attacker } });
        expect(page.status).toBe(429);
        expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
        // the cookie is not thrown away: it may hold a good key
        expect(page.headers.get('set-cookie')).toBeNull();
        expect(queries.count()).toBe(0);
      } finally {
        queries.restore();
      }

      // what needs no key is not refused: the sign-in form, the health check
      expect((await fetch(`${app.base}/`, { headers: { 'X-Forwarded-For': attacker } })).status).toBe(200);
      expect((await fetch(`${app.base}/v1/health`, { headers: { 'X-Forwarded-For': attacker } })).status).toBe(200);

      // another address is not refused
      expect((await api(app.base, WRONG_OWNER, '198.51.100.20')).status).toBe(401);
      // good keys from the refused address itself (a shop behind the same router) go on
      expect((await api(app.base, ownerKey, attacker)).status).toBe(200);
      const signedIn = await signIn(app.base, ownerKey, attacker);
      expect(signedIn.status).toBe(303);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
      expect((await fetch(`${app.base}/`, { headers: { Cookie: cookie, 'X-Forwarded-For': attacker } })).status).toBe(200);
      expect((await postPush(app.base, shop.token, samplePush(), { headers: { 'X-Forwarded-For': attacker } })).status).toBe(200);

      // a key made while the address is refused goes through once the copy of the registered keys is read again (10 s)
      const newKey = await addOwnerKey(pool);
      expect((await api(app.base, newKey, attacker)).status).toBe(429);
      clock.advance(10_000);
      expect((await api(app.base, newKey, attacker)).status).toBe(200);
      // a key revoked a moment ago is refused at once, even though that copy still holds it
      await pool.query('DELETE FROM owner_keys WHERE key_hash = (SELECT key_hash FROM owner_keys ORDER BY id DESC LIMIT 1)');
      expect((await api(app.base, newKey, attacker)).status).toBe(401);

      // once the window has passed, the address is heard again (and counted anew)
      expect((await api(app.base, WRONG_OWNER, attacker)).status).toBe(429);
      clock.advance(60_000);
      expect((await api(app.base, WRONG_OWNER, attacker)).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('from the reverse proxy on the machine, the last X-Forwarded-For entry (the one the proxy adds) is the client', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    try {
      // the first entries are the client's to write: changing them does not make another client
      for (let i = 0; i < 20; i++) expect((await api(app.base, WRONG_OWNER, `10.0.0.${i}, 203.0.113.9`)).status).toBe(401);
      expect((await api(app.base, WRONG_OWNER, '10.9.9.9,203.0.113.9')).status).toBe(429);
      expect((await api(app.base, WRONG_OWNER, '203.0.113.9, 10.9.9.9')).status).toBe(401);
      // without the header, a request from the machine itself is counted under its own address
      expect((await api(app.base, WRONG_OWNER)).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('from any other address, X-Forwarded-For is ignored: the socket\'s address is the client', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    // the server reached directly, not through a proxy on the machine: its peer is a public address
    app.server.on('connection', (socket: Socket) => Object.defineProperty(socket, 'remoteAddress', { value: '192.0.2.50', configurable: true }));
    try {
      for (let i = 0; i < 20; i++) expect((await api(app.base, WRONG_OWNER, `198.51.100.${i}`)).status).toBe(401);
      expect((await api(app.base, WRONG_OWNER, '198.51.100.99')).status).toBe(429);
      expect((await api(app.base, WRONG_OWNER)).status).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('the limiter on its own', () => {
  const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('names an address: IPv4 as it is, an IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(clientAddress(req('203.0.113.7', '1.1.1.1'))).toBe('203.0.113.7');
    expect(clientAddress(req('::ffff:203.0.113.7', '1.1.1.1'))).toBe('203.0.113.7');
    expect(clientAddress(req('::ffff:127.0.0.1', '1.1.1.1, 2.2.2.2'))).toBe('2.2.2.2');
    expect(clientAddress(req('::1', '2001:DB8:0:1:aaaa::1'))).toBe('2001:db8:0:1::/64');
    expect(clientAddress(req('127.0.0.1', ' '))).toBe('127.0.0.1');
    expect(addressKey('2001:db8:0:1:ffff:ffff:ffff:ffff')).toBe(addressKey('2001:0db8::1:0:0:0:1'));
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('[fe80::1%eth0]')).toBe('fe80:0:0:0::/64');
  });

  it('remembers a bounded number of addresses, and forgets those whose window has passed', () => {
    const clock = manualClock();
    const limiter = new FailureLimiter({ clock: clock.now, maxAddresses: 100, failures: 3 });
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
    for (let i = 0; i < 3; i++) limiter.fail('203.0.113.7');
    expect(limiter.blockedFor('203.0.113.7')).toBe(60_000);
    clock.advance(30_000);
    expect(limiter.blockedFor('203.0.113.7')).toBe(30_000);
    clock.advance(30_000);
    expect(limiter.blockedFor('203.0.113.7')).toBe(0);
    limiter.fail('198.51.100.1');
    expect(limiter.size).toBe(1);
  });
});
