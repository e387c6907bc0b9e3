import { fromMilli } from './quantity';

/**
 * What a packet holds (« 400 g », « 1,5 l », « 25 cl »), so its shelf label can give the price per kilo or
 * per litre: French shops must show it beside the price of every prepackaged good (arrêté du 16 novembre
 * 1999), and it lets any customer compare two sizes.
 */
export const NET_UNITS = ['g', 'kg', 'ml', 'cl', 'l'] as const;
export type NetUnit = (typeof NET_UNITS)[number];

export interface NetContent {
  /** In `unit`, thousandths at most (stored in milli-units). */
  quantity: number;
  unit: NetUnit;
}

/** Units whose price is for one item (a piece, a box, a pack): only those take a content; a price by the kg is per kg already. */
export const sellsByItem = (unit: string): boolean => unit === 'piece' || unit === 'box' || unit === 'pack';

/** A content as stored (milli-units and a unit, both NULL when not said). */
export function storedNetContent(milli: number | null, unit: string | null): NetContent | null {
  return milli === null || unit === null ? null : { quantity: fromMilli(milli), unit: unit as NetUnit };
}

/** How many of the reference unit (kg or litre) one `unit` is. */
const IN_REFERENCE: Record<NetUnit, { per: 'kg' | 'l'; factor: number }> = {
  g: { per: 'kg', factor: 0.001 },
  kg: { per: 'kg', factor: 1 },
  ml: { per: 'l', factor: 0.001 },
  cl: { per: 'l', factor: 0.01 },
  l: { per: 'l', factor: 1 },
};

/** The largest content a label makes sense of (a 1 000 kg pallet is sold by the kg, not as one piece). */
export const NET_CONTENT_MAX = 1000;

const PATTERN = /^(\d{1,4}(?:[.,]\d{1,3})?)\s*(g|gr|kg|ml|cl|l|lt|litres?)\.?$/i;
const ALIASES: Record<string, NetUnit> = { gr: 'g', lt: 'l', litre: 'l', litres: 'l' };

/**
 * A content as the owner types it: a number (comma or point) and a unit, with or without a space
 * (« 400 g », « 400g », « 1,5 L », « 25 cl »). '' is none; anything else is null (the form says how to write it).
 */
export function parseNetContent(text: string): NetContent | 'none' | null {
  const t = text.trim();
  if (t === '') return 'none';
  const m = PATTERN.exec(t);
  if (!m) return null;
  const quantity = Number(m[1]!.replace(',', '.'));
  const unit = m[2]!.toLowerCase();
  if (!(quantity > 0) || quantity > NET_CONTENT_MAX) return null;
  return { quantity, unit: ALIASES[unit] ?? (unit as NetUnit) };
}

/** A content as a label or a form writes it: « 1,5 l » in French, "1.5 l" in English. */
export function netContentText(content: NetContent, locale: 'fr' | 'en'): string {
  return `${content.quantity.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3, useGrouping: false })} ${content.unit}`;
}

/** The price per kilo or per litre of a packet sold at `priceMinor`, in minor units, rounded to the nearest. */
export function pricePerReference(priceMinor: number, content: NetContent): { minor: number; per: 'kg' | 'l' } {
  const { per, factor } = IN_REFERENCE[content.unit];
  return { minor: Math.round(priceMinor / (content.quantity * factor)), per };
}
