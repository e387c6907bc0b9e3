import Database from 'better-sqlite3';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openStore } from '../../src/main/db/client';
import { MIGRATIONS, tempDir } from '../helpers/core';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal;

/** A copy of the migrations folder holding only the first `n` migrations, as an older release shipped them. */
function migrationsUpTo(dir: string, n: number): string {
  const folder = join(dir, `migrations-${n}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  for (const e of journal.entries.slice(0, n)) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, n) }));
  return folder;
}

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('journal timestamps strictly increase (drizzle skips a migration older than the newest applied)', () => {
    const whens = journal.entries.map((e) => e.when);
    expect(whens).toEqual([...whens].sort((a, b) => a - b));
    expect(new Set(whens).size).toBe(whens.length);
  });

  it('applies each migration step on a fresh database, keeping the data of the steps before', () => {
    const file = join(tmp.dir, 'steps.db');
    for (let n = 1; n <= journal.entries.length; n++) {
      const store = openStore(file, migrationsUpTo(tmp.dir, n));
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(n);
      if (n === 1) {
        store.sqlite.prepare("INSERT INTO products (sku, name, price_minor) VALUES ('FX-1', 'Fixture rice', 500)").run();
        store.sqlite.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, 'receipt', 5000, 300, 0, 1, '2026-01-01T10:00:00Z', '2026-01-01')").run();
        store.sqlite.prepare("INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli) VALUES (1, '2026-01-01', 2000, 1000, 600, 3000)").run();
      }
      expect(store.sqlite.prepare('SELECT sold_milli, end_stock_milli FROM daily_sales').all()).toEqual([{ sold_milli: 2000, end_stock_milli: 3000 }]);
      const count = store.sqlite.prepare('SELECT count(*) AS n FROM movements').get() as { n: number };
      expect(count.n).toBe(1);
      store.close();
    }
  });

  it('0007 adds stock counts and deliveries to a shop with history: closed counts and deliveries are read-only, the count query uses the ledger index', () => {
    const step = journal.entries.findIndex((e) => e.tag === '0007_stock_counts') + 1;
    expect(step).toBeGreaterThan(1);
    const file = join(tmp.dir, 'counts.db');
    const older = openStore(file, migrationsUpTo(tmp.dir, step - 1));
    older.sqlite.prepare("INSERT INTO products (sku, name, price_minor) VALUES ('FX-1', 'Fixture rice', 500)").run();
    older.sqlite.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, 'receipt', 5000, 300, 0, 1, '2026-01-01T10:00:00Z', '2026-01-01')").run();
    older.close();
    const store = openStore(file, migrationsUpTo(tmp.dir, step));
    const db = store.sqlite;
    expect(db.prepare('SELECT count(*) AS n FROM movements').get()).toEqual({ n: 1 });
    db.prepare("INSERT INTO stock_counts (number, category, status, started_at, started_by, start_mark) VALUES (1, NULL, 'open', 'x', 1, 1)").run();
    db.prepare('INSERT INTO stock_count_lines (count_id, product_id, line_no, snapshot_milli) VALUES (1, 1, 1, 5000)').run();
    db.prepare('UPDATE stock_count_lines SET counted_milli = 4000').run();
    db.prepare("UPDATE stock_counts SET status = 'applied'").run();
    expect(() => db.prepare('UPDATE stock_count_lines SET counted_milli = 1').run()).toThrow(/closed/);
    expect(() => db.prepare("UPDATE stock_counts SET status = 'open'").run()).toThrow(/closed/);
    expect(() => db.prepare('DELETE FROM stock_count_lines').run()).toThrow(/never deleted/);
    expect(() => db.prepare('INSERT INTO stock_count_lines (count_id, product_id, line_no, snapshot_milli) VALUES (1, 99, 2, 0)').run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO stock_receipts (number, supplier_id, received_at, user_id, lines, total_minor) VALUES (1, NULL, 'x', 1, 1, 1500)").run();
    expect(() => db.prepare('UPDATE stock_receipts SET total_minor = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM stock_receipts').run()).toThrow(/append-only/);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT SUM(qty_milli) FROM movements WHERE product_id = 1 AND id > 10 AND id <= 20').all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX movements_product \(product_id=\? AND id>\? AND id<\?\)/);
    store.close();
  });

  it('0008 keeps the float and the notes and coins of a cash count in its row; counts are append-only', () => {
    const step = journal.entries.findIndex((e) => e.tag === '0008_cash_count_details') + 1;
    expect(step).toBeGreaterThan(1);
    const file = join(tmp.dir, 'cash.db');
    const older = openStore(file, migrationsUpTo(tmp.dir, step - 1));
    older.sqlite.prepare("INSERT INTO cash_counts (business_date, user_id, at, expected_cash_minor, counted_cash_minor) VALUES ('2026-01-01', 1, 'x', 5000, 4500)").run();
    older.close();
    const db = openStore(file, migrationsUpTo(tmp.dir, step)).sqlite;
    expect(db.prepare('SELECT opening_float_minor, denominations, counted_cash_minor FROM cash_counts').get()).toEqual({ opening_float_minor: 0, denominations: null, counted_cash_minor: 4500 });
    expect(() => db.prepare('UPDATE cash_counts SET counted_cash_minor = 5000').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM cash_counts').run()).toThrow(/append-only/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM cash_counts WHERE business_date = '2026-01-01'").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/INDEX cash_counts_date/);
    db.close();
  });

  it('0009 rebuilds the ledger with a cheaper kind check: ids, the AUTOINCREMENT counter, the index and the append-only triggers survive', () => {
    const step = journal.entries.findIndex((e) => e.tag === '0009_movement_kind_check') + 1;
    expect(step).toBeGreaterThan(1);
    const file = join(tmp.dir, 'kind.db');
    const older = openStore(file, migrationsUpTo(tmp.dir, step - 1));
    older.sqlite.prepare("INSERT INTO products (sku, name, price_minor) VALUES ('FX-1', 'Fixture rice', 500)").run();
    const insert = older.sqlite.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, ?, 1000, 300, 0, 1, 'x', '2026-01-01')");
    for (const kind of ['receipt', 'sale', 'loss']) insert.run(kind);
    insert.run('sale');
    older.close();
    // the last movement was "sale" with id 4: a new one must get id 5, not reuse an id
    const db = openStore(file, migrationsUpTo(tmp.dir, step)).sqlite;
    expect(db.prepare('SELECT id, kind FROM movements ORDER BY id').all()).toEqual([
      { id: 1, kind: 'receipt' },
      { id: 2, kind: 'sale' },
      { id: 3, kind: 'loss' },
      { id: 4, kind: 'sale' },
    ]);
    const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'movements'").get() as { sql: string };
    expect(ddl.sql).not.toMatch(/__new_movements/);
    expect(ddl.sql).not.toMatch(/ IN \(/);
    for (const kind of ['sale', 'receipt', 'customer_return', 'supplier_return', 'adjustment', 'loss', 'count']) {
      expect(Number(db.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, ?, 1000, 0, 0, 1, 'x', '2026-01-02')").run(kind).lastInsertRowid)).toBeGreaterThan(4);
    }
    expect(() => db.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, 'Sale', 1000, 0, 0, 1, 'x', '2026-01-02')").run()).toThrow(/CHECK constraint failed: movements_kind/);
    expect(() => db.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, NULL, 1000, 0, 0, 1, 'x', '2026-01-02')").run()).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT min(id) AS first FROM movements WHERE business_date = ?').get('2026-01-02')).toEqual({ first: 5 });
    expect(db.prepare("SELECT name, seq FROM sqlite_sequence WHERE name LIKE '%movements'").all()).toEqual([{ name: 'movements', seq: 11 }]);
    expect(() => db.prepare('UPDATE movements SET qty_milli = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM movements WHERE id = 1').run()).toThrow(/append-only/);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT * FROM movements WHERE product_id = 1 ORDER BY id DESC LIMIT 10').all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING INDEX movements_product/);
    db.close();
  });

  it('0019 lets a partly received order be closed short: existing orders keep their rows, not closed, with no reason', () => {
    const step = journal.entries.findIndex((e) => e.tag === '0019_purchase_order_close') + 1;
    expect(step).toBeGreaterThan(1);
    const file = join(tmp.dir, 'po.db');
    const older = openStore(file, migrationsUpTo(tmp.dir, step - 1));
    older.sqlite.prepare("INSERT INTO purchase_orders (number, supplier_id, status, created_at, created_by, expected_date) VALUES (1, 1, 'partial', 'x', 1, '2026-01-08')").run();
    older.close();
    const store = openStore(file, migrationsUpTo(tmp.dir, step));
    expect(store.sqlite.prepare('SELECT number, status, closed_at, close_reason FROM purchase_orders').all()).toEqual([{ number: 1, status: 'partial', closed_at: null, close_reason: '' }]);
    store.close();
  });

  it('lets end-of-day stock be unknown (NULL) for imported history, keeping daily_sales WITHOUT ROWID', () => {
    const store = openStore(join(tmp.dir, 'n.db'), MIGRATIONS);
    store.sqlite.prepare("INSERT INTO daily_sales (product_id, date, sold_milli) VALUES (1, '2026-01-01', 1000)").run();
    expect(store.sqlite.prepare('SELECT end_stock_milli FROM daily_sales').get()).toEqual({ end_stock_milli: null });
    const ddl = store.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'daily_sales'").get() as { sql: string };
    expect(ddl.sql).toMatch(/WITHOUT ROWID/);
    store.close();
  });

  it('sets WAL, foreign keys and a busy timeout', () => {
    const store = openStore(join(tmp.dir, 'p.db'), MIGRATIONS);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
  });

  it('refuses a database written by a newer Shelfcast and leaves it untouched', () => {
    const file = join(tmp.dir, 'newer.db');
    openStore(file, MIGRATIONS).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${knownSchemaVersion(MIGRATIONS) + 1}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openStore(file, MIGRATIONS)).toThrow(/newer version of Shelfcast/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('makes the ledger append-only in the database itself', () => {
    const store = openStore(join(tmp.dir, 'a.db'), MIGRATIONS);
    store.sqlite.prepare("INSERT INTO products (sku, name) VALUES ('A', 'A')").run();
    store.sqlite.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, 'receipt', 1000, 0, 0, 1, 'x', '2026-01-01')").run();
    expect(() => store.sqlite.prepare('UPDATE movements SET qty_milli = 5').run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM movements').run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare("INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, user_id, occurred_at, business_date) VALUES (1, 'gift', 1000, 0, 0, 1, 'x', '2026-01-01')").run()).toThrow(/CHECK constraint failed: movements_kind/);
    store.close();
  });

  it('uses the index for the per-product ledger and the daily history', () => {
    const store = openStore(join(tmp.dir, 'q.db'), MIGRATIONS);
    const plan = (sql: string) => (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM movements WHERE product_id = 1 ORDER BY id DESC LIMIT 100')).toMatch(/USING INDEX movements_product/);
    expect(plan("SELECT * FROM daily_sales WHERE product_id = 1 AND date >= '2026-01-01'")).toMatch(/USING PRIMARY KEY \(product_id=\? AND date>\?\)/);
    expect(plan("SELECT product_id FROM product_barcodes WHERE barcode = '123'")).toMatch(/USING (INDEX|PRIMARY KEY)/);
    store.close();
  });
});
