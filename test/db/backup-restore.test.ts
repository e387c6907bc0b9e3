import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { applyPendingRestore } from '../../src/main/services/backup/restore';
import { SyncState } from '../../src/main/services/sync/state';
import type { BackupMade } from '../../src/shared/api/contract';
import type { SyncStatus } from '../../src/shared/api/contracts/sync';
import type { Product } from '../../src/shared/domain/product';
import { sellRice, stockRice } from './backup-shop';
import { must, openTestCore, tempDir } from '../helpers/core';

const KEY = 'shk_restore-test-key-0123456789';

describe('a restore at the next start: its sync epoch and its outcome (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  const shopFile = () => join(tmp.dir, 'shop.db');
  const open = () => openTestCore(tmp.dir, () => clock);
  const sell = () => sellRice(core, rice);
  const sales = () => core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  /** The sync rows of the shop file as it lies on disk, read without opening the shop. */
  const syncRowsOnDisk = () => {
    const db = new Database(shopFile(), { readonly: true, fileMustExist: true });
    try {
      return Object.fromEntries(db.prepare('SELECT key, value FROM sync_state').raw().all() as [string, string][]);
    } finally {
      db.close();
    }
  };
  const restoreAudit = () => core.store.sqlite.prepare("SELECT user_id, action, entity_id, detail FROM audit WHERE entity = 'backup' AND action LIKE 'restore%' ORDER BY id").all() as { user_id: number; action: string; entity_id: string; detail: string }[];

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

  it('a start cut off right after the file swap still leaves the restored file under a new sync epoch, its cursors cleared, the server kept', async () => {
    await must(core.call('sync.configure', { url: 'http://127.0.0.1:9', key: KEY }));
    await sell();
    const state = new SyncState(core.store.sqlite);
    // the shop has pushed before: the server holds this epoch, up to these rows
    const epoch = state.epoch();
    state.setCursors({ ...state.cursors(), movements: 2, sales: 1, events: 5 });
    clock = new Date('2026-05-04T10:00:00');
    const backup = await must<BackupMade>(core.call('backup.create', {}));
    await sell(); // undone by the restore; already on the server
    await must(core.call('backup.restore', { file: backup.file }));
    core.close();

    // the start that restores: the swap, then the process dies before the store is opened
    clock = new Date('2026-05-04T11:00:00');
    expect(applyPendingRestore(shopFile(), silentLogger, () => clock)).toMatchObject({ done: true, file: backup.file });
    const onDisk = syncRowsOnDisk();
    expect(onDisk.epoch).toBeDefined();
    expect(onDisk.epoch).not.toBe(epoch);
    expect(onDisk.cursors).toBeUndefined();
    expect(onDisk).toMatchObject({ url: 'http://127.0.0.1:9', key: KEY });
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('shop.db.restoring') || f === 'restore-pending.json')).toEqual([]);

    // the next start: the restored shop, under the new epoch, with every row waiting for the server
    core = open();
    expect(sales()).toBe(1);
    expect(new SyncState(core.store.sqlite).epoch()).toBe(onDisk.epoch);
    await sell();
    expect((await must<SyncStatus>(core.call('sync.status', {}))).pending.sales).toBe(2);
  });

  it('a restore done at a start gives the restored file a new epoch, and its audit says which backup, when asked and by whom', async () => {
    const epoch = new SyncState(core.store.sqlite).epoch();
    await sell();
    const backup = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    clock = new Date('2026-05-04T12:00:00');
    await must(core.call('backup.restore', { file: backup.file }));
    core.close();

    core = open();
    expect(sales()).toBe(1);
    expect(new SyncState(core.store.sqlite).epoch()).not.toBe(epoch);
    const savedAs = readdirSync(join(tmp.dir, 'backups')).find((f) => f.includes('-before-restore-'));
    const owner = core.services.session.owner();
    expect(restoreAudit()).toMatchObject([{ user_id: owner.id, action: 'restored', entity_id: backup.file }]);
    // this PC had set none of its own settings (printer, backup folder, server): nothing was kept over the backup's
    expect(JSON.parse(restoreAudit()[0].detail)).toEqual({ savedAs, requestedAt: '2026-05-04T12:00:00.000Z', keptFromThisPc: [] });
  });

  it("a backup made before shops had tags, restored, takes this shop's tag: the central server still knows the file as this shop's", async () => {
    const tag = core.services.backup.shopTag();
    await sell();
    const backup = await must<BackupMade>(core.call('backup.create', {}));
    // as an older Shelfcast wrote it: no tag in the file
    const old = new Database(join(tmp.dir, 'backups', backup.file));
    old.prepare("DELETE FROM sync_state WHERE key = 'shopTag'").run();
    old.close();
    await must(core.call('backup.restore', { file: backup.file }));
    core.close();

    core = open();
    expect(sales()).toBe(1);
    expect(core.services.backup.shopTag()).toBe(tag);
    expect(JSON.parse(restoreAudit()[0].detail).keptFromThisPc).toEqual(['shopTag']);
  });

  it('a restore that cannot be done is written, with why, to the audit of the file that opens; the shop and its epoch are unchanged', async () => {
    const epoch = new SyncState(core.store.sqlite).epoch();
    await sell();
    const backup = await must<BackupMade>(core.call('backup.create', {}));
    await sell();
    await must(core.call('backup.restore', { file: backup.file }));
    core.close();
    writeFileSync(join(tmp.dir, 'backups', backup.file), 'abîmé');

    core = open();
    expect(sales()).toBe(2);
    expect(new SyncState(core.store.sqlite).epoch()).toBe(epoch);
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
    expect(restoreAudit()).toMatchObject([
      { action: 'restore_requested', entity_id: backup.file },
      { user_id: core.services.session.owner().id, action: 'restore_failed', entity_id: backup.file },
    ]);
    expect(JSON.parse(restoreAudit()[1].detail)).toMatchObject({ cause: 'backup_missing', reason: `${backup.file} is missing or damaged` });
  });
});
