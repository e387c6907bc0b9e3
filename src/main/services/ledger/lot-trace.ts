import type Database from 'better-sqlite3';
import { LOT_TRACE_MAX_MOVES, type LotTrace, type LotTraceEntry, type LotTraceMove } from '../../../shared/api/contracts/counts';
import { AppError } from '../../../shared/api/result';
import type { MovementKind } from '../../../shared/domain/movement';
import { fromMilli } from '../../../shared/domain/quantity';
import { sameLot } from '../../../shared/domain/lots';
import { LotBook, type LotLeft, type LotMove } from '../alerts/lots';

interface Row extends LotMove {
  id: number;
  kind: MovementKind;
  occurred_at: string;
  business_date: string;
  reference: string;
  reason: string;
  user_name: string;
}

/** A lot's totals in milli-units while the ledger plays, with its movements. */
interface Tally {
  productId: number;
  lot: string;
  expiry: string;
  milli: Record<MovementKind, number>;
  deliveries: number;
  tickets: Set<string>;
  firstSale: string | null;
  lastSale: string | null;
  moves: LotTraceMove[];
  truncated: boolean;
}

const noMilli = (): Record<MovementKind, number> => ({ sale: 0, receipt: 0, customer_return: 0, supplier_return: 0, adjustment: 0, loss: 0, count: 0 });

/**
 * Where a lot went, for a recall: a sale notes no lot, so each product that ever received the lot has
 * its ledger played through LotBook movement by movement (the rules the Stock page's lots and the
 * alerts follow), and every portion the book takes from that lot or adds to it is put down to the
 * movement that did it. Read-only. A recall is rare and a product's ledger a few thousand movements:
 * no gap summing here, each sale must be named.
 */
export class LotTracer {
  private readonly products: Database.Statement;
  private readonly ledger: Database.Statement;
  private readonly product: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    // the lots the book knows are the dated ones: a lot number received without expiry is stock of unknown lot.
    // Only the movements that bring dated stock in are read, through the partial index that holds them
    // (named: SQLite's planner otherwise scans the whole ledger along movements_product, 1.3 s of the main
    // thread at three years of sales; the index of non-sale movements still read every receipt, 0.5 s)
    this.products = sqlite.prepare(
      'SELECT DISTINCT product_id AS productId, lot FROM movements INDEXED BY movements_dated WHERE expiry IS NOT NULL AND qty_milli > 0 AND lot IS NOT NULL',
    );
    this.ledger = sqlite.prepare(
      `SELECT m.id, m.kind, m.qty_milli AS milli, m.lot, m.expiry, date(m.occurred_at, 'localtime') AS day, m.occurred_at, m.business_date,
              m.reference, m.reason, COALESCE(u.name, '') AS user_name
         FROM movements m LEFT JOIN users u ON u.id = m.user_id WHERE m.product_id = ? ORDER BY m.id`,
    );
    this.product = sqlite.prepare('SELECT sku, name, unit FROM products WHERE id = ?');
  }

  /** The lot's trace in each product that received it; `today` (the shop's day, as `stock.lots` takes it) says which are past their date. */
  trace(lotAsked: string, today: string): LotTrace {
    const lot = lotAsked.trim();
    const key = sameLot(lot);
    const productIds = [
      ...new Set((this.products.all() as { productId: number; lot: string }[]).filter((r) => sameLot(r.lot) === key).map((r) => r.productId)),
    ];
    const entries = productIds.flatMap((id) => this.ofProduct(id, key, today));
    if (entries.length === 0) throw new AppError('not_found', `lot: no delivery received lot ${lot}`, 'lot', { reason: 'lot_never_received', lot });
    entries.sort((a, b) => a.name.localeCompare(b.name) || a.productId - b.productId || (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : 0));
    return { lot, entries };
  }

  private ofProduct(productId: number, key: string, today: string): LotTraceEntry[] {
    const tallies = new Map<string, Tally>();
    const book = new LotBook();
    let current: Row | null = null;
    const onPart = (l: LotLeft, milli: number) => {
      if (current === null || sameLot(l.lot) !== key) return;
      // the lot number is the one asked for: its expiry tells its lots apart (the book's own key)
      let t = tallies.get(l.expiry);
      if (!t) {
        t = { productId, lot: l.lot, expiry: l.expiry, milli: noMilli(), deliveries: 0, tickets: new Set(), firstSale: null, lastSale: null, moves: [], truncated: false };
        tallies.set(l.expiry, t);
      }
      record(t, current, milli);
    };
    for (const row of this.ledger.iterate(productId) as Iterable<Row>) {
      current = row;
      book.apply(row, onPart);
    }
    const p = this.product.get(productId) as { sku: string; name: string; unit: string };
    return [...tallies.values()].map((t) => toEntry(t, p, today));
  }
}

/**
 * Puts a portion of a lot down to the movement that took or added it. The book touches a lot once per
 * movement at most: an outflow naming the lot empties it before taking from the others.
 */
function record(t: Tally, m: Row, milli: number): void {
  t.milli[m.kind] += milli;
  if (m.kind === 'receipt' && milli > 0) t.deliveries++;
  if (m.kind === 'sale') {
    t.tickets.add(m.reference);
    if (t.firstSale === null || m.business_date < t.firstSale) t.firstSale = m.business_date;
    if (t.lastSale === null || m.business_date > t.lastSale) t.lastSale = m.business_date;
  }
  if (t.moves.length >= LOT_TRACE_MAX_MOVES) {
    t.truncated = true;
    return;
  }
  t.moves.push({
    id: m.id,
    occurredAt: m.occurred_at,
    businessDate: m.business_date,
    kind: m.kind,
    quantity: fromMilli(milli),
    movementQuantity: fromMilli(m.milli),
    reference: m.reference,
    reason: m.reason,
    userName: m.user_name,
  });
}

/** What left, as a quantity above 0 (never −0). */
const taken = (milli: number) => (milli === 0 ? 0 : fromMilli(-milli));

function toEntry(t: Tally, p: { sku: string; name: string; unit: string }, today: string): LotTraceEntry {
  const m = t.milli;
  const onShelf = Object.values(m).reduce((a, b) => a + b, 0);
  return {
    productId: t.productId,
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    lot: t.lot,
    expiry: t.expiry,
    expired: t.expiry < today,
    received: fromMilli(m.receipt),
    deliveries: t.deliveries,
    sold: taken(m.sale),
    tickets: t.tickets.size,
    firstSale: t.firstSale,
    lastSale: t.lastSale,
    customerReturns: fromMilli(m.customer_return),
    lost: taken(m.loss),
    supplierReturns: taken(m.supplier_return),
    adjusted: fromMilli(m.adjustment + m.count),
    onShelf: fromMilli(onShelf),
    moves: t.moves,
    truncated: t.truncated,
  };
}
