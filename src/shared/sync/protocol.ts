import { z } from 'zod';
import { CURRENCY_CODES } from '../domain/money';

/**
 * What a shop pushes to the central server its owner hosts (server/), and what the server answers.
 * The shop's file stays the truth: the server keeps a copy of each shop, one way, shop -> server.
 * Append-only rows (movements, sales, journal events) are sent once each, in id order, and the server
 * ignores a row it already holds, so a batch cut off by a bad connection is simply sent again.
 * Products and stock levels are sent whole each time they change, and the server keeps the latest.
 */
export const SYNC_PROTOCOL = 1;

/** Rows of each kind in one push request: a few hundred kB, so a poor connection still gets through. */
export const SYNC_BATCH_ROWS = 500;

/**
 * The longest text of each kind the server takes. The shop clips its rows to these before sending
 * (with an ellipsis), so one long name from an old import can never hold every later row back.
 */
export const SYNC_TEXT_MAX = { sku: 100, name: 300, category: 200, unit: 40, reason: 500, reference: 200, lot: 100, tender: 40, entity: 60, action: 60, entityId: 200 } as const;

/** The dated lots of one product a push carries at most (the earliest expiries: the ones the owner must see). */
export const SYNC_LOTS_PER_PRODUCT = 200;

/** An event's data above this size (JSON characters) is replaced by a note of its size. */
export const SYNC_EVENT_DATA_MAX = 16_000;

const id = z.number().int().positive();
const minor = z.number().int().safe();
const milli = z.number().int().safe();
const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const text = (max: number) => z.string().max(max);

export const syncShopSchema = z.object({
  name: text(200).min(1),
  /**
   * Which life of the shop file this is: a new one after a backup is restored. Rows pushed under
   * another epoch may share ids with rows the restored file writes next, so the server then drops
   * what it held of the shop and takes it all again.
   */
  epoch: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /**
   * Which shop file this is: made once in the file and kept by its backups (a restore keeps it, unlike
   * the epoch). The server binds a token to the first file that pushes with it and refuses another, so
   * one token given to two shop PCs cannot make each wipe the other's copy. Absent from older apps.
   */
  tag: z.string().regex(/^[0-9a-f]{8}$/).optional(),
  currency: z.enum(CURRENCY_CODES as [string, ...string[]]),
  appVersion: text(40),
});

export const syncProductSchema = z.object({
  id,
  sku: text(SYNC_TEXT_MAX.sku),
  name: text(SYNC_TEXT_MAX.name),
  category: text(SYNC_TEXT_MAX.category),
  unit: text(SYNC_TEXT_MAX.unit),
  costMinor: minor,
  priceMinor: minor,
  vatRateBp: z.number().int().min(0).max(10000),
  active: z.boolean(),
  updatedAt: isoInstant,
});

export const syncStockSchema = z.object({
  productId: id,
  onHandMilli: milli,
  updatedAt: isoInstant,
});

/**
 * What is left of each dated lot of one product (the shop's FEFO book), sent whole whenever the product
 * moves, like its stock level: the server replaces what it held of the product's lots with these.
 */
export const syncProductLotsSchema = z.object({
  productId: id,
  lots: z.array(z.object({ lot: text(SYNC_TEXT_MAX.lot), expiry: isoDate, milli: z.number().int().positive().safe() })).max(SYNC_LOTS_PER_PRODUCT),
});

export const syncMovementSchema = z.object({
  id,
  productId: id,
  kind: z.enum(['sale', 'receipt', 'customer_return', 'supplier_return', 'adjustment', 'loss', 'count']),
  qtyMilli: milli,
  unitCostMinor: minor,
  unitPriceMinor: minor,
  reason: text(SYNC_TEXT_MAX.reason),
  reference: text(SYNC_TEXT_MAX.reference),
  lot: text(SYNC_TEXT_MAX.lot).nullable(),
  expiry: isoDate.nullable(),
  userId: z.number().int().nonnegative(),
  occurredAt: isoInstant,
  businessDate: isoDate,
});

export const syncSaleLineSchema = z.object({
  lineNo: z.number().int().positive(),
  productId: id,
  name: text(SYNC_TEXT_MAX.name),
  qtyMilli: milli,
  unitPriceMinor: minor,
  discountMinor: minor,
  netMinor: minor,
  vatRateBp: z.number().int().min(0).max(10000),
  vatMinor: minor,
  movementId: id,
});

export const syncSaleSchema = z.object({
  id,
  receiptNo: z.number().int().positive(),
  kind: z.enum(['sale', 'return']),
  originalSaleId: id.nullable(),
  userId: z.number().int().nonnegative(),
  at: isoInstant,
  businessDate: isoDate,
  subtotalMinor: minor,
  discountMinor: minor,
  totalMinor: minor,
  currency: text(3),
  lines: z.array(syncSaleLineSchema).max(2000),
  tenders: z.array(z.object({ tender: text(SYNC_TEXT_MAX.tender), amountMinor: minor })).max(20),
});

/** One row of the shop's journal (who did what: a void, a price override, a count applied). */
export const syncEventSchema = z.object({
  id,
  at: isoInstant,
  entity: text(SYNC_TEXT_MAX.entity),
  action: text(SYNC_TEXT_MAX.action),
  entityId: text(SYNC_TEXT_MAX.entityId),
  data: z.unknown(),
});

export const syncPushSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  shop: syncShopSchema,
  products: z.array(syncProductSchema).max(SYNC_BATCH_ROWS),
  stock: z.array(syncStockSchema).max(SYNC_BATCH_ROWS),
  // absent from the pushes of a shop running an older Shelfcast
  lots: z.array(syncProductLotsSchema).max(SYNC_BATCH_ROWS).default([]),
  movements: z.array(syncMovementSchema).max(SYNC_BATCH_ROWS),
  sales: z.array(syncSaleSchema).max(SYNC_BATCH_ROWS),
  events: z.array(syncEventSchema).max(SYNC_BATCH_ROWS),
});

/** Fields holding a date or an instant, outside an event's free-form data. */
const DATE_FIELDS = new Set(['updatedAt', 'occurredAt', 'businessDate', 'expiry', 'at']);

/** How deep a push may nest (an event's data is its only free-form part): ample for a journal entry, far from exhausting the stack. */
const MAX_DEPTH = 40;

/**
 * What the protocol's shapes allow but PostgreSQL cannot store (a NUL character, year 0000, a line
 * number twice), refused with the path at fault. The server parses pushes with it, and the shop checks
 * each batch with it before sending, so such a row is named there with its id.
 */
export const storablePushSchema = syncPushSchema.superRefine((push, ctx) => {
  const refuse = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  walk(push, [], (path, value, key) => {
    if (path.length > MAX_DEPTH) {
      refuse(path.slice(0, 3), `the data nests deeper than ${MAX_DEPTH - 3} levels`);
      return false;
    }
    if (typeof key === 'string' && key.includes('\u0000')) refuse(path, 'a key holds the NUL character (\\u0000), which cannot be stored');
    if (typeof value !== 'string') return true;
    if (value.includes('\u0000')) refuse(path, 'the text holds the NUL character (\\u0000), which cannot be stored');
    const inEventData = path[0] === 'events' && path[2] === 'data';
    if (!inEventData && DATE_FIELDS.has(String(path[path.length - 1])) && value.startsWith('0000-')) refuse(path, 'year 0000 is not a date');
    return true;
  });
  push.sales.forEach((sale, s) => {
    const seen = new Set<number>();
    sale.lines.forEach((line, l) => {
      if (seen.has(line.lineNo)) refuse(['sales', s, 'lines', l, 'lineNo'], `line number ${line.lineNo} appears twice in sale ${sale.id}`);
      seen.add(line.lineNo);
    });
  });
});

/** Visits every value and key below `value`; `visit` returning false stops the descent there. */
function walk(value: unknown, path: PropertyKey[], visit: (path: PropertyKey[], value: unknown, key?: PropertyKey) => boolean): void {
  if (!visit(path, value, path[path.length - 1])) return;
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

export type SyncShop = z.infer<typeof syncShopSchema>;
export type SyncProduct = z.infer<typeof syncProductSchema>;
export type SyncStock = z.infer<typeof syncStockSchema>;
export type SyncProductLots = z.infer<typeof syncProductLotsSchema>;
export type SyncMovement = z.infer<typeof syncMovementSchema>;
export type SyncSale = z.infer<typeof syncSaleSchema>;
export type SyncEvent = z.infer<typeof syncEventSchema>;
export type SyncPush = z.infer<typeof syncPushSchema>;

/** The server's answer to a push it stored (HTTP 200): how many rows of each kind were new to it. */
export interface SyncAck {
  ok: true;
  shopId: number;
  stored: { products: number; stock: number; lots: number; movements: number; sales: number; events: number };
  /** The server's clock (ISO), to tell a shop PC whose clock is far off. */
  serverTime: string;
}

/**
 * The server's answer to a push it refused (HTTP 400, 401, 409, 413): `code` for the app to translate,
 * `field` the path of the value at fault when there is one (`movements.3.qtyMilli`, `shop.currency`).
 */
export interface SyncRefusal {
  ok: false;
  code: 'bad_request' | 'unauthorized' | 'currency_changed' | 'key_in_use' | 'too_large' | 'protocol';
  message: string;
  field?: string;
}

/** GET /v1/shops (owner's key): each shop and what the owner wants to see at a glance. */
export interface SyncShopSummary {
  id: number;
  /** The owner's label from add-shop. */
  name: string;
  /** The name the shop gives itself in its settings (every shop may call itself « Ma boutique »); null until its first push. */
  reportedName: string | null;
  /** Null until the shop's first push. */
  currency: string | null;
  lastPushAt: string | null;
  /**
   * Takings (sales less refunds) per business day, the last 7 days the shop pushed up to the server's
   * date and a day (see `futureDated`), newest first; `salesMinor` the sales alone (what the average
   * basket divides, as the shop's Z report does); `cashDifferenceMinor` is the day's last cash count,
   * counted less expected (negative: cash short), null when the drawer was not counted that day;
   * `cashSinceCountMinor` the cash that went into the drawer (net of change, refunds, paid in and out)
   * after that count, as the receipts pushed since say: not 0, the count was made before later sales
   * and `cashDifferenceMinor` no longer tells the drawer; null when not counted, or the count does
   * not say (a shop app from before it did). Absent from older servers.
   */
  days: { date: string; takingsMinor: number; salesMinor: number; receipts: number; cashDifferenceMinor: number | null; cashSinceCountMinor?: number | null }[];
  /** Stock at cost from the latest levels and costs pushed. */
  stockValueMinor: number;
  /** Active products. */
  products: number;
  /** Active products that have moved whose latest stock level is zero or below (one created and never received is not counted, as on the shop's dashboard). */
  outOfStock: number;
  /**
   * Lines and carts cleared at the till before payment over the last 7 days: by the server's clock (a
   * day ahead allowed), and by the shop PC's own clock (its latest journal row) when it pushed in them,
   * so a PC running ahead or behind still shows its fresh voids.
   */
  voided: { count: number; amountMinor: number };
  /**
   * The best sellers over the days in `days`, by takings from receipts (returns netted), at most 5;
   * `name` and `unit` as the product is now.
   */
  topSellers: SyncProductSales[];
  /**
   * Active products out of stock that sold over the 28 days up to the shop's last day with a sale (up
   * to the server's date and a day), what it is losing now, by those takings, at most 8; `count` is
   * how many in all.
   */
  outOfStockSelling: { count: number; products: (SyncProductSales & { lastSold: string })[] };
  /**
   * Dated lots still in the shop that expire within `withinDays` days of the server's date, or already
   * have (on the shelf until written off): `count` and `valueMinor` (at cost) over all of them, `lots`
   * the earliest at most 8.
   */
  expiring: { withinDays: number; count: number; valueMinor: number; lots: SyncExpiringLot[] };
  /**
   * Receipts (sales and refunds) dated after the server's date and a day (the slack for the shops' time
   * zones): rung up while the shop PC's clock ran ahead. They are left out of `days`, `topSellers` and
   * `outOfStockSelling`, which would otherwise run from that day; `lastDate` the latest of them.
   * Absent from older servers.
   */
  futureDated?: { receipts: number; lastDate: string | null };
}

/** A dated lot as the owner's page lists it; `name` and `unit` as the product is now. */
export interface SyncExpiringLot {
  productId: number;
  name: string;
  unit: string;
  lot: string;
  expiry: string;
  quantityMilli: number;
  /** At the product's current cost. */
  valueMinor: number;
}

/** A product's receipts over a window: quantity in thousandths of its unit, takings in minor units. */
export interface SyncProductSales {
  productId: number;
  name: string;
  unit: string;
  quantityMilli: number;
  takingsMinor: number;
}
