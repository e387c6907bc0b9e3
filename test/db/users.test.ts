import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { UserRecord } from '../../src/shared/domain/user';
import { SessionService } from '../../src/main/services/session/session';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('users, PINs and roles enforced in main', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock = new Date('2026-05-04T10:00:00');
  beforeEach(() => {
    tmp = tempDir();
    clock = new Date('2026-05-04T10:00:00');
    core = openTestCore(tmp.dir, () => clock);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it("names a new shop's first owner in the shop's language and never renames it afterwards", async () => {
    expect(core.services.session.current()).toMatchObject({ name: 'Propriétaire', role: 'owner' });
    await must(core.call('settings.save', { locale: 'en' }));
    core.close();
    core = openTestCore(tmp.dir, () => clock);
    expect(core.services.session.current().name).toBe('Propriétaire');
    // a shop whose settings say English, opened with no owner yet
    core.store.sqlite.prepare('DELETE FROM users').run();
    expect(new SessionService(core.store.sqlite, () => clock, () => 'en').current()).toMatchObject({ name: 'Owner', role: 'owner' });
  });

  it('creates a cashier with a hashed PIN; the right PIN switches user, a wrong one does not', async () => {
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    expect(fatou).toMatchObject({ role: 'cashier', hasPin: true, active: true });
    const stored = core.store.sqlite.prepare('SELECT pin_hash FROM users WHERE id = ?').get(fatou.id) as { pin_hash: string };
    // salt:scrypt in hex, never the PIN (a 'not.toContain' check failed once by chance: random hex does contain 4821 now and then)
    expect(stored.pin_hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(await core.call('session.login', { userId: fatou.id, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'pin' } });
    expect(core.services.session.current().role).toBe('owner');
    expect(await must(core.call('session.login', { userId: fatou.id, pin: '4821' }))).toMatchObject({ name: 'Fatou', role: 'cashier' });
    expect(JSON.stringify(core.store.sqlite.prepare('SELECT detail FROM audit').all())).not.toContain('4821');
  });

  it('a cashier cannot edit prices, create products or manage users; main refuses whatever the UI shows', async () => {
    const p = await must<{ id: number }>(core.call('products.save', { sku: 'LAIT', name: 'Lait', priceMinor: 2950 }));
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const edited = await core.call('pos.checkout', { lines: [{ productId: p.id, quantity: 1, unitPriceMinor: 2000 }], tenders: [{ tender: 'cash', amountMinor: 2000 }] });
    expect(edited).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'lines.0.unitPriceMinor' } });
    expect(await core.call('products.save', { sku: 'X', name: 'X', priceMinor: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call('users.save', { name: 'Moi', role: 'owner', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await must(core.call('pos.checkout', { lines: [{ productId: p.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 3000 }] }))).toMatchObject({ receiptNo: 1 });
  });

  it('locks a user for a minute after five wrong PINs', async () => {
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    for (let i = 0; i < 5; i++) await core.call('session.login', { userId: fatou.id, pin: '1111' });
    expect(await core.call('session.login', { userId: fatou.id, pin: '4821' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('too many wrong PINs') } });
    clock = new Date(clock.getTime() + 61_000);
    expect(await must(core.call('session.login', { userId: fatou.id, pin: '4821' }))).toMatchObject({ name: 'Fatou' });
  });

  it('keeps at least one active owner, refuses a short PIN and a duplicate name', async () => {
    const owner = core.services.session.current();
    expect(await core.call('users.save', { id: owner.id, name: owner.name, role: 'manager' })).toMatchObject({ ok: false, error: { field: 'role' } });
    expect(await core.call('users.save', { name: 'Awa', role: 'manager', pin: '12' })).toMatchObject({ ok: false, error: { field: 'pin' } });
    await must(core.call('users.save', { name: 'Awa', role: 'manager', pin: '1234' }));
    expect(await core.call('users.save', { name: 'awa', role: 'cashier', pin: '9999' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect((await must<UserRecord[]>(core.call('users.list', {}))).map((u) => [u.name, u.role])).toEqual([
      ['Awa', 'manager'],
      ['Propriétaire', 'owner'],
    ]);
  });
});
