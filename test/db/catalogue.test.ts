import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('catalogue: products and suppliers', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });
  const rows = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it.each([
    [{ sku: 'A1', name: '', priceMinor: 100 }, 'name'],
    [{ sku: 'A1', name: '   ', priceMinor: 100 }, 'name'],
    [{ sku: 'A1', name: 'Savon', priceMinor: -5 }, 'priceMinor'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 10.5 }, 'priceMinor'],
    [{ sku: '', name: 'Savon', priceMinor: 100 }, 'sku'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 100, packSize: 0 }, 'packSize'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 100, unit: 'bucket' }, 'unit'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 100, netContent: { quantity: 0, unit: 'g' } }, 'netContent.quantity'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 100, netContent: { quantity: 1.0005, unit: 'kg' } }, 'netContent.quantity'],
    [{ sku: 'A1', name: 'Savon', priceMinor: 100, netContent: { quantity: 400, unit: 'oz' } }, 'netContent.unit'],
  ])('refuses %j naming the field %s, writing nothing', async (input, field) => {
    const result = await core.call('products.save', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field } });
    expect(rows('products')).toBe(0);
    expect(rows('audit')).toBe(0);
  });

  it('refuses a duplicate SKU (any case) and a duplicate barcode, naming the product that has it', async () => {
    await must(core.call('products.save', { sku: 'SAV-1', name: 'Savon', priceMinor: 250, barcodes: ['3017620422003'] }));
    expect(await core.call('products.save', { sku: 'sav-1', name: 'Autre', priceMinor: 1 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'sku', details: { reason: 'sku_taken', sku: 'sav-1', name: 'Savon' } },
    });
    expect(await core.call('products.save', { sku: 'SAV-2', name: 'Autre', priceMinor: 1, barcodes: ['3017620422003'] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'barcodes', details: { reason: 'barcode_taken', barcode: '3017620422003', name: 'Savon' } },
    });
    expect(rows('products')).toBe(1);
    expect(rows('product_barcodes')).toBe(1);
  });

  it('keeps what a packet holds exactly, gives it back, and forgets it when told', async () => {
    const oil = await must<{ id: number; netContent: unknown }>(core.call('products.save', { sku: 'HUI-1', name: 'Huile', priceMinor: 1500, netContent: { quantity: 1.5, unit: 'l' } }));
    expect(oil.netContent).toEqual({ quantity: 1.5, unit: 'l' });
    expect(core.store.sqlite.prepare('SELECT net_content_milli AS milli, net_content_unit AS unit FROM products WHERE id = ?').get(oil.id)).toEqual({ milli: 1500, unit: 'l' });
    expect(await must(core.call('products.get', { id: oil.id }))).toMatchObject({ netContent: { quantity: 1.5, unit: 'l' } });
    await must(core.call('products.save', { id: oil.id, sku: 'HUI-1', name: 'Huile', priceMinor: 1500, netContent: null }));
    expect(await must(core.call('products.get', { id: oil.id }))).toMatchObject({ netContent: null });
  });

  it('edits, searches without accents, finds by barcode, deactivates', async () => {
    const cafe = await must<{ id: number }>(core.call('products.save', { sku: 'CAF-1', name: 'Café moulu 250 g', priceMinor: 1500, category: 'Épicerie', barcodes: ['111'] }));
    await must(core.call('products.save', { sku: 'THE-1', name: 'Thé vert', priceMinor: 900 }));
    await must(core.call('products.save', { id: cafe.id, sku: 'CAF-1', name: 'Café moulu 500 g', priceMinor: 2800, barcodes: ['111', '222'] }));
    const found = await must<{ items: { name: string; barcodes: string[] }[] }>(core.call('products.list', { search: 'cafe' }));
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: 'Café moulu 500 g', barcodes: ['111', '222'] });
    const byBarcode = await must<{ items: { id: number }[] }>(core.call('products.list', { search: '222' }));
    expect(byBarcode.items.map((p) => p.id)).toEqual([cafe.id]);
    await must(core.call('products.deactivate', { id: cafe.id }));
    expect((await must<{ total: number }>(core.call('products.list', {}))).total).toBe(1);
    expect((await must<{ total: number }>(core.call('products.list', { includeInactive: true }))).total).toBe(2);
  });

  it('ranks exact SKU first, then names starting with the text', async () => {
    await must(core.call('products.save', { sku: 'LAIT-1', name: 'Chocolat au lait', priceMinor: 1 }));
    await must(core.call('products.save', { sku: 'LAIT-2', name: 'Lait concentré', priceMinor: 1 }));
    await must(core.call('products.save', { sku: 'lait', name: 'Zeste', priceMinor: 1 }));
    const list = await must<{ items: { name: string }[] }>(core.call('products.list', { search: 'lait' }));
    expect(list.items.map((p) => p.name)).toEqual(['Zeste', 'Lait concentré', 'Chocolat au lait']);
  });

  it('saves suppliers with field errors, links products to them', async () => {
    expect(await core.call('suppliers.save', { name: '' })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect(await core.call('suppliers.save', { name: 'SODECI', email: 'not-an-email' })).toMatchObject({ ok: false, error: { field: 'email' } });
    const sup = await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste Dakar', phone: '+221 77 000 00 00', leadTimeDays: 5 }));
    expect(await core.call('suppliers.save', { name: 'grossiste dakar' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(await core.call('products.save', { sku: 'X', name: 'X', priceMinor: 1, supplierId: 777 })).toMatchObject({ ok: false, error: { field: 'supplierId' } });
    await must(core.call('products.save', { sku: 'X', name: 'X', priceMinor: 1, supplierId: sup.id }));
    const list = await must<{ items: { supplierName: string }[] }>(core.call('products.list', {}));
    expect(list.items[0].supplierName).toBe('Grossiste Dakar');
    await must(core.call('suppliers.deactivate', { id: sup.id }));
    expect((await must<{ total: number }>(core.call('suppliers.list', {}))).total).toBe(0);
  });

  it('answers an unknown operation and bad JSON shapes with clear errors', async () => {
    expect(await core.call('products.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.call('products.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'id' } });
    expect(await core.call('products.get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
