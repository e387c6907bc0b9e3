import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/db/client';
import { MIGRATIONS, tempDir } from '../helpers/core';

describe('crash safety', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('SIGKILL in the middle of writing 10,000 movements loses no committed movement and leaves none half-written', async () => {
    const dbPath = join(tmp.dir, 'crash.db');
    // 5,000 transactions of 2 movements = 10,000 movements; the kill lands part-way through.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-writer.ts'), dbPath, MIGRATIONS, '5000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed = new Set<number>();
    let buffered = '';
    let killedAt = -1;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^committed (\d+) ([\d,]+)$/.exec(line);
          if (m) for (const id of m[2].split(',')) committed.add(Number(id));
          if (m && Number(m[1]) === 1500 && killedAt < 0) {
            killedAt = Number(m[1]);
            child.kill('SIGKILL');
          }
        }
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBe(1500);

    // Opening it again goes through recovery of the WAL.
    const store = openStore(dbPath, MIGRATIONS);
    const db: Database.Database = store.sqlite;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((db.prepare('SELECT id FROM movements').all() as { id: number }[]).map((r) => r.id));
    for (const id of committed) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBeGreaterThanOrEqual(committed.size);
    expect(ids.size).toBeLessThan(10_000);
    // Each transaction writes its movements as a pair: an odd count would be a half-written transaction.
    expect(ids.size % 2).toBe(0);
    const mismatch = db
      .prepare(
        `SELECT s.product_id, s.on_hand_milli, COALESCE(m.total, 0) AS ledger
         FROM stock s LEFT JOIN (SELECT product_id, sum(qty_milli) AS total FROM movements GROUP BY product_id) m ON m.product_id = s.product_id
         WHERE s.on_hand_milli <> COALESCE(m.total, 0)`,
      )
      .all();
    expect(mismatch).toEqual([]);
    const perTransaction = db.prepare('SELECT reference, count(*) AS n FROM movements GROUP BY reference HAVING n <> 2').all();
    expect(perTransaction).toEqual([]);
    const audits = db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'record'").get() as { n: number };
    expect(audits.n).toBe(ids.size / 2);
    store.close();
  });
});
