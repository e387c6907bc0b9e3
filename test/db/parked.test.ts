import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ParkedSale, ResumedSale } from '../../src/shared/api/contract';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

describe('parked sales on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let ids: Record<'lait' | 'riz' | 'savon', number>;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const audit = (action: string) =>
    (core.store.sqlite.prepare('SELECT user_id, entity_id, detail FROM audit WHERE action = ? ORDER BY id').all(action) as { user_id: number; entity_id: string; detail: string }[]).map((r) => ({
      userId: r.user_id,
      id: Number(r.entity_id),
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  const open = () => openTestCore(tmp.dir, () => clock);
  const save = (sku: string, name: string, priceMinor: number, vatRateBp: number, unit = 'piece', extra: Record<string, unknown> = {}) =>
    must<{ id: number }>(core.call('products.save', { sku, name, priceMinor, vatRateBp, unit, ...extra }));

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-04T10:30:00Z');
    core = open();
    ids = {
      lait: (await save('LAIT', 'Lait en poudre 400 g', 2950, 1800)).id,
      riz: (await save('RIZ', 'Riz parfumé', 650, 0, 'kg')).id,
      savon: (await save('SAV', 'Savon de Marseille', 300, 1800)).id,
    };
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const cart = () => ({
    label: '  Mme Diop ',
    lines: [
      { productId: ids.lait, quantity: 2 },
      { productId: ids.riz, quantity: 2.5 },
      { productId: ids.savon, quantity: 3 },
    ],
  });

  it('parks a cart under a label and lists it with who, when, items and total; it survives a restart', async () => {
    const parked = await must<ParkedSale>(core.call('pos.park', cart()));
    expect(parked).toMatchObject({ label: 'Mme Diop', userName: 'Propriétaire', at: '2026-05-04T10:30:00.000Z', lineCount: 3, totalMinor: 2 * 2950 + 1625 + 900 });
    // pieces count one by one, the weighed rice as one item
    expect(parked.itemCount).toBe(2 + 1 + 3);
    clock = new Date('2026-05-04T10:35:00Z');
    await must(core.call('pos.park', { lines: [{ productId: ids.savon, quantity: 1 }] }));

    core.close();
    core = open();
    const list = await must<ParkedSale[]>(core.call('pos.parked', {}));
    expect(list.map((p) => [p.label, p.at, p.totalMinor])).toEqual([
      ['Mme Diop', '2026-05-04T10:30:00.000Z', 8425],
      ['', '2026-05-04T10:35:00.000Z', 300],
    ]);
    expect(audit('park').map((a) => a.detail.label)).toEqual(['Mme Diop', '']);
  });

  it('resumes at today’s catalogue prices, names each change, keeps a manager’s own price and discounts, and takes it off the list', async () => {
    const parked = await must<ParkedSale>(
      core.call('pos.park', {
        label: 'Awa',
        lines: [
          { productId: ids.lait, quantity: 1, unitPriceMinor: 2800 },
          { productId: ids.riz, quantity: 2, discount: { kind: 'percent', bp: 1000 } },
          { productId: ids.savon, quantity: 3 },
        ],
        saleDiscount: { kind: 'amount', minor: 100 },
      }),
    );
    expect(parked.totalMinor).toBe(2800 + (1300 - 130) + 900 - 100);
    await save('RIZ', 'Riz parfumé', 700, 0, 'kg', { id: ids.riz });
    await save('LAIT', 'Lait en poudre 400 g', 3100, 1800, 'piece', { id: ids.lait });

    const resumed = await must<ResumedSale>(core.call('pos.resume', { id: parked.id }));
    expect(resumed.priceChanges).toEqual([{ productId: ids.riz, name: 'Riz parfumé', fromMinor: 650, toMinor: 700 }]);
    expect(resumed.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.priceEdited, l.discount])).toEqual([
      ['LAIT', 1, 2800, true, null],
      ['RIZ', 2, 700, false, { kind: 'percent', bp: 1000 }],
      ['SAV', 3, 300, false, null],
    ]);
    expect(resumed.saleDiscount).toEqual({ kind: 'amount', minor: 100 });
    expect(resumed.dropped).toEqual([]);
    expect(resumed.swapped).toBeNull();
    expect(await must(core.call('pos.parked', {}))).toEqual([]);
    expect(audit('resume_parked')).toMatchObject([{ id: parked.id, detail: { label: 'Awa', priceChanges: resumed.priceChanges } }]);
    // resumed once: a second resume finds nothing
    expect(await core.call('pos.resume', { id: parked.id })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
  });

  it('leaves out a product deactivated while the sale was parked, and says so', async () => {
    const parked = await must<ParkedSale>(core.call('pos.park', cart()));
    await save('SAV', 'Savon de Marseille', 300, 1800, 'piece', { id: ids.savon, active: false });
    const resumed = await must<ResumedSale>(core.call('pos.resume', { id: parked.id }));
    expect(resumed.dropped).toEqual([{ productId: ids.savon, name: 'Savon de Marseille' }]);
    expect(resumed.lines.map((l) => l.sku)).toEqual(['LAIT', 'RIZ']);
  });

  it('swaps: resuming with a cart in the till parks that cart in the same transaction', async () => {
    const first = await must<ParkedSale>(core.call('pos.park', cart()));
    const resumed = await must<ResumedSale>(core.call('pos.resume', { id: first.id, park: { label: 'Moussa', lines: [{ productId: ids.savon, quantity: 5 }] } }));
    expect(resumed.parked.label).toBe('Mme Diop');
    expect(resumed.swapped).toMatchObject({ label: 'Moussa', totalMinor: 1500 });
    expect((await must<ParkedSale[]>(core.call('pos.parked', {}))).map((p) => p.label)).toEqual(['Moussa']);
  });

  it('discards a parked sale; the audit keeps who discarded it, who parked it and the whole cart', async () => {
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    const parked = await must<ParkedSale>(core.call('pos.park', cart()));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    expect(await must(core.call('pos.discard', { id: parked.id }))).toEqual({ id: parked.id });
    expect(count('parked_sales')).toBe(0);
    const [row] = audit('discard_parked');
    expect(row).toMatchObject({ userId: fatou.id, id: parked.id, detail: { label: 'Mme Diop', parkedBy: parked.userId, parkedAt: parked.at } });
    expect((row.detail.cart as { lines: { sku: string; quantity: number }[] }).lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['LAIT', 2],
      ['RIZ', 2.5],
      ['SAV', 3],
    ]);
    expect(await core.call('pos.discard', { id: parked.id })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    await must(core.call('pos.park', cart()));
    const before = [count('parked_sales'), count('audit'), count('outbox')];
    const refused = async (channel: string, input: unknown, code: string, field: string) =>
      expect(await core.call(channel, input), `${channel} ${field}`).toMatchObject({ ok: false, error: { code, field } });

    await refused('pos.park', { lines: [] }, 'validation', 'lines');
    await refused('pos.park', { lines: [{ productId: 999, quantity: 1 }] }, 'not_found', 'lines.0.productId');
    await refused('pos.park', { lines: [{ productId: ids.lait, quantity: 1 }, { productId: ids.riz, quantity: 0 }] }, 'validation', 'lines.1.quantity');
    await refused('pos.park', { label: 'x'.repeat(61), lines: [{ productId: ids.lait, quantity: 1 }] }, 'validation', 'label');
    await refused('pos.park', { lines: [{ productId: ids.lait, quantity: 1, discount: { kind: 'amount', minor: 3000 } }] }, 'validation', 'lines.0.discount');
    await refused('pos.park', { lines: [{ productId: ids.lait, quantity: 1, discount: { kind: 'percent', bp: 10_001 } }] }, 'validation', 'lines.0.discount.bp');
    await refused('pos.park', { lines: [{ productId: ids.lait, quantity: 1 }], saleDiscount: { kind: 'amount', minor: 2951 } }, 'validation', 'saleDiscount');
    await refused('pos.resume', { id: 999 }, 'not_found', 'id');
    await refused('pos.discard', { id: 999 }, 'not_found', 'id');
    // a swap whose resume fails parks nothing either
    await refused('pos.resume', { id: 999, park: { lines: [{ productId: ids.savon, quantity: 1 }] } }, 'not_found', 'id');
    expect([count('parked_sales'), count('audit'), count('outbox')]).toEqual(before);
  });

  it('a cashier parks and resumes anyone’s sale but cannot park a price change or a discount', async () => {
    const owners = await must<ParkedSale>(core.call('pos.park', { label: 'Awa', lines: [{ productId: ids.lait, quantity: 1 }] }));
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const before = count('parked_sales');
    expect(await core.call('pos.park', { lines: [{ productId: ids.lait, quantity: 1, unitPriceMinor: 2000 }] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'lines.0.unitPriceMinor' },
    });
    expect(await core.call('pos.park', { lines: [{ productId: ids.lait, quantity: 1, discount: { kind: 'percent', bp: 500 } }] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'lines.0.discount' },
    });
    expect(await core.call('pos.park', { lines: [{ productId: ids.lait, quantity: 1 }], saleDiscount: { kind: 'amount', minor: 50 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'saleDiscount' },
    });
    expect(count('parked_sales')).toBe(before);
    // the catalogue price sent back unchanged is no price change
    const own = await must<ParkedSale>(core.call('pos.park', { label: 'Ibou', lines: [{ productId: ids.lait, quantity: 1, unitPriceMinor: 2950 }] }));
    expect(own.userName).toBe('Fatou');
    expect((await must<ResumedSale>(core.call('pos.resume', { id: owners.id }))).lines).toHaveLength(1);
    expect((await must<ParkedSale[]>(core.call('pos.parked', {}))).map((p) => [p.label, p.userName])).toEqual([['Ibou', 'Fatou']]);
  });
});
