import Database from 'better-sqlite3';
import { existsSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyInWorker, inspectInWorker } from '../../src/main/services/backup/file-check';
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

describe('the backup copy and the file check run on a worker thread (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('copies a WAL shop file that the till keeps writing into a sound stand-alone file of one moment, and reads its schema', async () => {
    const shop = join(tmp.dir, 'shop.db');
    shopLikeFile(shop, 50_000);
    const till = new Database(shop);
    till.pragma('journal_mode = WAL');
    const before = till.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;
    const sell = till.prepare("INSERT INTO movements (product_id, note) VALUES (1, 'vente pendant la copie')");
    let sold = 0;
    const selling = setInterval(() => {
      sell.run();
      sold++;
    }, 1);
    const file = join(tmp.dir, 'copy.db');
    try {
      expect(await copyInWorker(shop, file)).toBe(true);
    } finally {
      clearInterval(selling);
    }
    const after = till.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;
    till.close();
    expect(sold).toBeGreaterThan(0);
    // out of WAL mode: nothing left beside it, and the header says so
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(await inspectInWorker(file)).toEqual({ schema: 22, sound: true });
    const copy = new Database(file, { readonly: true });
    const rows = copy.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;
    copy.close();
    expect(rows).toBeGreaterThanOrEqual(before);
    expect(rows).toBeLessThanOrEqual(after);
  });

  it('a copy of a file with a damaged page is not sound; a file that is no shop file reads as nothing', async () => {
    const shop = join(tmp.dir, 'shop.db');
    shopLikeFile(shop);
    const file = join(tmp.dir, 'copy.db');
    expect(await copyInWorker(shop, file)).toBe(true);
    const pageSize = 4096;
    const fd = openSync(shop, 'r+');
    // scribble over a page in the middle of the table's b-tree
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, pageSize * 20);
    closeSync(fd);
    const damaged = join(tmp.dir, 'copy-of-damaged.db');
    expect(await copyInWorker(shop, damaged)).toBe(false);
    expect((await inspectInWorker(damaged))?.sound ?? false).toBe(false);

    const stranger = join(tmp.dir, 'notes.db');
    const db = new Database(stranger);
    db.exec('CREATE TABLE notes (t TEXT)');
    db.close();
    expect(await inspectInWorker(stranger)).toBeNull();
  });

  it('a shop file that is not there is an error, not a sound backup, and leaves no copy', async () => {
    const missing = join(tmp.dir, 'gone.db');
    const file = join(tmp.dir, 'copy.db');
    await expect(copyInWorker(missing, file)).rejects.toThrow(/unable to open|does not exist|no such file/i);
    expect(existsSync(file)).toBe(false);
  });
});
