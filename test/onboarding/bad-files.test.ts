import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/main/services/onboarding';
import { checksum, openShop, seedProducts, type Shop } from './helpers';

let shop: Shop;
let before: string;
beforeEach(async () => {
  shop = openShop();
  await seedProducts(shop, ['A', 'B']);
  before = checksum(shop.core);
});
afterEach(() => shop.close());

/** Row-level problems: each is listed with its line and column, and all-or-nothing leaves the shop as it was. */
describe('bad rows are listed with line and column, the shop unchanged', () => {
  const rowCases: { name: string; kind: 'sales' | 'products' | 'stock'; csv: string; line: number; column: string; code: string; text: RegExp }[] = [
    { name: 'text in a quantity column', kind: 'sales', csv: 'item_id,date,qty\nA,2026-01-05,2\nA,2026-01-06,beaucoup\n', line: 3, column: 'qty', code: 'not_a_number', text: /beaucoup/ },
    { name: 'an unknown product code', kind: 'sales', csv: 'item_id,date,qty\nA,2026-01-05,2\nZZ-9,2026-01-06,1\n', line: 3, column: 'item_id', code: 'unknown_product', text: /ZZ-9/ },
    { name: 'an unparseable date', kind: 'sales', csv: 'item_id,date,qty\nA,31/02/2026,2\n', line: 2, column: 'date', code: 'bad_date', text: /31\/02\/2026/ },
    { name: 'a date in the future', kind: 'sales', csv: 'item_id,date,qty\nA,2027-01-01,2\n', line: 2, column: 'date', code: 'future_date', text: /future/ },
    { name: 'a negative quantity', kind: 'sales', csv: 'item_id,date,qty\nA,2026-01-05,-2\n', line: 2, column: 'qty', code: 'negative', text: /negative/ },
    { name: 'a stock quantity finer than thousandths', kind: 'stock', csv: 'Référence;Quantité\nA;1,2345\n', line: 2, column: 'Quantité', code: 'too_precise', text: /3 decimals/ },
    { name: 'an unknown product in opening stock', kind: 'stock', csv: 'Référence;Quantité\nA;1\nX;2\n', line: 3, column: 'Référence', code: 'unknown_product', text: /« X »/ },
    { name: 'an expiry that is not a date', kind: 'stock', csv: 'Référence;Quantité;DLC\nA;1;bientôt\n', line: 2, column: 'DLC', code: 'bad_date', text: /bientôt/ },
    { name: 'a duplicate SKU in the file', kind: 'products', csv: 'sku,name,price\nN1,Riz,500\nN1,Sucre,400\n', line: 3, column: 'sku', code: 'duplicate_in_file', text: /line 2/ },
    { name: 'a SKU already in the shop', kind: 'products', csv: 'sku,name,price\nN1,Riz,500\na,Sucre,400\n', line: 3, column: 'sku', code: 'duplicate_in_db', text: /already used/ },
    { name: 'a negative price', kind: 'products', csv: 'sku;désignation;prix de vente\nN1;Riz;-500\n', line: 2, column: 'prix de vente', code: 'negative', text: /negative/ },
    { name: 'a price that is not a number', kind: 'products', csv: 'sku;désignation;PV\nN1;Riz;cinq cents\n', line: 2, column: 'PV', code: 'not_a_number', text: /cinq cents/ },
    { name: 'an empty name', kind: 'products', csv: 'sku,libellé,prix\nN1,,500\n', line: 2, column: 'libellé', code: 'required', text: /empty/ },
  ];
  for (const c of rowCases) {
    it(c.name, async () => {
      const path = shop.file('bad.csv', c.csv);
      for (const options of [{ dryRun: true }, { allOrNothing: true }]) {
        const r = await shop.run({ kind: c.kind, file: path, ...options });
        expect(r.fileError).toBeNull();
        expect(r.committed).toBe(false);
        expect(r.written).toBe(0);
        expect(r.invalid).toBe(1);
        expect(r.issues).toHaveLength(1);
        const issue = r.issues[0]!;
        expect(issue).toMatchObject({ line: c.line, column: c.column, code: c.code });
        expect(issue.message).toMatch(c.text);
        expect(describeIssue(issue)).toMatch(new RegExp(`^line ${c.line}, column « ${c.column.replace(/[()]/g, '\\$&')} »: `));
        expect(checksum(shop.core)).toBe(before);
      }
    });
  }

  it('lists every bad row of a file, in order', async () => {
    const path = shop.file('bad.csv', 'item_id,date,qty\nA,2026-01-05,x\nB,hier,1\nQ,2026-01-05,1\nA,2026-01-06,1\nB,2026-01-06,\n');
    const r = await shop.run({ kind: 'sales', file: path, dryRun: true });
    expect(r.issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual([
      '2:qty:not_a_number',
      '3:date:bad_date',
      '4:item_id:unknown_product',
      '6:qty:required',
    ]);
    expect(r.valid).toBe(1);
    expect(checksum(shop.core)).toBe(before);
  });
});

/** File-level problems: one error naming the cause; nothing written even in the default mode. */
describe('bad files are refused whole, the shop unchanged', () => {
  const fileCases: { name: string; kind: 'sales' | 'products'; content: string | Buffer; code: string; text: RegExp; line?: number }[] = [
    { name: 'a missing required column', kind: 'sales', content: 'item_id,date\nA,2026-01-05\n', code: 'missing_column', text: /missing required column: quantity/, line: 1 },
    { name: 'two missing columns', kind: 'sales', content: 'produit;montant\nA;500\n', code: 'missing_column', text: /columns: date, quantity/ },
    { name: 'an empty file', kind: 'sales', content: '', code: 'empty_file', text: /empty/ },
    { name: 'a file with only a BOM and blank lines', kind: 'products', content: '\ufeff\r\n\r\n', code: 'empty_file', text: /empty/ },
    { name: 'a binary file', kind: 'sales', content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), code: 'not_text', text: /not a CSV file/ },
    { name: 'an Excel workbook', kind: 'products', content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), code: 'not_text', text: /could not be read as an Excel .xlsx file.*save it as .xlsx or CSV/ },
    { name: 'a wrong delimiter giving a single column', kind: 'sales', content: 'item_id:date:qty\nA:2026-01-05:2\n', code: 'single_column', text: /only one column/ },
    { name: 'a single-column products file with an unknown separator', kind: 'products', content: 'désignation#prix\nRiz#500\n', code: 'single_column', text: /only one column/ },
    { name: 'a quote never closed', kind: 'sales', content: 'item_id,date,qty\nA,2026-01-05,2\n"A,2026-01-06,3\nB,2026-01-06,1\n', code: 'unterminated_quote', text: /never closed/, line: 3 },
  ];
  for (const c of fileCases) {
    it(c.name, async () => {
      const path = shop.file('bad.csv', c.content);
      const r = await shop.run({ kind: c.kind, file: path });
      expect(r.fileError).not.toBeNull();
      expect(r.fileError!.code).toBe(c.code);
      expect(r.fileError!.message).toMatch(c.text);
      if (c.line !== undefined) expect(r.fileError!.line).toBe(c.line);
      expect(r.committed).toBe(false);
      expect(r.written).toBe(0);
      expect(checksum(shop.core)).toBe(before);
    });
  }

  it('a cancelled import writes nothing', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `A,2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},1`);
    const path = shop.file('big.csv', `item_id,date,qty\n${rows.join('\n')}\n`);
    const controller = new AbortController();
    const r = await shop.run({ kind: 'sales', file: path, signal: controller.signal, onProgress: () => controller.abort() });
    expect(r.fileError?.code).toBe('cancelled');
    expect(r.committed).toBe(false);
    expect(checksum(shop.core)).toBe(before);
  });
});
