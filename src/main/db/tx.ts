import type Database from 'better-sqlite3';

/** Runs `work` in one IMMEDIATE transaction: it takes the write lock up front, so it never fails half-way on a busy lock. */
export function inTransaction<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.transaction(work).immediate();
}
