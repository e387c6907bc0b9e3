import Database from 'better-sqlite3';
import { existsSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectInWorker, sealInWorker } from '../../src/main/services/backup/file-check';
import { tempDir } from '../helpers/core';

/** A small shop-like file in WAL mode, as the till leaves its copies: a ledger table with an index. */
function shopLikeFile(file: string, rows = 5000): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE movements (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, note TEXT NOT NULL)');
  db.exec('CREATE INDEX movements_product ON movements (product_id)');
  const insert = db.prepare('INSERT INTO movements (product_id, note) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(i % 97, `mouvement ${i} `.repeat(4));
  })();
  db.pragma('user_version = 22');
  db.close();
}

describe('the backup file check runs on a worker thread (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('seals a sound WAL copy into a stand-alone file and reads its schema', async () => {
    const file = join(tmp.dir, 'copy.db');
    shopLikeFile(file);
    expect(await sealInWorker(file)).toBe(true);
    // out of WAL mode: nothing left beside it, and the header says so
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(await inspectInWorker(file)).toEqual({ schema: 22, sound: true });
  });

  it('a copy with a damaged page is not sound; a file that is no shop file reads as nothing', async () => {
    const file = join(tmp.dir, 'copy.db');
    shopLikeFile(file);
    expect(await sealInWorker(file)).toBe(true);
    const pageSize = 4096;
    const fd = openSync(file, 'r+');
    // scribble over a page in the middle of the table's b-tree
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, pageSize * 20);
    closeSync(fd);
    expect(await sealInWorker(file)).toBe(false);
    expect((await inspectInWorker(file))?.sound ?? false).toBe(false);

    const stranger = join(tmp.dir, 'notes.db');
    const db = new Database(stranger);
    db.exec('CREATE TABLE notes (t TEXT)');
    db.close();
    expect(await inspectInWorker(stranger)).toBeNull();
  });

  it('a copy that vanished before its check is an error naming the file, not a sound backup', async () => {
    const missing = join(tmp.dir, 'gone.db');
    await expect(sealInWorker(missing)).rejects.toThrow(/gone\.db|unable to open|does not exist/i);
  });
});
