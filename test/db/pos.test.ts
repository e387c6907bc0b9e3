import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
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
    for (const expected of ['Alimentation Awa', 'Ticket N° 1', 'Lait en poudre 400 g', '2 x 2 950 FCFA', '5 900 FCFA', 'Viande de boeuf', '1.25 x 4 000 FCFA', 'TOTAL', '10 900 FCFA', 'TVA 18 %', '900 FCFA', 'Espèces', '15 000 FCFA', 'Rendu', '4 100 FCFA']) {
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
