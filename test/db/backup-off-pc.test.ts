import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { backupName, parseBackupName } from '../../src/shared/domain/backup-names';
import { AUTO_KEPT, type BackupInfo, type BackupMade, type BackupStatus } from '../../src/shared/api/contract';
import type { EventMap } from '../../src/shared/api/contract';
import type { SyncStatus } from '../../src/shared/api/contracts/sync';
import type { Product } from '../../src/shared/domain/product';
import type { ShopSettings } from '../../src/shared/domain/settings';
import { sellRice, stockRice } from './backup-shop';
import { must, openTestCore, tempDir } from '../helpers/core';

const KEY = 'shk_off-pc-test-key-0123456789ab';
const day = (d: number, hour = 9) => new Date(`2026-05-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00`);

describe('backups kept off the PC (a USB key), and what the owner is told (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  let failures: EventMap['backup.failed'][];
  const backups = () => join(tmp.dir, 'backups');
  const usb = () => join(tmp.dir, 'usb');
  const open = (dir = tmp.dir) => {
    const opened = openTestCore(dir, () => clock);
    opened.onEvent((event, payload) => event === 'backup.failed' && failures.push(payload as EventMap['backup.failed']));
    return opened;
  };
  const status = () => must<BackupStatus>(core.call('backup.status', {}));
  const sales = () => core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;

  beforeEach(async () => {
    tmp = tempDir();
    failures = [];
    clock = day(4);
    core = open();
    rice = await stockRice(core);
    mkdirSync(usb());
    await must(core.call('settings.save', { backupFolder: usb() }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('automatic backups on the USB key are rotated as those on the PC: a key that is never pruned fills up; the owner’s own stay', async () => {
    const manual = await must<BackupMade>(core.call('backup.create', {}));
    for (let d = 4; d < 4 + AUTO_KEPT + 3; d++) {
      clock = day(d);
      expect(await core.services.backup.autoIfDue()).toMatchObject({ copiedTo: expect.stringContaining(usb()) });
    }
    const onKey = readdirSync(usb()).sort();
    expect(onKey.filter((f) => f.includes('-auto-'))).toHaveLength(AUTO_KEPT);
    expect(onKey).toContain(manual.file);
    expect(onKey).not.toContain(backupName('auto', day(4), core.services.backup.shopTag()));
    // each backup is listed once, with where it is
    const list = await must<BackupInfo[]>(core.call('backup.list', {}));
    expect(list).toHaveLength(AUTO_KEPT + 1);
    expect(list.every((b) => b.onPc && b.inFolder)).toBe(true);
    expect(failures).toEqual([]);
  });

  it('the key unplugged: each automatic backup is still made on the PC, the failed copy is said at once and in the status until a copy works again', async () => {
    await core.services.backup.autoIfDue();
    expect(await status()).toMatchObject({ folder: usb(), lastCopy: { at: day(4).toISOString(), to: join(usb(), backupName('auto', day(4), core.services.backup.shopTag())) }, copyFailures: null, failure: null });

    const elsewhere = join(tmp.dir, 'usb-in-a-drawer');
    renameSync(usb(), elsewhere);
    for (const d of [5, 6]) {
      clock = day(d);
      expect(await core.services.backup.autoIfDue()).toMatchObject({ copiedTo: null, copyError: { folder: usb(), problem: 'missing' } });
    }
    expect(failures).toEqual([
      { copy: expect.objectContaining({ folder: usb(), problem: 'missing' }), cause: null, folder: usb(), freeBytes: null },
      { copy: expect.objectContaining({ folder: usb(), problem: 'missing' }), cause: null, folder: usb(), freeBytes: null },
    ]);
    const unplugged = await status();
    expect(unplugged.lastBackup).toEqual({ file: backupName('auto', day(6), core.services.backup.shopTag()), at: day(6).toISOString() });
    expect(unplugged.lastCopy?.at).toBe(day(4).toISOString());
    expect(unplugged.copyFailures).toMatchObject({ count: 2, at: day(6).toISOString(), error: { problem: 'missing' } });
    // what is on the PC only is listed as such: the key is not there to say what it holds
    expect((await must<BackupInfo[]>(core.call('backup.list', {}))).map((b) => [b.kind, b.onPc, b.inFolder])).toEqual([
      ['auto', true, false],
      ['auto', true, false],
      ['auto', true, false],
    ]);

    renameSync(elsewhere, usb());
    clock = day(7);
    await core.services.backup.autoIfDue();
    expect(await status()).toMatchObject({ lastCopy: { at: day(7).toISOString() }, copyFailures: null });
    expect(failures).toHaveLength(2);
  });

  it('a full disk: the backup is refused naming the folder and the space left, nothing is left behind, and the status says it until one is made', async () => {
    // the kernel's /dev/full answers every write with ENOSPC: SQLite writes the copy into it
    const jammed = (at: Date, kind: 'auto' | 'manual') => symlinkSync('/dev/full', join(backups(), `${backupName(kind, at, core.services.backup.shopTag())}.partial`));
    mkdirSync(backups());
    jammed(clock, 'manual');
    const refusal = await core.call('backup.create', {});
    expect(refusal).toMatchObject({ ok: false, error: { code: 'device', details: { reason: 'backup_disk_full', folder: backups(), freeMb: expect.any(Number) } } });
    expect(readdirSync(backups())).toEqual([]);
    expect(await status()).toMatchObject({ lastBackup: null, failure: { at: clock.toISOString(), cause: 'backup_disk_full', folder: backups() } });

    // the automatic one fails the same way, and says it at once: nobody asked for it
    clock = day(4, 10);
    jammed(clock, 'auto');
    expect(await core.services.backup.autoIfDue()).toBeNull();
    expect(failures).toEqual([{ copy: null, cause: 'backup_disk_full', folder: backups(), freeBytes: expect.any(Number) }]);
    expect(readdirSync(backups())).toEqual([]);

    clock = day(4, 11);
    expect(await core.services.backup.autoIfDue()).not.toBeNull();
    expect(await status()).toMatchObject({ lastBackup: { at: clock.toISOString() }, failure: null });
  });

  it('on a new PC, the backups on the USB key are listed and one is restored; this PC keeps its own folder, and takes the server the backup knew', async () => {
    await must(core.call('sync.configure', { url: 'http://127.0.0.1:9', key: KEY }));
    await sellRice(core, rice);
    await sellRice(core, rice);
    const made = await must<BackupMade>(core.call('backup.create', {}));
    core.close();
    // the old PC dies; the key is plugged into the new one, where it is another drive
    const newPc = join(tmp.dir, 'new-pc');
    const key = join(tmp.dir, 'usb-on-the-new-pc');
    mkdirSync(newPc);
    renameSync(usb(), key);
    core = open(newPc);
    expect(await must<BackupInfo[]>(core.call('backup.list', {}))).toEqual([]);
    await must(core.call('settings.save', { backupFolder: key }));
    expect(await must<BackupInfo[]>(core.call('backup.list', {}))).toEqual([{ file: made.file, kind: 'manual', at: made.at, bytes: made.bytes, onPc: false, inFolder: true, otherShop: false }]);

    await must(core.call('backup.restore', { file: made.file }));
    // brought onto the PC at once: the key may be unplugged before the restart
    expect(existsSync(join(newPc, 'backups', made.file))).toBe(true);
    rmSync(key, { recursive: true });
    core.close();

    core = open(newPc);
    expect(sales()).toBe(2);
    expect((await must<ShopSettings>(core.call('settings.get', {}))).backupFolder).toBe(key);
    expect(await must<SyncStatus>(core.call('sync.status', {}))).toMatchObject({ url: 'http://127.0.0.1:9', keySet: true });
    expect((await status()).lastRestore).toMatchObject({ file: made.file, done: true, cause: null });
  });

  it('restoring an older backup keeps this PC’s printer, USB folder and central server as they are now', async () => {
    await must(core.call('settings.save', { backupFolder: '' }));
    const old = await must<BackupMade>(core.call('backup.create', {}));
    clock = day(5);
    await must(core.call('settings.save', { backupFolder: usb(), receiptWidth: 58, autoPrint: true, shopName: 'Boutique Awa' }));
    await must(core.call('sync.configure', { url: 'http://127.0.0.1:9', key: KEY }));
    await must(core.call('backup.restore', { file: old.file }));
    core.close();

    core = open();
    const settings = await must<ShopSettings>(core.call('settings.get', {}));
    expect(settings).toMatchObject({ backupFolder: usb(), receiptWidth: 58, autoPrint: true });
    // the shop's own settings are the backup's, as its sales are
    expect(settings.shopName).not.toBe('Boutique Awa');
    expect(await must<SyncStatus>(core.call('sync.status', {}))).toMatchObject({ url: 'http://127.0.0.1:9', keySet: true });
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'restored'").pluck().get() as string;
    expect(JSON.parse(audit).keptFromThisPc.sort()).toEqual(['autoPrint', 'backupFolder', 'receiptWidth', 'syncServer']);
    // the next automatic backup goes to the key again
    clock = day(6);
    expect(await core.services.backup.autoIfDue()).toMatchObject({ copiedTo: join(usb(), backupName('auto', day(6), core.services.backup.shopTag())) });
  });

  it('a restore that could not be done is in the status, with why, after the restart', async () => {
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await sellRice(core, rice);
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    // the backup chosen is gone before the restart (deleted by hand)
    rmSync(join(backups(), made.file));

    core = open();
    expect(sales()).toBe(1);
    expect((await status()).lastRestore).toMatchObject({ file: made.file, done: false, cause: 'backup_missing' });
  });
  it('two shops’ PCs copying to one USB key: each rotates only its own backups there, sees the other’s marked, and cannot restore them over its sales', async () => {
    mkdirSync(join(tmp.dir, 'thies'));
    const other = openTestCore(join(tmp.dir, 'thies'), () => clock);
    try {
      await stockRice(other);
      await must(other.call('settings.save', { shopName: 'Boutique de Thiès', backupFolder: usb() }));
      const theirs = await must<BackupMade>(other.call('backup.create', {}));
      expect(await other.services.backup.autoIfDue()).toMatchObject({ copiedTo: expect.stringContaining(usb()) });
      expect(core.services.backup.shopTag()).not.toBe(other.services.backup.shopTag());
      // a backup from before the tags (an older Shelfcast) is nobody's to rotate
      const legacy = backupName('auto', day(3));
      copyFileSync(join(tmp.dir, 'thies', 'backups', theirs.file), join(usb(), legacy));

      for (let d = 4; d < 4 + AUTO_KEPT + 3; d++) {
        clock = day(d);
        await core.services.backup.autoIfDue();
      }
      const onKey = readdirSync(usb());
      const ofShop = (tag: string | null) => onKey.filter((f) => f.includes('-auto-') && parseBackupName(f)?.shop === tag);
      expect(ofShop(core.services.backup.shopTag())).toHaveLength(AUTO_KEPT);
      expect(ofShop(other.services.backup.shopTag())).toHaveLength(1);
      expect(onKey).toContain(theirs.file);
      expect(onKey).toContain(legacy);

      const list = await must<BackupInfo[]>(core.call('backup.list', {}));
      expect(list.filter((b) => b.otherShop).map((b) => b.file).sort()).toEqual(onKey.filter((f) => parseBackupName(f)?.shop === other.services.backup.shopTag()).sort());
      expect(list.find((b) => b.file === legacy)).toMatchObject({ otherShop: false });
      const refused = await core.call('backup.restore', { file: theirs.file });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', details: { reason: 'backup_other_shop', file: theirs.file } } });
      expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
      expect(existsSync(join(backups(), theirs.file))).toBe(false);
      // the other shop sees this one's backups marked the same way
      expect((await must<BackupInfo[]>(other.call('backup.list', {}))).filter((b) => !b.otherShop && b.inFolder).map((b) => b.file).sort()).toEqual([theirs.file, ...ofShop(other.services.backup.shopTag()).filter((f) => f !== theirs.file), legacy].sort());
    } finally {
      other.close();
    }
  });
});
