import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPush, runCli, samplePush, startApp, startCli, startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const start = startCli;
const cli = runCli;

describe('the server command line (npx tsx server/src/main.ts)', () => {
  it('add-shop prints a token, once, that then authenticates that shop\'s pushes', async () => {
    const { url, pool } = await cluster.database();
    const added = await cli(['add-shop', '--name', 'Dakar Plateau'], { DATABASE_URL: url });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Settings > Central server \(Serveur central\)/);
    const token = /shk_[A-Za-z0-9_-]{43}/.exec(added.stdout)?.[0];
    expect(token).toBeDefined();

    // the server, as the owner runs it, on a port the OS picks
    const server = start(['serve', '--port', '0', '--host', '127.0.0.1'], { DATABASE_URL: url });
    let out = '';
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    try {
      const res = await postPush(base, token!, samplePush());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, stored: { movements: 3 } });
      expect((await postPush(base, token!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), samplePush())).status).toBe(401);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/Stopped\./);
    expect((await pool.query('SELECT name, currency FROM shops')).rows).toEqual([{ name: 'Dakar Plateau', currency: 'XOF' }]);
  });

  it('owner-key prints a key that reads the shops\' summary; migrate on a migrated database says it is up to date', async () => {
    const { url, pool } = await cluster.database();
    const made = await cli(['owner-key', '--database-url', url]);
    expect(made.code).toBe(0);
    const key = /own_[A-Za-z0-9_-]{43}/.exec(made.stdout)?.[0];
    const app = await startApp(pool);
    const res = await fetch(`${app.base}/v1/shops`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    await app.close();
    const migrated = await cli(['migrate', '--database-url', url]);
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringMatching(/up to date/) });
  });

  it('new-key replaces a lost shop token: the new one pushes, the old one is refused, the shop keeps its id and data', async () => {
    const { url, pool } = await cluster.database();
    const added = await cli(['add-shop', '--name', 'Thiès'], { DATABASE_URL: url });
    const old = /shk_[A-Za-z0-9_-]{43}/.exec(added.stdout)![0];
    const id = Number(/\(id (\d+)\)/.exec(added.stdout)![1]);
    const app = await startApp(pool);
    expect((await postPush(app.base, old, samplePush())).status).toBe(200);
    const renewed = await cli(['new-key', '--shop', String(id)], { DATABASE_URL: url });
    expect(renewed.code).toBe(0);
    expect(renewed.stdout).toMatch(/Shop "Thiès" \(id \d+\) has a new token; the old one no longer works/);
    const fresh = /shk_[A-Za-z0-9_-]{43}/.exec(renewed.stdout)![0];
    expect((await postPush(app.base, old, samplePush())).status).toBe(401);
    const again = await postPush(app.base, fresh, samplePush());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ shopId: id, stored: { movements: 0 } });
    await app.close();
    const nobody = await cli(['new-key', '--shop', '999'], { DATABASE_URL: url });
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/there is no shop 999/);
  });

  it.each([
    ['new-key without a shop', ['new-key'], /needs the shop's id: --shop 3/],
    ['an unknown option', ['add-shop', '--name', 'X', '--colour', 'red'], /Unknown option '--colour'/],
    ['an unknown command', ['start'], /unknown command "start"/],
    ['add-shop without a name', ['add-shop'], /needs the shop's name/],
    ['a blank shop name', ['add-shop', '--name', '  '], /needs a name/],
    ['a port that is no number', ['serve', '--port', 'eighty'], /--port "eighty" is not a port number/],
  ])('%s exits 2 with a message and the usage', async (_what, args, message) => {
    const { url } = await cluster.database();
    const r = await cli(args, { DATABASE_URL: url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: npm run server -- <command>/);
  });

  it('no database URL exits 2, saying how to give one', async () => {
    const r = await cli(['migrate'], { DATABASE_URL: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--database-url .* or set DATABASE_URL/);
  });

  it('a database that cannot be reached exits 1 with the reason', async () => {
    const r = await cli(['migrate', '--database-url', 'postgres://nobody:secret@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Failed: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain('secret');
  });
});
