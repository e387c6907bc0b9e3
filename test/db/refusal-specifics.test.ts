import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { errorShapeText, specificIssueText, stockReasonText } from '../../src/renderer/src/api/error-text';
import type { ImportResult } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const fr = translator('fr');
const en = translator('en');

/**
 * Import, count and export refusals carry their specifics (columns missing and found, a count's
 * reference, the days of a range) as details, and change nothing (real core, real SQLite file).
 */
describe('refusals name what is wrong, in details the interface writes in the shop’s language', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const refusal = (channel: string, input: unknown) => refused<AppErrorShape>(channel, core.call(channel as never, input as never));
  const upload = async (name: string, bytes: Buffer) =>
    (await must<{ uploadId: string }>(core.call('onboarding.upload', { name, offset: 0, data: bytes.toString('base64'), last: true }))).uploadId;
  const rows = (sql: string) => core.store.sqlite.prepare(sql).pluck().get() as number;

  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-14T10:00:00'));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('import: a missing column names it and the columns found; nothing is written', async () => {
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    const uploadId = await upload('ventes.csv', Buffer.from('item,date\nRIZ,2026-05-10\n'));
    const r = await must<ImportResult>(core.call('onboarding.import', { uploadId, kind: 'sales', mapping: { product: 0, date: 1, qty: null }, dryRun: false }));
    expect(r.fileError).toMatchObject({ code: 'missing_column', line: 1, params: { specific: 'missing_column', missing: 'qty', found: 'item, date' } });
    expect(r.committed).toBe(false);
    expect(rows('SELECT count(*) FROM movements')).toBe(0);
    expect(specificIssueText(r.fileError?.params, fr, 'fr')).toBe('Colonne manquante : qty. Colonnes trouvées : item, date');
    expect(specificIssueText(r.fileError?.params, en, 'en')).toBe('Missing column: qty. Columns found: item, date');
  });

  it('import preview: one column only names what was found; a PDF is called a PDF', async () => {
    const single = await refusal('onboarding.preview', { uploadId: await upload('caisse.csv', Buffer.from('item:date:qty\nRIZ:2026-05-10:2\n')), kind: 'sales' });
    expect(single).toMatchObject({ code: 'validation', field: 'file', details: { reason: 'file_issue', issue: 'single_column', specific: 'single_column', found: 'item:date:qty' } });
    expect(errorShapeText(single, fr, 'fr')).toBe(
      'Une seule colonne trouvée (« item:date:qty ») : le séparateur n’est pas , ; tabulation ou |, ou le fichier n’est pas un tableau. Vérifiez le fichier, puis choisissez-le à nouveau.',
    );
    expect(errorShapeText(single, en, 'en')).toBe('Only one column found (« item:date:qty »): the separator is not one of , ; tab |, or the file is not a table. Check the file, then choose it again.');

    const pdf = await refusal('onboarding.preview', { uploadId: await upload('stock.csv', Buffer.from('%PDF-1.7\n1 0 obj\n')), kind: 'products' });
    expect(pdf.details).toMatchObject({ reason: 'file_issue', issue: 'not_text', specific: 'looks_like_pdf' });
    expect(errorShapeText(pdf, fr, 'fr')).toBe('Ce n’est pas un fichier CSV : c’est un document PDF. Vérifiez le fichier, puis choisissez-le à nouveau.');
  });

  it('counts: a second open count names the first, applying nothing names the count, an unknown code is named; nothing changes', async () => {
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    const first = await must<{ id: number }>(core.call('counts.start', {}));
    const overlap = await refusal('counts.start', { category: null });
    expect(overlap).toMatchObject({ code: 'validation', field: 'category', details: { reason: 'stock.overlap', reference: 'INV-00001' } });
    expect(overlap.message).toBe('category: a count is already open for these products: apply or cancel it first (INV-00001)');
    expect(stockReasonText(overlap, fr)).toBe('L’inventaire INV-00001 est déjà en cours pour ces produits : appliquez-le ou annulez-le d’abord');
    expect(stockReasonText(overlap, en)).toBe('Count INV-00001 is already open for these products: apply or cancel it first');
    expect(rows('SELECT count(*) FROM stock_counts')).toBe(1);

    const nothing = await refusal('counts.apply', { id: first.id });
    expect(nothing).toMatchObject({ code: 'validation', details: { reason: 'stock.nothingCounted', reference: 'INV-00001' } });
    expect(stockReasonText(nothing, fr)).toBe('Rien n’a encore été compté dans l’inventaire INV-00001 : saisissez au moins une quantité avant d’appliquer');
    expect(rows("SELECT count(*) FROM stock_counts WHERE status = 'open'")).toBe(1);

    const unknown = await refusal('counts.scan', { id: first.id, code: 'ZZ-404' });
    expect(unknown).toMatchObject({ code: 'not_found', field: 'code', details: { reason: 'stock.unknownCode', code: 'ZZ-404' } });
    expect(stockReasonText(unknown, fr)).toBe('Code-barres ou référence inconnu');

    expect(rows('SELECT count(*) FROM stock_count_lines WHERE counted_milli IS NOT NULL')).toBe(0);
  });

  it('stock: a loss without its reason, an adjustment by a cashier, are refused by reason code; nothing written', async () => {
    const riz = await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    const noReason = await refusal('stock.writeOff', { kind: 'loss', productId: riz.id, quantity: 1 });
    expect(noReason).toMatchObject({ code: 'validation', field: 'reason', details: { reason: 'stock.lossReason' } });
    expect(stockReasonText(noReason, fr)).toBe('Choisissez la raison de la perte');

    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const adjust = await refusal('stock.writeOff', { kind: 'adjustment', productId: riz.id, quantity: 2, note: 'trouvé' });
    expect(adjust).toMatchObject({ code: 'forbidden', field: 'kind', details: { reason: 'stock.adjustForbidden' } });
    expect(stockReasonText(adjust, fr)).toBe('Un caissier peut enregistrer une perte, pas un ajustement : demandez à un gérant');
    expect(rows('SELECT count(*) FROM movements')).toBe(0);
  });

  it('export: a range whose first day is after its last names both days', async () => {
    const reversed = await refusal('onboarding.export', { what: 'ledger', format: 'csv', from: '2026-05-14', to: '2026-05-01' });
    expect(reversed).toMatchObject({ code: 'validation', field: 'from', details: { reason: 'export_range_reversed', from: '2026-05-14', to: '2026-05-01' } });
    expect(errorShapeText(reversed, fr, 'fr')).toBe('Le premier jour (14/05/2026) est après le dernier (01/05/2026) : inversez-les.');
    expect(errorShapeText(reversed, en, 'en')).toBe('The first day (14/05/2026) is after the last (01/05/2026): swap them.');
  });

  it('export: too many movements names how many, the range and the most allowed', () => {
    const tooMany: AppErrorShape = {
      code: 'validation',
      message: '1200000 movements between 2024-01-01 and 2026-05-14: export 1000000 at most at a time (pick a shorter range)',
      field: 'from',
      details: { reason: 'export_too_many', count: 1_200_000, from: '2024-01-01', to: '2026-05-14', max: 1_000_000 },
    };
    expect(errorShapeText(tooMany, fr, 'fr').replace(/\u202f|\u00a0/g, ' ')).toBe(
      '1 200 000 mouvements du 01/01/2024 au 14/05/2026 : exportez-en 1 000 000 au plus à la fois (choisissez une période plus courte).',
    );
    expect(errorShapeText(tooMany, en, 'en')).toBe('1,200,000 movements from 01/01/2024 to 14/05/2026: export 1,000,000 at most at a time (pick a shorter range).');
  });

  it('import rows: every refused row says what is wrong in French and English, the value refused included', async () => {
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650, barcodes: ['6001234567890'] }));
    const imported = async (kind: string, csv: string) => {
      const uploadId = await upload(`${kind}.csv`, Buffer.from(csv));
      return must<ImportResult>(core.call('onboarding.import', { uploadId, kind, dryRun: true }));
    };
    const products = await imported(
      'products',
      [
        'reference;designation;prix;unite;tva;colisage;delai;code barres;stock',
        'RIZ;Riz encore;700;kg;18;1;7;;',
        ';Sans reference;100;kg;18;1;7;;',
        'A1;Article 1;abc;kg;18;1;7;;',
        'A2;Article 2;-5;kg;18;1;7;;',
        'A3;Article 3;100;douzaine;18;1;7;;',
        'A4;Article 4;100;kg;beaucoup;1;7;;',
        'A5;Article 5;100;kg;18;0;7;;',
        'A6;Article 6;100;kg;18;1;demain;;',
        'A7;Article 7;100;kg;18;1;7;;1,2345',
        'A8;Article 8;100;kg;18;1;7;;-3',
        'A9;Article 9;100;kg;18;1;7;6001234567890;',
        'B1;Article B;100;kg;18;1;7;;',
        'B1;Article B bis;100;kg;18;1;7;;',
      ].join('\n'),
    );
    const suppliers = await imported('suppliers', 'fournisseur;email\nSodibaf;\nSodibaf;\nSonacos;sonacos@\n');
    const stock = await imported('stock', 'produit;stock;lot\nNOPE;3;\nRIZ;2;L1\nRIZ;1;L1\n');
    const sales = await imported('sales', 'produit;date;qte\nRIZ;2026-05-30;2\nRIZ;pas une date;2\nRIZ;2026-05-10;\n');
    const all = [...products.issues, ...suppliers.issues, ...stock.issues, ...sales.issues];
    // a warning (a negative opening stock left unset) is listed, its row imported all the same
    expect(all.filter((i) => !i.warning).length).toBe(products.invalid + suppliers.invalid + stock.invalid + sales.invalid);
    for (const issue of all) {
      const [textFr, textEn] = [specificIssueText(issue.params, fr, 'fr'), specificIssueText(issue.params, en, 'en')];
      expect(textFr, `${issue.code} line ${issue.line}: ${issue.message}`).not.toBeNull();
      expect(`${textFr} ${textEn}`).not.toMatch(/[{}]/);
    }
    const french = (from: ImportResult) => from.issues.map((i) => `${i.line} ${i.column}: ${specificIssueText(i.params, fr, 'fr')}`);
    expect(french(products)).toEqual([
      '2 reference: La référence « RIZ » est déjà celle d’un produit de la boutique',
      '3 reference: La case est vide, et cette colonne est obligatoire',
      '4 prix: « abc » n’est pas un montant',
      '5 prix: Le montant -5 est négatif',
      '6 unite: « douzaine » n’est pas une unité (pièce, kg, g, l, ml, m, boîte, paquet)',
      '7 tva: « beaucoup » n’est pas un taux de TVA (par ex. 18 ou 18 %)',
      '8 colisage: Le colisage doit être supérieur à 0',
      '9 delai: « demain » n’est pas un nombre de jours (0 à 365)',
      '10 stock: « 1,2345 » a plus de 3 décimales',
      '11 stock: Le stock -3 est négatif : le produit est importé quand même, mais sans stock initial (un stock initial ne peut pas être négatif) ; fixez son stock par un inventaire',
      '12 code barres: Le code-barres « 6001234567890 » est déjà celui d’un produit de la boutique',
      '14 reference: La référence « B1 » est déjà ligne 13 de ce fichier',
    ]);
    expect(french(suppliers)).toEqual(['3 fournisseur: Le fournisseur « Sodibaf » est déjà ligne 2 de ce fichier', '4 email: « sonacos@ » n’est pas une adresse e-mail']);
    expect(french(stock)).toEqual([
      '2 produit: Aucun produit n’a le code « NOPE » : importez d’abord les produits, ou créez-les',
      '4 lot: « RIZ », lot L1, est déjà ligne 3 de ce fichier',
    ]);
    // today is 14/05/2026: a later day is refused, written as the shop writes days
    expect(french(sales)).toEqual([
      '2 date: Le 30/05/2026 est dans le futur (nous sommes le 14/05/2026)',
      '3 date: « pas une date » n’est pas une date (par ex. 05/03/2024 ou 2024-03-05)',
      '4 qte: La case est vide, et cette colonne est obligatoire',
    ]);
    expect(specificIssueText(sales.issues[0]!.params, en, 'en')).toBe('30/05/2026 is in the future (today is 14/05/2026)');
    expect(rows('SELECT count(*) FROM products')).toBe(1);
    expect(rows('SELECT count(*) FROM suppliers')).toBe(0);
    expect(rows('SELECT count(*) FROM movements')).toBe(0);
  });
});
