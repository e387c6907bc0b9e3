import { z } from 'zod';
import { ISO_DATE } from '../../domain/dates';
import type { MovementKind } from '../../domain/movement';
import type { RecordOutcome } from './core';
import { id, nonNegMinor, quantity as qty } from '../fields';
import { out, type ContractTable } from './helpers';

const text = (max: number) => z.string().trim().max(max);

/**
 * The core's English messages for these operations, for the log. Each refusal also carries
 * `details.reason` = `stock.<key>` (with a count's reference or the code scanned where there is one),
 * from which the interface writes its own text; the field names the line and the input at fault.
 */
export const STOCK_ERRORS = {
  lotRequired: 'this product tracks expiry: give the lot number',
  expiryRequired: 'this product tracks expiry: give the expiry date',
  expiryInvalid: 'not a real date',
  expiryPast: 'this expiry date is already past',
  deactivated: 'this product is deactivated',
  supplierInactive: 'this supplier is deactivated',
  lossReason: 'choose why the goods were lost',
  lossPositive: 'a loss is a quantity more than 0',
  noteRequired: 'say why, in a few words',
  adjustForbidden: 'a cashier may record a loss but not an adjustment: ask a manager',
  lossOverStock: 'a cashier cannot write off more than the stock holds: check the quantity and its unit, or ask a manager',
  lotOnlyLoss: 'only a loss names its lot: an adjustment corrects the whole stock',
  lotUnknown: 'no such lot of this product is left in stock',
  lotShort: 'this lot holds less than that: check the quantity, or write off the rest without a lot',
  lotTwoExpiries: 'two lots of this number have different expiry dates: give the expiry',
  managerOnly: 'only a manager or the owner may start, apply or cancel a count',
  alreadyApplied: 'this count has already been applied',
  cancelled: 'this count was cancelled',
  nothingCounted: 'nothing has been counted yet: enter at least one quantity before applying',
  overlap: 'a count is already open for these products: apply or cancel it first',
  noProducts: 'no active product in this category',
  notInCount: 'this product is not in this count',
  unknownCode: 'unknown barcode or reference',
  priceLabel: 'a price label does not say how many: type the quantity',
  countedBeforeStart: 'the paper sheet cannot have been counted before the count started',
  countedInFuture: 'the paper sheet cannot have been counted later than now',
} as const;

export type StockErrorKey = keyof typeof STOCK_ERRORS;

/** Why goods were written off: the short list a shop chooses from, with a note for 'other'. */
export const LOSS_REASONS = ['expired', 'damaged', 'theft', 'other'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

export const stockReceiveInput = z.object({
  /**
   * Made by the form once per delivery it shows (a random text). The same submission again (a double
   * click, a retry) books nothing and answers the delivery already recorded; with other lines it is refused.
   */
  submissionId: z.string().trim().min(1, { error: 'required' }).max(100).optional(),
  supplierId: id.nullable().default(null),
  /** The supplier's delivery note number. */
  deliveryNote: text(100).default(''),
  lines: z
    .array(
      z.object({
        productId: id,
        quantity: qty.refine((q) => q > 0, { error: 'must be more than 0' }),
        /** Defaults to the product's cost price. */
        unitCostMinor: nonNegMinor.optional(),
        lot: text(64).optional(),
        expiry: z.string().regex(ISO_DATE, { error: 'expected a date YYYY-MM-DD' }).optional(),
      }),
    )
    .min(1, { error: 'add at least one product' })
    .max(500),
  /** The lines that give a unit cost set their product's cost price to it (the supplier's new price). */
  updateCosts: z.boolean().default(false),
});

export const writeOffInput = z.object({
  kind: z.enum(['adjustment', 'loss']),
  productId: id,
  /** A loss: how much was lost (more than 0). An adjustment: the signed change (+ found, − missing). */
  quantity: qty.refine((q) => q !== 0, { error: 'must not be 0' }),
  /** Required for a loss. */
  reason: z.enum(LOSS_REASONS).optional(),
  /** Required for an adjustment (it is its reason) and for a loss whose reason is 'other'. */
  note: text(200).default(''),
  /**
   * A loss of one lot (an expired or recalled lot thrown away): it comes off that lot, and at most what
   * the lot holds. Without it a loss takes the lots that expire first.
   */
  lot: text(64).optional(),
  /** The lot's expiry, when two lots share a number. */
  expiry: z.string().regex(ISO_DATE, { error: 'expected a date YYYY-MM-DD' }).optional(),
});

export const stockLotsInput = z.object({ productId: id });

/** A dated lot still in stock, as the ledger plays out (first expiry, first out). */
export interface StockLot {
  lot: string;
  expiry: string;
  quantity: number;
  /** Past its date today. */
  expired: boolean;
}

/** The message the lot trace's input gives when its lot is empty or too long. */
const LOT_TRACE_LOT_ERROR = 'type a lot number (1 to 64 characters)';

export const lotTraceInput = z.object({
  lot: z.string().trim().min(1, { error: LOT_TRACE_LOT_ERROR }).max(64, { error: LOT_TRACE_LOT_ERROR }),
});

/** One movement that took from a lot or added to it, as the ledger plays out (first expiry, first out). */
export interface LotTraceMove {
  id: number;
  occurredAt: string;
  businessDate: string;
  kind: MovementKind;
  /** Taken from this lot (below 0) or added to it, in the product's unit. */
  quantity: number;
  /** The movement's whole signed quantity (a sale may take from two lots). */
  movementQuantity: number;
  /** As stored ('receipt 12', 'REC-00003'): say it with movementReferenceWords. */
  reference: string;
  /** As stored: say it with movementReasonWords. */
  reason: string;
  /** Who recorded it ('' for a user since removed). */
  userName: string;
}

/** One lot of one product (its number as first received, and its expiry): where it came from and went. */
export interface LotTraceEntry {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  lot: string;
  expiry: string;
  /** Past its date today. */
  expired: boolean;
  /** In the product's unit; every movement counted, whether listed or not. */
  received: number;
  deliveries: number;
  sold: number;
  /** Receipts (tickets) that took from the lot, and the business days of the first and the last. */
  tickets: number;
  firstSale: string | null;
  lastSale: string | null;
  /** Customer returns that went back to this lot. */
  customerReturns: number;
  lost: number;
  supplierReturns: number;
  /** Adjustments and count corrections, signed (+ found, − missing). */
  adjusted: number;
  /** On the shelf now: what `stock.lots` says of this lot. */
  onShelf: number;
  /** Oldest first; at most LOT_TRACE_MAX_MOVES, `truncated` when there were more. */
  moves: LotTraceMove[];
  truncated: boolean;
}

export interface LotTrace {
  /** The lot asked for, as typed. */
  lot: string;
  /** One per product and expiry that lot number was received with, by product name then expiry. */
  entries: LotTraceEntry[];
}

/** The most movements a lot's trace lists (its totals always count all of them). */
export const LOT_TRACE_MAX_MOVES = 2000;

/** A product's cost price changed by a delivery bought at a new price. */
export interface CostChange {
  productId: number;
  fromMinor: number;
  toMinor: number;
}

export interface StockReceipt {
  id: number;
  number: number;
  /** 'REC-00004': the reference of its movements in the ledger. */
  reference: string;
  supplierId: number | null;
  supplierName: string | null;
  deliveryNote: string;
  receivedAt: string;
  lines: number;
  totalMinor: number;
  outcome: RecordOutcome;
  /** The cost prices this delivery changed (with `updateCosts`). */
  costChanges: CostChange[];
}

export type StockCountStatus = 'open' | 'applied' | 'cancelled';

export interface StockCountLine {
  lineNo: number;
  productId: number;
  sku: string;
  barcode: string | null;
  name: string;
  category: string;
  unit: string;
  /** null until counted. */
  counted: number | null;
  countedAt: string | null;
  /**
   * The product sold or moved after the line was counted: a new figure then is either a typing
   * mistake fixed (the counting keeps its moment: `correction`) or a new counting, now. Open counts only.
   */
  movedSinceCounted: boolean;
  /**
   * What the ledger says was there when the line was counted (or now, when not counted yet). null for a
   * cashier: counters count blind, and values are a manager's business.
   */
  expected: number | null;
  /** counted − expected; null when not counted or for a cashier. */
  variance: number | null;
  unitCostMinor: number | null;
  varianceValueMinor: number | null;
  /** Movements (sales, receipts…) recorded since the count started, for this product. */
  movedDuringCount: number | null;
}

export interface StockCount {
  id: number;
  number: number;
  /** 'INV-00003': on the count sheet and as the reference of its count corrections. */
  reference: string;
  /** null: the whole shop. */
  category: string | null;
  status: StockCountStatus;
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  lines: StockCountLine[];
  countedLines: number;
  /** False for a cashier: no expected quantities, no costs or values (enforced in main). */
  withValues: boolean;
  /** Lines whose count differs from the expected quantity, and the value of the differences at cost. */
  totals: { varianceLines: number; gainMinor: number; lossMinor: number; netMinor: number } | null;
}

export interface StockCountSummary {
  id: number;
  number: number;
  reference: string;
  category: string | null;
  status: StockCountStatus;
  startedAt: string;
  closedAt: string | null;
  lines: number;
  countedLines: number;
}

export interface StockCountApplied {
  count: StockCount;
  movementIds: number[];
  /** Products whose on-hand changed. */
  productIds: number[];
}

export interface CountSheetDocument {
  reference: string;
  pdfBase64: string;
}

export const countStartInput = z.object({
  /** null or '' for the whole shop. */
  category: z.string().trim().max(100).nullable().default(null),
});
export const countsQuery = z.object({
  status: z.enum(['open', 'applied', 'cancelled']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const countSetInput = z.object({
  id,
  productId: id,
  /** null clears the line (back to "not counted"). */
  counted: qty.refine((q) => q >= 0, { error: 'must not be negative' }).nullable(),
  /**
   * When the quantity was counted, for a paper sheet typed in later: what sold between then and now
   * was still on the shelf when counted. Absent: counted now.
   */
  countedAt: z.iso.datetime({ error: 'must be a date and time' }).optional(),
  /** The figure corrects a typing mistake: the line keeps the moment it was counted (ignored on a line not counted yet). */
  correction: z.boolean().default(false),
});
export const countScanInput = z.object({ id, code: z.string().trim().min(1, { error: 'required' }).max(64) });
const byId = z.object({ id });

/**
 * The stock screens: deliveries without a purchase order, losses and adjustments with their reason,
 * and stock counts. Starting, applying and cancelling a count is a manager's job; anyone may count.
 */
export const countsContract = {
  'stock.receive': { input: stockReceiveInput, output: out<StockReceipt>(), role: 'manager' },
  'stock.writeOff': { input: writeOffInput, output: out<RecordOutcome>(), role: 'cashier' },
  'stock.lots': { input: stockLotsInput, output: out<StockLot[]>(), role: 'cashier' },
  /** Where a lot went (a recall): its deliveries, the sales and losses that took from it, what is left. */
  'stock.lotTrace': { input: lotTraceInput, output: out<LotTrace>(), role: 'manager' },
  'counts.list': { input: countsQuery, output: out<StockCountSummary[]>(), role: 'cashier' },
  'counts.get': { input: byId, output: out<StockCount>(), role: 'cashier' },
  'counts.start': { input: countStartInput, output: out<StockCount>(), role: 'manager' },
  'counts.set': { input: countSetInput, output: out<StockCount>(), role: 'cashier' },
  'counts.scan': { input: countScanInput, output: out<{ productId: number; count: StockCount }>(), role: 'cashier' },
  'counts.apply': { input: byId, output: out<StockCountApplied>(), role: 'manager' },
  'counts.cancel': { input: byId, output: out<StockCount>(), role: 'manager' },
  'counts.sheet': { input: byId, output: out<CountSheetDocument>(), role: 'cashier' },
} as const satisfies ContractTable;
