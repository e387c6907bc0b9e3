import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFileView } from '../../src/shared/api/contract';
import { openShop, type Shop } from './helpers';

let shop: Shop;
beforeEach(async () => {
  shop = openShop();
  const path = shop.file(
    'seed.csv',
    ['sku;designation;categorie;code barres;prix de vente;prix d achat;tva;fournisseur;stock;unité', 'RIZ-5;Riz brisé 5 kg;Épicerie;6009876543210;3500;2900;18;Sotiba;40;sac', 'HUI-1;"Huile ""Dinor""; 1 L";Épicerie;;1 251,00;990;0;;2,5;litre', 'EQ-1;=1+1 piège;Divers;;100;60;;;0;'].join('\n'),
  );
  const r = await shop.run({ kind: 'products', file: path });
  if (r.invalid) throw new Error(JSON.stringify(r.issues));
});
afterEach(() => shop.close());

async function exp(input: Record<string, unknown>): Promise<ExportFileView & { bytes: Buffer }> {
  const r = await shop.core.call('onboarding.export', input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const file = r.data as ExportFileView;
  return { ...file, bytes: Buffer.from(file.base64, 'base64') };
}

describe('exports', () => {
  it('products as French CSV: BOM, « ; », decimal comma, quotes where needed, formulas defused', async () => {
    // settings.save refuses a new currency once prices exist: written straight to the table, so the
    // same stored minor units read as euros (two decimals)
    shop.core.store.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('currency', '"EUR"') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
    shop.core.services.settings.forget();
    const f = await exp({ what: 'products', format: 'csv' });
    expect(f.fileName).toBe('produits-2026-03-15.csv');
    expect(f.mimeType).toMatch(/text\/csv/);
    expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = f.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe("Référence;Désignation;Catégorie;Code-barres;Unité;Prix de vente;Prix d'achat;TVA;Fournisseur;Colisage;Minimum de commande;Délai de livraison;Stock;Actif;Suivi péremption;Contenance");
    expect(f.rows).toBe(3);
    // stored in XOF minor units (no decimals), shown in EUR after the currency change: 3500 -> 35,00
    // units in the shop's words, as an import reads them back
    expect(lines).toContain('HUI-1;"Huile ""Dinor""; 1 L";Épicerie;;l;12,51;9,90;0,00;;1;0;7;2,5;1;0;');
    expect(lines).toContain("EQ-1;'=1+1 piège;Divers;;pièce;1,00;0,60;0,00;;1;0;7;0;1;0;");
    expect(lines).toContain('RIZ-5;Riz brisé 5 kg;Épicerie;6009876543210;pièce;35,00;29,00;18,00;Sotiba;1;0;7;40;1;0;');
  });

  it('products exported in French or English import back unchanged into an empty shop', async () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const f = await exp({ what: 'products', format, locale });
        const other = openShop();
        try {
          const path = join(other.dir, f.fileName);
          writeFileSync(path, f.bytes);
          const r = await other.run({ kind: 'products', file: path });
          expect(r.issues).toEqual([]);
          expect(r.written).toBe(3);
          const q = 'SELECT p.sku, p.name, p.category, p.price_minor, p.cost_minor, p.vat_rate_bp, p.active, p.tracks_expiry, COALESCE(s.on_hand_milli, 0) AS milli FROM products p LEFT JOIN stock s ON s.product_id = p.id ORDER BY sku';
          expect(other.core.store.sqlite.prepare(q).all()).toEqual(shop.core.store.sqlite.prepare(q).all());
        } finally {
          other.close();
        }
      }
    }
  });

  it('stock with its value as English CSV (« , » and a decimal point) and as .xlsx with numbers', async () => {
    await shop.core.call('settings.save', { locale: 'en' });
    const csv = await exp({ what: 'stock', format: 'csv' });
    const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('SKU,Name,Category,Unit,On hand,Unit cost,Stock value');
    expect(lines).toContain('HUI-1,"Huile ""Dinor""; 1 L",Épicerie,l,2.5,990,2475');
    expect(lines).toContain('RIZ-5,Riz brisé 5 kg,Épicerie,piece,40,2900,116000');

    const x = await exp({ what: 'stock', format: 'xlsx' });
    expect(x.fileName).toBe('stock-2026-03-15.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'SKU', 'Name', 'Category', 'Unit', 'On hand', 'Unit cost', 'Stock value']);
    const riz = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'RIZ-5')!;
    expect(riz.getCell(5).value).toBe(40);
    expect(riz.getCell(7).value).toBe(116000);
    expect(x.rows).toBe(3);
  });

  it('the ledger over a date range, both ends included', async () => {
    const core = shop.core;
    const id = (sku: string) => core.store.sqlite.prepare('SELECT id FROM products WHERE sku = ?').pluck().get(sku) as number;
    const movements = core.store.sqlite.prepare('SELECT count(*) FROM movements').pluck().get() as number;
    const rec = await core.call('ledger.record', { lines: [{ productId: id('RIZ-5'), kind: 'sale', quantity: 3 }] });
    expect(rec.ok).toBe(true);
    const all = await exp({ what: 'ledger', format: 'csv', from: '2026-03-01', to: '2026-03-15' });
    expect(all.fileName).toBe('mouvements-2026-03-01_2026-03-15.csv');
    const lines = all.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe("Date;Heure;Référence;Désignation;Mouvement;Quantité;Prix d'achat;Prix de vente;Motif;Pièce;Lot;Péremption;Utilisateur");
    expect(all.rows).toBe(movements + 1);
    expect(lines.at(-1)).toMatch(/^2026-03-15;\d\d:\d\d;RIZ-5;Riz brisé 5 kg;Vente;-3;2900;3500;/);
    const none = await exp({ what: 'ledger', format: 'xlsx', from: '2026-01-01', to: '2026-01-31' });
    expect(none.rows).toBe(0);
    const backwards = await shop.core.call('onboarding.export', { what: 'ledger', format: 'csv', from: '2026-03-10', to: '2026-03-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'validation', field: 'from', message: expect.stringMatching(/after the last/) } });
    const badDate = await shop.core.call('onboarding.export', { what: 'ledger', format: 'csv', from: '01/03/2026' });
    expect(badDate).toMatchObject({ ok: false, error: { code: 'validation', field: 'from' } });
  });
});
