import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/main/core';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { openTestCore, tempDir } from '../helpers/core';

interface Answer {
  status: number;
  body: string;
  closed: boolean;
}

/** A raw HTTP request (node:http sends the path as written, unlike fetch, which would normalize it). */
function raw(web: WebServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${web.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, closed: res.headers.connection === 'close' }));
      },
    );
    req.setTimeout(3000, () => req.destroy(new Error(`no answer to ${path} within 3 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode server: real HTTP against the real core', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let web: WebServer;
  const unexpected = vi.fn();

  beforeEach(async () => {
    tmp = tempDir();
    const root = join(tmp.dir, 'renderer');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), 'INDEX');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'SECRET');
    core = openTestCore(tmp.dir);
    unexpected.mockReset();
    process.on('uncaughtException', unexpected);
    web = await startWebServer(core, { rendererFolder: root });
  });
  afterEach(async () => {
    await web.close();
    core.close();
    process.off('uncaughtException', unexpected);
    tmp.cleanup();
  });

  it('answers 400 to malformed request URLs, before and after the token check, and keeps serving', async () => {
    const token = { 'x-shelfcast-token': web.token };
    for (const path of ['/%', '/%E0%A4%A', '/a%00b', '/%2e%2e%2f%']) {
      const answer = await raw(web, path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'validation', message: 'Malformed request URL' } });
    }
    expect((await raw(web, '/api/call/%', { method: 'POST', headers: token, body: '{}' })).status).toBe(400);
    expect((await raw(web, '/api/call/%E0%A4%A', { method: 'POST', headers: token, body: '{}' })).status).toBe(400);
    expect(unexpected).not.toHaveBeenCalled();
    expect(await raw(web, '/index.html')).toMatchObject({ status: 200, body: 'INDEX' });
    // a path that only looks like a host (`//...`) is a path, kept inside the app's folder
    for (const path of ['//..%2fsecret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt']) expect(await raw(web, path), path).toMatchObject({ status: 200, body: 'INDEX' });
  });

  it('answers 500 and closes the connection when a request fails unexpectedly', async () => {
    const logged = vi.spyOn(core, 'reportUnexpected');
    vi.spyOn(core, 'onEvent').mockImplementation(() => {
      throw new Error('boom');
    });
    const answer = await raw(web, '/api/events', { headers: { 'x-shelfcast-token': web.token } });
    expect(answer).toMatchObject({ status: 500, closed: true });
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
    expect(answer.body).not.toContain('boom');
    expect(logged).toHaveBeenCalledWith('browser mode request', expect.any(Error));
    expect(unexpected).not.toHaveBeenCalled();
    expect((await raw(web, '/index.html')).status).toBe(200);
  });

  it('answers 500 when the core itself fails on a call (never a hanging request)', async () => {
    vi.spyOn(core, 'call').mockRejectedValue(new Error('disk gone'));
    const answer = await raw(web, '/api/call/app.info', { method: 'POST', headers: { 'x-shelfcast-token': web.token }, body: '{}' });
    expect(answer).toMatchObject({ status: 500, closed: true });
    expect(answer.body).not.toContain('disk gone');
  });

  it('takes the token from the query string only on the event stream', async () => {
    const query = await raw(web, `/api/call/app.info?token=${web.token}`, { method: 'POST', body: '{}' });
    expect(query.status).toBe(401);
    const header = await raw(web, '/api/call/app.info', { method: 'POST', headers: { 'x-shelfcast-token': web.token }, body: '{}' });
    expect(header.status).toBe(200);
    expect(JSON.parse(header.body)).toMatchObject({ ok: true, data: { mode: 'web' } });

    // EventSource cannot send headers: the stream alone accepts ?token=
    const stream = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: web.port, path: `/api/events?token=${web.token}`, headers: { host: `127.0.0.1:${web.port}` } }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(stream).toBe(200);
    expect((await raw(web, '/api/events?token=wrong')).status).toBe(401);
  });

  it('refuses API calls sent by another site, even with the token; our own origin and plain clients pass', async () => {
    const call = (headers: Record<string, string>) => raw(web, '/api/call/app.info', { method: 'POST', headers: { 'x-shelfcast-token': web.token, ...headers }, body: '{}' });
    const foreign = await call({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call({ origin: `http://localhost:${web.port + 1}` })).status).toBe(403);
    expect((await call({ origin: 'null' })).status).toBe(403);
    expect((await call({ origin: `http://127.0.0.1:${web.port}` })).status).toBe(200);
    expect((await call({})).status).toBe(200);
    expect((await call({ host: `evil.com:${web.port}` })).status).toBe(421);
  });
});
