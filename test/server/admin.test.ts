import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_TABLES } from '../../server/src/admin';
import { addOwnerKey, addShop } from '../../server/src/keys';
import { migrate } from '../../server/src/migrate';
import { postPush, runCli, samplePush, startApp, startCluster } from './harness';


let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** Runs the command line (npx tsx server/src/main.ts) on one database, to its end. */
const cli = (url: string, args: string[]) => runCli(args, { DATABASE_URL: url });

const keyIn = (out: string) => /own_[A-Za-z0-9_-]{43}/.exec(out)![0];

async function signIn(base: string, key: string): Promise<string> {
  const res = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key }) });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The rows each shop holds in every table of the database with a shop_id column, found in the catalogue, not from a list. */
async function rowsPerShop(pool: pg.Pool): Promise<Record<string, Record<string, number>>> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'shop_id' ORDER BY table_name",
  );
  const out: Record<string, Record<string, number>> = {};
  for (const { table_name: table } of tables) {
    const { rows } = await pool.query<{ shop_id: number; n: number }>(`SELECT shop_id, count(*) AS n FROM ${table} GROUP BY shop_id`);
    out[table] = Object.fromEntries(rows.map((r) => [String(r.shop_id), Number(r.n)]));
  }
  return out;
}

describe('owner keys: labelled, listed with when they were last used, revoked at once', () => {
  it('owner-keys lists id, created, last used and label; revoke-owner-key stops a key on the page and the API, the others go on', async () => {
    const { url, pool } = await cluster.database();
    const phone = await cli(url, ['owner-key', '--label', '  phone Awa ']);
    expect(phone.code).toBe(0);
    expect(phone.stdout).toMatch(/A new owner key \("phone Awa"\), shown only this once/);
    const phoneKey = keyIn(phone.stdout);
    const officeKey = keyIn((await cli(url, ['owner-key'])).stdout);

    const listed = await cli(url, ['owner-keys']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+created\s+last used\s+label$/);
    expect(lines[1]).toMatch(/^1\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+never\s+phone Awa$/);
    expect(lines[2]).toMatch(/^2\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+never\s+-$/);

    const app = await startApp(pool);
    try {
      const cookie = await signIn(app.base, phoneKey);
      expect((await fetch(`${app.base}/`, { headers: { Cookie: cookie } })).status).toBe(200);
      const api = (key: string) => fetch(`${app.base}/v1/shops`, { headers: { Authorization: `Bearer ${key}` } });
      expect((await api(phoneKey)).status).toBe(200);
      expect(await cli(url, ['owner-keys'])).toMatchObject({ stdout: expect.stringMatching(/^1\s+\S+ \S+ UTC\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+phone Awa$/m) });

      // last used is written at most once a minute: a key used again at once leaves it as it is
      const lastUsed = async () => (await pool.query<{ t: string }>('SELECT last_used_at::text AS t FROM owner_keys WHERE id = 1')).rows[0].t;
      const first = await lastUsed();
      expect((await api(phoneKey)).status).toBe(200);
      expect(await lastUsed()).toBe(first);
      await pool.query("UPDATE owner_keys SET last_used_at = now() - interval '5 minutes' WHERE id = 1");
      const old = await lastUsed();
      expect((await api(phoneKey)).status).toBe(200);
      expect(await lastUsed()).not.toBe(old);

      const revoked = await cli(url, ['revoke-owner-key', '--id', '1']);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toMatch(/Owner key 1 \("phone Awa"\) is revoked/);
      // the browser holding it gets the sign-in form, and is told to forget the cookie
      const page = await fetch(`${app.base}/`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post" action="/login?lang=fr">');
      expect(page.headers.get('set-cookie')).toMatch(/^shelfcast_owner=; Max-Age=0/);
      expect((await api(phoneKey)).status).toBe(401);
      const again = await fetch(`${app.base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key: phoneKey }) });
      expect(again.status).toBe(401);
      // the other key is untouched
      expect((await api(officeKey)).status).toBe(200);
    } finally {
      await app.close();
    }
    const after = (await cli(url, ['owner-keys'])).stdout.trim().split('\n');
    expect(after).toHaveLength(2);
    expect(after[1]).toMatch(/^2\s/);

    const last = await cli(url, ['revoke-owner-key', '--id', '2']);
    expect(last.stdout).toMatch(/No owner key is left: make one with owner-key/);
    expect((await cli(url, ['owner-keys'])).stdout).toMatch(/No owner key yet/);
  });

  it.each([
    ['an unknown id', ['revoke-owner-key', '--id', '999'], /revoke-owner-key: there is no owner key 999 \(the owner-keys command lists them\)/],
    ['no id', ['revoke-owner-key'], /revoke-owner-key needs the owner key's id: --id 2/],
    ['an id that is no number', ['revoke-owner-key', '--id', 'phone'], /--id "phone" is not an owner key id/],
    ['a blank label', ['owner-key', '--label', '  '], /owner-key --label: the label is empty/],
    ['a label over two lines', ['owner-key', '--label', 'phone\nAwa'], /owner-key --label: the label holds a control character/],
  ])('%s exits 2 with a message and the usage, and changes nothing', async (_what, args, message) => {
    const { url, pool } = await cluster.database();
    await migrate(pool);
    await addOwnerKey(pool, 'office');
    const r = await cli(url, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/revoke-owner-key --id 2/);
    expect((await pool.query('SELECT id, label FROM owner_keys')).rows).toEqual([{ id: 1, label: 'office' }]);
  });
});

describe('shops and remove-shop', () => {
  it('shops lists id, name, last push and the name the shop gives itself', async () => {
    const { url, pool } = await cluster.database();
    expect((await cli(url, ['shops'])).stdout).toMatch(/No shop is registered yet/);
    const plateau = await cli(url, ['add-shop', '--name', 'Dakar Plateau']);
    const token = /shk_[A-Za-z0-9_-]{43}/.exec(plateau.stdout)![0];
    await cli(url, ['add-shop', '--name', 'Thiès']);
    const app = await startApp(pool);
    expect((await postPush(app.base, token, samplePush({ shop: { ...samplePush().shop, name: 'Ma boutique' } }))).status).toBe(200);
    await app.close();
    const listed = await cli(url, ['shops']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+last push\s+calls itself$/);
    expect(lines[1]).toMatch(/^1\s+Dakar Plateau\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+Ma boutique$/);
    expect(lines[2]).toMatch(/^2\s+Thiès\s+never\s+-$/);
  });

  it('remove-shop without --yes says what it would delete and changes nothing; with --yes no row of the shop is left anywhere, the other shop untouched', async () => {
    const { url, pool } = await cluster.database();
    const app = await startApp(pool);
    // every table that holds a shop's rows is one remove-shop empties (a new one added by a migration must be added to SHOP_TABLES)
    const { rows: tables } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'shop_id' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual([...SHOP_TABLES].sort());

    const gone = await addShop(pool, 'Opened by mistake');
    const kept = await addShop(pool, 'Thiès');
    const ownerKey = keyIn((await cli(url, ['owner-key'])).stdout);
    expect((await postPush(app.base, gone.token, samplePush())).status).toBe(200);
    expect((await postPush(app.base, kept.token, samplePush())).status).toBe(200);
    const before = await rowsPerShop(pool);
    const shopsBefore = (await pool.query('SELECT * FROM shops ORDER BY id')).rows;
    for (const table of SHOP_TABLES) expect(before[table][String(gone.id)]).toBeGreaterThan(0);

    const preview = await cli(url, ['remove-shop', '--shop', String(gone.id)]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Shop "Opened by mistake" \(id 1, which calls itself "Dakar Plateau"\), registered \S+ \S+ UTC, last push \S+ \S+ UTC\./);
    expect(preview.stdout).toMatch(/^ {2}products\s+2$/m);
    expect(preview.stdout).toMatch(/^ {2}stock movements\s+3$/m);
    expect(preview.stdout).toMatch(/^ {2}sales and returns\s+1$/m);
    expect(preview.stdout).toMatch(/^ {2}payments\s+2$/m);
    expect(preview.stdout).toMatch(/^ {2}journal events\s+2$/m);
    expect(preview.stdout).toMatch(/Nothing was changed\. To remove it, with everything it pushed, run: remove-shop --shop 1 --yes/);
    expect(await rowsPerShop(pool)).toEqual(before);
    expect((await pool.query('SELECT * FROM shops ORDER BY id')).rows).toEqual(shopsBefore);
    expect((await postPush(app.base, gone.token, samplePush())).status).toBe(200);

    const removed = await cli(url, ['remove-shop', '--shop', String(gone.id), '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Shop "Opened by mistake" \(id 1\) is removed; its token no longer works/);
    expect(removed.stdout).toMatch(/^ {2}sale lines\s+1$/m);
    const after = await rowsPerShop(pool);
    for (const table of Object.keys(before)) {
      expect(after[table][String(gone.id)], table).toBeUndefined();
      expect(after[table][String(kept.id)], table).toBe(before[table][String(kept.id)]);
    }
    expect((await pool.query('SELECT id, name FROM shops')).rows).toEqual([{ id: kept.id, name: 'Thiès' }]);

    // its token is refused; the other shop pushes on, and the owner sees only it
    expect((await postPush(app.base, gone.token, samplePush())).status).toBe(401);
    expect((await postPush(app.base, kept.token, samplePush())).status).toBe(200);
    const summary = (await (await fetch(`${app.base}/v1/shops`, { headers: { Authorization: `Bearer ${ownerKey}` } })).json()) as { name: string }[];
    expect(summary.map((s) => s.name)).toEqual(['Thiès']);
    await app.close();

    const twice = await cli(url, ['remove-shop', '--shop', String(gone.id), '--yes']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/remove-shop: there is no shop 1 \(the shops command lists them\)/);
    const unknown = await cli(url, ['remove-shop', '--shop', '999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/there is no shop 999/);
    expect((await cli(url, ['remove-shop'])).stderr).toMatch(/remove-shop needs the shop's id: --shop 3/);
    expect(await rowsPerShop(pool)).toEqual(after);
  });
});
