import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { Alert, ReplenishmentView } from '../../src/shared/api/contract';
import { must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date('2026-03-10T10:00:00Z');
const at = (date: string) => new Date(`${date}T12:00:00Z`);
const nb = (s: string) => s.replace(/~/g, '\u00a0');

describe('a product already out of stock, in the suggestions and the alerts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const view = async (id: number) => (await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [id] })))[0];
  const record = (lines: { productId: number; kind: 'receipt' | 'sale' | 'customer_return'; quantity: number; date: string }[]) =>
    core.services.ledger.recordBulk(
      lines.map(({ date, ...line }) => ({ line: { ...line, reason: '' }, at: at(date) })),
      'history',
      { user: core.services.session.current()! },
      'warn',
    );

  it('says since when by the ledger (the last time the stock went from above 0 to 0), not a predicted date; a delivery brings the prediction back', async () => {
    const rice = await must<{ id: number }>(core.call('products.save', { sku: 'AWA-0006', name: 'Riz en vrac au kg', unit: 'kg', priceMinor: 650, costMinor: 330, leadTimeDays: 5, packSize: 5, minOrderQty: 5 }));
    // never stocked: sold once with nothing on the shelf
    const never = await must<{ id: number }>(core.call('products.save', { sku: 'NEW', name: 'Fonio 1 kg', priceMinor: 900 }));
    record([
      { productId: rice.id, kind: 'receipt', quantity: 6, date: '2026-02-20' },
      { productId: rice.id, kind: 'sale', quantity: 2, date: '2026-02-25' },
      { productId: rice.id, kind: 'sale', quantity: 2, date: '2026-02-27' },
      { productId: rice.id, kind: 'sale', quantity: 2, date: '2026-03-01' },
      // a return puts 1 kg back on the shelf, sold again on the 4th: out since the 4th, not the 1st
      { productId: rice.id, kind: 'customer_return', quantity: 1, date: '2026-03-03' },
      { productId: rice.id, kind: 'sale', quantity: 1, date: '2026-03-04' },
      { productId: never.id, kind: 'sale', quantity: 1, date: '2026-03-08' },
    ]);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();

    const r = await view(rice.id);
    expect(r.onHand).toBe(0);
    expect(r.stockoutDate).toBe('2026-03-04');
    expect(r.explanation).toContain(nb('vous en avez 0~kg et 0~kg en commande'));
    expect(r.explanation).toContain('En rupture depuis le 04/03/2026.');
    expect(r.explanation).not.toMatch(/Rupture prévue|Stock pour environ/);
    expect(r.explanation).toMatch(/\(objectif \d+(,\d)?\u00a0% sans rupture\)\.$/);

    const n = await view(never.id);
    expect(n.stockoutDate).toBeNull();
    expect(n.explanation).toContain('En rupture de stock.');

    const alerts = await must<Alert[]>(core.call('alerts.list', {}));
    // the one alert of an empty shelf ends with what to order (test/db/alerts.test.ts); the facts come first
    const facts = (m: string | undefined) => m?.replace(/ (À commander|To order)[^:]*: [^ ]+( [^ ]+)?\.$/, '');
    const out = alerts.filter((a) => a.type === 'stockout_before_delivery').map((a) => facts(a.message));
    expect(out).toContain('Riz en vrac au kg : en rupture depuis le 04/03/2026 et rien en commande (5 jours de délai).');
    expect(out).toContain('Fonio 1 kg : en rupture et rien en commande (7 jours de délai).');
    expect(alerts.filter((a) => a.productId === rice.id).map((a) => a.type)).toEqual(['stockout_before_delivery']);

    // English, the shop's language switched: the same facts
    await must(core.call('settings.save', { locale: 'en' }));
    core.services.replenishment.recompute([rice.id]);
    core.services.alerts.evaluate([rice.id]);
    expect((await view(rice.id)).explanation).toContain('Out of stock since 04/03/2026.');
    expect(facts((await must<Alert[]>(core.call('alerts.list', {}))).find((a) => a.key === `stockout_before_delivery:${rice.id}:out`)?.message)).toBe(
      "Riz en vrac au kg: out of stock since 04/03/2026 and nothing on order (5 days' lead time).",
    );

    // 2 kg delivered: a predicted date again, after the delivery lead time, and the out-of-stock alert resolves
    record([{ productId: rice.id, kind: 'receipt', quantity: 2, date: '2026-03-10' }]);
    core.services.replenishment.recompute([rice.id]);
    core.services.alerts.evaluate([rice.id]);
    const after = await view(rice.id);
    expect(after.onHand).toBe(2);
    expect(after.explanation).not.toContain('Out of stock');
    // 2 kg at the recent average (6 kg net of the return over the 18 days since the first delivery: 0.33 kg a day)
    // last six days, the 10th to the 15th: out on the 16th
    expect(after.stockoutDate).toBe('2026-03-16');
    expect(after.explanation).toContain('Expected to run out on 16/03/2026.');
    expect((await must<Alert[]>(core.call('alerts.list', {}))).some((a) => a.key.startsWith(`stockout_before_delivery:${rice.id}`))).toBe(false);
  });
  it('an acknowledged « will run out » does not silence « is out of stock » when the shelf then empties', async () => {
    const oil = await must<{ id: number }>(core.call('products.save', { sku: 'HUI', name: 'Huile 1 l', priceMinor: 1500, costMinor: 1100, leadTimeDays: 7 }));
    // 2 a day from Feb 24 to Mar 9: 5 left, gone in about 3 days, and a delivery takes 7
    const day = (i: number) => new Date(Date.UTC(2026, 1, 24 + i)).toISOString().slice(0, 10);
    record([{ productId: oil.id, kind: 'receipt', quantity: 33, date: '2026-02-20' }, ...Array.from({ length: 14 }, (_, i) => ({ productId: oil.id, kind: 'sale' as const, quantity: 2, date: day(i) }))]);
    core.services.replenishment.recompute([oil.id]);
    core.services.alerts.evaluate([oil.id]);
    const open = async () => (await must<Alert[]>(core.call('alerts.list', {}))).filter((a) => a.type === 'stockout_before_delivery' && a.productId === oil.id);
    const [foreseen] = await open();
    expect(foreseen!.message).toMatch(/^Huile 1 l : rupture prévue le/);
    await must(core.call('alerts.acknowledge', { id: foreseen!.id }));
    expect(core.services.alerts.counts().critical).toBe(0);

    // the last 5 sold: out of stock now, a new fact for the owner
    record([{ productId: oil.id, kind: 'sale', quantity: 5, date: '2026-03-10' }]);
    core.services.replenishment.recompute([oil.id]);
    core.services.alerts.evaluate([oil.id]);
    const now = await open();
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ key: `stockout_before_delivery:${oil.id}:out`, acknowledgedAt: null });
    // today's demand went over the counter with the last 5: the order covers the 7 days of the delivery and the next review day
    expect(now[0]!.message).toBe('Huile 1 l : en rupture depuis le 10/03/2026 et rien en commande (7 jours de délai). À commander : 17.');
    expect(core.services.alerts.counts().critical).toBe(1);
  });
});
