import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

/**
 * The shop file's tag: 8 random hex digits made on first use and kept in the file (sync_state, beside
 * its sync epoch), so every backup of the shop carries it and no other shop has it, even one started
 * from the same demo or the same spreadsheet. It names the shop's backups, and the central server
 * binds the shop's token to it (a second PC given the same token is refused).
 */
export function shopTag(db: Database.Database): string {
  const kept = db.prepare("SELECT value FROM sync_state WHERE key = 'shopTag'").pluck().get() as string | undefined;
  if (kept) return kept;
  db.prepare("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('shopTag', ?)").run(randomBytes(4).toString('hex'));
  return db.prepare("SELECT value FROM sync_state WHERE key = 'shopTag'").pluck().get() as string;
}
