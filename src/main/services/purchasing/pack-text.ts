/**
 * What the « Colis » column of a purchase order says: whole packs as « 4 × 6 », packs and the units left
 * over in words (« 1 colis de 25 + 12 », not a fraction of a pack), or nothing when the product has no
 * pack (a pack of 1) or less than one pack is ordered; the units column beside it always gives the
 * quantity. `number` writes a quantity as the order does (0,125 in French).
 */
export function packText(quantity: number, packSize: number, locale: 'fr' | 'en', number: (x: number) => string): string {
  // in thousandths, as the order stores them: 37,125 / 25 has no float error to round away
  const qtyMilli = Math.round(quantity * 1000);
  const packMilli = Math.round(packSize * 1000);
  if (packMilli <= 0 || packMilli === 1000) return '';
  const whole = Math.floor(qtyMilli / packMilli);
  if (whole === 0) return '';
  const rest = qtyMilli - whole * packMilli;
  if (rest === 0) return `${number(whole)} × ${number(packSize)}`;
  const packs = locale === 'fr' ? `${number(whole)} colis de ${number(packSize)}` : `${number(whole)} ${whole === 1 ? 'pack' : 'packs'} of ${number(packSize)}`;
  // the « + » stays with the units it adds
  return `${packs} +\u00a0${number(rest / 1000)}`;
}
