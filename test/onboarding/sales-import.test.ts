import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/dates';
import { checksum, openShop, seedProducts, soldBySku, type Shop } from './helpers';

let shop: Shop;
beforeEach(() => {
  shop = openShop();
});
afterEach(() => shop.close());

/** A seeded sales file: 30 items x 200 days, some duplicated product-days and fractional quantities. */
function fixture(): { csv: string; totals: Map<string, number> } {
  let seed = 11;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const totals = new Map<string, number>();
  const lines = ['item_id,date,qty'];
  for (let i = 0; i < 30; i++) {
    const item = `it-${i}`;
    for (let d = 0; d < 200; d++) {
      const date = addDays('2025-06-01', d);
      const qty = i % 5 === 0 ? Math.round(random() * 4000) / 1000 : Math.floor(random() * 12);
      lines.push(`${item},${date},${qty}`);
      totals.set(item, (totals.get(item) ?? 0) + qty * 1000);
      if (d % 50 === 7) {
        lines.push(`${item},${date},2`); // a second row for the same day: summed
        totals.set(item, totals.get(item)! + 2000);
      }
    }
  }
  return { csv: `${lines.join('\n')}\n`, totals: new Map([...totals].map(([k, v]) => [k, Math.round(v) / 1000])) };
}

describe('past sales import', () => {
  it('sums the file per product and day into daily_sales: per-product totals equal the source', async () => {
    const { csv, totals } = fixture();
    const path = shop.file('sales.csv', csv);
    const report = await shop.run({ kind: 'sales', file: path, createProducts: true });
    expect(report.fileError).toBeNull();
    expect(report.invalid).toBe(0);
    expect(report.committed).toBe(true);
    expect(report.createdProducts).toBe(30);
    expect(report.rows).toBe(csv.trim().split('\n').length - 1);
    const sold = soldBySku(shop.core);
    expect(sold.size).toBe(30);
    for (const [item, total] of totals) expect(sold.get(item)).toBeCloseTo(total, 6);
    // one row per product-day: duplicates were summed
    const days = shop.core.store.sqlite.prepare('SELECT count(*) FROM daily_sales').pluck().get();
    expect(days).toBe(30 * 200);
    // history only: no movement, no stock
    expect(shop.core.store.sqlite.prepare('SELECT count(*) FROM movements').pluck().get()).toBe(0);
    expect(shop.core.store.sqlite.prepare('SELECT count(*) FROM stock').pluck().get()).toBe(0);
    // the file says nothing of stock: unknown, not zero (zero would read as a stockout to the forecaster)
    expect(shop.core.store.sqlite.prepare('SELECT count(*) FROM daily_sales WHERE end_stock_milli IS NOT NULL').pluck().get()).toBe(0);
  });

  it('computes revenue and cost from the product price, or the row price when the file has one', async () => {
    await seedProducts(shop, ['A', 'B']);
    const path = shop.file('s.csv', 'Réf;Date;Qté;Prix unitaire\nA;05/01/2026;3;\nB;2026-01-05;2;150\nA;05/01/2026;1,4996;\n');
    const r = await shop.run({ kind: 'sales', file: path });
    expect(r.invalid).toBe(0);
    const rows = shop.core.store.sqlite
      .prepare('SELECT p.sku, d.date, d.sold_milli, d.revenue_minor, d.cost_minor FROM daily_sales d JOIN products p ON p.id = d.product_id ORDER BY p.sku')
      .all();
    expect(rows).toEqual([
      { sku: 'A', date: '2026-01-05', sold_milli: 4500, revenue_minor: 450, cost_minor: 270 },
      { sku: 'B', date: '2026-01-05', sold_milli: 2000, revenue_minor: 300, cost_minor: 120 },
    ]);
  });

  it('leaves on-hand alone by default and lowers it only when asked', async () => {
    await seedProducts(shop, ['A']);
    const path = shop.file('s.csv', 'item_id,date,qty\nA,2026-01-05,3\nA,2026-01-06,4\n');
    await shop.run({ kind: 'sales', file: path });
    expect(shop.core.store.sqlite.prepare('SELECT count(*) FROM stock').pluck().get()).toBe(0);
    const path2 = shop.file('s2.csv', 'item_id,date,qty\nA,2026-01-07,5\n');
    await shop.run({ kind: 'sales', file: path2, applyToStock: true });
    const onHand = shop.core.store.sqlite.prepare('SELECT on_hand_milli FROM stock').pluck().get();
    expect(onHand).toBe(-5000);
    const ledger = shop.core.store.sqlite.prepare('SELECT sum(qty_milli) FROM movements').pluck().get();
    expect(ledger).toBe(onHand);
  });

  it('refuses product-days already in the history instead of doubling them', async () => {
    await seedProducts(shop, ['A']);
    const path = shop.file('s.csv', 'item_id,date,qty\nA,2026-01-05,3\nA,2026-01-06,4\n');
    await shop.run({ kind: 'sales', file: path });
    const before = checksum(shop.core);
    const again = await shop.run({ kind: 'sales', file: path, allOrNothing: true });
    expect(again.invalid).toBe(2);
    expect(again.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, 'date', 'already_in_history'],
      [3, 'date', 'already_in_history'],
    ]);
    expect(checksum(shop.core)).toBe(before);
    expect(soldBySku(shop.core).get('A')).toBe(7);
  });

  it('a dry run reports what would be written and writes nothing', async () => {
    const { csv } = fixture();
    const path = shop.file('sales.csv', csv);
    const before = checksum(shop.core);
    const r = await shop.run({ kind: 'sales', file: path, createProducts: true, dryRun: true });
    expect(r.valid).toBe(r.rows);
    expect(r.createdProducts).toBe(30);
    expect(r.written).toBe(0);
    expect(r.committed).toBe(false);
    expect(checksum(shop.core)).toBe(before);
  });

  it('writes the good rows and lists the bad ones by default; all-or-nothing writes none', async () => {
    await seedProducts(shop, ['A']);
    const csv = 'item_id,date,qty\nA,2026-01-05,3\nA,2026-01-06,trois\nA,2026-01-07,2\n';
    const path = shop.file('s.csv', csv);
    const before = checksum(shop.core);
    const strict = await shop.run({ kind: 'sales', file: path, allOrNothing: true });
    expect(strict.committed).toBe(false);
    expect(strict.written).toBe(0);
    expect(checksum(shop.core)).toBe(before);
    const lenient = await shop.run({ kind: 'sales', file: path });
    expect(lenient.written).toBe(2);
    expect(lenient.issues).toEqual([{ line: 3, column: 'qty', code: 'not_a_number', message: '« trois » is not a quantity', params: { specific: 'not_quantity', value: 'trois' } }]);
    expect(soldBySku(shop.core).get('A')).toBe(5);
  });

  it('takes a column mapping that overrides the guess', async () => {
    await seedProducts(shop, ['A']);
    const path = shop.file('s.csv', 'code,jour,vendu,retours\nA,2026-01-05,3,1\n');
    const r = await shop.run({ kind: 'sales', file: path, mapping: { qty: 'RETOURS' } });
    expect(r.columns).toMatchObject({ product: 'code', date: 'jour', qty: 'retours' });
    expect(soldBySku(shop.core).get('A')).toBe(1);
  });
});
