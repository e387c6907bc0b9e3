import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { LabelsDocument, StaleLabel } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';

const NOW = new Date('2026-11-23T10:00:00');

describe('shelf labels (real SQLite, the PDF read back with pdftotext)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let milk: number;
  let soap: number;
  let rice: number;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    await must(core.call('settings.save', { shopName: 'Boutique Ndiaye', locale: 'fr', currency: 'XOF' }));
    const save = async (p: Record<string, unknown>) => (await must<{ id: number }>(core.call('products.save', p))).id;
    // the first barcode is no EAN-13 (a shop's own code), the second is: the label takes the second
    milk = await save({ sku: 'LAIT-400', name: 'Lait en poudre Nido 400 g', priceMinor: 1250, barcodes: ['MAISON-7', '5901234123457'] });
    soap = await save({ sku: 'SAV-72', name: 'Savon de Marseille', priceMinor: 300 });
    rice = await save({ sku: 'RIZ-PARF', name: 'Riz parfumé brisé', unit: 'kg', priceMinor: 650 });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const printed = () => core.store.sqlite.prepare('SELECT product_id AS id, price_minor AS price FROM label_prints ORDER BY product_id').all() as { id: number; price: number }[];

  /** The PDF's pages as pdftotext reads them, no-break spaces as spaces; and their count from pdfinfo. */
  async function make(input: Record<string, unknown>, name = 'labels'): Promise<{ doc: LabelsDocument; pages: string[]; file: string }> {
    const doc = await must<LabelsDocument>(core.call('labels.pdf', input));
    const bytes = Buffer.from(doc.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tmp.dir, `${name}.pdf`);
    writeFileSync(file, bytes);
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(count).toBe(doc.pages);
    const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' '));
    return { doc, pages, file };
  }

  /** Where a word is on page 1, in mm from the top left corner (pdftotext -bbox). */
  function wordAt(file: string, word: string): { x: number; y: number } {
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${word}</word>`).exec(html);
    if (!m) throw new Error(`${word} not on page 1`);
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    return { x: mm(m[1]), y: mm(m[2]) };
  }

  it('a label says the name, the price in FCFA and what it is for, the barcode’s digits, the SKU and the day', async () => {
    const { doc, pages } = await make({ productIds: [milk, soap, rice], format: '21' });
    expect(doc).toMatchObject({ labels: 3, pages: 1, warnings: [], issues: [], fileName: 'etiquettes-2026-11-23.pdf' });
    const text = pages[0];
    for (const s of ['Lait en poudre Nido 400 g', '1 250 FCFA', 'la pièce', 'Savon de Marseille', '300 FCFA', 'Riz parfumé brisé', '650 FCFA', 'le kg', 'Imprimé le 23/11/2026']) expect(text).toContain(s);
    // the EAN-13 under its bars: first digit, then two groups of six
    expect(text).toMatch(/5\s+901234\s+123457/);
    expect(text).toContain('LAIT-400');
    // no EAN-13: Code 128 of the SKU, which the till finds the product by
    expect(text).toContain('SAV-72');
    expect(text).toContain('RIZ-PARF');
    expect(printed()).toEqual([
      { id: milk, price: 1250 },
      { id: soap, price: 300 },
      { id: rice, price: 650 },
    ]);
  });

  it('a euro shop prints 12,50 € in English or French; a product by the kg is « le kg » / "per kg"', async () => {
    // the currency is set before any price: a second shop, in its own file
    core.close();
    mkdirSync(join(tmp.dir, 'eur'));
    core = openTestCore(join(tmp.dir, 'eur'), () => NOW);
    await must(core.call('settings.save', { shopName: 'Épicerie du Marché', locale: 'fr', currency: 'EUR' }));
    milk = (await must<{ id: number }>(core.call('products.save', { sku: 'LAIT', name: 'Lait demi-écrémé 1 L', unit: 'l', priceMinor: 1250 }))).id;
    rice = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz basmati en vrac', unit: 'kg', priceMinor: 650 }))).id;
    const { pages } = await make({ productIds: [milk, rice], format: '24' });
    for (const s of ['12,50 €', 'le litre', '6,50 €', 'le kg']) expect(pages[0]).toContain(s);
    await must(core.call('settings.save', { locale: 'en' }));
    const en = await make({ productIds: [rice], format: '24' }, 'en');
    expect(en.pages[0]).toContain('€ 6.50');
    expect(en.pages[0]).toContain('per kg');
    expect(en.pages[0]).toContain('Printed 23/11/2026');
    expect(en.doc.fileName).toBe('shelf-labels-2026-11-23.pdf');
  });

  it('a packet whose content is said shows its price per kg or litre under the price (French law for prepackaged goods), in FCFA and in euros', async () => {
    await must(core.call('products.save', { id: milk, sku: 'LAIT-400', name: 'Lait en poudre Nido 400 g', priceMinor: 1250, barcodes: ['MAISON-7', '5901234123457'], netContent: { quantity: 400, unit: 'g' } }));
    const oil = (await must<{ id: number }>(core.call('products.save', { sku: 'HUILE-25', name: 'Huile Lesieur', priceMinor: 1000, netContent: { quantity: 25, unit: 'cl' } }))).id;
    // sold by the kg, the price is per kg already: a content said on it adds nothing
    await must(core.call('products.save', { id: rice, sku: 'RIZ-PARF', name: 'Riz parfumé brisé', unit: 'kg', priceMinor: 650, netContent: { quantity: 1, unit: 'kg' } }));
    const { pages, file } = await make({ productIds: [milk, oil, rice, soap], format: '21' });
    // 1 250 F for 400 g is 3 125 F the kg; 1 000 F for 25 cl is 4 000 F the litre
    expect(pages[0]).toContain('400 g · soit 3 125 FCFA le kg');
    expect(pages[0]).toContain('25 cl · soit 4 000 FCFA le litre');
    expect(pages[0].match(/soit/g)).toHaveLength(2);
    // under the price, above the barcode's digits
    expect(wordAt(file, 'soit').y).toBeGreaterThan(wordAt(file, 'pièce').y);
    expect(wordAt(file, 'soit').y).toBeLessThan(wordAt(file, '901234').y);

    core.close();
    mkdirSync(join(tmp.dir, 'eur'));
    core = openTestCore(join(tmp.dir, 'eur'), () => NOW);
    await must(core.call('settings.save', { shopName: 'Épicerie du Marché', locale: 'en', currency: 'EUR' }));
    const jam = (await must<{ id: number }>(core.call('products.save', { sku: 'CONF', name: 'Confiture de fraises', priceMinor: 349, netContent: { quantity: 0.37, unit: 'kg' } }))).id;
    const en = await make({ productIds: [jam], format: '24' }, 'en');
    expect(en.pages[0]).toContain('0.37 kg · € 9.43 per kg');
  });

  it('22 labels on sheets of 21 take 2 pages; starting at a later label shifts them, and may need a second sheet', async () => {
    const two = await make({ productIds: [milk, soap], format: '21', copies: 11 }, 'copies');
    expect(two.doc).toMatchObject({ labels: 22, pages: 2 });
    expect(two.pages[0].match(/Lait en poudre Nido 400 g/g)).toHaveLength(11);
    expect(two.pages[0].match(/Savon de Marseille/g)).toHaveLength(10);
    expect(two.pages[1].match(/Savon de Marseille/g)).toHaveLength(1);

    // label 1: top left of an L7160 sheet (7,21 mm, 15,15 mm, then its 2,5 mm white edge)
    const first = await make({ productIds: [soap], format: '21' }, 'first');
    const at1 = wordAt(first.file, 'Savon');
    expect(at1.x).toBeCloseTo(7.21 + 2.5, 0);
    expect(at1.y).toBeGreaterThan(15.15);
    expect(at1.y).toBeLessThan(15.15 + 5);
    // label 5: second row, middle column
    const fifth = await make({ productIds: [soap], format: '21', startAt: 5 }, 'fifth');
    const at5 = wordAt(fifth.file, 'Savon');
    expect(at5.x - at1.x).toBeCloseTo(66.04, 1);
    expect(at5.y - at1.y).toBeCloseTo(38.1, 1);
    // 24 a sheet: edge to edge, 70 × 37 mm
    const sheet24 = await make({ productIds: [soap], format: '24', startAt: 6 }, 'sixth');
    const at6 = wordAt(sheet24.file, 'Savon');
    expect(at6.x).toBeCloseTo(140 + 2.5, 0);
    expect(at6.y).toBeGreaterThan(37);
    expect(at6.y).toBeLessThan(37 + 5);

    expect((await make({ productIds: [milk], format: '21', startAt: 21 }, 'last')).doc.pages).toBe(1);
    expect((await make({ productIds: [milk, soap], format: '21', startAt: 21 }, 'over')).doc.pages).toBe(2);
  });

  it('a SKU too long for a readable Code 128, or one Code 128 cannot write, gets a label without a barcode, and a warning', async () => {
    const long = (await must<{ id: number }>(core.call('products.save', { sku: 'REF-TRES-LONGUE-0001', name: 'Article à la référence longue', priceMinor: 100 }))).id;
    const accent = (await must<{ id: number }>(core.call('products.save', { sku: 'CAFÉ-250', name: 'Café moulu 250 g', priceMinor: 1500 }))).id;
    const { doc, pages } = await make({ productIds: [long, accent, soap], format: '21' });
    expect(doc.labels).toBe(3);
    expect(doc.issues).toEqual([
      { productId: long, name: 'Article à la référence longue', sku: 'REF-TRES-LONGUE-0001', issue: 'sku_too_long' },
      { productId: accent, name: 'Café moulu 250 g', sku: 'CAFÉ-250', issue: 'sku_not_ascii' },
    ]);
    expect(doc.warnings).toHaveLength(2);
    expect(doc.warnings[0]).toContain('REF-TRES-LONGUE-0001');
    // the price and the SKU are still printed
    expect(pages[0]).toContain('100 FCFA');
    expect(pages[0]).toContain('REF-TRES-LONGUE-0001');
    // 17 characters fit a 63,5 mm label at 0,25 mm a module; 20 do not; 70 mm labels take 19
    const fits = (await must<{ id: number }>(core.call('products.save', { sku: 'ABCDEFGHIJKLMNOPQ', name: 'Dix-sept', priceMinor: 100 }))).id;
    expect((await make({ productIds: [fits], format: '21' }, 'fits')).doc.issues).toEqual([]);
  });

  it('lists the labels to reprint: never printed, then those whose price changed since, with the old and the new price', async () => {
    const stale = () => must<StaleLabel[]>(core.call('labels.stale', {}));
    // a product without a price, or deactivated, has no label to print
    await must(core.call('products.save', { sku: 'SANS-PRIX', name: 'Sans prix', priceMinor: 0 }));
    const gone = (await must<{ id: number }>(core.call('products.save', { sku: 'ANCIEN', name: 'Ancien article', priceMinor: 500 }))).id;
    await must(core.call('products.deactivate', { id: gone }));

    expect((await stale()).map((s) => [s.sku, s.priceMinor, s.printedPriceMinor])).toEqual([
      ['LAIT-400', 1250, null],
      ['RIZ-PARF', 650, null],
      ['SAV-72', 300, null],
    ]);
    await make({ productIds: [milk, rice], format: '21' });
    expect((await stale()).map((s) => s.sku)).toEqual(['SAV-72']);

    const product = await must<Record<string, unknown>>(core.call('products.get', { id: rice }));
    await must(core.call('products.save', { ...product, id: rice, priceMinor: 700 }));
    const after = await stale();
    expect(after).toEqual([
      { productId: rice, sku: 'RIZ-PARF', name: 'Riz parfumé brisé', category: '', priceMinor: 700, printedPriceMinor: 650, printedAt: NOW.toISOString() },
      { productId: soap, sku: 'SAV-72', name: 'Savon de Marseille', category: '', priceMinor: 300, printedPriceMinor: null, printedAt: null },
    ]);
    await make({ productIds: after.map((s) => s.productId), format: '24' }, 'reprint');
    expect(await stale()).toEqual([]);
    expect(printed()).toContainEqual({ id: rice, price: 700 });
  });

  it('a category gives its active products with a price, by name; « no category » those without one', async () => {
    const save = async (p: Record<string, unknown>) => (await must<{ id: number }>(core.call('products.save', p))).id;
    await must(core.call('products.save', { id: soap, sku: 'SAV-72', name: 'Savon de Marseille', priceMinor: 300, category: 'Hygiène' }));
    const bleach = await save({ sku: 'JAV-1', name: 'Eau de Javel 1 l', priceMinor: 500, category: 'Hygiène' });
    const free = await save({ sku: 'ECH', name: 'Échantillon', priceMinor: 0, category: 'Hygiène' });
    const old = await save({ sku: 'OLD', name: 'Ancien savon', priceMinor: 200, category: 'Hygiène' });
    await must(core.call('products.deactivate', { id: old }));
    expect(await must<number[]>(core.call('labels.ofCategory', { category: 'Hygiène' }))).toEqual([bleach, soap]);
    expect(free).toBeGreaterThan(0);
    expect(await must<number[]>(core.call('labels.ofCategory', { category: '' }))).toEqual([milk, rice]);
    expect(await must<number[]>(core.call('labels.ofCategory', { category: 'Quincaillerie' }))).toEqual([]);
    const long = await refused<AppErrorShape>('a category name too long', core.call('labels.ofCategory', { category: 'x'.repeat(201) }));
    expect(long).toMatchObject({ code: 'validation', field: 'category' });
  });

  it('a cashier may neither print labels nor list them', async () => {
    await ownerPin(core);
    const fatou = await must<{ id: number }>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821', active: true }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const pdf = await refused<AppErrorShape>('a cashier printing labels', core.call('labels.pdf', { productIds: [milk], format: '21' }));
    expect(pdf).toMatchObject({ code: 'forbidden', details: { reason: 'role', needs: 'manager' } });
    const list = await refused<AppErrorShape>('a cashier listing labels', core.call('labels.stale', {}));
    expect(list.code).toBe('forbidden');
    const ofCategory = await refused<AppErrorShape>('a cashier listing a category', core.call('labels.ofCategory', { category: '' }));
    expect(ofCategory.code).toBe('forbidden');
    expect(printed()).toEqual([]);
  });

  it('refuses what cannot be printed, naming the field, and remembers nothing', async () => {
    const cases: [string, Record<string, unknown>, Partial<AppErrorShape>][] = [
      ['an empty list', { productIds: [], format: '21' }, { code: 'validation', field: 'productIds' }],
      ['a product twice', { productIds: [milk, milk], format: '21' }, { code: 'validation', field: 'productIds' }],
      ['label 22 on a sheet of 21', { productIds: [milk], format: '21', startAt: 22 }, { code: 'validation', field: 'startAt', message: 'startAt: must be at most 21: a sheet holds 21 labels' }],
      ['label 0', { productIds: [milk], format: '24', startAt: 0 }, { code: 'validation', field: 'startAt' }],
      ['no copies', { productIds: [milk], format: '21', copies: 0 }, { code: 'validation', field: 'copies' }],
      ['51 copies', { productIds: [milk], format: '21', copies: 51 }, { code: 'validation', field: 'copies' }],
      ['an unknown sheet', { productIds: [milk], format: '30' }, { code: 'validation', field: 'format' }],
      ['an unknown product', { productIds: [milk, 999], format: '21' }, { code: 'not_found', field: 'productIds.1', details: { reason: 'label_product_unknown', id: 999 } }],
    ];
    for (const [what, input, error] of cases) expect(await refused<AppErrorShape>(what, core.call('labels.pdf', input)), what).toMatchObject(error);
    expect(printed()).toEqual([]);
    // 24 on a sheet of 24 is the last label
    expect((await make({ productIds: [milk], format: '24', startAt: 24 }, 'last24')).doc.pages).toBe(1);
    core.store.sqlite.prepare('DELETE FROM label_prints').run();

    await must(core.call('products.deactivate', { id: soap }));
    const inactive = await refused<AppErrorShape>('a deactivated product', core.call('labels.pdf', { productIds: [milk, soap], format: '21' }));
    expect(inactive).toMatchObject({ code: 'validation', field: 'productIds.1', details: { reason: 'label_product_inactive', id: soap, name: 'Savon de Marseille' } });
    expect(printed()).toEqual([]);
  });
});
