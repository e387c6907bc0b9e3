import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { BackupMade, BackupStatus } from '../../src/shared/api/contract';
import type { Product } from '../../src/shared/domain/product';
import type { UserRecord } from '../../src/shared/domain/user';
import { sellRice, stockRice } from './backup-shop';
import { must, openTestCore, OWNER_PIN, ownerPin, tempDir } from '../helpers/core';

/** M4: a restore keeps today's users and PINs. L1: a restore waiting for the next start is said, and can be called off. */
describe('a restore keeps the users and PINs of today; a pending restore is in the status and can be called off (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  const open = (dir = tmp.dir) => openTestCore(dir, () => clock);
  const sell = () => sellRice(core, rice);
  const sales = () => core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  const users = () => must<UserRecord[]>(core.call('users.list', {}));
  const status = () => must<BackupStatus>(core.call('backup.status', {}));
  const login = (userId: number, pin: string) => core.call('session.login', { userId, pin });
  const restored = () => JSON.parse(core.store.sqlite.prepare("SELECT detail FROM audit WHERE entity = 'backup' AND action = 'restored'").pluck().get() as string) as Record<string, unknown>;
  const tick = () => (clock = new Date(clock.getTime() + 60_000));

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

  it('a cashier let go after the backup stays out, the owner’s new PIN stays his, and users added since stay, with every sale still someone’s', async () => {
    await ownerPin(core);
    const owner = core.services.session.owner();
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    const moussa = await must<UserRecord>(core.call('users.save', { name: 'Moussa', role: 'cashier', pin: '2468' }));
    await sell();
    tick();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    tick();
    // since the backup: Fatou is let go, the owner changes his PIN, Moussa becomes manager, Awa is hired and sells
    await must(core.call('users.save', { id: fatou.id, name: 'Fatou', role: 'cashier', active: false }));
    await must(core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: '9731', active: true }));
    await must(core.call('users.save', { id: moussa.id, name: 'Moussa Diop', role: 'manager', active: true }));
    const awa = await must<UserRecord>(core.call('users.save', { name: 'Awa', role: 'cashier', pin: '1357' }));
    core.services.session.actAs({ id: awa.id, name: awa.name, role: 'cashier' });
    await sell();
    core.services.session.actAs({ id: owner.id, name: owner.name, role: 'owner' });
    const today = await users();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();

    core = open();
    expect(sales()).toBe(1);
    expect(await users()).toEqual(today);
    expect(await login(fatou.id, '4821')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await login(owner.id, OWNER_PIN)).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
    expect(await login(owner.id, '9731')).toMatchObject({ ok: true });
    expect(await login(moussa.id, '2468')).toMatchObject({ ok: true, data: { name: 'Moussa Diop', role: 'manager' } });
    expect(await login(awa.id, '1357')).toMatchObject({ ok: true, data: { name: 'Awa', role: 'cashier' } });
    // the audit says whose accounts differ from the backup's (never their PINs)
    expect(restored()).toMatchObject({ usersKept: [owner.id, fatou.id, moussa.id, awa.id] });
    expect(JSON.stringify(restored())).not.toMatch(/pin_hash|[0-9a-f]{32}/);
    // the restored history names only users that exist; a user hired now gets an id of their own
    for (const table of ['movements', 'sales', 'audit']) {
      expect(core.store.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE user_id > 0 AND user_id NOT IN (SELECT id FROM users)`).pluck().get(), table).toBe(0);
    }
    core.services.session.actAs({ id: owner.id, name: owner.name, role: 'owner' });
    const ibou = await must<UserRecord>(core.call('users.save', { name: 'Ibou', role: 'cashier', pin: '8642' }));
    expect(ibou.id).toBeGreaterThan(awa.id);
  });

  it('users the same as in the backup: nothing to say, and the restore’s audit is as before', async () => {
    await ownerPin(core);
    const made = await must<BackupMade>(core.call('backup.create', {}));
    await must(core.call('backup.restore', { file: made.file }));
    core.close();
    core = open();
    expect(Object.keys(restored()).sort()).toEqual(['keptFromThisPc', 'requestedAt', 'savedAs']);
  });

  it('a user of the backup that today’s file does not have is kept for the history that names them, but cannot log in', async () => {
    await ownerPin(core);
    const made = await must<BackupMade>(core.call('backup.create', {}));
    // as a backup restored under an earlier Shelfcast, which brought the backup's users back, could leave it
    const db = new Database(join(tmp.dir, 'backups', made.file));
    db.prepare("INSERT INTO users (id, name, role, pin_hash, active) VALUES (9, 'Ancien', 'cashier', (SELECT pin_hash FROM users WHERE id = 1), 1)").run();
    db.close();
    const today = await users();
    await must(core.call('backup.restore', { file: made.file }));
    core.close();

    core = open();
    expect((await users()).filter((u) => u.active)).toEqual(today);
    expect((await users()).find((u) => u.id === 9)).toMatchObject({ name: 'Ancien', active: false });
    expect(await login(9, OWNER_PIN)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(restored()).toMatchObject({ usersDeactivated: [9] });
  });

  it('on a new PC with a blank shop (no product, no sale), the backup’s users and PINs come with it; the status says so beforehand', async () => {
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await sell();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    expect((await status()).restoreKeepsUsers).toBe(true);
    core.close();

    const newPc = join(tmp.dir, 'new-pc');
    mkdirSync(join(newPc, 'backups'), { recursive: true });
    copyFileSync(join(tmp.dir, 'backups', made.file), join(newPc, 'backups', made.file));
    core = open(newPc);
    // whoever set the new PC up gave its default owner a PIN of their own
    const blankOwner = core.services.session.owner();
    await must(core.call('users.save', { id: blankOwner.id, name: blankOwner.name, role: 'owner', pin: '5937', active: true }));
    expect((await status()).restoreKeepsUsers).toBe(false);
    await must(core.call('backup.restore', { file: made.file }));
    core.close();

    core = open(newPc);
    expect(sales()).toBe(1);
    expect((await users()).map((u) => u.name).sort()).toEqual(['Fatou', blankOwner.name].sort());
    expect(await login(fatou.id, '4821')).toMatchObject({ ok: true });
    core.services.session.lock();
    expect(await login(blankOwner.id, OWNER_PIN)).toMatchObject({ ok: true });
    expect(restored()).toMatchObject({ usersFromBackup: true });
  });

  it('a restore asked for is in the status with its backup’s date until the restart; the owner may call it off, and the restart then changes nothing', async () => {
    await sell();
    tick();
    const made = await must<BackupMade>(core.call('backup.create', {}));
    tick();
    expect((await status()).pendingRestore).toBeNull();
    await must(core.call('backup.restore', { file: made.file }));
    expect((await status()).pendingRestore).toEqual({ file: made.file, at: made.at, requestedAt: clock.toISOString() });
    await sell();

    // called at the service: its channel (backup.cancelRestore) is not wired in this tree yet
    const owner = core.services.session.owner();
    expect(core.services.backup.cancelRestore({ user: owner })).toEqual({ file: made.file });
    expect((await status()).pendingRestore).toBeNull();
    expect(existsSync(join(tmp.dir, 'restore-pending.json'))).toBe(false);
    const cancelled = core.store.sqlite.prepare("SELECT user_id, entity_id, detail FROM audit WHERE action = 'restore_cancelled'").all();
    expect(cancelled).toEqual([{ user_id: owner.id, entity_id: made.file, detail: JSON.stringify({ requestedAt: clock.toISOString() }) }]);
    // nothing is left to call off: refused, saying so
    let refusal: unknown = null;
    try {
      core.services.backup.cancelRestore({ user: owner });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'not_found', details: { reason: 'restore_none_pending' } });

    core.close();
    core = open();
    expect(sales()).toBe(2);
    expect((await status()).lastRestore).toBeNull();
  });
});
