import { z } from 'zod';
import { MOVEMENT_KINDS, NEGATIVE_STOCK_POLICIES } from '../domain/movement';
import { CURRENCY_CODES } from '../domain/money';
import { UNITS } from '../domain/quantity';
import { NET_CONTENT_MAX, NET_UNITS } from '../domain/net-content';
import { ISO_DATE, MAX_DAY_END_HOUR } from '../domain/dates';
import { BACKUP_FOLDER_ERROR, isAbsoluteFolder, RECEIPT_OUTPUTS } from '../domain/settings';
import { isPrinterTarget, PRINTER_TARGET_ERROR } from '../domain/printer';
import { TENDERS } from '../domain/cart';
import { PIN_PATTERN, ROLES } from '../domain/user';
import { isDrawableLogo, LOGO_BYTES_WRONG, LOGO_NOT_PNG_OR_JPEG } from '../domain/logo';
import { id, minor, nonNegMinor, quantity } from './fields';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { error: 'required' });

/** The longest text the product, supplier and stock forms take; the file import refuses longer, as the forms do. */
export const TEXT_MAX = { sku: 64, barcode: 64, productName: 200, category: 100, supplierName: 200, contact: 200, phone: 50, address: 500, lot: 64 } as const;

export const productInput = z.object({
  id: id.optional(),
  sku: required(TEXT_MAX.sku),
  barcodes: z.array(text(TEXT_MAX.barcode).min(1)).max(20).default([]),
  name: required(TEXT_MAX.productName),
  category: text(TEXT_MAX.category).default(''),
  unit: z.enum(UNITS).default('piece'),
  costMinor: nonNegMinor.default(0),
  priceMinor: nonNegMinor,
  vatRateBp: z.number().int().min(0).max(10_000).default(0),
  supplierId: id.nullable().default(null),
  leadTimeDays: z.number().int().min(0).max(365).default(7),
  minOrderQty: quantity.min(0, { error: 'must not be negative' }).default(0),
  packSize: quantity.positive({ error: 'must be more than 0' }).default(1),
  tracksExpiry: z.boolean().default(false),
  /** What one packet holds, for the label's price per kg or litre; null: not said (or sold by weight or volume). */
  netContent: z
    .object({
      quantity: quantity.positive({ error: 'must be more than 0' }).max(NET_CONTENT_MAX, { error: `at most ${NET_CONTENT_MAX}` }),
      unit: z.enum(NET_UNITS, { error: `a unit: ${NET_UNITS.join(', ')}` }),
    })
    .nullable()
    .default(null),
  active: z.boolean().default(true),
});
export type ProductInput = z.input<typeof productInput>;

export const productListInput = z.object({
  search: text(200).default(''),
  includeInactive: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
  /** The till's type-ahead needs no total; counting would scan the catalogue a second time. */
  withTotal: z.boolean().default(true),
});

export const supplierInput = z.object({
  id: id.optional(),
  name: required(TEXT_MAX.supplierName),
  contact: text(TEXT_MAX.contact).default(''),
  phone: text(TEXT_MAX.phone).default(''),
  email: z.union([z.literal(''), z.email({ error: 'not an e-mail address' })]).default(''),
  address: text(TEXT_MAX.address).default(''),
  leadTimeDays: z.number().int().min(0).max(365).default(7),
  active: z.boolean().default(true),
});
export type SupplierInput = z.input<typeof supplierInput>;

export const movementLine = z.object({
  productId: id,
  kind: z.enum(MOVEMENT_KINDS),
  /** Magnitude for directional kinds; signed for `adjustment` and `count`. */
  quantity: quantity.refine((q) => q !== 0, { error: 'must not be 0' }),
  unitCostMinor: nonNegMinor.optional(),
  unitPriceMinor: nonNegMinor.optional(),
  reason: text(500).default(''),
  lot: text(TEXT_MAX.lot).optional(),
  expiry: z.string().regex(ISO_DATE, { error: 'expected a date YYYY-MM-DD' }).optional(),
});
export type MovementLineInput = z.input<typeof movementLine>;

export const recordInput = z.object({
  lines: z.array(movementLine).min(1, { error: 'at least one line' }).max(500),
  reference: text(100).default(''),
});
export type RecordInput = z.input<typeof recordInput>;

/** A target probability of not running out, 50 % to 99.9 %. */
export const serviceLevel = z.number().min(0.5, { error: 'must be between 0.5 and 0.999' }).max(0.999, { error: 'must be between 0.5 and 0.999' });

/** Minutes without activity before the till locks itself, as Settings offers them (2 to 60), or 0 for never. */
const AUTO_LOCK_MIN = 2;
const AUTO_LOCK_MAX = 60;
const AUTO_LOCK_ERROR = `expected 0 (never) or ${AUTO_LOCK_MIN} to ${AUTO_LOCK_MAX} minutes`;

/** A settings key main does not know (a typo, a field from another version): refused by name, never silently dropped. */
const unknownSetting = (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' && issue.keys ? `unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map((k) => `"${k}"`).join(', ')}` : undefined;

export const settingsInput = z
  .object({
    shopName: required(200),
    address: text(500),
    phone: text(50),
    taxId: text(50),
    currency: z.enum(CURRENCY_CODES as [string, ...string[]]),
    locale: z.enum(['fr', 'en']),
    negativeStock: z.enum(NEGATIVE_STOCK_POLICIES),
    dayEndHour: z.number().int().min(0).max(MAX_DAY_END_HOUR),
    /** Local hour (0..23) of the nightly forecast. */
    forecastHour: z.number().int().min(0).max(23),
    logo: z.union([
      z.literal(''),
      z
        .string()
        .max(400_000)
        .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, { error: LOGO_NOT_PNG_OR_JPEG })
        .refine(isDrawableLogo, { error: LOGO_BYTES_WRONG }),
    ]),
    serviceLevel: serviceLevel,
    serviceLevelA: serviceLevel.nullable(),
    serviceLevelB: serviceLevel.nullable(),
    serviceLevelC: serviceLevel.nullable(),
    reviewDays: z.number().int().min(1).max(90),
    overstockDays: z.number().int().min(1).max(3650),
    deadStockDays: z.number().int().min(1).max(3650),
    expiryWarnDays: z.number().int().min(0).max(3650),
    anomalyFactor: z.number().min(1).max(100),
    notifyCritical: z.boolean(),
    receiptOutput: z.enum(RECEIPT_OUTPUTS),
    receiptPrinter: text(200),
    escposTarget: z.union([z.literal(''), text(300).refine(isPrinterTarget, { error: PRINTER_TARGET_ERROR })]),
    receiptWidth: z.union([z.literal(80), z.literal(58)]),
    escposColumns: z.union([z.literal(42), z.literal(48)]),
    autoPrint: z.boolean(),
    drawerKick: z.boolean(),
    /** Minutes without activity before the till locks itself; 0 = never. */
    autoLockMinutes: z.number().int().refine((m) => m === 0 || (m >= AUTO_LOCK_MIN && m <= AUTO_LOCK_MAX), { error: AUTO_LOCK_ERROR }),
    backupFolder: z.union([z.literal(''), text(500).refine(isAbsoluteFolder, { error: BACKUP_FOLDER_ERROR })]),
  }, { error: unknownSetting })
  .strict()
  .partial();

export const byId = z.object({ id });
export const empty = z.object({}).default({});
export const movementsQuery = z.object({
  productId: id,
  limit: z.number().int().min(1).max(1000).default(100),
});
export const stockQuery = z.object({
  productIds: z.array(id).max(1000).optional(),
});

export const scanInput = z.object({ code: required(64) });

export const checkoutInput = z.object({
  lines: z
    .array(
      z.object({
        productId: id,
        quantity: quantity.positive({ error: 'must be more than 0' }),
        unitPriceMinor: nonNegMinor.optional(),
        discountMinor: nonNegMinor.optional(),
        /** A scale price label's code, as pos.scan returned it: main reads it again and charges its amount. */
        labelCode: required(64).optional(),
      }),
    )
    .min(1, { error: 'the cart is empty' })
    .max(500),
  saleDiscountMinor: nonNegMinor.optional(),
  tenders: z.array(z.object({ tender: z.enum(TENDERS), amountMinor: minor })).max(5),
});

export const receiptQuery = z.object({
  receiptNo: z.number().int().positive(),
  width: z.union([z.literal(80), z.literal(58)]).default(80),
});

export const returnableQuery = z.object({ receiptNo: z.number().int().positive() });

export const returnInput = z.object({
  receiptNo: z.number().int().positive(),
  lines: z
    .array(z.object({ lineNo: z.number().int().positive(), quantity: quantity.positive({ error: 'must be more than 0' }) }))
    .min(1, { error: 'choose what comes back' })
    .max(500),
  /** Each refund tender more than 0 (as a sale's), adding up to the refund; none for a refund of 0. */
  tenders: z.array(z.object({ tender: z.enum(TENDERS), amountMinor: minor.positive({ error: 'must be more than 0' }) })).max(5).optional(),
});

export const userInput = z.object({
  id: id.optional(),
  name: required(100),
  role: z.enum(ROLES),
  pin: z.string().regex(PIN_PATTERN, { error: '4 to 8 digits' }).optional(),
  active: z.boolean().default(true),
});

export const loginInput = z.object({ userId: id, pin: z.string().max(8).default('') });
