import { z } from 'zod';
import type { ForecastRunRecord } from './forecast';
import { out, type ContractTable, type CostsHidden } from './helpers';

/**
 * The morning dashboard: the period's sales against the period just before, the last 30 days and the
 * next 14 expected, stock health, the best sellers and the last forecast run. Read-only.
 */

/** 'today' and 'yesterday' are one business day; '7d' and '30d' end today (today included). */
export const DASHBOARD_PERIODS = ['today', 'yesterday', '7d', '30d'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** Days shown in the sales chart (up to today) and expected after it (from tomorrow). */
export const DASHBOARD_HISTORY_DAYS = 30;
export const DASHBOARD_FORECAST_DAYS = 14;
export const DASHBOARD_TOP = 10;

export interface PeriodSales {
  /** First and last business day, inclusive. */
  from: string;
  to: string;
  /**
   * Set when the period shown ends today: the period before has its last day counted up to this
   * instant (ISO), the same time of day as now, from the till's receipts (sales without a receipt
   * have no time of day: where that day has some, it is counted whole and this is not set).
   */
  until?: string;
  /** Sales taken minus refunds (the daily totals, imported history included). */
  amountMinor: number;
  /** Sale receipts (returns not counted). */
  receipts: number;
  returns: { count: number; amountMinor: number };
  /** Sale receipts' total / their number, rounded (as the sales journal); null without a receipt. */
  averageBasketMinor: number | null;
  /** Part of the amount recorded without a till receipt: imported history, sales typed in the stock ledger. */
  withoutReceiptMinor: number;
}

export interface TopProduct {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  /** Units sold, returns netted. */
  quantity: number;
  amountMinor: number;
}

export interface DashboardSummaryFull {
  period: DashboardPeriod;
  today: string;
  sales: PeriodSales;
  previous: PeriodSales;
  /**
   * amount / previous amount − 1; null when either amount is 0 or less (nothing sold, or more refunded
   * than sold): a percentage of a negative amount reads upside down, the screen says it in words.
   */
  change: number | null;
  /**
   * Sales minus their cost of goods over the period, and that margin over the sales without VAT (null
   * when those are 0 or less). The VAT taken off is what each till receipt's lines charged (a rate
   * changed since does not rewrite them); sales without a receipt (imported history, the stock screen)
   * are taken at the product's rate now.
   */
  marginMinor: number;
  marginRate: number | null;
  /**
   * Goods that left the shelf without being sold over the period, at the cost the ledger recorded with
   * each movement, and the margin once they are taken off. Write-offs (movements of kind 'loss':
   * expired, damaged, stolen, other) and what stock counts found missing (count corrections below 0).
   * Not counted: what a count found in excess (mostly a delivery never entered: no goods were gained),
   * and adjustments (they correct an entry, and the import of past sales takes its sales off the stock
   * with one: those goods are already in the margin's cost of goods).
   */
  losses: {
    writeOffsMinor: number;
    countShortfallMinor: number;
    totalMinor: number;
    /** marginMinor − totalMinor, and that over the sales without VAT (null when those are 0 or less). */
    marginAfterMinor: number;
    marginAfterRate: number | null;
  };
  /** What the stock on the shelf cost: on-hand × current cost, a line below 0 counting 0 (stock.onHand's rule). */
  stockValueMinor: number;
  /** Stock lines below 0 (deactivated products' included, as on the Stock page): counting errors, each worth 0 in the stock value. */
  negativeStockLines: number;
  /** Every day of the last DASHBOARD_HISTORY_DAYS up to today, days without sales as 0. */
  daily: { date: string; amountMinor: number }[];
  /** The shop's expected takings per day from tomorrow (Σ mean × current price) with its P10–P90 range, from the stored forecasts; empty without any. */
  expected: { date: string; p10Minor: number; p50Minor: number; p90Minor: number }[];
  /**
   * Whether the last run measured how the shop's daily total strays from the sum of its products
   * (its backtest; a shop needs about 5 weeks of sales). When not, the range is unknown and
   * `expected` carries P10 = P90 = P50: how far the products' errors move together decides it.
   */
  expectedRangeMeasured: boolean;
  stock: {
    /** Active products. */
    products: number;
    /** Active products with nothing (or less) on the shelf. */
    outOfStock: number;
    belowReorderPoint: number;
    overstock: number;
    /** Lots expiring within the shop's alert window, or expired, still on the shelf (open alerts). */
    expiringLots: number;
  };
  /** Open alerts nobody acknowledged or snoozed, by severity. */
  alerts: { critical: number; warning: number; info: number };
  top: TopProduct[];
  /** The newest finished forecast run (successful or not); null before the first. */
  lastRun: ForecastRunRecord | null;
  /** The shop has recorded or imported at least one sale, ever. */
  hasSales: boolean;
}

/** What the UI receives: cost, margin, losses and stock value are null for a cashier (blanked in main, ipc/redact.ts). */
export type DashboardSummary = CostsHidden<DashboardSummaryFull, 'marginMinor' | 'marginRate' | 'losses' | 'stockValueMinor'>;

export const dashboardSummaryInput = z.object({ period: z.enum(DASHBOARD_PERIODS).default('7d') });

export const dashboardContract = {
  'dashboard.summary': { input: dashboardSummaryInput, output: out<DashboardSummary>(), role: 'cashier' },
} as const satisfies ContractTable;
