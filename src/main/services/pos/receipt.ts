import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { ShopSettings } from '../../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from '../../documents/pdf';
import type { CompletedSale } from './checkout';

export type PaperWidth = 80 | 58;

const TENDER_LABELS: Record<string, { fr: string; en: string }> = {
  cash: { fr: 'Espèces', en: 'Cash' },
  card: { fr: 'Carte', en: 'Card' },
  orange_money: { fr: 'Orange Money', en: 'Orange Money' },
  wave: { fr: 'Wave', en: 'Wave' },
  mtn_momo: { fr: 'MTN MoMo', en: 'MTN MoMo' },
};

const WORDS = {
  fr: { receipt: 'Ticket', refund: 'Retour', of_receipt: 'du ticket', refunded: 'REMBOURSÉ', total: 'TOTAL', discount: 'Remise', change: 'Rendu', vat: 'TVA', of: 'dont', thanks: 'Merci de votre visite !', subtotal: 'Sous-total' },
  en: { receipt: 'Receipt', refund: 'Return', of_receipt: 'of receipt', refunded: 'REFUNDED', total: 'TOTAL', discount: 'Discount', change: 'Change', vat: 'VAT', of: 'incl.', thanks: 'Thank you for your visit!', subtotal: 'Subtotal' },
};

/** The receipt as lines of text: what the PDF lays out and what a raw thermal printer prints. */
export function receiptLines(sale: CompletedSale, shop: ShopSettings, columns: number): string[] {
  const w = WORDS[shop.locale];
  const money = (minor: number) => formatMoney(minor, shop.currency as CurrencyCode, shop.locale).replace(/[\u00a0\u202f]/g, ' ');
  const both = (left: string, right: string) => {
    const room = Math.max(1, columns - right.length - 1);
    return `${left.length > room ? left.slice(0, room) : left.padEnd(room)} ${right}`;
  };
  const centre = (text: string) => text.slice(0, columns).padStart(Math.floor((columns + Math.min(text.length, columns)) / 2)).padEnd(columns);
  const rule = '-'.repeat(columns);
  const date = new Date(sale.at);
  const when = date.toLocaleString(shop.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const out = [centre(shop.shopName)];
  if (shop.address) out.push(centre(shop.address));
  if (shop.phone) out.push(centre(shop.phone));
  if (shop.taxId) out.push(centre(shop.taxId));
  const title = sale.kind === 'return' ? `${w.refund} N° ${sale.receiptNo} (${w.of_receipt} ${sale.originalReceiptNo})` : `${w.receipt} N° ${sale.receiptNo}`;
  out.push(rule, both(title, when), rule);
  sale.cart.lines.forEach((l, i) => {
    out.push(sale.names[i].slice(0, columns));
    out.push(both(`  ${l.quantity} x ${money(l.unitPriceMinor)}`, money(l.grossMinor)));
    if (l.discountMinor) out.push(both(`  ${w.discount}`, `-${money(l.discountMinor)}`));
  });
  out.push(rule);
  if (sale.cart.saleDiscountMinor) {
    out.push(both(w.subtotal, money(sale.cart.subtotalMinor)), both(w.discount, `-${money(sale.cart.saleDiscountMinor)}`));
  }
  out.push(both(sale.kind === 'return' ? w.refunded : w.total, money(sale.cart.totalMinor)));
  for (const v of sale.cart.vat) if (v.rateBp > 0) out.push(both(`  ${w.of} ${w.vat} ${v.rateBp / 100} %`, money(v.vatMinor)));
  out.push(rule);
  for (const t of sale.tenders) out.push(both(TENDER_LABELS[t.tender]?.[shop.locale] ?? t.tender, money(t.amountMinor)));
  if (sale.changeMinor) out.push(both(w.change, money(sale.changeMinor)));
  out.push(rule, centre(w.thanks));
  return out;
}

/** A receipt PDF the width of the roll (80 or 58 mm), as long as the sale. */
export function receiptPdf(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80): Promise<Buffer> {
  const columns = width === 80 ? 42 : 32;
  const lines = receiptLines(sale, shop, columns);
  const doc: DocDefinition = {
    pageSize: { width: mm(width), height: 'auto' },
    pageMargins: [mm(3), mm(4), mm(3), mm(6)],
    info: { title: `Receipt ${sale.receiptNo}`, creator: 'Shelfcast' },
    defaultStyle: { font: 'Roboto', fontSize: width === 80 ? 8 : 6.5, lineHeight: 1.15 },
    content: [{ text: lines.join('\n'), preserveLeadingSpaces: true, font: 'Roboto' }],
  };
  return renderPdf(doc);
}

/**
 * ESC/POS bytes for a raw thermal printer: initialise, the text folded to ASCII (thermal printers' code
 * pages differ; accents are dropped rather than printed wrong), feed and cut, and optionally the
 * cash-drawer kick pulse.
 */
export function receiptEscPos(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80, drawerKick = false): Buffer {
  const ESC = 0x1b;
  const GS = 0x1d;
  const text = receiptLines(sale, shop, width === 80 ? 42 : 32)
    .join('\n')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/€/g, 'EUR')
    .replace(/[^\x20-\x7e\n]/g, '?');
  const parts = [Buffer.from([ESC, 0x40]), Buffer.from(`${text}\n\n\n`, 'ascii'), Buffer.from([GS, 0x56, 0x42, 0x00])];
  if (drawerKick) parts.push(Buffer.from([ESC, 0x70, 0x00, 0x19, 0xfa]));
  return Buffer.concat(parts);
}
