import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import type { ScanMatch } from '../../src/shared/api/contract';
import type { CompletedSale, ReceiptDocument } from '../../src/shared/domain/sale';
import { must, openTestCore, tempDir } from '../helpers/core';

/** pdftotext (Debian's poppler-utils) reads the PDF as a person would see it. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('the till through the API contract', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    await must(core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Rue 10, Dakar', currency: 'XOF' }));
    await must(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, vatRateBp: 1800, barcodes: ['6001234500018'] }));
    await must(core.call('products.save', { sku: '12345', name: 'Viande de boeuf', priceMinor: 4000, unit: 'kg' }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('resolves barcodes, SKUs and scale labels; an unknown code is a clear error', async () => {
    expect(await must(core.call('pos.scan', { code: '6001234500018' }))).toMatchObject({ product: { sku: 'LAIT' }, quantity: 1 });
    expect(await must(core.call('pos.scan', { code: 'lait' }))).toMatchObject({ product: { sku: 'LAIT' } });
    const body = '201234501250';
    expect(await must(core.call('pos.scan', { code: body + ean13CheckDigit(body) }))).toMatchObject({ product: { sku: '12345' }, quantity: 1.25 });
    expect(await core.call('pos.scan', { code: '9999999999994' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'code', message: expect.stringContaining('unknown barcode') } });
    expect(await core.call('pos.scan', { code: '6001234500019' })).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('check digit') } });
  });

  it("the shop's own code that starts 20–29 like a scale label is its product, sold by the piece, not read as a weight", async () => {
    // a shop-printed code whose item digits (12345) are also the beef's SKU: registered whole, it is the oil
    const own = '211234500150' + ean13CheckDigit('211234500150');
    await must(core.call('products.save', { sku: 'HUILE', name: 'Huile 1 l', priceMinor: 1500, barcodes: [own] }));
    expect(await must(core.call('pos.scan', { code: own }))).toMatchObject({ product: { sku: 'HUILE' }, quantity: 1, labelCode: null, amountMinor: null });
    // a real weight label for the beef still reads as one
    const beef = '211234501500';
    expect(await must(core.call('pos.scan', { code: beef + ean13CheckDigit(beef) }))).toMatchObject({ product: { sku: '12345' }, quantity: 1.5 });
  });

  it('checks out, then prints an 80 mm receipt whose text has the lines, VAT, tenders and change', async () => {
    const sale = await must<CompletedSale>(
      core.call('pos.checkout', {
        lines: [
          { productId: 1, quantity: 2 },
          { productId: 2, quantity: 1.25 },
        ],
        tenders: [{ tender: 'cash', amountMinor: 15000 }],
      }),
    );
    expect(sale.cart.totalMinor).toBe(5900 + 5000);
    const receipt = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }));
    const file = join(tmp.dir, 'receipt.pdf');
    writeFileSync(file, Buffer.from(receipt.pdfBase64, 'base64'));
    const text = pdfText(file).replace(/[\u00a0\u202f]/g, ' ');
    for (const expected of ['Alimentation Awa', 'Ticket N° 1', 'Lait en poudre 400 g', '2 x 2 950 FCFA', '5 900 FCFA', 'Viande de boeuf', '1,25 kg x 4 000 FCFA/kg', 'TOTAL', '10 900 FCFA', 'TVA 18 %', '900 FCFA', 'Espèces', '15 000 FCFA', 'Rendu', '4 100 FCFA']) {
      expect(text).toContain(expected);
    }
    const narrow = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo, width: 58 }));
    expect(narrow.text.split('\n').every((l) => l.length <= 32)).toBe(true);
    expect(await core.call('pos.receipt', { receiptNo: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ lines: [], tenders: [{ tender: 'cash', amountMinor: 1 }] }, 'lines'],
      [{ lines: [{ productId: 1, quantity: 0 }], tenders: [{ tender: 'cash', amountMinor: 1 }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: 1, quantity: -2 }], tenders: [{ tender: 'cash', amountMinor: 1 }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 100 }] }, 'tenders'],
      [{ lines: [{ productId: 1, quantity: 1 }], tenders: [{ tender: 'bitcoin', amountMinor: 5000 }] }, 'tenders.0.tender'],
    ];
    for (const [input, field] of cases) expect(await core.call('pos.checkout', input), field).toMatchObject({ ok: false, error: { field } });
    expect((core.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(0);
    expect((core.store.sqlite.prepare('SELECT count(*) AS n FROM movements').get() as { n: number }).n).toBe(0);
  });
});

describe('scale labels that carry a price', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const label = (item: string, minor: number) => {
    const first12 = `25${item}${String(minor).padStart(5, '0')}`;
    return first12 + ean13CheckDigit(first12);
  };
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    await must(core.call('settings.save', { currency: 'EUR', locale: 'fr' }));
    await must(core.call('products.save', { sku: '12345', name: 'Comté AOP', unit: 'kg', priceMinor: 2999 }));
    await must(core.call('products.save', { sku: '12346', name: 'Jambon', unit: 'kg', priceMinor: 1500 }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 10 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('charges exactly the label’s amount (10,00 €), takes the weight it buys out of stock, and reprints and refunds that amount', async () => {
    const comte = await must<ScanMatch>(core.call('pos.scan', { code: label('12345', 1000) }));
    const jambon = await must<ScanMatch>(core.call('pos.scan', { code: label('12346', 1000) }));
    expect(comte).toMatchObject({ quantity: 0.333, labelCode: label('12345', 1000), amountMinor: 1000 });
    expect(jambon).toMatchObject({ quantity: 0.667, labelCode: label('12346', 1000), amountMinor: 1000 });
    const sale = await must<CompletedSale>(
      core.call('pos.checkout', {
        lines: [comte, jambon].map((m) => ({ productId: m.product.id, quantity: m.quantity, labelCode: m.labelCode })),
        tenders: [{ tender: 'cash', amountMinor: 2000 }],
      }),
    );
    expect(sale.cart.lines.map((l) => [l.grossMinor, l.netMinor])).toEqual([[1000, 1000], [1000, 1000]]);
    expect(sale.cart.totalMinor).toBe(2000);
    expect(core.services.ledger.onHand([1, 2]).map((s) => s.onHand)).toEqual([9.667, 9.333]);
    // a reprint reads the amount back as it was charged, not weight x shelf price again
    const doc = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }));
    // the label's amount, not a weight x price per kg that would not multiply out to it (0,333 x 29,99 = 9,99)
    expect(doc.text.match(/^ {2}Étiquette balance +10,00 €$/gm)).toHaveLength(2);
    expect(doc.text).toMatch(/TOTAL +20,00 €/);
    const refund = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 0.333 }] }));
    expect(refund.cart.totalMinor).toBe(1000);
  });

  it('re-reads the label in main: a label for another product, another quantity or price, or a weight label is refused, naming the field, and nothing is written', async () => {
    const code = label('12345', 1000);
    const weight = '201234501250';
    const cases: [unknown, string][] = [
      [{ productId: 2, quantity: 0.333, labelCode: code }, 'lines.0.labelCode'],
      [{ productId: 1, quantity: 1, labelCode: code }, 'lines.0.quantity'],
      [{ productId: 1, quantity: 0.333, labelCode: code, unitPriceMinor: 1 }, 'lines.0.unitPriceMinor'],
      [{ productId: 1, quantity: 1.25, labelCode: weight + ean13CheckDigit(weight) }, 'lines.0.labelCode'],
      [{ productId: 1, quantity: 0.333, labelCode: code.slice(0, 12) + ((Number(code[12]) + 1) % 10) }, 'lines.0.labelCode'],
    ];
    for (const [line, field] of cases) {
      expect(await core.call('pos.checkout', { lines: [line], tenders: [{ tender: 'cash', amountMinor: 5000 }] }), field).toMatchObject({ ok: false, error: { code: 'validation', field } });
    }
    expect([count('sales'), count('movements')]).toEqual([0, 2]);
  });

  it('a parked label line comes back with the label’s amount', async () => {
    const m = await must<ScanMatch>(core.call('pos.scan', { code: label('12345', 1000) }));
    const parked = await must<{ id: number; totalMinor: number }>(core.call('pos.park', { label: 'Mme Diop', lines: [{ productId: 1, quantity: m.quantity, labelCode: m.labelCode }] }));
    expect(parked.totalMinor).toBe(1000);
    const resumed = await must<{ lines: { quantity: number; labelCode?: string | null; amountMinor?: number | null }[] }>(core.call('pos.resume', { id: parked.id }));
    expect(resumed.lines[0]).toMatchObject({ quantity: 0.333, labelCode: m.labelCode, amountMinor: 1000 });
  });
});

describe('a sale that costs nothing', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    await must(core.call('products.save', { sku: 'OFFERT', name: 'Sachet offert', priceMinor: 0 }));
    await must(core.call('products.save', { sku: 'SAVON', name: 'Savon', priceMinor: 500 }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 10 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('checks out a free item or a 100 % discount with no tender at all, and refuses any tender for it', async () => {
    const free = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }], tenders: [] }));
    expect(free).toMatchObject({ paidMinor: 0, changeMinor: 0, tenders: [] });
    expect(free.cart.totalMinor).toBe(0);
    const discounted = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 1 }], saleDiscountMinor: 500, tenders: [] }));
    expect(discounted.cart.totalMinor).toBe(0);
    expect(core.store.sqlite.prepare('SELECT receipt_no, total_minor, paid_minor, change_minor FROM sales ORDER BY id').all()).toEqual([
      { receipt_no: 1, total_minor: 0, paid_minor: 0, change_minor: 0 },
      { receipt_no: 2, total_minor: 0, paid_minor: 0, change_minor: 0 },
    ]);
    expect(core.store.sqlite.prepare('SELECT count(*) AS n FROM sale_tenders').get()).toEqual({ n: 0 });
    expect(core.services.ledger.onHand([1, 2]).map((s) => s.onHand)).toEqual([9, 9]);
    for (const tenders of [[{ tender: 'cash', amountMinor: 0 }], [{ tender: 'cash', amountMinor: 1 }]]) {
      expect(await core.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }], tenders })).toMatchObject({ ok: false, error: { code: 'validation', field: 'tenders', message: expect.stringContaining('nothing to pay') } });
    }
    // a sale that costs something still needs its payment
    expect(await core.call('pos.checkout', { lines: [{ productId: 2, quantity: 1 }], tenders: [] })).toMatchObject({ ok: false, error: { field: 'tenders' } });
    expect(core.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 2 });
  });
});
