import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inList } from '../../src/main/db/sql';

describe('IN lists', () => {
  it('binds each value in order, and an empty list matches nothing instead of failing to parse', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    const ids = (values: number[]) => db.prepare(`SELECT id FROM t WHERE id IN ${inList(values)} ORDER BY id`).pluck().all(...values);
    expect(inList([4, 5, 6])).toBe('(?, ?, ?)');
    expect(ids([3, 1, 9])).toEqual([1, 3]);
    expect(ids([])).toEqual([]);
    db.close();
  });
});
