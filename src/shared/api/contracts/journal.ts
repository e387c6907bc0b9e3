import { z } from 'zod';
import type { Tender } from '../../domain/cart';
import { isRealDate } from '../../domain/dates';
import type { ReceiptDocument } from '../../domain/sale';
import { out, type ContractTable } from './helpers';
import { minor, nonNegMinor } from '../fields';

/**
 * The sales journal and the end-of-day cash count (Z report). Cash in the drawer at closing is
 * expected to be: the opening float + cash handed over by customers − change given back − cash refunded
 * − cash paid out of the drawer + cash put into it.
 */

/** Notes and coins in minor units, largest first, for the denomination grid; none for other currencies. */
export const DENOMINATIONS: Record<string, { notes: number[]; coins: number[] }> = {
  XOF: { notes: [10_000, 5_000, 2_000, 1_000], coins: [500, 250, 200, 100, 50, 25, 10, 5] },
  XAF: { notes: [10_000, 5_000, 2_000, 1_000], coins: [500, 100, 50, 25, 10, 5, 2, 1] },
  EUR: { notes: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500], coins: [200, 100, 50, 20, 10, 5, 2, 1] },
};

/** One denomination line of a count: `count` notes or coins of `valueMinor` (values are unique per currency). */
export interface DenominationCount {
  valueMinor: number;
  count: number;
}

export interface JournalEntry {
  receiptNo: number;
  kind: 'sale' | 'return';
  /** For a return: the receipt it refunds. */
  originalReceiptNo: number | null;
  at: string;
  userId: number;
  cashier: string;
  lineCount: number;
  totalMinor: number;
  /** Cash given back to the customer (sales only). */
  changeMinor: number;
  tenders: { tender: Tender; amountMinor: number }[];
}

/** What one tender brought in over the day, returns netted; for cash, `takenMinor` is already net of change. */
export interface TenderTotal {
  tender: Tender;
  /** Number of sales (not returns) paid at least in part with this tender. */
  salesCount: number;
  takenMinor: number;
  refundedMinor: number;
  netMinor: number;
}

export interface CashCountView {
  id: number;
  date: string;
  at: string;
  userId: number;
  userName: string;
  openingFloatMinor: number;
  /** Null for a cashier, who counts blind (SalesDay.cash). */
  expectedCashMinor: number | null;
  countedCashMinor: number;
  /** counted − expected: below zero the drawer is short, above zero it is over. Null for a cashier. */
  differenceMinor: number | null;
  denominations: DenominationCount[] | null;
  note: string;
  /** The expected cash today, with this count's float, differs: sales or returns came after the count. */
  stale: boolean;
  /** Null for a cashier. */
  expectedNowMinor: number | null;
}

/** Cash taken out of the drawer or put into it outside a sale, with its reason and who did it. */
export interface CashMoveView {
  id: number;
  at: string;
  userId: number;
  userName: string;
  direction: 'out' | 'in';
  amountMinor: number;
  reason: string;
}

export interface CashTotals {
  /** Cash handed over by customers, before change. */
  receivedMinor: number;
  changeMinor: number;
  refundedMinor: number;
  /** Cash paid out of the drawer (a supplier on delivery, an expense, a withdrawal). */
  paidOutMinor: number;
  /** Cash put into the drawer outside a sale (change brought in). */
  paidInMinor: number;
  /** received − change − refunded − paid out + paid in: what the day left in the drawer. */
  netMinor: number;
}

export interface SalesDay {
  date: string;
  today: string;
  /** Managers and owners may look at any past day; a cashier sees today only. */
  canPickDate: boolean;
  currency: string;
  entries: JournalEntry[];
  sales: { count: number; totalMinor: number };
  returns: { count: number; totalMinor: number };
  netMinor: number;
  /** Sales total / number of sales, rounded; 0 without sales. */
  averageBasketMinor: number;
  tenders: TenderTotal[];
  vat: { rateBp: number; netMinor: number; vatMinor: number }[];
  /**
   * What the day left in the drawer. Null for a cashier: she counts the drawer blind, as she counts the
   * shelves (the expected cash, the cash tender's total and each count's difference are the manager's).
   */
  cash: CashTotals | null;
  /** The float to start from: this day's latest count's, else the latest count's of any day, else 0. */
  suggestedFloatMinor: number;
  /** Cash counts of the day, newest first; the first is the one that stands. */
  counts: CashCountView[];
  /** Cash paid out and put in over the day, in order. */
  cashMoves: CashMoveView[];
}

export interface ZReportDocument {
  date: string;
  fileName: string;
  pdfBase64: string;
}

const isoDate = z.string().refine(isRealDate, { error: 'expected a date YYYY-MM-DD' });

export const journalDayInput = z.object({ date: isoDate.optional() });

export const cashCountInput = z.object({
  /** The business day counted; today when omitted. */
  date: isoDate.optional(),
  /** Change left in the drawer at opening (fond de caisse); part of what must be there at closing. */
  openingFloatMinor: nonNegMinor.default(0),
  /** The total counted; optional when denominations are given (then it must agree with them). */
  countedCashMinor: nonNegMinor.optional(),
  denominations: z
    .array(
      z.object({
        valueMinor: minor.positive({ error: 'must be more than 0' }),
        count: z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(1_000_000, { error: 'too large' }),
      }),
    )
    .max(40)
    .optional(),
  note: z.string().trim().max(500).default(''),
});
export type CashCountInput = z.output<typeof cashCountInput>;

/** Cash out of the drawer or into it, on today's business day; a mistake is undone by the opposite movement. */
export const cashMoveInput = z.object({
  direction: z.enum(['out', 'in']),
  amountMinor: minor.positive({ error: 'must be more than 0' }),
  reason: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'at most 200 characters' }),
});
export type CashMoveInput = z.output<typeof cashMoveInput>;

export const zReportInput = z.object({
  date: isoDate.optional(),
  /** An A4 page, or the till's roll (80 or 58 mm). */
  paper: z.enum(['a4', '80', '58']).default('a4'),
});

export const reprintInput = z.object({
  receiptNo: z.number().int().positive(),
  width: z.union([z.literal(80), z.literal(58)]).default(80),
});

/** Sales journal, reprints from it, the end-of-day cash count and the Z report. Dates are checked against the role in main. */
export const journalContract = {
  'journal.day': { input: journalDayInput, output: out<SalesDay>(), role: 'cashier' },
  'journal.reprint': { input: reprintInput, output: out<ReceiptDocument>(), role: 'cashier' },
  'journal.countCash': { input: cashCountInput, output: out<CashCountView>(), role: 'cashier' },
  'journal.cashMove': { input: cashMoveInput, output: out<CashMoveView>(), role: 'cashier' },
  'journal.zReport': { input: zReportInput, output: out<ZReportDocument>(), role: 'cashier' },
} as const satisfies ContractTable;
