import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../src/main/core';
import { ImportService, type ImportOptions, type ImportReport } from '../../src/main/services/onboarding';
import { openTestCore, tempDir } from '../helpers/core';

export const TODAY = new Date('2026-03-15T10:00:00');

export interface Shop {
  dir: string;
  core: Core;
  service: ImportService;
  run(options: ImportOptions): Promise<ImportReport>;
  /** Writes a file in the shop's temp dir and returns its path. */
  file(name: string, content: string | Buffer): string;
  close(): void;
}

export function openShop(): Shop {
  const { dir, cleanup } = tempDir('shelfcast-import-');
  const core = openTestCore(dir, () => TODAY);
  const service = new ImportService({ store: core.store, now: () => TODAY });
  const actor = { user: core.services.session.current()! };
  return {
    dir,
    core,
    service,
    run: (options) => service.run(options, actor),
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    close: () => {
      core.close();
      cleanup();
    },
  };
}

const TABLES = ['products', 'product_barcodes', 'suppliers', 'movements', 'stock', 'daily_sales', 'audit', 'outbox', 'settings'];

/** Row counts and a hash of every row of the shop's tables: equal before and after means untouched. */
export function checksum(core: Core): string {
  const h = createHash('sha256');
  for (const t of TABLES) {
    const rows = core.store.sqlite.prepare(`SELECT * FROM ${t}`).all().map((r) => JSON.stringify(r)).sort();
    h.update(`${t}:${rows.length}:${rows.join('\n')}`);
  }
  return h.digest('hex');
}

/** Sold quantity (in units) per product SKU from daily_sales. */
export function soldBySku(core: Core): Map<string, number> {
  const rows = core.store.sqlite
    .prepare('SELECT p.sku, sum(d.sold_milli) AS milli FROM daily_sales d JOIN products p ON p.id = d.product_id GROUP BY p.sku')
    .all() as { sku: string; milli: number }[];
  return new Map(rows.map((r) => [r.sku, r.milli / 1000]));
}

/** Adds products with these SKUs (price 100, cost 60) through the products import. */
export async function seedProducts(shop: Shop, skus: string[]): Promise<void> {
  const path = shop.file('seed-products.csv', `sku,name,price,cost\n${skus.map((s) => `${s},Produit ${s},100,60`).join('\n')}\n`);
  const r = await shop.run({ kind: 'products', file: path });
  if (r.fileError || r.invalid > 0) throw new Error(`seed failed: ${JSON.stringify(r)}`);
}
