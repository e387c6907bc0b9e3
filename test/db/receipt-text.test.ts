import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { loadSale } from '../../src/main/services/pos/journal';
import { receiptEscPos } from '../../src/main/services/pos/receipt';
import type { ReceiptDocument } from '../../src/shared/domain/sale';
import { must, openTestCore, tempDir } from '../helpers/core';

/** What the thermal printer is sent, less the initialise command, the feed and the cut. */
function thermalText(core: Core, receiptNo: number, width: 80 | 58, columns80: 42 | 48 = 42): string {
  const buf = receiptEscPos(loadSale(core.store.sqlite, receiptNo), core.services.settings.get(), width, { columns80 });
  expect([...buf.subarray(0, 2)]).toEqual([0x1b, 0x40]);
  return buf.subarray(2, buf.length - 4).toString('latin1').replace(/\n+$/, '');
}

/** Amounts as printed ("1 234,50 EUR", "-2,50 €", "EUR 7.50") back to minor units. */
function amount(text: string): number {
  const digits = text.replace(/[^\d,.-]/g, '');
  const negative = digits.startsWith('-');
  const minor = Number(digits.replace(/[-,.]/g, ''));
  return negative ? -minor : minor;
}

describe('receipt text for a thermal printer (ESC/POS)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    await must(core.call('settings.save', { currency: 'EUR', locale: 'fr', shopName: 'Bœuf & Œufs – Chez Hélène' }));
    await must(core.call('products.save', { sku: 'A', name: 'Œufs frais ×6', priceMinor: 350, vatRateBp: 550 }));
    await must(core.call('products.save', { sku: 'B', name: 'Bœuf haché', unit: 'kg', priceMinor: 1999, vatRateBp: 550 }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 10 }] }));
    await must(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }, { productId: 2, quantity: 0.125 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('folds French to ASCII before the layout, so no line passes the roll width (42 columns at 80 mm, 32 at 58 mm) and œ is not a "?"', () => {
    for (const [width, columns] of [[80, 42], [58, 32]] as const) {
      const text = thermalText(core, 1, width);
      const lines = text.split('\n');
      expect(lines.filter((l) => l.length > columns), `${width} mm`).toEqual([]);
      expect(text).not.toMatch(/[^\x20-\x7e\n]/);
      expect(text).not.toContain('?');
      for (const expected of ['Boeuf & Oeufs - Chez Helene', 'Oeufs frais x6', 'Boeuf hache', '6,00 EUR', '10,00 EUR', '4,00 EUR']) expect(text, `${width} mm`).toContain(expected);
      // an amount stays whole at the right edge
      expect(lines.find((l) => l.startsWith('TOTAL'))).toMatch(/ 6,00 EUR$/);
    }
  });

  it('lays an 80 mm roll out on 48 columns when the printer takes them: amounts end at the 48th, a 58 mm roll keeps 32', () => {
    const wide = thermalText(core, 1, 80, 48).split('\n');
    expect(wide.filter((l) => l.length > 48)).toEqual([]);
    expect(wide.find((l) => l.startsWith('TOTAL'))).toMatch(/^TOTAL {30,} 6,00 EUR$/);
    expect(wide.find((l) => l.startsWith('TOTAL'))).toHaveLength(48);
    expect(wide.filter((l) => /^-+$/.test(l)).every((l) => l.length === 48)).toBe(true);
    expect(thermalText(core, 1, 58, 48).split('\n').every((l) => l.length <= 32)).toBe(true);
  });

  it('writes quantities and VAT rates in the shop’s language: a decimal comma in French, a point in English; weighed goods with their unit', async () => {
    const fr = thermalText(core, 1, 80);
    expect(fr).toContain('0,125 kg x 19,99 EUR/kg');
    expect(fr).toContain('dont TVA 5,5 %');
    expect(fr).not.toMatch(/0\.125|5\.5/);
    const pdf = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: 1 }));
    expect(pdf.text).toContain('0,125 kg x 19,99 €/kg');
    expect(pdf.text).toContain('TVA 5,5 %');
    await must(core.call('settings.save', { locale: 'en' }));
    const en = thermalText(core, 1, 80);
    expect(en).toContain('0.125 kg x EUR 19.99/kg');
    expect(en).toContain('incl. VAT 5.5%');
    expect(en.split('\n').every((l) => l.length <= 42)).toBe(true);
  });
});

describe('a return receipt adds up to the refund', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    await must(core.call('settings.save', { currency: 'EUR', locale: 'fr', shopName: 'Épicerie' }));
    await must(core.call('products.save', { sku: 'A', name: 'Huile d’olive 1 l', priceMinor: 1000, vatRateBp: 550 }));
    await must(core.call('products.save', { sku: 'B', name: 'Sel', priceMinor: 300 }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 10 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  /** The receipt's line amounts (gross, then discounts) between the first two rules after the title. */
  const lineAmounts = (text: string) => {
    const body = text.split(/^-{20,}$/m)[2];
    return body
      .split('\n')
      .flatMap((l) => {
        const m = /-?\d+,\d\d (€|EUR)$/.exec(l);
        return m ? [amount(m[0])] : [];
      });
  };
  const refunded = (text: string) => amount(/(REMBOURSÉ|REMBOURSE) +(.*)$/m.exec(text)![2]);

  it('prints the part of the line discount and of the sale discount that goes back, in the text, the PDF and the ESC/POS bytes', async () => {
    // 2 x 10,00 € less 5,00 € on the line, and 1,30 € off the sale spread over both lines
    await must(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2, discountMinor: 500 }, { productId: 2, quantity: 1 }], saleDiscountMinor: 130, tenders: [{ tender: 'cash', amountMinor: 2000 }] }));
    const back = await must<{ cart: { totalMinor: number } }>(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 1 }] }));
    const doc = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: 2 }));
    expect(doc.text).toContain('Remise');
    const lines = lineAmounts(doc.text);
    expect(lines.reduce((a, b) => a + b, 0)).toBe(back.cart.totalMinor);
    expect(refunded(doc.text)).toBe(back.cart.totalMinor);

    const thermal = thermalText(core, 2, 80);
    expect(lineAmounts(thermal).reduce((a, b) => a + b, 0)).toBe(back.cart.totalMinor);
    expect(refunded(thermal)).toBe(back.cart.totalMinor);

    const file = join(tmp.dir, 'return.pdf');
    writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
    const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    for (const row of doc.text.split('\n').filter((l) => /Remise/.test(l))) expect(pdf).toContain(/-\d+,\d\d €$/.exec(row)![0]);
  });

  it('the return of 1 of 2 sold at 10,00 € with 5,00 € off the line reads 10,00 € less 2,50 € = 7,50 €', async () => {
    await must(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2, discountMinor: 500 }], tenders: [{ tender: 'cash', amountMinor: 1500 }] }));
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }] }));
    const doc = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: 2 }));
    expect(lineAmounts(doc.text)).toEqual([1000, -250]);
    expect(refunded(doc.text)).toBe(750);
    // the second unit back takes the rest of the discount
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }] }));
    const second = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: 3 }));
    expect(lineAmounts(second.text)).toEqual([1000, -250]);
    expect(refunded(second.text)).toBe(750);
  });
});

describe('sale lines written before migration 0020 (no gross_minor)', () => {
  it('read back their amount as quantity × unit price', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    const db = core.store.sqlite;
    db.prepare(
      `INSERT INTO sales (receipt_no, kind, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, paid_minor, change_minor, currency)
       VALUES (7, 'sale', 1, '2026-05-01T09:00:00Z', '2026-05-01', 1625, 0, 1625, 2000, 375, 'XOF')`,
    ).run();
    db.prepare(
      `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty_milli, unit_price_minor, list_price_minor, discount_minor, net_minor, vat_rate_bp, vat_minor, movement_id)
       VALUES (1, 1, 1, 'Riz', 2500, 650, 650, 0, 1625, 0, 0, 1)`,
    ).run();
    expect(loadSale(db, 7).cart.lines[0]).toMatchObject({ quantity: 2.5, grossMinor: 1625, netMinor: 1625 });
    core.close();
    tmp.cleanup();
  });
});

