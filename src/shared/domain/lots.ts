import { isRealDate } from './dates';

/**
 * How lot numbers are compared: the same letters whatever their case and spacing, so a recall typed
 * « l-rappel » comes off the lot received as « L-RAPPEL ». A lot is shown as it was first received.
 */
export const sameLot = (lot: string): string => lot.trim().replace(/\s+/g, ' ').toUpperCase();

/** What is wrong with a received line's lot or expiry: the field at fault and the reason (a key of STOCK_ERRORS). */
export interface LotProblem {
  field: 'lot' | 'expiry';
  reason: 'expiryInvalid' | 'lotRequired' | 'expiryRequired' | 'expiryPast';
}

/**
 * The lot and expiry checks every receipt makes, with or without a purchase order: the expiry a real
 * date and not already past (today is still good), and for a product that tracks expiry both a lot
 * number and an expiry. `today` is the shop's business day. Returns the first problem, or null.
 */
export function receiptLotProblem(line: { lot?: string; expiry?: string }, tracksExpiry: boolean, today: string): LotProblem | null {
  const lot = line.lot?.trim() || undefined;
  const expiry = line.expiry || undefined;
  if (expiry !== undefined && !isRealDate(expiry)) return { field: 'expiry', reason: 'expiryInvalid' };
  if (tracksExpiry) {
    if (!lot) return { field: 'lot', reason: 'lotRequired' };
    if (!expiry) return { field: 'expiry', reason: 'expiryRequired' };
  }
  if (expiry !== undefined && expiry < today) return { field: 'expiry', reason: 'expiryPast' };
  return null;
}
