import type { ShopSettings } from '../../shared/domain/settings';
import type { CompletedSale } from '../../shared/domain/sale';
import { receiptRows, type PaperWidth, type ReceiptOptions, type Row } from '../services/pos/receipt';
import { lineCount, textWidthEm } from './text-lines';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PT_MM = 25.4 / 72;
/** Line height, as the page's CSS sets it. */
const LINE_HEIGHT = 1.25;
/** Page margin on each side, and the gap between a label and its amount, in mm (as the CSS sets them). */
const MARGIN_MM = 3;
const GAP_MM = 2;
/** A rule: 1.5 mm above and below, and its 1 px dashed line. */
const RULE_MM = 3 + 25.4 / 96;
/**
 * Room for error: the text measured a little wider than Arial draws it (a system's stand-in font, a
 * rounding in Chromium's layout), and a few mm more at the end. A page too long feeds a little blank
 * paper; one too short puts the end of the receipt on a second page, cut apart. The end's 8 mm hold
 * a Linux PC with none of Arial, Liberation Sans or Arimo: drawn in the wider DejaVu Sans, 1 of 26
 * review receipts ran 1.5 mm past a 6 mm end.
 */
const WIDTH_SCALE = 1.06;
const BOLD_SCALE = 1.1;
const SLACK_MM = 8;

/**
 * The length of paper the receipt takes, in mm: each row's lines once wrapped at the roll's width
 * (a long name takes two or three), measured with Arial's widths (see text-lines.ts).
 */
export function receiptHeightMm(rows: Row[], width: PaperWidth, fontPt: number): number {
  const emMm = fontPt * PT_MM;
  const lineMm = emMm * LINE_HEIGHT;
  const columnEm = (width - 2 * MARGIN_MM) / emMm;
  const lines = (r: Row): number => {
    if (r.kind === 'rule') return 0;
    if (r.kind !== 'pair') return lineCount(r.text, columnEm, WIDTH_SCALE);
    const scale = WIDTH_SCALE * (r.strong ? BOLD_SCALE : 1);
    // the amount never wraps (see the CSS); its label takes what is left of the line
    const left = columnEm - textWidthEm(r.right) * scale - GAP_MM / emMm;
    return lineCount(r.left, Math.max(left, columnEm / 3), scale);
  };
  const content = rows.reduce((h, r) => h + (r.kind === 'rule' ? RULE_MM : lines(r) * lineMm), 0);
  return Math.ceil(2 * MARGIN_MM + content + SLACK_MM);
}

/**
 * The receipt as a self-contained HTML page the width of the roll, for silent printing through the
 * system's printer driver (Chromium prints HTML reliably; PDFs it would hand to a viewer). Same rows as
 * the PDF and the ESC/POS text, so the three never disagree. `heightMm` is the page length to print it
 * on, as one page (the page's own `@page` says the same size).
 */
export function receiptHtml(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80, options: ReceiptOptions = {}): { html: string; heightMm: number } {
  const rows = receiptRows(sale, shop, options);
  const fontPt = width === 80 ? 9 : 7.5;
  const heightMm = receiptHeightMm(rows, width, fontPt);
  const body = rows
    .map((r) => {
      if (r.kind === 'rule') return '<hr>';
      if (r.kind === 'centre') return `<p class="c">${escape(r.text)}</p>`;
      if (r.kind === 'text') return `<p>${escape(r.text)}</p>`;
      return `<p class="${r.strong ? 'pair b' : 'pair'}"><span>${escape(r.left)}</span><span>${escape(r.right)}</span></p>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="${shop.locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(`${shop.shopName} ${sale.receiptNo}`)}</title>
<style>
@page { size: ${width}mm ${heightMm}mm; margin: 0 }
body { width: ${width - 2 * MARGIN_MM}mm; margin: ${MARGIN_MM}mm; font: ${fontPt}pt/${LINE_HEIGHT} Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif; color: #000 }
p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere }
.c { text-align: center }
.pair { display: flex; justify-content: space-between; gap: ${GAP_MM}mm }
.pair span:first-child { flex: 1 1 auto; min-width: 0 }
.pair span:last-child { flex: none; white-space: nowrap; text-align: right }
.b { font-weight: bold }
hr { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0 }
</style></head>
<body>
${body}
</body></html>`;
  return { html, heightMm };
}
