/**
 * Every stock change is a movement in an append-only ledger. The sign of the stored quantity follows
 * the stock: receipts and customer returns add, sales, supplier returns and losses remove; adjustments
 * and count corrections carry their own sign.
 */
export const MOVEMENT_KINDS = [
  'sale',
  'receipt',
  'customer_return',
  'supplier_return',
  'adjustment',
  'loss',
  'count',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const KIND_SIGN: Record<MovementKind, 1 | -1 | 0> = {
  sale: -1,
  receipt: 1,
  customer_return: 1,
  supplier_return: -1,
  adjustment: 0,
  loss: -1,
  count: 0,
};

export interface Movement {
  id: number;
  productId: number;
  kind: MovementKind;
  /** Signed change to on-hand, in the product's unit. */
  quantity: number;
  unitCostMinor: number;
  unitPriceMinor: number;
  reason: string;
  reference: string;
  lot: string | null;
  expiry: string | null;
  userId: number;
  occurredAt: string;
  businessDate: string;
}

export interface StockLine {
  productId: number;
  sku: string;
  name: string;
  category: string;
  unit: string;
  onHand: number;
  /** On-hand valued at cost, in minor units. */
  valueMinor: number;
}

export const NEGATIVE_STOCK_POLICIES = ['allow', 'warn', 'block'] as const;
export type NegativeStockPolicy = (typeof NEGATIVE_STOCK_POLICIES)[number];
