import type { PurchaseOrderLine } from '../../../shared/api/contract';

export interface VatAtRate {
  rateBp: number;
  baseMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/**
 * An order's VAT by rate, lowest rate first: the base excl. VAT, the VAT and the total incl. VAT of the
 * lines at each rate. The VAT is the lines' own (rounded per line, as the order's total is), so the
 * rates add up exactly to the order's Total HT, TVA and Total TTC.
 */
export function vatByRate(lines: readonly Pick<PurchaseOrderLine, 'vatRateBp' | 'amountMinor' | 'vatMinor'>[]): VatAtRate[] {
  const rates = new Map<number, VatAtRate>();
  for (const l of lines) {
    let r = rates.get(l.vatRateBp);
    if (!r) rates.set(l.vatRateBp, (r = { rateBp: l.vatRateBp, baseMinor: 0, vatMinor: 0, totalMinor: 0 }));
    r.baseMinor += l.amountMinor;
    r.vatMinor += l.vatMinor;
    r.totalMinor += l.amountMinor + l.vatMinor;
  }
  return [...rates.values()].sort((a, b) => a.rateBp - b.rateBp);
}
