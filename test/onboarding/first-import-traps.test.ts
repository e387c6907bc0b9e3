import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFileView } from '../../src/shared/api/contract';
import { must } from '../helpers/core';
import { specificIssueText } from '../../src/renderer/src/api/error-text';
import { translator } from '../../src/renderer/src/i18n/translate';
import { checksum, openShop, type Shop } from './helpers';

const fr = translator('fr');
const en = translator('en');

/** What a new shop's first import could get wrong for good: prices in another currency, a stock far too big, part of a piece. */
describe('a first import refuses what could not be undone afterwards (real SQLite file)', () => {
  let shop: Shop;
  beforeEach(() => {
    shop = openShop();
  });
  afterEach(() => shop.close());

  const said = (issues: { line: number; column: string | null; params?: Record<string, string | number> }[], t = fr, locale: 'fr' | 'en' = 'fr') =>
    issues.map((i) => `${i.line} ${i.column}: ${specificIssueText(i.params, t, locale)}`.replace(/[\u00a0\u202f]/g, ' '));

  it('prices in euros are refused in a shop kept in FCFA, naming both; once the shop is in euros they are read as euros', async () => {
    const file = shop.file('pain.csv', 'Référence;Désignation;Prix\nBAG;Baguette;1 €\nCRO;Croissant;2 EUR\nPAC;Pain au chocolat;1,20 €\nCAF;Café;500 FCFA\n');
    const before = checksum(shop.core);
    const xof = await shop.run({ kind: 'products', file });
    expect(said(xof.issues)).toEqual([
      '2 Prix: « 1 € » n’est pas dans la monnaie de la boutique (FCFA) : choisissez d’abord la monnaie de la boutique (Paramètres), puis importez à nouveau ; rien n’est converti',
      '3 Prix: « 2 EUR » n’est pas dans la monnaie de la boutique (FCFA) : choisissez d’abord la monnaie de la boutique (Paramètres), puis importez à nouveau ; rien n’est converti',
      '4 Prix: « 1,20 € » n’est pas dans la monnaie de la boutique (FCFA) : choisissez d’abord la monnaie de la boutique (Paramètres), puis importez à nouveau ; rien n’est converti',
    ]);
    expect(said(xof.issues, en, 'en')[0]).toBe('2 Prix: « 1 € » is not in the shop’s currency (FCFA): choose the shop’s currency first (Settings), then import again; nothing is converted');
    // the row in FCFA was good on its own: only it came in, and the shop may still change its currency
    expect(xof.written).toBe(1);
    expect(shop.core.store.sqlite.prepare('SELECT sku, price_minor FROM products').all()).toEqual([{ sku: 'CAF', price_minor: 500 }]);
    expect(checksum(shop.core)).not.toBe(before);

    const other = openShop();
    try {
      const path = other.file('pain.csv', 'Référence;Désignation;Prix\nBAG;Baguette;1 €\nCRO;Croissant;2 EUR\nPAC;Pain au chocolat;1,20 €\n');
      const saved = await other.core.call('settings.save', { currency: 'EUR' });
      expect(saved.ok).toBe(true);
      const eur = await other.run({ kind: 'products', file: path });
      expect(eur.issues).toEqual([]);
      expect(other.core.store.sqlite.prepare('SELECT sku, price_minor FROM products ORDER BY id').all()).toEqual([
        { sku: 'BAG', price_minor: 100 },
        { sku: 'CRO', price_minor: 200 },
        { sku: 'PAC', price_minor: 120 },
      ]);
    } finally {
      other.close();
    }
  });

  it('a quantity over the largest one (a barcode taken for the stock) is refused, in every quantity column, and nothing of the row is written', async () => {
    const file = shop.file('articles.csv', 'Référence;Désignation;Prix;Stock;Colisage\nRIZ;Riz;4500;999999999999;1\nSUC;Sucre;700;12;6001234567890\nHUI;Huile;1600;10000000;1\nSEL;Sel;150;;1\n');
    const r = await shop.run({ kind: 'products', file });
    expect(said(r.issues)).toEqual([
      '2 Stock: « 999999999999 » dépasse la plus grande quantité possible (10 000 000) : vérifiez la colonne (un code-barres pris pour une quantité ?)',
      '3 Colisage: « 6001234567890 » dépasse la plus grande quantité possible (10 000 000) : vérifiez la colonne (un code-barres pris pour une quantité ?)',
    ]);
    // ten million is the largest the ledger takes, and is taken
    expect(shop.core.store.sqlite.prepare('SELECT p.sku, s.on_hand_milli FROM products p JOIN stock s ON s.product_id = p.id').all()).toEqual([{ sku: 'HUI', on_hand_milli: 10_000_000_000 }]);

    const stock = await shop.run({ kind: 'stock', file: shop.file('stock.csv', 'produit;stock\nSEL;99999999999\n') });
    expect(stock.issues.map((i) => i.params?.specific)).toEqual(['quantity_too_large']);
    const sales = await shop.run({ kind: 'sales', file: shop.file('ventes.csv', 'produit;date;qte\nHUI;2026-03-01;6001234567890\n') });
    expect(sales.issues.map((i) => i.params?.specific)).toEqual(['quantity_too_large']);
    // the shop's pages still add its stock up
    expect((await shop.core.call('stock.onHand', { productIds: [] })).ok).toBe(true);
  });

  it('part of a piece is refused with where the unit goes; a unit column makes it a weight or a volume; « 1.500 » is asked about', async () => {
    const file = shop.file(
      'articles.csv',
      'Référence;Désignation;Prix;Stock;Unité;Colisage\nSAV;Savon;300;2,5;;1\nSAV2;Savon parfumé;350;1.500;pièce;1\nEAU;Eau minérale 1,5 L;400;24;bouteille;6\nJUS;Jus de bissap;500;3;flacon;1,5\nRIZ;Riz au kilo;650;12,5;kg;1\nLAIT;Lait caillé;800;7,5;litres;1\nVER;Verre;200;;;1\nSEL;Sel fin;150;;kg;1\n',
    );
    const r = await shop.run({ kind: 'products', file });
    expect(said(r.issues)).toEqual([
      '2 Stock: « 2,5 » est une partie de pièce : tapez un nombre entier, ou donnez l’unité du produit (kg, l, m…) dans une colonne « Unité »',
      '3 Stock: « 1.500 » se lit comme une partie de pièce : si le point sépare les milliers, écrivez le nombre sans lui (ex. 1500) ; sinon donnez l’unité du produit (kg, l…) dans une colonne « Unité »',
      '5 Colisage: « 1,5 » est une partie de pièce : tapez un nombre entier, ou donnez l’unité du produit (kg, l, m…) dans une colonne « Unité »',
    ]);
    expect(said(r.issues, en, 'en')[0]).toBe('2 Stock: « 2,5 » is part of a piece: type a whole number, or give the product’s unit (kg, l, m…) in a « Unit » column');
    // a bottle is counted by the piece
    expect(shop.core.store.sqlite.prepare('SELECT p.sku, p.unit, s.on_hand_milli FROM products p JOIN stock s ON s.product_id = p.id ORDER BY p.id').all()).toEqual([
      { sku: 'EAU', unit: 'piece', on_hand_milli: 24_000 },
      { sku: 'RIZ', unit: 'kg', on_hand_milli: 12_500 },
      { sku: 'LAIT', unit: 'l', on_hand_milli: 7_500 },
    ]);

    // an opening stock for a product already there: pieces whole, kilos not
    const stock = await shop.run({ kind: 'stock', file: shop.file('stock.csv', 'produit;stock\nVER;3,5\nSEL;0,25\n') });
    expect(said(stock.issues)).toEqual(['2 stock: « 3,5 » est une partie de pièce : tapez un nombre entier, ou donnez l’unité du produit (kg, l, m…) dans une colonne « Unité »']);
  });

  it('a French export writes units in French (pièce, boîte) and imports back into a new shop unchanged', async () => {
    await shop.run({ kind: 'products', file: shop.file('a.csv', 'Référence;Désignation;Prix;Stock;Unité\nSAV;Savon;300;4;\nDOL;Doliprane 1000;2180;3,5;boîte\nRIZ;Riz;650;2,25;kg\n') });
    const exported = await must<ExportFileView>(shop.core.call('onboarding.export', { what: 'products', format: 'csv', locale: 'fr' }));
    const text = Buffer.from(exported.base64, 'base64').toString('utf8');
    expect(text).toContain(';Savon;;;pièce;');
    expect(text).toContain(';Doliprane 1000;;;boîte;');
    const other = openShop();
    try {
      const r = await other.run({ kind: 'products', file: other.file(exported.fileName, Buffer.from(exported.base64, 'base64')) });
      expect(r.issues).toEqual([]);
      const q = 'SELECT p.sku, p.unit, s.on_hand_milli FROM products p JOIN stock s ON s.product_id = p.id ORDER BY p.sku';
      expect(other.core.store.sqlite.prepare(q).all()).toEqual(shop.core.store.sqlite.prepare(q).all());
    } finally {
      other.close();
    }
  });
});
