import type { PurchaseOrder } from '../../../shared/api/contract';
import { businessDate, ISO_DATE } from '../../../shared/domain/dates';
import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import { unitLabel } from '../../../shared/domain/replenishment';
import type { ShopSettings } from '../../../shared/domain/settings';
import { isDrawableLogo } from '../../../shared/domain/logo';
import { renderPdf, type DocDefinition } from '../../documents/pdf';
import { keepTogether, ratePercent, taxIdLine } from '../../documents/text';
import { fitAmount } from './fit-amount';
import { packText } from './pack-text';
import { vatByRate } from './vat-by-rate';

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
    rate: 'Taux',
    base: 'Base HT',
    all: 'Total',
    no: 'N°',
    // as Settings names the field
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
    rate: 'VAT rate',
    base: 'Base excl. VAT',
    all: 'Total',
    no: 'No.',
    note: 'Note',
  },
};


// the lines' columns, in points: the code (an EAN-13 whole at 8 pt), the item (the rest of the width),
// packs, units, unit price, VAT rate and amount; a price or an amount too wide for its column (from
// about 1 000 000 FCFA for a price) is drawn smaller, never cut
const WIDTHS = [62, '*', 62, 54, 64, 30, 74] as const;
const CELL_PAD = 4;
// light rules between the lines, as pdfmake's lightHorizontalLines, with half its padding so the item
// names have room
const LINES_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows: number } }) => (i === 0 || i === node.table.body.length ? 0 : i === node.table.headerRows ? 2 : 1),
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 1 ? 'black' : '#aaa'),
  paddingLeft: (i: number) => (i === 0 ? 0 : CELL_PAD),
  paddingRight: (i: number, node: { table: { widths: unknown[] } }) => (i === node.table.widths.length - 1 ? 0 : CELL_PAD),
};
const TABLE_SIZE = 9;
// the VAT by rate: a rule under the header and one over the total
const TOTALS_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 1 || i === node.table.body.length - 1 ? 1 : 0),
  vLineWidth: () => 0,
  hLineColor: () => '#aaa',
  paddingLeft: (i: number) => (i === 0 ? 0 : 8),
  paddingRight: (i: number, node: { table: { widths: unknown[] } }) => (i === node.table.widths.length - 1 ? 0 : 8),
};

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
  const fr = shop.locale === 'fr';
  const loc = fr ? 'fr-FR' : 'en-GB';
  // French puts a space before a colon and writes « 5,5 % »; English writes "Date:" and "5.5%"
  const colon = fr ? ' : ' : ': ';
  const money = (minor: number) => keepTogether(formatMoney(minor, shop.currency as CurrencyCode, shop.locale));
  const qty = (x: number) => keepTogether(x.toLocaleString(loc, { maximumFractionDigits: 3 }));
  const rate = (bp: number) => ratePercent(bp, shop.locale);
  // an amount in a column `width` points wide: on one line, smaller if it must be
  const amount = (minor: number, width: number) => {
    const text = money(minor);
    return { text, alignment: 'right', fontSize: fitAmount(text, width, TABLE_SIZE) };
  };
  // a moment (sent_at, created_at) is dated by the shop's business day, not UTC's (00:30 in Paris is
  // still yesterday in UTC); a bare day (the expected date) is a calendar date, read at noon UTC so no
  // time zone moves it
  const date = (value: string) => {
    const day = ISO_DATE.test(value) ? value : businessDate(new Date(value));
    return new Date(`${day}T12:00:00Z`).toLocaleDateString(loc, { timeZone: 'UTC' });
  };
  const shopLines = [shop.address, shop.phone, taxIdLine(shop.taxId, shop.locale)].filter(Boolean);
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
    // a longer code is drawn smaller rather than cut (a supplier's clerk types it from the sheet)
    { text: l.barcode ? [`${l.sku}\n`, { text: l.barcode, fontSize: fitAmount(l.barcode, WIDTHS[0] - CELL_PAD, 8) }] : l.sku, fontSize: 8 },
    l.name,
    { text: packText(l.quantity, l.packSize, shop.locale, qty), alignment: 'right' },
    // the unit in the shop's language (« 30 boîtes », "30 boxes"), as the alerts and suggestions write it;
    // the number keeps the order's precision (0,125 kg)
    { text: [qty(l.quantity), unitLabel(l.unit, l.quantity, shop.locale)].filter(Boolean).join(' '), alignment: 'right' },
    amount(l.unitCostMinor, WIDTHS[4]),
    { text: rate(l.vatRateBp), alignment: 'right' },
    amount(l.amountMinor, WIDTHS[6]),
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
            { text: `${w.no} ${order.reference}`, alignment: 'right', bold: true },
            { text: `${w.date}${colon}${date(dated)}`, alignment: 'right' },
            { text: `${w.expected}${colon}${date(order.expectedDate)}`, alignment: 'right' },
          ],
        ],
      },
      { text: w.supplier, style: 'label', margin: [0, 18, 0, 2] },
      { text: order.supplierName, bold: true },
      ...supplierLines.map((t) => ({ text: t })),
      {
        margin: [0, 16, 0, 0],
        // the header row on every page, and a line never cut in two by a page break; the widths copied,
        // as pdfmake writes into the array it is given
        table: { headerRows: 1, dontBreakRows: true, widths: [...WIDTHS], body: [header, ...body] },
        fontSize: TABLE_SIZE,
        layout: LINES_LAYOUT,
      },
      {
        margin: [0, 12, 0, 0],
        // the note and the totals stay together, on the last page
        unbreakable: true,
        columnGap: 16,
        columns: [{ text: order.note ? `${w.note}${colon}${order.note}` : '', width: '*' }, totals()],
      },
    ],
    footer: (page: number, pages: number) => ({ text: `${order.reference} — ${page}/${pages}`, alignment: 'center', fontSize: 8, color: '#888888' }),
  };
  return renderPdf(doc);

  /**
   * One rate: Total HT, TVA x %, Total TTC. Several: a line a rate (base excl. VAT, VAT, total incl.
   * VAT, so the supplier's invoice can be checked rate by rate) and their total, which is the order's.
   */
  function totals(): Record<string, unknown> {
    const rates = vatByRate(order.lines);
    const right = (minor: number, bold = false) => ({ text: money(minor), alignment: 'right', bold });
    if (rates.length <= 1) {
      return {
        width: 220,
        layout: 'noBorders',
        table: {
          widths: ['*', 'auto'],
          body: [
            [w.subtotal, right(order.subtotalMinor)],
            [rates.length === 1 ? `${w.vatTotal} ${rate(rates[0].rateBp)}` : w.vatTotal, right(order.vatMinor)],
            [{ text: w.total, bold: true }, right(order.totalMinor, true)],
          ],
        },
      };
    }
    const th = (text: string) => ({ text, style: 'th', alignment: 'right' });
    return {
      width: 'auto',
      layout: TOTALS_LAYOUT,
      table: {
        headerRows: 1,
        widths: ['auto', 'auto', 'auto', 'auto'],
        body: [
          [th(w.rate), th(w.base), th(w.vatTotal), th(w.total)],
          ...rates.map((r) => [{ text: rate(r.rateBp), alignment: 'right' }, right(r.baseMinor), right(r.vatMinor), right(r.totalMinor)]),
          [{ text: w.all, bold: true, alignment: 'right' }, right(order.subtotalMinor, true), right(order.vatMinor, true), right(order.totalMinor, true)],
        ],
      },
    };
  }
}
