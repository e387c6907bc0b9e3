import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/** Any fixed number: the pg advisory lock two servers starting at once queue on. */
const MIGRATION_LOCK = 0x5348_4c46; // "SHLF"

const MIGRATION_FILE = /^\d{4}_[\w-]+\.sql$/;

/**
 * Applies each `NNNN_name.sql` not yet recorded in schema_migrations, in name order, each in its own
 * transaction. Returns the names applied (none when the database is up to date). Refuses a database
 * that has a migration this server does not know: it was written by a newer server.
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const unknown = [...done].filter((name) => !files.includes(name)).sort();
    if (unknown.length > 0) {
      throw new Error(`the database has migrations this server does not know (${unknown.join(', ')}): a newer server set it up; update this one`);
    }
    const applied: string[] = [];
    for (const name of files.filter((f) => !done.has(f))) {
      const sql = readFileSync(join(dir, name), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`migration ${name} failed and was rolled back: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      applied.push(name);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    return applied;
  } catch (e) {
    failed = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    // on failure the connection is closed rather than reused, which also frees the advisory lock
    client.release(failed);
  }
}
