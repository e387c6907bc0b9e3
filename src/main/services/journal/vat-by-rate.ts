import type { SalesDay } from '../../../shared/api/contracts/journal';

export interface VatRateTotals {
  rateBp: number;
  /** Excluding VAT: the rate's takings less the VAT in them. */
  baseMinor: number;
  vatMinor: number;
  /** Including VAT: what the customers paid at this rate, returns deducted. */
  totalMinor: number;
}

/**
 * The day's VAT per rate as an accountant reads it: base excl. VAT, VAT, total incl. VAT. Shelf prices
 * include VAT, so the base is derived from the same two figures the VAT came from (the rate's takings and
 * the VAT the receipts printed), never recomputed from the rate: base + VAT is the rate's takings to the
 * minor unit, and the rates add up to the day's net takings. 0 % rates are kept (exempt sales are takings too).
 */
export function vatByRate(vat: SalesDay['vat']): { rates: VatRateTotals[]; total: Omit<VatRateTotals, 'rateBp'> } {
  const rates = [...vat]
    .sort((a, b) => b.rateBp - a.rateBp)
    .map((v) => ({ rateBp: v.rateBp, baseMinor: v.netMinor - v.vatMinor, vatMinor: v.vatMinor, totalMinor: v.netMinor }));
  const sum = (f: (r: VatRateTotals) => number) => rates.reduce((s, r) => s + f(r), 0);
  return { rates, total: { baseMinor: sum((r) => r.baseMinor), vatMinor: sum((r) => r.vatMinor), totalMinor: sum((r) => r.totalMinor) } };
}
