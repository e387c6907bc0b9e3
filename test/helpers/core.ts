import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src/main/core';
import { silentLogger, type Logger } from '../../src/main/logger';

export const MIGRATIONS = join(__dirname, '..', '..', 'src', 'main', 'db', 'migrations');

/** A fresh data folder per test: a real SQLite file, removed afterwards. */
export function tempDir(prefix = 'shelfcast-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestCore(dir: string, now?: () => Date, logger: Logger = silentLogger): Core {
  return new Core({ dbPath: join(dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger, mode: 'web', version: 'test', now });
}

/** The error of a call that must be refused, failing the test when it succeeds. */
export async function refused<E = unknown>(what: string, promise: Promise<{ ok: boolean; error?: unknown }>): Promise<E> {
  const result = await promise;
  if (result.ok) throw new Error(`${what} was expected to fail`);
  return result.error as E;
}

/** Unwraps a Result, failing the test with the error when it is not ok. */
export async function must<T = unknown>(promise: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/** The PIN tests give a new shop's owner before adding users with PINs (main refuses a PIN-less account beside them, and a PIN anyone would try first). */
export const OWNER_PIN = '5093';

/** Gives the shop's first owner OWNER_PIN, as the owner would in Users before adding a cashier. */
export async function ownerPin(core: Core): Promise<void> {
  const owner = core.services.session.owner();
  await must(core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: OWNER_PIN, active: true }));
}
