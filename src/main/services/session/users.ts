import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { PIN_PATTERN, type Role, type UserRecord } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';

export type { UserRecord };

export interface UserInput {
  id?: number;
  name: string;
  role: Role;
  /** 4 to 8 digits; omitted keeps the current PIN. */
  pin?: string;
  active: boolean;
}

/** PINs are stored as scrypt(pin, salt): a stolen database file does not give them away. */
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

  list(): UserRecord[] {
    return (this.db.prepare('SELECT id, name, role, active, pin_hash FROM users ORDER BY active DESC, name COLLATE NOCASE').all() as {
      id: number;
      name: string;
      role: Role;
      active: number;
      pin_hash: string | null;
    }[]).map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.active === 1, hasPin: u.pin_hash !== null }));
  }

  save(input: UserInput, actor: Actor): UserRecord {
    if (input.pin !== undefined && !PIN_PATTERN.test(input.pin)) throw new AppError('validation', 'pin: 4 to 8 digits', 'pin');
    const at = this.deps.now().toISOString();
    return inTransaction(this.db, () => {
      const clash = this.db.prepare('SELECT id FROM users WHERE name = ? COLLATE NOCASE').get(input.name) as { id: number } | undefined;
      if (clash && clash.id !== input.id) throw new AppError('conflict', `name: a user named "${input.name}" already exists`, 'name', { reason: 'user_name_taken', name: input.name });
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
}
