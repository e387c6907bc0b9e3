import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { isWeakPin, PIN_PATTERN, WEAK_PIN_RULE, type Role, type UserRecord, type WrongPins } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { nameClash } from '../../../shared/domain/name-clash';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { WrongPinLog } from './wrong-pins';

export type { UserRecord };

export interface UserInput {
  id?: number;
  name: string;
  role: Role;
  /** 4 to 8 digits, none of the common ones (isWeakPin); omitted keeps the current PIN. */
  pin?: string;
  active: boolean;
}

/**
 * PINs are stored as scrypt(pin, salt), never in clear. That slows a thief down but does not stop him: from a
 * copied shop file or backup, every 4-digit PIN is tried in minutes. Hence the backups' file modes and
 * the owner told to keep the USB key safe (Settings > Backups).
 */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export class UserService {
  private readonly db: Database.Database;

  constructor(private readonly deps: ServiceDeps) {
    this.db = deps.store.sqlite;
  }

  /**
   * Everybody, active first. `withWrongPins` (owners' calls: the lock screen lists users too) adds the
   * wrong PINs that count towards each account's wait, and who was at the till when they were typed.
   */
  list(withWrongPins = false): UserRecord[] {
    const log = withWrongPins ? new WrongPinLog(this.db) : null;
    const now = this.deps.now();
    return (this.db.prepare('SELECT id, name, role, active, pin_hash FROM users ORDER BY active DESC, name COLLATE NOCASE').all() as {
      id: number;
      name: string;
      role: Role;
      active: number;
      pin_hash: string | null;
    }[]).map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      active: u.active === 1,
      hasPin: u.pin_hash !== null,
      wrongPins: log ? log.inWindow(u.id, now) : null,
    }));
  }

  save(input: UserInput, actor: Actor): UserRecord {
    if (input.pin !== undefined && !PIN_PATTERN.test(input.pin)) throw new AppError('validation', 'pin: 4 to 8 digits', 'pin');
    // every role: a cashier promoted later keeps her PIN, and a hash does not tell a weak one
    if (input.pin !== undefined && isWeakPin(input.pin)) throw new AppError('validation', `pin: too easy to guess: ${WEAK_PIN_RULE}`, 'pin', { reason: 'pin_weak' });
    const at = this.deps.now().toISOString();
    return inTransaction(this.db, () => {
      // « Propriétaire » typed with a combining accent, or in capitals, is the same name to whoever reads the lock screen
      const clash = nameClash(this.db.prepare('SELECT id, name FROM users').all() as { id: number; name: string }[], input.name, input.id);
      if (clash) throw new AppError('conflict', `name: a user named "${input.name}" already exists`, 'name', { reason: 'user_name_taken', name: input.name });
      let id = input.id;
      if (id === undefined) {
        if (input.pin === undefined) throw new AppError('validation', 'pin: a new user needs a PIN', 'pin', { reason: 'user_needs_pin', name: input.name });
        id = Number(this.db.prepare('INSERT INTO users (name, role, pin_hash, active) VALUES (?, ?, ?, ?)').run(input.name, input.role, hashPin(input.pin), input.active ? 1 : 0).lastInsertRowid);
      } else {
        const found = this.db.prepare('SELECT id FROM users WHERE id = ?').get(id);
        if (!found) throw new AppError('not_found', `id: no user with id ${id}`, 'id');
        this.db.prepare('UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?').run(input.name, input.role, input.active ? 1 : 0, id);
        if (input.pin !== undefined) this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashPin(input.pin), id);
      }
      const owners = (this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND active = 1").get() as { n: number }).n;
      if (owners === 0) throw new AppError('validation', 'role: the shop must keep at least one active owner', 'role', { reason: 'last_owner' });
      // once anybody has a PIN, an account without one is open to whoever stands at the lock screen:
      // a new shop's owner sets their own PIN before giving one to anybody else
      const bare = this.db.prepare('SELECT name FROM users WHERE active = 1 AND pin_hash IS NULL ORDER BY id').pluck().all() as string[];
      const pinned = this.db.prepare('SELECT 1 FROM users WHERE active = 1 AND pin_hash IS NOT NULL LIMIT 1').get() !== undefined;
      if (bare.length > 0 && pinned) {
        throw new AppError('validation', `pin: ${bare.join(', ')} has no PIN; once anybody has one, every active user needs one (set that PIN first)`, 'pin', {
          reason: 'pin_everyone',
          names: bare.join(', '),
        });
      }
      // the PIN itself never goes to the audit trail
      const journal = new Journal(this.db);
      journal.write(at, actor.user.id, input.id === undefined ? 'create' : 'update', 'user', id, { name: input.name, role: input.role, active: input.active, pinChanged: input.pin !== undefined });
      // a new PIN starts the count of wrong PINs afresh (see SessionService.failuresOf): the owner's answer to a lock-out
      if (input.pin !== undefined && input.id !== undefined) journal.write(at, actor.user.id, 'pin_set', 'user', id, {});
      return this.list().find((u) => u.id === id) as UserRecord;
    });
  }

  /**
   * `npm run reset-pin`: a new PIN for the user named, from the command line of whoever holds the shop
   * file, for an owner who forgot his PIN or is kept out by wrong PINs and has no other owner to give
   * him one. Clears the wait (the wrong PINs before a new PIN no longer count) and audits it as
   * `pin_reset_cli` on the user's own account, without the PIN.
   */
  resetPinFromCommandLine(name: string, pin: string): { user: UserRecord; cleared: WrongPins | null } {
    if (!PIN_PATTERN.test(pin)) throw new AppError('validation', 'pin: 4 to 8 digits', 'pin');
    if (isWeakPin(pin)) throw new AppError('validation', `pin: too easy to guess: ${WEAK_PIN_RULE}`, 'pin', { reason: 'pin_weak' });
    const row = this.db.prepare('SELECT id, name FROM users WHERE name = ? COLLATE NOCASE').get(name.trim()) as { id: number; name: string } | undefined;
    if (!row) {
      const names = this.list().map((u) => `${u.name} (${u.role}${u.active ? '' : ', inactive'})`);
      throw new AppError('not_found', `user: no user named "${name}"; the users are: ${names.join(', ')}`, 'user');
    }
    const now = this.deps.now();
    const cleared = new WrongPinLog(this.db).inWindow(row.id, now);
    inTransaction(this.db, () => {
      this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashPin(pin), row.id);
      new Journal(this.db).write(now.toISOString(), row.id, 'pin_reset_cli', 'user', row.id, { name: row.name, wrongPinsCleared: cleared?.count ?? 0 });
    });
    return { user: this.list().find((u) => u.id === row.id) as UserRecord, cleared };
  }
}
