import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { hashPin } from '../../src/main/services/session/users';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { AppErrorShape } from '../../src/shared/api/result';
import { isWeakPin, type LoginOutcome, type UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, OWNER_PIN, ownerPin, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const say = (e: AppErrorShape, locale: 'fr' | 'en' = 'fr') => errorShapeText(e, translator(locale), locale).replace(/[\u00a0\u202f]/g, ' ');
const at = (iso: string) => new Date(iso);

/** M2 and L2 of the security review: the owner's PIN guessed from a cashier's session at the lock screen. */
describe('guessing PINs at the lock screen (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock = at('2026-05-03T19:00:00');
  let owner: UserRecord;
  let fatou: UserRecord;
  beforeEach(async () => {
    tmp = tempDir();
    clock = at('2026-05-03T19:00:00');
    core = openTestCore(tmp.dir, () => clock);
    await ownerPin(core);
    owner = (await must<UserRecord[]>(core.call('users.list', {}))).find((u) => u.role === 'owner')!;
    fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });
  const login = (userId: number, pin: string) => core.call('session.login', { userId, pin });

  it('refuses the PINs anyone tries first, for every role, naming the rule; an older weak PIN still opens its account', async () => {
    for (const pin of ['0000', '1234', '1111', '2580', '123456', '1212', '9876', '7890', '1122', '2000', '123123']) expect(isWeakPin(pin), pin).toBe(true);
    for (const pin of ['4821', '2468', '1357', '5093', '9731', '8642', '20486']) expect(isWeakPin(pin), pin).toBe(false);

    const refusals: AppErrorShape[] = [];
    for (const [role, pin] of [['owner', '1234'], ['manager', '0000'], ['cashier', '2580'], ['manager', '123456'], ['owner', '1111']] as const) {
      const refusal = await refused<AppErrorShape>(`a ${role} with PIN ${pin}`, core.call('users.save', { name: `Nouveau ${role} ${pin}`, role, pin }));
      expect(refusal).toMatchObject({ code: 'validation', field: 'pin', details: { reason: 'pin_weak' } });
      refusals.push(refusal);
    }
    expect(say(refusals[0]!)).toBe(
      'Code PIN trop facile à deviner : pas de chiffre ni de groupe répété (1111, 1212), pas de suite (1234, 9876), aucun des plus courants (2580, 1122, 2000). Choisissez d’autres chiffres.',
    );
    expect(say(refusals[0]!, 'en')).toBe('This PIN is too easy to guess: no repeated digit or block (1111, 1212), no run (1234, 9876), none of the most common (2580, 1122, 2000). Choose other digits.');
    // the owner's own new PIN, and a cashier's new PIN given by the owner
    expect(await core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: '2580', active: true })).toMatchObject({ ok: false, error: { details: { reason: 'pin_weak' } } });
    expect(await core.call('users.save', { id: fatou.id, name: 'Fatou', role: 'cashier', pin: '0000', active: true })).toMatchObject({ ok: false, error: { details: { reason: 'pin_weak' } } });
    expect((await must<UserRecord[]>(core.call('users.list', {}))).map((u) => u.name).sort()).toEqual(['Fatou', 'Propriétaire']);
    await must(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '20486' }));

    // a PIN set before the rule (stored as a hash, which cannot say it is weak) keeps working
    core.store.sqlite.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashPin('1234'), fatou.id);
    expect(await must(login(fatou.id, '1234'))).toMatchObject({ id: fatou.id });
    // a PIN-less account choosing its PIN at the lock screen is held to the same rule
    core.store.sqlite.prepare('UPDATE users SET pin_hash = NULL WHERE id = ?').run(owner.id);
    expect(await refused(`choosing 0000`, login(owner.id, '0000'))).toMatchObject({ code: 'validation', field: 'pin', details: { reason: 'pin_weak' } });
    expect(await must(login(owner.id, '6284'))).toMatchObject({ id: owner.id });
  });

  it("replays the review over two days: a good owner login the next morning does not give back the quick guesses; the owner is told who typed them", async () => {
    // the owner's last visit, the evening before
    await must(login(owner.id, OWNER_PIN));
    await must(login(fatou.id, '4821'));
    /** Fatou at the till from 08:00 to 20:00 types a wrong owner PIN whenever the lock screen takes one: how many were tried. */
    const guessDay = async (day: string) => {
      let tried = 0;
      for (let minute = 0; minute <= 12 * 60; minute++) {
        clock = new Date(at(`${day}T08:00:00`).getTime() + minute * 60_000);
        for (;;) {
          const r = await login(owner.id, String(6000 + tried));
          if (r.ok) throw new Error('a guess got in');
          const reason = (r.error as AppErrorShape).details?.reason;
          if (reason === 'wrong_pin') tried++;
          else {
            expect(reason).toMatch(/^pin_locked(_hours)?$/);
            break;
          }
        }
      }
      return tried;
    };
    const firstDay = await guessDay('2026-05-04');
    // 5 at once, 5 a minute apart, then 5 at 5 min, 5 at 15 min, 5 at an hour, and one 4 hours later (review: 30 a day, every day)
    expect(firstDay).toBe(26);
    expect(core.services.session.current()).toMatchObject({ id: fatou.id });

    // the next morning the owner logs in once: he is told, in the shop's audit terms, who was at the till
    clock = at('2026-05-05T07:30:00');
    const morning = await must<LoginOutcome>(login(owner.id, OWNER_PIN));
    expect(morning).toMatchObject({ id: owner.id, role: 'owner' });
    expect(morning.wrongPins).toEqual({
      count: 26,
      since: at('2026-05-03T19:00:00').toISOString(),
      first: at('2026-05-04T08:00:00').toISOString(),
      last: at('2026-05-04T18:45:00').toISOString(),
      during: [{ name: 'Fatou', count: 26 }],
      atLockScreen: 0,
      lockedUntil: null,
    });
    // told once: the next login has nothing more to say
    expect((await must<LoginOutcome>(login(owner.id, OWNER_PIN))).wrongPins).toBeNull();

    // Fatou takes the till back and goes on guessing: the count was not given back by the owner's login
    clock = at('2026-05-05T07:59:00');
    await must(login(fatou.id, '4821'));
    const secondDay = await guessDay('2026-05-05');
    expect(secondDay).toBe(4);
    // the wait is the account's, whoever typed the wrong PINs: the owner waits too, and is told how long in hours
    clock = at('2026-05-05T20:01:00');
    expect(await refused('the owner while locked', login(owner.id, OWNER_PIN))).toMatchObject({ details: { reason: 'pin_locked_hours', hours: 24 } });
    expect(say((await refused<AppErrorShape>('the owner while locked', login(owner.id, OWNER_PIN))))).toContain('réessayez dans 24 h. Un propriétaire peut lui donner un nouveau code PIN');
    // the owner reads it in Users too, where another owner's new PIN lets him in at once
    core.services.session.actAs({ id: owner.id, name: owner.name, role: 'owner' });
    const listed = (await must<UserRecord[]>(core.call('users.list', {}))).find((u) => u.id === owner.id)!;
    expect(listed.wrongPins).toMatchObject({ count: 30, during: [{ name: 'Fatou', count: 30 }], lockedUntil: at('2026-05-06T20:00:00').toISOString() });
    // ...and a cashier's list (the lock screen's too) does not carry it
    core.services.session.actAs({ id: fatou.id, name: 'Fatou', role: 'cashier' });
    expect((await must<UserRecord[]>(core.call('users.list', {}))).map((u) => u.wrongPins)).toEqual([null, null]);
    // a week later the wrong PINs no longer count
    clock = at('2026-05-12T20:01:00');
    expect(await must(login(owner.id, OWNER_PIN))).toMatchObject({ id: owner.id });
  });

  it('tells each wrong PIN by who was at the till: another user, or nobody (the lock screen); one or two slips just before the right PIN are the user’s own', async () => {
    const wrong = async (time: string, pin: string) => {
      clock = at(time);
      expect(await login(owner.id, pin)).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
    };
    const right = async (time: string) => {
      clock = at(time);
      return (await must<LoginOutcome>(login(owner.id, OWNER_PIN))).wrongPins;
    };
    expect(await right('2026-05-03T19:00:00')).toBeNull();
    // three in a row at the lock screen are not slips: told at once
    await must(core.call('session.lock', {}));
    for (const time of ['20:00:00', '20:00:10', '20:00:20']) await wrong(`2026-05-03T${time}`, '1470');
    expect(await right('2026-05-03T20:00:30')).toMatchObject({ count: 3, atLockScreen: 3, during: [], since: at('2026-05-03T19:00:00').toISOString() });
    // one slip just before the right PIN is the owner's own: nothing to tell
    await must(core.call('session.lock', {}));
    await wrong('2026-05-03T21:00:00', '5039');
    expect(await right('2026-05-03T21:00:10')).toBeNull();
    // Fatou's session: two wrong owner PINs; then the till locked, three more at night
    clock = at('2026-05-03T21:05:00');
    await must(login(fatou.id, '4821'));
    await wrong('2026-05-03T21:10:00', '1000');
    await wrong('2026-05-03T21:11:05', '2222');
    await must(core.call('session.lock', {}));
    for (const time of ['23:30:00', '23:31:05', '23:32:10']) await wrong(`2026-05-03T${time}`, '3333');
    // the next morning the owner slips once, waits out the lock, and types his PIN: his own slips before
    // the right PIN (three at 20:00, one at 21:00) do not count towards the wait, the 5 others and this one do
    await wrong('2026-05-04T07:45:00', '5390');
    expect(await refused('the owner at once', login(owner.id, OWNER_PIN))).toMatchObject({ details: { reason: 'pin_locked', minutes: 1 } });
    expect(await right('2026-05-04T07:50:05')).toEqual({
      count: 5,
      since: at('2026-05-03T21:00:10').toISOString(),
      first: at('2026-05-03T21:10:00').toISOString(),
      last: at('2026-05-03T23:32:10').toISOString(),
      during: [{ name: 'Fatou', count: 2 }],
      atLockScreen: 3,
      lockedUntil: null,
    });
    // what the 7-day window counts towards the wait: every wrong PIN of the week but the owner's own slips before his right PIN
    const listed = (await must<UserRecord[]>(core.call('users.list', {}))).find((u) => u.id === owner.id)!;
    expect(listed.wrongPins).toMatchObject({ count: 5, during: [{ name: 'Fatou', count: 2 }], atLockScreen: 3, lockedUntil: null });
  });

  it('a cashier who mistypes her PIN two or three times a day, then types it, is never kept out of her till', async () => {
    for (let day = 4; day <= 17; day++) {
      for (const [slip, right] of [['08:00:00', '08:00:20'], ['13:00:00', '13:01:00']] as const) {
        await must(core.call('session.lock', {}));
        clock = at(`2026-05-${String(day).padStart(2, '0')}T${slip}`);
        expect(await login(fatou.id, '4281')).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
        if (slip === '13:00:00') expect(await login(fatou.id, '4812')).toMatchObject({ ok: false, error: { details: { reason: 'wrong_pin' } } });
        clock = at(`2026-05-${String(day).padStart(2, '0')}T${right}`);
        expect((await must<LoginOutcome>(login(fatou.id, '4821'))).wrongPins, `day ${day} ${right}`).toBeNull();
      }
    }
    // 42 wrong PINs in two weeks, all her own slips just before her PIN: none counts towards a wait
    core.services.session.actAs({ id: owner.id, name: owner.name, role: 'owner' });
    expect((await must<UserRecord[]>(core.call('users.list', {}))).find((u) => u.id === fatou.id)!.wrongPins).toBeNull();
    // five in a row with no right PIN after them still make her wait
    await must(core.call('session.lock', {}));
    for (let i = 0; i < 5; i++) await login(fatou.id, '1470');
    expect(await refused('after five wrong PINs', login(fatou.id, '4821'))).toMatchObject({ details: { reason: 'pin_locked', minutes: 1 } });
  });
});

