import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { PIN_PATTERN, type Role, type User } from '../../../shared/domain/user';
import { DEFAULT_SETTINGS, type Locale } from '../../../shared/domain/settings';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import { hashPin, pinMatches } from './users';

/** The first owner's name, in the shop's language; the owner renames it in Users. */
const OWNER_NAME: Record<Locale, string> = { fr: 'Propriétaire', en: 'Owner' };

/**
 * How long a user's PIN is refused after the last of `failures` wrong PINs in a row: nothing for the
 * first 4; from the 5th, after every wrong PIN, a wait that grows with each round of 5 (1, 5, 15, then
 * 60 minutes), so a 4-digit PIN takes months to guess, not an afternoon (5 tries a minute gave the
 * owner's PIN away in ~30 minutes in review).
 */
export function pinLockMs(failures: number): number {
  if (failures < 5) return 0;
  if (failures < 10) return 60_000;
  if (failures < 15) return 5 * 60_000;
  if (failures < 20) return 15 * 60_000;
  return 60 * 60_000;
}

/**
 * Who is at the till. A new shop starts with one owner account without a PIN and is open; once
 * anybody has a PIN, the app starts locked and asks who is there, and any user may lock it again.
 * Roles are checked in main for every call, whatever the UI shows, and read from the database each
 * time, so a demoted or deactivated user loses their rights at once.
 */
export class SessionService {
  private userId: number | null;
  /** Set by actAs (tests and benchmarks): used as is, not read from the database. */
  private acting: User | null = null;
  // every call of every channel reads the user: prepared once
  private readonly userById: Database.Statement;
  private readonly firstOwner: Database.Statement;
  private readonly failures: Database.Statement;
  /** Somebody active has a PIN: the app starts locked, and a PIN-less user chooses one at login. */
  private readonly anyPin: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    locale: () => Locale = () => DEFAULT_SETTINGS.locale,
  ) {
    this.userById = db.prepare('SELECT id, name, role FROM users WHERE id = ? AND active = 1');
    this.firstOwner = db.prepare("SELECT id, name, role FROM users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1");
    this.failures = db.prepare(
      `SELECT count(*) AS n, max(at) AS last FROM audit WHERE entity = 'user' AND entity_id = ? AND action = 'login_failed'
         AND id > coalesce((SELECT max(id) FROM audit WHERE entity = 'user' AND entity_id = ? AND action IN ('login', 'pin_set')), 0)`,
    );
    const owner = this.firstOwner.get() as User | undefined;
    const ownerId = owner ? owner.id : Number(db.prepare("INSERT INTO users (name, role) VALUES (?, 'owner')").run(OWNER_NAME[locale()]).lastInsertRowid);
    this.anyPin = db.prepare('SELECT 1 FROM users WHERE active = 1 AND pin_hash IS NOT NULL LIMIT 1');
    this.userId = this.anyPin.get() !== undefined ? null : ownerId;
  }

  /** The user at the till, or null while the app is locked (or that user was since deactivated). */
  current(): User | null {
    if (this.acting) return this.acting;
    if (this.userId === null) return null;
    return (this.userById.get(this.userId) as User | undefined) ?? null;
  }

  /**
   * Switches to another user with their PIN; a user without a PIN needs none while nobody has one (a
   * new shop's owner). A PIN-less user beside users with PINs (a file from before every user needed
   * one) chooses theirs here: the 4 to 8 digits typed become their PIN, so the account is not open to
   * anyone at the lock screen twice, and its owner is never locked out of it.
   */
  login(userId: number, pin: string): User {
    const row = this.db.prepare('SELECT id, name, role, pin_hash, active FROM users WHERE id = ?').get(userId) as
      | { id: number; name: string; role: Role; pin_hash: string | null; active: number }
      | undefined;
    if (!row || !row.active) throw new AppError('not_found', `userId: no active user with id ${userId}`, 'userId');
    const t = this.now().getTime();
    const { failures, last } = this.failuresOf(userId);
    const wait = last === null ? 0 : last + pinLockMs(failures) - t;
    if (wait > 0) {
      throw new AppError('forbidden', `pin: too many wrong PINs; try again in ${Math.ceil(wait / 60_000)} min`, 'pin', {
        reason: 'pin_locked',
        minutes: Math.ceil(wait / 60_000),
      });
    }
    const journal = new Journal(this.db);
    const at = this.now().toISOString();
    // the audit row's user is who was at the till, or the user tried when the app was locked
    const by = this.current()?.id ?? userId;
    if (row.pin_hash !== null && !pinMatches(pin, row.pin_hash)) {
      journal.write(at, by, 'login_failed', 'user', userId, { failures: failures + 1 });
      throw new AppError('forbidden', 'pin: wrong PIN', 'pin', { reason: 'wrong_pin' });
    }
    const choosing = row.pin_hash === null && this.anyPin.get() !== undefined;
    if (choosing && !PIN_PATTERN.test(pin)) {
      throw new AppError('validation', `pin: ${row.name} has no PIN yet; type the 4 to 8 digits that will be theirs`, 'pin', { reason: 'pin_choose', name: row.name });
    }
    inTransaction(this.db, () => {
      if (choosing) {
        this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ? AND pin_hash IS NULL').run(hashPin(pin), row.id);
        journal.write(at, row.id, 'pin_set', 'user', userId, { chosenAtLogin: true });
      }
      journal.write(at, row.id, 'login', 'user', userId, {});
    });
    this.acting = null;
    this.userId = row.id;
    return { id: row.id, name: row.name, role: row.role };
  }

  /**
   * Wrong PINs for `userId` since its last good one or its last new PIN, kept in the audit trail so a
   * restart does not reset them.
   */
  private failuresOf(userId: number): { failures: number; last: number | null } {
    const r = this.failures.get(String(userId), String(userId)) as { n: number; last: string | null };
    return { failures: r.n, last: r.last === null ? null : Date.parse(r.last) };
  }

  /**
   * The shop's first active owner: the actor of command-line tools (import, demo, benchmarks), run
   * by whoever holds the shop file, which is the owner's.
   */
  owner(): User {
    const row = this.firstOwner.get() as User | undefined;
    if (!row) throw new AppError('not_found', 'users: the shop has no active owner');
    return row;
  }

  /** Locks the till: nothing but choosing who is there works until someone logs in. */
  lock(): void {
    const user = this.current();
    if (user) new Journal(this.db).write(this.now().toISOString(), user.id, 'lock', 'user', user.id, {});
    this.acting = null;
    this.userId = null;
  }

  /** Switches the acting user without a PIN; for tests and benchmarks only. */
  actAs(user: User): void {
    this.acting = user;
  }
}
