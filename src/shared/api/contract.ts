import type { z } from 'zod';
import * as s from './schemas';
import { CHANNELS, type ChannelName } from './channels';
import type { Role, User } from '../domain/user';
import type { Product, ProductWithStock, Supplier } from '../domain/product';
import type { Movement, StockLine } from '../domain/movement';
import type { ShopSettings } from '../domain/settings';
import type { CompletedSale, ReceiptDocument } from '../domain/sale';

/** Phantom marker carrying an operation's output type without any runtime cost. */
const out = <T>() => undefined as unknown as T;

export interface RecordOutcome {
  movementIds: number[];
  /** Non-blocking notes, e.g. 'negative_stock' when the shop's policy only warns. */
  warnings: { code: 'negative_stock'; productId: number; onHand: number }[];
  onHand: Record<number, number>;
}

/** What a scan or a typed code resolved to; scale labels carry their weight or price. */
export interface ScanMatch {
  product: ProductWithStock;
  quantity: number;
  unitPriceMinor: number | null;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  dbPath: string;
  schemaVersion: number;
}

export type ForecastRunStatus = 'running' | 'ok' | 'failed' | 'cancelled';
export type ForecastTrigger = 'nightly' | 'catchup' | 'manual' | 'cli';

/** One row of forecast_runs. Times are ISO instants; durations in milliseconds. */
export interface ForecastRunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: ForecastRunStatus;
  trigger: ForecastTrigger;
  provider: string | null;
  products: number;
  durationMs: number | null;
  backtestWape: number | null;
  backtestCoverage: number | null;
  backtestMase: number | null;
  error: string | null;
}

export interface ForecastStatus {
  running: { runId: number; trigger: ForecastTrigger; startedAt: string; done: number; total: number } | null;
  lastRun: ForecastRunRecord | null;
  lastSuccess: ForecastRunRecord | null;
}

/** A product's recent sales and its stored forecast, for the Forecasts page. */
export interface ProductForecastView {
  productId: number;
  name: string;
  unit: string;
  /** Units sold per day over the last ~120 days up to yesterday, days without sales as 0. */
  history: { date: string; qty: number }[];
  forecast: { date: string; p10: number; p50: number; p90: number }[];
  runId: number | null;
  method: string | null;
  methodLabel: string | null;
  backtestWape: number | null;
  backtestMase: number | null;
  /** Plain words in the shop's language; '' when the product has no forecast yet. */
  explanation: string;
}

export interface ForecastProgressEvent {
  runId: number;
  done: number;
  total: number;
  status: ForecastRunStatus;
}

/**
 * The one seam between UI and core: channel -> input schema, output type, least role allowed.
 * Electron IPC and the browser mode both serve exactly this table.
 */
export const contract = {
  'app.info': { input: s.empty, output: out<AppInfo>(), role: 'cashier' },
  'session.current': { input: s.empty, output: out<User>(), role: 'cashier' },
  'settings.get': { input: s.empty, output: out<ShopSettings>(), role: 'cashier' },
  'settings.save': { input: s.settingsInput, output: out<ShopSettings>(), role: 'owner' },
  'products.list': { input: s.productListInput, output: out<{ items: ProductWithStock[]; total: number }>(), role: 'cashier' },
  'products.get': { input: s.byId, output: out<ProductWithStock>(), role: 'cashier' },
  'products.save': { input: s.productInput, output: out<Product>(), role: 'manager' },
  'products.deactivate': { input: s.byId, output: out<Product>(), role: 'manager' },
  'products.categories': { input: s.empty, output: out<string[]>(), role: 'cashier' },
  'suppliers.list': { input: s.productListInput, output: out<{ items: Supplier[]; total: number }>(), role: 'cashier' },
  'suppliers.save': { input: s.supplierInput, output: out<Supplier>(), role: 'manager' },
  'suppliers.deactivate': { input: s.byId, output: out<Supplier>(), role: 'manager' },
  'ledger.record': { input: s.recordInput, output: out<RecordOutcome>(), role: 'cashier' },
  'ledger.movements': { input: s.movementsQuery, output: out<Movement[]>(), role: 'cashier' },
  'stock.onHand': { input: s.stockQuery, output: out<StockLine[]>(), role: 'cashier' },
  'pos.scan': { input: s.scanInput, output: out<ScanMatch>(), role: 'cashier' },
  'pos.checkout': { input: s.checkoutInput, output: out<CompletedSale>(), role: 'cashier' },
  'pos.receipt': { input: s.receiptQuery, output: out<ReceiptDocument>(), role: 'cashier' },
  'forecast.run': { input: s.empty, output: out<{ runId: number }>(), role: 'manager' },
  'forecast.cancel': { input: s.empty, output: out<{ cancelled: boolean }>(), role: 'manager' },
  'forecast.status': { input: s.empty, output: out<ForecastStatus>(), role: 'cashier' },
  'forecast.product': { input: s.byId, output: out<ProductForecastView>(), role: 'cashier' },
} as const satisfies Record<string, { input: z.ZodType; output: unknown; role: Role }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

// Both directions: every contract key is listed in channels.ts, and every listed name has an entry.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const channelsMatchContract: Same<Channel, ChannelName> = true;
export { CHANNELS };

/** Events pushed from main to the UI. */
export interface EventMap {
  'stock.changed': { productIds: number[] };
  'app.error': { message: string };
  'forecast.progress': ForecastProgressEvent;
}
export type EventName = keyof EventMap;
