import { formatQuantity } from '../stock/fields';

/** A VAT rate as the shop writes it: « 5,5 % » in French, "5.5 %" in English. */
export const vatText = (bp: number, locale: string): string => `${(bp / 100).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 })}\u00a0%`;

/** Packs of a line, « 2,4 × 5 » (the pack size shown only where it is not 1). */
export const packsText = (packs: number, packSize: number, locale: string): string =>
  packSize !== 1 ? `${formatQuantity(packs, locale)} × ${formatQuantity(packSize, locale)}` : formatQuantity(packs, locale);
