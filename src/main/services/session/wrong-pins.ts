import type Database from 'better-sqlite3';
import type { WrongPins } from '../../../shared/domain/user';

/**
 * Wrong PINs count over this rolling window, and a good PIN does not wipe them: in review, the owner's
 * one login each morning gave a cashier her 20 quick guesses back every day. Only a new PIN (Users, the
 * reset-pin command) starts the count again, as guesses at the old PIN say nothing of the new one.
 */
export const WRONG_PIN_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** Audit actions after which earlier wrong PINs no longer count: the account got a new PIN. */
export const PIN_RENEWALS = ['pin_set', 'pin_reset_cli'] as const;

/**
 * How long an account's PIN is refused after the last of `failures` wrong PINs in the window, the right
 * PIN included: nothing for the first 4; from the 5th, after every wrong PIN, a wait that grows with
 * each round of 5 (1, 5, 15, 60 minutes, 4 hours), then a day. From a till open 08:00 to 20:00 that is
 * 26 guesses the first day, 4 the next, then one a day, where a 60-minute ceiling counted since the last
 * good login let anyone at the till try 30 a day, every day.
 */
export function pinLockMs(failures: number): number {
  if (failures < 5) return 0;
  if (failures < 10) return 60_000;
  if (failures < 15) return 5 * 60_000;
  if (failures < 20) return 15 * 60_000;
  if (failures < 25) return 60 * 60_000;
  if (failures < 30) return 4 * 60 * 60_000;
  return 24 * 60 * 60_000;
}

/**
 * A user's own slips: up to this many wrong PINs in the minutes just before their right one. They are
 * neither reported to them nor counted towards a wait: a cashier who mistypes twice a day would
 * otherwise be kept out of her own till within the week. Whoever guesses cannot type the right PIN
 * after, so their wrong PINs stay counted.
 */
const OWN_SLIPS = 4;
/** Told all the same beyond this many: three wrong PINs at the lock screen are worth a word, even when the right one followed. */
const SLIPS_NOT_TOLD = 2;
const OWN_SLIPS_MS = 10 * 60_000;

/** The wrong PINs that were a user's own slips (at most `most`) before the login at `loginAt` (ISO), among those typed before it. */
function ownSlips(before: Row[], loginAt: string, most: number): Set<number> {
  const recent = new Date(Date.parse(loginAt) - OWN_SLIPS_MS).toISOString();
  const slips = before.filter((r) => r.at >= recent && r.at <= loginAt);
  return new Set(slips.length <= most ? slips.map((r) => r.id) : []);
}

interface Row {
  id: number;
  at: string;
  by: number;
  name: string | null;
}

/**
 * The wrong PINs the audit trail holds (`login_failed` on the account tried, its `user_id` whoever was
 * at the till, or the account itself when the till was locked): what locks an account, what its user
 * is told at the next login, and what the owner reads in Users.
 */
export class WrongPinLog {
  private readonly rows: Database.Statement;
  private readonly renewed: Database.Statement;
  private readonly lastLogin: Database.Statement;
  private readonly logins: Database.Statement;

  constructor(db: Database.Database) {
    this.rows = db.prepare(
      `SELECT a.id, a.at, a.user_id AS by, u.name FROM audit a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.entity = 'user' AND a.entity_id = ? AND a.action = 'login_failed' AND a.id > ? AND a.at >= ? ORDER BY a.id`,
    );
    this.renewed = db.prepare(
      `SELECT coalesce(max(id), 0) FROM audit WHERE entity = 'user' AND entity_id = ? AND action IN (${PIN_RENEWALS.map(() => '?').join(', ')})`,
    ).pluck();
    this.lastLogin = db.prepare("SELECT id, at FROM audit WHERE entity = 'user' AND entity_id = ? AND action = 'login' ORDER BY id DESC LIMIT 1");
    this.logins = db.prepare("SELECT id, at FROM audit WHERE entity = 'user' AND entity_id = ? AND action = 'login' AND id > ? AND at >= ? ORDER BY id");
  }

  /** Wrong PINs of the window that count towards the account's wait, oldest first: not the user's own slips before a login. */
  private counted(userId: number, now: Date): Row[] {
    const renewedAt = this.renewed.get(String(userId), ...PIN_RENEWALS) as number;
    const from = new Date(now.getTime() - WRONG_PIN_WINDOW_MS - OWN_SLIPS_MS).toISOString();
    const rows = this.rows.all(String(userId), renewedAt, from) as Row[];
    const forgiven = new Set<number>();
    let i = 0;
    for (const login of this.logins.all(String(userId), renewedAt, from) as { id: number; at: string }[]) {
      const before: Row[] = [];
      while (i < rows.length && rows[i]!.id < login.id) before.push(rows[i++]!);
      for (const id of ownSlips(before, login.at, OWN_SLIPS)) forgiven.add(id);
    }
    const since = new Date(now.getTime() - WRONG_PIN_WINDOW_MS).toISOString();
    return rows.filter((r) => !forgiven.has(r.id) && r.at >= since);
  }

  /** Until when the account refuses every PIN, the right one included; null when it does not. */
  lockedUntil(userId: number, now: Date): Date | null {
    const rows = this.counted(userId, now);
    const last = rows.at(-1);
    if (!last) return null;
    const until = Date.parse(last.at) + pinLockMs(rows.length);
    return until > now.getTime() ? new Date(until) : null;
  }

  /** How many wrong PINs count now, for the audit row of the next one. */
  count(userId: number, now: Date): number {
    return this.counted(userId, now).length;
  }

  /** The window's wrong PINs that still count, as the owner reads them in Users; null when none. */
  inWindow(userId: number, now: Date): WrongPins | null {
    const rows = this.counted(userId, now);
    return summarize(rows, userId, rows[0]?.at ?? null, this.lockedUntil(userId, now));
  }

  /**
   * The wrong PINs typed for the account since its last login, to tell its user at the login being
   * made (call before writing it); a few typed in the minutes just before it are taken for the user's
   * own slips. Null when there is nothing to tell.
   */
  sinceLastLogin(userId: number, now: Date): WrongPins | null {
    const login = this.lastLogin.get(String(userId)) as { id: number; at: string } | undefined;
    const rows = this.rows.all(String(userId), login?.id ?? 0, '') as Row[];
    const own = ownSlips(rows, now.toISOString(), SLIPS_NOT_TOLD);
    return summarize(rows.filter((r) => !own.has(r.id)), userId, login?.at ?? null, null);
  }
}

function summarize(rows: Row[], userId: number, since: string | null, lockedUntil: Date | null): WrongPins | null {
  if (rows.length === 0) return null;
  const during = new Map<string, number>();
  let atLockScreen = 0;
  for (const r of rows) {
    if (r.by === userId) atLockScreen++;
    else {
      const name = r.name ?? `#${r.by}`;
      during.set(name, (during.get(name) ?? 0) + 1);
    }
  }
  return {
    count: rows.length,
    since,
    first: rows[0]!.at,
    last: rows[rows.length - 1]!.at,
    during: [...during].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    atLockScreen,
    lockedUntil: lockedUntil?.toISOString() ?? null,
  };
}
