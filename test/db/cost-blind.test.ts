import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must, openTestCore, tempDir } from '../helpers/core';

/** Every cost-like field name in an output, wherever it is nested. */
function costFields(value: unknown, path = ''): Record<string, unknown> {
  if (Array.isArray(value)) return Object.assign({}, ...value.map((v, i) => costFields(v, `${path}[${i}]`))) as Record<string, unknown>;
  if (!value || typeof value !== 'object') return {};
  const found: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (/cost|^valueMinor$/i.test(key)) found[`${path}.${key}`] = v;
    Object.assign(found, costFields(v, `${path}.${key}`));
  }
  return found;
}

describe('a cashier never sees costs or stock value (redacted in main)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let id: number;
  const barcode = '600123450001' + ean13CheckDigit('600123450001');
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir);
    id = (await must<{ id: number }>(core.call('products.save', { sku: 'OIL', name: 'Huile 1 L', costMinor: 1100, priceMinor: 1500, barcodes: [barcode] }))).id;
    await must(core.call('ledger.record', { lines: [{ productId: id, kind: 'receipt', quantity: 12, unitCostMinor: 1100 }] }));
    await must(core.call('replenishment.recompute', {}));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const reads = () =>
    Promise.all([
      must(core.call('products.list', {})),
      must(core.call('products.get', { id })),
      must(core.call('pos.scan', { code: barcode })),
      must(core.call('stock.onHand', {})),
      must(core.call('ledger.movements', { productId: id })),
      must(core.call('replenishment.list', {})),
    ]);

  it('the owner sees them; the same calls as a cashier carry none, and prices stay', async () => {
    const asOwner = costFields(await reads());
    expect(Object.keys(asOwner).length).toBeGreaterThanOrEqual(6);
    expect(Object.values(asOwner).every((v) => typeof v === 'number')).toBe(true);

    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    const asCashier = await reads();
    const hidden = costFields(asCashier);
    expect(Object.keys(hidden).sort()).toEqual(Object.keys(asOwner).sort());
    expect(Object.values(hidden).every((v) => v === null)).toBe(true);
    expect((asCashier[1] as { priceMinor: number }).priceMinor).toBe(1500);
    expect((asCashier[3] as { onHand: number }[])[0].onHand).toBe(12);
  });
});
