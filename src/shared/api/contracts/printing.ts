import { z } from 'zod';
import { isPrinterTarget, PRINTER_TARGET_ERROR } from '../../domain/printer';
import { RECEIPT_OUTPUTS } from '../../domain/settings';
import { out, type ContractTable } from './helpers';

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export interface PrintOutcome {
  /** 'pdf': nothing was printed; the screen offers the receipt's PDF instead. */
  via: (typeof RECEIPT_OUTPUTS)[number];
  printed: boolean;
  destination: string;
  drawerOpened: boolean;
}

const printConfig = z.object({
  receiptOutput: z.enum(RECEIPT_OUTPUTS),
  receiptPrinter: z.string().trim().max(200),
  escposTarget: z.union([z.literal(''), z.string().trim().max(300).refine(isPrinterTarget, { error: PRINTER_TARGET_ERROR })]),
  receiptWidth: z.union([z.literal(80), z.literal(58)]),
  escposColumns: z.union([z.literal(42), z.literal(48)]).default(42),
});

/** Receipts to paper and the cash drawer. */
export const printingContract = {
  'print.printers': { input: z.object({}).default({}), output: out<PrinterInfo[]>(), role: 'manager' },
  /**
   * Unmarked (and the drawer for cash) only for the sale the till just committed, by the same user, a
   * moment ago; `duplicate` or any other receipt is a reprint, marked as a copy and audited; a cashier
   * reprints today's receipts only.
   */
  'print.receipt': { input: z.object({ receiptNo: z.number().int().positive(), duplicate: z.boolean().default(false) }), output: out<PrintOutcome>(), role: 'cashier' },
  // owner only, as the printer address in Settings: it sends bytes to the address it is given
  'print.test': { input: printConfig, output: out<PrintOutcome>(), role: 'owner' },
  'print.openDrawer': { input: z.object({}).default({}), output: out<{ opened: true }>(), role: 'manager' },
} as const satisfies ContractTable;

export interface PrintingEvents {
  /** A receipt printed automatically after a sale did not come out; the sale itself is committed. */
  'print.failed': { receiptNo: number; message: string };
}
