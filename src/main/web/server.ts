import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from '../core';
import { CSP } from '../security/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
};

const MAX_BODY = 10 * 1024 * 1024;

export interface WebServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Browser mode: the same handler table as Electron IPC, over loopback HTTP. Only 127.0.0.1 listens;
 * every API call needs the per-launch token; the Host header must name this server (defeats DNS
 * rebinding); the renderer's files are served with the same CSP as in the desktop window.
 */
export async function startWebServer(core: Core, options: { rendererFolder: string; port?: number; token?: string }): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = 0;

  const hostAllowed = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  // defence in depth behind the token: a browser names the page that sent the request; only our own pages may call
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };
  const tokenOk = (given: string | undefined) => {
    if (!given) return false;
    const buf = Buffer.from(given);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  /** Anything unexpected while answering: logged in main, a generic 500 to the client, the connection closed. */
  const fail = (res: ServerResponse, error: unknown) => {
    core.reportUnexpected('browser mode request', error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(JSON.stringify({ ok: false, error: { code: 'internal', message: 'Unexpected error' } }));
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!hostAllowed(req)) return send(res, 421, { ok: false, error: { code: 'forbidden', message: 'Wrong host' } });
    const target = parseTarget(req.url, port);
    if (!target) return send(res, 400, { ok: false, error: { code: 'validation', message: 'Malformed request URL' } });
    const { url, path } = target;

    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(req)) return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Requests from other sites are refused' } });
      const events = url.pathname === '/api/events' && req.method === 'GET';
      // the token travels in a header; only the event stream takes it from the query (EventSource cannot send headers)
      const header = req.headers['x-shelfcast-token'];
      const given = (Array.isArray(header) ? header[0] : header) ?? (events ? (url.searchParams.get('token') ?? undefined) : undefined);
      if (!tokenOk(given)) {
        return send(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token' } });
      }
      if (events) return streamEvents(core, req, res);
      if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
        const channel = path.slice('/api/call/'.length);
        return void readJson(req).then(
          (body) =>
            core.call(channel, body).then(
              (result) => send(res, 200, result),
              (error: unknown) => fail(res, error),
            ),
          (error: Error) => send(res, 400, { ok: false, error: { code: 'validation', message: error.message } }),
        );
      }
      return send(res, 404, { ok: false, error: { code: 'unknown_channel', message: 'No such endpoint' } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'validation', message: 'Method not allowed' } });
    serveStatic(options.rendererFolder, path, res, (error) => fail(res, error));
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      fail(res, error);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Request too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new Error('The request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function streamEvents(core: Core, req: IncomingMessage, res: ServerResponse): void {
  const off = core.onEvent((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
  req.on('close', off);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
}

/**
 * The request target, parsed without throwing: its URL (an origin-form target only, so `//host/...`
 * stays a path) and its decoded path; null for anything malformed (bad %-escapes, NUL, absolute form).
 */
function parseTarget(raw: string | undefined, port: number): { url: URL; path: string } | null {
  if (!raw?.startsWith('/')) return null;
  try {
    const url = new URL(`http://127.0.0.1:${port}${raw}`);
    const path = decodeURIComponent(url.pathname);
    return path.includes('\0') ? null : { url, path };
  } catch {
    return null;
  }
}

function serveStatic(root: string, pathname: string, res: ServerResponse, onError: (error: unknown) => void): void {
  const rel = normalize(pathname).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  // client-side routes fall back to the app's page
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The interface is not built yet: run `npm run build` first.');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).on('error', onError).pipe(res);
}
