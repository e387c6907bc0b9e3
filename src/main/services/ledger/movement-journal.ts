import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { WATCHED_KINDS, type JournalMovement, type JournalTotal, type MovementJournal, type movementJournalInput } from '../../../shared/api/contracts/core';
import { addDays } from '../../../shared/domain/dates';
import { lineAmount, sumMinor } from '../../../shared/domain/money';
import type { MovementKind } from '../../../shared/domain/movement';
import { fromMilli } from '../../../shared/domain/quantity';
import { inList } from '../../db/sql';
import type { Actor, ServiceDeps } from '../context';
import { shopToday } from '../shop-day';

type Query = z.output<typeof movementJournalInput>;

/** After every business date: the open end of a range of days. */
const NO_END = '9999-12-31';

interface Row {
  id: number;
  occurred_at: string;
  business_date: string;
  product_id: number;
  sku: string;
  name: string;
  unit: string;
  kind: MovementKind;
  qty_milli: number;
  unit_cost_minor: number;
  reason: string;
  reference: string;
  lot: string | null;
  expiry: string | null;
  user_id: number;
  user_name: string;
}

// CROSS JOIN keeps the movements as the outer loop: the page is read from an index of the ledger,
// never from the products
const COLUMNS = `SELECT m.id, m.occurred_at, m.business_date, m.product_id, p.sku, p.name, p.unit, m.kind, m.qty_milli, m.unit_cost_minor,
       m.reason, m.reference, m.lot, m.expiry, m.user_id, COALESCE(u.name, '') AS user_name
  FROM movements m CROSS JOIN products p ON p.id = m.product_id LEFT JOIN users u ON u.id = m.user_id`;
const MINE = 'AND (@userId IS NULL OR m.user_id = @userId)';
const PAGE = 'AND m.id < @before ORDER BY m.id DESC LIMIT @limit';
/** Written as the partial index says it, for SQLite to use it (see schema/ledger.ts). */
const NOT_SALE = "m.kind <> 'sale'";

/**
 * The stock's movements screen: every product's movements over a range of days, newest first (as
 * recorded: by id), by kind, product and page (a shop keeps hundreds of thousands of them).
 *
 * Each kind but sales is read from the kind-and-day index (movements_kind_day, which holds no sale):
 * the losses of a month come without reading the sales around them. Sales, most of the ledger, are
 * read backwards along the rowid, newest first, until a page is full. The kinds are merged here. One
 * product is read from its own index (movements_product). The next page starts below the last id shown,
 * so a page far down costs what the first one does.
 */
export class MovementJournalService {
  private readonly others: Database.Statement;
  private readonly sales: Database.Statement;
  private readonly totalsOf: Database.Statement;

  constructor(private readonly deps: ServiceDeps) {
    const db = deps.store.sqlite;
    const days = 'm.business_date BETWEEN @from AND @to';
    this.others = db.prepare(`${COLUMNS} WHERE ${NOT_SALE} AND m.kind = @kind AND ${days} ${MINE} ${PAGE}`);
    // +m.kind: the kind is no index's business here, the rowid gives the order
    this.sales = db.prepare(`${COLUMNS} WHERE +m.kind = 'sale' AND +${days} ${MINE} ${PAGE}`);
    this.totalsOf = db.prepare(`SELECT m.qty_milli, m.unit_cost_minor FROM movements m WHERE ${NOT_SALE} AND m.kind = @kind AND ${days} ${MINE} AND (@productId IS NULL OR +m.product_id = @productId)`);
  }

  list(query: Query, actor: Actor): MovementJournal {
    const { from, to } = this.days(query);
    const ownOnly = actor.user.role === 'cashier';
    const userId = ownOnly ? actor.user.id : null;
    const kinds = [...new Set(query.kinds)];
    const params = { from, to, userId, limit: query.limit + 1, before: query.before ?? Number.MAX_SAFE_INTEGER };
    let rows: Row[];
    if (query.productId !== undefined) rows = this.ofProduct(query.productId, kinds, params);
    else {
      rows = kinds.flatMap((kind) => (kind === 'sale' ? this.sales.all(params) : this.others.all({ ...params, kind })) as Row[]);
      if (kinds.length > 1) rows.sort((a, b) => b.id - a.id);
    }
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      from,
      to,
      items: page.map(toMovement),
      next: rows.length > query.limit && last ? last.id : null,
      totals: this.totals(kinds, { from, to, userId, productId: query.productId ?? null }),
      ownOnly,
    };
  }

  private days(query: Query): { from: string; to: string } {
    if (query.lastDays !== undefined) {
      const today = shopToday(this.deps);
      return { from: addDays(today, 1 - query.lastDays), to: today };
    }
    return { from: query.from ?? '', to: query.to ?? NO_END };
  }

  private ofProduct(productId: number, kinds: MovementKind[], params: Record<string, unknown>): Row[] {
    return this.deps.store.sqlite.prepare(productPageSql(kinds)).all({ ...params, productId }, ...kinds) as Row[];
  }

  /** How many losses, adjustments and count corrections the filter holds, and their value at cost. */
  private totals(kinds: MovementKind[], params: { from: string; to: string; userId: number | null; productId: number | null }): JournalTotal[] {
    return WATCHED_KINDS.filter((kind) => kinds.includes(kind)).map((kind) => {
      const rows = this.totalsOf.all({ ...params, kind }) as { qty_milli: number; unit_cost_minor: number }[];
      return { kind, count: rows.length, valueMinor: sumMinor(rows.map((r) => lineAmount(r.qty_milli, r.unit_cost_minor))) };
    });
  }
}

/** One product's movements of these kinds (bound after the named parameters), along its own index; the unary + keeps SQLite off the kind index. */
export function productPageSql(kinds: readonly MovementKind[]): string {
  return `${COLUMNS} WHERE m.product_id = @productId AND +m.kind IN ${inList(kinds)} AND +m.business_date BETWEEN @from AND @to ${MINE} ${PAGE}`;
}

function toMovement(r: Row): JournalMovement {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    businessDate: r.business_date,
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    kind: r.kind,
    quantity: fromMilli(r.qty_milli),
    unitCostMinor: r.unit_cost_minor,
    valueMinor: lineAmount(r.qty_milli, r.unit_cost_minor),
    reason: r.reason,
    reference: r.reference,
    lot: r.lot,
    expiry: r.expiry,
    userId: r.user_id,
    userName: r.user_name,
  };
}
