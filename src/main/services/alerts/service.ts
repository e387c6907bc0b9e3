import { ALERT_GROUP_TYPES, ALERT_GROUPS, type Alert, type AlertActor, type AlertCounts, type AlertGroup, type AlertList, type AlertType, type PurchaseOrderStatus } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { addDays, businessDate } from '../../../shared/domain/dates';
import { shopToday } from '../shop-day';
import { fromMilli } from '../../../shared/domain/quantity';
import type { ShopSettings } from '../../../shared/domain/settings';
import { inTransaction } from '../../db/tx';
import type { NotificationDigest } from '../../notifications/notifier';
import type { Actor, ServiceDeps } from '../context';
import { Journal } from '../audit/journal';
import { effectiveLeadTimeDays } from '../../../shared/domain/replenishment';
import { poReference } from '../purchasing/service';
import { forecastCondition, lotOfAlertKey, productConditions, worsened, type Condition, type ProductFacts } from './rules';
import { lotLedgerOf, type LotLedger } from './lots';
import { inList } from '../../db/sql';
import { escapeLike, foldForSearch } from '../text';

interface AlertRow {
  id: number;
  key: string;
  type: AlertType;
  severity: Alert['severity'];
  product_id: number | null;
  product_name?: string | null;
  message: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  acknowledged_by_name?: string | null;
  snoozed_until: string | null;
  snoozed_at: string | null;
  snoozed_by: number | null;
  snoozed_by_name?: string | null;
  measure: number | null;
  seen_measure: number | null;
}

/** What one reconciliation changed, summed over the slices of a pass. */
interface Changes {
  opened: number;
  resolvedKeys: string[];
  newlyCritical: Condition[];
  /** Extra open rows of a key that is still open (left by an older version), closed into the one kept. */
  merged: number;
  /** Open alerts whose severity rose, or that were silenced and got materially worse: shown again. */
  escalated: number;
}

function add(to: Changes, more: Changes): void {
  to.opened += more.opened;
  to.merged += more.merged;
  to.escalated += more.escalated;
  for (const k of more.resolvedKeys) to.resolvedKeys.push(k);
  for (const c of more.newlyCritical) to.newlyCritical.push(c);
}

const RANK: Record<Alert['severity'], number> = { info: 0, warning: 1, critical: 2 };

const GROUP_OF = new Map<AlertType, AlertGroup>(ALERT_GROUPS.flatMap((g) => ALERT_GROUP_TYPES[g].map((type): [AlertType, AlertGroup] => [type, g])));
/** The Alerts page's group of a type; a type no group names (none should) is counted with the others. */
const groupOf = (type: AlertType): AlertGroup => GROUP_OF.get(type) ?? 'other';

/** Critical first, then the most recently seen; resolved ones (when asked for) last. */
const ORDER_BY = "ORDER BY a.resolved_at IS NOT NULL, CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.last_seen DESC, a.id DESC";

/** An alert with its product's name and the names of who acknowledged and snoozed it. */
const SELECT_ALERTS = `SELECT a.*, p.name AS product_name, ua.name AS acknowledged_by_name, us.name AS snoozed_by_name
  FROM alerts a LEFT JOIN products p ON p.id = a.product_id LEFT JOIN users ua ON ua.id = a.acknowledged_by LEFT JOIN users us ON us.id = a.snoozed_by`;

const actorOf = (id: number | null, name: string | null | undefined): AlertActor | null => (id === null ? null : { id, name: name ?? '' });

const toAlert = (r: AlertRow, order: Alert['order'] = null): Alert => ({
  id: r.id,
  key: r.key,
  type: r.type,
  severity: r.severity,
  productId: r.product_id,
  productName: r.product_name ?? null,
  message: r.message,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  resolvedAt: r.resolved_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: actorOf(r.acknowledged_by, r.acknowledged_by_name),
  snoozedUntil: r.snoozed_until,
  snoozedAt: r.snoozed_at,
  snoozedBy: actorOf(r.snoozed_by, r.snoozed_by_name),
  lot: r.type === 'expiring_lot' ? lotOfAlertKey(r.key) : null,
  order,
});

export interface AlertServiceDeps extends ServiceDeps {
  settings: () => ShopSettings;
  /** Critical alerts go to the desktop through it (absent: none, e.g. the browser mode and tests). */
  digest?: NotificationDigest;
  onChange?: (counts: AlertCounts) => void;
}

/**
 * The alert engine: rules over the stored replenishment, the ledger and the forecasts, evaluated after
 * each movement (for the products moved) and after each forecast run (for all). One open row per
 * condition key; a condition that clears resolves its alert by itself.
 */
export class AlertService {
  private readonly journal: Journal;
  private readonly lotLedger: LotLedger;

  constructor(private readonly deps: AlertServiceDeps) {
    this.journal = new Journal(deps.store.sqlite);
    this.lotLedger = lotLedgerOf(deps.store.sqlite);
  }

  evaluate(productIds?: number[]): { opened: number; resolved: number } {
    const today = shopToday(this.deps);
    const conditions = [...this.conditions(this.facts(productIds, today), today), ...this.shopConditions()];
    return this.announce(this.reconcile(productIds ? { products: productIds, shop: true } : 'all', conditions));
  }

  /**
   * evaluate() for every product, `slice` products at a time with `pause()` between (the event loop
   * is served: a 20 000-product shop takes seconds). Each slice writes its products' alerts; the
   * shop-wide ones and the one notification come at the end, as evaluate() makes them. Null when
   * `pause` says to stop (the store closed).
   */
  async evaluateInSlices(ids: number[], slice: number, pause: () => Promise<boolean>): Promise<{ opened: number; resolved: number } | null> {
    const today = shopToday(this.deps);
    const changes: Changes = { opened: 0, resolvedKeys: [], newlyCritical: [], merged: 0, escalated: 0 };
    for (let i = 0; i < ids.length; i += slice) {
      if (i > 0 && !(await pause())) return null;
      const part = ids.slice(i, i + slice);
      // the first pass after start reads years of each dated product's sales: a little at a time
      if (!(await this.lotLedger.warm(part, pause))) return null;
      add(changes, this.reconcile({ products: part, shop: false }, this.conditions(this.facts(part, today), today)));
    }
    add(changes, this.reconcile({ products: [], shop: true }, this.shopConditions()));
    return this.announce(changes);
  }

  private conditions(facts: ProductFacts[], today: string): Condition[] {
    const shop = this.deps.settings();
    const out: Condition[] = [];
    const calendarDay = businessDate(this.deps.now());
    for (const f of facts) out.push(...productConditions(f, today, shop, shop.locale, calendarDay));
    return out;
  }

  /** The shop-wide conditions (the forecast runs' health). */
  private shopConditions(): Condition[] {
    const { sqlite } = this.deps.store;
    const last = sqlite
      .prepare("SELECT status, started_at AS startedAt, error, trigger FROM forecast_runs WHERE status IN ('ok', 'failed') ORDER BY id DESC LIMIT 1")
      .get() as { status: string; startedAt: string; error: string | null; trigger: string } | undefined;
    const lastOk = sqlite.prepare("SELECT started_at AS s FROM forecast_runs WHERE status = 'ok' ORDER BY id DESC LIMIT 1").get() as { s: string } | undefined;
    const hasSales = sqlite.prepare('SELECT 1 FROM daily_sales WHERE sold_milli > 0 LIMIT 1').get() !== undefined;
    const global = forecastCondition(last ?? null, lastOk?.s ?? null, hasSales, this.deps.now(), this.deps.settings().locale);
    return global ? [global] : [];
  }

  /**
   * Opens, refreshes and resolves the open alerts in `scope` (these products' alerts and/or the
   * shop-wide ones, or all) to match `conditions`, in one transaction. Reads only the open alerts in
   * scope: after a sale, one product's, not the thousands a large shop may have open.
   */
  private reconcile(scope: { products: number[]; shop: boolean } | 'all', conditions: Condition[]): Changes {
    const { sqlite } = this.deps.store;
    const at = this.deps.now().toISOString();
    const open = 'SELECT id, key, severity, acknowledged_at, snoozed_until, seen_measure FROM alerts WHERE resolved_at IS NULL';
    type OpenRow = Pick<AlertRow, 'id' | 'key' | 'severity' | 'acknowledged_at' | 'snoozed_until' | 'seen_measure'>;
    let inScope: OpenRow[];
    if (scope === 'all') inScope = sqlite.prepare(open).all() as OpenRow[];
    else {
      inScope = scope.products.length ? (sqlite.prepare(`${open} AND product_id IN ${inList(scope.products)}`).all(...scope.products) as OpenRow[]) : [];
      if (scope.shop) for (const r of sqlite.prepare(`${open} AND product_id IS NULL`).all() as OpenRow[]) inScope.push(r);
    }
    // One open row per key: should there be more (an older version opened duplicates), the oldest is
    // kept and the others are closed below.
    const byKey = new Map<string, OpenRow>();
    const extras: OpenRow[] = [];
    for (const a of inScope) {
      const kept = byKey.get(a.key);
      if (!kept || a.id < kept.id) {
        byKey.set(a.key, a);
        if (kept) extras.push(kept);
      } else extras.push(a);
    }
    // One condition per key: the rules build one per key; should two come, the last one stands.
    const byCondition = new Map(conditions.map((c) => [c.key, c]));
    const changes: Changes = { opened: 0, resolvedKeys: [], newlyCritical: [], merged: 0, escalated: 0 };
    inTransaction(sqlite, () => {
      // a silenced alert without the measure it was silenced at (silenced before measures were kept) takes today's
      const update = sqlite.prepare(
        `UPDATE alerts SET last_seen = ?, message = ?, severity = ?, measure = @m,
                seen_measure = COALESCE(seen_measure, CASE WHEN acknowledged_at IS NOT NULL OR snoozed_until IS NOT NULL THEN @m END) WHERE id = ?`,
      );
      // an alert that rose in severity or got materially worse is back: it no longer says what was seen
      const escalate = sqlite.prepare(
        `UPDATE alerts SET last_seen = ?, message = ?, severity = ?, measure = @m, seen_measure = NULL,
                acknowledged_at = NULL, acknowledged_by = NULL, snoozed_until = NULL, snoozed_at = NULL, snoozed_by = NULL WHERE id = ?`,
      );
      const insert = sqlite.prepare(
        'INSERT INTO alerts (key, type, severity, product_id, message, first_seen, last_seen, measure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const resolve = sqlite.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ?');
      for (const c of byCondition.values()) {
        const existing = byKey.get(c.key);
        const measure = c.measure ?? null;
        if (existing) {
          const silenced = existing.acknowledged_at !== null || (existing.snoozed_until !== null && existing.snoozed_until > at);
          const back = RANK[c.severity] > RANK[existing.severity] || (silenced && worsened(c.type, existing.seen_measure, measure));
          (back ? escalate : update).run(at, c.message, c.severity, existing.id, { m: measure });
          if (back) changes.escalated++;
          if (c.severity === 'critical' && existing.severity !== 'critical') changes.newlyCritical.push(c);
        } else {
          insert.run(c.key, c.type, c.severity, c.productId, c.message, at, at, measure);
          changes.opened++;
          if (c.severity === 'critical') changes.newlyCritical.push(c);
        }
      }
      for (const a of byKey.values()) {
        if (!byCondition.has(a.key)) {
          resolve.run(at, a.id);
          changes.resolvedKeys.push(a.key);
        }
      }
      for (const a of extras) {
        resolve.run(at, a.id);
        changes.merged++;
      }
    });
    return changes;
  }

  /** Tells the desktop digest and the UI what a whole evaluation changed, once. */
  private announce(changes: Changes): { opened: number; resolved: number } {
    for (const key of changes.resolvedKeys) this.deps.digest?.forget(key);
    if (changes.newlyCritical.length && this.deps.settings().notifyCritical)
      this.deps.digest?.offer(changes.newlyCritical.map((c) => ({ key: c.key, message: c.message })));
    else this.deps.digest?.tick();
    if (changes.opened || changes.resolvedKeys.length || changes.merged || changes.escalated) this.deps.onChange?.(this.counts());
    return { opened: changes.opened, resolved: changes.resolvedKeys.length };
  }

  list(includeResolved: boolean, limit: number): Alert[] {
    const rows = this.deps.store.sqlite
      .prepare(`${SELECT_ALERTS} ${includeResolved ? '' : 'WHERE a.resolved_at IS NULL'} ${ORDER_BY} LIMIT ?`)
      .all(limit) as AlertRow[];
    return this.withOrders(rows);
  }

  /**
   * The Alerts page: the alerts of a group of types (all when null) whose product's name, SKU or
   * barcode, or whose message, holds the search; critical first, `limit` from `offset`. With how many
   * match in all and in each group, so that the page says what it does not show.
   */
  page(q: { includeResolved: boolean; group: AlertGroup | null; search: string; offset: number; limit: number }): AlertList {
    const { sqlite } = this.deps.store;
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (!q.includeResolved) where.push('a.resolved_at IS NULL');
    const raw = q.search.trim();
    if (raw) {
      // the product as the catalogue's search finds it (accents and case aside), its exact barcode, or words of the message (a lot, an order's reference)
      params.like = `%${escapeLike(foldForSearch(raw))}%`;
      params.text = `%${escapeLike(raw)}%`;
      params.raw = raw;
      where.push(`(p.search_text LIKE @like ESCAPE '\\' OR a.message LIKE @text ESCAPE '\\'
                    OR a.product_id IN (SELECT product_id FROM product_barcodes WHERE barcode = @raw))`);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filtered = `FROM alerts a LEFT JOIN products p ON p.id = a.product_id ${matching}`;
    const byType = sqlite.prepare(`SELECT a.type, count(*) AS n ${filtered} GROUP BY a.type`).all(params) as { type: AlertType; n: number }[];
    const groups = Object.fromEntries(ALERT_GROUPS.map((g) => [g, 0])) as Record<AlertGroup, number>;
    for (const { type, n } of byType) groups[groupOf(type)] += n;
    const total = q.group ? groups[q.group] : byType.reduce((sum, r) => sum + r.n, 0);
    const types: readonly AlertType[] | null = q.group ? ALERT_GROUP_TYPES[q.group] : null;
    const ofGroup = types ? `${where.length ? 'AND' : 'WHERE'} a.type IN ${inList(types)}` : '';
    const rows = sqlite
      .prepare(`${SELECT_ALERTS} ${matching} ${ofGroup} ${ORDER_BY} LIMIT @limit OFFSET @offset`)
      .all(...(types ?? []), { ...params, limit: q.limit, offset: q.offset }) as AlertRow[];
    return { items: this.withOrders(rows), total, groups };
  }

  /**
   * The rows as alerts, each open one with the order its action opens (Alert.order): the longest
   * overdue order an `order_overdue` names (as the rules choose it: sent or partly received, still
   * bringing some, due before today), or a draft already holding a stockout's or a reorder's product.
   */
  private withOrders(rows: AlertRow[]): Alert[] {
    const wanted = rows.filter((r) => r.resolved_at === null && r.product_id !== null && (r.type === 'order_overdue' || r.type === 'stockout_before_delivery' || r.type === 'reorder_point'));
    if (!wanted.length) return rows.map((r) => toAlert(r));
    const { sqlite } = this.deps.store;
    const today = shopToday(this.deps);
    type OrderRow = { id: number; number: number; status: PurchaseOrderStatus };
    const late = sqlite.prepare(
      `SELECT o.id, o.number, o.status FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
        WHERE l.product_id = ? AND o.status IN ('sent', 'partial') AND l.qty_milli > l.received_milli AND o.expected_date < ?
        ORDER BY o.expected_date, o.number LIMIT 1`,
    );
    const draft = sqlite.prepare(
      `SELECT o.id, o.number, o.status FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
        WHERE l.product_id = ? AND o.status = 'draft' ORDER BY o.id LIMIT 1`,
    );
    const orders = new Map<number, Alert['order']>();
    for (const r of wanted) {
      const o = (r.type === 'order_overdue' ? late.get(r.product_id, today) : draft.get(r.product_id)) as OrderRow | undefined;
      if (o) orders.set(r.id, { id: o.id, reference: poReference(o.number), status: o.status });
    }
    return rows.map((r) => toAlert(r, orders.get(r.id) ?? null));
  }

  counts(): AlertCounts {
    const at = this.deps.now().toISOString();
    const row = this.deps.store.sqlite
      .prepare(
        `SELECT COUNT(*) AS open, COALESCE(SUM(severity = 'critical'), 0) AS critical FROM alerts
          WHERE resolved_at IS NULL AND acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)`,
      )
      .get(at) as AlertCounts;
    return { open: row.open, critical: row.critical };
  }

  /**
   * Marks an alert seen, by whom, with an audit row (the role, a manager's, is checked by the dispatcher
   * from the contract). What it measures now is kept: it comes back if it gets materially worse.
   */
  acknowledge(id: number, actor: Actor): Alert {
    const at = this.deps.now().toISOString();
    const { sqlite } = this.deps.store;
    inTransaction(sqlite, () => {
      const a = this.get(id);
      sqlite.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, seen_measure = measure WHERE id = ?').run(at, actor.user.id, id);
      this.journal.write(at, actor.user.id, 'acknowledge', 'alert', id, { key: a.key, severity: a.severity, message: a.message });
    });
    this.deps.onChange?.(this.counts());
    return this.get(id);
  }

  /** Out of the counts for `hours` (at most a week, by the contract), by whom, with an audit row; as acknowledge otherwise. */
  snooze(id: number, hours: number, actor: Actor): Alert {
    const now = this.deps.now();
    const at = now.toISOString();
    const until = new Date(now.getTime() + hours * 3_600_000).toISOString();
    const { sqlite } = this.deps.store;
    inTransaction(sqlite, () => {
      const a = this.get(id);
      sqlite.prepare('UPDATE alerts SET snoozed_until = ?, snoozed_at = ?, snoozed_by = ?, seen_measure = measure WHERE id = ?').run(until, at, actor.user.id, id);
      this.journal.write(at, actor.user.id, 'snooze', 'alert', id, { key: a.key, severity: a.severity, message: a.message, hours, until });
    });
    this.deps.onChange?.(this.counts());
    return this.get(id);
  }

  private get(id: number): Alert {
    const row = this.deps.store.sqlite.prepare(`${SELECT_ALERTS} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    if (!row) throw new AppError('not_found', `id: no alert with id ${id}`, 'id');
    return this.withOrders([row])[0]!;
  }

  private facts(productIds: number[] | undefined, today: string): ProductFacts[] {
    const { sqlite } = this.deps.store;
    const filter = productIds ? `AND p.id IN ${inList(productIds)}` : '';
    const rows = sqlite
      .prepare(
        `SELECT p.id, p.name, p.unit, p.lead_time_days, sp.lead_time_days AS supplier_lead_time_days, COALESCE(s.on_hand_milli, 0) AS on_hand_milli,
                r.on_order_milli, r.reorder_point, r.daily_mean, r.days_of_cover, r.stockout_date, r.below_reorder_point, r.suggested_milli
           FROM products p LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN replenishments r ON r.product_id = p.id
                LEFT JOIN suppliers sp ON sp.id = p.supplier_id
          WHERE p.active = 1 ${filter}`,
      )
      .all(...(productIds ?? [])) as Record<string, number | string | null>[];
    const lastSale = sqlite.prepare('SELECT MAX(date) AS d FROM daily_sales WHERE product_id = ? AND sold_milli > 0');
    const firstMove = sqlite.prepare('SELECT business_date AS d FROM movements WHERE product_id = ? ORDER BY id LIMIT 1');
    // the orders still to come, earliest expected first
    const openOrders = sqlite.prepare(
      `SELECT o.number, o.expected_date AS expected, SUM(l.qty_milli - l.received_milli) AS milli
         FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
        WHERE l.product_id = ? AND o.status IN ('sent', 'partial') AND l.qty_milli > l.received_milli
        GROUP BY o.id ORDER BY o.expected_date, o.number`,
    );
    const daySales = sqlite.prepare('SELECT date, sold_milli FROM daily_sales WHERE product_id = ? AND date IN (?, ?)');
    const dayForecasts = sqlite.prepare('SELECT date, p10, p90 FROM forecasts WHERE product_id = ? AND date IN (?, ?)');
    // the stock at the end of a day, carried from the last day that recorded one (NULL: imported history, unknown)
    const endStock = sqlite.prepare('SELECT end_stock_milli FROM daily_sales WHERE product_id = ? AND date <= ? AND end_stock_milli IS NOT NULL ORDER BY date DESC LIMIT 1').pluck();
    const yesterday = addDays(today, -1);
    return rows.map((r) => {
      const id = r.id as number;
      const onHandMilli = r.on_hand_milli as number;
      const lots: ProductFacts['lots'] = [];
      if (onHandMilli > 0 && this.lotLedger.dated(id)) {
        // FEFO: what left the shop came off the lots expiring first, or off the lot it names (a
        // supplier return, a loss). One lot may have come in several receipts: summed, one entry per
        // lot and expiry, as the alert key names it.
        for (const l of this.lotLedger.lotsLeft(id)) lots.push({ lot: l.lot, expiry: l.expiry, remaining: fromMilli(l.milli) });
      }
      const orders = (openOrders.all(id) as { number: number; expected: string; milli: number }[]).map((o) => ({
        reference: poReference(o.number),
        expectedDate: o.expected,
        remaining: fromMilli(o.milli),
      }));
      const sold = new Map((daySales.all(id, yesterday, today) as { date: string; sold_milli: number }[]).map((d) => [d.date, fromMilli(d.sold_milli)]));
      const anomalies = (dayForecasts.all(id, yesterday, today) as { date: string; p10: number; p90: number }[]).map((f) => {
        const partial = f.date === today;
        // today is not over (a low count is not judged on it); a past day ended with an empty shelf or not
        const left = partial ? undefined : (endStock.get(id, f.date) as number | undefined);
        return { date: f.date, sold: sold.get(f.date) ?? 0, p10: f.p10, p90: f.p90, partial, stockout: left !== undefined && left <= 0 };
      });
      return {
        id,
        name: r.name as string,
        unit: r.unit as string,
        onHand: fromMilli(onHandMilli),
        onOrder: fromMilli((r.on_order_milli as number | null) ?? 0),
        reorderPoint: (r.reorder_point as number | null) ?? 0,
        dailyMean: (r.daily_mean as number | null) ?? 0,
        leadTimeDays: effectiveLeadTimeDays(r.lead_time_days as number, r.supplier_lead_time_days as number | null),
        daysOfCover: (r.days_of_cover as number | null) ?? null,
        stockoutDate: (r.stockout_date as string | null) ?? null,
        belowReorderPoint: r.below_reorder_point === 1,
        orders,
        suggested: fromMilli((r.suggested_milli as number | null) ?? 0),
        lastSale: (lastSale.get(id) as { d: string | null }).d,
        lastActivity: (firstMove.get(id) as { d: string } | undefined)?.d ?? null,
        lots,
        anomalies,
      };
    });
  }
}
