import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanMatch } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('the till tells a lot past its date still on the shelf (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  const scan = (code: string) => must<ScanMatch>(core.call('pos.scan', { code }));

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-10T09:00:00');
    core = openTestCore(tmp.dir, () => clock);
    await must(core.call('products.save', { sku: 'SIROP', name: 'Sirop contre la toux', priceMinor: 2500, costMinor: 1800, tracksExpiry: true }));
    await must(core.call('products.save', { sku: 'SAVON', name: 'Savon', priceMinor: 300 }));
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 5, lot: 'B-SHORT', expiry: '2026-05-20' }] }));
    await must(core.call('stock.receive', { lines: [{ productId: 2, quantity: 10 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('nothing before the date; after it, the expired lot and what is left of it; a product without expiry never', async () => {
    expect((await scan('SIROP')).expired).toEqual([]);
    await must(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2500 }] }));
    // the lot's last day is still good
    clock = new Date('2026-05-20T18:00:00');
    expect((await scan('SIROP')).expired).toEqual([]);
    clock = new Date('2026-05-22T09:00:00');
    expect((await scan('SIROP')).expired).toEqual([{ lot: 'B-SHORT', expiry: '2026-05-20', quantity: 4 }]);
    expect((await scan('SAVON')).expired).toEqual([]);

    // a fresh lot arrives: the expired one is still on the shelf until written off
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'C-LONG', expiry: '2027-01-31' }] }));
    expect((await scan('SIROP')).expired).toEqual([{ lot: 'B-SHORT', expiry: '2026-05-20', quantity: 4 }]);
    // written off as expired: nothing left to warn about
    await must(core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 4, reason: 'expired' }));
    expect((await scan('SIROP')).expired).toEqual([]);
  });
});
