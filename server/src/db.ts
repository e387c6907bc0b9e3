import pg from 'pg';

const INT8 = 20;
const DATE = 1082;

/**
 * int8 read back as a JS number (money and milli-quantities are validated as safe integers on the way
 * in; pg's default is a string), and a date as its 'YYYY-MM-DD' text (pg's default is a Date at local
 * midnight, which shifts a day west of UTC). Set per pool, not on pg's global table.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => toSafeNumber(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} is too large for a JS number`);
  return n;
}

/** A pool that gives up rather than hang a request: on a database it cannot reach, or a statement stuck behind a lock. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  // an idle connection dropped by PostgreSQL (a restart) is an 'error' event: unheard, it would end the process
  pool.on('error', (error) => process.stderr.write(`database connection lost: ${error.message}\n`));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // a connection that cannot even roll back is dropped, not handed to the next request
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw e;
  } finally {
    client.release(broken);
  }
}
