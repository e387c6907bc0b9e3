import type { Locale } from '../../shared/domain/settings';

const NBSP = '\u00a0';

/**
 * An amount, a quantity or a rate kept on one line: its spaces become no-break spaces. Intl writes
 * U+202F in French, which Roboto (pdfmake's font) has no glyph for, while it has U+00A0; a plain space
 * let pdfmake break « -1 000 » / « FCFA » in a narrow column.
 */
export const keepTogether = (text: string): string => text.replace(/[\u202f ]/g, NBSP);

/** The tax id as the owner typed it already names it (« NINEA 005123456 2G3 », « SIRET : … », « N° … »). */
const hasOwnLabel = (taxId: string) => /^(\p{L}{3,}|N°|No\.?)(\s|:|$)/u.test(taxId);

/**
 * The shop's tax id line on a document, labelled as Settings names it (« N° d'identification fiscale :
 * … », "Tax ID: …") unless the owner typed a label with it; the number itself never broken. Empty when
 * the shop has none.
 */
export function taxIdLine(taxId: string, locale: Locale): string {
  const id = taxId.trim();
  if (!id) return '';
  if (hasOwnLabel(id)) return id;
  return locale === 'fr' ? `N° d’identification fiscale${NBSP}: ${keepTogether(id)}` : `Tax ID: ${keepTogether(id)}`;
}

/** A VAT rate in basis points as the shop's language writes it: « 5,5 % » in French (no-break space), "5.5%" in English. */
export function ratePercent(bp: number, locale: Locale): string {
  const value = keepTogether(new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(bp / 100));
  return locale === 'fr' ? `${value}${NBSP}%` : `${value}%`;
}
