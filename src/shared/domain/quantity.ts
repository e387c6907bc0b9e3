/**
 * Quantities are stored exactly as integer thousandths ("milli-units"): 1.25 kg is 1250, 3 pieces is 3000.
 * Three decimals cover grams and millilitres; anything finer is refused rather than rounded silently.
 */
export const MILLI = 1000;

export function toMilli(qty: number): number {
  const milli = Math.round(qty * MILLI);
  if (Math.abs(milli - qty * MILLI) > 1e-6) {
    throw new RangeError(`quantity ${qty} has more than 3 decimals`);
  }
  return milli;
}

export function hasAtMostThreeDecimals(qty: number): boolean {
  return Number.isFinite(qty) && Math.abs(Math.round(qty * MILLI) - qty * MILLI) <= 1e-6;
}

export const fromMilli = (milli: number): number => milli / MILLI;

export const UNITS = ['piece', 'kg', 'g', 'l', 'ml', 'm', 'box', 'pack'] as const;
export type Unit = (typeof UNITS)[number];
