import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/build';
import { MIGRATIONS_DIR } from '../../server/src/migrate';
import { tempDir } from '../helpers/core';
import { postPush, samplePush, startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
// outside the repository: nothing in node_modules can be found from there
const tmp = tempDir('shelfcast-server-bundle-');
let folder: string;
beforeAll(async () => {
  [cluster, folder] = await Promise.all([startCluster(), buildServer(tmp.dir)]);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  tmp.cleanup();
});

function node(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join('src', 'main.cjs'), ...args], { cwd: folder, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, out: () => stdout };
}

describe('npm run build:server: one folder the host runs with plain node, no npm install', () => {
  it('holds the bundle, every migration and the bundled packages\' licences', () => {
    expect(readdirSync(folder).sort()).toEqual(['LICENSES.txt', 'README.txt', 'migrations', 'src']);
    expect(readdirSync(join(folder, 'migrations'))).toEqual(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')));
    const licences = readFileSync(join(folder, 'LICENSES.txt'), 'utf8');
    expect(licences).toMatch(/^pg \d+\.\d+\.\d+$/m);
    expect(licences).toMatch(/^zod \d+\.\d+\.\d+$/m);
    expect(existsSync(join(folder, 'node_modules'))).toBe(false);
  });

  it('migrates, registers a shop and an owner, serves pushes and the owner\'s page, and stops on SIGTERM', async () => {
    const { url } = await cluster.database();
    const env = { DATABASE_URL: url };
    expect((await node(['migrate'], env).done).stdout).toMatch(/0001_init\.sql/);
    const shop = await node(['add-shop', '--name', 'Dakar Plateau'], env).done;
    expect(shop.code).toBe(0);
    const token = /shk_[A-Za-z0-9_-]{43}/.exec(shop.stdout)![0];
    const key = /own_[A-Za-z0-9_-]{43}/.exec((await node(['owner-key'], env).done).stdout)![0];

    const server = node(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    const base = await new Promise<string>((resolve, reject) => {
      server.child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.out());
        if (m) resolve(m[1]);
      });
      void server.done.then((r) => reject(new Error(`serve exited ${r.code}: ${r.stdout}${r.stderr}`)));
    });
    try {
      expect(await postPush(base, token, samplePush())).toMatchObject({ status: 200, body: { ok: true, stored: { sales: 1 } } });
      const signedIn = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key }) });
      expect(signedIn.status).toBe(303);
      const page = await (await fetch(`${base}/`, { headers: { Cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] } })).text();
      expect(page).toContain('Dakar Plateau');
      expect(page.replace(/[\u00a0\u202f]/g, ' ')).toContain('813 FCFA');
    } finally {
      server.child.kill('SIGTERM');
    }
    const ended = await server.done;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/Stopped\./);
  });
});
