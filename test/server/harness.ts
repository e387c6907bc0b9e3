import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import { createSyncApp, type SyncAppOptions } from '../../server/src/app';
import { createPool } from '../../server/src/db';
import { migrate } from '../../server/src/migrate';
import type { SyncPush } from '../../src/shared/sync/protocol';
import { startPostgres } from '../helpers/postgres';

/** One PostgreSQL server per test file; each test that wants a clean slate takes a fresh database in it. */
export async function startCluster() {
  const postgres = await startPostgres();
  const pools: pg.Pool[] = [];
  const clients = new Set<pg.PoolClient>();
  const tracked = (url: string, max?: number) => {
    const pool = createPool(url, max);
    pool.on('connect', (client) => clients.add(client as pg.PoolClient));
    pools.push(pool);
    return pool;
  };
  const admin = tracked(postgres.url, 2);
  let n = 0;
  return {
    url: postgres.url,
    /** A new empty database and a pool on it: `url` for a child process, `pool` for the test. */
    async database(): Promise<{ url: string; pool: pg.Pool }> {
      const name = `t${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = postgres.url.replace(/\/postgres$/, `/${name}`);
      return { url, pool: tracked(url) };
    },
    async stop() {
      await Promise.all(pools.map((p) => p.end()));
      // pool.end() resolves before its connections have closed: PostgreSQL shutting down under one would raise an unhandled error
      await Promise.all([...clients].map((c) => (c as unknown as pg.Client).end().catch(() => {})));
      await postgres.stop();
    },
  };
}

/** The sync app on 127.0.0.1, a free port, over a migrated database. */
export async function startApp(pool: pg.Pool, options: Omit<SyncAppOptions, 'pool'> = {}): Promise<{ base: string; server: Server; close(): Promise<void> }> {
  await migrate(pool);
  const server = createServer(createSyncApp({ pool, ...options }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export async function postPush(base: string, token: string | null, body: unknown, opts: { gzip?: boolean; raw?: Buffer | string; headers?: Record<string, string> } = {}) {
  const json = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.gzip) headers['Content-Encoding'] = 'gzip';
  const res = await fetch(`${base}/v1/push`, { method: 'POST', headers, body: opts.gzip ? gzipSync(json) : json });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Row counts of every table a push writes, to show a refused or repeated push changed nothing. */
export async function counts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM stock) AS stock, (SELECT count(*) FROM lots) AS lots,
            (SELECT count(*) FROM movements) AS movements, (SELECT count(*) FROM sales) AS sales,
            (SELECT count(*) FROM sale_lines) AS sale_lines, (SELECT count(*) FROM sale_tenders) AS sale_tenders,
            (SELECT count(*) FROM events) AS events`,
  );
  return rows[0];
}

/** A shop's push with one of everything: 1.250 kg of rice sold, a lot with an expiry and one without, a return. */
export function samplePush(overrides: Partial<SyncPush> = {}): SyncPush {
  return {
    protocol: 1,
    shop: { name: 'Dakar Plateau', epoch: 'epoch-one', currency: 'XOF', appVersion: '0.1.0' },
    products: [
      { id: 1, sku: 'RIZ', name: 'Riz parfumé', category: 'Épicerie', unit: 'kg', costMinor: 500, priceMinor: 650, vatRateBp: 1800, active: true, updatedAt: '2026-05-01T08:00:00.000Z' },
      { id: 2, sku: 'LAIT', name: 'Lait "entier" 1 L', category: 'Frais', unit: 'pcs', costMinor: 700, priceMinor: 900, vatRateBp: 0, active: false, updatedAt: '2026-05-01T09:30:00.000+01:00' },
    ],
    stock: [
      { productId: 1, onHandMilli: 48_750, updatedAt: '2026-05-04T09:00:00.000Z' },
      { productId: 2, onHandMilli: 12_000, updatedAt: '2026-05-04T09:00:00.000Z' },
    ],
    lots: [{ productId: 2, lots: [{ lot: 'L24-07', expiry: '2026-06-30', milli: 12_000 }] }],
    movements: [
      { id: 10, productId: 1, kind: 'receipt', qtyMilli: 50_000, unitCostMinor: 500, unitPriceMinor: 650, reason: '', reference: 'PO-1', lot: null, expiry: null, userId: 1, occurredAt: '2026-05-03T17:00:00.000Z', businessDate: '2026-05-03' },
      { id: 11, productId: 2, kind: 'receipt', qtyMilli: 12_000, unitCostMinor: 700, unitPriceMinor: 900, reason: '', reference: 'PO-1', lot: 'L24-07', expiry: '2026-06-30', userId: 1, occurredAt: '2026-05-03T17:05:00.000Z', businessDate: '2026-05-03' },
      { id: 12, productId: 1, kind: 'sale', qtyMilli: -1_250, unitCostMinor: 500, unitPriceMinor: 650, reason: '', reference: 'T-1', lot: null, expiry: null, userId: 2, occurredAt: '2026-05-04T09:00:00.000Z', businessDate: '2026-05-04' },
    ],
    sales: [
      {
        id: 100,
        receiptNo: 1,
        kind: 'sale',
        originalSaleId: null,
        userId: 2,
        at: '2026-05-04T09:00:00.000Z',
        businessDate: '2026-05-04',
        subtotalMinor: 813,
        discountMinor: 0,
        totalMinor: 813,
        currency: 'XOF',
        lines: [{ lineNo: 1, productId: 1, name: 'Riz parfumé', qtyMilli: 1_250, unitPriceMinor: 650, discountMinor: 0, netMinor: 813, vatRateBp: 1800, vatMinor: 124, movementId: 12 }],
        tenders: [
          { tender: 'cash', amountMinor: 500 },
          { tender: 'mobile_money', amountMinor: 313 },
        ],
      },
    ],
    events: [
      { id: 1000, at: '2026-05-04T09:01:00.000Z', entity: 'sale', action: 'void_line', entityId: '100', data: { line: 2, reason: 'scanné deux fois', by: { id: 2, role: 'cashier' }, amounts: [650, null] } },
      { id: 1001, at: '2026-05-04T09:02:00.000Z', entity: 'product', action: 'price_override', entityId: '1', data: null },
    ],
    ...overrides,
  };
}

const ROOT = join(__dirname, '..', '..');

/** Starts the server's command line (npx tsx server/src/main.ts); DATABASE_URL only when `env` gives one. */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcessWithoutNullStreams {
  const childEnv = { ...process.env, ...env };
  if (env.DATABASE_URL === undefined) delete childEnv.DATABASE_URL;
  return spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join('server', 'src', 'main.ts'), ...args], { cwd: ROOT, env: childEnv });
}

/** Runs the server's command line to its end. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
