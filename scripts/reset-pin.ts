/**
 * npm run reset-pin -- --db shop.db --user NAME [--pin 4821]
 * Gives the user named a new PIN, for an owner who forgot his or is kept out by wrong PINs and has no
 * other owner to give him one: run by whoever holds the shop file, as the import is. Without --pin it
 * asks for the new PIN twice (not shown on a terminal; read from standard input otherwise). Refuses a
 * weak PIN, as Settings > Users does; clears the account's wait after wrong PINs; writes an audit row
 * `pin_reset_cli`; says who typed the wrong PINs. Works while the app is open on the file.
 *
 * Exit codes: 0 done, 2 refused (no such file or user, a PIN that is not 4 to 8 digits or too easy to
 * guess, PINs that differ), 1 an unexpected failure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { openStore } from '../src/main/db/client';
import { UserService } from '../src/main/services/session/users';
import { AppError } from '../src/shared/api/result';
import type { WrongPins } from '../src/shared/domain/user';
import { fail, parseArgs } from './lib/cli';

const USAGE = 'usage: npm run reset-pin -- --db shop.db --user NAME [--pin NEW_PIN]';
const MIGRATIONS = join(__dirname, '..', 'src', 'main', 'db', 'migrations');

/** Reads `count` lines: typed unseen on a terminal, piped otherwise. */
async function askPin(prompts: string[]): Promise<string[]> {
  const tty = process.stdin.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  const lines = rl[Symbol.asyncIterator]();
  const answers: string[] = [];
  try {
    for (const prompt of prompts) {
      muted = false;
      process.stderr.write(prompt);
      muted = tty;
      const next = await lines.next();
      if (tty) process.stderr.write('\n');
      if (next.done) fail(`no PIN given on standard input\n${USAGE}`);
      answers.push(String(next.value).trim());
    }
  } finally {
    rl.close();
  }
  return answers;
}

function whoTyped(w: WrongPins): string {
  const parts = w.during.map((d) => `${d.count} while ${d.name} was logged in`);
  if (w.atLockScreen > 0) parts.push(`${w.atLockScreen} at the lock screen`);
  return parts.join(', ');
}

async function main(argv: string[]): Promise<void> {
  let refusal: string | null = null;
  const args = parseArgs(argv, USAGE, new Set(['help']), new Set(['db', 'user', 'pin']));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const db = args.db;
  const name = args.user;
  if (typeof db !== 'string' || typeof name !== 'string') fail(`--db and --user are required\n${USAGE}`);
  // opening a missing path would create an empty shop
  if (!existsSync(db)) fail(`no such shop file: ${db}`);
  let pin = typeof args.pin === 'string' ? args.pin : undefined;
  if (pin === undefined) {
    const [first, again] = await askPin([`New PIN for ${name} (4 to 8 digits): `, 'The same PIN again: ']);
    if (first !== again) fail('the two PINs differ; nothing was changed');
    pin = first;
  }
  const store = openStore(db, MIGRATIONS);
  let outcome: ReturnType<UserService['resetPinFromCommandLine']>;
  try {
    outcome = new UserService({ store, now: () => new Date() }).resetPinFromCommandLine(name, pin!);
  } catch (error) {
    if (error instanceof AppError) refusal = `refused: ${error.message.replace(/^\w+: /, '')}; nothing was changed`;
    else throw error;
  } finally {
    store.close();
  }
  if (refusal !== null) fail(refusal);
  const { user, cleared } = outcome!;
  const lines = [`New PIN set for ${user.name} (${user.role}${user.active ? '' : ', inactive: an owner turns the account back on in Settings > Users'}) in ${db}.`];
  if (cleared) {
    const lock = cleared.lockedUntil === null ? 'they no longer count towards a wait' : `the account, locked until ${cleared.lockedUntil}, is open again`;
    lines.push(`${cleared.count} wrong PIN(s) in the last 7 days (${whoTyped(cleared)}; the last at ${cleared.last}): ${lock}.`);
  } else lines.push('No wrong PIN in the last 7 days: the account was not locked.');
  lines.push('Written to the audit trail as pin_reset_cli (without the PIN).');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => fail(`reset-pin failed: ${error instanceof Error ? error.stack : String(error)}`, 1));
