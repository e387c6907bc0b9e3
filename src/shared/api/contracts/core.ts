import { z } from 'zod';
import * as s from '../schemas';
import { id } from '../fields';
import { isRealDate } from '../../domain/dates';
import type { LoginOutcome, User, UserRecord } from '../../domain/user';
import type { Product, ProductWithStock, Supplier } from '../../domain/product';
import { MOVEMENT_KINDS, type Movement, type MovementKind, type StockLine } from '../../domain/movement';
import type { ShopSettings } from '../../domain/settings';
import { out, type ContractTable, type CostsHidden } from './helpers';

export interface RecordOutcome {
  movementIds: number[];
  /** Non-blocking notes, e.g. 'negative_stock' when the shop's policy only warns. */
  warnings: { code: 'negative_stock'; productId: number; onHand: number }[];
  onHand: Record<number, number>;
}

export type ProductView = CostsHidden<ProductWithStock, 'costMinor'>;
export type StockLineView = CostsHidden<StockLine, 'valueMinor'>;
export type MovementView = CostsHidden<Movement, 'unitCostMinor'>;

/** The movements an owner must watch: stock that left or came back without a sale or a delivery. */
export const WATCHED_KINDS = ['loss', 'adjustment', 'count'] as const satisfies readonly MovementKind[];
export type WatchedKind = (typeof WATCHED_KINDS)[number];

const day = z.string().refine(isRealDate, { error: 'a date as YYYY-MM-DD' });

/**
 * The stock's movements screen: newest first (as recorded), a page at a time. `lastDays` (the shop's
 * last n days, today included) or `from`/`to` (business days, both included; either open).
 */
export const movementJournalInput = z
  .object({
    kinds: z.array(z.enum(MOVEMENT_KINDS)).min(1).max(MOVEMENT_KINDS.length).default([...WATCHED_KINDS]),
    productId: id.optional(),
    lastDays: z.number().int().min(1).max(3660).optional(),
    from: day.optional(),
    to: day.optional(),
    /** The next page: the movements recorded before this one (the `next` of the page before). */
    before: id.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((i) => i.lastDays !== undefined || !i.from || !i.to || i.from <= i.to, { error: 'the first day is after the last', path: ['from'] });

export interface JournalMovement {
  id: number;
  occurredAt: string;
  businessDate: string;
  productId: number;
  sku: string;
  name: string;
  unit: string;
  kind: MovementKind;
  /** Signed change to on-hand, in the product's unit. */
  quantity: number;
  unitCostMinor: number;
  /** The quantity at the movement's unit cost, signed as the stock moved (a loss is below zero). */
  valueMinor: number;
  /** As stored: say it with movementReasonWords (shared/domain/movement-words). */
  reason: string;
  reference: string;
  lot: string | null;
  expiry: string | null;
  userId: number;
  /** Who recorded it ('' for a user since removed). */
  userName: string;
}
export type JournalMovementView = CostsHidden<JournalMovement, 'unitCostMinor' | 'valueMinor'>;

export interface JournalTotal {
  kind: WatchedKind;
  count: number;
  valueMinor: number;
}

export interface MovementJournal {
  /** The days read, both included ('' and '9999-12-31' when open). */
  from: string;
  to: string;
  items: JournalMovementView[];
  /** Pass as `before` for the next page; null on the last one. */
  next: number | null;
  /** Losses, adjustments and count corrections under the whole filter (every page): how many and their value at cost. */
  totals: CostsHidden<JournalTotal, 'valueMinor'>[];
  /** A cashier sees only the movements they recorded. */
  ownOnly: boolean;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  /** The shop file's path, for the owner's backups; empty for anyone else. */
  dbPath: string;
  schemaVersion: number;
}

/** App, session, settings, catalogue and the stock ledger. */
export const coreContract = {
  'app.info': { input: s.empty, output: out<AppInfo>(), role: 'cashier' },
  /** null while the till is locked (at start once anybody has a PIN, or after session.lock). */
  'session.current': { input: s.empty, output: out<User | null>(), role: 'cashier' },
  /** Who is now at the till, and the wrong PINs typed for that account since its last login. */
  'session.login': { input: s.loginInput, output: out<LoginOutcome>(), role: 'cashier' },
  'session.lock': { input: s.empty, output: out<{ ok: true }>(), role: 'cashier' },
  /** Everybody (the lock screen lists them); an owner's call adds each account's wrong PINs (UserRecord.wrongPins). */
  'users.list': { input: s.empty, output: out<UserRecord[]>(), role: 'cashier' },
  'users.save': { input: s.userInput, output: out<UserRecord>(), role: 'owner' },
  'settings.get': { input: s.empty, output: out<ShopSettings>(), role: 'cashier' },
  'settings.save': { input: s.settingsInput, output: out<ShopSettings>(), role: 'owner' },
  'products.list': { input: s.productListInput, output: out<{ items: ProductView[]; total: number }>(), role: 'cashier' },
  'products.get': { input: s.byId, output: out<ProductView>(), role: 'cashier' },
  'products.save': { input: s.productInput, output: out<Product>(), role: 'manager' },
  'products.deactivate': { input: s.byId, output: out<Product>(), role: 'manager' },
  'products.categories': { input: s.empty, output: out<string[]>(), role: 'cashier' },
  'suppliers.list': { input: s.productListInput, output: out<{ items: Supplier[]; total: number }>(), role: 'cashier' },
  'suppliers.save': { input: s.supplierInput, output: out<Supplier>(), role: 'manager' },
  'suppliers.deactivate': { input: s.byId, output: out<Supplier>(), role: 'manager' },
  /**
   * Any movement by hand (a receipt without the delivery form, a sale outside the till, a return
   * outside a receipt): a manager's correction. A cashier sells at the till, takes returns against a
   * receipt and records losses with stock.writeOff.
   */
  'ledger.record': { input: s.recordInput, output: out<RecordOutcome>(), role: 'manager' },
  'ledger.movements': { input: s.movementsQuery, output: out<MovementView[]>(), role: 'cashier' },
  /** Every product's movements, filtered: the owner and a manager see all; a cashier their own, without costs. */
  'ledger.journal': { input: movementJournalInput, output: out<MovementJournal>(), role: 'cashier' },
  'stock.onHand': { input: s.stockQuery, output: out<StockLineView[]>(), role: 'cashier' },
} as const satisfies ContractTable;

export interface CoreEvents {
  'stock.changed': { productIds: number[] };
  'app.error': { message: string };
}
