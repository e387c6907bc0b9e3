export const ROLES = ['cashier', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface UserRecord extends User {
  active: boolean;
  hasPin: boolean;
  /** The wrong PINs that count towards this account's wait (last 7 days, since its last new PIN); null when none, and always to anyone but an owner. */
  wrongPins: WrongPins | null;
}

/** A PIN: 4 to 8 digits (the lock screen, Users, and a PIN chosen at a first login). */
export const PIN_PATTERN = /^\d{4,8}$/;

/**
 * The PINs anyone tries first: one digit or a short block repeated (0000, 1212, 123123), a run up or
 * down the digits (1234, 9876, 0123456), the keypad's columns (2580, 1470), and a
 * few more from the most common lists (1122, 2000, 1004...). With about 30 guesses a day at the lock
 * screen, an owner's 1234 falls on the first morning.
 */
const COMMON_PINS = new Set([
  // the keypad's columns, up and down
  '2580', '0852', '1470', '0741', '3690', '0963', '7410', '8520', '9630', '147258', '258369', '789456', '456123', '159753',
  // pairs, mirrors and years
  '1122', '2211', '112233', '11223344', '123321', '12344321', '1004', '1000', '1001', '1100', '2000', '2001',
]);

/** Whether a PIN is one of those anyone tries first (see COMMON_PINS); refused whenever a PIN is set. */
export function isWeakPin(pin: string): boolean {
  if (COMMON_PINS.has(pin)) return true;
  // a block of 1 to 4 digits repeated: 0000, 1212, 123123, 12341234
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  }
  // a run up or down, the 0 coming after the 9 or before the 1 (7890, 0987)
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** What users.save and the lock screen say about a weak PIN, and the reset-pin command too. */
export const WEAK_PIN_RULE = 'no repeated digits or blocks (1111, 1212), no run (1234, 9876), none of the most common (2580, 1122, 2000)';

/**
 * Wrong PINs typed for one account, by who was at the till when they were typed. `since`: the account's
 * previous login at a login's notice, the window's start in Users (null: none before).
 */
export interface WrongPins {
  count: number;
  since: string | null;
  first: string;
  last: string;
  /** Typed while somebody else was logged in, by their name (most first). */
  during: { name: string; count: number }[];
  /** Typed with nobody logged in (the lock screen), or from this account's own session. */
  atLockScreen: number;
  /** Until when the account refuses every PIN, the right one included (null: it does not). */
  lockedUntil: string | null;
}

/** A login's answer: who is now at the till and, when there were, the wrong PINs typed for them since their last login. */
export interface LoginOutcome extends User {
  wrongPins: WrongPins | null;
}
