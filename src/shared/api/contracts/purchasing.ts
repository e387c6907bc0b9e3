import { z } from 'zod';
import { ISO_DATE } from '../../domain/dates';
import { id, nonNegMinor, quantity } from '../fields';
import { serviceLevel } from '../schemas';
import { out, type ContractTable, type CostsHidden } from './helpers';

const qty = quantity.refine((q) => q > 0, { error: 'must be more than 0' });
const isoDate = z.string().regex(ISO_DATE, { error: 'expected a date YYYY-MM-DD' });

export type AbcClassName = 'A' | 'B' | 'C';

/** The latest replenishment suggestion for one product. Quantities in the product's unit. */
export interface ReplenishmentView {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  category: string;
  supplierId: number | null;
  supplierName: string | null;
  costMinor: number;
  priceMinor: number;
  vatRateBp: number;
  packSize: number;
  minOrderQty: number;
  leadTimeDays: number;
  source: 'forecast' | 'average';
  abcClass: AbcClassName;
  serviceLevel: number;
  onHand: number;
  onOrder: number;
  dailyMean: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  suggested: number;
  packs: number;
  daysOfCover: number | null;
  stockoutDate: string | null;
  belowReorderPoint: boolean;
  explanation: string;
  computedAt: string;
}

export interface ToOrderLine extends ReplenishmentView {
  /** Stockout risk (0..1) × margin of the line, what a budget ranks by. */
  score: number;
  risk: number;
  /** The line at its cost, excluding VAT. */
  costOfLineMinor: number;
  /** What the shop pays for the line: its cost and its VAT (rounded per line, as on the order). A budget counts this. */
  totalOfLineMinor: number;
  /** False when a budget was given and this line does not fit in it. */
  withinBudget: boolean;
}

export interface ToOrderGroup {
  supplierId: number | null;
  supplierName: string | null;
  /** False for a supplier the shop has deactivated: its lines cannot be ordered (choose another supplier on the product). */
  supplierActive: boolean;
  lines: ToOrderLine[];
  /** What the shop pays (VAT included) for the group's lines within the budget. */
  totalMinor: number;
}

export interface ToOrder {
  groups: ToOrderGroup[];
  budgetMinor: number | null;
  /**
   * What the shop pays (VAT included) for the lines within the budget (all orderable lines without a
   * budget); lines without an active supplier cannot be ordered and use none of it.
   */
  selectedMinor: number;
}

/** 'closed': partly received and closed short, the supplier will not deliver the rest (no longer on order). */
export type PurchaseOrderStatus = 'draft' | 'sent' | 'partial' | 'received' | 'cancelled' | 'closed';
export const PURCHASE_ORDER_STATUSES = ['draft', 'sent', 'partial', 'received', 'cancelled', 'closed'] as const satisfies readonly PurchaseOrderStatus[];

export interface PurchaseOrderLine {
  lineNo: number;
  productId: number;
  sku: string;
  barcode: string | null;
  name: string;
  unit: string;
  tracksExpiry: boolean;
  quantity: number;
  received: number;
  packSize: number;
  /** Whole packs when the quantity is a multiple of the pack size, else a fraction. */
  packs: number;
  unitCostMinor: number;
  vatRateBp: number;
  amountMinor: number;
  vatMinor: number;
}

export interface PurchaseOrder {
  id: number;
  number: number;
  /** 'PO-00012': on the PDF and as the ledger reference of its receipts. */
  reference: string;
  supplierId: number;
  supplierName: string;
  status: PurchaseOrderStatus;
  createdAt: string;
  sentAt: string | null;
  expectedDate: string;
  note: string;
  /** When it was closed short (status 'closed'), else null; and why, as given (may be empty). */
  closedAt: string | null;
  closeReason: string;
  lines: PurchaseOrderLine[];
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
}

export interface PurchaseOrderSummary {
  id: number;
  number: number;
  reference: string;
  supplierName: string;
  status: PurchaseOrderStatus;
  createdAt: string;
  expectedDate: string;
  lines: number;
  totalMinor: number;
  /** What has been received of it, valued like totalMinor (incl. VAT): "received X of Y" for an order closed short. */
  receivedTotalMinor: number;
}

export interface PurchaseOrderDocument {
  reference: string;
  pdfBase64: string;
}

export const ALERT_TYPES = [
  'reorder_point',
  'stockout_before_delivery',
  'order_overdue',
  'overstock',
  'dead_stock',
  'expiring_lot',
  'sales_anomaly',
  'forecast_stale',
  'negative_stock',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** The user who acknowledged or snoozed an alert. */
export interface AlertActor {
  id: number;
  name: string;
}

export interface Alert {
  id: number;
  key: string;
  type: AlertType;
  severity: AlertSeverity;
  productId: number | null;
  productName: string | null;
  message: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  /** Who acknowledged it (null: not acknowledged, or before this was recorded). */
  acknowledgedBy: AlertActor | null;
  snoozedUntil: string | null;
  /** When it was snoozed and by whom (null: not snoozed, or before this was recorded). */
  snoozedAt: string | null;
  snoozedBy: AlertActor | null;
  /** The lot an expiring lot's alert is about. */
  lot: { lot: string; expiry: string } | null;
  /**
   * The purchase order the alert's action opens, while it is open: the late order an `order_overdue`
   * names (the longest overdue), or a draft that already holds the product of a stockout or of a
   * product to order (what to order is on it). Null otherwise.
   */
  order: { id: number; reference: string; status: PurchaseOrderStatus } | null;
}

/**
 * What the Alerts page filters by: the types grouped as the owner deals with them. Every type is in
 * exactly one group.
 */
export const ALERT_GROUPS = ['order', 'late', 'expiry', 'slow', 'other'] as const;
export type AlertGroup = (typeof ALERT_GROUPS)[number];
export const ALERT_GROUP_TYPES = {
  /** Out of stock, or soon, and products to order: Achats › À commander. */
  order: ['stockout_before_delivery', 'reorder_point'],
  /** Orders the supplier has not delivered on time. */
  late: ['order_overdue'],
  /** Lots expired or about to. */
  expiry: ['expiring_lot'],
  /** Too much on the shelf, or nothing sold for long. */
  slow: ['overstock', 'dead_stock'],
  other: ['negative_stock', 'sales_anomaly', 'forecast_stale'],
} as const satisfies Record<AlertGroup, readonly AlertType[]>;

/** One page of the Alerts page: critical first, with how many match and how many each group holds. */
export interface AlertList {
  items: Alert[];
  /** Alerts matching the group and the search (all of them, not only this page). */
  total: number;
  /** Alerts matching the search in each group, whatever group is chosen. */
  groups: Record<AlertGroup, number>;
}

export interface AlertCounts {
  /** Open, neither acknowledged nor snoozed. */
  open: number;
  critical: number;
}

export const toOrderInput = z.object({
  budgetMinor: z.number().int().positive({ error: 'must be more than 0' }).nullable().default(null),
});
export const createOrdersInput = z.object({
  lines: z
    .array(z.object({ productId: id, quantity: qty }))
    .min(1, { error: 'at least one line' })
    .max(1000),
});
export const updateOrderInput = z.object({
  id,
  /** Chosen by hand: kept when the draft is sent, unless it is past by then. A day already past is refused (by main, which knows the day). */
  expectedDate: isoDate.optional(),
  note: z.string().trim().max(500).optional(),
  lines: z
    .array(z.object({ productId: id, quantity: qty, unitCostMinor: nonNegMinor.optional() }))
    .min(1, { error: 'at least one line' })
    .max(1000),
});
export const receiveInput = z.object({
  id,
  /**
   * Made by the client once per receipt it shows (a random text). Main records it with the receipt; the
   * same submission again (a double click, a retry) books nothing and answers the order as it is now,
   * and with other lines is refused. Optional: a script may leave it out.
   */
  submissionId: z.string().trim().min(1, { error: 'required' }).max(100).optional(),
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().positive(),
        quantity: qty,
        /** What the supplier charged for each unit, when not the order's price. */
        unitCostMinor: nonNegMinor.optional(),
        lot: z.string().trim().max(64).optional(),
        expiry: isoDate.optional(),
      }),
    )
    .min(1, { error: 'at least one line' })
    .max(1000),
  /** The lines that give a unit cost set their product's cost price to it. */
  updateCosts: z.boolean().default(false),
});
export const closeOrderInput = z.object({
  id,
  /** Why the rest will not come (optional), kept on the order and in the audit. */
  reason: z.string().trim().max(200, { error: 'at most 200 characters' }).default(''),
});
export const ordersQuery = z.object({
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const replenishmentQuery = z.object({ productIds: z.array(id).max(1000).optional() });
export const serviceLevelInput = z.object({
  scope: z.enum(['product', 'category']),
  key: z.string().trim().min(1, { error: 'required' }).max(200),
  level: serviceLevel.nullable(),
});
export const alertsQuery = z.object({ includeResolved: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(300) });
/** The Alerts page: a group of types (null: all), a product's name, SKU or barcode, or words of the message (a lot, an order). */
export const alertsPageQuery = z.object({
  includeResolved: z.boolean().default(false),
  group: z.enum(ALERT_GROUPS).nullable().default(null),
  search: z.string().trim().max(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(100),
});
/** The longest snooze: a week. Longer, a critical alert would be out of sight for good. */
export const MAX_SNOOZE_HOURS = 24 * 7;
export const snoozeInput = z.object({
  id,
  hours: z.number().int().min(1, { error: 'must be at least 1' }).max(MAX_SNOOZE_HOURS, { error: `at most ${MAX_SNOOZE_HOURS} hours (7 days)` }),
});
const byId = z.object({ id });
const empty = z.object({}).default({});

/** Replenishment, alerts and purchase orders. Ordering is a manager's job. */
export const purchasingContract = {
  'replenishment.list': { input: replenishmentQuery, output: out<CostsHidden<ReplenishmentView, 'costMinor'>[]>(), role: 'cashier' },
  'replenishment.recompute': { input: empty, output: out<{ products: number }>(), role: 'manager' },
  'replenishment.setServiceLevel': { input: serviceLevelInput, output: out<{ ok: true }>(), role: 'manager' },
  'purchasing.toOrder': { input: toOrderInput, output: out<ToOrder>(), role: 'manager' },
  'purchasing.createOrders': { input: createOrdersInput, output: out<PurchaseOrder[]>(), role: 'manager' },
  'purchasing.list': { input: ordersQuery, output: out<PurchaseOrderSummary[]>(), role: 'manager' },
  'purchasing.get': { input: byId, output: out<PurchaseOrder>(), role: 'manager' },
  'purchasing.update': { input: updateOrderInput, output: out<PurchaseOrder>(), role: 'manager' },
  'purchasing.markSent': { input: byId, output: out<PurchaseOrder>(), role: 'manager' },
  'purchasing.cancel': { input: byId, output: out<PurchaseOrder>(), role: 'manager' },
  /** A partly received order closed short: the rest will not come and stops counting as on order. */
  'purchasing.close': { input: closeOrderInput, output: out<PurchaseOrder>(), role: 'manager' },
  'purchasing.receive': { input: receiveInput, output: out<PurchaseOrder>(), role: 'manager' },
  'purchasing.pdf': { input: byId, output: out<PurchaseOrderDocument>(), role: 'manager' },
  'alerts.list': { input: alertsQuery, output: out<Alert[]>(), role: 'cashier' },
  /** The Alerts page: filtered by group and search, a page at a time, with the totals that say what is not shown. */
  'alerts.page': { input: alertsPageQuery, output: out<AlertList>(), role: 'cashier' },
  'alerts.counts': { input: empty, output: out<AlertCounts>(), role: 'cashier' },
  /** Silencing an alert is a manager's call (a cashier could hide a negative stock from the owner); who did it is kept on the alert and in the audit. */
  'alerts.acknowledge': { input: byId, output: out<Alert>(), role: 'manager' },
  'alerts.snooze': { input: snoozeInput, output: out<Alert>(), role: 'manager' },
} as const satisfies ContractTable;

export interface PurchasingEvents {
  'alerts.changed': AlertCounts;
  'replenishment.changed': { productIds: number[] | null };
}
