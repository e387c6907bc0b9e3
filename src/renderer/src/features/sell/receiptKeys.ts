import type { ReceiptOutput } from '../../../../shared/domain/settings';

/** What the receipt screen can do with the sale's ticket: send it to the shop's printer, or give its PDF. */
export type ReceiptJob = 'printer' | 'pdf';

/** The keys shown on the receipt screen's buttons. */
export const RECEIPT_KEYS: Record<ReceiptJob, string> = { printer: 'Ctrl+P', pdf: 'Ctrl+S' };

/**
 * The receipt screen's keys: Ctrl+P prints the ticket (as a PDF in a shop whose tickets are PDFs),
 * Ctrl+S gives its PDF. Not F-keys: the till's F2 to F12 all have their job, and one pressed just as
 * the next customer's scan closes the screen would act on the new sale. Not letters: a scanned code
 * may begin with one, and a scanner never holds Ctrl down. P and S are at the same place on AZERTY.
 */
export function receiptJobOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, output: ReceiptOutput): ReceiptJob | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'p') return output === 'pdf' ? 'pdf' : 'printer';
  if (key === 's') return 'pdf';
  return null;
}
