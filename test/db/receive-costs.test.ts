import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../src/shared/api/contract';
import type { StockReceipt } from '../../src/shared/api/contracts/counts';
import type { Core } from '../../src/main/core';
import { must, openTestCore, refused, tempDir } from '../helpers/core';

describe('a delivery at a new price: its cost on the movements, and on the product card when asked (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let cement: number;
  let rice: number;
  const sql = {
      cost: (id: number) => core.store.sqlite.prepare('SELECT cost_minor FROM products WHERE id = ?').pluck().get(id) as number,
      movementCosts: () => core.store.sqlite.prepare("SELECT product_id AS productId, unit_cost_minor AS cost, reference FROM movements WHERE kind = 'receipt' ORDER BY id").all(),
      costAudits: () =>
        (core.store.sqlite.prepare("SELECT entity_id AS id, detail FROM audit WHERE entity = 'product' AND action = 'cost_change' ORDER BY id").all() as { id: string; detail: string }[]).map((a) => ({
          id: Number(a.id),
          ...JSON.parse(a.detail),
        })),
      stockValue: () => core.store.sqlite.prepare('SELECT sum(s.on_hand_milli * p.cost_minor / 1000) FROM stock s JOIN products p ON p.id = s.product_id').pluck().get() as number,
  };

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-03-10T10:00:00'));
    const sup = await must<{ id: number }>(core.call('suppliers.save', { name: 'Sococim' }));
    cement = (await must<{ id: number }>(core.call('products.save', { sku: 'CIM50', name: 'Ciment 50 kg', priceMinor: 4500, costMinor: 3700, supplierId: sup.id }))).id;
    rice = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz 25 kg', priceMinor: 14000, costMinor: 12000, supplierId: sup.id }))).id;
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('on a purchase order: the invoiced price goes on the movement; with updateCosts it becomes the cost price, audited; a line left at the order price changes nothing', async () => {
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: cement, quantity: 40 }, { productId: rice, quantity: 10 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    // the owner has since corrected the rice's card by hand; the order still says 12 000
    const riceCard = await must<Record<string, unknown>>(core.call('products.get', { id: rice }));
    await must(core.call('products.save', { ...riceCard, costMinor: 12500 }));

    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 20, unitCostMinor: 3950 }, { lineNo: 2, quantity: 10 }], updateCosts: true }));
    expect(sql.movementCosts()).toEqual([
      { productId: cement, cost: 3950, reference: po.reference },
      { productId: rice, cost: 12000, reference: po.reference },
    ]);
    expect(sql.cost(cement)).toBe(3950);
    // the line that named no price does not undo the card's correction
    expect(sql.cost(rice)).toBe(12500);
    expect(sql.costAudits()).toEqual([{ id: cement, fromMinor: 3700, toMinor: 3950, reference: po.reference }]);
    expect(sql.stockValue()).toBe(20 * 3950 + 10 * 12500);

    // without updateCosts the price stays on the movement only
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 20, unitCostMinor: 4100 }] }));
    expect(sql.movementCosts().at(-1)).toEqual({ productId: cement, cost: 4100, reference: po.reference });
    expect(sql.cost(cement)).toBe(3950);
    expect(sql.costAudits()).toHaveLength(1);

    // a sale after the new cost: its margin is at what the shop now pays
    await must(core.call('pos.checkout', { lines: [{ productId: cement, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 4500 }] }));
    expect(core.store.sqlite.prepare('SELECT cost_minor FROM daily_sales WHERE product_id = ?').pluck().get(cement)).toBe(3950);
  });

  it('without a purchase order (Stock, F3): a typed cost that differs becomes the cost price; the same cost changes nothing', async () => {
    const receipt = await must<StockReceipt>(
      core.call('stock.receive', {
        lines: [
          { productId: cement, quantity: 10, unitCostMinor: 3800 },
          { productId: rice, quantity: 5, unitCostMinor: 12000 },
        ],
        updateCosts: true,
      }),
    );
    expect(receipt.costChanges).toEqual([{ productId: cement, fromMinor: 3700, toMinor: 3800 }]);
    expect([sql.cost(cement), sql.cost(rice)]).toEqual([3800, 12000]);
    expect(sql.costAudits()).toEqual([{ id: cement, fromMinor: 3700, toMinor: 3800, reference: receipt.reference }]);
    // the product's sync sequence moved, so the central server learns the new cost
    const seq = core.store.sqlite.prepare('SELECT sync_seq FROM products WHERE id = ?').pluck();
    expect(seq.get(cement) as number).toBeGreaterThan(seq.get(rice) as number);
  });

  it('a bad cost is refused with its field, and nothing is booked or changed', async () => {
    const before = [sql.movementCosts(), sql.cost(cement)];
    const e = await refused<{ field: string }>('negative cost', core.call('stock.receive', { lines: [{ productId: cement, quantity: 1, unitCostMinor: -5 }], updateCosts: true }));
    expect(e.field).toBe('lines.0.unitCostMinor');
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: cement, quantity: 4 }] }));
    await must(core.call('purchasing.markSent', { id: po.id }));
    const f = await refused<{ field: string }>('fractional cost', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 4, unitCostMinor: 39.5 }], updateCosts: true }));
    expect(f.field).toBe('lines.0.unitCostMinor');
    expect([sql.movementCosts(), sql.cost(cement)]).toEqual(before);
  });
});
