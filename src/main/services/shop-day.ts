import type Database from 'better-sqlite3';
import { businessDate, MAX_DAY_END_HOUR } from '../../shared/domain/dates';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import type { ServiceDeps } from './context';

const reads = new WeakMap<Database.Database, Database.Statement>();

/**
 * The local hour the shop's business day ends at, as stored now. Read from the file on every call
 * (one primary-key lookup) rather than from a cache: every writer of the ledger, the till, the
 * imports and the demo shop among them, must stamp the day the setting says at that moment.
 */
export function dayEndHour(db: Database.Database): number {
  let read = reads.get(db);
  if (!read) {
    read = db.prepare("SELECT value FROM settings WHERE key = 'dayEndHour'").pluck();
    reads.set(db, read);
  }
  const raw = read.get() as string | undefined;
  if (raw === undefined) return DEFAULT_SETTINGS.dayEndHour;
  const hour = JSON.parse(raw) as unknown;
  return typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= MAX_DAY_END_HOUR ? hour : DEFAULT_SETTINGS.dayEndHour;
}

/** The shop's business day that the moment `at` belongs to. */
export function shopDay(db: Database.Database, at: Date): string {
  return businessDate(at, dayEndHour(db));
}

/** The shop's business day now. */
export function shopToday(deps: ServiceDeps): string {
  return shopDay(deps.store.sqlite, deps.now());
}
