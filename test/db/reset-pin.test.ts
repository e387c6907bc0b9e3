import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, OWNER_PIN, ownerPin, refused, tempDir } from '../helpers/core';

const root = resolve(__dirname, '../..');

/** `npm run reset-pin -- ARGS`, as the shop file's holder runs it (tsx, as npm does), with `input` on its standard input. */
function resetPin(args: string[], input = '') {
  return spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/reset-pin.ts'), ...args], { cwd: root, encoding: 'utf8', input });
}

/** L3 of the security review: an owner who forgot his PIN, or is kept out by wrong PINs, and is the shop's only owner. */
describe('npm run reset-pin on a real shop file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let db: string;
  let clock = new Date();
  let owner: UserRecord;
  const auditRows = () => core.store.sqlite.prepare("SELECT user_id AS userId, entity_id AS entityId, detail FROM audit WHERE action = 'pin_reset_cli' ORDER BY id").all();
  beforeEach(async () => {
    tmp = tempDir();
    db = join(tmp.dir, 'shop.db');
    // the script reads the real clock: the wrong PINs are typed over the two hours before now
    clock = new Date(Date.now() - 2 * 60 * 60_000);
    core = openTestCore(tmp.dir, () => clock);
    await ownerPin(core);
    owner = core.services.session.current() as UserRecord;
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    // Fatou types 20 wrong owner PINs, as fast as the lock screen takes them: the owner's account is locked for the next hour
    for (let n = 1; n <= 20; n++) {
      expect(await core.call('session.login', { userId: owner.id, pin: String(7000 + n) })).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
      clock = new Date(clock.getTime() + (n < 5 ? 0 : n < 10 ? 60_000 : n < 15 ? 5 * 60_000 : 15 * 60_000) + 1000);
    }
    clock = new Date();
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('gives the owner a new PIN and clears the lock, while the app is open on the file; audited, the PIN nowhere', async () => {
    expect(await refused<AppErrorShape>('the owner while locked', core.call('session.login', { userId: owner.id, pin: OWNER_PIN }))).toMatchObject({ details: { reason: 'pin_locked' } });
    const r = resetPin(['--db', db, '--user', 'propriétaire', '--pin', '6284']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`New PIN set for Propriétaire (owner) in ${db}.`);
    expect(r.stdout).toMatch(/20 wrong PIN\(s\) in the last 7 days \(20 while Fatou was logged in; the last at \S+\): the account, locked until \S+, is open again\./);
    expect(r.stdout).toContain('Written to the audit trail as pin_reset_cli (without the PIN).');
    // the app, still open, lets him in at once with the new PIN, and not with the old one
    expect(await core.call('session.login', { userId: owner.id, pin: OWNER_PIN })).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
    expect(await must(core.call('session.login', { userId: owner.id, pin: '6284' }))).toMatchObject({ id: owner.id, role: 'owner' });
    expect(auditRows()).toEqual([{ userId: owner.id, entityId: String(owner.id), detail: JSON.stringify({ name: 'Propriétaire', wrongPinsCleared: 20 }) }]);
    expect(JSON.stringify(core.store.sqlite.prepare('SELECT * FROM audit').all())).not.toContain('6284');
  });

  it('asks for the PIN twice when it is not given, and changes nothing when the two differ', () => {
    const differ = resetPin(['--db', db, '--user', 'Propriétaire'], '6284\n6285\n');
    expect(differ.status).toBe(2);
    expect(differ.stderr).toContain('the two PINs differ; nothing was changed');
    expect(auditRows()).toEqual([]);
    const asked = resetPin(['--db', db, '--user', 'Propriétaire'], '6284\n6284\n');
    expect(asked.stderr).toContain('New PIN for Propriétaire (4 to 8 digits): ');
    expect(asked.status).toBe(0);
    expect(auditRows()).toHaveLength(1);
  });

  it('refuses a weak PIN, an unknown user and a missing file, naming why, and writes nothing', async () => {
    const weak = resetPin(['--db', db, '--user', 'Propriétaire', '--pin', '1234']);
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('refused: too easy to guess: no repeated digits or blocks (1111, 1212), no run (1234, 9876), none of the most common (2580, 1122, 2000); nothing was changed');
    const short = resetPin(['--db', db, '--user', 'Propriétaire', '--pin', '12']);
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('refused: 4 to 8 digits; nothing was changed');
    const unknown = resetPin(['--db', db, '--user', 'Moussa', '--pin', '6284']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('refused: no user named "Moussa"; the users are: Fatou (cashier), Propriétaire (owner); nothing was changed');
    const missing = resetPin(['--db', join(tmp.dir, 'nope.db'), '--user', 'Propriétaire', '--pin', '6284']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such shop file');
    expect(resetPin(['--db', db]).stderr).toContain('--db and --user are required');
    expect(auditRows()).toEqual([]);
    // still locked, still the old PIN
    expect(await refused<AppErrorShape>('the owner while locked', core.call('session.login', { userId: owner.id, pin: OWNER_PIN }))).toMatchObject({ details: { reason: 'pin_locked' } });
  });
});
