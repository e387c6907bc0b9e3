import { z } from 'zod';
import * as s from '../schemas';
import type { ProductWithStock } from '../../domain/product';
import { MAX_PERCENT_BP, type DiscountSpec } from '../../domain/discount';
import { PARK_LABEL_MAX, type ParkedSale, type ResumedLine, type ResumedSale } from '../../domain/parked';
import type { CompletedSale, ReceiptDocument, ReturnableSale } from '../../domain/sale';
import { id, nonNegMinor, quantity } from '../fields';
import { out, type ContractTable, type CostsHidden } from './helpers';

/** What a scan or a typed code resolved to; scale labels carry their weight or price. */
export interface ScanMatch {
  product: CostsHidden<ProductWithStock, 'costMinor'>;
  /** 1, a weight label's weight, or the weight a price label buys at the shelf price (for stock). */
  quantity: number;
  unitPriceMinor: number | null;
  /** A price label's code: sent back with the cart line, checkout reads it again and charges its amount. */
  labelCode: string | null;
  /** A price label's amount: what the line costs, whatever quantity × shelf price gives. */
  amountMinor: number | null;
  /**
   * For a product that tracks expiry: its lots past their date still in stock (not written off yet),
   * earliest first, so the till can say to check the date; empty otherwise.
   */
  expired: { lot: string; expiry: string; quantity: number }[];
}

export type { DiscountSpec, ParkedSale, ResumedLine, ResumedSale };

const discountSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), minor: nonNegMinor }),
  z.object({ kind: z.literal('percent'), bp: z.number().int().min(0, { error: 'must not be negative' }).max(MAX_PERCENT_BP, { error: 'at most 100 %' }) }),
]);

/** The till's cart as it is parked: prices only where a manager changed them, discounts as given. */
export const parkInput = z.object({
  label: z.string().trim().max(PARK_LABEL_MAX, { error: `at most ${PARK_LABEL_MAX} characters` }).default(''),
  lines: z
    .array(
      z.object({
        productId: id,
        quantity: quantity.refine((q) => q > 0, { error: 'must be more than 0' }),
        unitPriceMinor: nonNegMinor.optional(),
        discount: discountSpec.nullable().optional(),
        /** A price label's code (from pos.scan): main reads it again for the line's amount. */
        labelCode: z.string().trim().min(1, { error: 'required' }).max(64).optional(),
      }),
    )
    .min(1, { error: 'the cart is empty' })
    .max(500),
  saleDiscount: discountSpec.nullable().optional(),
});
export type ParkInput = z.output<typeof parkInput>;

/**
 * The till's cart when it is cleared before payment, for the audit: what the screen showed, even a
 * line being edited (quantity 0) or a discount too large, since clearing is how such a cart is fixed.
 */
export const voidInput = z.object({
  lines: z
    .array(
      z.object({
        productId: id,
        quantity: quantity.refine((q) => q >= 0, { error: 'must not be negative' }),
        unitPriceMinor: nonNegMinor,
        discount: discountSpec.nullable().optional(),
        /** A price label's line: its amount is the label's, not quantity × price. */
        labelCode: z.string().trim().min(1).max(64).optional(),
      }),
    )
    .min(1, { error: 'the cart is empty' })
    .max(500),
  saleDiscount: discountSpec.nullable().optional(),
});
export type VoidInput = z.output<typeof voidInput>;

const tillQuantity = quantity.refine((q) => q >= 0, { error: 'must not be negative' });

/**
 * One line of the till's cart removed (to 0) or lowered before payment, for the audit: as the screen
 * showed it, with the line's own discount.
 */
export const voidLineInput = z
  .object({
    productId: id,
    unitPriceMinor: nonNegMinor,
    discount: discountSpec.nullable().optional(),
    labelCode: z.string().trim().min(1).max(64).optional(),
    fromQuantity: tillQuantity,
    toQuantity: tillQuantity.default(0),
  })
  .refine((v) => v.toQuantity < v.fromQuantity, { error: 'must be less than the quantity before', path: ['toQuantity'] });
export type VoidLineInput = z.output<typeof voidLineInput>;

export const resumeInput = z.object({
  id,
  /** The cart in the till, parked in the same transaction (a swap); nothing when the till is empty. */
  park: parkInput.optional(),
});

/** The till: scans, checkout, receipts, parked sales. */
export const posContract = {
  'pos.scan': { input: s.scanInput, output: out<ScanMatch>(), role: 'cashier' },
  'pos.checkout': { input: s.checkoutInput, output: out<CompletedSale>(), role: 'cashier' },
  // the PDF of the sale just committed; any other receipt comes as a reprint (journal rules: DUPLICATA, audited)
  'pos.receipt': { input: s.receiptQuery, output: out<ReceiptDocument>(), role: 'cashier' },
  'pos.returnable': { input: s.returnableQuery, output: out<ReturnableSale>(), role: 'cashier' },
  'pos.return': { input: s.returnInput, output: out<CompletedSale>(), role: 'cashier' },
  // one till per shop: whoever is at it may park, resume or discard any parked sale (discards audited)
  'pos.park': { input: parkInput, output: out<ParkedSale>(), role: 'cashier' },
  'pos.parked': { input: s.empty, output: out<ParkedSale[]>(), role: 'cashier' },
  'pos.resume': { input: resumeInput, output: out<ResumedSale>(), role: 'cashier' },
  'pos.discard': { input: s.byId, output: out<{ id: number }>(), role: 'cashier' },
  // anyone at the till may clear its cart; the lines and amounts voided are audited
  'pos.voidCart': { input: voidInput, output: out<{ lineCount: number; totalMinor: number }>(), role: 'cashier' },
  // likewise for one line removed or lowered before payment
  'pos.voidLine': { input: voidLineInput, output: out<{ quantity: number; amountMinor: number }>(), role: 'cashier' },
} as const satisfies ContractTable;
