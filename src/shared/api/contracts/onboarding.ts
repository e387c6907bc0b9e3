import { z } from 'zod';
import { ISO_DATE } from '../../domain/dates';
import { out, type ContractTable } from './helpers';

export const IMPORT_KINDS = ['products', 'suppliers', 'stock', 'sales'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** Fields a file's columns can be read as (see the onboarding service's columns.ts). */
export const IMPORT_FIELDS = [
  'sku', 'name', 'category', 'barcode', 'price', 'cost', 'unit', 'vat', 'supplier', 'packSize', 'minOrder', 'leadTime',
  'stock', 'product', 'date', 'qty', 'lot', 'expiry', 'contact', 'phone', 'email', 'address', 'active', 'tracksExpiry', 'netContent',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** 4 MB of bytes in base64 (the browser mode's request bodies stop at 10 MB). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
const MAX_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

const uploadId = z.string().regex(/^[0-9a-f]{32}$/, { error: 'not an upload id' });
const isoDate = z.string().regex(ISO_DATE, { error: 'a date as YYYY-MM-DD' });

export const uploadInput = z.object({
  uploadId: uploadId.optional(),
  name: z.string().trim().min(1, { error: 'required' }).max(255),
  data: z.string().max(MAX_CHUNK_BASE64, { error: 'a chunk holds 4 MB at most' }),
  offset: z.number().int().min(0),
  last: z.boolean(),
});

export const previewInput = z.object({ uploadId, kind: z.enum(IMPORT_KINDS) });

export const importInput = z.object({
  uploadId,
  kind: z.enum(IMPORT_KINDS),
  /** Field -> 0-based column (null: not read). When given, exactly this mapping is used, nothing guessed. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(10_000).nullable()).optional(),
  dryRun: z.boolean().default(true),
  allOrNothing: z.boolean().default(false),
  /** Sales: create the product codes the shop does not know. */
  createProducts: z.boolean().default(false),
  /** Sales: also lower on-hand (default: the forecaster's history only). */
  applyToStock: z.boolean().default(false),
});

export const exportInput = z.object({
  what: z.enum(['products', 'stock', 'ledger']),
  format: z.enum(['csv', 'xlsx']),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Headers, separators and decimal mark; default the shop's language. */
  locale: z.enum(['fr', 'en']).optional(),
});

export const byUpload = z.object({ uploadId });
const empty = z.object({}).default({});

export interface UploadState {
  uploadId: string;
  name: string;
  size: number;
  complete: boolean;
}

export interface ImportPreview {
  uploadId: string;
  name: string;
  size: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  header: string[];
  /** The first rows, each cell trimmed, one per header column; `line` as the dry run names it. */
  rows: { line: number; cells: string[] }[];
  moreRows: boolean;
  /** The guessed column of each field (0-based); required fields may be missing. */
  mapping: Partial<Record<ImportField, number>>;
  required: ImportField[];
  optional: ImportField[];
}

export interface ImportIssueView {
  /** 1-based line in the file (the header is line 1; a workbook's row number); 0 for the whole file. */
  line: number;
  /** The column's header as written, or null. */
  column: string | null;
  code: string;
  /** English, for the log and the command line. */
  message: string;
  /** The specifics for the interface's own text: `specific` names it, the others fill it (e.g. missing, found). */
  params?: Record<string, string | number>;
  /** The row was imported, this part of it not as written (a negative opening stock left unset): not an error. */
  warning?: boolean;
}

export type ImportRequest = z.output<typeof importInput>;

export interface ImportResult {
  uploadId: string;
  kind: ImportKindName;
  /** The file's name as chosen. */
  file: string;
  dryRun: boolean;
  allOrNothing: boolean;
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  delimiter: string | null;
  columns: Partial<Record<ImportField, string>>;
  rows: number;
  valid: number;
  invalid: number;
  written: number;
  createdProducts: number;
  createdSuppliers: number;
  committed: boolean;
  fileError: ImportIssueView | null;
  issues: ImportIssueView[];
  issueCount: number;
}

export interface ExportFileView {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

export interface DemoShopSummary {
  products: number;
  suppliers: number;
  categories: number;
  days: number;
  firstDate: string;
  lastDate: string;
  dailyRows: number;
  movements: number;
  stockoutDays: number;
  expiryLots: number;
}

export interface OnboardingProgressEvent {
  uploadId: string;
  dryRun: boolean;
  bytesDone: number;
  bytesTotal: number;
  finished: boolean;
}

/** Import, export and the demo shop. */
export const onboardingContract = {
  'onboarding.upload': { input: uploadInput, output: out<UploadState>(), role: 'manager' },
  'onboarding.discard': { input: byUpload, output: out<{ removed: boolean }>(), role: 'manager' },
  'onboarding.preview': { input: previewInput, output: out<ImportPreview>(), role: 'manager' },
  'onboarding.import': { input: importInput, output: out<ImportResult>(), role: 'manager' },
  'onboarding.cancel': { input: empty, output: out<{ cancelled: boolean }>(), role: 'manager' },
  'onboarding.export': { input: exportInput, output: out<ExportFileView>(), role: 'manager' },
  'onboarding.demo': { input: empty, output: out<DemoShopSummary>(), role: 'manager' },
} as const satisfies ContractTable;

export interface OnboardingEvents {
  'onboarding.progress': OnboardingProgressEvent;
}
