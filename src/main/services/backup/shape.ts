import Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

/** Why a file is not a shop file this Shelfcast can open, as the refusal's reason (err.reason.*). */
export type ShapeRefusal = 'backup_unreadable' | 'backup_foreign' | 'backup_not_shelfcast' | 'backup_newer' | 'backup_schema_unknown';

export interface ShapeProblem {
  reason: ShapeRefusal;
  /** For the log and the audit, in plain English. */
  message: string;
  /** What is missing from it: a table (`sales`) or a table's column (`users.pin_hash`). */
  missing?: string;
  /** Its schema version (PRAGMA user_version). */
  schema?: number;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Tables and their columns, by name. */
type Shape = Map<string, string[]>;

const migrationsOf = new Map<string, MigrationMeta[]>();
const shapes = new Map<string, Shape>();

function migrations(folder: string): MigrationMeta[] {
  let found = migrationsOf.get(folder);
  if (!found) {
    found = readMigrationFiles({ migrationsFolder: folder });
    migrationsOf.set(folder, found);
  }
  return found;
}

function shapeOf(db: Database.Database): Shape {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?")
    .pluck()
    .all(MIGRATIONS_TABLE) as string[];
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck();
  return new Map(tables.map((t) => [t, columns.all(t) as string[]]));
}

/**
 * The tables and columns a shop file has after the first `applied` migrations of this Shelfcast: those
 * migrations replayed in memory, once per version. The exact shape the migrations that are left
 * expect to start from, whatever the version the backup was made at.
 */
function shapeAt(folder: string, applied: number): Shape {
  const key = `${folder}\u0000${applied}`;
  let shape = shapes.get(key);
  if (!shape) {
    const db = new Database(':memory:');
    try {
      for (const migration of migrations(folder).slice(0, applied)) for (const statement of migration.sql) if (statement.trim()) db.exec(statement);
      shape = shapeOf(db);
    } finally {
      db.close();
    }
    shapes.set(key, shape);
  }
  return shape;
}

/**
 * What makes `file` no shop file this Shelfcast can open and migrate, null when nothing does: it is a
 * SQLite file; it has Shelfcast's record of the migrations applied to it, and they are the first ones
 * of this version's (a later one is a newer Shelfcast's; another list is not Shelfcast's); and it has
 * every table and column those migrations made. Reads only the schema, never the rows: quick on a
 * file of any size. Whether SQLite finds the file sound is inspectShopFile's (a worker thread's) check.
 */
export function shopFileProblem(file: string, migrationsFolder: string): ShapeProblem | null {
  const known = migrations(migrationsFolder);
  let seen: { schema: number; shape: Shape; applied: number[] | null };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const schema = db.pragma('user_version', { simple: true }) as number;
    const shape = shapeOf(db);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined;
    const applied = hasMigrations ? (db.prepare(`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at`).pluck().all() as unknown[]).map(Number) : null;
    seen = { schema, shape, applied };
  } catch (error) {
    return { reason: 'backup_unreadable', message: `not readable as a SQLite file: ${(error as Error).message}` };
  } finally {
    db?.close();
  }
  const { schema, shape, applied } = seen;
  if (schema > known.length) return { reason: 'backup_newer', message: `schema ${schema}, this version knows ${known.length}`, schema };
  // an empty file reads as a SQLite file without a table: nothing in it, no shop
  if (!applied && shape.size === 0) return { reason: 'backup_unreadable', message: 'no table at all: empty or not a SQLite file', schema };
  // another program's database: no record of Shelfcast's migrations, whatever tables it has
  if (!applied) return { reason: 'backup_foreign', message: `no ${MIGRATIONS_TABLE} table: not a Shelfcast shop file`, missing: MIGRATIONS_TABLE, schema };
  const latest = known.at(-1)?.folderMillis ?? 0;
  if (applied.some((at) => at > latest)) return { reason: 'backup_newer', message: `migrations newer than this version's (schema ${schema})`, schema };
  const strange = applied.findIndex((at, i) => known[i]?.folderMillis !== at);
  if (applied.length === 0 || strange >= 0) {
    const what = applied.length === 0 ? 'no migration recorded' : `migration ${strange + 1} of the file is not this version's`;
    return { reason: 'backup_schema_unknown', message: `${what} (schema ${schema})`, schema };
  }
  for (const [table, columns] of shapeAt(migrationsFolder, applied.length)) {
    const has = shape.get(table);
    if (!has) return { reason: 'backup_not_shelfcast', message: `no ${table} table (schema ${schema})`, missing: table, schema };
    const column = columns.find((c) => !has.includes(c));
    if (column) return { reason: 'backup_not_shelfcast', message: `no ${table}.${column} column (schema ${schema})`, missing: `${table}.${column}`, schema };
  }
  return null;
}
