import type { ShopSettings } from '../../shared/domain/settings';
import type { CompletedSale } from '../../shared/domain/sale';
import { receiptRows, type PaperWidth, type ReceiptOptions } from '../services/pos/receipt';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The receipt as a self-contained HTML page the width of the roll, for silent printing through the
 * system's printer driver (Chromium prints HTML reliably; PDFs it would hand to a viewer). Same rows as
 * the PDF and the ESC/POS text, so the three never disagree.
 */
export function receiptHtml(sale: CompletedSale, shop: ShopSettings, width: PaperWidth = 80, options: ReceiptOptions = {}): { html: string; heightMm: number } {
  const rows = receiptRows(sale, shop, options);
  const fontPt = width === 80 ? 9 : 7.5;
  // the page must be as long as the receipt: one line per row (1.25 line height, 1 pt = 0.3528 mm), rules a bit more
  const heightMm = Math.ceil(6 + rows.reduce((h, r) => h + (r.kind === 'rule' ? 3.5 : fontPt * 1.25 * 0.3528), 0) + 10);
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
@page { size: ${width}mm auto; margin: 0 }
body { width: ${width - 6}mm; margin: 3mm; font: ${fontPt}pt/1.25 Arial, Helvetica, sans-serif; color: #000 }
p { margin: 0; white-space: pre-wrap }
.c { text-align: center }
.pair { display: flex; justify-content: space-between; gap: 2mm }
.b { font-weight: bold }
hr { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0 }
</style></head>
<body>
${body}
</body></html>`;
  return { html, heightMm };
}
