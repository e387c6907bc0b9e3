// the night this test sells through is the one the clocks go forward (Europe/Paris, 2027-03-28 02:00 -> 03:00)
process.env.TZ = 'Europe/Paris';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { DashboardSummary } from '../../src/shared/api/contracts/dashboard';
import type { SalesDay } from '../../src/shared/api/contracts/journal';
import type { CompletedSale } from '../../src/shared/domain/sale';
import type { ShopSettings } from '../../src/shared/domain/settings';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';

describe('a business day that ends after midnight (settings.dayEndHour), on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const sell = (quantity: number) =>
    must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity }], tenders: [{ tender: 'cash', amountMinor: quantity * 1500 }] }));
  const rows = <T>(sql: string) => core.store.sqlite.prepare(sql).all() as T[];

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2027-03-27T18:00:00');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('products.save', { sku: 'DOLI', name: 'Doliprane 500 mg', priceMinor: 1500 }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 40 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it("an on-call pharmacy's night, day ending at 04:00: the small hours' sales, stock moves, daily totals, journal, cash count and dashboard are the evening's day", async () => {
    await must(core.call('settings.save', { dayEndHour: 4 }));
    now = new Date('2027-03-27T22:15:00');
    await sell(2);
    now = new Date('2027-03-28T01:40:00');
    const late = await sell(1);
    // 03:30 exists only after the clocks went forward at 02:00; still before the day's end
    now = new Date('2027-03-28T03:30:00');
    await sell(3);

    expect(rows<{ receipt_no: number; business_date: string }>('SELECT receipt_no, business_date FROM sales ORDER BY id')).toEqual([
      { receipt_no: 1, business_date: '2027-03-27' },
      { receipt_no: 2, business_date: '2027-03-27' },
      { receipt_no: 3, business_date: '2027-03-27' },
    ]);
    expect(rows("SELECT DISTINCT business_date FROM movements WHERE kind = 'sale'")).toEqual([{ business_date: '2027-03-27' }]);
    expect(rows('SELECT date, sold_milli, revenue_minor FROM daily_sales ORDER BY date')).toEqual([{ date: '2027-03-27', sold_milli: 6000, revenue_minor: 9000 }]);

    // at 03:30 the till's day is still Saturday's: the journal, a cashier's reprint and the cash count
    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(day.date).toBe('2027-03-27');
    expect(day.entries.map((e) => e.receiptNo)).toEqual([1, 2, 3]);
    expect(day.cash?.netMinor).toBe(9000);
    await ownerPin(core);
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Aminata', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: cashier.role });
    await must(core.call('journal.reprint', { receiptNo: late.receiptNo }));
    await must(core.call('journal.countCash', { openingFloatMinor: 0, countedCashMinor: 9000 }));
    expect(rows('SELECT business_date, expected_cash_minor FROM cash_counts')).toEqual([{ business_date: '2027-03-27', expected_cash_minor: 9000 }]);
    const dash = await must<DashboardSummary>(core.call('dashboard.summary', { period: 'today' }));
    expect(dash.today).toBe('2027-03-27');
    expect(dash.sales.amountMinor).toBe(9000);

    // 04:00: Sunday's day begins, empty, and its first sale is Sunday's
    now = new Date('2027-03-28T04:00:00');
    expect((await must<SalesDay>(core.call('journal.day', {}))).entries).toEqual([]);
    await sell(1);
    expect(rows<{ business_date: string }>('SELECT business_date FROM sales ORDER BY id DESC LIMIT 1')[0].business_date).toBe('2027-03-28');
    // Saturday's receipts are now yesterday's: a cashier no longer reprints them
    expect(await core.call('journal.reprint', { receiptNo: late.receiptNo })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'receiptNo' } });
  });

  it('with the day ending at midnight (the default), the same night is split over two days, as a calendar would', async () => {
    expect((await must<ShopSettings>(core.call('settings.get', {}))).dayEndHour).toBe(0);
    now = new Date('2027-03-27T23:50:00');
    await sell(1);
    now = new Date('2027-03-28T00:10:00');
    await sell(1);
    expect(rows('SELECT business_date FROM sales ORDER BY id')).toEqual([{ business_date: '2027-03-27' }, { business_date: '2027-03-28' }]);
    expect((await must<SalesDay>(core.call('journal.day', {}))).date).toBe('2027-03-28');
  });

  it('refuses an end of day after 06:00 or between hours, naming the field, and changes nothing', async () => {
    const audit = () => rows('SELECT count(*) AS n FROM audit');
    const before = [audit(), rows('SELECT key, value FROM settings')];
    for (const dayEndHour of [7, 2.5, -1]) {
      expect(await refused('settings.save', core.call('settings.save', { dayEndHour }))).toMatchObject({ code: 'validation', field: 'dayEndHour' });
    }
    expect([audit(), rows('SELECT key, value FROM settings')]).toEqual(before);
    expect((await must<ShopSettings>(core.call('settings.get', {}))).dayEndHour).toBe(0);
  });
  it('refuses to move the end of the day in the middle of a night, once the shop has recorded something; after that hour, or in a new shop, it is saved', async () => {
    now = new Date('2027-03-27T23:00:00');
    await sell(1);
    now = new Date('2027-03-28T03:30:00');
    const before = rows('SELECT key, value FROM settings');
    // 03:30 is before 04:00: the 23:00 sale would be Saturday's and the next one Sunday's... or the other way round
    expect(await refused('settings.save', core.call('settings.save', { dayEndHour: 4 }))).toMatchObject({
      code: 'conflict',
      field: 'dayEndHour',
      details: { reason: 'day_end_mid_night', hour: '04:00' },
    });
    expect(rows('SELECT key, value FROM settings')).toEqual(before);
    now = new Date('2027-03-28T04:00:00');
    await must(core.call('settings.save', { dayEndHour: 4 }));
    // back to midnight at 02:00 would split the night the other way
    now = new Date('2027-03-29T02:00:00');
    expect(await refused('settings.save', core.call('settings.save', { dayEndHour: 0 }))).toMatchObject({ field: 'dayEndHour', details: { hour: '04:00' } });

    const fresh = tempDir();
    const other = openTestCore(fresh.dir, () => new Date('2027-03-28T01:00:00'));
    try {
      expect((await must<ShopSettings>(other.call('settings.save', { dayEndHour: 5 }))).dayEndHour).toBe(5);
    } finally {
      other.close();
      fresh.cleanup();
    }
  });

  it('reads expiry dates against the calendar: at 01:30 in a night that is still yesterday\'s day, yesterday\'s lot is expired and refused at a delivery', async () => {
    await must(core.call('settings.save', { dayEndHour: 4 }));
    const drug = await must<{ id: number }>(core.call('products.save', { sku: 'AMOX', name: 'Amoxicilline 500 mg', priceMinor: 2500, tracksExpiry: true }));
    now = new Date('2027-03-27T20:00:00');
    await must(core.call('ledger.record', { lines: [{ productId: drug.id, kind: 'receipt', quantity: 5, lot: 'OLD', expiry: '2027-03-27' }] }));
    now = new Date('2027-03-28T01:30:00');
    core.services.alerts.evaluate([drug.id]);
    const alert = rows<{ severity: string; message: string }>("SELECT severity, message FROM alerts WHERE type = 'expiring_lot' AND resolved_at IS NULL");
    expect(alert).toEqual([{ severity: 'critical', message: expect.stringContaining('le lot OLD (5) est périmé depuis le 27/03/2027') }]);
    expect(
      await refused('ledger.record', core.call('ledger.record', { lines: [{ productId: drug.id, kind: 'receipt', quantity: 5, lot: 'L2', expiry: '2027-03-27' }] })),
    ).toMatchObject({ code: 'validation', field: 'lines.0.expiry' });
  });

  it("a sale at 01:30 is not taken from yesterday's expired lot: the expired boxes are still on the shelf, and the alert still counts them all", async () => {
    await must(core.call('settings.save', { dayEndHour: 4 }));
    const drug = await must<{ id: number }>(core.call('products.save', { sku: 'AMOX', name: 'Amoxicilline 500 mg', priceMinor: 2500, tracksExpiry: true }));
    now = new Date('2027-03-27T20:00:00');
    await must(
      core.call('ledger.record', {
        lines: [
          { productId: drug.id, kind: 'receipt', quantity: 5, lot: 'OLD', expiry: '2027-03-27' },
          { productId: drug.id, kind: 'receipt', quantity: 10, lot: 'NEW', expiry: '2028-01-01' },
        ],
      }),
    );
    now = new Date('2027-03-28T01:30:00');
    await must(core.call('pos.checkout', { lines: [{ productId: drug.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    // the sale is the evening's business day, but the lot it came off is the one still valid at 01:30
    expect(rows("SELECT business_date FROM movements WHERE kind = 'sale'")).toEqual([{ business_date: '2027-03-27' }]);
    core.services.alerts.evaluate([drug.id]);
    const alert = rows<{ message: string }>("SELECT message FROM alerts WHERE type = 'expiring_lot' AND resolved_at IS NULL");
    expect(alert).toEqual([{ message: expect.stringContaining('le lot OLD (5) est périmé') }]);
  });

  it("the ledger export says the calendar day beside a time after midnight, in a day that ends later", async () => {
    await must(core.call('settings.save', { dayEndHour: 4 }));
    now = new Date('2027-03-27T22:15:00');
    await sell(2);
    now = new Date('2027-03-28T01:40:00');
    await sell(1);
    const file = await must<{ base64: string }>(core.call('onboarding.export', { what: 'ledger', format: 'csv', from: '2027-03-27', to: '2027-03-27' }));
    const lines = Buffer.from(file.base64, 'base64').toString('utf8').split(/\r?\n/).filter((l) => l.includes('Vente'));
    expect(lines.map((l) => l.split(';').slice(0, 2))).toEqual([
      ['2027-03-27', '22:15'],
      ['2027-03-27', '01:40 (28/03)'],
    ]);
  });
});
