import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { openStore } from '../../src/main/db/client';
import { silentLogger } from '../../src/main/logger';
import { applyPendingRestore } from '../../src/main/services/backup/restore';
import type { BackupInfo, BackupMade, BackupStatus } from '../../src/shared/api/contract';
import { backupName } from '../../src/shared/domain/backup-names';
import type { Product } from '../../src/shared/domain/product';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { AppErrorShape } from '../../src/shared/api/result';
import { sellRice, stockRice } from './backup-shop';
import { MIGRATIONS, must, openTestCore, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const KNOWN = (JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] }).entries;

/**
 * M3: a restore is checked for what it is before it is accepted, and a restored file that does not
 * open at the start gives way to the file it replaced, as it was.
 */
describe('a restore is accepted only for a shop file this Shelfcast can open, and one that does not open is undone (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  const shopFile = () => join(tmp.dir, 'shop.db');
  const backups = () => join(tmp.dir, 'backups');
  const open = () => openTestCore(tmp.dir, () => clock);
  const sell = () => sellRice(core, rice);
  const sales = () => core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  const status = () => must<BackupStatus>(core.call('backup.status', {}));
  const restoreAudit = () =>
    core.store.sqlite.prepare("SELECT action, entity_id AS file, detail FROM audit WHERE entity = 'backup' AND action LIKE 'restore%' ORDER BY id").all() as { action: string; file: string; detail: string }[];
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  /** Every table's rows but the audit's and the sync outbox's (which a start writes to), as the shop holds them. */
  const contents = (db: Database.Database) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit', 'outbox') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]));
  };
  /** Changes a copy of a backup with SQL, under another backup's name (no shop tag: as an older Shelfcast wrote it). */
  const altered = (from: string, name: string, sql: string): string => {
    copyFileSync(join(backups(), from), join(backups(), name));
    const db = new Database(join(backups(), name));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return name;
  };
  const leftovers = () => readdirSync(tmp.dir).filter((f) => /\.replaced|restoring|restore-/.test(f));

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-04T09:00:00');
    core = open();
    rice = await stockRice(core);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('refuses, naming what is wrong, a file that is no Shelfcast shop file, one this version cannot migrate, one SQLite finds damaged or an empty one; nothing is scheduled and the shop is unchanged', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    const name = (n: number) => backupName('manual', new Date(Date.UTC(2026, 4, 1, n)));
    // another program's database that happens to have a `movements` table (the review's probe)
    const foreign = name(1);
    const f = new Database(join(backups(), foreign));
    f.exec("CREATE TABLE movements (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO movements (what) VALUES ('other app')");
    f.close();
    const noPins = altered(made.file, name(2), 'ALTER TABLE users DROP COLUMN pin_hash');
    const noSales = altered(made.file, name(3), 'PRAGMA foreign_keys = OFF; DROP TABLE sales');
    const strangeHistory = altered(made.file, name(4), `UPDATE __drizzle_migrations SET created_at = created_at + 1 WHERE created_at = ${KNOWN[3].when}`);
    const noHistory = altered(made.file, name(5), 'DELETE FROM __drizzle_migrations');
    const laterHistory = altered(made.file, name(6), `INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('later', ${KNOWN.at(-1)!.when + 1000})`);
    const damaged = name(7);
    copyFileSync(join(backups(), made.file), join(backups(), damaged));
    const fd = openSync(join(backups(), damaged), 'r+');
    // a page in the middle of the file scribbled over: its schema still reads, its rows do not
    writeSync(fd, Buffer.alloc(4000, 0xab), 0, 4000, 8192 * 30);
    closeSync(fd);
    const empty = name(8);
    writeFileSync(join(backups(), empty), '');

    const auditRows = () => core.store.sqlite.prepare('SELECT count(*) FROM audit').pluck().get() as number;
    const before = { audit: auditRows(), shop: contents(core.store.sqlite) };
    for (const [file, reason, more] of [
      [foreign, 'backup_foreign', { missing: '__drizzle_migrations' }],
      [noPins, 'backup_not_shelfcast', { missing: 'users.pin_hash' }],
      [noSales, 'backup_not_shelfcast', { missing: 'sales' }],
      [strangeHistory, 'backup_schema_unknown', {}],
      [noHistory, 'backup_schema_unknown', {}],
      [laterHistory, 'backup_newer', {}],
      [damaged, 'backup_damaged', {}],
      [empty, 'backup_unreadable', {}],
    ] as const) {
      expect(await core.call('backup.restore', { file }), file).toMatchObject({ ok: false, error: { code: 'validation', field: 'file', details: { reason, file, ...more } } });
    }
    // what the owner reads
    const say = async (file: string, locale: 'fr' | 'en' = 'fr') => {
      const result = await core.call('backup.restore', { file });
      return result.ok ? 'accepted' : errorShapeText(result.error as AppErrorShape, translator(locale), locale);
    };
    expect(await say(foreign)).toBe('Ce fichier n’est pas une sauvegarde Shelfcast : c’est la base de données d’un autre programme. Choisissez-en une autre.');
    expect(await say(noPins)).toBe('Cette sauvegarde Shelfcast est incomplète : il y manque la table ou la colonne « users.pin_hash ». Choisissez-en une autre.');
    expect(await say(noPins, 'en')).toBe('This Shelfcast backup is incomplete: the table or column “users.pin_hash” is missing from it. Choose another one.');
    expect(await say(strangeHistory)).toMatch(/^Cette sauvegarde ne vient pas d’une version de Shelfcast que celle-ci sait mettre à jour/);
    expect(await say(damaged)).toBe('Cette sauvegarde est abîmée : SQLite y trouve des pages illisibles. Choisissez-en une autre, par exemple la précédente.');
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
    expect((await status()).pendingRestore).toBeNull();
    expect({ audit: auditRows(), shop: contents(core.store.sqlite) }).toEqual(before);
    // and nothing happens at the restart
    core.close();
    core = open();
    expect(sales()).toBe(1);
    expect(restoreAudit()).toEqual([]);
  });

  it('a backup accepted, then replaced before the restart by a file that is no shop file, is not restored: the shop is unchanged and the status says why', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    // the file under that name is now another program's database, with a movements table
    writeFileSync(join(backups(), made.file), '');
    const f = new Database(join(backups(), made.file));
    f.exec("CREATE TABLE movements (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO movements (what) VALUES ('other app')");
    f.close();

    core = open();
    expect(sales()).toBe(2);
    expect((await status()).lastRestore).toMatchObject({ file: made.file, done: false, cause: 'backup_unusable' });
    expect(JSON.parse(restoreAudit().at(-1)!.detail)).toMatchObject({ cause: 'backup_unusable', reason: `${made.file}: no __drizzle_migrations table: not a Shelfcast shop file` });
    expect(readdirSync(backups()).filter((b) => b.includes('before-restore'))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('a backup from an older Shelfcast (fewer migrations) is accepted, restored and brought up to date at the start', async () => {
    // the shop file as a Shelfcast of 24 migrations left it
    const olderFolder = join(tmp.dir, 'older-migrations');
    cpSync(MIGRATIONS, olderFolder, { recursive: true });
    const journal = JSON.parse(readFileSync(join(olderFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    writeFileSync(join(olderFolder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 24) }));
    const older = backupName('manual', new Date('2026-04-01T08:00:00Z'));
    mkdirSync(backups());
    const store = openStore(join(backups(), older), olderFolder);
    store.sqlite.prepare("INSERT INTO products (sku, name, price_minor, cost_minor, created_at, updated_at) VALUES ('SUC', 'Sucre', 500, 400, '2026-04-01', '2026-04-01')").run();
    store.sqlite.pragma('journal_mode = DELETE');
    store.close();

    expect(await must(core.call('backup.restore', { file: older }))).toMatchObject({ file: older, restartNeeded: true });
    core.close();
    core = open();
    expect(core.store.sqlite.prepare('SELECT name FROM products').pluck().all()).toEqual(['Sucre']);
    expect(core.store.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(KNOWN.length);
    expect((await status()).lastRestore).toMatchObject({ file: older, done: true });
    expect(leftovers()).toEqual([]);
  });

  it('a restored file whose migrations fail at the start gives way to the file it replaced: the shop opens on its own data, the failure and why in its audit and status', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    // passes every check (an older file by its migrations, every table and column there) but the last
    // migration cannot run on it: what it creates is already there
    const last = KNOWN.at(-1)!.when;
    const trap = altered(made.file, backupName('manual', new Date('2026-05-01T08:00:00Z')), `DELETE FROM __drizzle_migrations WHERE created_at = ${last}; PRAGMA user_version = ${KNOWN.length - 1}`);
    await sell();
    await sell();
    clock = new Date('2026-05-04T12:00:00');
    await must(core.call('backup.restore', { file: trap }));
    const before = contents(core.store.sqlite);
    core.close();

    // the start that restores: in Electron, the one that used to stop on "could not open the shop database"
    clock = new Date('2026-05-04T12:01:00');
    core = open();
    expect(sales()).toBe(3);
    expect(contents(core.store.sqlite)).toEqual(before);
    const [requested, failed] = restoreAudit();
    expect(requested).toMatchObject({ action: 'restore_requested', file: trap });
    expect(failed).toMatchObject({ action: 'restore_failed', file: trap });
    // the failing query is quoted whole, over several lines when it is a CREATE TABLE
    expect(JSON.parse(failed.detail)).toMatchObject({ cause: 'restore_unopenable', reason: expect.stringMatching(/could not be opened: .*(already exists|duplicate column name)/s), requestedAt: '2026-05-04T12:00:00.000Z' });
    expect(await status()).toMatchObject({ lastRestore: { file: trap, done: false, cause: 'restore_unopenable' }, pendingRestore: null });
    // the file it replaced is also kept as a before-restore backup, as at any restore
    const kept = (await must<BackupInfo[]>(core.call('backup.list', {}))).filter((b) => b.kind === 'before-restore');
    expect(kept).toHaveLength(1);
    expect(leftovers()).toEqual([]);
    // the till works, and the next start is an ordinary one
    await sell();
    core.close();
    core = open();
    expect(sales()).toBe(4);
    expect(restoreAudit()).toHaveLength(2);
  });

  it('the file set aside by the swap is byte for byte the shop file; a start cut off right after the swap of a file that does not open still puts it back', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    const trap = altered(made.file, backupName('manual', new Date('2026-05-01T08:00:00Z')), `DELETE FROM __drizzle_migrations WHERE created_at = ${KNOWN.at(-1)!.when}; PRAGMA user_version = ${KNOWN.length - 1}`);
    await sell();
    await must(core.call('backup.restore', { file: trap }));
    core.close();
    const original = sha(shopFile());

    expect(applyPendingRestore(shopFile(), silentLogger, () => clock, MIGRATIONS)).toMatchObject({ done: true, file: trap });
    // swapped in, the shop's own file waiting beside it, as it was
    expect(sha(join(tmp.dir, 'shop.db.replaced'))).toBe(original);
    expect(sha(shopFile())).not.toBe(original);
    expect(existsSync(join(tmp.dir, 'restore-swapped.json'))).toBe(true);

    // the process dies here; the next start opens the restored file, which fails, and puts the shop's back
    core = open();
    expect(sales()).toBe(2);
    expect(restoreAudit().map((r) => [r.action, JSON.parse(r.detail).cause ?? null])).toEqual([
      ['restore_requested', null],
      ['restore_failed', 'restore_unopenable'],
    ]);
    expect(leftovers()).toEqual([]);
  });

  it('a restored file that opens but cannot take the outcome of its restore is undone the same way', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    const refusing = altered(made.file, backupName('manual', new Date('2026-05-01T08:00:00Z')), "CREATE TRIGGER audit_refused BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused by this file'); END");
    await sell();
    await must(core.call('backup.restore', { file: refusing }));
    core.close();

    core = open();
    expect(sales()).toBe(2);
    const failed = restoreAudit().at(-1)!;
    expect(failed.action).toBe('restore_failed');
    expect(JSON.parse(failed.detail)).toMatchObject({ cause: 'restore_unopenable', reason: expect.stringContaining('audit refused by this file') });
    expect(leftovers()).toEqual([]);
  });

  it('a start cut off halfway through the swap (the shop file set aside, the restored one not yet in its place) is finished at the next start', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    expect(applyPendingRestore(shopFile(), silentLogger, () => clock, MIGRATIONS)).toMatchObject({ done: true });
    // as if cut off before the restored file took the shop file's name
    renameSync(shopFile(), join(tmp.dir, 'shop.db.restoring'));

    core = open();
    expect(sales()).toBe(1);
    expect(restoreAudit().map((r) => r.action)).toEqual(['restored']);
    expect(leftovers()).toEqual([]);
  });

  it('a start cut off after a good restore was swapped in opens it at the next start, records it once and removes the file it replaced', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    expect(applyPendingRestore(shopFile(), silentLogger, () => clock, MIGRATIONS)).toMatchObject({ done: true });

    core = open();
    expect(sales()).toBe(1);
    expect(restoreAudit().map((r) => r.action)).toEqual(['restored']);
    expect(leftovers()).toEqual([]);
    core.close();
    core = open();
    expect(restoreAudit()).toHaveLength(1);
  });
});
