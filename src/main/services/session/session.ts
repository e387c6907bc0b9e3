import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import { isWeakPin, PIN_PATTERN, WEAK_PIN_RULE, type LoginOutcome, type Role, type User } from '../../../shared/domain/user';
import { DEFAULT_SETTINGS, type Locale } from '../../../shared/domain/settings';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import { hashPin, pinMatches } from './users';
import { WrongPinLog } from './wrong-pins';

/** The first owner's name, in the shop's language; the owner renames it in Users. */
const OWNER_NAME: Record<Locale, string> = { fr: 'Propriétaire', en: 'Owner' };

export { pinLockMs, WRONG_PIN_WINDOW_MS } from './wrong-pins';

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
  private readonly wrongPinLog: WrongPinLog;
  /** Somebody active has a PIN: the app starts locked, and a PIN-less user chooses one at login. */
  private readonly anyPin: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    locale: () => Locale = () => DEFAULT_SETTINGS.locale,
  ) {
    this.userById = db.prepare('SELECT id, name, role FROM users WHERE id = ? AND active = 1');
    this.firstOwner = db.prepare("SELECT id, name, role FROM users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1");
    this.wrongPinLog = new WrongPinLog(db);
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
   * anyone at the lock screen twice, and its owner is never locked out of it. The answer tells the user
   * of the wrong PINs typed for their account since their last login, and who was at the till then.
   *
   * An account that got too many wrong PINs refuses every PIN for a while, the right one too, whoever
   * typed the wrong ones: that wait is what stops the guessing. An owner kept out finds who typed them
   * here at the next login; another owner's new PIN, or `npm run reset-pin`, lets him back in at once.
   */
  login(userId: number, pin: string): LoginOutcome {
    const row = this.db.prepare('SELECT id, name, role, pin_hash, active FROM users WHERE id = ?').get(userId) as
      | { id: number; name: string; role: Role; pin_hash: string | null; active: number }
      | undefined;
    if (!row || !row.active) throw new AppError('not_found', `userId: no active user with id ${userId}`, 'userId');
    const now = this.now();
    const until = this.wrongPinLog.lockedUntil(userId, now);
    if (until !== null) throw lockedError(until.getTime() - now.getTime());
    const journal = new Journal(this.db);
    const at = now.toISOString();
    // the audit row's user is who was at the till, or the user tried when the app was locked
    const by = this.current()?.id ?? userId;
    if (row.pin_hash !== null && !pinMatches(pin, row.pin_hash)) {
      journal.write(at, by, 'login_failed', 'user', userId, { failures: this.wrongPinLog.count(userId, now) + 1 });
      throw new AppError('forbidden', 'pin: wrong PIN', 'pin', { reason: 'wrong_pin' });
    }
    const choosing = row.pin_hash === null && this.anyPin.get() !== undefined;
    if (choosing && !PIN_PATTERN.test(pin)) {
      throw new AppError('validation', `pin: ${row.name} has no PIN yet; type the 4 to 8 digits that will be theirs`, 'pin', { reason: 'pin_choose', name: row.name });
    }
    if (choosing && isWeakPin(pin)) {
      throw new AppError('validation', `pin: too easy to guess: ${WEAK_PIN_RULE}`, 'pin', { reason: 'pin_weak' });
    }
    const wrongPins = this.wrongPinLog.sinceLastLogin(userId, now);
    inTransaction(this.db, () => {
      if (choosing) {
        this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ? AND pin_hash IS NULL').run(hashPin(pin), row.id);
        journal.write(at, row.id, 'pin_set', 'user', userId, { chosenAtLogin: true });
      }
      journal.write(at, row.id, 'login', 'user', userId, {});
    });
    this.acting = null;
    this.userId = row.id;
    return { id: row.id, name: row.name, role: row.role, wrongPins };
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

/** The refusal of an account waiting out its wrong PINs: in minutes up to an hour, in hours beyond. */
function lockedError(waitMs: number): AppError {
  const minutes = Math.ceil(waitMs / 60_000);
  if (minutes <= 60) return new AppError('forbidden', `pin: too many wrong PINs; try again in ${minutes} min`, 'pin', { reason: 'pin_locked', minutes });
  const hours = Math.ceil(waitMs / 3_600_000);
  return new AppError('forbidden', `pin: too many wrong PINs; try again in ${hours} h`, 'pin', { reason: 'pin_locked_hours', hours });
}
