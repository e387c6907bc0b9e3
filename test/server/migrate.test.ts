import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../server/src/migrate';
import { startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const tables = async (pool: import('pg').Pool) =>
  (await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename);

const ALL = ['0001_init.sql', '0002_owner_page.sql', '0003_lots.sql', '0004_shop_file.sql', '0005_owner_key_admin.sql'];

describe('server migrations', () => {
  it('creates every table once; running migrate again applies nothing and changes nothing', async () => {
    const { pool } = await cluster.database();
    expect(await migrate(pool)).toEqual(ALL);
    const after = await tables(pool);
    expect(after).toEqual(['events', 'lots', 'movements', 'owner_keys', 'products', 'sale_lines', 'sale_tenders', 'sales', 'schema_migrations', 'shops', 'stock']);
    expect(await migrate(pool)).toEqual([]);
    expect(await tables(pool)).toEqual(after);
    expect((await pool.query('SELECT name FROM schema_migrations ORDER BY name')).rows).toEqual(ALL.map((name) => ({ name })));
  });

  it('two servers starting at once apply each migration once (advisory lock)', async () => {
    const { pool } = await cluster.database();
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(results.flat()).toEqual(ALL);
  });

  it('indexes movements and sales by shop and business day, journal events by shop and kind', async () => {
    const { pool } = await cluster.database();
    await migrate(pool);
    const { rows } = await pool.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname IN ('movements_shop_business_date', 'sales_shop_business_date') ORDER BY indexname");
    expect(rows.map((r) => r.indexdef)).toEqual([expect.stringContaining('(shop_id, business_date)'), expect.stringContaining('(shop_id, business_date)')]);
    // the owner's page reads voids and cash counts out of a journal that holds every sale
    const events = await pool.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_shop_entity_action_at'");
    expect(events.rows.map((r) => r.indexdef)).toEqual([expect.stringContaining('(shop_id, entity, action, at)')]);
  });

  it('a failing migration is rolled back whole and not recorded; the ones before it stay', async () => {
    const { pool } = await cluster.database();
    const dir = mkdtempSync(join(tmpdir(), 'shelfcast-migrations-'));
    try {
      copyFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), join(dir, '0001_init.sql'));
      writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;');
      await expect(migrate(pool, dir)).rejects.toThrow(/0002_broken\.sql failed and was rolled back: relation "no_such_table" does not exist/);
      expect(await tables(pool)).not.toContain('half_done');
      expect((await pool.query('SELECT name FROM schema_migrations')).rows).toEqual([{ name: '0001_init.sql' }]);
      // the lock went with the failed connection: the next run is not blocked
      expect(await migrate(pool)).toEqual(ALL.slice(1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database a newer server has migrated further', async () => {
    const { pool } = await cluster.database();
    await migrate(pool);
    await pool.query("INSERT INTO schema_migrations (name) VALUES ('0099_future.sql')");
    await expect(migrate(pool)).rejects.toThrow(/does not know \(0099_future\.sql\).*update this one/);
  });
});
