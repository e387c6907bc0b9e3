/**
 * Quantities are stored exactly as integer thousandths ("milli-units"): 1.25 kg is 1250, 3 pieces is 3000.
 * Three decimals cover grams and millilitres; anything finer is refused rather than rounded silently.
 */
export const MILLI = 1000;

/**
 * The largest quantity one line or movement may carry: ten million of the product's unit (ten tonnes
 * in grams). Larger is a typing or scanning mistake, and keeps every sum of thousandths an exact integer.
 */
export const MAX_QUANTITY = 10_000_000;

export function toMilli(qty: number): number {
  const milli = Math.round(qty * MILLI);
  if (!hasAtMostThreeDecimals(qty) || !Number.isSafeInteger(milli)) {
    throw new RangeError(`quantity ${qty} has more than 3 decimals`);
  }
  return milli;
}

/** Whether thousandths hold `qty` exactly; a tiny non-zero (1e-10) is not 0 in disguise, it is refused. */
export function hasAtMostThreeDecimals(qty: number): boolean {
  if (!Number.isFinite(qty)) return false;
  const milli = Math.round(qty * MILLI);
  return Math.abs(milli - qty * MILLI) <= 1e-6 && (milli !== 0 || qty === 0);
}

export const fromMilli = (milli: number): number => milli / MILLI;

const SPACES = /[\s\u00a0\u202f]/g;
const PLAIN_NUMBER = /^-?(\d+([.,]\d*)?|[.,]\d+)$/;
const ENGLISH_THOUSANDS = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/;

/**
 * The number in what a person typed, or null when it is none: spaces between thousands ("1 000", a
 * no-break space pasted from a sheet), a decimal comma or point, after `suffix` (a unit the field's
 * label already gives: "18 %", "7 j") is taken off.
 */
export function typedNumber(text: string, suffix?: RegExp): number | null {
  let cleaned = text.replace(SPACES, '');
  if (suffix) cleaned = cleaned.replace(suffix, '');
  if (!PLAIN_NUMBER.test(cleaned)) return null;
  return Number(cleaned.replace(',', '.'));
}

/**
 * A quantity as a person types it (see typedNumber). In English a comma between groups of three digits
 * separates thousands ("1,000", "12,500.5"), as English speakers write them; in French it is the
 * decimal mark ("1,250" kg is 1.25 kg).
 */
export function typedQuantity(text: string, locale: 'fr' | 'en'): number | null {
  const cleaned = text.replace(SPACES, '');
  return typedNumber(locale === 'en' && ENGLISH_THOUSANDS.test(cleaned) ? cleaned.replace(/,/g, '') : cleaned);
}

export const UNITS = ['piece', 'kg', 'g', 'l', 'ml', 'm', 'box', 'pack'] as const;
export type Unit = (typeof UNITS)[number];

/** A unit as a shop writes it, in its language: what exports write and imports read back. */
const UNIT_NAMES: Record<Unit, { fr: string; en: string }> = {
  piece: { fr: 'pièce', en: 'piece' },
  kg: { fr: 'kg', en: 'kg' },
  g: { fr: 'g', en: 'g' },
  l: { fr: 'l', en: 'l' },
  ml: { fr: 'ml', en: 'ml' },
  m: { fr: 'm', en: 'm' },
  box: { fr: 'boîte', en: 'box' },
  pack: { fr: 'paquet', en: 'pack' },
};
export const unitName = (unit: string, locale: 'fr' | 'en'): string => (UNIT_NAMES as Record<string, { fr: string; en: string } | undefined>)[unit]?.[locale] ?? unit;

/**
 * Whether `milli` is a quantity the unit allows: pieces are whole (« 1,5 savon » is a typing mistake);
 * weights, volumes and lengths take thousandths, and a box or a pack may be opened and sold in part.
 */
export const isWholeQuantity = (unit: string, milli: number): boolean => unit !== 'piece' || milli % MILLI === 0;

/**
 * A computed level (a reorder point, a safety stock) as a person reads it: whole pieces for a product
 * counted by the piece, rounded up (« 52,2 bouteilles » is not a stock a shelf can hold; 53 still says
 * that 52 on the shelf is at the point or below); other units keep their decimals. The tolerance keeps a
 * level computed as 52.000000001 at 52.
 */
export const wholeUp = (unit: string, qty: number): number => (unit === 'piece' ? Math.ceil(qty - 1e-9) : qty);
