import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import pg from 'pg';
import { SYNC_PROTOCOL, type SyncAck, type SyncRefusal } from '../../src/shared/sync/protocol';
import { BodyRefused, ClientGone, readBody, type BodyLimits, PUSH_LIMITS } from './http-body';
import { ingestPush } from './ingest';
import { isOwnerKey, shopIdForToken } from './keys';
import { ownerRoutes } from './owner/routes';
import { parsePush } from './push-body';
import { AuthLimiter, type RateLimitOptions } from './rate-limit';
import { shopSummaries } from './summary';

export interface SyncAppOptions {
  pool: pg.Pool;
  /** The clock for last_push_at and the ack's serverTime. */
  now?: () => Date;
  limits?: BodyLimits;
  /** Where unexpected errors go, with their stack. */
  logError?: (error: unknown) => void;
  /** How many wrong keys an address may send before it is answered 429 (rate-limit.ts). */
  rateLimit?: RateLimitOptions;
}

/** Answers outside the push protocol's refusals: a wrong route or the server's own failure. */
interface ServerError {
  ok: false;
  code: 'not_found' | 'method_not_allowed' | 'internal' | 'rate_limited';
  message: string;
}

const STATUS: Record<SyncRefusal['code'], number> = {
  bad_request: 400,
  protocol: 400,
  unauthorized: 401,
  currency_changed: 409,
  key_in_use: 409,
  too_large: 413,
};

const ROUTES = new Map([
  ['/', 'GET'],
  ['/login', 'POST'],
  ['/logout', 'POST'],
  ['/favicon.ico', 'GET'],
  ['/v1/health', 'GET'],
  ['/v1/push', 'POST'],
  ['/v1/shops', 'GET'],
]);

export function createSyncApp({ pool, now = () => new Date(), limits = PUSH_LIMITS, logError = defaultLogError, rateLimit }: SyncAppOptions): RequestListener {
  const gate = new AuthLimiter(pool, rateLimit);
  const owner = ownerRoutes(pool, now, gate);
  async function push(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearer(req);
    if (!token) return refuse(res, { ok: false, code: 'unauthorized', message: 'send the shop token as "Authorization: Bearer shk_..."' });
    const wait = await gate.refusal(req, token);
    if (wait > 0) return tooManyFailures(res, wait);
    const shopId = await shopIdForToken(pool, token);
    if (shopId === null) {
      gate.failed(req);
      return refuse(res, { ok: false, code: 'unauthorized', message: 'this shop token is not registered on the server' });
    }
    let body: Buffer;
    try {
      body = await readBody(req, limits);
    } catch (e) {
      if (e instanceof BodyRefused) return refuse(res, { ok: false, code: e.code, message: e.message });
      throw e;
    }
    const parsed = parsePush(body);
    if (!parsed.ok) return refuse(res, parsed);
    const at = now();
    let result: Awaited<ReturnType<typeof ingestPush>>;
    try {
      result = await ingestPush(pool, shopId, parsed.push, at);
    } catch (e) {
      // PostgreSQL's "data exception" class: a value it cannot take that the checks before it let through
      if (e instanceof pg.DatabaseError && e.code?.startsWith('22')) return refuse(res, { ok: false, code: 'bad_request', message: `a value could not be stored: ${e.message}` });
      throw e;
    }
    if (!result.ok) return refuse(res, result);
    const ack: SyncAck = { ok: true, shopId, stored: result.stored, serverTime: at.toISOString() };
    send(res, 200, ack);
  }

  async function shops(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = bearer(req);
    if (!key) return refuse(res, { ok: false, code: 'unauthorized', message: 'send an owner key as "Authorization: Bearer own_..."' });
    const wait = await gate.refusal(req, key);
    if (wait > 0) return tooManyFailures(res, wait);
    if (!(await isOwnerKey(pool, key))) {
      gate.failed(req);
      return refuse(res, { ok: false, code: 'unauthorized', message: 'this owner key is not registered on the server' });
    }
    send(res, 200, await shopSummaries(pool, now()));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const method = ROUTES.get(path);
    if (!method) return send(res, 404, { ok: false, code: 'not_found', message: `no such route: ${path}` } satisfies ServerError);
    // the sign-in and sign-out forms' addresses, reloaded or opened from the history: back to the page
    if ((path === '/login' || path === '/logout') && (req.method === 'GET' || req.method === 'HEAD')) return owner.home(req, res);
    // HEAD is GET without the body, which Node leaves out by itself (uptime monitors send it)
    const asked = req.method === 'HEAD' && method === 'GET' ? 'GET' : req.method;
    if (asked !== method) {
      res.setHeader('Allow', method === 'GET' ? 'GET, HEAD' : method);
      return send(res, 405, { ok: false, code: 'method_not_allowed', message: `${path} takes ${method}` } satisfies ServerError);
    }
    if (path === '/v1/health') return send(res, 200, { ok: true, protocol: SYNC_PROTOCOL });
    if (path === '/v1/push') return push(req, res);
    if (path === '/v1/shops') return shops(req, res);
    if (path === '/login') return owner.login(req, res);
    if (path === '/logout') return owner.logout(req, res);
    if (path === '/favicon.ico') return owner.favicon(res);
    return owner.page(req, res);
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof ClientGone) return;
      logError(error);
      if (res.headersSent) res.destroy();
      else send(res, 500, { ok: false, code: 'internal', message: 'the server failed to handle this request; its log says why' } satisfies ServerError);
    });
  };
}

function defaultLogError(error: unknown): void {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
}

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1] : null;
}

function refuse(res: ServerResponse, refusal: SyncRefusal): void {
  if (refusal.code === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer');
  send(res, STATUS[refusal.code], refusal);
}

/** An address that sent too many wrong keys: refused without a query until its window has passed. */
function tooManyFailures(res: ServerResponse, seconds: number): void {
  res.setHeader('Retry-After', String(seconds));
  send(res, 429, { ok: false, code: 'rate_limited', message: `too many wrong keys from this address: try again in ${seconds} s` } satisfies ServerError);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json), 'Cache-Control': 'no-store' });
  res.end(json);
}
