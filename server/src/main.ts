import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type pg from 'pg';
import { SYNC_PROTOCOL } from '../../src/shared/sync/protocol';
import { listShops, removeShop, shopRemovalPreview, type ShopRemoval, type ShopRow, type ShopTable } from './admin';
import { createSyncApp } from './app';
import { createPool } from './db';
import { addOwnerKey, addShop, listOwnerKeys, ownerKeyLabelProblem, replaceShopToken, revokeOwnerKey, shopNameProblem, type OwnerKeyRow } from './keys';
import { migrate } from './migrate';

const USAGE = `Shelfcast sync server

Usage: npm run server -- <command> [options]

  migrate                                  create or update the server's tables
  serve [--port 8787] [--host 127.0.0.1]   update the tables, then take the shops' pushes
  add-shop --name "Dakar Plateau"          register a shop and print its token (shown once)
  shops                                    list the shops: id, name, last push, the name the shop gives itself
  new-key --shop 3                         give shop 3 a new token (a lost or leaked one stops working);
                                           also for a PC that replaces the shop's old one
  remove-shop --shop 3                     show what removing shop 3 would delete; changes nothing
  remove-shop --shop 3 --yes               delete shop 3 and everything it pushed; its token stops working
  owner-key [--label "phone Awa"]          print a new owner key (shown once); the label tells keys apart
  owner-keys                               list the owner keys: id, when made, when last used, label
  revoke-owner-key --id 2                  owner key 2 stops working at once (a lost phone, say)

Every command takes --database-url postgres://user:password@host:5432/db, or reads DATABASE_URL.`;

/** Wrong use of the command line: exit code 2. */
class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { 'database-url': { type: 'string' } };
const COMMANDS: Record<string, Options> = {
  migrate: {},
  serve: { port: { type: 'string' }, host: { type: 'string' } },
  'add-shop': { name: { type: 'string' } },
  shops: {},
  'new-key': { shop: { type: 'string' } },
  'remove-shop': { shop: { type: 'string' }, yes: { type: 'boolean' } },
  'owner-key': { label: { type: 'string' } },
  'owner-keys': {},
  'revoke-owner-key': { id: { type: 'string' } },
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
  const label = str('label');
  if (label !== undefined) {
    const problem = ownerKeyLabelProblem(label);
    if (problem) throw new UsageError(`owner-key --label: ${problem}`);
  }
  const shopId = command === 'new-key' || command === 'remove-shop' ? parseId(command, 'shop', str('shop')) : 0;
  const keyId = command === 'revoke-owner-key' ? parseId(command, 'id', str('id')) : 0;
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
      if (!shop) throw new UsageError(`new-key: there is no shop ${shopId} (the shops command lists them)`);
      console.log(`Shop "${shop.name}" (id ${shopId}) has a new token; the old one no longer works. Shown only this once:\n\n  ${shop.token}\n`);
      console.log(PASTE_IT);
    } else if (command === 'shops') {
      console.log(shopsTable(await listShops(pool)));
    } else if (command === 'remove-shop') {
      if (values.yes !== true) {
        const preview = await shopRemovalPreview(pool, shopId);
        if (!preview) throw new UsageError(`remove-shop: there is no shop ${shopId} (the shops command lists them)`);
        console.log(`${describeShop(preview.shop)}\nRemoving it would delete the shop and, of what it pushed:\n${rowsText(preview)}\n`);
        console.log(`Nothing was changed. To remove it, with everything it pushed, run: remove-shop --shop ${shopId} --yes`);
        return;
      }
      const removed = await removeShop(pool, shopId);
      if (!removed) throw new UsageError(`remove-shop: there is no shop ${shopId} (the shops command lists them)`);
      console.log(`Shop "${removed.shop.name}" (id ${shopId}) is removed; its token no longer works. Deleted with it:\n${rowsText(removed)}`);
    } else if (command === 'owner-keys') {
      console.log(ownerKeysTable(await listOwnerKeys(pool)));
    } else if (command === 'revoke-owner-key') {
      const revoked = await revokeOwnerKey(pool, keyId);
      if (!revoked) throw new UsageError(`revoke-owner-key: there is no owner key ${keyId} (the owner-keys command lists them)`);
      console.log(`Owner key ${keyId}${revoked.label ? ` ("${revoked.label}")` : ''} is revoked: from now on it opens neither the owner's page nor GET /v1/shops.`);
      if ((await listOwnerKeys(pool)).length === 0) console.log('No owner key is left: make one with owner-key.');
    } else {
      const key = await addOwnerKey(pool, label);
      console.log(`A new owner key${label ? ` ("${label.trim()}")` : ''}, shown only this once:\n\n  ${key}\n`);
      console.log("Keep it private: it reads every shop's figures (GET /v1/shops). owner-keys lists the keys, revoke-owner-key stops one.");
    }
  });
}

/** A time in UTC, to the minute: "2026-05-10 12:00 UTC". */
function when(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never';
}

/** Rows of text in columns: the widest cell sets each column's width. */
function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

function shopsTable(shops: ShopRow[]): string {
  if (shops.length === 0) return 'No shop is registered yet: add one with add-shop --name "...".';
  return columns([['id', 'name', 'last push', 'calls itself'], ...shops.map((s) => [String(s.id), s.name, when(s.lastPushAt), s.reportedName ?? '-'])]);
}

function ownerKeysTable(keys: OwnerKeyRow[]): string {
  if (keys.length === 0) return 'No owner key yet: make one with owner-key.';
  return columns([['id', 'created', 'last used', 'label'], ...keys.map((k) => [String(k.id), when(k.createdAt), when(k.lastUsedAt), k.label ?? '-'])]);
}

function describeShop(shop: ShopRow): string {
  const calls = shop.reportedName && shop.reportedName !== shop.name ? `, which calls itself "${shop.reportedName}"` : '';
  return `Shop "${shop.name}" (id ${shop.id}${calls}), registered ${when(shop.createdAt)}, last push ${when(shop.lastPushAt)}.`;
}

const TABLE_WORDS: Record<ShopTable, string> = {
  products: 'products',
  stock: 'stock levels',
  lots: 'lots',
  movements: 'stock movements',
  sales: 'sales and returns',
  sale_lines: 'sale lines',
  sale_tenders: 'payments',
  events: 'journal events',
};

function rowsText(removal: ShopRemoval): string {
  return columns((Object.keys(TABLE_WORDS) as ShopTable[]).map((t) => [`  ${TABLE_WORDS[t]}`, String(removal.rows[t])]));
}

const PASTE_IT = "Paste it in the shop's Settings > Central server (Serveur central), with this server's https:// address.";

function parseId(command: string, option: 'shop' | 'id', text: string | undefined): number {
  const what = option === 'shop' ? "the shop's id" : "the owner key's id";
  if (text === undefined) throw new UsageError(`${command} needs ${what}: --${option} ${option === 'shop' ? 3 : 2}`);
  const id = /^\d{1,15}$/.test(text) ? Number(text) : 0;
  if (id < 1) throw new UsageError(`--${option} "${text}" is not ${option === 'shop' ? 'a shop id' : 'an owner key id'} (a whole number from 1)`);
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
