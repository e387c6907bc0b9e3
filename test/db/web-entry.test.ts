import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';

describe('npm run web entry (src/main/web/start.ts)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('starts the core on 127.0.0.1 with a per-launch token, on the database SHELFCAST_DB names', async () => {
    const dbPath = join(tmp.dir, 'headless.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'main', 'web', 'start.ts')], {
      env: { ...process.env, SHELFCAST_DB: dbPath, SHELFCAST_DATA_DIR: tmp.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const { origin, hash } = new URL(url);
      const token = hash.replace('#token=', '');
      const info = await fetch(`${origin}/api/call/app.info`, { method: 'POST', body: '{}', headers: { 'x-shelfcast-token': token } });
      expect(await info.json()).toMatchObject({ ok: true, data: { mode: 'web', dbPath } });
      const other = await fetch(`${origin}/api/call/app.info`, { method: 'POST', body: '{}', headers: { 'x-shelfcast-token': 'x'.repeat(token.length) } });
      expect(other.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
