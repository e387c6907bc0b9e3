import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { CheckoutService, type CheckoutInput } from '../../src/main/services/pos/checkout';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('checkout on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let pos: CheckoutService;
  let ids: number[];
  const owner = () => ({ user: core.services.session.current()! });
  const cashier = { user: { id: 7, name: 'Fatou', role: 'cashier' as const } };
  const options = { currency: 'XOF', negativeStock: 'warn' as const };
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    pos = new CheckoutService({ store: core.store, now: () => new Date('2026-05-04T10:30:00') });
    ids = [];
    for (const [sku, name, price, vat] of [['LAIT', 'Lait en poudre 400 g', 2950, 1800], ['RIZ', 'Riz 1 kg', 650, 0], ['SAV', 'Savon', 300, 1800]] as const) {
      ids.push((await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: price, vatRateBp: vat, unit: sku === 'RIZ' ? 'kg' : 'piece' }))).id);
    }
    await must(core.call('ledger.record', { lines: ids.map((productId) => ({ productId, kind: 'receipt', quantity: 50 })) }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const basket = (tenders: CheckoutInput['tenders']): CheckoutInput => ({
    lines: [
      { productId: ids[0], quantity: 2 },
      { productId: ids[1], quantity: 2.5 },
      { productId: ids[2], quantity: 3 },
    ],
    tenders,
  });

  it('commits the sale, its lines, tenders, ledger movements and revenue together, with change', () => {
    const sale = pos.checkout(basket([{ tender: 'cash', amountMinor: 10_000 }]), owner(), options);
    expect(sale.receiptNo).toBe(1);
    expect(sale.cart.totalMinor).toBe(2 * 2950 + 1625 + 900);
    expect(sale.changeMinor).toBe(10_000 - 8425);
    expect(count('sale_lines')).toBe(3);
    expect(core.services.ledger.onHand([ids[1]])[0].onHand).toBe(47.5);
    const day = core.store.sqlite.prepare('SELECT sum(revenue_minor) AS r FROM daily_sales').get() as { r: number };
    expect(day.r).toBe(8425);
    const vat18 = sale.cart.vat.find((v) => v.rateBp === 1800);
    expect(vat18).toEqual({ rateBp: 1800, netMinor: 5900 + 900, vatMinor: Math.round((6800 * 1800) / 11800) });
  });

  it('numbers receipts without gaps: a refused sale does not use a number', () => {
    expect(pos.checkout(basket([{ tender: 'card', amountMinor: 8425 }]), owner(), options).receiptNo).toBe(1);
    const before = [count('sales'), count('movements'), count('sale_tenders')];
    expect(() => pos.checkout(basket([{ tender: 'cash', amountMinor: 8000 }]), owner(), options)).toThrow(/425 still to pay/);
    expect([count('sales'), count('movements'), count('sale_tenders')]).toEqual(before);
    expect(pos.checkout(basket([{ tender: 'wave', amountMinor: 5000 }, { tender: 'cash', amountMinor: 3425 }]), owner(), options).receiptNo).toBe(2);
    expect(() => core.store.sqlite.prepare('UPDATE sales SET total_minor = 0').run()).toThrow(/append-only/);
  });

  it('refuses a cashier a price edit or a discount, writing nothing; a manager may, and it is audited', () => {
    const edited: CheckoutInput = { lines: [{ productId: ids[0], quantity: 1, unitPriceMinor: 2500 }], tenders: [{ tender: 'cash', amountMinor: 2500 }] };
    expect(() => pos.checkout(edited, cashier, options)).toThrow(/cashier cannot change prices/);
    expect(() => pos.checkout({ ...edited, lines: [{ productId: ids[0], quantity: 1, discountMinor: 100 }] }, cashier, options)).toThrow(/cashier/);
    expect(count('sales')).toBe(0);
    const sale = pos.checkout(edited, { user: { id: 3, name: 'Moussa', role: 'manager' } }, options);
    expect(sale.cart.totalMinor).toBe(2500);
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'override_price'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ kind: 'price', from: 2950, to: 2500 });
  });

  it('commits a manager’s line and sale discounts spread over the lines, audits each; a discount above its amount is refused with its field', () => {
    const manager = { user: { id: 3, name: 'Moussa', role: 'manager' as const } };
    const discounted: CheckoutInput = { ...basket([{ tender: 'cash', amountMinor: 8000 }]), saleDiscountMinor: 500 };
    discounted.lines[0] = { ...discounted.lines[0], discountMinor: 590 };
    const sale = pos.checkout(discounted, manager, options);
    expect(sale.cart).toMatchObject({ subtotalMinor: 8425 - 590, saleDiscountMinor: 500, totalMinor: 8425 - 590 - 500 });
    expect(sale.cart.lines.reduce((s, l) => s + l.netMinor, 0)).toBe(sale.cart.totalMinor);
    const row = core.store.sqlite.prepare('SELECT subtotal_minor, discount_minor, total_minor FROM sales').get();
    expect(row).toEqual({ subtotal_minor: 7835, discount_minor: 500, total_minor: 7335 });
    const lines = core.store.sqlite.prepare('SELECT discount_minor, net_minor FROM sale_lines ORDER BY line_no').all() as { discount_minor: number; net_minor: number }[];
    expect(lines[0].discount_minor).toBe(590);
    expect(lines.reduce((s, l) => s + l.net_minor, 0)).toBe(7335);
    const audits = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'override_discount' ORDER BY id").all() as { detail: string }[];
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { line: 0, kind: 'discount', from: 0, to: 590 },
      { line: -1, kind: 'discount', from: 0, to: 500 },
    ]);

    const before = [count('sales'), count('movements'), count('audit')];
    const tooMuch: CheckoutInput = { lines: [{ productId: ids[2], quantity: 1, discountMinor: 301 }], tenders: [{ tender: 'cash', amountMinor: 300 }] };
    expect(() => pos.checkout(tooMuch, manager, options)).toThrow(expect.objectContaining({ field: 'lines.0.discountMinor' }));
    expect(() => pos.checkout({ lines: [{ productId: ids[2], quantity: 1 }], saleDiscountMinor: 301, tenders: [{ tender: 'cash', amountMinor: 300 }] }, manager, options)).toThrow(
      expect.objectContaining({ field: 'saleDiscountMinor' }),
    );
    expect([count('sales'), count('movements'), count('audit')]).toEqual(before);
  });

  it('names the field for an unknown product, a zero quantity and an empty cart', () => {
    expect(() => pos.checkout({ lines: [{ productId: 999, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1 }] }, owner(), options)).toThrow(/lines\.0\.productId/);
    expect(() => pos.checkout({ lines: [{ productId: ids[0], quantity: 0 }], tenders: [{ tender: 'cash', amountMinor: 1 }] }, owner(), options)).toThrow(/lines\.0\.quantity/);
    expect(() => pos.checkout({ lines: [], tenders: [] }, owner(), options)).toThrow(/cart is empty/);
    expect(count('sales')).toBe(0);
  });
});
