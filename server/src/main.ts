import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type pg from 'pg';
import { SYNC_PROTOCOL } from '../../src/shared/sync/protocol';
import { createSyncApp } from './app';
import { createPool } from './db';
import { addOwnerKey, addShop, replaceShopToken, shopNameProblem } from './keys';
import { migrate } from './migrate';

const USAGE = `Shelfcast sync server

Usage: npm run server -- <command> [options]

  migrate                                  create or update the server's tables
  serve [--port 8787] [--host 127.0.0.1]   update the tables, then take the shops' pushes
  add-shop --name "Dakar Plateau"          register a shop and print its token (shown once)
  new-key --shop 3                         give shop 3 a new token (a lost or leaked one stops working);
                                           also for a PC that replaces the shop's old one
  owner-key                                print a new owner key (shown once)

Every command takes --database-url postgres://user:password@host:5432/db, or reads DATABASE_URL.`;

/** Wrong use of the command line: exit code 2. */
class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { 'database-url': { type: 'string' } };
const COMMANDS: Record<string, Options> = {
  migrate: {},
  serve: { port: { type: 'string' }, host: { type: 'string' } },
  'add-shop': { name: { type: 'string' } },
  'new-key': { shop: { type: 'string' } },
  'owner-key': {},
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  const commandOptions = COMMANDS[command];
  if (!commandOptions) throw new UsageError(`unknown command "${command}"`);
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: rest, options: { ...COMMON, ...commandOptions }, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`${command}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const databaseUrl = str('database-url') ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new UsageError('no database: pass --database-url postgres://user:password@host:5432/db or set DATABASE_URL');

  if (command === 'serve') return serve(databaseUrl, parsePort(str('port') ?? '8787'), str('host') ?? '127.0.0.1');
  const name = str('name');
  if (command === 'add-shop') {
    if (name === undefined) throw new UsageError('add-shop needs the shop\'s name: --name "Dakar Plateau"');
    const problem = shopNameProblem(name);
    if (problem) throw new UsageError(`add-shop: ${problem}`);
  }
  const shopId = command === 'new-key' ? parseShopId(str('shop')) : 0;
  await withPool(databaseUrl, async (pool) => {
    const applied = await migrate(pool);
    if (command === 'migrate') {
      console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
    } else if (command === 'add-shop') {
      const shop = await addShop(pool, name ?? '');
      console.log(`Shop "${name?.trim()}" is registered (id ${shop.id}). Its token, shown only this once:\n\n  ${shop.token}\n`);
      console.log(PASTE_IT);
    } else if (command === 'new-key') {
      const shop = await replaceShopToken(pool, shopId);
      if (!shop) throw new UsageError(`new-key: there is no shop ${shopId} (GET /v1/shops lists them)`);
      console.log(`Shop "${shop.name}" (id ${shopId}) has a new token; the old one no longer works. Shown only this once:\n\n  ${shop.token}\n`);
      console.log(PASTE_IT);
    } else {
      const key = await addOwnerKey(pool);
      console.log(`A new owner key, shown only this once:\n\n  ${key}\n`);
      console.log("Keep it private: it reads every shop's figures (GET /v1/shops).");
    }
  });
}

const PASTE_IT = "Paste it in the shop's Settings > Central server (Serveur central), with this server's https:// address.";

function parseShopId(text: string | undefined): number {
  if (text === undefined) throw new UsageError('new-key needs the shop\'s id: --shop 3');
  const id = /^\d{1,15}$/.test(text) ? Number(text) : 0;
  if (id < 1) throw new UsageError(`--shop "${text}" is not a shop id (a whole number from 1)`);
  return id;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port "${text}" is not a port number (0 to 65535)`);
  return port;
}

async function withPool(url: string, work: (pool: pg.Pool) => Promise<void>): Promise<void> {
  const pool = createPool(url, 2);
  try {
    await work(pool);
  } finally {
    await pool.end();
  }
}

async function serve(databaseUrl: string, port: number, host: string): Promise<void> {
  const pool = createPool(databaseUrl);
  try {
    const applied = await migrate(pool);
    if (applied.length) console.log(`Applied ${applied.join(', ')}.`);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const server = createServer(createSyncApp({ pool }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e: NodeJS.ErrnoException) => {
    await pool.end();
    throw e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already taken: choose another with --port`) : e;
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(`Shelfcast sync server (protocol ${SYNC_PROTOCOL}) listening on http://${shown}:${address.port}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl+C does not wait for the requests in flight
    stopping = true;
    console.log(`${signal}: finishing the requests in flight, then stopping`);
    server.close(() => {
      pool.end().then(
        () => console.log('Stopped.'),
        (e: Error) => console.error(`closing the database connections failed: ${e.message}`),
      );
    });
    server.closeIdleConnections();
    // a client that keeps its connection open does not hold the server up for long
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`Failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
});
