import { unitName } from '../../../shared/domain/quantity';
import type { ShopSettings } from '../../../shared/domain/settings';
import { renderPdf, type DocDefinition } from '../../documents/pdf';

export interface CountSheetInput {
  reference: string;
  category: string | null;
  startedAt: string;
  lines: { sku: string; barcode: string | null; name: string; category: string; unit: string }[];
}

const WORDS = {
  fr: {
    title: 'Feuille d’inventaire',
    date: 'Début du comptage',
    category: 'Rayon',
    allShop: 'Tout le magasin',
    noCategory: 'Sans rayon',
    no: 'N°',
    code: 'Code',
    item: 'Article',
    unit: 'Unité',
    counted: 'Compté',
    remark: 'Remarque',
    products: 'articles',
    howTo:
      'Comptez ce qui est en rayon et en réserve et écrivez la quantité dans la colonne « Compté » (0 s’il n’y en a plus). ' +
      'Les quantités attendues ne sont pas imprimées, pour ne pas influencer le comptage. Une ligne laissée vide n’est pas comptée : son stock ne change pas. ' +
      'Notez en bas la date et l’heure du comptage : tapées avec les quantités (« Je recopie une feuille papier »), elles évitent de compter comme perte ce qui a été vendu entre-temps.',
    countedBy: 'Compté par',
    checkedBy: 'Vérifié par (gérant)',
    signature: 'Signature',
    when: 'Date et heure',
    page: 'page',
  },
  en: {
    title: 'Stock count sheet',
    date: 'Count started',
    category: 'Category',
    allShop: 'Whole shop',
    noCategory: 'No category',
    no: 'No.',
    code: 'Code',
    item: 'Item',
    unit: 'Unit',
    counted: 'Counted',
    remark: 'Remark',
    products: 'items',
    howTo:
      'Count what is on the shelf and in the store room and write the quantity in the “Counted” column (0 when there is none left). ' +
      'Expected quantities are not printed, so that counting is not biased. A line left blank is not counted: its stock does not change. ' +
      'Write the date and time of the count at the bottom: typed in with the quantities (“I am typing in a paper sheet”), they keep what sold in between from counting as a loss.',
    countedBy: 'Counted by',
    checkedBy: 'Checked by (manager)',
    signature: 'Signature',
    when: 'Date and time',
    page: 'page',
  },
};

const GREY = '#666666';

/**
 * An A4 count sheet: shop, count number, date and category, then SKU, item and unit with a blank
 * "counted" box per line (grouped by category for a whole-shop count), and lines to sign. Expected
 * quantities are never printed.
 */
export function countSheetPdf(count: CountSheetInput, shop: ShopSettings): Promise<Buffer> {
  const w = WORDS[shop.locale];
  const loc = shop.locale === 'fr' ? 'fr-FR' : 'en-GB';
  // French puts a space before a colon, English does not
  const colon = shop.locale === 'fr' ? ' : ' : ': ';
  const started = new Date(count.startedAt).toLocaleString(loc, { dateStyle: 'long', timeStyle: 'short' });
  const th = (text: string, alignment = 'left') => ({ text, bold: true, fillColor: '#eeeeee', alignment, margin: [0, 2, 0, 2] });
  const header = [th(w.no, 'right'), th(w.code), th(w.item), th(w.unit), th(w.counted, 'center'), th(w.remark)];
  const body: unknown[][] = [header];
  const grouped = count.category === null;
  let current: string | null = null;
  count.lines.forEach((l, i) => {
    if (grouped && l.category !== current) {
      current = l.category;
      body.push([{ text: current || w.noCategory, colSpan: 6, bold: true, fontSize: 10, margin: [0, 6, 0, 2] }, '', '', '', '', '']);
    }
    body.push([
      { text: String(i + 1), alignment: 'right', color: GREY },
      { stack: [{ text: l.sku }, ...(l.barcode ? [{ text: l.barcode, fontSize: 7, color: GREY }] : [])] },
      { text: l.name },
      { text: unitName(l.unit, shop.locale) },
      // the blank box the counter writes in
      { text: ' ', margin: [0, 6, 0, 6] },
      { text: '' },
    ]);
  });
  // three places to sign, each a label over a ruled line
  const signRow = (label: string) => ({
    columns: [label, w.signature, w.when].map((text, i) => ({
      width: i === 0 ? '*' : 150,
      stack: [
        { text, color: GREY, fontSize: 8.5 },
        { canvas: [{ type: 'line', x1: 0, y1: 20, x2: i === 0 ? 190 : 135, y2: 20, lineWidth: 0.6, lineColor: '#333333' }] },
      ],
    })),
    columnGap: 12,
    margin: [0, 16, 0, 0],
  });
  const doc: DocDefinition = {
    pageSize: 'A4',
    pageMargins: [36, 36, 36, 44],
    info: { title: `${w.title} ${count.reference}`, creator: 'Shelfcast' },
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    content: [
      {
        columns: [
          [{ text: shop.shopName, bold: true, fontSize: 13 }, ...[shop.address, shop.phone].filter(Boolean).map((t) => ({ text: t, color: GREY }))],
          [
            { text: w.title, fontSize: 17, bold: true, alignment: 'right' },
            { text: `N° ${count.reference}`, bold: true, alignment: 'right' },
            { text: `${w.category}${colon}${count.category ?? w.allShop}`, alignment: 'right' },
            { text: `${w.date}${colon}${started}`, alignment: 'right' },
            { text: `${count.lines.length} ${w.products}`, alignment: 'right', color: GREY },
          ],
        ],
      },
      { text: w.howTo, fontSize: 8.5, color: GREY, margin: [0, 12, 0, 8] },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: [22, 78, '*', 44, 70, 90], body },
        layout: {
          hLineWidth: (i: number) => (i === 0 || i === 1 ? 1 : 0.5),
          vLineWidth: (i: number) => (i === 4 || i === 5 ? 1 : 0),
          hLineColor: () => '#999999',
          vLineColor: () => '#333333',
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
      },
      { ...signRow(w.countedBy), margin: [0, 24, 0, 0], unbreakable: true },
      { ...signRow(w.checkedBy), unbreakable: true },
    ],
    footer: (page: number, pages: number) => ({ text: `${count.reference} — ${w.page} ${page}/${pages}`, alignment: 'center', fontSize: 8, color: '#888888' }),
  };
  return renderPdf(doc);
}
