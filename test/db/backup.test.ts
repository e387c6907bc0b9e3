import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { AUTO_KEPT, type BackupInfo, type BackupMade } from '../../src/shared/api/contract';
import type { Product } from '../../src/shared/domain/product';
import type { UserRecord } from '../../src/shared/domain/user';
import { sellRice, stockRice } from './backup-shop';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

describe('backups of the shop file (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  const backups = () => join(tmp.dir, 'backups');
  const salesIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM sales').pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const sell = () => sellRice(core, rice);
  const open = () => openTestCore(tmp.dir, () => clock);

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

  it('a backup made while the shop sells is a sound copy of the file as it was, listed with its size, audited', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    expect(made).toMatchObject({ kind: 'manual', at: clock.toISOString(), copiedTo: null, copyError: null });
    const file = join(backups(), made.file);
    expect(statSync(file).size).toBe(made.bytes);
    expect(salesIn(file)).toBe(1);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(await must<BackupInfo[]>(core.call('backup.list', {}))).toEqual([{ file: made.file, kind: 'manual', at: made.at, bytes: made.bytes, onPc: true, inFolder: false, otherShop: false }]);
    expect(core.store.sqlite.prepare("SELECT action, entity_id FROM audit WHERE entity = 'backup'").all()).toEqual([{ action: 'create', entity_id: made.file }]);
    // nothing half-written is left beside it
    expect(readdirSync(backups())).toEqual([made.file]);
    // it holds the whole shop (PIN hashes, the central server's key): readable by this PC's user only
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('a second backup asked for while one is being made is refused in plain words, and the first completes', async () => {
    const first = core.call('backup.create', {});
    expect(await core.call('backup.create', {})).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'backup_busy' } } });
    expect(await first).toMatchObject({ ok: true });
    expect(await must<BackupInfo[]>(core.call('backup.list', {}))).toHaveLength(1);
  });

  it('each backup is also copied to the owner’s folder (a USB key); a key that is not plugged in is said, and the backup is still made', async () => {
    const usb = join(tmp.dir, 'usb');
    mkdirSync(usb);
    await must(core.call('settings.save', { backupFolder: usb }));
    const made = await must<BackupMade>(core.call('backup.create', {}));
    expect(made.copiedTo).toBe(join(usb, made.file));
    expect(statSync(join(usb, made.file)).size).toBe(made.bytes);

    await must(core.call('settings.save', { backupFolder: join(tmp.dir, 'unplugged') }));
    clock = new Date('2026-05-04T10:00:00');
    const second = await must<BackupMade>(core.call('backup.create', {}));
    expect(second).toMatchObject({ copiedTo: null, copyError: { folder: join(tmp.dir, 'unplugged'), problem: 'missing' } });
    expect(existsSync(join(backups(), second.file))).toBe(true);
  });

  it('a folder that is not a full path is refused when saved, naming the field', async () => {
    for (const backupFolder of ['sauvegardes', '../backups', 'E:', '/media/../etc']) {
      expect(await core.call('settings.save', { backupFolder }), backupFolder).toMatchObject({ ok: false, error: { code: 'validation', field: 'backupFolder' } });
    }
    for (const backupFolder of ['E:\\Sauvegardes', 'E:/', '\\\\BUREAU\\partage', '/media/usb', '']) {
      expect(await core.call('settings.save', { backupFolder }), backupFolder).toMatchObject({ ok: true });
    }
  });

  it('one automatic backup a day, the newest ones kept; the owner’s own backups are never pruned', async () => {
    const manual = await must<BackupMade>(core.call('backup.create', {}));
    expect(await core.services.backup.autoIfDue()).not.toBeNull();
    clock = new Date('2026-05-04T18:00:00');
    expect(await core.services.backup.autoIfDue()).toBeNull();
    for (let d = 5; d < 5 + AUTO_KEPT + 2; d++) {
      clock = new Date(`2026-05-${String(d).padStart(2, '0')}T09:00:00`);
      expect(await core.services.backup.autoIfDue()).not.toBeNull();
    }
    const list = await must<BackupInfo[]>(core.call('backup.list', {}));
    const autos = list.filter((b) => b.kind === 'auto');
    expect(autos).toHaveLength(AUTO_KEPT);
    // the newest first; the oldest ones (May 4, 5, 6) are gone
    expect(autos[0].at).toBe(new Date('2026-05-20T09:00:00').toISOString());
    expect(autos[AUTO_KEPT - 1].at).toBe(new Date('2026-05-07T09:00:00').toISOString());
    expect(list.some((b) => b.file === manual.file)).toBe(true);
  });

  it('a restore replaces the shop file at the next start, keeping the file it replaced as a backup first', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await sell();
    const events: unknown[] = [];
    core.onEvent((event, payload) => events.push({ event, payload }));
    clock = new Date('2026-05-04T12:00:00');
    expect(await must(core.call('backup.restore', { file: made.file }))).toEqual({ file: made.file, at: made.at, restartNeeded: true });
    expect(events).toContainEqual({ event: 'backup.restorePending', payload: { file: made.file } });
    // nothing changes until the restart: the till goes on with its file
    await sell();
    expect(salesIn(join(tmp.dir, 'shop.db'))).toBe(4);
    core.close();

    core = open();
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    const list = await must<BackupInfo[]>(core.call('backup.list', {}));
    const before = list.find((b) => b.kind === 'before-restore');
    expect(before).toBeDefined();
    expect(salesIn(join(backups(), before!.file))).toBe(4);
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
    // the restored shop works: it sells again, with the next receipt number of its own history
    await sell();
    expect(core.store.sqlite.prepare('SELECT max(receipt_no) FROM sales').pluck().get()).toBe(2);
  });

  it('refuses to restore an unknown name, a path outside the folder, a damaged file or one from a newer Shelfcast; nothing is scheduled', async () => {
    const made = await must<BackupMade>(core.call('backup.create', {}));
    const damaged = 'shelfcast-manual-2026-05-01T08-00-00-000Z.db';
    writeFileSync(join(backups(), damaged), 'pas une base de données');
    const newer = 'shelfcast-manual-2026-05-02T08-00-00-000Z.db';
    copyFileSync(join(backups(), made.file), join(backups(), newer));
    const db = new Database(join(backups(), newer));
    db.pragma('user_version = 9999');
    db.close();
    for (const [file, code, reason] of [
      ['shelfcast-manual-2020-01-01T00-00-00-000Z.db', 'not_found', 'backup_unknown_file'],
      ['../shop.db', 'not_found', 'backup_unknown_file'],
      [damaged, 'validation', 'backup_unreadable'],
      [newer, 'validation', 'backup_newer'],
    ] as const) {
      expect(await core.call('backup.restore', { file }), file).toMatchObject({ ok: false, error: { code, field: 'file', details: { reason } } });
    }
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
  });

  it('a shop file damaged beyond opening is still replaced by the restore, and kept beside the backups as it was', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    writeFileSync(join(tmp.dir, 'shop.db'), 'disque abîmé');
    core = open();
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    const before = (await must<BackupInfo[]>(core.call('backup.list', {}))).find((b) => b.kind === 'before-restore');
    expect(before?.bytes).toBe(Buffer.byteLength('disque abîmé'));
  });

  it('a restore whose backup vanished before the restart leaves the shop file as it was', async () => {
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    writeFileSync(join(backups(), made.file), 'abîmé');
    core = open();
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(2);
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
  });

  it('a manager makes and lists backups; only the owner restores; a cashier does neither (main refuses)', async () => {
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await ownerPin(core);
    const manager = await must<UserRecord>(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '2468' }));
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: manager.id, name: manager.name, role: 'manager' });
    clock = new Date('2026-05-04T10:00:00');
    expect(await core.call('backup.create', {})).toMatchObject({ ok: true });
    expect(await core.call('backup.restore', { file: made.file })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
    expect(await core.call('backup.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call('backup.create', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
  });
});
