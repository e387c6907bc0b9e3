import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * Which lots the expiry alerts name: the shop sells first-expiry-first-out (FEFO), an expired loss
 * takes the expired lot, a supplier return of a lot takes that lot. An alert must never ask to take
 * off sale a lot that is no longer in the shop, nor miss the lot that is.
 */
describe('expiry alerts follow the lots actually left in the shop', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now = new Date('2026-05-10T09:00:00Z');
  let supplierId = 0;
  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-05-10T09:00:00Z');
    core = openTestCore(tmp.dir, () => now);
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Pharma Distrib' }))).id;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const product = async (sku: string, name: string) =>
    (await must<{ id: number }>(core.call('products.save', { sku, name, priceMinor: 2500, costMinor: 1500, supplierId, tracksExpiry: true }))).id;
  const receive = (productId: number, quantity: number, lot: string, expiry: string) => must(core.call('stock.receive', { supplierId, lines: [{ productId, quantity, lot, expiry }] }));
  const expiryAlerts = async (productId: number) => {
    await core.services.stockWatcher.idle();
    return (
      core.store.sqlite
        .prepare("SELECT severity, message FROM alerts WHERE type = 'expiring_lot' AND product_id = ? AND resolved_at IS NULL ORDER BY id")
        .all(productId) as { severity: string; message: string }[]
    ).map((a) => `${a.severity}: ${a.message}`);
  };

  it('an expired lot the owner wrote off as an expired loss is no longer reported; the long-dated lot left is not mistaken for it', async () => {
    const syrup = await product('SIROP', 'Sirop');
    await receive(syrup, 20, 'A-LONG', '2027-03-31');
    now = new Date('2026-05-12T09:00:00Z');
    await receive(syrup, 5, 'B-SHORT', '2026-05-20');
    now = new Date('2026-05-21T09:00:00Z');
    core.services.alerts.evaluate();
    expect(await expiryAlerts(syrup)).toEqual(['critical: Sirop : le lot B-SHORT (5) est périmé depuis le 20/05/2026. Retirez-le de la vente.']);

    await must(core.call('stock.writeOff', { kind: 'loss', productId: syrup, quantity: 5, reason: 'expired' }));
    expect(await expiryAlerts(syrup)).toEqual([]);
    // the 20 left are lot A-LONG: announced when it nears its expiry, with its whole quantity
    now = new Date('2027-03-10T09:00:00Z');
    core.services.alerts.evaluate();
    expect(await expiryAlerts(syrup)).toEqual(['warning: Sirop : le lot A-LONG (20) périme le 31/03/2027, dans 21 jours.']);
  });

  it('a recalled lot returned to the supplier is no longer announced as expiring', async () => {
    const syrup = await product('SIROP', 'Sirop');
    await receive(syrup, 20, 'A-LONG', '2027-03-31');
    now = new Date('2026-05-22T09:00:00Z');
    await receive(syrup, 6, 'C-RECALL', '2026-06-05');
    expect(await expiryAlerts(syrup)).toEqual(['warning: Sirop : le lot C-RECALL (6) périme le 05/06/2026, dans 14 jours.']);
    await must(core.call('ledger.record', { reference: 'Rappel lot C', lines: [{ productId: syrup, kind: 'supplier_return', quantity: 6, lot: 'C-RECALL' }] }));
    expect(await expiryAlerts(syrup)).toEqual([]);
  });

  it('the short-dated boxes sold first (FEFO) are no longer announced as expiring', async () => {
    const drops = await product('COLLY', 'Collyre');
    await receive(drops, 20, 'L-2027', '2027-06-30');
    now = new Date('2026-05-23T09:00:00Z');
    await receive(drops, 5, 'L-JUIN', '2026-06-10');
    expect(await expiryAlerts(drops)).toEqual(['warning: Collyre : le lot L-JUIN (5) périme le 10/06/2026, dans 18 jours.']);
    await must(core.call('pos.checkout', { lines: [{ productId: drops, quantity: 3 }], tenders: [{ tender: 'cash', amountMinor: 7500 }] }));
    expect(await expiryAlerts(drops)).toEqual(['warning: Collyre : le lot L-JUIN (2) périme le 10/06/2026, dans 18 jours.']);
    await must(core.call('pos.checkout', { lines: [{ productId: drops, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    expect(await expiryAlerts(drops)).toEqual([]);
  });

  it('a short-dated lot delivered after some sales is reported with its whole quantity', async () => {
    const drops = await product('COLLY', 'Collyre');
    await receive(drops, 20, 'L-2027', '2027-06-30');
    await must(core.call('ledger.record', { lines: [{ productId: drops, kind: 'sale', quantity: 8 }] }));
    now = new Date('2026-05-23T09:00:00Z');
    await receive(drops, 5, 'L-JUIN', '2026-06-10');
    expect(await expiryAlerts(drops)).toEqual(['warning: Collyre : le lot L-JUIN (5) périme le 10/06/2026, dans 18 jours.']);
  });

  it('selling does not make an expired lot disappear: it stays to be taken off sale until it is written off', async () => {
    const drops = await product('COLLY', 'Collyre');
    await receive(drops, 20, 'L-2027', '2027-06-30');
    await receive(drops, 4, 'L-MAI', '2026-05-15');
    now = new Date('2026-05-16T09:00:00Z');
    await must(core.call('ledger.record', { lines: [{ productId: drops, kind: 'sale', quantity: 6 }] }));
    expect(await expiryAlerts(drops)).toEqual(['critical: Collyre : le lot L-MAI (4) est périmé depuis le 15/05/2026. Retirez-le de la vente.']);
  });

  it('boxes of a lot sold before it expired are gone; those left when it expired are still to take off sale', async () => {
    const drops = await product('COLLY', 'Collyre');
    await receive(drops, 20, 'L-2027', '2027-06-30');
    await receive(drops, 4, 'L-MAI', '2026-05-15');
    const sell = async (day: string, quantity: number) => {
      now = new Date(`${day}T17:00:00Z`);
      await must(core.call('ledger.record', { lines: [{ productId: drops, kind: 'sale', quantity }] }));
    };
    await sell('2026-05-13', 1);
    await sell('2026-05-14', 1);
    await sell('2026-05-16', 3);
    await sell('2026-05-17', 2);
    expect(await expiryAlerts(drops)).toEqual(['critical: Collyre : le lot L-MAI (2) est périmé depuis le 15/05/2026. Retirez-le de la vente.']);
    // the owner writes the 2 expired boxes off: nothing left to announce
    await must(core.call('stock.writeOff', { kind: 'loss', productId: drops, quantity: 2, reason: 'expired' }));
    expect(await expiryAlerts(drops)).toEqual([]);
  });
});
