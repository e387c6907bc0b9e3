import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { LotLedger, lotsLeft, type LotMove } from '../../src/main/services/alerts/lots';
import type { MovementLineInput } from '../../src/shared/api/schemas';
import { must, openTestCore, tempDir } from '../helpers/core';

/** A seeded generator, so a failure is the same failure on every run. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('the lots left, read once and then only what is new (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let ids: number[];

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-01-05T09:00:00');
    core = openTestCore(tmp.dir, () => clock);
    ids = [];
    // the milk is not tracked: it may come in without a lot (stock of unknown lot)
    for (const sku of ['SIROP', 'VACCIN', 'LAIT']) ids.push((await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor: 1000, costMinor: 600, tracksExpiry: sku !== 'LAIT' }))).id);
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  const record = (line: MovementLineInput) =>
    core.services.ledger.record({ lines: [{ reason: '', ...line }], reference: '' }, { user: core.services.session.owner() }, { occurredAt: clock, negativeStock: 'allow' });

  /** Every movement of the product played one by one, as the ledger holds them: the lots by the book's rules. */
  const replayed = (productId: number) =>
    lotsLeft(
      core.store.sqlite
        .prepare("SELECT kind, qty_milli AS milli, lot, expiry, date(occurred_at, 'localtime') AS day FROM movements WHERE product_id = ? ORDER BY id")
        .all(productId) as LotMove[],
    );

  it('after each of 400 movements (deliveries in parts, sales across expiry dates, losses and returns naming lots, counts), the kept reading equals a reading from the start and the ledger played one by one', () => {
    const next = random(7);
    const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const kept = new LotLedger(core.store.sqlite);
    const lots = ['L-A', 'l-a ', 'L-B', 'L-C'];
    // lots that expire within the weeks played, so later sales meet lots already expired on their day
    const expiry = () => new Date(clock.getTime() + pick([3, 10, 20, 60]) * 86_400_000).toISOString().slice(0, 10);
    let replayedEqual = 0;
    for (let step = 0; step < 400; step++) {
      clock = new Date(clock.getTime() + Math.floor(next() * 9) * 3_600_000);
      const productId = pick(ids);
      const quantity = 1 + Math.floor(next() * 6);
      const roll = next();
      if (roll < 0.18) record({ productId, kind: 'receipt', quantity: quantity * 3, ...(productId !== ids[2] || next() < 0.5 ? { lot: pick(lots), expiry: expiry() } : {}) });
      else if (roll < 0.7) record({ productId, kind: 'sale', quantity });
      else if (roll < 0.78) record({ productId, kind: 'loss', quantity, reason: 'abîmé', ...(next() < 0.5 ? { lot: pick(lots) } : {}) });
      else if (roll < 0.85) record({ productId, kind: 'customer_return', quantity: 1 });
      else if (roll < 0.9) record({ productId, kind: 'supplier_return', quantity, lot: pick(lots) });
      else if (roll < 0.95) record({ productId, kind: 'count', quantity: next() < 0.5 ? -quantity : quantity, reason: 'inventaire' });
      else record({ productId, kind: 'adjustment', quantity: quantity, reason: 'trouvé', ...(next() < 0.5 ? { lot: pick(lots), expiry: expiry() } : {}) });
      const fresh = new LotLedger(core.store.sqlite).lotsLeft(productId);
      expect(kept.lotsLeft(productId), `step ${step}`).toEqual(fresh);
      if (JSON.stringify(fresh) === JSON.stringify(replayed(productId))) replayedEqual++;
    }
    // the sales summed between two deliveries are the ledger's sales (a day's losses among them are grouped by day)
    expect(replayedEqual).toBeGreaterThan(390);
    expect(ids.every((id) => kept.lotsLeft(id).length > 0 || replayed(id).length === 0)).toBe(true);
  });

  it('what a caller does to the lots it is given does not change the next reading', () => {
    record({ productId: ids[0]!, kind: 'receipt', quantity: 10, lot: 'L1', expiry: '2026-06-30' });
    const kept = new LotLedger(core.store.sqlite);
    const first = kept.lotsLeft(ids[0]!);
    first[0]!.milli = 0;
    first.pop();
    expect(kept.lotsLeft(ids[0]!)).toEqual([{ lot: 'L1', expiry: '2026-06-30', milli: 10_000 }]);
  });

  it('a product holds lots once dated stock came in, not from a dated outflow alone; warm() reads those, letting the caller pause', async () => {
    const [sirop, vaccin, lait] = ids as [number, number, number];
    record({ productId: sirop, kind: 'receipt', quantity: 5, lot: 'S1', expiry: '2026-09-30' });
    record({ productId: lait, kind: 'receipt', quantity: 5 });
    record({ productId: lait, kind: 'supplier_return', quantity: 1, lot: 'V1', expiry: '2026-09-30' });
    const ledger = new LotLedger(core.store.sqlite);
    expect([sirop, vaccin, lait].map((id) => ledger.dated(id))).toEqual([true, false, false]);
    expect(await ledger.warm([sirop, vaccin, lait], async () => true)).toBe(true);
    record({ productId: sirop, kind: 'sale', quantity: 2 });
    expect(ledger.lotsLeft(sirop)).toEqual([{ lot: 'S1', expiry: '2026-09-30', milli: 3_000 }]);
    expect(ledger.lotsLeft(lait)).toEqual([]);
  });
});
