import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, PurchaseOrderDocument } from '../../src/shared/api/contract';
import { must, openTestCore, tempDir } from '../helpers/core';

describe("the purchase order PDF dates an order by the shop's day, not UTC's", () => {
  const zone = process.env.TZ;
  // a shop in Paris: just after midnight local time it is still the day before in UTC
  beforeAll(() => {
    process.env.TZ = 'Europe/Paris';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('a draft made and sent at 00:30 on 10 March is dated 10/03/2026; the wanted delivery day stays as it is', async () => {
    const now = new Date(2026, 2, 10, 0, 30);
    expect(now.toISOString()).toBe('2026-03-09T23:30:00.000Z');
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => now);
    try {
      await must(core.call('settings.save', { shopName: 'Épicerie Hélène', locale: 'fr', currency: 'EUR' }));
      const sup = await must<{ id: number }>(core.call('suppliers.save', { name: 'Céréales & Fils', leadTimeDays: 2 }));
      const p = await must<{ id: number }>(core.call('products.save', { sku: 'SAF', name: 'Safran', unit: 'g', priceMinor: 1500, costMinor: 999, supplierId: sup.id }));
      const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: p.id, quantity: 0.125 }] }));
      const text = async (name: string) => {
        const doc = await must<PurchaseOrderDocument>(core.call('purchasing.pdf', { id: po.id }));
        const file = join(tmp.dir, name);
        writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
        return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      };
      // a draft is dated by the day it is printed to be sent (here the day it was made)
      expect(await text('draft.pdf')).toMatch(/Date : 10\/03\/2026/);
      const sent = await must<PurchaseOrder>(core.call('purchasing.markSent', { id: po.id }));
      expect(sent.expectedDate).toBe('2026-03-17');
      const pdf = await text('sent.pdf');
      expect(pdf).toMatch(/Date : 10\/03\/2026/);
      expect(pdf).not.toMatch(/09\/03\/2026/);
      // a bare day is a calendar date: no time zone moves it
      expect(pdf).toMatch(/Livraison souhaitée le : 17\/03\/2026/);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
