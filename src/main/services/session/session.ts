import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/result';
import type { Role, User } from '../../../shared/domain/user';
import { DEFAULT_SETTINGS, type Locale } from '../../../shared/domain/settings';
import { pinMatches } from './users';

const MAX_TRIES = 5;
/** The first owner's name, in the shop's language; the owner renames it in Users. */
const OWNER_NAME: Record<Locale, string> = { fr: 'Propriétaire', en: 'Owner' };
const LOCK_MS = 60_000;

/**
 * Who is at the till. A new shop starts with one owner account without a PIN; once people have PINs,
 * switching user asks for one. Roles are checked in main for every call, whatever the UI shows.
 */
export class SessionService {
  private user: User;
  private readonly failures = new Map<number, { count: number; until: number }>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    locale: () => Locale = () => DEFAULT_SETTINGS.locale,
  ) {
    const owner = db.prepare("SELECT id, name, role FROM users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1").get() as User | undefined;
    if (owner) {
      this.user = owner;
    } else {
      const name = OWNER_NAME[locale()];
      const id = Number(db.prepare("INSERT INTO users (name, role) VALUES (?, 'owner')").run(name).lastInsertRowid);
      this.user = { id, name, role: 'owner' };
    }
  }

  current(): User {
    return this.user;
  }

  /** Switches to another user with their PIN; a user without a PIN (a new shop's owner) needs none. */
  login(userId: number, pin: string): User {
    const row = this.db.prepare('SELECT id, name, role, pin_hash, active FROM users WHERE id = ?').get(userId) as
      | { id: number; name: string; role: Role; pin_hash: string | null; active: number }
      | undefined;
    if (!row || !row.active) throw new AppError('not_found', `userId: no active user with id ${userId}`, 'userId');
    const t = this.now().getTime();
    const failed = this.failures.get(userId);
    if (failed && failed.until > t) throw new AppError('forbidden', 'pin: too many wrong PINs; wait a minute and try again', 'pin');
    if (row.pin_hash !== null && !pinMatches(pin, row.pin_hash)) {
      const count = (failed?.count ?? 0) + 1;
      this.failures.set(userId, { count: count >= MAX_TRIES ? 0 : count, until: count >= MAX_TRIES ? t + LOCK_MS : 0 });
      throw new AppError('forbidden', 'pin: wrong PIN', 'pin');
    }
    this.failures.delete(userId);
    this.user = { id: row.id, name: row.name, role: row.role };
    return this.user;
  }

  /** Switches the acting user without a PIN; for tests and benchmarks only. */
  actAs(user: User): void {
    this.user = user;
  }
}
