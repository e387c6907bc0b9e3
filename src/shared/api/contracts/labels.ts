import { z } from 'zod';
import { id } from '../fields';
import { out, type ContractTable } from './helpers';

/** The A4 label sheets Shelfcast prints on: labels per sheet, columns × rows. */
export const LABEL_FORMATS = {
  /** 63,5 × 38,1 mm, 3 × 7 (Avery L7160, most French « étiquettes multi-usages »). */
  '21': { perSheet: 21, columns: 3, rows: 7 },
  /** 70 × 37 mm, 3 × 8, edge to edge (Avery Zweckform 3474 and look-alikes). */
  '24': { perSheet: 24, columns: 3, rows: 8 },
} as const;
export type LabelFormat = keyof typeof LABEL_FORMATS;
export const LABEL_FORMAT_NAMES = Object.keys(LABEL_FORMATS) as LabelFormat[];

/** Products on one run, and labels in all (products × copies): 2 500 labels, 120 pages, take about 3 s to make. */
export const MAX_LABEL_PRODUCTS = 2000;
export const MAX_LABEL_COPIES = 50;
export const MAX_LABELS = 2500;

export const labelsPdfInput = z
  .object({
    productIds: z
      .array(id)
      .min(1, { error: 'choose at least one product' })
      .max(MAX_LABEL_PRODUCTS, { error: `at most ${MAX_LABEL_PRODUCTS} products at a time` })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'a product is listed twice' }),
    format: z.enum(LABEL_FORMAT_NAMES, { error: `a sheet format: ${LABEL_FORMAT_NAMES.join(' or ')}` }),
    /** Where the first label goes on the first sheet (1: top left), for a sheet already partly used. */
    startAt: z.number().int({ error: 'a whole number' }).min(1, { error: 'must be at least 1' }).default(1),
    copies: z.number().int({ error: 'a whole number' }).min(1, { error: 'must be at least 1' }).max(MAX_LABEL_COPIES, { error: `must be at most ${MAX_LABEL_COPIES}` }).default(1),
  })
  .superRefine((input, ctx) => {
    const perSheet = LABEL_FORMATS[input.format].perSheet;
    if (input.startAt > perSheet) ctx.addIssue({ code: 'custom', path: ['startAt'], message: `must be at most ${perSheet}: a sheet holds ${perSheet} labels` });
    if (input.productIds.length * input.copies > MAX_LABELS) ctx.addIssue({ code: 'custom', path: ['copies'], message: `at most ${MAX_LABELS} labels at a time` });
  });

export interface LabelsDocument {
  pdfBase64: string;
  fileName: string;
  /** Labels printed (products × copies). */
  labels: number;
  pages: number;
  /** What could not be printed as asked, in English for the log; `issues` says it for the screen. */
  warnings: string[];
  /** The same, for the screen to say in the shop's language: a product whose label has no barcode, and why. */
  issues: LabelIssue[];
}

/** A label printed without a barcode: its SKU is too long for the label, or has characters Code 128 cannot write (é, ç…). */
export interface LabelIssue {
  productId: number;
  name: string;
  sku: string;
  issue: 'sku_too_long' | 'sku_not_ascii';
}

/** An active product whose shelf label shows an old price, or that never had one. */
export interface StaleLabel {
  productId: number;
  sku: string;
  name: string;
  category: string;
  priceMinor: number;
  /** The price on the last label printed; null: never printed. */
  printedPriceMinor: number | null;
  printedAt: string | null;
}

/** Shelf labels: an A4 sheet of them as a PDF, and the products whose label shows an old price. */
export const labelsContract = {
  'labels.pdf': { input: labelsPdfInput, output: out<LabelsDocument>(), role: 'manager' },
  'labels.stale': { input: z.object({}).default({}), output: out<StaleLabel[]>(), role: 'manager' },
  /** The active, priced products of a category ('' for those without one), by name: what « Une catégorie » prints. */
  'labels.ofCategory': { input: z.object({ category: z.string().trim().max(200, { error: 'at most 200 characters' }) }), output: out<number[]>(), role: 'manager' },
} as const satisfies ContractTable;
