import type {
  PurchaseOrder,
  PurchaseOrderDocument,
  PurchaseOrderLine,
  PurchaseOrderStatus,
  PurchaseOrderSummary,
  ToOrder,
  ToOrderGroup,
  ToOrderLine,
} from '../../../shared/api/contract';
import type { z } from 'zod';
import type { createOrdersInput, receiveInput, updateOrderInput } from '../../../shared/api/contracts/purchasing';
import { AppError } from '../../../shared/api/result';
import { addDays, businessDate } from '../../../shared/domain/dates';
import { receiptLotProblem } from '../../../shared/domain/lots';
import { lineAmount, sumMinor } from '../../../shared/domain/money';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { assertWholePieces } from '../ledger/whole-pieces';
import type { ShopSettings } from '../../../shared/domain/settings';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { stockError } from '../counts/errors';
import { takeReceivedCosts } from '../ledger/cost-price';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import type { ReplenishmentService } from '../replenishment/service';
import { purchaseOrderPdf } from './pdf';

export const poReference = (n: number) => `PO-${String(n).padStart(5, '0')}`;

interface OrderRow {
  id: number;
  number: number;
  supplier_id: number;
  supplier_name: string;
  status: PurchaseOrderStatus;
  created_at: string;
  sent_at: string | null;
  expected_date: string;
  note: string;
  closed_at: string | null;
  close_reason: string;
}

interface LineRow {
  line_no: number;
  product_id: number;
  sku: string;
  barcode: string | null;
  name: string;
  unit: string;
  tracks_expiry: number;
  qty_milli: number;
  received_milli: number;
  pack_size_milli: number;
  unit_cost_minor: number;
  vat_rate_bp: number;
}

const vatOf = (amount: number, bp: number) => Math.round((amount * bp) / 10_000);

/**
 * What a line of a draft must be, when it is edited and again when it is sent: nothing is ordered of
 * a product the shop has stopped (one deactivated after it went on the draft included), nor from a
 * supplier the product is no longer bought from.
 */
function checkOrderLine(p: { name: string; active: number; supplier_id: number | null }, order: Pick<OrderRow, 'supplier_id' | 'supplier_name'>, field: string): void {
  const name = p.name;
  if (!p.active) throw new AppError('validation', `${field}: ${name} is deactivated; remove it from the order (or reactivate the product first)`, field, { reason: 'order_product_inactive', name });
  if (p.supplier_id !== order.supplier_id) {
    throw new AppError('validation', `${field}: ${name} is not supplied by ${order.supplier_name}`, field, { reason: 'order_product_other_supplier', name, supplier: order.supplier_name });
  }
}

/**
 * Purchase orders: from the suggestions to drafts, edits, the PDF, sending and receiving against them.
 * Their dates (expected delivery, a lot's expiry) are the supplier's calendar days, not the shop's
 * business day: an order written at 01:00 after a long night is dated and counted from that morning.
 */
export class PurchasingService {
  private readonly journal: Journal;
  private readonly stmts: LedgerStatements;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly replenishment: ReplenishmentService,
    private readonly settings: () => ShopSettings,
  ) {
    this.journal = new Journal(deps.store.sqlite);
    this.stmts = new LedgerStatements(deps.store.sqlite);
  }

  /**
   * The suggestions with something to order, grouped by supplier. With a budget, lines are ranked by
   * stockout risk × margin and taken in that order while they fit; the others are kept, marked out.
   * Products already on a draft order are left out (the draft holds them).
   */
  toOrder(budgetMinor: number | null): ToOrder {
    const { sqlite } = this.deps.store;
    const inDraft = new Set(
      (
        sqlite
          .prepare("SELECT DISTINCT l.product_id AS id FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id WHERE o.status = 'draft'")
          .all() as { id: number }[]
      ).map((r) => r.id),
    );
    // a deactivated supplier gets no order: its products' lines are shown under it, but cannot be ticked
    const inactive = new Set((sqlite.prepare('SELECT id FROM suppliers WHERE active = 0').all() as { id: number }[]).map((r) => r.id));
    const orderable = (l: ToOrderLine) => l.supplierId !== null && !inactive.has(l.supplierId);
    const lines: ToOrderLine[] = this.replenishment
      .list()
      .filter((r) => r.suggested > 0 && !inDraft.has(r.productId))
      .map((r) => {
        const position = r.onHand + r.onOrder;
        const risk = r.orderUpTo > 0 ? Math.min(1, Math.max(0, (r.orderUpTo - position) / r.orderUpTo)) : 0;
        const margin = Math.max(1, r.priceMinor - r.costMinor);
        const costOfLineMinor = lineAmount(toMilli(r.suggested), r.costMinor);
        // what the shop pays for the line: its cost and its VAT, rounded per line as on the order
        const totalOfLineMinor = costOfLineMinor + vatOf(costOfLineMinor, r.vatRateBp);
        return { ...r, risk, score: risk * margin * Math.max(r.dailyMean, 0.01), costOfLineMinor, totalOfLineMinor, withinBudget: true };
      });
    // the budget is what the shop pays (VAT included): a shop that cannot recover VAT pays it all
    let selected = 0;
    if (budgetMinor !== null) {
      const ranked = [...lines].sort((a, b) => b.score - a.score || a.productId - b.productId);
      for (const l of ranked) {
        if (!orderable(l)) continue;
        if (selected + l.totalOfLineMinor <= budgetMinor) selected += l.totalOfLineMinor;
        else l.withinBudget = false;
      }
    } else selected = lines.filter(orderable).reduce((s, l) => s + l.totalOfLineMinor, 0);
    const groups = new Map<string, ToOrderGroup>();
    const order = budgetMinor !== null ? [...lines].sort((a, b) => b.score - a.score) : lines;
    for (const l of order) {
      const key = String(l.supplierId ?? 'none');
      let g = groups.get(key);
      if (!g) {
        const supplierActive = l.supplierId !== null && !inactive.has(l.supplierId);
        groups.set(key, (g = { supplierId: l.supplierId, supplierName: l.supplierName, supplierActive, lines: [], totalMinor: 0 }));
      }
      g.lines.push(l);
      if (l.withinBudget && orderable(l)) g.totalMinor += l.totalOfLineMinor;
    }
    const sorted = [...groups.values()].sort((a, b) => (a.supplierName === null ? 1 : b.supplierName === null ? -1 : a.supplierName.localeCompare(b.supplierName)));
    return { groups: sorted, budgetMinor, selectedMinor: selected };
  }

  /**
   * One draft per supplier of the lines' products, numbered without gaps, in one transaction. A product
   * already on an open draft is refused, naming that draft: a second click, or a script run twice,
   * would otherwise order it twice.
   */
  createOrders(input: z.output<typeof createOrdersInput>, actor: Actor): PurchaseOrder[] {
    const { sqlite } = this.deps.store;
    const now = this.deps.now();
    const at = now.toISOString();
    const ids = inTransaction(sqlite, () => {
      const bySupplier = new Map<number, { productId: number; qtyMilli: number; p: Record<string, number> }[]>();
      const seen = new Set<number>();
      input.lines.forEach((l, i) => {
        const field = `lines.${i}.productId`;
        const row = sqlite.prepare('SELECT id, name, unit, supplier_id, active, lead_time_days, pack_size_milli, cost_minor, vat_rate_bp FROM products WHERE id = ?').get(l.productId) as
          | ({ name: string; unit: string } & Record<string, number>)
          | undefined;
        if (!row) throw new AppError('not_found', `${field}: no product with id ${l.productId}`, field);
        const { name, unit, ...p } = row;
        if (seen.has(l.productId)) throw new AppError('validation', `${field}: product ${l.productId} is listed twice`, field, { reason: 'order_product_twice', name });
        seen.add(l.productId);
        if (!p.active) throw new AppError('validation', `${field}: product ${l.productId} is deactivated`, field, { reason: 'order_product_inactive', name });
        if (!p.supplier_id) throw new AppError('validation', `${field}: product ${l.productId} has no supplier; set one on the product first`, field, { reason: 'order_product_no_supplier', name });
        // nothing is ordered from a supplier the shop has deactivated (a delivery from it is refused too)
        const supplier = sqlite.prepare('SELECT name, active FROM suppliers WHERE id = ?').get(p.supplier_id) as { name: string; active: number };
        if (!supplier.active) {
          throw new AppError('validation', `${field}: ${name} is bought from ${supplier.name}, which is deactivated; choose another supplier on the product (or reactivate ${supplier.name})`, field, {
            reason: 'order_product_supplier_inactive',
            name,
            supplier: supplier.name,
          });
        }
        // a second click on "create", or a script run twice, would order the same goods twice
        this.assertOnNoOtherDraft(l.productId, name, field, null);
        assertWholePieces({ name, unit }, toMilli(l.quantity), `lines.${i}.quantity`);
        const list = bySupplier.get(p.supplier_id) ?? [];
        list.push({ productId: l.productId, qtyMilli: toMilli(l.quantity), p });
        bySupplier.set(p.supplier_id, list);
      });
      const created: number[] = [];
      for (const [supplierId, lines] of bySupplier) {
        const number = this.nextNumber();
        const id = Number(
          sqlite
            .prepare("INSERT INTO purchase_orders (number, supplier_id, status, created_at, created_by, expected_date) VALUES (?, ?, 'draft', ?, ?, ?)")
            .run(number, supplierId, at, actor.user.id, addDays(businessDate(now), this.leadTime(supplierId, lines.map((l) => l.productId)))).lastInsertRowid,
        );
        const insert = sqlite.prepare(
          'INSERT INTO purchase_order_lines (order_id, line_no, product_id, qty_milli, pack_size_milli, unit_cost_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        lines.forEach((l, i) => insert.run(id, i + 1, l.productId, l.qtyMilli, l.p.pack_size_milli, l.p.cost_minor, l.p.vat_rate_bp));
        this.checkAmounts(id);
        this.journal.write(at, actor.user.id, 'create', 'purchase_order', id, { number, supplierId, lines: lines.map((l) => ({ productId: l.productId, qtyMilli: l.qtyMilli })) });
        created.push(id);
      }
      return created;
    });
    return ids.map((id) => this.get(id));
  }

  /** Refuses a product another draft already orders (`except`: the draft being edited). */
  private assertOnNoOtherDraft(productId: number, name: string, field: string, except: number | null): void {
    const draft = this.deps.store.sqlite
      .prepare(
        "SELECT o.number FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id WHERE l.product_id = ? AND o.status = 'draft' AND o.id IS NOT ? ORDER BY o.number LIMIT 1",
      )
      .get(productId, except) as { number: number } | undefined;
    if (!draft) return;
    const reference = poReference(draft.number);
    throw new AppError('conflict', `${field}: ${name} is already on draft ${reference}; change its quantity there (or cancel that draft first)`, field, {
      reason: 'order_product_on_draft',
      name,
      reference,
    });
  }

  /** Replaces a draft's lines (and its expected date or note). */
  update(input: z.output<typeof updateOrderInput>, actor: Actor): PurchaseOrder {
    const { sqlite } = this.deps.store;
    inTransaction(sqlite, () => {
      const order = this.row(input.id);
      const reference = poReference(order.number);
      if (order.status !== 'draft') throw new AppError('validation', `id: order ${reference} is ${order.status}; only a draft can be edited`, 'id', { reason: 'order_edit_not_draft', reference });
      const today = businessDate(this.deps.now());
      if (input.expectedDate !== undefined && input.expectedDate < today) {
        throw new AppError('validation', `expectedDate: ${input.expectedDate} is already past; choose today (${today}) or a later day`, 'expectedDate', {
          reason: 'order_expected_past',
          date: input.expectedDate,
          today,
        });
      }
      const seen = new Set<number>();
      const rows = input.lines.map((l, i) => {
        const field = `lines.${i}.productId`;
        const p = sqlite.prepare('SELECT name, unit, supplier_id, active, pack_size_milli, cost_minor, vat_rate_bp FROM products WHERE id = ?').get(l.productId) as
          | ({ name: string; unit: string } & Record<'supplier_id' | 'active' | 'pack_size_milli' | 'cost_minor' | 'vat_rate_bp', number>)
          | undefined;
        if (!p) throw new AppError('not_found', `${field}: no product with id ${l.productId}`, field);
        if (seen.has(l.productId)) throw new AppError('validation', `${field}: product ${l.productId} is listed twice`, field, { reason: 'order_product_twice', name: p.name });
        seen.add(l.productId);
        checkOrderLine(p, order, field);
        assertWholePieces(p, toMilli(l.quantity), `lines.${i}.quantity`);
        return { ...l, p };
      });
      const held = new Set((sqlite.prepare('SELECT product_id FROM purchase_order_lines WHERE order_id = ?').pluck().all(order.id) as number[]));
      // a product added here that another draft already orders would be ordered twice once both are sent
      rows.forEach((l, i) => {
        if (!held.has(l.productId)) this.assertOnNoOtherDraft(l.productId, l.p.name, `lines.${i}.productId`, order.id);
      });
      const old = new Map((sqlite.prepare('SELECT product_id, unit_cost_minor FROM purchase_order_lines WHERE order_id = ?').all(order.id) as { product_id: number; unit_cost_minor: number }[]).map((r) => [r.product_id, r.unit_cost_minor]));
      sqlite.prepare('DELETE FROM purchase_order_lines WHERE order_id = ?').run(order.id);
      const insert = sqlite.prepare(
        'INSERT INTO purchase_order_lines (order_id, line_no, product_id, qty_milli, pack_size_milli, unit_cost_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      rows.forEach((l, i) => insert.run(order.id, i + 1, l.productId, toMilli(l.quantity), l.p.pack_size_milli, l.unitCostMinor ?? old.get(l.productId) ?? l.p.cost_minor, l.p.vat_rate_bp));
      this.checkAmounts(order.id);
      if (input.expectedDate !== undefined) sqlite.prepare('UPDATE purchase_orders SET expected_date = ? WHERE id = ?').run(input.expectedDate, order.id);
      if (input.note !== undefined) sqlite.prepare('UPDATE purchase_orders SET note = ? WHERE id = ?').run(input.note, order.id);
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'update', 'purchase_order', order.id, input);
    });
    return this.get(input.id);
  }

  /**
   * Sends a draft: its lines pass the checks an edit makes (products still active and still bought from
   * this supplier, the supplier active), and its expected date becomes the one the draft shows (today +
   * lead time unless a date still to come was chosen by hand): a draft sent days after it was made
   * does not ask for delivery on a day already past.
   */
  markSent(id: number, actor: Actor): PurchaseOrder {
    const now = this.deps.now();
    const { sqlite } = this.deps.store;
    inTransaction(sqlite, () => {
      const order = this.row(id);
      const reference = poReference(order.number);
      if (order.status !== 'draft') throw new AppError('validation', `id: order ${reference} is ${order.status}; only a draft can be sent`, 'id', { reason: 'order_send_not_draft', reference });
      const supplier = sqlite.prepare('SELECT active FROM suppliers WHERE id = ?').get(order.supplier_id) as { active: number };
      if (!supplier.active) {
        throw new AppError('validation', `id: ${order.supplier_name} is deactivated; order ${reference} cannot be sent to it (cancel it, or reactivate the supplier)`, 'id', {
          reason: 'order_supplier_inactive',
          supplier: order.supplier_name,
          reference,
        });
      }
      const lines = sqlite
        .prepare('SELECT p.name, p.supplier_id, p.active FROM purchase_order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no')
        .all(order.id) as { name: string; supplier_id: number | null; active: number }[];
      // the field is the order's: what is sent is its id; the product's name says which line
      for (const p of lines) checkOrderLine(p, order, 'id');
      const expected = this.draftExpectedDate(order);
      sqlite.prepare("UPDATE purchase_orders SET status = 'sent', sent_at = ?, expected_date = ? WHERE id = ?").run(now.toISOString(), expected, id);
      this.journal.write(now.toISOString(), actor.user.id, 'send', 'purchase_order', id, { number: order.number, expectedDate: expected });
    });
    return this.get(id);
  }

  cancel(id: number, actor: Actor): PurchaseOrder {
    const now = this.deps.now();
    inTransaction(this.deps.store.sqlite, () => {
      const order = this.row(id);
      if (order.status !== 'draft' && order.status !== 'sent') {
        const reference = poReference(order.number);
        const partial = order.status === 'partial';
        const hint = partial ? '; if the rest will not come, close it short instead' : '';
        throw new AppError('validation', `id: order ${reference} is ${order.status}; only a draft or a sent order with nothing received can be cancelled${hint}`, 'id', {
          reason: partial ? 'order_cancel_partial' : 'order_cancel_finished',
          reference,
        });
      }
      this.deps.store.sqlite.prepare("UPDATE purchase_orders SET status = 'cancelled' WHERE id = ?").run(id);
      this.journal.write(now.toISOString(), actor.user.id, 'cancel', 'purchase_order', id, { number: order.number });
    });
    return this.get(id);
  }

  /**
   * Closes a partly received order short: the supplier will not deliver the rest. What was still to
   * come stops counting as on order (replenishment reads only sent and partial orders), so the product
   * can be proposed again and its stockout alert open. Received quantities and their movements stay
   * as they are; the reason (optional) is kept on the order and in the audit.
   */
  close(id: number, reason: string, actor: Actor): PurchaseOrder {
    const now = this.deps.now();
    const at = now.toISOString();
    inTransaction(this.deps.store.sqlite, () => {
      const order = this.row(id);
      const ref = poReference(order.number);
      if (order.status !== 'partial') {
        const why =
          order.status === 'sent' || order.status === 'draft'
            ? `is ${order.status} and nothing has been received on it; cancel it instead`
            : order.status === 'received'
              ? 'was received in full; there is nothing left to close'
              : order.status === 'closed'
                ? 'is already closed'
                : `is ${order.status}`;
        throw new AppError('validation', `id: order ${ref} ${why}; only a partly received order can be closed short`, 'id', {
          reason:
            order.status === 'sent' || order.status === 'draft'
              ? 'order_close_nothing_received'
              : order.status === 'received'
                ? 'order_close_received'
                : order.status === 'closed'
                  ? 'order_close_already'
                  : 'order_close_cancelled',
          reference: ref,
        });
      }
      const short = this.lineRows(order.id)
        .filter((l) => l.received_milli < l.qty_milli)
        .map((l) => ({ lineNo: l.line_no, productId: l.product_id, ordered: fromMilli(l.qty_milli), received: fromMilli(l.received_milli) }));
      this.deps.store.sqlite.prepare("UPDATE purchase_orders SET status = 'closed', closed_at = ?, close_reason = ? WHERE id = ?").run(at, reason, id);
      this.journal.write(at, actor.user.id, 'close', 'purchase_order', id, { number: order.number, reason, short });
    });
    return this.get(id);
  }

  /**
   * Receives some or all of a sent order: one 'receipt' movement per line (with lot and expiry),
   * referenced by the order number, and the received quantities, in one transaction.
   * A submission id already recorded on this order (a double click, a retry) books nothing: the same
   * lines are answered with the order as it is now, other lines are refused.
   */
  receive(input: z.output<typeof receiveInput>, actor: Actor): { order: PurchaseOrder; productIds: number[] } {
    const { sqlite } = this.deps.store;
    const now = this.deps.now();
    const today = businessDate(now);
    const productIds: number[] = [];
    inTransaction(sqlite, () => {
      const order = this.row(input.id);
      const reference = poReference(order.number);
      if (input.submissionId !== undefined) {
        const before = this.recordedReceipt(order.id, input.submissionId);
        if (before !== null) {
          if (JSON.stringify(before) === JSON.stringify(input.lines)) return;
          throw new AppError('conflict', `submissionId: this receipt was already recorded on order ${reference} with other quantities; reopen the order to see what is left to receive`, 'submissionId', {
            reason: 'order_receipt_recorded',
            reference,
          });
        }
      }
      if (order.status === 'closed') {
        throw new AppError('validation', `id: order ${reference} was closed short; receive a late delivery without a purchase order (Stock, F3)`, 'id', { reason: 'order_receive_closed', reference });
      }
      if (order.status !== 'sent' && order.status !== 'partial') {
        throw new AppError('validation', `id: order ${reference} is ${order.status}; mark it sent before receiving`, 'id', {
          reason: order.status === 'draft' ? 'order_receive_draft' : order.status === 'received' ? 'order_receive_received' : 'order_receive_cancelled',
          reference,
        });
      }
      const lines = new Map(this.lineRows(order.id).map((l) => [l.line_no, l]));
      const writer = new LedgerWriter(this.stmts, actor.user.id, poReference(order.number), this.settings().negativeStock);
      const bump = sqlite.prepare('UPDATE purchase_order_lines SET received_milli = received_milli + ? WHERE order_id = ? AND line_no = ?');
      const seen = new Set<number>();
      input.lines.forEach((r, i) => {
        const f = (name: string) => `lines.${i}.${name}`;
        const line = lines.get(r.lineNo);
        if (!line) throw new AppError('not_found', `${f('lineNo')}: order ${poReference(order.number)} has no line ${r.lineNo}`, f('lineNo'));
        if (seen.has(r.lineNo)) throw new AppError('validation', `${f('lineNo')}: line ${r.lineNo} is listed twice`, f('lineNo'), { reason: 'order_line_twice', name: line.name });
        seen.add(r.lineNo);
        const milli = toMilli(r.quantity);
        const left = line.qty_milli - line.received_milli;
        // the rest of a line an older version ordered with a part of a piece can still be received whole
        if (milli !== left) assertWholePieces(line, milli, f('quantity'));
        if (milli > left) {
          throw new AppError('validation', `${f('quantity')}: only ${fromMilli(left)} of ${line.name} left to receive on this order`, f('quantity'), {
            ...(left > 0 ? { reason: 'order_receive_too_much', left: fromMilli(left) } : { reason: 'order_line_received' }),
            name: line.name,
            reference,
          });
        }
        // the same lot and expiry checks as a delivery without a purchase order
        const lotProblem = receiptLotProblem(r, line.tracks_expiry === 1, today);
        if (lotProblem) throw stockError('validation', lotProblem.reason, f(lotProblem.field));
        writer.add({ productId: line.product_id, kind: 'receipt', quantity: r.quantity, unitCostMinor: r.unitCostMinor ?? line.unit_cost_minor, reason: '', lot: r.lot?.trim() || undefined, expiry: r.expiry || undefined }, now);
        bump.run(milli, order.id, r.lineNo);
        productIds.push(line.product_id);
      });
      const outcome = writer.finish();
      const costChanges = input.updateCosts
        ? takeReceivedCosts(sqlite, this.journal, input.lines.map((r) => ({ productId: lines.get(r.lineNo)!.product_id, unitCostMinor: r.unitCostMinor })), { userId: actor.user.id, at: now.toISOString(), reference })
        : [];
      const open = sqlite.prepare('SELECT COUNT(*) AS n FROM purchase_order_lines WHERE order_id = ? AND received_milli < qty_milli').get(order.id) as { n: number };
      sqlite.prepare('UPDATE purchase_orders SET status = ? WHERE id = ?').run(open.n === 0 ? 'received' : 'partial', order.id);
      // the submission id is kept with the receipt's audit row, written in this same transaction
      this.journal.write(now.toISOString(), actor.user.id, 'receive', 'purchase_order', order.id, {
        number: order.number,
        submissionId: input.submissionId,
        lines: input.lines,
        movementIds: outcome.movementIds,
        costChanges,
      });
    });
    return { order: this.get(input.id), productIds };
  }

  list(status: PurchaseOrderStatus | undefined, limit: number): PurchaseOrderSummary[] {
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT o.*, s.name AS supplier_name FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id
          ${status ? 'WHERE o.status = ?' : ''} ORDER BY o.number DESC LIMIT ?`,
      )
      .all(...(status ? [status, limit] : [limit])) as OrderRow[];
    return rows.map((o) => {
      const full = this.build(o);
      return {
        id: o.id,
        number: o.number,
        reference: full.reference,
        supplierName: o.supplier_name,
        status: o.status,
        createdAt: o.created_at,
        expectedDate: full.expectedDate,
        lines: full.lines.length,
        totalMinor: full.totalMinor,
        receivedTotalMinor: full.lines.reduce((sum, l) => {
          const amount = lineAmount(toMilli(l.received), l.unitCostMinor);
          return sum + amount + vatOf(amount, l.vatRateBp);
        }, 0),
      };
    });
  }

  get(id: number): PurchaseOrder {
    return this.build(this.row(id));
  }

  async pdf(id: number): Promise<PurchaseOrderDocument> {
    const order = this.get(id);
    const supplier = this.deps.store.sqlite.prepare('SELECT name, contact, phone, email, address FROM suppliers WHERE id = ?').get(order.supplierId) as Record<string, string>;
    // a draft is printed to be sent: it is dated today, like the delivery date it shows
    const dated = order.sentAt ?? (order.status === 'draft' ? this.deps.now().toISOString() : order.createdAt);
    const buffer = await purchaseOrderPdf(order, supplier, this.settings(), dated);
    return { reference: order.reference, pdfBase64: buffer.toString('base64') };
  }

  /**
   * Throws AmountTooLarge, inside the transaction that wrote them, when an order's lines, their total or
   * its VAT cannot be counted exactly: committed, such an order could no longer be opened or listed.
   */
  private checkAmounts(orderId: number): void {
    const amounts = this.lineRows(orderId).map((l) => ({ amount: lineAmount(l.qty_milli, l.unit_cost_minor), rate: l.vat_rate_bp }));
    const subtotal = sumMinor(amounts.map((a) => a.amount));
    sumMinor([subtotal, ...amounts.map((a) => vatOf(a.amount, a.rate))]);
  }

  private build(o: OrderRow): PurchaseOrder {
    const lines: PurchaseOrderLine[] = this.lineRows(o.id).map((l) => {
      const amountMinor = lineAmount(l.qty_milli, l.unit_cost_minor);
      return {
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        barcode: l.barcode,
        name: l.name,
        unit: l.unit,
        tracksExpiry: l.tracks_expiry === 1,
        quantity: fromMilli(l.qty_milli),
        received: fromMilli(l.received_milli),
        packSize: fromMilli(l.pack_size_milli),
        packs: Math.round((l.qty_milli / l.pack_size_milli) * 1000) / 1000,
        unitCostMinor: l.unit_cost_minor,
        vatRateBp: l.vat_rate_bp,
        amountMinor,
        vatMinor: vatOf(amountMinor, l.vat_rate_bp),
      };
    });
    const subtotalMinor = sumMinor(lines.map((l) => l.amountMinor));
    const vatMinor = sumMinor(lines.map((l) => l.vatMinor));
    return {
      id: o.id,
      number: o.number,
      reference: poReference(o.number),
      supplierId: o.supplier_id,
      supplierName: o.supplier_name,
      status: o.status,
      createdAt: o.created_at,
      sentAt: o.sent_at,
      expectedDate: o.status === 'draft' ? this.draftExpectedDate(o) : o.expected_date,
      note: o.note,
      closedAt: o.closed_at,
      closeReason: o.close_reason,
      lines,
      subtotalMinor,
      vatMinor,
      totalMinor: subtotalMinor + vatMinor,
    };
  }

  private row(id: number): OrderRow {
    const row = this.deps.store.sqlite
      .prepare('SELECT o.*, s.name AS supplier_name FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.id = ?')
      .get(id) as OrderRow | undefined;
    if (!row) throw new AppError('not_found', `id: no purchase order with id ${id}`, 'id');
    return row;
  }

  private lineRows(orderId: number): LineRow[] {
    return this.deps.store.sqlite
      .prepare(
        `SELECT l.*, p.sku, p.name, p.unit, p.tracks_expiry, (SELECT MIN(barcode) FROM product_barcodes b WHERE b.product_id = p.id) AS barcode
           FROM purchase_order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no`,
      )
      .all(orderId) as LineRow[];
  }

  /** The lines of the receipt recorded on this order under this submission id, or null when none was. */
  private recordedReceipt(orderId: number, submissionId: string): unknown[] | null {
    const row = this.deps.store.sqlite
      .prepare("SELECT detail FROM audit WHERE entity = 'purchase_order' AND entity_id = ? AND action = 'receive' AND json_extract(detail, '$.submissionId') = ? LIMIT 1")
      .get(String(orderId), submissionId) as { detail: string } | undefined;
    return row ? (JSON.parse(row.detail) as { lines: unknown[] }).lines : null;
  }

  /** The lead time of an order: the longest of its supplier's and its products'. */
  private leadTime(supplierId: number, productIds: number[]): number {
    const { sqlite } = this.deps.store;
    const supplier = sqlite.prepare('SELECT lead_time_days FROM suppliers WHERE id = ?').get(supplierId) as { lead_time_days: number };
    const product = sqlite.prepare('SELECT lead_time_days FROM products WHERE id = ?');
    return Math.max(supplier.lead_time_days, ...productIds.map((id) => (product.get(id) as { lead_time_days: number }).lead_time_days));
  }

  /**
   * When a draft, sent today, is expected: a date chosen by hand (`update` with an expectedDate,
   * kept in the audit) while it is still to come; otherwise today + the lead time of its lines.
   */
  private draftExpectedDate(o: Pick<OrderRow, 'id' | 'supplier_id' | 'expected_date'>): string {
    const { sqlite } = this.deps.store;
    const today = businessDate(this.deps.now());
    const byHand = sqlite
      .prepare("SELECT 1 FROM audit WHERE entity = 'purchase_order' AND entity_id = ? AND action = 'update' AND json_extract(detail, '$.expectedDate') IS NOT NULL LIMIT 1")
      .get(String(o.id));
    if (byHand && o.expected_date >= today) return o.expected_date;
    const productIds = (sqlite.prepare('SELECT product_id FROM purchase_order_lines WHERE order_id = ?').all(o.id) as { product_id: number }[]).map((r) => r.product_id);
    return addDays(today, this.leadTime(o.supplier_id, productIds));
  }

  /** Next order number from `counters`, inside the caller's transaction: no gaps, no duplicates. */
  private nextNumber(): number {
    const row = this.deps.store.sqlite
      .prepare("INSERT INTO counters (name, value) VALUES ('purchase_order', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")
      .get() as { value: number };
    return row.value;
  }
}
