import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/dates';
import { openXlsx } from '../../src/main/services/onboarding';
import { checksum, openShop, seedProducts, soldBySku, type Shop } from './helpers';

let shop: Shop;
beforeEach(() => {
  shop = openShop();
});
afterEach(() => shop.close());

async function workbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const path = join(shop.dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('.xlsx import (first sheet, streamed)', () => {
  it('imports products from a workbook with French headers, numbers, rich text and formulas', async () => {
    const path = await workbook('produits.xlsx', (wb) => {
      const ws = wb.addWorksheet('Articles');
      ws.addRow(['Code article', 'Désignation', 'Prix de vente', "Prix d'achat", 'Fournisseur', 'Stock', 'Unité']);
      ws.addRow(['RIZ-5', 'Riz brisé 5 kg', 3500, 2900, 'Sotiba', 12, 'sac']);
      ws.addRow(['HUI-1', { richText: [{ text: 'Huile ' }, { font: { bold: true }, text: 'Dinor 1 L' }] }, { formula: '1000+250', result: 1250 }, 991, 'Sotiba', 4.25, 'litre']);
      ws.addRow([]);
      ws.addRow(['SUC-1', 'Sucre 1 kg', -700, 500, '', 3, 'kg']);
      wb.addWorksheet('Notes').addRow(['ignored', 'sheet']);
    });
    const dry = await shop.run({ kind: 'products', file: path, dryRun: true });
    expect(dry.fileError).toBeNull();
    expect(dry.format).toBe('xlsx');
    expect(dry.columns).toMatchObject({ sku: 'Code article', name: 'Désignation', price: 'Prix de vente', cost: "Prix d'achat", stock: 'Stock' });
    expect(dry).toMatchObject({ rows: 3, valid: 2, invalid: 1, written: 0 });
    // the workbook's row number is the line (row 4 is blank)
    expect(dry.issues).toEqual([expect.objectContaining({ line: 5, column: 'Prix de vente', code: 'negative' })]);

    const r = await shop.run({ kind: 'products', file: path });
    expect(r).toMatchObject({ committed: true, written: 2, createdSuppliers: 1 });
    const rows = shop.core.store.sqlite
      .prepare('SELECT p.sku, p.name, p.price_minor, p.cost_minor, s.on_hand_milli FROM products p JOIN stock s ON s.product_id = p.id ORDER BY p.sku')
      .all();
    expect(rows).toEqual([
      { sku: 'HUI-1', name: 'Huile Dinor 1 L', price_minor: 1250, cost_minor: 991, on_hand_milli: 4250 },
      { sku: 'RIZ-5', name: 'Riz brisé 5 kg', price_minor: 3500, cost_minor: 2900, on_hand_milli: 12000 },
    ]);
  });

  it('reads date cells as dates in a past-sales workbook', async () => {
    await seedProducts(shop, ['A', 'B']);
    const path = await workbook('ventes.xlsx', (wb) => {
      const ws = wb.addWorksheet('Ventes');
      ws.addRow(['Date', 'Code article', 'Qté vendue']);
      ws.addRow([new Date(Date.UTC(2026, 2, 1)), 'A', 2]);
      ws.addRow(['02/03/2026', 'A', 3]);
      ws.addRow([new Date(Date.UTC(2026, 2, 2)), 'B', 1.5]);
      ws.addRow([new Date(Date.UTC(2026, 2, 3)), 'B', 'deux']);
    });
    const r = await shop.run({ kind: 'sales', file: path });
    expect(r.issues).toEqual([expect.objectContaining({ line: 5, column: 'Qté vendue', code: 'not_a_number' })]);
    expect(r).toMatchObject({ committed: true, written: 3 });
    expect(soldBySku(shop.core)).toEqual(new Map([['A', 5], ['B', 1.5]]));
    const dates = shop.core.store.sqlite.prepare('SELECT DISTINCT date FROM daily_sales ORDER BY date').pluck().all();
    expect(dates).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('streams a large sheet in batches with progress, and a cancel writes nothing', async () => {
    const skus = Array.from({ length: 50 }, (_, i) => `P${i}`);
    await seedProducts(shop, skus);
    const days = 400;
    const path = await workbook('big.xlsx', (wb) => {
      const ws = wb.addWorksheet('Ventes');
      ws.addRow(['item_id', 'date', 'qty']);
      for (const s of skus) for (let d = 0; d < days; d++) ws.addRow([s, addDays('2024-12-01', d), (d % 7) + 1]);
    });
    const source = await openXlsx(path);
    let rows = 0;
    let batches = 0;
    for await (const batch of source.batches()) {
      rows += batch.length;
      batches++;
    }
    expect(rows).toBe(skus.length * days);
    expect(batches).toBeGreaterThan(10);

    const before = checksum(shop.core);
    const abort = new AbortController();
    const progress: number[] = [];
    const cancelled = await shop.run({
      kind: 'sales',
      file: path,
      signal: abort.signal,
      onProgress: (p) => {
        progress.push(p.bytesDone);
        if (progress.length === 3) abort.abort();
      },
    });
    expect(cancelled.fileError).toMatchObject({ code: 'cancelled' });
    expect(checksum(shop.core)).toBe(before);

    const r = await shop.run({ kind: 'sales', file: path });
    expect(r).toMatchObject({ committed: true, rows: skus.length * days, invalid: 0 });
  });

  it('an empty first sheet and a damaged workbook are refused with a clear message', async () => {
    const empty = await workbook('vide.xlsx', (wb) => {
      wb.addWorksheet('Feuil1');
    });
    const r = await shop.run({ kind: 'products', file: empty });
    expect(r.fileError).toMatchObject({ code: 'empty_file' });
    const broken = shop.file('cassé.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 3)]));
    const b = await shop.run({ kind: 'products', file: broken });
    expect(b.fileError).toMatchObject({ code: 'not_text' });
    expect(b.fileError!.message).toMatch(/could not be read as an Excel .xlsx file/);
  });
});
