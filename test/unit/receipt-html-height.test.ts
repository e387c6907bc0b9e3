import { describe, expect, it } from 'vitest';
import { receiptHtml } from '../../src/main/printing/receipt-html';
import { lineCount, textWidthEm } from '../../src/main/printing/text-lines';
import { priceCart } from '../../src/shared/domain/cart';
import type { CompletedSale } from '../../src/shared/domain/sale';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';

/**
 * The page a system printer is given for the HTML receipt must hold the whole receipt, wrapped names
 * included, or its end comes out on a second page. The figures "Chromium" below were measured by
 * printing these receipts with headless Chromium (Liberation Sans for Arial, same widths).
 */
const shop = {
  ...DEFAULT_SETTINGS,
  shopName: 'Pharmacie de la Croix-Rousse',
  address: '12 place de la Croix-Rousse, 69004 Lyon',
  phone: '04 78 28 00 00',
  taxId: '812 345 678 00019',
  currency: 'EUR' as const,
};

function saleOf(names: string[]): CompletedSale {
  const cart = priceCart(names.map((_, i) => ({ productId: i + 1, quantity: 1, unitPriceMinor: 2390, vatRateBp: 550 })));
  return {
    saleId: 1,
    receiptNo: 17,
    kind: 'sale',
    originalReceiptNo: null,
    at: '2026-06-05T10:12:00',
    cart,
    names,
    units: names.map(() => 'piece'),
    tenders: [{ tender: 'card', amountMinor: cart.totalMinor }],
    paidMinor: cart.totalMinor,
    changeMinor: 0,
    warnings: [],
  };
}

const LONG = (i: number) => `Lait infantile Guigoz Optipro 1er âge 0-6 mois, boîte de 800 g — « nouvelle formule » lot ${i}`;
const MEDIUM = (i: number) => `Doliprane 1000 mg, boîte de 8 comprimés sécables ${i}`;
/** Column widths in ems: the roll less 2 x 3 mm, at 7.5 pt (58 mm) and 9 pt (80 mm). */
const em = (pt: number) => (pt * 25.4) / 72;
const COLUMN = { 58: 52 / em(7.5), 80: 74 / em(9) };

describe('line count of a text in the receipt’s column (Arial widths)', () => {
  it('wraps the names as Chromium does: the long name on 3 lines at 58 mm and 2 at 80 mm; the 50-character one on 2 at both', () => {
    expect(lineCount(LONG(1), COLUMN[58])).toBe(3);
    expect(lineCount(LONG(1), COLUMN[80])).toBe(2);
    expect(lineCount(MEDIUM(1), COLUMN[58])).toBe(2);
    expect(lineCount(MEDIUM(1), COLUMN[80])).toBe(2);
    expect(lineCount('Doliprane 1000 mg, boîte de 8', COLUMN[80])).toBe(1);
    expect(lineCount('Merci de votre visite !', COLUMN[58])).toBe(1);
    expect(lineCount('', COLUMN[58])).toBe(1);
  });

  it('never breaks at a no-break space, breaks a word longer than the line, and lets spaces at a line’s end hang', () => {
    const word = 'x'.repeat(10);
    const width = textWidthEm(word);
    // two words to a line, unless the middle two are held together
    expect(lineCount(`${word} ${word} ${word} ${word}`, width * 2.2)).toBe(2);
    expect(lineCount(`${word} ${word}\u00a0${word} ${word}`, width * 2.2)).toBe(3);
    expect(lineCount(`${word}${word}${word}`, width)).toBe(3);
    expect(lineCount(`${word}\u00a0${word}`, width * 1.5)).toBe(2);
    expect(lineCount(`${word}      `, width)).toBe(1);
    // accented letters are as wide as their letter; an unknown character counts a whole em
    expect(textWidthEm('é')).toBe(textWidthEm('e'));
    expect(textWidthEm('中')).toBe(1);
  });
});

describe('the page length given for the HTML receipt', () => {
  it('holds 8 names that wrap over 3 lines (58 mm) or 2 (80 mm), which one line per row did not, with little paper to spare', () => {
    const sale = saleOf(Array.from({ length: 8 }, (_, i) => LONG(i + 1)));
    // Chromium: 161.2 mm of content at 58 mm, 153.3 mm at 80 mm (margins included)
    for (const [width, chromium] of [
      [58, 161.2],
      [80, 153.3],
    ] as const) {
      const { html, heightMm } = receiptHtml(sale, shop, width);
      expect(heightMm, `${width} mm`).toBeGreaterThanOrEqual(chromium);
      expect(heightMm, `${width} mm`).toBeLessThanOrEqual(chromium + 12);
      expect(html).toContain(`@page { size: ${width}mm ${heightMm}mm; margin: 0 }`);
    }
  });

  it('holds 5 names of about 50 characters, whose thank-you line went onto a second page at 80 mm too', () => {
    const sale = saleOf(Array.from({ length: 5 }, (_, i) => MEDIUM(i + 1)));
    for (const [width, chromium] of [
      [58, 105.0],
      [80, 117.5],
    ] as const) {
      const { heightMm } = receiptHtml(sale, shop, width);
      expect(heightMm, `${width} mm`).toBeGreaterThanOrEqual(chromium);
      expect(heightMm, `${width} mm`).toBeLessThanOrEqual(chromium + 12);
    }
  });

  it('grows with each line a name wraps onto, and a short receipt stays short', () => {
    const short = receiptHtml(saleOf(['Sel']), shop, 58).heightMm;
    const wrapped = receiptHtml(saleOf([LONG(1)]), shop, 58).heightMm;
    // two more lines of 7.5 pt x 1.25
    expect(wrapped - short).toBeGreaterThanOrEqual(Math.floor(2 * em(7.5) * 1.25));
    expect(short).toBeLessThan(80);
  });

  it('keeps each amount on one line in the layout it measures: the amount does not wrap, its label takes the rest', () => {
    const { html } = receiptHtml(saleOf(['Sel']), shop, 58);
    expect(html).toContain('.pair span:last-child { flex: none; white-space: nowrap; text-align: right }');
    expect(html).toContain('<span>23,90\u00a0€</span>');
  });
});
