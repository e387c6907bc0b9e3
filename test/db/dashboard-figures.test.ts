import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { SQL } from '../../src/main/services/dashboard/queries';
import type { DashboardPeriod, DashboardSummary } from '../../src/shared/api/contract';
import type { CompletedSale } from '../../src/shared/domain/sale';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

/**
 * The owner's figures against a ledger kept by hand beside the shop: losses and the margin after them,
 * the VAT a receipt charged (not the product's rate now), one stock value rule for the dashboard and
 * the Stock page, and periods with more refunded than sold.
 */

const TODAY = '2026-05-14';

describe('dashboard figures against a hand ledger (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const ids: Record<string, number> = {};
  const at = (day: string, time = '10:00') => (now = new Date(`${day}T${time}:00`));
  const summary = (period: DashboardPeriod) => must<DashboardSummary>(core.call('dashboard.summary', { period }));
  const product = async (sku: string, priceMinor: number, costMinor: number, vatRateBp = 0, unit = 'piece') => {
    ids[sku] = (await must<{ id: number }>(core.call('products.save', { sku, name: `Produit ${sku}`, unit, priceMinor, costMinor, vatRateBp }))).id;
  };
  const sell = (lines: [string, number][], totalMinor: number, extra: Record<string, unknown> = {}) =>
    must<CompletedSale>(core.call('pos.checkout', { lines: lines.map(([sku, quantity]) => ({ productId: ids[sku], quantity })), tenders: [{ tender: 'cash', amountMinor: totalMinor }], ...extra }));
  const record = (kind: string, sku: string, quantity: number, reason = 'test') => must(core.call('ledger.record', { lines: [{ productId: ids[sku], kind, quantity, reason }] }));

  beforeEach(() => {
    tmp = tempDir();
    at('2026-04-01', '08:00');
    core = openTestCore(tmp.dir, () => now);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('losses: write-offs and what counts found missing, at the cost of the day, next to the margin; counted surplus and adjustments left out', async () => {
    await product('RIZ', 1000, 600);
    await product('SAVON', 400, 250);
    await product('SUCRE', 700, 500, 0, 'kg');
    await must(core.call('ledger.record', { lines: [{ productId: ids.RIZ, kind: 'receipt', quantity: 50 }, { productId: ids.SAVON, kind: 'receipt', quantity: 100 }, { productId: ids.SUCRE, kind: 'receipt', quantity: 50 }] }));
    // before the last 7 days: one rice thrown away (in the 30 days only)
    at('2026-05-05');
    await record('loss', 'RIZ', 1, 'expired');
    // the last 7 days. Sold: 3 rice (margin 3 × 400) and 5 soaps (5 × 150) = 1 950
    at('2026-05-10');
    await sell([['RIZ', 3], ['SAVON', 5]], 5000);
    // thrown away: 2 soaps (2 × 250) and 1.2 kg of sugar (1.2 × 500) = 1 100
    at('2026-05-11');
    await record('loss', 'SAVON', 2, 'damaged');
    await record('loss', 'SUCRE', 1.2, 'damaged');
    // sugar's cost goes up afterwards: the loss stays at the cost it was recorded at
    await must(core.call('products.save', { id: ids.SUCRE, sku: 'SUCRE', name: 'Produit SUCRE', unit: 'kg', priceMinor: 700, costMinor: 550, vatRateBp: 0 }));
    // a count finds 2 rice missing (2 × 600 = 1 200) and 3 soaps too many (not a gain: a delivery not entered);
    // an adjustment corrects 1 kg of sugar typed twice (an entry, not goods gone)
    at('2026-05-12');
    await record('count', 'RIZ', -2, 'stock count INV-1');
    await record('count', 'SAVON', 3, 'stock count INV-1');
    await record('adjustment', 'SUCRE', -1, 'receipt typed twice');
    at(TODAY, '18:00');

    const week = await summary('7d');
    expect(week.marginMinor).toBe(1950);
    expect(week.losses).toEqual({ writeOffsMinor: 1100, countShortfallMinor: 1200, totalMinor: 2300, marginAfterMinor: 1950 - 2300, marginAfterRate: (1950 - 2300) / 5000 });
    expect(week.marginRate).toBeCloseTo(1950 / 5000, 10);

    const month = await summary('30d');
    expect(month.losses).toMatchObject({ writeOffsMinor: 1100 + 600, countShortfallMinor: 1200, totalMinor: 2900, marginAfterMinor: 1950 - 2900 });
    // nothing lost today: 0, and the margin after losses is the margin (no sale today: no rate)
    expect((await summary('today')).losses).toEqual({ writeOffsMinor: 0, countShortfallMinor: 0, totalMinor: 0, marginAfterMinor: 0, marginAfterRate: null });
    // the movements screen (F7) values the same write-offs the same way
    const journal = await must<{ totals: { kind: string; valueMinor: number }[] }>(core.call('ledger.journal', { lastDays: 7, kinds: ['loss'] }));
    expect(journal.totals).toEqual([expect.objectContaining({ kind: 'loss', valueMinor: -1100 })]);

    // a cashier sees neither the losses nor the margin after them
    await ownerPin(core);
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
    const seen = await summary('7d');
    expect(seen.losses).toBeNull();
    expect(seen.marginMinor).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('2300');
  });

  it('the margin takes off the VAT each receipt charged: a rate changed afterwards rewrites nothing; a sale without a receipt goes at the rate now', async () => {
    await product('VIN', 1200, 700, 2000);
    await product('FROMAGE', 2110, 1500, 550);
    await must(core.call('ledger.record', { lines: [{ productId: ids.VIN, kind: 'receipt', quantity: 20 }, { productId: ids.FROMAGE, kind: 'receipt', quantity: 20 }] }));
    at('2026-05-12');
    // 3 bottles at 20 %: 3 600 taken, 600 of it VAT; margin 3 000 − 2 100 = 900
    const first = await sell([['VIN', 3]], 3600);
    expect(first.cart.lines[0]!.vatMinor).toBe(600);
    // two rates and a 100 discount spread over both lines: the receipt's lines say what was charged
    const second = await sell([['VIN', 1], ['FROMAGE', 2]], 1200 + 4220 - 100, { saleDiscountMinor: 100 });
    const charged = second.cart.lines.reduce((s, l) => s + l.netMinor - l.vatMinor, 0);
    expect(second.cart.lines.map((l) => l.vatRateBp)).toEqual([2000, 550]);
    const cost = 4 * 700 + 2 * 1500;
    at(TODAY);
    const margin = 3000 + charged - cost;
    expect((await summary('7d')).marginMinor).toBe(margin);

    // the wine's rate goes down to 10 % today: last week's margin stays
    await must(core.call('products.save', { id: ids.VIN, sku: 'VIN', name: 'Produit VIN', priceMinor: 1200, costMinor: 700, vatRateBp: 1000 }));
    const after = await summary('7d');
    expect(after.marginMinor).toBe(margin);
    expect(after.marginRate).toBeCloseTo(margin / (3000 + charged), 10);

    // a bottle of the first receipt comes back: its 20 % goes back with it (1 200 − 200 − 700 of cost = 300 off)
    await must(core.call('pos.return', { receiptNo: first.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1200 }] }));
    expect((await summary('7d')).marginMinor).toBe(margin - 300);
    // a bottle sold from the stock screen (no receipt, no VAT stored) is taken at the rate now: 1 200 / 1.1 − 700
    await record('sale', 'VIN', 1, '');
    expect((await summary('7d')).marginMinor).toBe(Math.round(3000 + charged - 1000 + 1200 / 1.1) - cost);
  });

  it('one stock value: a line below 0 is worth 0 on the dashboard and on the Stock page, and both say how many lines are below 0', async () => {
    await product('RIZ', 1000, 600);
    await product('COMTE', 3000, 1870, 550, 'kg');
    await record('receipt', 'RIZ', 10);
    at(TODAY);
    // 1.2 kg of Comté sold before its delivery was entered: −1.2 kg on the books
    await sell([['COMTE', 1.2]], 3600);
    const d = await summary('7d');
    expect(d.stockValueMinor).toBe(10 * 600);
    expect(d.negativeStockLines).toBe(1);
    const lines = await must<{ sku: string; onHand: number; valueMinor: number }[]>(core.call('stock.onHand', {}));
    expect(lines.map((l) => [l.sku, l.onHand, l.valueMinor])).toEqual([
      ['COMTE', -1.2, 0],
      ['RIZ', 10, 6000],
    ]);
    expect(lines.reduce((s, l) => s + l.valueMinor, 0)).toBe(d.stockValueMinor);
    // once counted right, no line is below 0
    await record('count', 'COMTE', 1.2, 'stock count INV-2');
    expect((await summary('7d')).negativeStockLines).toBe(0);
  });

  it('no percentage when a period sold nothing or refunded more than it sold; the negative amount and margin are kept', async () => {
    await product('HUILE', 1500, 1100);
    await record('receipt', 'HUILE', 10);
    at('2026-05-12', '09:00');
    const sold = await sell([['HUILE', 2]], 3000);
    // the 13th: only a refund
    at('2026-05-13', '09:00');
    await must(core.call('pos.return', { receiptNo: sold.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1500 }] }));
    at('2026-05-13', '18:00');
    const refundDay = await summary('today');
    expect(refundDay.sales).toMatchObject({ amountMinor: -1500, receipts: 0, returns: { count: 1, amountMinor: 1500 } });
    expect(refundDay.previous.amountMinor).toBe(3000);
    expect(refundDay.change).toBeNull();
    expect(refundDay.marginMinor).toBe(-400);
    expect(refundDay.marginRate).toBeNull();
    expect(refundDay.losses).toMatchObject({ totalMinor: 0, marginAfterMinor: -400, marginAfterRate: null });
    expect(refundDay.daily.at(-1)).toEqual({ date: '2026-05-13', amountMinor: -1500 });

    // the 14th sells again: against a day of refunds, no percentage either
    at(TODAY, '10:00');
    await sell([['HUILE', 1]], 1500);
    at(TODAY, '19:00');
    const today = await summary('today');
    expect(today.previous.amountMinor).toBe(-1500);
    expect(today.change).toBeNull();
    // yesterday as a period: its refund against the 12th's sales, no percentage
    const yesterday = await summary('yesterday');
    expect([yesterday.sales.amountMinor, yesterday.previous.amountMinor, yesterday.change]).toEqual([-1500, 3000, null]);
    // two periods that both sold keep theirs: the 7 days to the 14th (3 000 − 1 500 + 1 500) against the 7 before (nothing) has none,
    // the 30 days have none either; today against a day that sold keeps it
    at('2026-05-15', '19:00');
    await sell([['HUILE', 2]], 3000);
    expect((await summary('today')).change).toBeCloseTo(3000 / 1500 - 1, 10);
  });

  it('reads losses from the ledger\'s kind-and-day index and the receipts\' VAT through the sales of those days', () => {
    const plan = (sql: string, ...args: unknown[]) =>
      (core.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    for (const sql of [SQL.writeOffs, SQL.countShortfalls]) {
      expect(plan(sql, '2026-05-08', TODAY)).toMatch(/^SEARCH movements USING INDEX movements_kind_day \(kind=\? AND business_date>\? AND business_date<\?\)$/);
    }
    const vat = plan(SQL.tillVat, '2026-05-08', TODAY);
    expect(vat).toMatch(/^SEARCH s USING INDEX sales_date \(business_date>\? AND business_date<\?\)/);
    expect(vat).toMatch(/SEARCH l USING (PRIMARY KEY|INDEX sqlite_autoindex_sale_lines_1) \(sale_id=\?\)/);
    expect(vat).toMatch(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(vat).not.toMatch(/SCAN/);
  });
});
