import { toMilli } from './quantity';

/** A sold line as a return sees it: quantities in the product's unit, amounts in minor units. */
export interface RefundBasis {
  sold: number;
  /** Already brought back by earlier returns. */
  returned: number;
  /** What the customer paid for the whole line (after its discount and its share of the sale discount). */
  paidMinor: number;
  /** What earlier returns of this line refunded. */
  refundedMinor: number;
}

/** `total` × `part` / `whole`, rounded half up, exactly (integers only: no floating-point error on large amounts). */
export function proRata(total: number, part: number, whole: number): number {
  if (whole <= 0 || part <= 0 || total <= 0) return 0;
  if (part >= whole) return total;
  return Number((2n * BigInt(total) * BigInt(part) + BigInt(whole)) / (2n * BigInt(whole)));
}

/**
 * What bringing back `quantity` more of a sold line refunds: the paid amount pro rata of all that has
 * come back (this return included), less what earlier returns refunded. Rounding never adds up: the
 * refunds of a line never exceed what it was paid, and the return that brings the whole line back
 * refunds exactly what is left. Shared by main (which commits it) and the return dialog (which shows it).
 */
export function refundFor(line: RefundBasis, quantity: number): number {
  const sold = toMilli(line.sold);
  const after = Math.min(sold, toMilli(line.returned) + toMilli(quantity));
  const left = Math.max(0, line.paidMinor - line.refundedMinor);
  const due = after >= sold ? left : proRata(line.paidMinor, after, sold) - line.refundedMinor;
  return Math.min(left, Math.max(0, due));
}
