import { hasAtMostThreeDecimals, MAX_QUANTITY, typedNumber, typedQuantity } from '../../../../shared/domain/quantity';
import type { Locale } from '../../../../shared/domain/settings';
import type { MessageKey } from '../../i18n/messages';

/** A number read from a product form's box, or the message (in the i18n) saying why it is none. */
export type NumberReading = { ok: true; value: number } | { ok: false; error: MessageKey };

/** "7 j", "7 jours", "7j.", "7 days", "7 d": the unit is already in the field's label. */
const DAYS = /(j|jrs?|jours?|d|days?)\.?$/i;

/** VAT in basis points from "18", "18 %", "5,5" (empty: none, 0); at most 2 decimals, 0 to 100. */
export function readVatBp(text: string): NumberReading {
  if (text.trim() === '') return { ok: true, value: 0 };
  const percent = typedNumber(text, /%$/);
  if (percent === null || percent < 0 || percent > 100) return { ok: false, error: 'err.percent' };
  const bp = percent * 100;
  // 5,555 % is no whole number of basis points; rounding would save another rate than the one typed
  if (Math.abs(bp - Math.round(bp)) > 1e-6) return { ok: false, error: 'err.percent' };
  return { ok: true, value: Math.round(bp) };
}

/** A delivery lead time in whole days, 0 to 365: "7", "7 j", "7 jours", "7 days". */
export function readDays(text: string): NumberReading {
  if (text.trim() === '') return { ok: false, error: 'err.required' };
  const days = typedNumber(text, DAYS);
  if (days === null || !Number.isInteger(days) || days < 0 || days > 365) return { ok: false, error: 'err.days' };
  return { ok: true, value: days };
}

/**
 * A pack size (`positive`: more than 0, required) or a minimum order (0 or more; empty: none, 0):
 * at most 3 decimals and at most MAX_QUANTITY, as the core checks them.
 */
export function readProductQuantity(text: string, kind: 'positive' | 'nonNegative', locale: Locale): NumberReading {
  if (text.trim() === '') return kind === 'positive' ? { ok: false, error: 'err.required' } : { ok: true, value: 0 };
  const value = typedQuantity(text, locale);
  if (value === null) return { ok: false, error: 'err.number' };
  if (value < 0) return { ok: false, error: 'err.negative' };
  if (kind === 'positive' && value === 0) return { ok: false, error: 'err.positive' };
  if (!hasAtMostThreeDecimals(value)) return { ok: false, error: 'err.decimals' };
  if (value > MAX_QUANTITY) return { ok: false, error: 'err.quantityTooLarge' };
  return { ok: true, value };
}

/** The product form's number boxes as typed. */
export interface NumberTexts {
  vat: string;
  leadTimeDays: string;
  minOrderQty: string;
  packSize: string;
}
export interface ProductNumbers {
  vatRateBp: number;
  leadTimeDays: number;
  minOrderQty: number;
  packSize: number;
}

/** All the form's numbers, or the message for each box that holds none (keyed by the core's field names). */
export function readProductNumbers(v: NumberTexts, locale: Locale): { ok: true; value: ProductNumbers } | { ok: false; errors: Partial<Record<keyof ProductNumbers, MessageKey>> } {
  const readings: Record<keyof ProductNumbers, NumberReading> = {
    vatRateBp: readVatBp(v.vat),
    leadTimeDays: readDays(v.leadTimeDays),
    minOrderQty: readProductQuantity(v.minOrderQty, 'nonNegative', locale),
    packSize: readProductQuantity(v.packSize, 'positive', locale),
  };
  const value: Partial<ProductNumbers> = {};
  const errors: Partial<Record<keyof ProductNumbers, MessageKey>> = {};
  for (const [field, reading] of Object.entries(readings) as [keyof ProductNumbers, NumberReading][]) {
    if (reading.ok) value[field] = reading.value;
    else errors[field] = reading.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value as ProductNumbers };
}
