import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/db/client';
import type { Core } from '../../src/main/core';
import { worsened } from '../../src/main/services/alerts/rules';
import type { Alert } from '../../src/shared/api/contract';
import { addDays } from '../../src/shared/domain/dates';
import type { UserRecord } from '../../src/shared/domain/user';
import { MIGRATIONS, must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';

describe('when a silenced alert comes back (rule)', () => {
  it('quantities by half what was seen and at least 2; a foreseen stockout by 2 days earlier; kinds without a measure never', () => {
    // negative stock: -2 seen, -3 is one more sale, -4 is twice as deep
    expect(worsened('negative_stock', 2, 3)).toBe(false);
    expect(worsened('negative_stock', 2, 4)).toBe(true);
    expect(worsened('negative_stock', 10, 14)).toBe(false);
    expect(worsened('negative_stock', 10, 15)).toBe(true);
    // better is never worse
    expect(worsened('negative_stock', 7, 2)).toBe(false);
    // a product to order: its stock and orders (minus) fell from 9 to 5, then to 4
    expect(worsened('reorder_point', -9, -5)).toBe(false);
    expect(worsened('reorder_point', -9, -4)).toBe(true);
    // a foreseen stockout (minus its day number) one day earlier, then two
    expect(worsened('stockout_before_delivery', -20574, -20573)).toBe(false);
    expect(worsened('stockout_before_delivery', -20574, -20572)).toBe(true);
    expect(worsened('expiring_lot', 6, 9)).toBe(true);
    expect(worsened('overstock', null, null)).toBe(false);
    expect(worsened('negative_stock', null, 7)).toBe(false);
  });
});

describe('who silences an alert, and when it comes back (real SQLite)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  let productId: number;
  let owner: { id: number; name: string };
  let moussa: UserRecord;
  let fatou: UserRecord;

  const as = (u: { id: number; name: string }, role: 'cashier' | 'manager' | 'owner') => core.services.session.actAs({ id: u.id, name: u.name, role });
  const sell = async (quantity: number) => {
    await must(core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity }] }));
    await core.services.stockWatcher.idle();
  };
  const alertOf = async (type: string) => (await must<Alert[]>(core.call('alerts.list', {}))).find((a) => a.type === type);
  const row = (id: number) =>
    core.store.sqlite.prepare('SELECT acknowledged_at, acknowledged_by, snoozed_until, snoozed_at, snoozed_by FROM alerts WHERE id = ?').get(id) as Record<string, unknown>;
  const audit = () => core.store.sqlite.prepare("SELECT at, user_id AS userId, action, entity_id AS entityId, detail FROM audit WHERE entity = 'alert' ORDER BY id").all() as {
    at: string;
    userId: number;
    action: string;
    entityId: string;
    detail: string;
  }[];
  const counts = () => must<{ open: number; critical: number }>(core.call('alerts.counts', {}));
  /** The critical alerts in sight (neither acknowledged nor snoozed), by type, and the count the dashboard shows. */
  const inSight = async () => {
    const list = await must<Alert[]>(core.call('alerts.list', {}));
    const types = list.filter((a) => a.severity === 'critical' && !a.acknowledgedAt && !(a.snoozedUntil && a.snoozedUntil > now.toISOString())).map((a) => a.type);
    return { types, counted: (await counts()).critical };
  };

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-11-21T14:02:00Z');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('settings.save', { shopName: 'Boutique Awa', locale: 'fr' }));
    await ownerPin(core);
    owner = core.services.session.owner();
    moussa = await must<UserRecord>(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '2468' }));
    fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    productId = (await must<{ id: number }>(core.call('products.save', { sku: 'SUCRE-1', name: 'Sucre 1 kg', priceMinor: 800, costMinor: 600 }))).id;
    as(owner, 'owner');
    await must(core.call('stock.receive', { lines: [{ productId, quantity: 1 }] }));
    // 3 sold with 1 on the shelf: -2, a critical alert
    await sell(3);
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('a cashier may neither acknowledge nor snooze (refused in main, nothing changes, nothing audited)', async () => {
    const negative = (await alertOf('negative_stock'))!;
    expect(negative.severity).toBe('critical');
    const before = await counts();
    expect(before.critical).toBe(1);
    as(fatou, 'cashier');
    for (const [channel, input] of [
      ['alerts.acknowledge', { id: negative.id }],
      ['alerts.snooze', { id: negative.id, hours: 24 }],
    ] as const) {
      const error = await refused<{ code: string; details: { reason: string; needs: string } }>(channel, core.call(channel, input));
      expect(error).toMatchObject({ code: 'forbidden', details: { reason: 'role', needs: 'manager' } });
    }
    expect(row(negative.id)).toEqual({ acknowledged_at: null, acknowledged_by: null, snoozed_until: null, snoozed_at: null, snoozed_by: null });
    expect(audit()).toEqual([]);
    // the cashier still sees the alerts and their counts
    expect(await counts()).toEqual(before);
  });

  it('a manager acknowledges, the owner snoozes: each is recorded on the alert and in the audit, with the names shown', async () => {
    const negative = (await alertOf('negative_stock'))!;
    as(moussa, 'manager');
    const seen = await must<Alert>(core.call('alerts.acknowledge', { id: negative.id }));
    expect(seen).toMatchObject({ acknowledgedAt: '2026-11-21T14:02:00.000Z', acknowledgedBy: { id: moussa.id, name: 'Moussa' }, snoozedBy: null });
    expect(row(negative.id)).toMatchObject({ acknowledged_at: '2026-11-21T14:02:00.000Z', acknowledged_by: moussa.id });
    expect((await counts()).critical).toBe(0);

    now = new Date('2026-11-21T15:30:00Z');
    as(owner, 'owner');
    const snoozed = await must<Alert>(core.call('alerts.snooze', { id: negative.id, hours: 168 }));
    expect(snoozed).toMatchObject({
      snoozedAt: '2026-11-21T15:30:00.000Z',
      snoozedUntil: '2026-11-28T15:30:00.000Z',
      snoozedBy: { id: owner.id, name: owner.name },
      acknowledgedBy: { id: moussa.id, name: 'Moussa' },
    });
    const rows = audit();
    expect(rows.map((r) => [r.action, r.userId, Number(r.entityId), r.at])).toEqual([
      ['acknowledge', moussa.id, negative.id, '2026-11-21T14:02:00.000Z'],
      ['snooze', owner.id, negative.id, '2026-11-21T15:30:00.000Z'],
    ]);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ key: negative.key, severity: 'critical', hours: 168, until: '2026-11-28T15:30:00.000Z' });
    // the page reads the same
    const page = await must<{ items: Alert[] }>(core.call('alerts.page', {}));
    expect(page.items.find((a) => a.id === negative.id)).toMatchObject({ acknowledgedBy: { name: 'Moussa' }, snoozedBy: { name: owner.name } });
  });

  it('a snooze is a week at most: longer is refused by the schema, saying so', async () => {
    const negative = (await alertOf('negative_stock'))!;
    as(moussa, 'manager');
    const error = await refused<{ field: string; message: string }>('a 90-day snooze', core.call('alerts.snooze', { id: negative.id, hours: 24 * 90 }));
    expect(error.field).toBe('hours');
    expect(error.message).toContain('at most 168 hours (7 days)');
    expect(await refused('169 hours', core.call('alerts.snooze', { id: negative.id, hours: 169 }))).toMatchObject({ field: 'hours' });
    expect(row(negative.id).snoozed_until).toBeNull();
  });

  it('a negative stock acknowledged at -2 stays seen at -3, and comes back, unacknowledged, at -7', async () => {
    const negative = (await alertOf('negative_stock'))!;
    expect(negative.message).toContain('stock négatif (-2)');
    as(moussa, 'manager');
    await must(core.call('alerts.acknowledge', { id: negative.id }));
    await sell(1);
    expect(await alertOf('negative_stock')).toMatchObject({ id: negative.id, acknowledgedBy: { name: 'Moussa' } });
    expect((await alertOf('negative_stock'))!.message).toContain('(-3)');
    expect((await inSight()).types).not.toContain('negative_stock');
    now = new Date('2026-11-22T10:00:00Z');
    await sell(4);
    const back = (await alertOf('negative_stock'))!;
    expect(back).toMatchObject({ id: negative.id, acknowledgedAt: null, acknowledgedBy: null });
    expect(back.message).toContain('(-7)');
    const sight = await inSight();
    expect(sight.types).toContain('negative_stock');
    expect(sight.counted).toBe(sight.types.length);
  });

  it('a snoozed negative stock comes back before the snooze ends when it gets much worse', async () => {
    const negative = (await alertOf('negative_stock'))!;
    as(owner, 'owner');
    await must(core.call('alerts.snooze', { id: negative.id, hours: 168 }));
    expect((await counts()).critical).toBe(0);
    now = new Date('2026-11-23T09:00:00Z');
    await sell(5);
    expect(await alertOf('negative_stock')).toMatchObject({ id: negative.id, snoozedUntil: null, snoozedBy: null, snoozedAt: null });
    const sight = await inSight();
    expect(sight.types).toContain('negative_stock');
    expect(sight.counted).toBe(sight.types.length);
  });
});

describe('an acknowledged warning and a forecast that moves a little (real SQLite)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const now = new Date('2026-11-20T07:00:00');

  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => now);
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  /** A forecast run as the engine stores it: the same band for the next 28 days. */
  const forecast = (productId: number, mean: number) => {
    const db = core.store.sqlite;
    const run = Number(db.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES ('2026-11-20T02:00:00Z', '2026-11-20T02:01:00Z', 'ok', 'nightly')").run().lastInsertRowid);
    db.prepare('DELETE FROM forecasts WHERE product_id = ?').run(productId);
    const put = db.prepare("INSERT INTO forecasts (product_id, date, p10, p50, p90, mean, method, run_id) VALUES (?, ?, ?, ?, ?, ?, 'ets', ?)");
    for (let i = 0; i < 28; i++) put.run(productId, addDays('2026-11-20', i), mean - 2, mean, mean + 2, mean, run);
    core.services.replenishment.recompute();
    core.services.alerts.evaluate();
  };
  const reorder = async () => (await must<Alert[]>(core.call('alerts.list', {}))).find((a) => a.type === 'reorder_point');

  it('does not come back when the forecast moves by a decimal; does when half the stock is gone', async () => {
    await must(core.call('settings.save', { locale: 'fr' }));
    const rice = await must<{ id: number }>(core.call('products.save', { sku: 'RIZ-5', name: 'Riz 5 kg', priceMinor: 4000, costMinor: 3000, leadTimeDays: 2 }));
    // 22 on the shelf, 10 sold a day, delivered in 2 days: below the reorder point (about 24), not running out before a delivery
    await must(core.call('stock.receive', { lines: [{ productId: rice.id, quantity: 22 }] }));
    await core.services.stockWatcher.idle();
    forecast(rice.id, 10);
    const warning = (await reorder())!;
    expect(warning).toMatchObject({ severity: 'warning' });
    // not about to run out before a delivery could come: the warning alone
    expect((await must<Alert[]>(core.call('alerts.list', {}))).map((a) => a.type)).toEqual(['reorder_point']);
    await must(core.call('alerts.acknowledge', { id: warning.id }));

    forecast(rice.id, 10.3);
    const after = (await reorder())!;
    // the figures moved (what to order), the alert stays seen
    expect(after.message).not.toBe(warning.message);
    expect(after.id).toBe(warning.id);
    expect(after.acknowledgedAt).not.toBeNull();

    // 10 sold: not yet half of the 22 seen
    await must(core.call('ledger.record', { lines: [{ productId: rice.id, kind: 'sale', quantity: 10 }] }));
    await core.services.stockWatcher.idle();
    expect((await reorder())!.acknowledgedAt).not.toBeNull();
    // one more: half the stock sold since it was seen, back
    await must(core.call('ledger.record', { lines: [{ productId: rice.id, kind: 'sale', quantity: 1 }] }));
    await core.services.stockWatcher.idle();
    const back = (await must<Alert[]>(core.call('alerts.list', {}))).find((a) => a.id === warning.id);
    expect(back).toMatchObject({ acknowledgedAt: null });
  });
});

describe('0026 on a shop that snoozed for months (real SQLite)', () => {
  it('a snooze longer than a week ends within the week; a shorter one and an acknowledgement stay as they were', () => {
    const tmp = tempDir();
    try {
      const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
      const step = journal.entries.findIndex((e) => e.tag === '0026_alert_who');
      expect(step).toBeGreaterThan(0);
      // the migrations as the release before shipped them
      const older = join(tmp.dir, 'migrations-older');
      mkdirSync(join(older, 'meta'), { recursive: true });
      for (const e of journal.entries.slice(0, step)) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(older, `${e.tag}.sql`));
      writeFileSync(join(older, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, step) }));
      const file = join(tmp.dir, 'shop.db');
      const before = openStore(file, older);
      const day = 86_400_000;
      const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();
      const put = before.sqlite.prepare(
        "INSERT INTO alerts (key, type, severity, product_id, message, first_seen, last_seen, acknowledged_at, snoozed_until) VALUES (?, 'negative_stock', 'critical', 1, 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, ?)",
      );
      put.run('negative_stock:1', null, inDays(90));
      put.run('negative_stock:2', null, inDays(1));
      put.run('negative_stock:3', '2026-01-01T10:00:00.000Z', null);
      before.close();

      const store = openStore(file, MIGRATIONS);
      const rows = store.sqlite.prepare('SELECT key, acknowledged_at AS ack, acknowledged_by AS by, snoozed_until AS until FROM alerts ORDER BY id').all() as {
        key: string;
        ack: string | null;
        by: number | null;
        until: string | null;
      }[];
      store.close();
      expect(rows[0]!.until! > inDays(6.9) && rows[0]!.until! <= inDays(7)).toBe(true);
      expect(rows[1]!.until! < inDays(1.01)).toBe(true);
      // who did it before this was recorded is not known
      expect(rows[2]).toEqual({ key: 'negative_stock:3', ack: '2026-01-01T10:00:00.000Z', by: null, until: null });
    } finally {
      tmp.cleanup();
    }
  });
});
