import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { ShopSettings } from '../../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from '../../documents/pdf';
import type { CompletedSale } from './checkout';

export type PaperWidth = 80 | 58;

/** A receipt printed again is marked as a copy (French rules want "DUPLICATA" on reprints). */
export interface ReceiptOptions {
  duplicate?: boolean;
}

const TENDER_LABELS: Record<string, { fr: string; en: string }> = {
  cash: { fr: 'Espèces', en: 'Cash' },
  card: { fr: 'Carte', en: 'Card' },
  orange_money: { fr: 'Orange Money', en: 'Orange Money' },
  wave: { fr: 'Wave', en: 'Wave' },
  mtn_momo: { fr: 'MTN MoMo', en: 'MTN MoMo' },
};

const WORDS = {
  fr: { duplicate: 'DUPLICATA', receipt: 'Ticket', refund: 'Retour', of_receipt: 'du ticket', refunded: 'REMBOURSÉ', total: 'TOTAL', discount: 'Remise', change: 'Rendu', vat: 'TVA', of: 'dont', thanks: 'Merci de votre visite !', subtotal: 'Sous-total' },
  en: { duplicate: 'DUPLICATE', receipt: 'Receipt', refund: 'Return', of_receipt: 'of receipt', refunded: 'REFUNDED', total: 'TOTAL', discount: 'Discount', change: 'Change', vat: 'VAT', of: 'incl.', thanks: 'Thank you for your visit!', subtotal: 'Subtotal' },
};

export type Row = { kind: 'centre'; text: string } | { kind: 'rule' } | { kind: 'pair'; left: string; right: string; strong?: boolean } | { kind: 'text'; text: string };

/** The receipt's content once, as rows; the thermal-printer text and the PDF lay the same rows out. */
export function receiptRows(sale: CompletedSale, shop: ShopSettings, options: ReceiptOptions = {}): Row[] {
  const w = WORDS[shop.locale];
  const money = (minor: number) => formatMoney(minor, shop.currency as CurrencyCode, shop.locale).replace(/[\u00a0\u202f]/g, ' ');
  const when = new Date(sale.at).toLocaleString(shop.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const rows: Row[] = [{ kind: 'centre', text: shop.shopName }];
  for (const extra of [shop.address, shop.phone, shop.taxId]) if (extra) rows.push({ kind: 'centre', text: extra });
  const title = sale.kind === 'return' ? `${w.refund} N° ${sale.receiptNo} (${w.of_receipt} ${sale.originalReceiptNo})` : `${w.receipt} N° ${sale.receiptNo}`;
  rows.push({ kind: 'rule' }, { kind: 'pair', left: title, right: when });
  if (options.duplicate) rows.push({ kind: 'centre', text: `*** ${w.duplicate} ***` });
  rows.push({ kind: 'rule' });
  sale.cart.lines.forEach((l, i) => {
    rows.push({ kind: 'text', text: sale.names[i] });
    rows.push({ kind: 'pair', left: `  ${l.quantity} x ${money(l.unitPriceMinor)}`, right: money(l.grossMinor) });
    if (l.discountMinor) rows.push({ kind: 'pair', left: `  ${w.discount}`, right: `-${money(l.discountMinor)}` });
  });
  rows.push({ kind: 'rule' });
  if (sale.cart.saleDiscountMinor) {
    rows.push({ kind: 'pair', left: w.subtotal, right: money(sale.cart.subtotalMinor) }, { kind: 'pair', left: w.discount, right: `-${money(sale.cart.saleDiscountMinor)}` });
  }
  rows.push({ kind: 'pair', left: sale.kind === 'return' ? w.refunded : w.total, right: money(sale.cart.totalMinor), strong: true });
  for (const v of sale.cart.vat) if (v.rateBp > 0) rows.push({ kind: 'pair', left: `  ${w.of} ${w.vat} ${v.rateBp / 100} %`, right: money(v.vatMinor) });
  rows.push({ kind: 'rule' });
  for (const t of sale.tenders) rows.push({ kind: 'pair', left: TENDER_LABELS[t.tender]?.[shop.locale] ?? t.tender, right: money(t.amountMinor) });
  if (sale.changeMinor) rows.push({ kind: 'pair', left: w.change, right: money(sale.changeMinor) });
  rows.push({ kind: 'rule' }, { kind: 'centre', text: w.thanks });
  return rows;
}

/** The receipt as fixed-width lines: what a raw thermal printer prints (42 columns at 80 mm, 32 at 58 mm). */
export function receiptLines(sale: CompletedSale, shop: ShopSettings, columns: number, options: ReceiptOptions = {}): string[] {
  const both = (left: string, right: string) => {
    const room = Math.max(1, columns - right.length - 1);
    return `${left.length > room ? left.slice(0, room) : left.padEnd(room)} ${right}`;
  };
  const centre = (text: string) => text.slice(0, columns).padStart(Math.floor((columns + Math.min(text.length, columns)) / 2)).padEnd(columns);
  return receiptRows(sale, shop, options).map((r) =>
    r.kind === 'rule' ? '-'.repeat(columns) : r.kind === 'centre' ? centre(r.text) : r.kind === 'text' ? r.text.slice(0, columns) : both(r.left, r.right),
  );
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

/**
 * ESC/POS bytes for a raw thermal printer: initialise, the text folded to ASCII (thermal printers' code
 * pages differ; accents are dropped rather than printed wrong), feed and cut, and optionally the
 * cash-drawer kick pulse.
 */
const ASCII_FOLDS: Record<string, string> = { '€': 'EUR', '°': 'o', '’': "'", '‘': "'", '«': '"', '»': '"', '–': '-', '—': '-', '…': '...' };

export function receiptEscPos(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80, options: ReceiptOptions & { drawerKick?: boolean } = {}): Buffer {
  const ESC = 0x1b;
  const GS = 0x1d;
  const text = receiptLines(sale, shop, width === 80 ? 42 : 32, options)
    .join('\n')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[€°’‘«»–—…]/g, (c) => ASCII_FOLDS[c] ?? '?')
    .replace(/[^\x20-\x7e\n]/g, '?');
  const parts = [Buffer.from([ESC, 0x40]), Buffer.from(`${text}\n\n\n`, 'ascii'), Buffer.from([GS, 0x56, 0x42, 0x00])];
  if (options.drawerKick) parts.push(Buffer.from([ESC, 0x70, 0x00, 0x19, 0xfa]));
  return Buffer.concat(parts);
}
