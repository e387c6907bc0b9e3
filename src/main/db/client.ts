import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/result';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Store {
  sqlite: Database.Database;
  orm: Orm;
  file: string;
  schemaVersion: number;
  /** Copies the WAL back into the database without blocking writers; returns the WAL pages left. */
  checkpoint(): number;
  close(): void;
}

/** The schema version this build knows: the number of migrations shipped with it. */
export function knownSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Page size of a new database: fewer, fuller B-tree pages for the ledger's large indexes than SQLite's 4 KiB. */
export const PAGE_SIZE = 8192;

export function applyPragmas(sqlite: Database.Database): void {
  // only takes on a database that has no page yet; an existing one keeps its page size
  if ((sqlite.pragma('page_count', { simple: true }) as number) === 0) sqlite.pragma(`page_size = ${PAGE_SIZE}`);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against a crash of the app (the WAL survives a killed process); only an OS crash
  // or power cut can lose the last transactions, never corrupt the file.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Up to 128 MiB of pages (allocated only as used): every ledger write touches each product's last
  // pages of the movement index and the daily table, and they must stay cached as the history grows.
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoints run from Store.checkpoint() on an idle timer, never inside a cashier's commit.
  sqlite.pragma('wal_autocheckpoint = 0');
}

/**
 * A second connection to a shop database the app already opened and migrated (the forecast worker
 * reads and writes through its own, off the main thread). Same pragmas, a smaller page cache: it
 * reads the sales history once a night, it does not serve the till.
 */
export function openConnection(file: string): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    applyPragmas(sqlite);
    sqlite.pragma('cache_size = -16384');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the shop database, applies pending migrations and refuses a database
 * written by a newer Shelfcast: its schema would be unknown to this code.
 */
export function openStore(file: string, migrationsFolder: string): Store {
  const known = knownSchemaVersion(migrationsFolder);
  const sqlite = new Database(file);
  try {
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    if (found > known) {
      throw new AppError(
        'unsupported',
        `This shop database was written by a newer version of Shelfcast (schema ${found}, this version knows ${known}). Update Shelfcast to open it.`,
      );
    }
    applyPragmas(sqlite);
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder });
    sqlite.pragma(`user_version = ${known}`);
    return {
      sqlite,
      orm,
      file,
      schemaVersion: known,
      checkpoint: () => {
        const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
        return row ? row.log - row.checkpointed : 0;
      },
      close: () => {
        if (sqlite.open) {
          sqlite.pragma('wal_checkpoint(TRUNCATE)');
          sqlite.close();
        }
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
