import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openShop, soldBySku, type Shop } from './helpers';

const DATA = join(__dirname, '..', '..', '..', 'shared', 'data');

/** Per-item totals of an item_id,date,qty file, read independently of the importer. */
async function totals(file: string): Promise<{ rows: number; byItem: Map<string, number> }> {
  const byItem = new Map<string, number>();
  let rows = 0;
  let header = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (header || line === '') {
      header = false;
      continue;
    }
    const [item, , qty] = line.split(',');
    byItem.set(item!, (byItem.get(item!) ?? 0) + Math.round(Number(qty) * 1000));
    rows++;
  }
  return { rows, byItem };
}

describe.runIf(existsSync(DATA))("the real shops' histories import exactly", () => {
  let shop: Shop;
  beforeEach(() => {
    shop = openShop();
  });
  afterEach(() => shop.close());

  for (const set of ['breadbasket', 'pharma', 'store_item_demand']) {
    it(set, async () => {
      const file = join(DATA, set, 'dev.csv');
      const expected = await totals(file);
      const r = await shop.run({ kind: 'sales', file, createProducts: true });
      expect(r.fileError).toBeNull();
      expect(r.issues).toEqual([]);
      expect(r.rows).toBe(expected.rows);
      expect(r.written).toBe(expected.rows);
      expect(r.createdProducts).toBe(expected.byItem.size);
      const sold = soldBySku(shop.core);
      expect(sold.size).toBe(expected.byItem.size);
      for (const [item, milli] of expected.byItem) expect(Math.round(sold.get(item)! * 1000)).toBe(milli);
    });
  }
});
