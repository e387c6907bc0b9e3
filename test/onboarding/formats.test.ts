import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvSplitter, detectDelimiter, mapColumns, parseDate, parseDecimal, parseMoneyMinor, parseQuantityMilli, parseVatBp } from '../../src/main/services/onboarding';
import { checksum, openShop, soldBySku, type Shop } from './helpers';

/** Windows-1252 bytes for a string (the characters used here are all in it). */
function cp1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '’': 0x92, 'œ': 0x9c, 'Œ': 0x8c };
  return Buffer.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}

describe('cell and header parsing', () => {
  it('reads decimal commas and points, thousands spaces, currencies, VAT, day-first dates', () => {
    expect(parseDecimal('1 250,5')).toBe(1250.5);
    expect(parseDecimal('1\u00a0250,50')).toBe(1250.5);
    expect(parseDecimal('1,250.50')).toBe(1250.5);
    expect(parseDecimal('1.250,50')).toBe(1250.5);
    expect(parseDecimal('12')).toBe(12);
    expect(parseDecimal('douze')).toBeNull();
    expect(parseMoneyMinor('1 500 FCFA', 0)).toBe(1500);
    expect(parseMoneyMinor('12,50 €', 2)).toBe(1250);
    expect(parseVatBp('18 %')).toBe(1800);
    expect(parseVatBp('0,055')).toBe(550);
    expect(parseVatBp('5,5')).toBe(550);
    expect(parseDate('05/03/2024')).toBe('2024-03-05');
    expect(parseDate('5-3-24')).toBe('2024-03-05');
    expect(parseDate('2024/03/05')).toBe('2024-03-05');
    expect(parseDate('2024-03-05 14:30:00')).toBe('2024-03-05');
    expect(parseDate('03/25/2024')).toBe('2024-03-25'); // month first only when it must be
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('hier')).toBeNull();
    expect(parseQuantityMilli('2,5')).toEqual({ milli: 2500 });
    expect(parseQuantityMilli('0.0005')).toEqual({ error: 'too_precise' });
  });

  it('guesses French and English headers', () => {
    const header = ['Réf.', 'Désignation', 'Famille', 'Code-barres', 'Prix de vente TTC', "Prix d'achat", 'TVA', 'Fournisseur', 'Colisage', 'Stock'];
    expect(mapColumns('products', header)).toEqual({ sku: 0, name: 1, category: 2, barcode: 3, price: 4, cost: 5, vat: 6, supplier: 7, packSize: 8, stock: 9 });
    expect(mapColumns('products', ['Code article', 'Libellé', 'PV', 'PA', 'EAN'])).toEqual({ sku: 0, name: 1, price: 2, cost: 3, barcode: 4 });
    expect(mapColumns('products', ['SKU', 'Product name', 'Selling price', 'Cost'])).toEqual({ sku: 0, name: 1, price: 2, cost: 3 });
    expect(mapColumns('sales', ['item_id', 'date', 'qty'])).toEqual({ product: 0, date: 1, qty: 2 });
    expect(mapColumns('sales', ['Date', 'Code produit', 'Qté vendue'])).toEqual({ date: 0, product: 1, qty: 2 });
    expect(mapColumns('stock', ['Référence', 'Stock', 'N° lot', 'Date de péremption'])).toEqual({ product: 0, qty: 1, lot: 2, expiry: 3 });
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('"nom, prénom";qté\n"Diop, Awa";2\n')).toBe(';');
    expect(detectDelimiter('seule colonne\nx\n')).toBeNull();
  });

  it('splits quoted fields across lines and chunks identically whatever the chunk boundaries', () => {
    const text = 'a,b,c\r\n1,"deux, ""2""",3\n"multi\nligne",x,\n\nlast,"q",z';
    const whole = new CsvSplitter(',');
    const expected = [...whole.push(text), ...whole.end()];
    expect(expected).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'deux, "2"', '3'] },
      { line: 3, fields: ['multi\nligne', 'x', ''] },
      { line: 6, fields: ['last', 'q', 'z'] },
    ]);
    for (let size = 1; size <= 7; size++) {
      const s = new CsvSplitter(',');
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...s.push(text.slice(i, i + size)));
      got.push(...s.end());
      expect(got).toEqual(expected);
    }
  });
});

describe('files from a French Windows spreadsheet', () => {
  let shop: Shop;
  beforeEach(() => {
    shop = openShop();
  });
  afterEach(() => shop.close());

  it('imports a Windows-1252 file with semicolons, decimal commas and quotes', async () => {
    const products = cp1252(
      'Réf;Désignation;Famille;Prix de vente;Prix d’achat;TVA;Code-barres;Stock;Unité\r\n' +
        'R1;Riz brisé parfumé 5 kg;Épicerie;"4 500";3 800,00;0;2000000000015;12;sac\r\n' +
        'H1;"Huile d’arachide; 1 L";Épicerie;1 600;1 250;18 %;;7,5;litre\r\n' +
        'Œ1;Œufs frais plateau;Crèmerie;2 700;2 100;0%;;0;pce\r\n',
    );
    const path = shop.file('articles.csv', products);
    const r = await shop.run({ kind: 'products', file: path });
    expect(r.encoding).toBe('windows-1252');
    expect(r.delimiter).toBe(';');
    expect(r.invalid).toBe(0);
    expect(r.written).toBe(3);
    const rows = shop.core.store.sqlite.prepare('SELECT sku, name, category, price_minor, cost_minor, vat_rate_bp FROM products ORDER BY id').all();
    expect(rows).toEqual([
      { sku: 'R1', name: 'Riz brisé parfumé 5 kg', category: 'Épicerie', price_minor: 4500, cost_minor: 3800, vat_rate_bp: 0 },
      { sku: 'H1', name: 'Huile d’arachide; 1 L', category: 'Épicerie', price_minor: 1600, cost_minor: 1250, vat_rate_bp: 1800 },
      { sku: 'Œ1', name: 'Œufs frais plateau', category: 'Crèmerie', price_minor: 2700, cost_minor: 2100, vat_rate_bp: 0 },
    ]);
    const stock = shop.core.store.sqlite.prepare('SELECT p.sku, s.on_hand_milli FROM stock s JOIN products p ON p.id = s.product_id ORDER BY p.id').all();
    expect(stock).toEqual([
      { sku: 'R1', on_hand_milli: 12000 },
      { sku: 'H1', on_hand_milli: 7500 },
    ]);
    const ledger = shop.core.store.sqlite.prepare('SELECT sum(qty_milli) FROM movements').pluck().get();
    expect(ledger).toBe(19500);

    const sales = shop.file('ventes.csv', cp1252('Date;Réf;Qté\r\n02/01/2026;R1;2\r\n02/01/2026;H1;1,5\r\n03/01/2026;Œ1;0,5\r\n'));
    const s = await shop.run({ kind: 'sales', file: sales });
    expect(s.encoding).toBe('windows-1252');
    expect(s.invalid).toBe(0);
    expect(Object.fromEntries(soldBySku(shop.core))).toEqual({ R1: 2, H1: 1.5, Œ1: 0.5 });
  });

  it('imports UTF-8 with a BOM, tabs, and suppliers then opening stock with lots', async () => {
    const sup = shop.file('fournisseurs.tsv', '\ufeffFournisseur\tTéléphone\tE-mail\tDélai de livraison\nPharmadis\t+221 33 869 02 02\tcmd@pharmadis.sn\t10\nLaiterie\t\t\t2 jours\n');
    const r1 = await shop.run({ kind: 'suppliers', file: sup });
    expect(r1.encoding).toBe('utf-8');
    expect(r1.delimiter).toBe('\t');
    expect(r1.written).toBe(2);
    const prod = shop.file('p.csv', 'sku|name|fournisseur\nPARA|Paracétamol 500 mg|pharmadis\nYAO|Yaourt|Laiterie du Baobab\n');
    const r2 = await shop.run({ kind: 'products', file: prod });
    expect(r2.written).toBe(2);
    expect(r2.createdSuppliers).toBe(1); // "Laiterie du Baobab" is new, "pharmadis" matched Pharmadis
    const stock = shop.file('stock.csv', 'Référence;Quantité;N° lot;Date de péremption\nPARA;10;L1;31/12/2027\nPARA;5;L2;30/06/2027\nYAO;24;;\n');
    const r3 = await shop.run({ kind: 'stock', file: stock });
    expect(r3.invalid).toBe(0);
    const lots = shop.core.store.sqlite.prepare("SELECT lot, expiry, qty_milli FROM movements WHERE lot IS NOT NULL ORDER BY lot").all();
    expect(lots).toEqual([
      { lot: 'L1', expiry: '2027-12-31', qty_milli: 10000 },
      { lot: 'L2', expiry: '2027-06-30', qty_milli: 5000 },
    ]);
    // opening stock twice would double it: refused, nothing changes
    const before = checksum(shop.core);
    const again = await shop.run({ kind: 'stock', file: stock, allOrNothing: true });
    expect(again.issues.map((i) => i.code)).toEqual(['has_stock', 'has_stock', 'has_stock']);
    expect(checksum(shop.core)).toBe(before);
  });
});
