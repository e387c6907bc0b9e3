/**
 * bench:sync — a shop's first push to the central server (the demo shop: 400 products, two years of
 * stock movements) and the push after a day of trade, against the real server on a real PostgreSQL
 * on this machine. Prints wall time, requests, bytes on the wire and rows a second, per run and as
 * medians, then the time the owner's page takes over the shops the runs pushed. A slow link adds its
 * own latency per request: divide the bytes by the link's speed.
 * Usage: npm run bench:sync [-- --runs 3 --sales 300]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { rowsOf, type SyncOutcome } from '../src/shared/api/contract';
import { createSyncApp } from '../server/src/app';
import { createPool } from '../server/src/db';
import { addOwnerKey, addShop } from '../server/src/keys';
import { migrate } from '../server/src/migrate';
import { startPostgres } from '../test/helpers/postgres';
import { MIGRATIONS, tempDir } from '../test/helpers/core';
import { median, round } from './lib/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
const SALES = arg('sales', 300);

interface Measured {
  seconds: number;
  requests: number;
  wireMb: number;
  rows: number;
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const pool = createPool(postgres.url, 4);
  await migrate(pool);
  const server = createServer(createSyncApp({ pool }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const first: Measured[] = [];
  const daily: Measured[] = [];
  const pageMs: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const { token } = await addShop(pool, `Bench ${run}`);
      const tmp = tempDir('shelfcast-bench-sync-');
      let wire = 0;
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests += 1;
        wire += (init?.body as Buffer | undefined)?.byteLength ?? 0;
        return fetch(input, init);
      };
      const core = new Core({ dbPath: `${tmp.dir}/shop.db`, migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench', syncFetch: counting });
      try {
        const must = async <T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> => {
          const r = await p;
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          return r.data as T;
        };
        await must(core.call('onboarding.demo', {}));
        await must(core.call('sync.configure', { url: base, key: token }));
        const measure = async (): Promise<Measured> => {
          [wire, requests] = [0, 0];
          const t0 = performance.now();
          const outcome = await must<SyncOutcome>(core.call('sync.push', {}));
          // every row on the wire, stock levels included
          const rows = rowsOf(outcome.sent) + outcome.sent.stock;
          return { seconds: (performance.now() - t0) / 1000, requests, wireMb: wire / 1e6, rows };
        };
        first.push(await measure());
        const products = core.store.sqlite.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id LIMIT 50').pluck().all() as number[];
        for (let i = 0; i < SALES; i++) {
          const lines = [0, 1, 2].map((k) => ({ productId: products[(i * 3 + k) % products.length], quantity: 1 }));
          await must(core.call('pos.checkout', { lines, tenders: [{ tender: 'cash', amountMinor: 10_000_000 }] }));
        }
        daily.push(await measure());
      } finally {
        core.close();
        tmp.cleanup();
      }
      const f = first.at(-1)!;
      const d = daily.at(-1)!;
      console.log(`run ${run}: first push ${f.rows} rows in ${round(f.seconds, 2)} s, ${f.requests} requests, ${round(f.wireMb, 2)} MB gzipped; after ${SALES} sales ${d.rows} rows in ${round(d.seconds, 3)} s, ${d.requests} requests, ${round(d.wireMb * 1000, 1)} kB`);
    }
    // the owner's page over every shop the runs pushed (each a year of the demo shop)
    const signedIn = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key: await addOwnerKey(pool) }) });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/`, { headers: { Cookie: cookie } });
      const page = await res.text();
      if (!res.ok || !page.includes('data-testid="overview"')) throw new Error(`the owner's page did not render: ${res.status}`);
      pageMs.push(performance.now() - t0);
    }
    console.log(`owner's page over ${RUNS} shops: ${pageMs.map((ms) => Math.round(ms)).join(' / ')} ms`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
    await postgres.stop();
  }
  const m = (xs: Measured[], k: keyof Measured) => median(xs.map((x) => x[k]));
  console.log(
    `medians of ${RUNS}: first push ${m(first, 'rows')} rows ${round(m(first, 'seconds'), 2)} s (${Math.round(m(first, 'rows') / m(first, 'seconds'))} rows/s), ${m(first, 'requests')} requests, ${round(m(first, 'wireMb'), 2)} MB on the wire; ` +
      `after ${SALES} sales ${m(daily, 'rows')} rows ${round(m(daily, 'seconds'), 3)} s, ${m(daily, 'requests')} requests, ${round(m(daily, 'wireMb') * 1000, 1)} kB; ` +
      `owner's page ${Math.round(median(pageMs))} ms`,
  );
  console.log(JSON.stringify({ first: { seconds: m(first, 'seconds'), requests: m(first, 'requests'), wire_mb: m(first, 'wireMb'), rows: m(first, 'rows') }, daily: { seconds: m(daily, 'seconds'), requests: m(daily, 'requests'), wire_mb: m(daily, 'wireMb'), rows: m(daily, 'rows') }, owner_page_ms: median(pageMs) }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
