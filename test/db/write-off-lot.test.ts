import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, MovementJournal, ScanMatch } from '../../src/shared/api/contract';
import { movementLotWords } from '../../src/shared/domain/movement-words';
import type { StockLot } from '../../src/shared/api/contracts/counts';
import type { UserRecord } from '../../src/shared/domain/user';
import type { Core } from '../../src/main/core';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

describe('a loss names the lot thrown away (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  const lots = (productId = 1) => must<StockLot[]>(core.call('stock.lots', { productId }));
  const movements = () => core.store.sqlite.prepare("SELECT kind, qty_milli AS milli, lot, expiry FROM movements WHERE kind = 'loss' ORDER BY id").all();
  const onHand = () => (core.store.sqlite.prepare('SELECT on_hand_milli AS m FROM stock WHERE product_id = 1').get() as { m: number }).m;
  const openLotAlerts = async () => (await must<Alert[]>(core.call('alerts.list', {}))).filter((a) => a.type === 'expiring_lot');

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-10T09:00:00');
    core = openTestCore(tmp.dir, () => clock);
    await must(core.call('settings.save', { locale: 'fr', expiryWarnDays: 30 }));
    await must(core.call('products.save', { sku: 'SIROP', name: 'Sirop contre la toux', priceMinor: 2500, costMinor: 1800, tracksExpiry: true }));
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 5, lot: 'B-SHORT', expiry: '2026-05-20' }] }));
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 6, lot: 'C-LONG', expiry: '2027-01-31' }] }));
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('lists the lots left, earliest expiry first, and which are past their date', async () => {
    expect(await lots()).toEqual([
      { lot: 'B-SHORT', expiry: '2026-05-20', quantity: 5, expired: false },
      { lot: 'C-LONG', expiry: '2027-01-31', quantity: 6, expired: false },
    ]);
    await must(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    clock = new Date('2026-05-22T09:00:00');
    expect(await lots()).toEqual([
      { lot: 'B-SHORT', expiry: '2026-05-20', quantity: 3, expired: true },
      { lot: 'C-LONG', expiry: '2027-01-31', quantity: 6, expired: false },
    ]);
  });

  it('the good lot thrown away comes off that lot, not the one that expires first', async () => {
    // a bottle of the long lot broke: the short lot stays whole and still announced at the till
    await must(core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 1, reason: 'damaged', lot: 'c-long' }));
    expect(movements()).toEqual([{ kind: 'loss', milli: -1000, lot: 'C-LONG', expiry: '2027-01-31' }]);
    expect((await lots()).map((l) => [l.lot, l.quantity])).toEqual([
      ['B-SHORT', 5],
      ['C-LONG', 5],
    ]);
    // the movements screen says which lot went, and which came in
    const j = await must<MovementJournal>(core.call('ledger.journal', { kinds: ['loss', 'receipt'] }));
    expect(j.items.map((m) => movementLotWords(m.lot, m.expiry, 'fr'))).toEqual(['lot C-LONG, péremption 31/01/2027', 'lot C-LONG, péremption 31/01/2027', 'lot B-SHORT, péremption 20/05/2026']);
    expect(movementLotWords('C-LONG', '2027-01-31', 'en')).toBe('lot C-LONG, expiry 31/01/2027');
    expect(movementLotWords(null, null, 'en')).toBe('');
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'loss'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ lot: 'C-LONG', expiry: '2027-01-31', reason: 'damaged' });
  });

  it('the expired lot written off from its alert closes the alert and the till stops warning', async () => {
    clock = new Date('2026-05-22T09:00:00');
    core.services.alerts.evaluate();
    const [alert] = await openLotAlerts();
    expect(alert).toMatchObject({ productId: 1, severity: 'critical', lot: { lot: 'B-SHORT', expiry: '2026-05-20' } });
    await must(core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 5, reason: 'expired', lot: alert!.lot!.lot, expiry: alert!.lot!.expiry }));
    await core.services.stockWatcher.idle();
    core.services.alerts.evaluate();
    expect(await openLotAlerts()).toEqual([]);
    expect((await must<ScanMatch>(core.call('pos.scan', { code: 'SIROP' }))).expired).toEqual([]);
    expect(onHand()).toBe(6000);
  });

  it('refuses, changing nothing: more than the lot holds, a lot not in stock, a lot on an adjustment', async () => {
    const before = onHand();
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 6, reason: 'expired', lot: 'B-SHORT' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'quantity', details: { reason: 'stock.lotShort', lot: 'B-SHORT', left: '5' } },
    });
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 1, reason: 'expired', lot: 'X-9' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'lot', details: { reason: 'stock.lotUnknown', lot: 'X-9' } },
    });
    // the right number with another lot's date is not that lot
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 1, reason: 'expired', lot: 'B-SHORT', expiry: '2027-01-31' })).toMatchObject({
      ok: false,
      error: { field: 'lot', details: { reason: 'stock.lotUnknown' } },
    });
    expect(await core.call('stock.writeOff', { kind: 'adjustment', productId: 1, quantity: -1, note: 'cassé', lot: 'B-SHORT' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'lot', details: { reason: 'stock.lotOnlyLoss' } },
    });
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 1, reason: 'expired', expiry: '20-05-2026' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'expiry' },
    });
    expect(onHand()).toBe(before);
    expect(movements()).toEqual([]);
  });

  it('two lots under one number with different dates: the expiry tells them apart, and is asked for', async () => {
    await must(core.call('stock.receive', { lines: [{ productId: 1, quantity: 2, lot: 'B-SHORT', expiry: '2026-09-30' }] }));
    expect(await core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 1, reason: 'damaged', lot: 'B-SHORT' })).toMatchObject({
      ok: false,
      error: { field: 'expiry', details: { reason: 'stock.lotTwoExpiries', lot: 'B-SHORT' } },
    });
    await must(core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 2, reason: 'damaged', lot: 'B-SHORT', expiry: '2026-09-30' }));
    expect((await lots()).map((l) => [l.lot, l.expiry, l.quantity])).toEqual([
      ['B-SHORT', '2026-05-20', 5],
      ['C-LONG', '2027-01-31', 6],
    ]);
  });

  it('a cashier sees the lots and writes off an expired one', async () => {
    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    clock = new Date('2026-05-22T09:00:00');
    expect((await lots()).filter((l) => l.expired).map((l) => l.lot)).toEqual(['B-SHORT']);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: 1, quantity: 5, reason: 'expired', lot: 'B-SHORT' }));
    expect(movements()).toEqual([{ kind: 'loss', milli: -5000, lot: 'B-SHORT', expiry: '2026-05-20' }]);
  });
});
