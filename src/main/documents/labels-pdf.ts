import type { LabelFormat } from '../../shared/api/contracts/labels';
import { CODE128_QUIET, code128BLength, code128BWidths } from '../../shared/domain/code128-bars';
import { EAN13_QUIET, ean13Modules, isEan13Guard } from '../../shared/domain/ean13-bars';
import { formatMoney, type CurrencyCode } from '../../shared/domain/money';
import { unitName } from '../../shared/domain/quantity';
import { netContentText, pricePerReference, sellsByItem, type NetContent } from '../../shared/domain/net-content';
import type { Locale } from '../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from './pdf';
import { keepTogether } from './text';

/** What one label shows. `barcode` null: printed without one (the reason is the caller's to report). */
export interface LabelContent {
  name: string;
  sku: string;
  unit: string;
  priceMinor: number;
  /** What one packet holds: the label adds its price per kg or litre under the price. */
  netContent: NetContent | null;
  barcode: { kind: 'ean13' | 'code128'; code: string } | null;
}

/** Where the labels are on an A4 sheet, in mm: first label's corner, pitch, size. */
interface SheetGeometry {
  columns: number;
  rows: number;
  left: number;
  top: number;
  pitchX: number;
  pitchY: number;
  width: number;
  height: number;
}

export const SHEETS: Record<LabelFormat, SheetGeometry> = {
  // Avery L7160's published layout (the brief's figures: 7,21 + 3 × 66,04 − 2,54 + 7,21 = 210 mm)
  '21': { columns: 3, rows: 7, left: 7.21, top: 15.15, pitchX: 66.04, pitchY: 38.1, width: 63.5, height: 38.1 },
  // Avery Zweckform 3474: edge to edge from the top left corner (gLabels' template: x0 = y0 = 0)
  '24': { columns: 3, rows: 8, left: 0, top: 0, pitchX: 70, pitchY: 37, width: 70, height: 37 },
};

const A4 = { width: 210, height: 297 };
/** White kept inside a label's edge; more where the label reaches the page's edge, which most printers leave blank. */
const PAD = { x: 2.5, top: 2.2, bottom: 1.8 };
const PRINTER_EDGE = 4.5;
/** A module of the bars: no thinner than 0.25 mm (below, shop scanners miss it), no wider than 0.40 mm. */
export const MIN_MODULE_MM = 0.25;
const MAX_MODULE_MM = 0.4;
/** Bars drawn on whole 1/600 in, so a 300 or 600 dpi printer draws every module alike. */
const DOT = 72 / 600;

const WORDS = {
  fr: {
    per: { piece: 'la pièce', kg: 'le kg', g: 'le g', l: 'le litre', ml: 'le ml', m: 'le mètre', box: 'la boîte', pack: 'le paquet' } as Record<string, string>,
    printed: 'Imprimé le',
    title: 'Étiquettes de rayon',
    reference: (content: string, price: string, per: 'kg' | 'l') => `${content} · soit ${price} ${per === 'kg' ? 'le kg' : 'le litre'}`,
  },
  en: {
    per: { piece: 'each', kg: 'per kg', g: 'per g', l: 'per litre', ml: 'per ml', m: 'per metre', box: 'per box', pack: 'per pack' } as Record<string, string>,
    printed: 'Printed',
    title: 'Shelf labels',
    reference: (content: string, price: string, per: 'kg' | 'l') => `${content} · ${price} ${per === 'kg' ? 'per kg' : 'per litre'}`,
  },
};

/** What the price is for, from the product's unit: « le kg », « la pièce », "per litre". */
export const priceFor = (unit: string, locale: Locale): string => WORDS[locale].per[unit] ?? `/ ${unitName(unit, locale)}`;

// Roboto's advance widths in thousandths of an em, regular and medium (pdfmake's bold), U+0020 to U+00FF,
// read from the font files pdfmake ships (scratch/labels/widths.cjs); a character not listed counts as wide
// as a W, so a name is never measured shorter than it prints
const REGULAR = [
  249, 258, 321, 616, 563, 733, 623, 175, 343, 349, 431, 568, 197, 277, 264, 413, 563, 563, 563, 563, 563, 563, 563, 563, 563, 563, 243, 212, 509, 549, 523, 473, 898, 653, 624, 651, 657, 569, 553, 682, 714, 272, 552, 628,
  539, 874, 714, 688, 631, 688, 617, 594, 597, 649, 637, 888, 627, 601, 600, 266, 411, 266, 418, 452, 310, 544, 562, 524, 564, 531, 348, 562, 551, 244, 240, 507, 244, 877, 553, 571, 562, 569, 339, 517, 328, 552, 485, 752,
  497, 474, 497, 339, 245, 339, 681,
];
const REGULAR_LATIN1 = [
  249, 245, 548, 582, 714, 526, 241, 614, 419, 786, 448, 470, 554, 277, 787, 459, 374, 535, 367, 367, 314, 567, 490, 262, 249, 367, 456, 469, 733, 776, 778, 474, 653, 653, 653, 653, 653, 653, 935, 651, 569, 569, 569, 569,
  272, 272, 272, 272, 671, 714, 688, 688, 688, 688, 688, 534, 688, 649, 649, 649, 649, 601, 591, 595, 544, 544, 544, 544, 544, 544, 845, 524, 531, 531, 531, 531, 248, 248, 248, 248, 587, 553, 571, 571, 571, 571, 571, 572,
  567, 552, 552, 552, 552, 474, 577, 474,
];
const BOLD = [
  249, 265, 320, 604, 569, 737, 642, 168, 347, 350, 444, 556, 224, 340, 278, 391, 569, 569, 569, 569, 569, 569, 569, 569, 569, 569, 264, 240, 509, 563, 520, 487, 897, 664, 632, 653, 653, 565, 551, 682, 710, 284, 556, 632,
  541, 875, 710, 689, 639, 689, 630, 606, 610, 655, 646, 881, 632, 611, 604, 272, 417, 272, 429, 448, 321, 540, 563, 522, 564, 536, 354, 567, 556, 255, 251, 522, 255, 872, 557, 568, 563, 566, 354, 515, 334, 557, 497, 743,
  503, 490, 503, 334, 249, 334, 663,
];
const BOLD_LATIN1 = [
  249, 266, 564, 589, 703, 532, 247, 622, 447, 786, 446, 486, 553, 340, 787, 482, 383, 537, 370, 370, 323, 595, 490, 284, 260, 370, 457, 486, 724, 767, 795, 487, 664, 664, 664, 664, 664, 664, 937, 653, 565, 565, 565, 565,
  284, 284, 284, 284, 668, 710, 689, 689, 689, 689, 689, 533, 688, 655, 655, 655, 655, 611, 602, 615, 540, 540, 540, 540, 540, 540, 845, 522, 536, 536, 536, 536, 262, 262, 262, 262, 581, 557, 568, 568, 568, 568, 568, 571,
  566, 557, 557, 557, 557, 490, 571, 490,
];
const EXTRA: Record<string, [number, number]> = {
  '’': [201, 216], '‘': [201, 219], '“': [354, 381], '”': [358, 385], '–': [657, 643], '—': [781, 771], '…': [669, 709], '€': [563, 569], 'œ': [909, 906], 'Œ': [954, 961], '•': [338, 350],
};

/** The width of `text` in points at `size`, in Roboto regular or bold. */
export function textWidth(text: string, size: number, bold = false): number {
  let thousandths = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) thousandths += (bold ? BOLD : REGULAR)[code - 32];
    else if (code >= 160 && code <= 255) thousandths += (bold ? BOLD_LATIN1 : REGULAR_LATIN1)[code - 160];
    else thousandths += EXTRA[c]?.[bold ? 1 : 0] ?? 900;
  }
  return (thousandths / 1000) * size;
}

/** Roboto's line height for one em (ascender 0.927 + descender 0.244). */
const LINE = 1.172;
const NAME_SIZE = { max: 10.5, min: 7 };

/**
 * The product's name on at most two lines, at the largest size from 10,5 pt down to 7 pt at which it
 * fits whole; a name too long even at 7 pt ends with « … » after the last word that fits. Lines break
 * between words; only a word wider than the label is cut.
 */
export function fitName(name: string, width: number): { lines: string[]; size: number } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  for (let size = NAME_SIZE.max; size >= NAME_SIZE.min; size -= 0.5) {
    const lines = wrap(words, width, size);
    if (lines.length <= 2) return { lines, size };
  }
  const size = NAME_SIZE.min;
  const [first, ...rest] = wrap(words, width, size);
  // the second line takes what is left, word by word, while it fits with its « … »
  const left = rest.join(' ').split(' ');
  let second = '';
  for (const word of left) {
    const next = second ? `${second} ${word}` : word;
    if (textWidth(`${next}…`, size, true) > width) break;
    second = next;
  }
  if (!second) second = cutToWidth(left[0], width - textWidth('…', size, true), size);
  return { lines: [first, `${second}…`], size };
}

function wrap(words: string[], width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size, true) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    // a word wider than the label (a long reference) is the one thing cut
    let rest = word;
    while (textWidth(rest, size, true) > width) {
      const head = cutToWidth(rest, width, size);
      lines.push(head);
      rest = rest.slice(head.length);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function cutToWidth(word: string, width: number, size: number): string {
  let head = '';
  for (const c of word) {
    if (textWidth(head + c, size, true) > width) break;
    head += c;
  }
  return head || [...word][0];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A label's printable box, in points: the label less its white edge, more where it meets the page's edge. */
function innerBox(sheet: SheetGeometry, slot: number): Box {
  const col = slot % sheet.columns;
  const row = Math.floor(slot / sheet.columns) % sheet.rows;
  const x = sheet.left + col * sheet.pitchX;
  const y = sheet.top + row * sheet.pitchY;
  const left = Math.max(PAD.x, PRINTER_EDGE - x);
  const right = Math.max(PAD.x, PRINTER_EDGE - (A4.width - x - sheet.width));
  const top = Math.max(PAD.top, PRINTER_EDGE - y);
  const bottom = Math.max(PAD.bottom, PRINTER_EDGE - (A4.height - y - sheet.height));
  return { x: mm(x + left), y: mm(y + top), w: mm(sheet.width - left - right), h: mm(sheet.height - top - bottom) };
}

/** The bars of a code as module runs: [start module, width in modules, guard] for each bar. */
type Bars = { modules: number; quiet: { left: number; right: number }; bars: [number, number, boolean][] };

function barsOf(barcode: NonNullable<LabelContent['barcode']>): Bars {
  const bars: [number, number, boolean][] = [];
  if (barcode.kind === 'ean13') {
    const modules = ean13Modules(barcode.code);
    for (let i = 0; i < modules.length; ) {
      if (modules[i] === '0') {
        i++;
        continue;
      }
      let j = i;
      while (modules[j] === '1') j++;
      bars.push([i, j - i, isEan13Guard(i)]);
      i = j;
    }
    return { modules: modules.length, quiet: EAN13_QUIET, bars };
  }
  let at = 0;
  code128BWidths(barcode.code).forEach((width, i) => {
    if (i % 2 === 0) bars.push([at, width, false]);
    at += width;
  });
  return { modules: at, quiet: { left: CODE128_QUIET, right: CODE128_QUIET }, bars };
}

/** Modules a code takes with its quiet zones. */
export function barcodeModules(barcode: NonNullable<LabelContent['barcode']>): number {
  const body = barcode.kind === 'ean13' ? 95 : code128BLength(barcode.code);
  return barcode.kind === 'ean13' ? body + EAN13_QUIET.left + EAN13_QUIET.right : body + 2 * CODE128_QUIET;
}

/**
 * The module width, in points, at which a code fits a label of the format (its bars within the printable
 * box, its quiet zones within the label), on whole printer dots and at most 0.40 mm; null when it would
 * be thinner than 0.25 mm (a long SKU): no barcode then, rather than one no scanner reads.
 */
export function moduleWidth(barcode: NonNullable<LabelContent['barcode']>, format: LabelFormat): number | null {
  const sheet = SHEETS[format];
  // the narrowest printable box of the format: a label at the page's edge
  const narrowest = Math.min(...Array.from({ length: sheet.columns }, (_, c) => innerBox(sheet, c).w));
  const body = barcode.kind === 'ean13' ? 95 : code128BLength(barcode.code);
  const fit = Math.min(narrowest / body, mm(sheet.width - 2) / barcodeModules(barcode), mm(MAX_MODULE_MM));
  const module = Math.floor(fit / DOT + 1e-9) * DOT;
  return module >= mm(MIN_MODULE_MM) - 1e-9 ? module : null;
}

const SMALL = 5.5;
const HUMAN = 7;
const REFERENCE = 7;

/**
 * « 400 g · soit 7 375 FCFA le kg »: what a packet holds and its price per kg or litre, at REFERENCE pt or
 * smaller to fit the label's width; null for a product sold by weight or volume (its price is that already)
 * or whose content is not said.
 */
function unitPriceLine(item: LabelContent, width: number, locale: Locale, currency: CurrencyCode): { text: string; size: number } | null {
  if (!item.netContent || !sellsByItem(item.unit)) return null;
  const { minor, per } = pricePerReference(item.priceMinor, item.netContent);
  const line = WORDS[locale].reference(keepTogether(netContentText(item.netContent, locale)), keepTogether(formatMoney(minor, currency, locale)), per);
  return { text: line, size: Math.min(REFERENCE, width / textWidth(line, 1)) };
}

function labelNodes(item: LabelContent, inner: Box, format: LabelFormat, locale: Locale, currency: CurrencyCode, footer: string): unknown[] {
  const nodes: unknown[] = [];
  const text = (x: number, y: number, width: number, node: Record<string, unknown>) => ({ absolutePosition: { x, y }, columns: [{ width, noWrap: true, ...node }] });

  // bottom up: the small print, the barcode's digits, its bars; the name from the top; the price between
  const smallY = inner.y + inner.h - SMALL * LINE;
  const module = item.barcode ? moduleWidth(item.barcode, format) : null;
  const code128 = item.barcode?.kind === 'code128' && module !== null;
  // a Code 128 of the SKU writes the SKU under its bars already
  if (!code128) nodes.push(text(inner.x, smallY, inner.w, { text: keepTogether(item.sku), fontSize: SMALL, color: '#444444' }));
  nodes.push(text(inner.x, smallY, inner.w, { text: footer, fontSize: SMALL, color: '#444444', alignment: 'right' }));
  let top = smallY;
  if (item.barcode && module !== null) {
    const bars = barsOf(item.barcode);
    const humanY = smallY - HUMAN * LINE + 0.5;
    const barsH = Math.max(mm(6), Math.min(mm(9), inner.h * 0.26));
    // a Code 128's text clear of its bars; an EAN-13's digits sit between its guards
    const barsY = humanY - barsH - (code128 ? 1.5 : 0);
    const bodyW = bars.modules * module;
    // the symbol with its quiet zones centred in the printable box, its bars never outside it
    const total = (bars.quiet.left + bars.modules + bars.quiet.right) * module;
    const x0 = Math.min(Math.max(inner.x + (inner.w - total) / 2 + bars.quiet.left * module, inner.x), inner.x + inner.w - bodyW);
    const ean = item.barcode.kind === 'ean13';
    // an EAN-13's guards go down between its digit groups, as on every packet
    const guardH = ean ? barsH + HUMAN * 0.55 : barsH;
    nodes.push({
      absolutePosition: { x: x0, y: barsY },
      canvas: bars.bars.map(([at, width, guard]) => ({ type: 'rect', x: at * module, y: 0, w: width * module, h: guard ? guardH : barsH, color: 'black' })),
    });
    if (ean) {
      const code = item.barcode.code;
      // the first digit in the left quiet zone, then six under each half
      nodes.push(text(x0 - 9 * module, humanY, 8 * module, { text: code[0], fontSize: HUMAN }));
      nodes.push(text(x0 + 3 * module, humanY, 42 * module, { text: code.slice(1, 7), fontSize: HUMAN, alignment: 'center', characterSpacing: 1 }));
      nodes.push(text(x0 + 50 * module, humanY, 42 * module, { text: code.slice(7), fontSize: HUMAN, alignment: 'center', characterSpacing: 1 }));
    } else {
      nodes.push(text(inner.x, humanY, inner.w, { text: item.barcode.code, fontSize: HUMAN, alignment: 'center' }));
    }
    top = barsY - 1.5;
  }

  const name = fitName(item.name, inner.w);
  name.lines.forEach((line, i) => nodes.push(text(inner.x, inner.y + i * name.size * LINE, inner.w, { text: line, fontSize: name.size, bold: true })));
  const nameBottom = inner.y + name.lines.length * name.size * LINE;

  // a packet's content and its price per kg or litre, on a line of its own above the barcode
  const reference = unitPriceLine(item, inner.w, locale, currency);
  if (reference !== null) {
    top -= REFERENCE * LINE;
    nodes.push(text(inner.x, top, inner.w, { text: reference.text, fontSize: reference.size, color: '#222222' }));
  }
  // the price as large as the room between the name and the barcode allows, up to 30 pt
  const price = keepTogether(formatMoney(item.priceMinor, currency, locale));
  const per = `\u00a0\u00a0${keepTogether(priceFor(item.unit, locale))}`;
  const perSize = 8.5;
  const room = top - nameBottom;
  const byWidth = (inner.w - textWidth(per, perSize) - 1) / (textWidth(price, 1, true) * 1.02);
  const size = Math.max(9, Math.min(30, room / LINE, byWidth));
  const priceY = nameBottom + (room - size * LINE) / 2;
  nodes.push(text(inner.x, priceY, inner.w, { text: [{ text: price, fontSize: size, bold: true }, { text: per, fontSize: perSize, color: '#222222' }] }));
  return nodes;
}

export interface LabelSheetOptions {
  format: LabelFormat;
  /** The first label's place on the first sheet, 1 the top left one, counted along the rows. */
  startAt: number;
  locale: Locale;
  currency: CurrencyCode;
  /** The day printed in each label's small print, YYYY-MM-DD. */
  printedOn: string;
}

/** Labels placed as the sheet has them, from `startAt` on the first sheet; returns the PDF and its page count. */
export async function labelsPdf(items: LabelContent[], options: LabelSheetOptions): Promise<{ pdf: Buffer; pages: number }> {
  const sheet = SHEETS[options.format];
  const perSheet = sheet.columns * sheet.rows;
  const w = WORDS[options.locale];
  const date = new Date(`${options.printedOn}T12:00:00Z`).toLocaleDateString(options.locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' });
  const footer = `${w.printed} ${date}`;
  const pages: unknown[][] = [];
  items.forEach((item, i) => {
    const slot = options.startAt - 1 + i;
    const page = Math.floor(slot / perSheet);
    const inner = innerBox(sheet, slot % perSheet);
    (pages[page] ??= []).push(...labelNodes(item, inner, options.format, options.locale, options.currency, footer));
  });
  const doc: DocDefinition = {
    pageSize: 'A4',
    pageMargins: 0,
    info: { title: w.title, creator: 'Shelfcast' },
    defaultStyle: { font: 'Roboto', fontSize: 9, color: '#000000' },
    // each sheet's labels are placed on it by position; a sheet starts a page
    content: pages.map((nodes, i) => ({ stack: nodes, ...(i > 0 ? { pageBreak: 'before' } : {}) })),
  };
  return { pdf: await renderPdf(doc), pages: pages.length };
}
