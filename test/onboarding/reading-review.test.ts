import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { specificIssueText } from '../../src/renderer/src/api/error-text';
import { CsvSplitter, parseDate, parseDecimal, parseMoneyMinor } from '../../src/main/services/onboarding';
import { sepLine } from '../../src/main/services/onboarding/csv';
import { detectEncoding, MixedUtf8Decoder } from '../../src/main/services/onboarding/encoding';
import { readMoneyMinor } from '../../src/main/services/onboarding/values';
import { must } from '../helpers/core';
import { translator } from '../helpers/messages';
import { openShop, seedProducts, soldBySku, type Shop } from './helpers';

/** How the reviewer's files were read wrong: amounts, encodings, Excel's filler lines and hints, dates, sales days. */

let shop: Shop;
beforeEach(() => {
  shop = openShop();
});
afterEach(() => shop.close());

const products = () =>
  shop.core.store.sqlite.prepare('SELECT sku, name, price_minor AS price, cost_minor AS cost FROM products ORDER BY id').all() as {
    sku: string;
    name: string;
    price: number;
    cost: number;
  }[];

function setCurrency(code: string): void {
  shop.core.store.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('currency', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(code));
  shop.core.services.settings.forget();
}

describe('amounts are never rounded, and dots group thousands in a currency without decimals', () => {
  it('reads FCFA thousands written with a dot or a comma, and refuses decimals FCFA does not have', () => {
    expect(parseMoneyMinor('15.000 FCFA', 0)).toBe(15000);
    expect(parseMoneyMinor('1.250 FCFA', 0)).toBe(1250);
    expect(parseMoneyMinor('12.500', 0)).toBe(12500);
    expect(parseMoneyMinor('1.250.000 F', 0)).toBe(1250000);
    expect(parseMoneyMinor('15,000', 0)).toBe(15000);
    expect(parseMoneyMinor('1 000 FCFA', 0)).toBe(1000);
    expect(parseMoneyMinor('800,00 FCFA', 0)).toBe(800); // zeros past the currency's decimals round nothing
    expect(readMoneyMinor('1,5', 0)).toEqual({ error: 'too_precise_amount' });
    expect(readMoneyMinor('12.5', 0)).toEqual({ error: 'too_precise_amount' });
    expect(readMoneyMinor('1.25 FCFA', 0)).toEqual({ error: 'too_precise_amount' });
    expect(readMoneyMinor('1.2.3', 0)).toEqual({ error: 'not_amount' });
    expect(parseMoneyMinor('1,5', 0)).toBeNull();
  });

  it('reads euros with dot thousands and comma decimals, and refuses a third decimal or a « 1.250 » it would have to guess', () => {
    expect(parseMoneyMinor('1.250,50 €', 2)).toBe(125050);
    expect(parseMoneyMinor('1,250.50', 2)).toBe(125050);
    expect(parseMoneyMinor('1 250,5', 2)).toBe(125050);
    expect(parseMoneyMinor('12,50 €', 2)).toBe(1250);
    expect(parseMoneyMinor('12,5000', 2)).toBe(1250);
    expect(parseMoneyMinor('-3,10', 2)).toBe(-310);
    expect(readMoneyMinor('12,505 €', 2)).toEqual({ error: 'too_precise_amount' });
    expect(readMoneyMinor('1.250', 2)).toEqual({ error: 'too_precise_amount' }); // 1,25 € or 1 250 €?
    expect(readMoneyMinor('1.000 €', 2)).toEqual({ error: 'too_precise_amount' });
    expect(readMoneyMinor('1.25,50', 2)).toEqual({ error: 'not_amount' }); // thousands not in threes
    expect(parseDecimal('1.250.000')).toBe(1250000);
    expect(parseDecimal('1,2,3')).toBeNull();
  });

  it('imports an XOF shop’s « 15.000 FCFA » as 15000 and refuses « 1,5 » naming the line, column and value', async () => {
    const csv = "Référence;Désignation;Prix de vente;Prix d'achat\r\nRIZ25;Riz brisé 25kg;15.000 FCFA;12.500\r\nHUI1;Huile Dinor 1L;1.250 FCFA;1.000\r\nBON;Bonbon;1,5;1\r\n";
    const r = await shop.run({ kind: 'products', file: shop.file('p.csv', csv) });
    expect(r).toMatchObject({ rows: 3, written: 2, invalid: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ line: 4, column: 'Prix de vente', params: { specific: 'too_precise_amount', value: '1,5' } })]);
    expect(products()).toEqual([
      { sku: 'RIZ25', name: 'Riz brisé 25kg', price: 15000, cost: 12500 },
      { sku: 'HUI1', name: 'Huile Dinor 1L', price: 1250, cost: 1000 },
    ]);
  });

  it('imports « 1.250,50 € » in a euro shop and refuses « 2,999 » instead of rounding it', async () => {
    setCurrency('EUR');
    const r = await shop.run({ kind: 'products', file: shop.file('p.csv', 'sku;nom;prix\nA;Alpha;1.250,50 €\nB;Beta;2,999\n') });
    expect(r).toMatchObject({ rows: 2, written: 1, invalid: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ line: 3, column: 'prix', params: expect.objectContaining({ value: '2,999' }) })]);
    expect(products()).toEqual([{ sku: 'A', name: 'Alpha', price: 125050, cost: 0 }]);
  });

  it('says a too precise amount in French and English', () => {
    const params = { specific: 'too_precise_amount', value: '1,5' };
    expect(specificIssueText(params, translator('fr'), 'fr')).toContain('« 1,5 » a plus de décimales');
    expect(specificIssueText(params, translator('en'), 'en')).toContain('« 1,5 » has more decimals');
  });
});

describe('a UTF-8 file with a few Windows-1252 bytes', () => {
  const cp1252Line = Buffer.from('LAI;Lait caill\xe9;400\r\n', 'latin1');

  it('decodes each invalid byte as Windows-1252 and the rest as UTF-8, whatever the chunks', () => {
    const bytes = Buffer.concat([Buffer.from('\ufeffCafé;Thé 🍵\n', 'utf8'), cp1252Line, Buffer.from('Œuf;€\n', 'utf8'), Buffer.from([0xe9])]);
    const expected = 'Café;Thé 🍵\nLAI;Lait caillé;400\r\nŒuf;€\né';
    expect(new MixedUtf8Decoder().decode(bytes)).toBe(expected);
    for (let size = 1; size <= 5; size++) {
      const d = new MixedUtf8Decoder();
      let text = '';
      for (let i = 0; i < bytes.length; i += size) text += d.decode(bytes.subarray(i, i + size), { stream: true });
      text += d.decode();
      expect(text).toBe(expected);
    }
  });

  it('detects mostly-UTF-8 files as mixed, a BOM as UTF-8, and a Windows file as Windows-1252', async () => {
    const mixed = shop.file('mixed.csv', Buffer.concat([Buffer.from('Ref;Nom\r\nCAF;Café\r\nTHE;Thé\r\n', 'utf8'), cp1252Line]));
    expect(await detectEncoding(mixed)).toEqual({ encoding: 'utf-8', mixed: true });
    const bom = shop.file('bom.csv', Buffer.concat([Buffer.from('\ufeffRef;Nom\r\n', 'utf8'), cp1252Line, cp1252Line]));
    expect(await detectEncoding(bom)).toEqual({ encoding: 'utf-8', mixed: true });
    const windows = shop.file('win.csv', Buffer.from('Réf;Désignation\r\nA;Thé\r\n', 'latin1'));
    expect(await detectEncoding(windows)).toEqual({ encoding: 'windows-1252', mixed: false });
    const utf8 = shop.file('utf8.csv', Buffer.from('Réf;Désignation\r\n', 'utf8'));
    expect(await detectEncoding(utf8)).toEqual({ encoding: 'utf-8', mixed: false });
  });

  it('imports every name right from a UTF-8 file with one line typed in a Windows program', async () => {
    const file = shop.file('p.csv', Buffer.concat([Buffer.from('Ref;Nom;Prix\r\nCAF;Café Touba 250g;1000\r\nTHE;Thé vert Chinois;500\r\n', 'utf8'), cp1252Line]));
    const r = await shop.run({ kind: 'products', file });
    expect(r).toMatchObject({ encoding: 'utf-8', written: 3, invalid: 0 });
    expect(products().map((p) => p.name)).toEqual(['Café Touba 250g', 'Thé vert Chinois', 'Lait caillé']);
  });

  it('reads the accented headers of a UTF-8 file with a BOM and a bad byte', async () => {
    const file = shop.file('p.csv', Buffer.concat([Buffer.from('\ufeffRéférence;Désignation;Prix\r\nCAF2;Café Touba 500g;1900\r\n', 'utf8'), cp1252Line]));
    const r = await shop.run({ kind: 'products', file });
    expect(r.fileError).toBeNull();
    expect(r.columns).toMatchObject({ sku: 'Référence', name: 'Désignation', price: 'Prix' });
    expect(products().map((p) => p.name)).toEqual(['Café Touba 500g', 'Lait caillé']);
  });
});

describe('Excel’s CSV quirks', () => {
  it('skips records whose cells are all blank, quoted or not, and keeps counting their lines', () => {
    const s = new CsvSplitter(';');
    const text = 'a;b;c\r\n1;2;3\r\n;;;\r\n ; \t;\r\n"";"";""\r\n4;"x";5\r\n;;\r\n';
    expect([...s.push(text), ...s.end()]).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 6, fields: ['4', 'x', '5'] },
    ]);
  });

  it('imports a file ending with « ;;; » filler lines all-or-nothing', async () => {
    const csv = 'Référence;Désignation;Prix;Stock\r\nRIZ25;Riz brisé 25kg;15000;10\r\nHUI1;Huile Dinor 1L;1250;24\r\n;;;\r\n;;;\r\n;;;\r\n';
    const r = await shop.run({ kind: 'products', file: shop.file('p.csv', csv), allOrNothing: true });
    expect(r).toMatchObject({ rows: 2, invalid: 0, written: 2, committed: true, issues: [] });
    expect(products().map((p) => p.sku)).toEqual(['RIZ25', 'HUI1']);
  });

  it('recognises Excel’s « sep= » line', () => {
    expect(sepLine('sep=;\r\na;b\r\n')).toEqual({ delimiter: ';', rest: 'a;b\r\n' });
    expect(sepLine('SEP=,\na,b')).toEqual({ delimiter: ',', rest: 'a,b' });
    expect(sepLine('sep=:\na:b')).toEqual({ delimiter: null, rest: 'a:b' });
    expect(sepLine('a;b\nsep=;')).toBeNull();
  });

  it('skips a first « sep=; » line and splits on its character, lines counted from the file’s first', async () => {
    const r = await shop.run({ kind: 'products', file: shop.file('p.csv', '\ufeffsep=,\r\nRéférence,Désignation,Prix\r\nRIZ,Riz; brisé,500\r\nHUI,Huile,-3\r\n') });
    expect(r).toMatchObject({ fileError: null, delimiter: ',', rows: 2, written: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ line: 4, column: 'Prix', code: 'negative' })]);
    expect(products()).toEqual([{ sku: 'RIZ', name: 'Riz; brisé', price: 500, cost: 0 }]);
  });
});

describe('past sales on a day that only had a stock receipt', () => {
  it('imports them into the receipt’s day, and refuses them once they are in the history', async () => {
    await seedProducts(shop, ['RIZ25']);
    const id = (shop.core.store.sqlite.prepare("SELECT id FROM products WHERE sku = 'RIZ25'").get() as { id: number }).id;
    await must(shop.core.call('ledger.record', { lines: [{ productId: id, kind: 'receipt', quantity: 20 }] }));
    const day = () => shop.core.store.sqlite.prepare("SELECT sold_milli AS sold, end_stock_milli AS stock FROM daily_sales WHERE date = '2026-03-15'").get();
    expect(day()).toEqual({ sold: 0, stock: 20000 });
    const file = shop.file('v.csv', 'Date;Code article;Quantité\r\n14/03/2026;RIZ25;2\r\n15/03/2026;RIZ25;3\r\n');
    const r = await shop.run({ kind: 'sales', file });
    expect(r).toMatchObject({ rows: 2, invalid: 0, written: 2, issues: [] });
    expect(soldBySku(shop.core).get('RIZ25')).toBe(5);
    expect(day()).toEqual({ sold: 3000, stock: 20000 });
    const again = await shop.run({ kind: 'sales', file });
    expect(again).toMatchObject({ written: 0, invalid: 2 });
    expect(again.issues[1]).toMatchObject({ line: 3, code: 'already_in_history', params: { specific: 'sales_in_history', code: 'RIZ25', date: '2026-03-15' } });
    expect(soldBySku(shop.core).get('RIZ25')).toBe(5);
  });
});

describe('dates left as numbers (Excel serials)', () => {
  it('reads a 1900-system serial in a plausible range and refuses other numbers', () => {
    expect(parseDate('46074')).toBe('2026-02-21');
    expect(parseDate('46074.75')).toBe('2026-02-21');
    expect(parseDate('25569')).toBe('1970-01-01');
    expect(parseDate('73415')).toBe('2100-12-31');
    expect(parseDate('10000')).toBe('1927-05-18');
    expect(parseDate('73416')).toBeNull();
    expect(parseDate('2024')).toBeNull(); // a year, not 1905-07-16
    expect(parseDate('9999')).toBeNull();
    expect(parseDate('123456')).toBeNull();
    expect(parseDate('-46074')).toBeNull();
  });

  it('imports the sales of an .xlsx whose date cell was left in the General format', async () => {
    await seedProducts(shop, ['RIZ', 'HUI', 'SUC']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ventes');
    ws.addRow(['Date', 'Code article', 'Quantité']);
    ws.addRow([new Date(Date.UTC(2026, 1, 21)), 'RIZ', 2]);
    ws.getCell('A2').numFmt = 'dd/mm/yyyy';
    ws.addRow([46074, 'HUI', 3]);
    ws.addRow([2026, 'SUC', 1]);
    const path = join(shop.dir, 'ventes.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await shop.run({ kind: 'sales', file: path });
    expect(r).toMatchObject({ rows: 3, written: 2, invalid: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ line: 4, column: 'Date', code: 'bad_date', params: { specific: 'not_date', value: '2026' } })]);
    const days = shop.core.store.sqlite.prepare('SELECT p.sku, d.date FROM daily_sales d JOIN products p ON p.id = d.product_id ORDER BY p.sku').all();
    expect(days).toEqual([
      { sku: 'HUI', date: '2026-02-21' },
      { sku: 'RIZ', date: '2026-02-21' },
    ]);
  });
});
