import type { PricedLine } from '../../../shared/domain/cart';
import { formatMoney, lineAmount, type CurrencyCode } from '../../../shared/domain/money';
import { unitName } from '../../../shared/domain/quantity';
import type { ShopSettings } from '../../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from '../../documents/pdf';
import { keepTogether, ratePercent, taxIdLine } from '../../documents/text';
import type { CompletedSale } from './checkout';

export type PaperWidth = 80 | 58;

/** A receipt printed again is marked as a copy (French rules want "DUPLICATA" on reprints). */
export interface ReceiptOptions {
  duplicate?: boolean;
  /**
   * The test print's last line: digits exactly as wide as the roll's columns, ending in the count, so
   * the owner sees whether the printer takes that many (one whole line) or fewer (it wraps).
   */
  ruler?: boolean;
}

const TENDER_LABELS: Record<string, { fr: string; en: string }> = {
  cash: { fr: 'Espèces', en: 'Cash' },
  card: { fr: 'Carte', en: 'Card' },
  orange_money: { fr: 'Orange Money', en: 'Orange Money' },
  wave: { fr: 'Wave', en: 'Wave' },
  mtn_momo: { fr: 'MTN MoMo', en: 'MTN MoMo' },
};

const WORDS = {
  fr: {
    duplicate: 'DUPLICATA',
    receipt: 'Ticket',
    refund: 'Retour',
    of_receipt: 'du ticket',
    refunded: 'REMBOURSÉ',
    total: 'TOTAL',
    discount: 'Remise',
    change: 'Rendu',
    vat: 'TVA',
    of: 'dont',
    thanks: 'Merci de votre visite !',
    subtotal: 'Sous-total',
    // as the settings screen names the field
    number: 'N°\u00a0',
    colon: '\u00a0: ',
    scaleLabel: 'Étiquette balance',
  },
  en: {
    duplicate: 'DUPLICATE',
    receipt: 'Receipt',
    refund: 'Return',
    of_receipt: 'of receipt',
    refunded: 'REFUNDED',
    total: 'TOTAL',
    discount: 'Discount',
    change: 'Change',
    vat: 'VAT',
    of: 'incl.',
    thanks: 'Thank you for your visit!',
    subtotal: 'Subtotal',
    number: 'No.\u00a0',
    colon: ': ',
    scaleLabel: 'Scale label',
  },
};

const NBSP = '\u00a0';

const MEASURED = new Set(['kg', 'g', 'l', 'ml', 'm']);

export type Row = { kind: 'centre'; text: string } | { kind: 'rule' } | { kind: 'pair'; left: string; right: string; strong?: boolean } | { kind: 'text'; text: string };

/**
 * The receipt's content once, as rows; the thermal-printer text and the PDF lay the same rows out.
 * Amounts, quantities and numbers hold their parts together with no-break spaces (U+00A0, which the
 * PDF's Roboto has; Intl's narrow U+202F it has not), so a narrow column never puts "FCFA" or "€" on a
 * line of its own.
 */
export function receiptRows(sale: CompletedSale, shop: ShopSettings, options: ReceiptOptions = {}): Row[] {
  const w = WORDS[shop.locale];
  const money = (minor: number) => keepTogether(formatMoney(minor, shop.currency as CurrencyCode, shop.locale));
  // quantities and rates as the shop's language writes them: 0,125 and 5,5 in French
  const number = (n: number) => keepTogether(new Intl.NumberFormat(shop.locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 }).format(n));
  const when = new Date(sale.at).toLocaleString(shop.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const rows: Row[] = [{ kind: 'centre', text: shop.shopName }];
  for (const extra of [shop.address, shop.phone]) if (extra) rows.push({ kind: 'centre', text: extra });
  const taxId = shop.taxId.trim();
  // the number stays whole, the label may go on the line above it; one the owner typed with the number is printed as typed
  if (taxId) rows.push({ kind: 'centre', text: taxIdLine(taxId, shop.locale) });
  const title =
    sale.kind === 'return' ? `${w.refund} ${w.number}${sale.receiptNo} (${w.of_receipt} ${sale.originalReceiptNo})` : `${w.receipt} ${w.number}${sale.receiptNo}`;
  rows.push({ kind: 'rule' }, { kind: 'pair', left: title, right: when });
  if (options.duplicate) rows.push({ kind: 'centre', text: `*** ${w.duplicate} ***` });
  rows.push({ kind: 'rule' });
  sale.cart.lines.forEach((l, i) => {
    rows.push({ kind: 'text', text: withGuillemets(sale.names[i]) });
    // weighed or measured goods say their unit: 0,333 kg x 12,99 €/kg
    const unit = sale.units?.[i];
    const measured = unit !== undefined && MEASURED.has(unit) ? unitName(unit, shop.locale) : null;
    const quantity = measured ? `${number(l.quantity)}${NBSP}${measured}` : number(l.quantity);
    const price = measured ? `${money(l.unitPriceMinor)}/${measured}` : money(l.unitPriceMinor);
    rows.push({ kind: 'pair', left: `  ${lineLabel(sale, l, quantity, price, w.scaleLabel)}`, right: money(l.grossMinor) });
    if (l.discountMinor) rows.push({ kind: 'pair', left: `  ${w.discount}`, right: `-${money(l.discountMinor)}` });
  });
  rows.push({ kind: 'rule' });
  if (sale.cart.saleDiscountMinor) {
    rows.push({ kind: 'pair', left: w.subtotal, right: money(sale.cart.subtotalMinor) }, { kind: 'pair', left: w.discount, right: `-${money(sale.cart.saleDiscountMinor)}` });
  }
  rows.push({ kind: 'pair', left: sale.kind === 'return' ? w.refunded : w.total, right: money(sale.cart.totalMinor), strong: true });
  for (const v of sale.cart.vat) if (v.rateBp > 0) rows.push({ kind: 'pair', left: `  ${w.of} ${w.vat} ${ratePercent(v.rateBp, shop.locale)}`, right: money(v.vatMinor) });
  rows.push({ kind: 'rule' });
  // a free sale took no payment: no empty block between two rules
  if (sale.tenders.length || sale.changeMinor) {
    for (const t of sale.tenders) rows.push({ kind: 'pair', left: TENDER_LABELS[t.tender]?.[shop.locale] ?? t.tender, right: money(t.amountMinor) });
    if (sale.changeMinor) rows.push({ kind: 'pair', left: w.change, right: money(sale.changeMinor) });
    rows.push({ kind: 'rule' });
  }
  rows.push({ kind: 'centre', text: w.thanks });
  return rows;
}

/**
 * What goes left of a line's amount: "quantity x unit price" when it multiplies out to the amount.
 * On a sale only a scale price label does not: its amount is the label's (the barcode carries the
 * price, not the weight nor the price per kilo the scale used; the quantity is the weight it buys at
 * the till's shelf price, for the stock), so the line says the amount is the label's, which the
 * customer can check on the goods. A return line that does not multiply out (its share of a label, or
 * of a rounded amount) gives its quantity only. Decided from the amounts alone, so the first copy and
 * a reprint read the same.
 */
function lineLabel(sale: CompletedSale, l: PricedLine, quantity: string, price: string, scaleLabel: string): string {
  if (l.grossMinor === lineAmount(Math.round(l.quantity * 1000), l.unitPriceMinor)) return `${quantity} x ${price}`;
  return sale.kind === 'sale' ? scaleLabel : quantity;
}

/** French guillemets hold the words they quote: « nouvelle formule » never leaves a lone » on a line. */
function withGuillemets(text: string): string {
  return text.replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`).replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}

/** Columns of a raw thermal printer's roll in its standard font: 42 or 48 at 80 mm (the print head's), 32 at 58 mm. */
export function rollColumns(width: PaperWidth, columns80: 42 | 48 = 42): number {
  return width === 80 ? columns80 : 32;
}

/** "1234567890123…<48": `columns` characters, the last ones saying how many. */
export function rulerLine(columns: number): string {
  const end = `<${columns}`;
  return Array.from({ length: columns - end.length }, (_, i) => String((i + 1) % 10)).join('') + end;
}

/** Breaks text into lines of at most `columns` characters, at spaces where it can. */
function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let rest = text.trimEnd();
  while (rest.length > columns) {
    const cut = rest.lastIndexOf(' ', columns);
    const at = cut > 0 && rest.slice(0, cut).trim() ? cut : columns;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^ +/, '');
  }
  lines.push(rest);
  return lines;
}

/**
 * The receipt as fixed-width lines: what a raw thermal printer prints (42 or 48 columns at 80 mm, 32 at
 * 58 mm). `fold` rewrites each text first (the printer's ASCII), so that the layout measures what will
 * be printed; no line is longer than `columns`: a long name wraps, and a label that leaves no room for
 * its amount goes on its own line(s), the amount right-aligned under it.
 */
export function receiptLines(sale: CompletedSale, shop: ShopSettings, columns: number, options: ReceiptOptions = {}, fold: (text: string) => string = (t) => t): string[] {
  const both = (left: string, right: string): string[] => {
    const room = columns - right.length - 1;
    if (left.trimEnd().length <= room) return [`${left.padEnd(room)} ${right}`];
    const indent = /^ */.exec(left)?.[0] ?? '';
    const above = wrap(left.trimStart(), columns - indent.length).map((l) => indent + l);
    return [...above, ...wrap(right, columns).map((r) => r.padStart(columns))];
  };
  const centre = (text: string) => wrap(text, columns).map((t) => t.padStart(Math.floor((columns + t.length) / 2)).padEnd(columns));
  // the no-break spaces live through the fold and the wrap (which breaks only at plain spaces), then print as spaces;
  // guillemets fold with their inner space ("« x »" -> "x" in quotes), so theirs go first
  const folded = (text: string) =>
    text
      .replace(/«\u00a0/g, '« ')
      .replace(/\u00a0»/g, ' »')
      .split(NBSP)
      .map(fold)
      .join(NBSP);
  const lines = receiptRows(sale, shop, options)
    .flatMap((r) =>
      r.kind === 'rule' ? ['-'.repeat(columns)] : r.kind === 'centre' ? centre(folded(r.text)) : r.kind === 'text' ? wrap(folded(r.text), columns) : both(folded(r.left), folded(r.right)),
    )
    .map((line) => line.replaceAll(NBSP, ' '));
  return options.ruler ? [...lines, rulerLine(columns)] : lines;
}

/** A receipt PDF the width of the roll (80 or 58 mm), as long as the sale; amounts right-aligned. */
export function receiptPdf(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80, options: ReceiptOptions = {}): Promise<Buffer> {
  // a fresh node each time: pdfmake writes layout state into the nodes it is given
  const rule = () => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: mm(width - 6), y2: 0, lineWidth: 0.5, dash: { length: 2 } }], margin: [0, 3, 0, 3] });
  const content = receiptRows(sale, shop, options).map((r) => {
    if (r.kind === 'rule') return rule();
    if (r.kind === 'centre') return { text: r.text, alignment: 'center' };
    if (r.kind === 'text') return { text: r.text };
    return { columns: [{ text: r.left, preserveLeadingSpaces: true, bold: r.strong }, { text: r.right, alignment: 'right', width: 'auto', bold: r.strong }], columnGap: 4 };
  });
  const doc: DocDefinition = {
    pageSize: { width: mm(width), height: 'auto' },
    pageMargins: [mm(3), mm(4), mm(3), mm(6)],
    info: { title: `Receipt ${sale.receiptNo}`, creator: 'Shelfcast' },
    defaultStyle: { font: 'Roboto', fontSize: width === 80 ? 8.5 : 7, lineHeight: 1.15 },
    content,
  };
  return renderPdf(doc);
}

/** What a thermal printer's ASCII has for the characters French and West-African receipts use. */
const ASCII_FOLDS: Record<string, string> = {
  '€': 'EUR',
  'œ': 'oe',
  'Œ': 'OE',
  'æ': 'ae',
  'Æ': 'AE',
  'ß': 'ss',
  'ø': 'o',
  'Ø': 'O',
  'ł': 'l',
  'Ł': 'L',
  'đ': 'd',
  'Đ': 'D',
  '×': 'x',
  '÷': '/',
  '°': 'o',
  'º': 'o',
  'ª': 'a',
  '’': "'",
  '‘': "'",
  'ʼ': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‹': '<',
  '›': '>',
  '–': '-',
  '—': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '·': '.',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
};

/** Text as a thermal printer prints it: accents dropped, ligatures and signs spelt out, anything else "?". */
export function foldToAscii(text: string): string {
  return (
    text
      // French guillemets and their inner spaces become one plain quote each: « Niani » -> "Niani"
      .replace(/«[\s\u00a0\u202f]*/g, '"')
      .replace(/[\s\u00a0\u202f]*»/g, '"')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // a capital ligature starting a word in lower case is spelt as a capital then a small letter: Œufs -> Oeufs
      .replace(/([ŒÆ])(?=[a-z])/g, (c) => (c === 'Œ' ? 'Oe' : 'Ae'))
      .replace(/[^\x20-\x7e]/g, (c) => ASCII_FOLDS[c] ?? '?')
  );
}

/**
 * ESC/POS bytes for a raw thermal printer: initialise, the text folded to ASCII before it is laid out
 * (thermal printers' code pages differ; accents are dropped rather than printed wrong, and "€" spelt
 * "EUR" still fits the roll), feed and cut, and optionally the cash-drawer kick pulse.
 */
export function receiptEscPos(
  sale: CompletedSale,
  shop: ShopSettings,
  width: PaperWidth = 80,
  options: ReceiptOptions & { drawerKick?: boolean; columns80?: 42 | 48 } = {},
): Buffer {
  const ESC = 0x1b;
  const GS = 0x1d;
  const text = receiptLines(sale, shop, rollColumns(width, options.columns80), options, foldToAscii).join('\n');
  const parts = [Buffer.from([ESC, 0x40]), Buffer.from(`${text}\n\n\n`, 'ascii'), Buffer.from([GS, 0x56, 0x42, 0x00])];
  if (options.drawerKick) parts.push(Buffer.from([ESC, 0x70, 0x00, 0x19, 0xfa]));
  return Buffer.concat(parts);
}
