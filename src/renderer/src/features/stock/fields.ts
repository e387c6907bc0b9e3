import { hasAtMostThreeDecimals, typedQuantity } from '../../../../shared/domain/quantity';
import type { Locale } from '../../../../shared/domain/settings';

/** What a person types as a quantity ("1,5", "2", "1,000" in English); NaN when it is not a number. */
export const parseQuantity = (text: string, locale: Locale): number => typedQuantity(text, locale) ?? NaN;

/** A typed quantity, or the message saying why it is none: an empty box is required, other text is no number. */
export type QuantityReading = { ok: true; value: number } | { ok: false; error: 'err.required' | 'err.number' | 'err.decimals' };

export function readQuantity(text: string, locale: Locale): QuantityReading {
  if (text.trim() === '') return { ok: false, error: 'err.required' };
  const value = parseQuantity(text, locale);
  if (!Number.isFinite(value)) return { ok: false, error: 'err.number' };
  if (!hasAtMostThreeDecimals(value)) return { ok: false, error: 'err.decimals' };
  return { ok: true, value };
}

export const formatQuantity = (n: number, locale: string): string => n.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 });

/** A number as it is typed in a field: a decimal comma in French, no thousands separator. */
export const inputText = (n: number | null, locale: string): string => (n === null ? '' : locale === 'fr' ? String(n).replace('.', ',') : String(n));

/**
 * A keyboard-wedge scanner types into whatever field has the focus before its burst is recognised,
 * and its first digit replaces a selected value. The stock screens' line fields are uncontrolled
 * (typing never re-renders the form, so bursts stay fast) and carry the value they last saved in
 * `data-committed`: call this when a scan arrives (after the scanner's digits were taken back out)
 * to put that value back where the burst had replaced it. Something typed by hand is kept.
 */
export function restoreFocusedField(): void {
  const el = document.activeElement as HTMLInputElement | null;
  const committed = el?.dataset?.committed;
  if (el && committed !== undefined && committed !== '' && el.value === '') el.value = committed;
}
