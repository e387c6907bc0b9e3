import {
  type CountSheetDocument,
  type StockCount,
  type StockCountApplied,
  type StockCountLine,
  type StockCountStatus,
  type StockCountSummary,
} from '../../../shared/api/contracts/counts';
import { AppError } from '../../../shared/api/result';
import { readScan } from '../../../shared/domain/barcode';
import { lineAmount } from '../../../shared/domain/money';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import type { ShopSettings } from '../../../shared/domain/settings';
import { roleAtLeast } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import { assertWholePieces } from '../ledger/whole-pieces';
import { findProductId } from '../pos/labels';
import { stockError } from './errors';
import { countSheetPdf } from './sheet';
import { frenchOrder } from '../../../shared/domain/search';

export const countReference = (n: number) => `INV-${String(n).padStart(5, '0')}`;


interface CountRow {
  id: number;
  number: number;
  category: string | null;
  status: StockCountStatus;
  started_at: string;
  started_by: number;
  start_mark: number;
  closed_at: string | null;
  closed_by: number | null;
  started_name: string | null;
  closed_name: string | null;
}

interface LineRow {
  line_no: number;
  product_id: number;
  snapshot_milli: number;
  counted_milli: number | null;
  counted_at: string | null;
  expected_milli: number | null;
  variance_milli: number | null;
  unit_cost_minor: number | null;
  sku: string;
  name: string;
  category: string;
  unit: string;
  cost_minor: number;
  barcode: string | null;
  /** Open counts only: movements since the start up to the moment the line was counted (all of them when not counted). */
  before_count_milli: number;
  since_start_milli: number;
  /** Open counts only: 1 when the product moved after its line was counted. */
  moved_since_counted: number;
}

/**
 * Stock counts (inventories), done while the shop stays open.
 *
 * Sales during a count — what "expected" means. A counter writes down what is on the shelf at the
 * moment they count it. A sale rung up before that moment is already missing from the shelf; a sale
 * after it is not yet reflected in the number written. So each line remembers the newest movement id
 * when its quantity was entered (`counted_mark`), and:
 *
 *   expected at count = on-hand at start + movements of the product between the start and counted_mark
 *   correction         = counted − expected at count
 *
 * Applying writes that correction as a 'count' movement (a delta, never an overwrite of on-hand), so
 * everything sold or received after the line was counted is kept: on-hand becomes counted + movements
 * since it was counted. Setting on-hand to the counted figure instead would undo those sales, and
 * comparing with the on-hand at start would count each sale made before counting as a loss. What is
 * left is unavoidable: goods in a basket not yet paid when the shelf is counted. Products not counted
 * get no movement at all.
 */
export class CountService {
  private readonly journal: Journal;
  private readonly stmts: LedgerStatements;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
  ) {
    this.journal = new Journal(deps.store.sqlite);
    this.stmts = new LedgerStatements(deps.store.sqlite);
  }

  /** Starts a count of one category (or the whole shop when null): its product list and their on-hand now. */
  start(category: string | null, actor: Actor): StockCount {
    this.requireManager(actor, 'category');
    const { sqlite } = this.deps.store;
    const cat = category?.trim() || null;
    const now = this.deps.now().toISOString();
    const id = inTransaction(sqlite, () => {
      const products = (
        sqlite
          .prepare(
            `SELECT p.id, p.category, p.name, COALESCE(s.on_hand_milli, 0) AS milli FROM products p LEFT JOIN stock s ON s.product_id = p.id
              WHERE (p.active = 1 OR COALESCE(s.on_hand_milli, 0) <> 0) ${cat === null ? '' : 'AND p.category = ?'} ORDER BY p.id`,
          )
          .all(...(cat === null ? [] : [cat])) as { id: number; category: string; name: string; milli: number }[]
      )
        // the order of the sheet and the screen: by category then name, as a person sorts (É with E)
        .sort((a, b) => frenchOrder.compare(a.category, b.category) || frenchOrder.compare(a.name, b.name) || a.id - b.id);
      if (products.length === 0) throw stockError('validation', 'noProducts', 'category', cat === null ? {} : { category: cat });
      // two open counts holding one product would both correct the same difference; by product, not by
      // category: a product moved to another category while a count is open is still on that count
      const onOpenCounts = new Map(
        (
          sqlite.prepare("SELECT l.product_id AS id, c.number FROM stock_count_lines l JOIN stock_counts c ON c.id = l.count_id WHERE c.status = 'open'").all() as {
            id: number;
            number: number;
          }[]
        ).map((r) => [r.id, r.number]),
      );
      const held = products.find((p) => onOpenCounts.has(p.id));
      if (held) throw stockError('validation', 'overlap', 'category', { reference: countReference(onOpenCounts.get(held.id) as number) });
      // the snapshot and the mark are read in the same write transaction: no movement can slip between them
      const mark = this.mark();
      const number = this.nextNumber();
      const countId = Number(
        sqlite
          .prepare("INSERT INTO stock_counts (number, category, status, started_at, started_by, start_mark) VALUES (?, ?, 'open', ?, ?, ?)")
          .run(number, cat, now, actor.user.id, mark).lastInsertRowid,
      );
      const insert = sqlite.prepare('INSERT INTO stock_count_lines (count_id, product_id, line_no, snapshot_milli) VALUES (?, ?, ?, ?)');
      products.forEach((p, i) => insert.run(countId, p.id, i + 1, p.milli));
      this.journal.write(now, actor.user.id, 'start', 'stock_count', countId, { number, category: cat, lines: products.length, startMark: mark });
      return countId;
    });
    return this.get(id, actor);
  }

  /**
   * Enters (or clears, with null) the counted quantity of one product. Anyone may count. `countedAt`
   * is when a paper sheet's figure was counted, typed in later: the line is compared as of then, so
   * the sales rung up between the counting and the typing were still on the shelf when counted (they
   * were taken off it after). `correction`: the figure fixes a typing mistake in the line's counting,
   * which keeps its moment (200 typed for the 20 counted, 5 sold since: 20 is compared with the stock
   * when the shelf was counted, not with the 15 left now). Otherwise the line is counted now.
   */
  set(id: number, productId: number, counted: number | null, actor: Actor, options: { countedAt?: string; correction?: boolean } = {}): StockCount {
    const { countedAt } = options;
    inTransaction(this.deps.store.sqlite, () => {
      const count = this.openRow(id);
      if (counted !== null && options.correction && countedAt === undefined) {
        this.checkWhole(productId, toMilli(counted));
        const fixed = this.deps.store.sqlite
          .prepare('UPDATE stock_count_lines SET counted_milli = ?, counted_by = ? WHERE count_id = ? AND product_id = ? AND counted_mark IS NOT NULL')
          .run(toMilli(counted), actor.user.id, id, productId);
        if (fixed.changes === 1) return;
      }
      const now = this.deps.now();
      const when = counted !== null && countedAt !== undefined ? this.paperTime(count, countedAt, now) : null;
      if (counted !== null) this.checkWhole(productId, toMilli(counted));
      const changed = this.deps.store.sqlite
        .prepare(
          counted === null
            ? 'UPDATE stock_count_lines SET counted_milli = NULL, counted_mark = NULL, counted_at = NULL, counted_by = NULL WHERE count_id = ? AND product_id = ?'
            : 'UPDATE stock_count_lines SET counted_milli = ?, counted_mark = ?, counted_at = ?, counted_by = ? WHERE count_id = ? AND product_id = ?',
        )
        .run(
          ...(counted === null
            ? [id, productId]
            : [toMilli(counted), when ? this.markAt(count.start_mark, when) : this.mark(), when ?? now.toISOString(), actor.user.id, id, productId]),
        );
      if (changed.changes === 0) throw stockError('not_found', 'notInCount', 'productId');
    });
    return this.get(id, actor);
  }

  /** A piece is counted whole: « 1,5 » savons on the shelf is a typing mistake. */
  private checkWhole(productId: number, milli: number): void {
    const product = this.deps.store.sqlite.prepare('SELECT name, unit FROM products WHERE id = ?').get(productId) as { name: string; unit: string } | undefined;
    if (product) assertWholePieces(product, milli, 'counted');
  }

  /**
   * A paper sheet's counting time, checked: between the count's start and now, to the minute (a sheet
   * says 10:03 for a count started at 10:03:27), with a minute's grace for a clock ahead of the PC's.
   */
  private paperTime(count: CountRow, countedAt: string, now: Date): string {
    const when = new Date(countedAt);
    const reference = countReference(count.number);
    const started = new Date(count.started_at).getTime();
    if (when.getTime() > now.getTime() + 60_000) throw stockError('validation', 'countedInFuture', 'countedAt', { reference });
    if (when.getTime() < started - (started % 60_000)) throw stockError('validation', 'countedBeforeStart', 'countedAt', { reference });
    return when.toISOString();
  }

  /**
   * The mark of a moment in the past: the movement just before the first one recorded after it. By the
   * first later one, not the last earlier one: a row written later with an earlier time (imported past
   * sales) must not pull the sales made after the counting in front of it.
   */
  private markAt(startMark: number, iso: string): number {
    const first = this.deps.store.sqlite.prepare('SELECT MIN(id) FROM movements WHERE id > ? AND occurred_at > ?').pluck().get(startMark, iso) as number | null;
    return first === null ? this.mark() : first - 1;
  }

  /**
   * A scan adds one to the product's count (a scale label adds its weight): counting item by item with
   * the scanner. For a full carton, type the total on the line instead.
   */
  scan(id: number, code: string, actor: Actor): { productId: number; count: StockCount } {
    const { sqlite } = this.deps.store;
    const productId = inTransaction(sqlite, () => {
      this.openRow(id);
      const { productId, milli } = this.resolve(code);
      // a scale's weight label on a product counted in pieces would count 1,5 soaps
      const product = sqlite.prepare('SELECT name, unit FROM products WHERE id = ?').get(productId) as { name: string; unit: string } | undefined;
      if (product) assertWholePieces(product, milli, 'code');
      const changed = sqlite
        .prepare(
          // the mark stays the first scan's: the items scanned later were on the shelf then, and what sold
          // in between left a shelf that was already being counted
          'UPDATE stock_count_lines SET counted_milli = COALESCE(counted_milli, 0) + ?, counted_mark = COALESCE(counted_mark, ?), counted_at = ?, counted_by = ? WHERE count_id = ? AND product_id = ?',
        )
        .run(milli, this.mark(), this.deps.now().toISOString(), actor.user.id, id, productId);
      if (changed.changes === 0) throw stockError('validation', 'notInCount', 'code', { code: code.trim() });
      return productId;
    });
    return { productId, count: this.get(id, actor) };
  }

  /**
   * Applies the count: one 'count' movement per counted product whose quantity differs (see the class
   * comment for what it is compared with), the figures kept on the lines, the count closed, audited —
   * in one transaction. Products not counted are left untouched.
   */
  apply(id: number, actor: Actor): StockCountApplied {
    this.requireManager(actor, 'id');
    const { sqlite } = this.deps.store;
    const now = this.deps.now();
    const at = now.toISOString();
    const result = inTransaction(sqlite, () => {
      const count = this.openRow(id);
      const lines = this.lineRows(count).filter((l) => l.counted_milli !== null);
      if (lines.length === 0) throw stockError('validation', 'nothingCounted', 'id', { reference: countReference(count.number) });
      const reference = countReference(count.number);
      // a count states what is there: the shop's negative-stock policy must not refuse it
      const writer = new LedgerWriter(this.stmts, actor.user.id, reference, 'allow');
      const keep = sqlite.prepare('UPDATE stock_count_lines SET expected_milli = ?, variance_milli = ?, unit_cost_minor = ? WHERE count_id = ? AND product_id = ?');
      const corrections: { productId: number; varianceMilli: number; valueMinor: number }[] = [];
      for (const l of lines) {
        const expected = l.snapshot_milli + l.before_count_milli;
        const variance = (l.counted_milli as number) - expected;
        keep.run(expected, variance, l.cost_minor, id, l.product_id);
        if (variance === 0) continue;
        writer.add({ productId: l.product_id, kind: 'count', quantity: fromMilli(variance), unitCostMinor: l.cost_minor, reason: `stock count ${reference}` }, now);
        corrections.push({ productId: l.product_id, varianceMilli: variance, valueMinor: lineAmount(variance, l.cost_minor) });
      }
      const outcome = writer.finish();
      sqlite.prepare("UPDATE stock_counts SET status = 'applied', closed_at = ?, closed_by = ? WHERE id = ?").run(at, actor.user.id, id);
      this.journal.write(at, actor.user.id, 'apply', 'stock_count', id, {
        number: count.number,
        counted: lines.length,
        corrections,
        movementIds: outcome.movementIds,
      });
      return { movementIds: outcome.movementIds, productIds: corrections.map((c) => c.productId) };
    });
    return { count: this.get(id, actor), ...result };
  }

  cancel(id: number, actor: Actor): StockCount {
    this.requireManager(actor, 'id');
    const at = this.deps.now().toISOString();
    inTransaction(this.deps.store.sqlite, () => {
      const count = this.openRow(id);
      this.deps.store.sqlite.prepare("UPDATE stock_counts SET status = 'cancelled', closed_at = ?, closed_by = ? WHERE id = ?").run(at, actor.user.id, id);
      this.journal.write(at, actor.user.id, 'cancel', 'stock_count', id, { number: count.number });
    });
    return this.get(id, actor);
  }

  list(status: StockCountStatus | undefined, limit: number): StockCountSummary[] {
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT c.id, c.number, c.category, c.status, c.started_at, c.closed_at,
                (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id) AS lines,
                (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.counted_milli IS NOT NULL) AS counted
           FROM stock_counts c ${status ? 'WHERE c.status = ?' : ''} ORDER BY c.number DESC LIMIT ?`,
      )
      .all(...(status ? [status, limit] : [limit])) as (Pick<CountRow, 'id' | 'number' | 'category' | 'status' | 'started_at' | 'closed_at'> & { lines: number; counted: number })[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      reference: countReference(r.number),
      category: r.category,
      status: r.status,
      startedAt: r.started_at,
      closedAt: r.closed_at,
      lines: r.lines,
      countedLines: r.counted,
    }));
  }

  /** The count as the actor may see it: a cashier gets no expected quantities and no costs or values. */
  get(id: number, actor: Actor): StockCount {
    const count = this.row(id);
    const withValues = roleAtLeast(actor.user.role, 'manager');
    const open = count.status === 'open';
    let gain = 0;
    let loss = 0;
    let varianceLines = 0;
    const lines: StockCountLine[] = this.lineRows(count).map((l) => {
      const counted = l.counted_milli;
      const expected = open ? l.snapshot_milli + l.before_count_milli : l.expected_milli;
      const variance = counted !== null && expected !== null ? counted - expected : null;
      const cost = open ? l.cost_minor : l.unit_cost_minor;
      const value = variance !== null && cost !== null ? lineAmount(variance, cost) : null;
      if (variance) {
        varianceLines++;
        if (value !== null && value > 0) gain += value;
        else if (value !== null) loss += value;
      }
      const line: StockCountLine = {
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        barcode: l.barcode,
        name: l.name,
        category: l.category,
        unit: l.unit,
        counted: counted === null ? null : fromMilli(counted),
        countedAt: l.counted_at,
        movedSinceCounted: l.moved_since_counted === 1,
        expected: null,
        variance: null,
        unitCostMinor: null,
        varianceValueMinor: null,
        movedDuringCount: null,
      };
      if (!withValues) return line;
      return {
        ...line,
        expected: expected === null ? null : fromMilli(expected),
        variance: variance === null ? null : fromMilli(variance),
        unitCostMinor: cost,
        varianceValueMinor: value,
        movedDuringCount: open ? fromMilli(l.since_start_milli) : null,
      };
    });
    return {
      id: count.id,
      number: count.number,
      reference: countReference(count.number),
      category: count.category,
      status: count.status,
      startedAt: count.started_at,
      startedBy: count.started_name ?? '',
      closedAt: count.closed_at,
      closedBy: count.closed_name,
      lines,
      countedLines: lines.filter((l) => l.counted !== null).length,
      withValues,
      totals: withValues ? { varianceLines, gainMinor: gain, lossMinor: loss, netMinor: gain + loss } : null,
    };
  }

  /** The printable count sheet: no expected quantities on it, so that counters are not biased. */
  async sheet(id: number): Promise<CountSheetDocument> {
    const count = this.row(id);
    const lines = this.lineRows(count);
    const buffer = await countSheetPdf(
      { reference: countReference(count.number), category: count.category, startedAt: count.started_at, lines: lines.map((l) => ({ sku: l.sku, barcode: l.barcode, name: l.name, category: l.category, unit: l.unit })) },
      this.settings(),
    );
    return { reference: countReference(count.number), pdfBase64: buffer.toString('base64') };
  }

  private requireManager(actor: Actor, field: string): void {
    if (!roleAtLeast(actor.user.role, 'manager')) throw stockError('forbidden', 'managerOnly', field, { needs: 'manager', role: actor.user.role });
  }

  private row(id: number): CountRow {
    const row = this.deps.store.sqlite
      .prepare(
        `SELECT c.*, su.name AS started_name, cu.name AS closed_name FROM stock_counts c
           LEFT JOIN users su ON su.id = c.started_by LEFT JOIN users cu ON cu.id = c.closed_by WHERE c.id = ?`,
      )
      .get(id) as CountRow | undefined;
    if (!row) throw new AppError('not_found', `id: no stock count with id ${id}`, 'id', { reason: 'count_not_found' });
    return row;
  }

  private openRow(id: number): CountRow {
    const row = this.row(id);
    if (row.status === 'applied') throw stockError('validation', 'alreadyApplied', 'id', { reference: countReference(row.number) });
    if (row.status === 'cancelled') throw stockError('validation', 'cancelled', 'id', { reference: countReference(row.number) });
    return row;
  }

  private lineRows(count: CountRow): LineRow[] {
    // movements_product (product_id, id) serves both sums as index range scans
    const moves =
      count.status === 'open'
        ? `(SELECT COALESCE(SUM(m.qty_milli), 0) FROM movements m WHERE m.product_id = l.product_id AND m.id > @mark AND (l.counted_mark IS NULL OR m.id <= l.counted_mark)) AS before_count_milli,
           (SELECT COALESCE(SUM(m.qty_milli), 0) FROM movements m WHERE m.product_id = l.product_id AND m.id > @mark) AS since_start_milli,
           (l.counted_mark IS NOT NULL AND EXISTS (SELECT 1 FROM movements m WHERE m.product_id = l.product_id AND m.id > l.counted_mark)) AS moved_since_counted`
        : '0 AS before_count_milli, 0 AS since_start_milli, 0 AS moved_since_counted';
    return this.deps.store.sqlite
      .prepare(
        `SELECT l.line_no, l.product_id, l.snapshot_milli, l.counted_milli, l.counted_at, l.expected_milli, l.variance_milli, l.unit_cost_minor,
                p.sku, p.name, p.category, p.unit, p.cost_minor,
                (SELECT MIN(b.barcode) FROM product_barcodes b WHERE b.product_id = p.id) AS barcode,
                ${moves}
           FROM stock_count_lines l JOIN products p ON p.id = l.product_id WHERE l.count_id = @id ORDER BY l.line_no`,
      )
      .all({ id: count.id, mark: count.start_mark }) as LineRow[];
  }

  /** The newest movement id: movements after it happen later (one writer connection, AUTOINCREMENT ids). */
  private mark(): number {
    return (this.deps.store.sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM movements').get() as { id: number }).id;
  }

  /** A barcode or a SKU adds 1; a scale weight label adds its weight. */
  private resolve(raw: string): { productId: number; milli: number } {
    const find = (code: string) => findProductId(this.deps.store.sqlite, code) ?? undefined;
    const code = raw.trim();
    const exact = find(code);
    if (exact !== undefined) return { productId: exact, milli: 1000 };
    const read = readScan(code);
    if (read.kind === 'invalid') throw new AppError('validation', `code: ${read.reason}`, 'code', { reason: 'bad_check_digit' });
    if (read.kind !== 'plain') {
      const id = find(read.itemCode);
      if (id !== undefined) {
        if (read.kind === 'price') throw stockError('validation', 'priceLabel', 'code', { code });
        return { productId: id, milli: toMilli(read.quantity) };
      }
    }
    throw stockError('not_found', 'unknownCode', 'code', { code });
  }

  /** Next count number from `counters`, inside the caller's transaction: no gaps, no duplicates. */
  private nextNumber(): number {
    const row = this.deps.store.sqlite
      .prepare("INSERT INTO counters (name, value) VALUES ('stock_count', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")
      .get() as { value: number };
    return row.value;
  }
}
