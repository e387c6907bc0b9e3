import type { LossReason } from '../api/contracts/counts';
import type { MovementKind } from './movement';
import type { Locale } from './settings';
import { shortDate } from './dates';

/**
 * A movement as the shop reads it, in its language: its kind, its reason and its reference. The ledger
 * stores machine words ('damaged: sac percé', 'stock count INV-00001', 'receipt 12'); the stock's
 * movements screen and the ledger export both say them with these functions, so they read the same.
 * Pure: no DOM, no Node.
 */

const KIND: Record<Locale, Record<MovementKind, string>> = {
  fr: {
    sale: 'Vente',
    receipt: 'Réception',
    customer_return: 'Retour client',
    supplier_return: 'Retour fournisseur',
    adjustment: 'Ajustement',
    loss: 'Perte',
    count: 'Correction d’inventaire',
  },
  en: {
    sale: 'Sale',
    receipt: 'Receipt',
    customer_return: 'Customer return',
    supplier_return: 'Supplier return',
    adjustment: 'Adjustment',
    loss: 'Loss',
    count: 'Count correction',
  },
};

/** The loss reasons a cashier picks from (stock.writeOff), in the words of the write-off form. */
const LOSS: Record<Locale, Record<LossReason, string>> = {
  fr: { expired: 'Périmé', damaged: 'Abîmé / cassé', theft: 'Vol', other: 'Autre' },
  en: { expired: 'Expired', damaged: 'Damaged / broken', theft: 'Theft', other: 'Other' },
};

/** Reasons the imports write in both languages at once (« fr / en »). */
const BILINGUAL: Record<string, Record<Locale, string>> = {
  'stock initial / opening stock': { fr: 'Stock initial', en: 'Opening stock' },
  'ventes passées importées / imported past sales': { fr: 'Ventes passées importées', en: 'Imported past sales' },
};

const IMPORTS: Record<Locale, Record<string, string>> = {
  fr: { products: 'Import des produits', suppliers: 'Import des fournisseurs', stock: 'Import du stock', sales: 'Import des ventes' },
  en: { products: 'Product import', suppliers: 'Supplier import', stock: 'Stock import', sales: 'Sales import' },
};

const colon = (locale: Locale) => (locale === 'fr' ? ' : ' : ': ');
const receiptNo = (n: string, locale: Locale) => (locale === 'fr' ? `ticket n° ${n}` : `receipt no. ${n}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function movementKindWords(kind: MovementKind, locale: Locale): string {
  return KIND[locale][kind] ?? kind;
}

/**
 * A movement's reason in words: a loss's key ('damaged', 'theft: …') in the shop's language with its
 * note kept as typed, a count correction's 'stock count INV-00001' as « Inventaire INV-00001 », a
 * customer return's 'receipt 12' as « Ticket n° 12 »; anything a person typed is kept as it is.
 */
export function movementReasonWords(kind: MovementKind, reason: string, locale: Locale): string {
  const text = reason.trim();
  if (kind === 'loss') {
    const m = /^(expired|damaged|theft|other)(?::\s*([\s\S]*))?$/.exec(text);
    if (m) {
      const words = LOSS[locale][m[1] as LossReason];
      const note = m[2]?.trim();
      return note ? `${words}${colon(locale)}${note}` : words;
    }
  }
  if (kind === 'count') {
    const m = /^stock count (\S+)$/.exec(text);
    if (m) return `${locale === 'fr' ? 'Inventaire' : 'Stock count'} ${m[1]}`;
  }
  if (kind === 'customer_return') {
    const m = /^receipt (\d+)$/.exec(text);
    if (m) return capital(receiptNo(m[1], locale));
  }
  return BILINGUAL[text]?.[locale] ?? text;
}

/**
 * A movement's reference in words: a sale's 'receipt 12' as « Ticket n° 12 », a return's 'return 15 of
 * 12' as « Retour n° 15 du ticket n° 12 », an import's 'import:stock:<time>' as « Import du stock »;
 * document numbers (REC-00001, PO-00001, INV-00001) and what a person typed are kept as they are.
 */
export function movementReferenceWords(reference: string, locale: Locale): string {
  const text = reference.trim();
  let m = /^receipt (\d+)$/.exec(text);
  if (m) return capital(receiptNo(m[1], locale));
  m = /^return (\d+) of (\d+)$/.exec(text);
  if (m) return locale === 'fr' ? `Retour n° ${m[1]} du ${receiptNo(m[2], locale)}` : `Return no. ${m[1]} of ${receiptNo(m[2], locale)}`;
  m = /^import:([a-z]+):/.exec(text);
  if (m) return IMPORTS[locale][m[1]] ?? 'Import';
  return text;
}

/** The lot a movement came in with or went out of, with its expiry: « lot B12, péremption 20/05/2026 ». */
export function movementLotWords(lot: string | null, expiry: string | null, locale: Locale): string {
  if (!lot && !expiry) return '';
  const date = expiry ? shortDate(expiry, locale) : '';
  const name = lot ? `lot ${lot}` : '';
  if (!date) return name;
  return locale === 'fr' ? `${name ? `${name}, ` : ''}péremption ${date}` : `${name ? `${name}, ` : ''}expiry ${date}`;
}
