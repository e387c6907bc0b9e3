import { z } from 'zod';
import { SYNC_ADDRESS_INSECURE, SYNC_ADDRESS_INVALID, SYNC_KEY_INVALID, SYNC_TOKEN_PATTERN, syncAddressProblem } from '../../sync/address';
import { out, type ContractTable } from './helpers';

export type SyncKind = 'products' | 'stock' | 'movements' | 'sales' | 'events';
export type SyncCounts = Record<SyncKind, number>;

/** The rows a person counts (progress, "sent: n rows"): stock levels ride with the movements and are left out. */
export const rowsOf = (c: SyncCounts): number => c.products + c.movements + c.sales + c.events;

/**
 * Why the last push did not get through, for the screen to say in the shop's language:
 * `offline` no answer (no connection, wrong address), `timeout` the server took too long,
 * `unauthorized` the shop's key is not (or no longer) known to the server, `currency_changed` the
 * server holds this shop in another currency, `key_in_use` another shop PC already pushes with this
 * key (given to two shops by mistake), `refused` the server refused the data (its message says
 * why), `server` the server failed (5xx or an answer that is not the protocol's), `moved` the server
 * answered with a redirect (its message is the new address: the owner enters it; keys never follow one).
 */
export const SYNC_FAILURE_CODES = ['offline', 'timeout', 'unauthorized', 'currency_changed', 'key_in_use', 'rate_limited', 'refused', 'server', 'moved'] as const;
export type SyncFailureCode = (typeof SYNC_FAILURE_CODES)[number];

/** The refusal reason sync.push gives for a push that did not get through (`sync_offline`...). */
export function isSyncFailureReason(reason: string): boolean {
  return (SYNC_FAILURE_CODES as readonly string[]).some((code) => reason === `sync_${code}`);
}

export interface SyncFailure {
  code: SyncFailureCode;
  message: string;
  at: string;
}

export interface SyncStatus {
  /** The server's address; '' when the shop does not sync. */
  url: string;
  /** Whether a shop key is saved (the key itself never leaves main). */
  keySet: boolean;
  running: boolean;
  /** Rows not yet on the server. `stock` is always 0: stock levels travel with the movements that changed them. */
  pending: SyncCounts;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** The last attempt's failure; null when it got through (or none was made). */
  lastFailure: SyncFailure | null;
  /** This PC's clock against the server's at the last push the server answered; null when within SYNC_CLOCK_TOLERANCE_MINUTES or not known. */
  clockOff: SyncClockOff | null;
}

/**
 * Sales and the journal are dated by this PC's clock: one running hours off dates them on the wrong
 * day on the owner's page. A few minutes off are the request's own time, and harmless.
 */
export const SYNC_CLOCK_TOLERANCE_MINUTES = 10;

export interface SyncClockOff {
  /** This PC's clock less the server's, in whole minutes: positive when this PC runs ahead. */
  minutes: number;
  /** When this PC saw it (by its own clock). */
  at: string;
}

export interface SyncOutcome {
  /** Rows sent by this push, per kind. */
  sent: SyncCounts;
  /** HTTP requests made (each a batch of at most SYNC_BATCH_ROWS rows per kind). */
  batches: number;
  at: string;
}

const url = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || syncAddressProblem(v) === null, {
    error: (issue) => (syncAddressProblem(String(issue.input)) === 'insecure' ? SYNC_ADDRESS_INSECURE : SYNC_ADDRESS_INVALID),
  });

/**
 * Pushing this shop's data to the central server its owner hosts (server/): the owner sets the address
 * and the shop's key; a manager can push at once; the app also pushes every few minutes on its own.
 */
export const syncContract = {
  'sync.status': { input: z.object({}).default({}), output: out<SyncStatus>(), role: 'manager' },
  'sync.configure': {
    input: z.object({
      url,
      /** Omitted: keep the saved key. */
      key: z.string().trim().regex(SYNC_TOKEN_PATTERN, { error: SYNC_KEY_INVALID }).optional(),
    }),
    output: out<SyncStatus>(),
    role: 'owner',
  },
  'sync.push': { input: z.object({}).default({}), output: out<SyncOutcome>(), role: 'manager' },
} as const satisfies ContractTable;

export interface SyncEvents {
  /** A push in progress: rows sent so far out of those waiting when it started. */
  'sync.progress': { sent: number; total: number };
  /** A push ended (by hand or on its own): the screen reloads the status. */
  'sync.finished': { ok: boolean };
}
