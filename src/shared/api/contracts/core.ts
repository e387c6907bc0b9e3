import * as s from '../schemas';
import type { User, UserRecord } from '../../domain/user';
import type { Product, ProductWithStock, Supplier } from '../../domain/product';
import type { Movement, StockLine } from '../../domain/movement';
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
  'session.login': { input: s.loginInput, output: out<User>(), role: 'cashier' },
  'session.lock': { input: s.empty, output: out<{ ok: true }>(), role: 'cashier' },
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
  'stock.onHand': { input: s.stockQuery, output: out<StockLineView[]>(), role: 'cashier' },
} as const satisfies ContractTable;

export interface CoreEvents {
  'stock.changed': { productIds: number[] };
  'app.error': { message: string };
}
