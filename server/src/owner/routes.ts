import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type pg from 'pg';
import { BodyRefused, readBody } from '../http-body';
import { isOwnerKey } from '../keys';
import type { AuthLimiter } from '../rate-limit';
import { shopSummaries } from '../summary';
import { pickLang, type Lang } from './messages';
import { loginPage, shopsPage } from './page';
import { OWNER_CSP } from './style';

const COOKIE = 'shelfcast_owner';
/** An owner signs in again after 30 days. */
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;
/** A form with one key in it. */
const FORM_LIMITS = { wire: 4096, decoded: 4096 };

/** The owner's page in a browser: the owner key is pasted once and kept in an HttpOnly cookie. */
export function ownerRoutes(pool: pg.Pool, now: () => Date, gate: AuthLimiter) {
  async function page(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = langOf(req);
    const key = cookie(req, COOKIE);
    if (!key) return sendHtml(res, 200, loginPage(lang));
    // the cookie is kept: it may well hold a good key, tried again once the wait is over
    const wait = await gate.refusal(req, key);
    if (wait > 0) return sendHtml(res, 429, loginPage(lang, 'throttled'), undefined, wait);
    if (await isOwnerKey(pool, key)) {
      const at = now();
      return sendHtml(res, 200, shopsPage(lang, await shopSummaries(pool, at), at));
    }
    // a key that stopped working (revoked) is forgotten, so the browser stops sending it
    gate.failed(req);
    sendHtml(res, 200, loginPage(lang), clearCookie(req));
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = langOf(req);
    if (!sameOrigin(req)) return sendHtml(res, 403, loginPage(lang, 'elsewhere'));
    let body: Buffer;
    try {
      body = await readBody(req, FORM_LIMITS);
    } catch (e) {
      // a form of kilobytes holds no owner key
      if (e instanceof BodyRefused) return sendHtml(res, e.code === 'too_large' ? 413 : 400, loginPage(lang, 'unknown'));
      throw e;
    }
    const key = (new URLSearchParams(body.toString('utf8')).get('key') ?? '').trim();
    if (!key) return sendHtml(res, 400, loginPage(lang, 'missing'));
    const wait = await gate.refusal(req, key);
    if (wait > 0) return sendHtml(res, 429, loginPage(lang, 'throttled'), undefined, wait);
    if (!(await isOwnerKey(pool, key))) {
      gate.failed(req);
      return sendHtml(res, 401, loginPage(lang, 'unknown'));
    }
    redirectHome(res, lang, `${COOKIE}=${encodeURIComponent(key)}; Max-Age=${COOKIE_MAX_AGE_S}${cookieAttributes(req)}`);
  }

  function logout(req: IncomingMessage, res: ServerResponse): void {
    const lang = langOf(req);
    if (!sameOrigin(req)) return sendHtml(res, 403, loginPage(lang, 'elsewhere'));
    redirectHome(res, lang, clearCookie(req));
  }

  /** Browsers ask for it on every page: an empty answer they keep for a day, not a 404 each time. */
  function favicon(res: ServerResponse): void {
    res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
    res.end();
  }

  /** A GET of /login or /logout (the form's address reloaded): the page, where the form is. */
  function home(req: IncomingMessage, res: ServerResponse): void {
    redirectHome(res, langOf(req));
  }

  return { page, login, logout, favicon, home };
}

function langOf(req: IncomingMessage): Lang {
  return pickLang(new URL(req.url ?? '/', 'http://x').searchParams.get('lang'), req.headers['accept-language']);
}

function secure(req: IncomingMessage): boolean {
  return (req.socket as TLSSocket).encrypted === true || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
}

/**
 * Lax, not Strict: the owner opens the page from a bookmark or a message and is still signed in; a
 * form posted from another site carries no cookie, and the posts check their Origin anyway.
 */
function cookieAttributes(req: IncomingMessage): string {
  return `; Path=/; HttpOnly; SameSite=Lax${secure(req) ? '; Secure' : ''}`;
}

function clearCookie(req: IncomingMessage): string {
  return `${COOKIE}=; Max-Age=0${cookieAttributes(req)}`;
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * A form posted from this server's own page: its Origin, when the browser sends one, names this host,
 * as the browser asked for it (Host) or as a reverse proxy that rewrites Host passes it on
 * (X-Forwarded-Host: nginx's default proxy_pass sends Host: 127.0.0.1:8787). A page on another site
 * cannot set either header on a form its visitor posts. Host names are compared without their port,
 * as SameSite does: nginx's `$host` carries none, even when the site is on :8443.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const forwarded = String(req.headers['x-forwarded-host'] ?? '').split(',')[0];
  try {
    const wanted = new URL(origin).hostname;
    return [req.headers.host ?? '', forwarded].some((h) => hostname(h) === wanted);
  } catch {
    return false;
  }
}

/** The host name of a Host header ("Sync.Example.com:443", "[::1]:8787"), lower case and without its port. */
function hostname(header: string): string | null {
  const trimmed = header.trim();
  if (!trimmed) return null;
  try {
    return new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
}

function redirectHome(res: ServerResponse, lang: Lang, setCookie?: string): void {
  res.writeHead(303, { Location: `/?lang=${lang}`, ...(setCookie ? { 'Set-Cookie': setCookie } : {}), 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

function sendHtml(res: ServerResponse, status: number, page: string, setCookie?: string, retryAfterS?: number): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(page),
    'Content-Security-Policy': OWNER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // not no-referrer: under it Chromium posts forms with "Origin: null", which sameOrigin() refuses
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
    ...(retryAfterS ? { 'Retry-After': String(retryAfterS) } : {}),
  });
  res.end(page);
}
