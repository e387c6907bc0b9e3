import type Database from 'better-sqlite3';
import type { User } from '../../../shared/domain/user';

/**
 * Who is at the till. A new shop starts with one owner account; PIN log-in and the cashier/manager
 * accounts build on this. Roles are checked in main for every call, whatever the UI shows.
 */
export class SessionService {
  private user: User;

  constructor(sqlite: Database.Database) {
    const owner = sqlite
      .prepare("SELECT id, name, role FROM users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1")
      .get() as User | undefined;
    if (owner) {
      this.user = owner;
    } else {
      const id = Number(sqlite.prepare("INSERT INTO users (name, role) VALUES ('Owner', 'owner')").run().lastInsertRowid);
      this.user = { id, name: 'Owner', role: 'owner' };
    }
  }

  current(): User {
    return this.user;
  }

  /** Switches the acting user; used by tests and, later, by PIN log-in. */
  actAs(user: User): void {
    this.user = user;
  }
}
