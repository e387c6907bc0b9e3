import type { PurchaseOrder } from '../../../shared/api/contract';
import { businessDate, ISO_DATE } from '../../../shared/domain/dates';
import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import { unitLabel } from '../../../shared/domain/replenishment';
import type { ShopSettings } from '../../../shared/domain/settings';
import { isDrawableLogo } from '../../../shared/domain/logo';
import { renderPdf, type DocDefinition } from '../../documents/pdf';

const WORDS = {
  fr: {
    title: 'Bon de commande',
    date: 'Date',
    expected: 'Livraison souhaitée le',
    supplier: 'Fournisseur',
    code: 'Code',
    item: 'Article',
    packs: 'Colis',
    units: 'Unités',
    price: 'Prix unit. HT',
    vat: 'TVA',
    amount: 'Montant HT',
    subtotal: 'Total HT',
    vatTotal: 'TVA',
    total: 'Total TTC',
    of: 'de',
    taxId: 'N° contribuable',
    note: 'Note',
  },
  en: {
    title: 'Purchase order',
    date: 'Date',
    expected: 'Delivery wanted on',
    supplier: 'Supplier',
    code: 'Code',
    item: 'Item',
    packs: 'Packs',
    units: 'Units',
    price: 'Unit price excl. VAT',
    vat: 'VAT',
    amount: 'Amount excl. VAT',
    subtotal: 'Total excl. VAT',
    vatTotal: 'VAT',
    total: 'Total incl. VAT',
    of: 'of',
    taxId: 'Tax ID',
    note: 'Note',
  },
};

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * An A4 purchase order: shop header (and logo), supplier, lines with codes, packs and units, VAT and
 * totals. `dated`: the order's date (when it was sent; today for a draft printed to be sent).
 */
export async function purchaseOrderPdf(order: PurchaseOrder, supplier: Record<string, string>, shop: ShopSettings, dated = order.sentAt ?? order.createdAt): Promise<Buffer> {
  // a logo saved before its bytes were checked, or one pdfmake cannot read: the order is printed without it
  const logo = shop.logo && isDrawableLogo(shop.logo) ? shop.logo : '';
  try {
    return await orderPdf(order, supplier, { ...shop, logo }, dated);
  } catch (error) {
    if (!logo) throw error;
    return orderPdf(order, supplier, { ...shop, logo: '' }, dated);
  }
}

function orderPdf(order: PurchaseOrder, supplier: Record<string, string>, shop: ShopSettings, dated: string): Promise<Buffer> {
  const w = WORDS[shop.locale];
  const loc = shop.locale === 'fr' ? 'fr-FR' : 'en-GB';
  const money = (minor: number) => plain(formatMoney(minor, shop.currency as CurrencyCode, shop.locale));
  const qty = (x: number) => plain(x.toLocaleString(loc, { maximumFractionDigits: 3 }));
  // a moment (sent_at, created_at) is dated by the shop's business day, not UTC's (00:30 in Paris is
  // still yesterday in UTC); a bare day (the expected date) is a calendar date, read at noon UTC so no
  // time zone moves it
  const date = (value: string) => {
    const day = ISO_DATE.test(value) ? value : businessDate(new Date(value));
    return new Date(`${day}T12:00:00Z`).toLocaleDateString(loc, { timeZone: 'UTC' });
  };
  const shopLines = [shop.address, shop.phone, shop.taxId ? `${w.taxId} : ${shop.taxId}` : ''].filter(Boolean);
  const supplierLines = [supplier.contact, supplier.address, supplier.phone, supplier.email].filter(Boolean);
  const header = [
    { text: w.code, style: 'th' },
    { text: w.item, style: 'th' },
    { text: w.packs, style: 'th', alignment: 'right' },
    { text: w.units, style: 'th', alignment: 'right' },
    { text: w.price, style: 'th', alignment: 'right' },
    { text: w.vat, style: 'th', alignment: 'right' },
    { text: w.amount, style: 'th', alignment: 'right' },
  ];
  const body = order.lines.map((l) => [
    { text: l.barcode ? `${l.sku}\n${l.barcode}` : l.sku, fontSize: 8 },
    l.name,
    { text: l.packSize !== 1 ? `${qty(l.packs)} × ${qty(l.packSize)}` : qty(l.packs), alignment: 'right' },
    // the unit in the shop's language (« 30 boîtes », "30 boxes"), as the alerts and suggestions write it;
    // the number keeps the order's precision (0,125 kg)
    { text: [qty(l.quantity), unitLabel(l.unit, l.quantity, shop.locale)].filter(Boolean).join(' '), alignment: 'right' },
    { text: money(l.unitCostMinor), alignment: 'right' },
    { text: `${qty(l.vatRateBp / 100)} %`, alignment: 'right' },
    { text: money(l.amountMinor), alignment: 'right' },
  ]);
  const doc: DocDefinition = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: `${w.title} ${order.reference}`, creator: 'Shelfcast' },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { th: { bold: true, fillColor: '#eeeeee' }, h: { fontSize: 18, bold: true }, label: { color: '#666666', fontSize: 9 } },
    content: [
      {
        columns: [
          [
            ...(shop.logo ? [{ image: shop.logo, fit: [120, 60], margin: [0, 0, 0, 6] }] : []),
            { text: shop.shopName, bold: true, fontSize: 13 },
            ...shopLines.map((t) => ({ text: t })),
          ],
          [
            { text: w.title, style: 'h', alignment: 'right' },
            { text: `N° ${order.reference}`, alignment: 'right', bold: true },
            { text: `${w.date} : ${date(dated)}`, alignment: 'right' },
            { text: `${w.expected} : ${date(order.expectedDate)}`, alignment: 'right' },
          ],
        ],
      },
      { text: w.supplier, style: 'label', margin: [0, 18, 0, 2] },
      { text: order.supplierName, bold: true },
      ...supplierLines.map((t) => ({ text: t })),
      {
        margin: [0, 16, 0, 0],
        table: { headerRows: 1, widths: [62, '*', 46, 56, 62, 30, 70], body: [header, ...body] },
        fontSize: 9,
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 12, 0, 0],
        columns: [
          { text: order.note ? `${w.note} : ${order.note}` : '', width: '*' },
          {
            width: 220,
            table: {
              widths: ['*', 'auto'],
              body: [
                [w.subtotal, { text: money(order.subtotalMinor), alignment: 'right' }],
                [w.vatTotal, { text: money(order.vatMinor), alignment: 'right' }],
                [{ text: w.total, bold: true }, { text: money(order.totalMinor), alignment: 'right', bold: true }],
              ],
            },
            layout: 'noBorders',
          },
        ],
      },
    ],
    footer: (page: number, pages: number) => ({ text: `${order.reference} — ${page}/${pages}`, alignment: 'center', fontSize: 8, color: '#888888' }),
  };
  return renderPdf(doc);
}
