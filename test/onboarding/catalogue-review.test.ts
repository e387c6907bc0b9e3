import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { guessColumns, mapColumns } from '../../src/main/services/onboarding';
import { errorShapeText, specificIssueText } from '../../src/renderer/src/api/error-text';
import type { ExportFileView, ImportResult } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import { must, openTestCore, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';
import { TODAY } from './helpers';

const fr = translator('fr');
const en = translator('en');

/**
 * The catalogue import as a shop uses it (real core, real SQLite file, files sent through the upload
 * channel): a list imported twice, the app's own exports imported back, barcodes a spreadsheet mangled,
 * and the demo shop over a shop already in use. Every refusal names its row, column and value, in
 * French and in English.
 */
describe('catalogue import: what the review found', () => {
  const opened: { core: Core; cleanup(): void }[] = [];
  const open = (): Core => {
    const t = tempDir('shelfcast-review-');
    const core = openTestCore(t.dir, () => TODAY);
    opened.push({ core, cleanup: t.cleanup });
    return core;
  };
  let core: Core;
  beforeEach(() => {
    core = open();
  });
  afterEach(() => {
    for (const o of opened.splice(0)) {
      o.core.close();
      o.cleanup();
    }
  });

  const importInto = async (into: Core, kind: string, bytes: string | Buffer, extra: Record<string, unknown> = {}): Promise<ImportResult> => {
    const data = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
    const { uploadId } = await must<{ uploadId: string }>(into.call('onboarding.upload', { name: `${kind}.csv`, offset: 0, data, last: true }));
    return must<ImportResult>(into.call('onboarding.import', { uploadId, kind, dryRun: false, ...extra } as never));
  };
  const exportFrom = async (from: Core, input: Record<string, unknown>): Promise<Buffer> =>
    Buffer.from((await must<ExportFileView>(from.call('onboarding.export', input as never))).base64, 'base64');
  const all = <T>(from: Core, sql: string, ...params: unknown[]) => from.store.sqlite.prepare(sql).all(...params) as T[];
  const one = <T = number>(from: Core, sql: string, ...params: unknown[]) => from.store.sqlite.prepare(sql).pluck().get(...params) as T;
  /** Each issue as « line column: text » in the language asked. */
  const said = (r: ImportResult, t = fr, locale: 'fr' | 'en' = 'fr') => r.issues.map((i) => `${i.line} ${i.column}: ${specificIssueText(i.params, t, locale)}`);

  it('a list without SKUs imported twice does not double the products or their stock: a name already there is refused', async () => {
    const csv = 'Désignation;Prix;Stock\r\nRiz brisé 25kg;15 000;10\r\nHuile Dinor 1L;1 250;24\r\n';
    const first = await importInto(core, 'products', csv);
    expect(first).toMatchObject({ written: 2, invalid: 0, issues: [] });

    const again = await importInto(core, 'products', csv);
    expect(again).toMatchObject({ rows: 2, valid: 0, invalid: 2, written: 0 });
    expect(again.issues.map((i) => [i.code, i.params])).toEqual([
      ['duplicate_in_db', { specific: 'name_taken', value: 'Riz brisé 25kg', sku: 'ART-00001' }],
      ['duplicate_in_db', { specific: 'name_taken', value: 'Huile Dinor 1L', sku: 'ART-00002' }],
    ]);
    expect(said(again)[0]).toBe(
      '2 Désignation: Un produit « Riz brisé 25kg » existe déjà dans la boutique (référence ART-00001) : sans colonne Référence, un même nom est un même produit. Pour l’importer comme un autre produit, ajoutez une colonne Référence',
    );
    expect(said(again, en, 'en')[1]).toBe(
      '3 Désignation: A product « Huile Dinor 1L » is already in the shop (SKU ART-00002): without a SKU column, the same name is the same product. To import it as another product, add a SKU column',
    );
    expect(all(core, 'SELECT p.sku, p.name, s.on_hand_milli AS milli FROM products p JOIN stock s ON s.product_id = p.id ORDER BY p.id')).toEqual([
      { sku: 'ART-00001', name: 'Riz brisé 25kg', milli: 10_000 },
      { sku: 'ART-00002', name: 'Huile Dinor 1L', milli: 24_000 },
    ]);

    // the same name twice in one file (accents and case ignored, as the search box does): the second is refused
    const twice = await importInto(core, 'products', 'Désignation;Prix\r\nSavon Madar;300\r\nSAVON MADAR;300\r\nsavon madar ;300\r\n');
    expect(twice).toMatchObject({ written: 1, invalid: 2 });
    expect(said(twice)).toEqual([
      '3 Désignation: Le produit « SAVON MADAR » est déjà ligne 2 de ce fichier : sans colonne Référence, un même nom est un même produit. Pour l’importer comme un autre produit, ajoutez une colonne Référence',
      '4 Désignation: Le produit « savon madar » est déjà ligne 2 de ce fichier : sans colonne Référence, un même nom est un même produit. Pour l’importer comme un autre produit, ajoutez une colonne Référence',
    ]);
    // a dry run says the same and writes nothing
    const { uploadId } = await must<{ uploadId: string }>(core.call('onboarding.upload', { name: 'p.csv', offset: 0, data: Buffer.from(csv).toString('base64'), last: true }));
    const dry = await must<ImportResult>(core.call('onboarding.import', { uploadId, kind: 'products', dryRun: true }));
    expect(dry.issues.map((i) => i.params?.specific)).toEqual(['name_taken', 'name_taken']);

    // with SKUs of its own, two products may share a name (two sizes written alike): the SKU tells them apart
    const skus = await importInto(core, 'products', 'Référence;Désignation;Prix\r\nRIZ-A;Riz brisé 25kg;15000\r\nRIZ-B;Riz brisé 25kg;15500\r\n');
    expect(skus).toMatchObject({ written: 2, invalid: 0 });
    expect(one(core, 'SELECT count(*) FROM products')).toBe(5);
  });

  it('the app’s own French stock export imports back: « Référence » is the product code, not « Désignation »', async () => {
    await importInto(core, 'products', 'Référence;Désignation;Prix;Stock\r\nRIZ25;Riz brisé 25kg;15000;10\r\nHUI1;Huile Dinor 1L;1250;24\r\n');
    const stockFile = await exportFrom(core, { what: 'stock', format: 'csv', locale: 'fr' });
    expect(stockFile.toString('utf8')).toContain('Référence;Désignation;');

    const other = open();
    await importInto(other, 'products', 'Référence;Désignation;Prix\r\nRIZ25;Riz brisé 25kg;15000\r\nHUI1;Huile Dinor 1L;1250\r\n');
    const stock = await importInto(other, 'stock', stockFile);
    expect(stock).toMatchObject({ columns: { product: 'Référence', qty: 'Stock' }, written: 2, invalid: 0, issues: [] });
    expect(all(other, 'SELECT p.sku, s.on_hand_milli AS milli FROM products p JOIN stock s ON s.product_id = p.id ORDER BY p.sku')).toEqual([
      { sku: 'HUI1', milli: 24_000 },
      { sku: 'RIZ25', milli: 10_000 },
    ]);
    // past sales with both columns: the known products are found, none created under their names
    const sales = await importInto(other, 'sales', 'Date;Référence;Désignation;Quantité\r\n01/03/2026;RIZ25;Riz brisé 25kg;2\r\n01/03/2026;HUI1;Huile Dinor 1L;5\r\n', { createProducts: true });
    expect(sales).toMatchObject({ columns: { product: 'Référence' }, written: 2, createdProducts: 0, issues: [] });
    expect(one(other, 'SELECT count(*) FROM products')).toBe(2);

    // codes before names for a product, whatever the order of the columns
    expect(mapColumns('stock', ['Désignation', 'Réf', 'Qté'])).toMatchObject({ product: 1, qty: 2 });
    expect(mapColumns('sales', ['Désignation article', 'Référence article', 'Date', 'Qté vendue'])).toMatchObject({ product: 1 });
    expect(mapColumns('stock', ['Code barres', 'Référence', 'Stock'])).toMatchObject({ product: 1 });
    // a column that could be two fields is still the more telling one: « Nom fournisseur » is the supplier
    expect(guessColumns('products', ['Nom fournisseur principal', 'Prix'])).toEqual({ supplier: 0, price: 1 });
    // a suppliers file's « Fournisseur » is its name, « Nom » its contact's
    expect(mapColumns('suppliers', ['Nom', 'Fournisseur', 'Téléphone'])).toMatchObject({ name: 1, phone: 2 });
    expect(mapColumns('products', ['Produit', 'Description', 'Prix'])).toMatchObject({ name: 0, price: 2 });
  });

  it('a barcode Excel wrote in scientific notation is refused, with how to save it right; commas no longer split barcodes', async () => {
    const r = await importInto(core, 'products', 'Désignation;Code-barres;Prix\r\nNescafé 50g;3,01762E+12;1500\r\nLait Nido 400g;3.03371e+12;3500\r\n');
    expect(r).toMatchObject({ rows: 2, invalid: 2, written: 0 });
    expect(r.issues.map((i) => [i.line, i.column, i.code, i.params])).toEqual([
      [2, 'Code-barres', 'bad_value', { specific: 'barcode_scientific', value: '3,01762E+12' }],
      [3, 'Code-barres', 'bad_value', { specific: 'barcode_scientific', value: '3.03371e+12' }],
    ]);
    expect(said(r)[0]).toBe(
      '2 Code-barres: « 3,01762E+12 » est un nombre que le tableur a écrit en notation scientifique, pas un code-barres : dans le tableur, mettez la colonne au format Texte (ou Nombre sans décimale), vérifiez que les codes-barres s’affichent en entier, puis enregistrez à nouveau',
    );
    expect(said(r, en, 'en')[1]).toBe(
      '3 Code-barres: « 3.03371e+12 » is a number the spreadsheet wrote in scientific notation, not a barcode: in the spreadsheet, format the column as Text (or Number with no decimals), check the barcodes show in full, then save again',
    );
    expect(one(core, 'SELECT count(*) FROM products')).toBe(0);
    expect(one(core, 'SELECT count(*) FROM product_barcodes')).toBe(0);

    // several barcodes in a cell: spaces, |, / and ; separate them; a comma is refused, never split
    const many = await importInto(
      core,
      'products',
      [
        'Désignation;Code-barres;Prix',
        'Thé Lipton 25;6001234567890 | 6001234567891;900',
        'Thé Lipton 50;"6001234567892;6001234567893";1700',
        'Thé Lipton 100;6001234567894/6001234567895;3200',
        'Thé Lipton 200;6001234567896,6001234567897;6000',
      ].join('\r\n'),
    );
    expect(many).toMatchObject({ written: 3, invalid: 1 });
    expect(said(many)).toEqual(['5 Code-barres: « 6001234567896,6001234567897 » n’est pas un code-barres (un code-barres n’a pas de virgule) : séparez plusieurs codes-barres par une espace ou |']);
    expect(all(core, 'SELECT b.barcode, p.sku FROM product_barcodes b JOIN products p ON p.id = b.product_id ORDER BY b.barcode')).toEqual([
      { barcode: '6001234567890', sku: '6001234567890' },
      { barcode: '6001234567891', sku: '6001234567890' },
      { barcode: '6001234567892', sku: '6001234567892' },
      { barcode: '6001234567893', sku: '6001234567892' },
      { barcode: '6001234567894', sku: '6001234567894' },
      { barcode: '6001234567895', sku: '6001234567894' },
    ]);
  });

  it('products exported then imported come back as they were: active or not, tracking expiry or not, their content, a formula-like name, a negative stock', async () => {
    await must(core.call('settings.save', { currency: 'EUR' }));
    const save = (p: Record<string, unknown>) => must<{ id: number }>(core.call('products.save', p as never));
    await save({ sku: 'LES-01', name: '-20% Lessive Omo 1kg', priceMinor: 450, costMinor: 300 });
    await save({ sku: 'EQ-01', name: '=1+1 piège', priceMinor: 100 });
    await save({ sku: 'AT-01', name: '@home éponge', priceMinor: 150 });
    await save({ sku: 'QT-01', name: "'+1 cadeau", priceMinor: 10 });
    const old = await save({ sku: 'OLD-01', name: 'Ancien savon', priceMinor: 100 });
    await must(core.call('products.deactivate', { id: old.id }));
    await save({ sku: 'YAO-01', name: 'Yaourt nature', priceMinor: 80, tracksExpiry: true, netContent: { quantity: 125, unit: 'g' } });
    await save({ sku: 'HUI-01', name: 'Huile Lesieur', priceMinor: 399, netContent: { quantity: 1.5, unit: 'l' } });
    const tomate = await save({ sku: 'TOM-KG', name: 'Tomates', unit: 'kg', priceMinor: 250, costMinor: 180 });
    await must(core.call('ledger.record', { lines: [{ productId: tomate.id, kind: 'receipt', quantity: 1 }] }));
    await must(core.call('ledger.record', { lines: [{ productId: tomate.id, kind: 'loss', quantity: 1.25, reason: 'abîmées' }] }));
    const q = 'SELECT sku, name, active, tracks_expiry, price_minor, unit, net_content_milli, net_content_unit FROM products ORDER BY sku';
    const before = all(core, q);

    for (const [locale, format] of [['fr', 'csv'], ['en', 'csv'], ['fr', 'xlsx']] as const) {
      const file = await exportFrom(core, { what: 'products', format, locale });
      if (format === 'csv') {
        const text = file.toString('utf8');
        expect(text).toContain(locale === 'fr' ? ';Actif;Suivi péremption;Contenance\r\n' : ',Active,Tracks expiry,Net content\r\n');
        expect(text).toContain(locale === 'fr' ? ';1,5 l\r\n' : ',1.5 l\r\n');
        expect(text).toContain(locale === 'fr' ? "LES-01;'-20% Lessive Omo 1kg;" : "LES-01,'-20% Lessive Omo 1kg,");
        expect(text).toContain(locale === 'fr' ? "QT-01;''+1 cadeau;" : "QT-01,''+1 cadeau,");
      }
      const other = open();
      await must(other.call('settings.save', { currency: 'EUR' }));
      const upload = await must<{ uploadId: string }>(other.call('onboarding.upload', { name: `produits.${format}`, offset: 0, data: file.toString('base64'), last: true }));
      const r = await must<ImportResult>(other.call('onboarding.import', { uploadId: upload.uploadId, kind: 'products', dryRun: false }));
      expect(r, `${locale} ${format}`).toMatchObject({ rows: 8, valid: 8, invalid: 0, written: 8 });
      expect(all(other, q), `${locale} ${format}`).toEqual(before);
      // the product sold before it was received comes in, without opening stock, and the row says so
      expect(r.issues).toEqual([
        expect.objectContaining({ line: expect.any(Number), column: 'Stock', code: 'negative', warning: true, params: { specific: 'negative_opening_stock', value: locale === 'fr' && format === 'csv' ? '-0,25' : '-0.25' } }),
      ]);
      expect(one(other, "SELECT count(*) FROM stock s JOIN products p ON p.id = s.product_id WHERE p.sku = 'TOM-KG' AND s.on_hand_milli <> 0")).toBe(0);
      if (locale === 'fr' && format === 'csv') {
        expect(specificIssueText(r.issues[0]!.params, fr, 'fr')).toBe(
          'Le stock -0,25 est négatif : le produit est importé quand même, mais sans stock initial (un stock initial ne peut pas être négatif) ; fixez son stock par un inventaire',
        );
        expect(specificIssueText(r.issues[0]!.params, en, 'en')).toBe(
          'The stock -0,25 is negative: the product is imported anyway, without opening stock (opening stock cannot be negative); set its stock with a stock count',
        );
      }
    }
  });

  it('a Contenance column reads « 400 g », « 1,5 L », « 25cl »; anything else is refused on its row, in words', async () => {
    const r = await importInto(core, 'products', ['Référence;Désignation;Contenance', 'C1;Lait en poudre;400 g', 'C2;Huile;1,5 L', 'C3;Soda;25cl', 'C4;Savon;', 'C5;Sucre;un paquet'].join('\r\n'));
    expect(r).toMatchObject({ written: 4, invalid: 1 });
    expect(said(r)).toEqual(['6 Contenance: « un paquet » n’est pas une contenance : une quantité et une unité (400 g, 1,5 l, 25 cl)']);
    expect(said(r, en, 'en')).toEqual(['6 Contenance: « un paquet » is not a net content: a quantity and a unit (400 g, 1.5 l, 25 cl)']);
    expect(all(core, 'SELECT sku, net_content_milli AS milli, net_content_unit AS unit FROM products ORDER BY id')).toEqual([
      { sku: 'C1', milli: 400_000, unit: 'g' },
      { sku: 'C2', milli: 1_500, unit: 'l' },
      { sku: 'C3', milli: 25_000, unit: 'cl' },
      { sku: 'C4', milli: null, unit: null },
    ]);
  });

  it('Actif and Suivi péremption columns read oui/non, yes/no, 1/0, vrai/faux; one apostrophe comes off only before = + - @', async () => {
    const r = await importInto(
      core,
      'products',
      [
        'Référence;Désignation;Actif;Suivi péremption',
        'A1;Lait caillé;oui;Vrai',
        'A2;Vieux stock;NON;faux',
        'A3;Yaourt;1;1',
        'A4;Savon;0;0',
        'A5;Bonbon;;',
        'A6;Biscuit;yes;no',
        'A7;Sucre;peut-être;',
        "A8;'+1 offert;;",
        "A9;'Nuit blanche;;",
        "A10;''=2 noms;;",
      ].join('\r\n'),
    );
    expect(r).toMatchObject({ written: 9, invalid: 1 });
    expect(said(r)).toEqual(['8 Actif: « peut-être » n’est ni oui ni non (oui/non, 1/0, vrai/faux)']);
    expect(said(r, en, 'en')).toEqual(['8 Actif: « peut-être » is not yes or no (yes/no, 1/0, true/false)']);
    expect(all(core, 'SELECT sku, name, active, tracks_expiry AS expiry FROM products ORDER BY id')).toEqual([
      { sku: 'A1', name: 'Lait caillé', active: 1, expiry: 1 },
      { sku: 'A2', name: 'Vieux stock', active: 0, expiry: 0 },
      { sku: 'A3', name: 'Yaourt', active: 1, expiry: 1 },
      { sku: 'A4', name: 'Savon', active: 0, expiry: 0 },
      { sku: 'A5', name: 'Bonbon', active: 1, expiry: 0 },
      { sku: 'A6', name: 'Biscuit', active: 1, expiry: 0 },
      { sku: 'A8', name: '+1 offert', active: 1, expiry: 0 },
      { sku: 'A9', name: "'Nuit blanche", active: 1, expiry: 0 },
      { sku: 'A10', name: "'=2 noms", active: 1, expiry: 0 },
    ]);
  });

  it('the demo shop is refused over a shop with suppliers or sales, naming them; its settings and suppliers untouched', async () => {
    await must(core.call('settings.save', { shopName: 'Épicerie Fatou — Lyon', phone: '04 78 00 00 00', currency: 'EUR' }));
    await importInto(core, 'suppliers', 'Fournisseur;Téléphone\r\nMetro Lyon;04 72 00 00 00\r\nPromocash;04 78 11 11 11\r\n');
    const error = await refused<AppErrorShape>('the demo over suppliers', core.call('onboarding.demo', {}));
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'demo_has_suppliers', count: 2 } });
    expect(errorShapeText(error, fr, 'fr')).toBe(
      'La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des fournisseurs (2), et la démonstration remplacerait son nom, sa devise et ses coordonnées.',
    );
    expect(errorShapeText(error, en, 'en')).toBe('The demo shop opens in an empty shop: this one already has suppliers (2), and the demo would replace its name, currency and contact details.');
    expect(await must(core.call('settings.get', {}))).toMatchObject({ shopName: 'Épicerie Fatou — Lyon', phone: '04 78 00 00 00', currency: 'EUR' });
    expect(all(core, 'SELECT name FROM suppliers ORDER BY id')).toEqual([{ name: 'Metro Lyon' }, { name: 'Promocash' }]);
    expect(one(core, 'SELECT count(*) FROM products')).toBe(0);

    // a shop with a till receipt on file (no products or suppliers left to show for it) is not empty either
    const other = open();
    const owner = other.services.session.current()!;
    other.store.sqlite
      .prepare(
        `INSERT INTO sales (receipt_no, kind, user_id, at, business_date, subtotal_minor, discount_minor, total_minor, paid_minor, change_minor, currency)
         VALUES (1, 'sale', ?, '2026-03-14T10:00:00.000Z', '2026-03-14', 0, 0, 0, 0, 0, 'XOF')`,
      )
      .run(owner.id);
    const sales = await refused<AppErrorShape>('the demo over sales', other.call('onboarding.demo', {}));
    expect(sales).toMatchObject({ code: 'conflict', details: { reason: 'demo_has_sales', count: 1 } });
    expect(errorShapeText(sales, fr, 'fr')).toBe(
      'La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des ventes (1), et la démonstration remplacerait son nom, sa devise et ses coordonnées.',
    );
    expect(one(other, 'SELECT count(*) FROM suppliers')).toBe(0);

    // products: the reason the welcome screen already knows
    const third = open();
    await must(third.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    expect(await refused<AppErrorShape>('the demo over products', third.call('onboarding.demo', {}))).toMatchObject({ details: { reason: 'demo_not_empty' } });
  });

  it('a text longer than its form takes is refused on its row, named with its length; what the form takes exactly imports, and saves again', async () => {
    const name200 = 'R'.repeat(200);
    const csv = [
      'Référence;Désignation;Famille;Code-barres;Prix',
      `RIZ;${name200};Épicerie;;650`,
      `HUILE;${'H'.repeat(325)};Épicerie;;1250`,
      `SEL;Sel iodé;${'C'.repeat(101)};;150`,
      `${'S'.repeat(65)};Sucre;Épicerie;;800`,
      `LAIT;Lait;Frais;${'1'.repeat(65)} 3017620422003;900`,
    ].join('\r\n');
    const result = await importInto(core, 'products', csv);
    expect(result).toMatchObject({ rows: 5, written: 1, invalid: 4 });
    expect(said(result)).toEqual([
      '3 Désignation: Texte trop long : 325 caractères, 200 au plus (comme dans la fiche)',
      '4 Famille: Texte trop long : 101 caractères, 100 au plus (comme dans la fiche)',
      '5 Référence: Texte trop long : 65 caractères, 64 au plus (comme dans la fiche)',
      '6 Code-barres: Texte trop long : 65 caractères, 64 au plus (comme dans la fiche)',
    ]);
    expect(said(result, en, 'en')[0]).toBe('3 Désignation: Too long: 325 characters, at most 200 (as in the form)');
    expect(all<{ sku: string }>(core, 'SELECT sku FROM products')).toEqual([{ sku: 'RIZ' }]);
    // the 200-character name imported is one the product form saves again
    const riz = one(core, "SELECT id FROM products WHERE sku = 'RIZ'");
    await must(core.call('products.save', { id: riz, sku: 'RIZ', name: name200, priceMinor: 700 }));

    // a stock file's lot is held to the receiving form's 64 characters too
    const stock = await importInto(core, 'stock', `Référence;Quantité;Lot\r\nRIZ;10;${'L'.repeat(65)}\r\nRIZ;5;L-2026-11\r\n`);
    expect(said(stock)).toEqual(['2 Lot: Texte trop long : 65 caractères, 64 au plus (comme dans la fiche)']);
    expect(stock).toMatchObject({ written: 1, invalid: 1 });
  });
});
