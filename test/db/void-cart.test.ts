import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { UserRecord } from '../../src/shared/domain/user';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

describe('a cart cleared at the till is audited (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let ids: Record<'lait' | 'riz', number>;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const voids = () =>
    (core.store.sqlite.prepare("SELECT at, user_id, entity, detail FROM audit WHERE action = 'void_cart' ORDER BY id").all() as { at: string; user_id: number; entity: string; detail: string }[]).map((r) => ({
      ...r,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));

  const lineVoids = () =>
    (core.store.sqlite.prepare("SELECT at, user_id, entity, detail FROM audit WHERE action = 'void_line' ORDER BY id").all() as { at: string; user_id: number; entity: string; detail: string }[]).map((r) => ({
      ...r,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00Z'));
    ids = {
      lait: (await must<{ id: number }>(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, vatRateBp: 1800 }))).id,
      riz: (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650, unit: 'kg' }))).id,
    };
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('keeps the lines and amounts voided, who voided them and when, and touches no stock or sale', async () => {
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const before = [count('sales'), count('movements'), count('parked_sales')];
    const voided = await must(
      core.call('pos.voidCart', {
        lines: [
          { productId: ids.lait, quantity: 2, unitPriceMinor: 2950, discount: { kind: 'percent', bp: 1000 } },
          { productId: ids.riz, quantity: 2.5, unitPriceMinor: 650 },
          // a line being edited at the till: shown as 0
          { productId: ids.riz, quantity: 0, unitPriceMinor: 650 },
        ],
        saleDiscount: { kind: 'amount', minor: 100 },
      }),
    );
    // 5 900 − 590 = 5 310; 2.5 × 650 = 1 625; 6 935 − 100 = 6 835
    expect(voided).toEqual({ lineCount: 3, totalMinor: 6835 });
    const [row] = voids();
    expect(row).toMatchObject({ at: '2026-05-04T10:30:00.000Z', user_id: fatou.id, entity: 'till_cart' });
    expect(row.detail).toMatchObject({ saleDiscountMinor: 100, totalMinor: 6835, userName: 'Fatou' });
    expect(row.detail.lines).toEqual([
      { productId: ids.lait, sku: 'LAIT', name: 'Lait en poudre 400 g', quantity: 2, unitPriceMinor: 2950, grossMinor: 5900, discountMinor: 590, amountMinor: 5310 },
      { productId: ids.riz, sku: 'RIZ', name: 'Riz parfumé', quantity: 2.5, unitPriceMinor: 650, grossMinor: 1625, discountMinor: 0, amountMinor: 1625 },
      { productId: ids.riz, sku: 'RIZ', name: 'Riz parfumé', quantity: 0, unitPriceMinor: 650, grossMinor: 0, discountMinor: 0, amountMinor: 0 },
    ]);
    expect(count('outbox')).toBeGreaterThan(0);
    expect([count('sales'), count('movements'), count('parked_sales')]).toEqual(before);
  });

  it('a price label’s line is audited at the label’s amount (10,00 €), not its weight × price (9,99 €)', async () => {
    const comte = (await must<{ id: number }>(core.call('products.save', { sku: '12345', name: 'Comté AOP', unit: 'kg', priceMinor: 2999 }))).id;
    const first12 = '251234501000';
    const labelCode = first12 + ean13CheckDigit(first12);
    const scanned = await must<{ quantity: number; amountMinor: number }>(core.call('pos.scan', { code: labelCode }));
    expect(scanned).toMatchObject({ quantity: 0.333, amountMinor: 1000 });
    const line = { productId: comte, quantity: 0.333, unitPriceMinor: 2999, labelCode };
    expect(await must(core.call('pos.voidCart', { lines: [line] }))).toEqual({ lineCount: 1, totalMinor: 1000 });
    expect(voids()[0].detail.lines).toEqual([expect.objectContaining({ grossMinor: 1000, amountMinor: 1000 })]);
    expect(await must(core.call('pos.voidLine', { productId: comte, unitPriceMinor: 2999, labelCode, fromQuantity: 0.333 }))).toEqual({ quantity: 0.333, amountMinor: 1000 });
  });

  it('refuses an empty cart or an unknown product, and writes nothing', async () => {
    const before = count('audit');
    expect(await core.call('pos.voidCart', { lines: [] })).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines' } });
    expect(await core.call('pos.voidCart', { lines: [{ productId: 99, quantity: 1, unitPriceMinor: 100 }] })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'lines.0.productId' } });
    expect(count('audit')).toBe(before);
  });

  it('a line removed or lowered before payment is audited with its product, quantity, amount and who did it', async () => {
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const before = [count('sales'), count('movements'), count('parked_sales')];
    // the whole line of 2 milks at 10 % off goes: 5 900 − 590
    expect(await must(core.call('pos.voidLine', { productId: ids.lait, unitPriceMinor: 2950, discount: { kind: 'percent', bp: 1000 }, fromQuantity: 2, toQuantity: 0 }))).toEqual({ quantity: 2, amountMinor: 5310 });
    // 2.5 kg of rice lowered to 1 kg: 1.5 × 650 = 975
    expect(await must(core.call('pos.voidLine', { productId: ids.riz, unitPriceMinor: 650, fromQuantity: 2.5, toQuantity: 1 }))).toEqual({ quantity: 1.5, amountMinor: 975 });
    const rows = lineVoids();
    expect(rows.map((r) => [r.at, r.user_id, r.entity])).toEqual([
      ['2026-05-04T10:30:00.000Z', fatou.id, 'till_cart'],
      ['2026-05-04T10:30:00.000Z', fatou.id, 'till_cart'],
    ]);
    expect(rows[0].detail).toEqual({
      productId: ids.lait,
      sku: 'LAIT',
      name: 'Lait en poudre 400 g',
      removed: true,
      fromQuantity: 2,
      toQuantity: 0,
      quantity: 2,
      unitPriceMinor: 2950,
      amountMinor: 5310,
      userName: 'Fatou',
    });
    expect(rows[1].detail).toMatchObject({ productId: ids.riz, removed: false, fromQuantity: 2.5, toQuantity: 1, quantity: 1.5, amountMinor: 975, userName: 'Fatou' });
    expect([count('sales'), count('movements'), count('parked_sales')]).toEqual(before);
  });

  it('refuses a line that was not lowered or an unknown product, and writes nothing', async () => {
    const before = count('audit');
    expect(await core.call('pos.voidLine', { productId: ids.riz, unitPriceMinor: 650, fromQuantity: 1, toQuantity: 1 })).toMatchObject({ ok: false, error: { code: 'validation', field: 'toQuantity' } });
    expect(await core.call('pos.voidLine', { productId: 99, unitPriceMinor: 100, fromQuantity: 1, toQuantity: 0 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'productId' } });
    expect(count('audit')).toBe(before);
  });
});
