import type Database from 'better-sqlite3';
import { sameLot } from '../../../shared/domain/lots';

/**
 * Which lots are still in the shop, from the ledger: the shop sells first-expiry-first-out (FEFO),
 * so each outflow that names no lot is taken from the lots that expire first. An outflow that names
 * its lot (a supplier return of a recalled lot, a loss of that lot) comes off that lot.
 */

/** One ledger movement (or a run of outflows of one kind on one day that name no lot), in ledger order. */
export interface LotMove {
  kind: string;
  /** Signed, in milli-units: receipts and gains above 0, sales and losses below. */
  milli: number;
  lot: string | null;
  expiry: string | null;
  /**
   * The calendar day of the movement (not its business day): an expiry is a calendar date, and at 01:30
   * a lot dated the day before is expired, whichever day the shop's night of trade counts the sale in.
   */
  day: string;
}

export interface LotLeft {
  lot: string;
  expiry: string;
  milli: number;
}

/**
 * Told what a movement does to a dated lot: `milli` below 0 taken from it, above 0 added to it. The
 * lot is the book's own entry (read it there and then: it changes as the ledger plays on).
 */
export type LotPartObserver = (lot: LotLeft, milli: number) => void;

/** The name a lot without a number is shown under. */
const NO_NUMBER = '—';

/**
 * The lots in the shop as the ledger is played through, one movement at a time. Rules:
 * - a receipt with an expiry adds to its lot (a lot delivered in parts is one lot); stock of unknown
 *   lot (a receipt without expiry) is kept apart, never announced, taken after the dated lots;
 * - an outflow naming a lot comes off that lot first (the rest, should it exceed the lot, FEFO); lot
 *   numbers match whatever their case and spacing;
 * - a sale takes the lots still valid on its day first: an expired lot is not sold, it stays
 *   announced until it is written off (a loss, which takes the earliest expiry first, expired or not);
 * - a gain without lot (a customer return, a count that found more) goes back to the lot the last
 *   outflow took from: what was sold last is what comes back;
 * - an outflow with nothing left to take from is owed, and paid by the next gain.
 */
export class LotBook {
  private readonly lots = new Map<string, LotLeft>();
  private readonly unknown: LotLeft = { lot: '', expiry: '', milli: 0 };
  private debt = 0;
  /** Where the last outflow naming no lot took its last unit from. */
  private lastTaken: LotLeft = this.unknown;

  /** Every lot of the map, earliest expiry first; sorted again only when a lot comes or goes. */
  private byExpiry: LotLeft[] | null = null;

  /** A book in the same state that plays on by itself (this one is left as it is). */
  copy(): LotBook {
    const twin = new LotBook();
    for (const [key, l] of this.lots) {
      const entry = { ...l };
      twin.lots.set(key, entry);
      if (l === this.lastTaken) twin.lastTaken = entry;
    }
    twin.unknown.milli = this.unknown.milli;
    twin.debt = this.debt;
    return twin;
  }

  /** The dated lots with something left, earliest expiry first. */
  held(): LotLeft[] {
    this.byExpiry ??= [...this.lots.values()].sort((a, b) => (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : 0));
    return this.byExpiry.filter((l) => l.milli > 0);
  }

  /**
   * Plays one movement. `onPart`, when given, is told each portion taken from a dated lot (milli below
   * 0) and each addition to one (a receipt, a gain going back to the lot last sold from), never what
   * the stock of unknown lot or the debt takes or gets: a lot's trace is built from these.
   */
  apply(m: LotMove, onPart?: LotPartObserver): void {
    if (m.milli > 0) {
      const paid = Math.min(this.debt, m.milli);
      this.debt -= paid;
      const add = m.milli - paid;
      if (add <= 0) return;
      if (m.expiry) {
        const lot = m.lot?.trim() || NO_NUMBER;
        const key = `${sameLot(lot)}:${m.expiry}`;
        const entry = this.lots.get(key);
        if (entry) {
          entry.milli += add;
          onPart?.(entry, add);
        } else {
          const added = { lot, expiry: m.expiry, milli: add };
          this.lots.set(key, added);
          this.byExpiry = null;
          onPart?.(added, add);
        }
      } else if (m.kind === 'receipt') this.unknown.milli += add;
      else {
        this.lastTaken.milli += add;
        if (onPart && this.lastTaken !== this.unknown) onPart(this.lastTaken, add);
      }
    } else if (m.milli < 0) {
      let want = -m.milli;
      const named = m.lot?.trim();
      if (named) {
        const key = sameLot(named);
        want = take(this.held().filter((l) => sameLot(l.lot) === key && (!m.expiry || l.expiry === m.expiry)), want, onPart).left;
      }
      if (want > 0) {
        const all = this.held();
        // FEFO; a sale leaves the lots already expired on its day to the end: they are not sold
        const order = m.kind === 'sale' ? [...all.filter((l) => l.expiry >= m.day), this.unknown, ...all.filter((l) => l.expiry < m.day)] : [...all, this.unknown];
        const { left, last } = take(order, want, onPart, this.unknown);
        if (last && !named) this.lastTaken = last;
        want = left;
      }
      this.debt += want;
      this.dropUsedUp();
    }
  }

  /**
   * Forgets the lots used up, so each outflow sorts what is on the shelf rather than every lot a long
   * ledger ever received; the lot a gain would go back to is kept. A lot delivered again later starts
   * a new entry under the same number and expiry, which is what the book would hold anyway.
   */
  private dropUsedUp(): void {
    for (const [key, l] of this.lots) {
      if (l.milli <= 0 && l !== this.lastTaken) {
        this.lots.delete(key);
        this.byExpiry = null;
      }
    }
  }
}

/**
 * Takes `want` from `from` in order; returns what could not be taken and where the last unit came from.
 * `onPart` is told each portion taken, but for the stock of unknown lot (`pool`).
 */
function take(from: LotLeft[], want: number, onPart?: LotPartObserver, pool?: LotLeft): { left: number; last: LotLeft | null } {
  let last: LotLeft | null = null;
  for (const l of from) {
    if (want <= 0) break;
    const part = Math.min(l.milli, want);
    if (part <= 0) continue;
    l.milli -= part;
    want -= part;
    last = l;
    if (onPart && l !== pool) onPart(l, -part);
  }
  return { left: want, last };
}

/** What remains of each dated lot after these movements (LotBook's rules), earliest expiry first. */
export function lotsLeft(moves: Iterable<LotMove>): LotLeft[] {
  const book = new LotBook();
  for (const m of moves) book.apply(m);
  return book.held();
}

interface GapTotals {
  sales: number | null;
  others: number;
  first: string | null;
  last: string | null;
}

const ledgers = new WeakMap<Database.Database, LotLedger>();

/** The connection's one LotLedger: the alerts, the till, the stock screen and the sync read the same kept books. */
export function lotLedgerOf(sqlite: Database.Database): LotLedger {
  let ledger = ledgers.get(sqlite);
  if (!ledger) ledgers.set(sqlite, (ledger = new LotLedger(sqlite)));
  return ledger;
}

/** How long the first reading of a shop's lots holds the main thread at once before it lets the till in. */
const WARM_SLICE_MS = 40;

/**
 * Reads a product's ledger as lotsLeft needs it, cheaply: the movements that add stock or name a lot
 * one by one (deliveries, returns: a few), and the sales between two of them summed into one outflow
 * (thousands of rows stay in SQLite). The sales between two such movements are read day by day only
 * when that matters: a lot's expiry falls among their days (a sale does not take a lot expired on its
 * day), or losses or counts without a lot are mixed in (they, unlike a sale, take an expired lot).
 *
 * The ledger only grows, so each product's book is kept as it stood after its last such movement, and
 * the next reading plays only what came after it: the sales since the last delivery, not three years of
 * them (a third-year shop's 1 150 dated products took 1.5 s of the main thread at every hourly look).
 * The summing is the same as a reading from the start, so the lots are the same.
 */
export class LotLedger {
  private readonly events: Database.Statement;
  private readonly gap: Database.Statement;
  private readonly gapDays: Database.Statement;
  private readonly datedProbe: Database.Statement;
  private readonly kept = new Map<number, { book: LotBook; after: number }>();

  constructor(sqlite: Database.Database) {
    this.events = sqlite.prepare(
      `SELECT id, kind, qty_milli AS milli, lot, expiry, date(occurred_at, 'localtime') AS day FROM movements
        WHERE product_id = ? AND id > ? AND (qty_milli > 0 OR lot IS NOT NULL) ORDER BY id`,
    );
    // a lot exists once dated stock came in (never by a sale): the partial index of those movements, named
    // (the planner would walk the product's ledger along movements_product)
    this.datedProbe = sqlite.prepare('SELECT 1 FROM movements INDEXED BY movements_dated WHERE product_id = ? AND expiry IS NOT NULL AND qty_milli > 0 LIMIT 1').pluck();
    const between = 'FROM movements WHERE product_id = ? AND id > ? AND id < ? AND qty_milli < 0 AND lot IS NULL';
    this.gap = sqlite.prepare(
      `SELECT SUM(CASE WHEN kind = 'sale' THEN qty_milli ELSE 0 END) AS sales, SUM(kind <> 'sale') AS others,
              date(MIN(occurred_at), 'localtime') AS first, date(MAX(occurred_at), 'localtime') AS last ${between}`,
    );
    this.gapDays = sqlite.prepare(
      `SELECT kind, date(occurred_at, 'localtime') AS day, SUM(qty_milli) AS milli, NULL AS lot, NULL AS expiry ${between} GROUP BY day, kind ORDER BY MIN(id)`,
    );
  }

  /** Whether the product ever received dated stock: without, it holds no lot. */
  dated(productId: number): boolean {
    return this.datedProbe.get(productId) !== undefined;
  }

  /**
   * Reads the lots of these products that hold dated stock, so that lotsLeft() then plays only what is
   * new. `pause` is awaited every WARM_SLICE_MS of work; false when it said to stop.
   */
  async warm(productIds: number[], pause: () => Promise<boolean>): Promise<boolean> {
    let since = performance.now();
    for (const id of productIds) {
      if (!this.dated(id)) continue;
      this.lotsLeft(id);
      if (performance.now() - since >= WARM_SLICE_MS) {
        if (!(await pause())) return false;
        since = performance.now();
      }
    }
    return true;
  }

  /** What remains of each dated lot of the product (LotBook's rules), earliest expiry first. */
  lotsLeft(productId: number): LotLeft[] {
    // taken out while it plays on: should a read fail half-way, the next reading starts from the beginning
    const from = this.kept.get(productId);
    this.kept.delete(productId);
    let after = from?.after ?? 0;
    const events = this.events.all(productId, after) as (LotMove & { id: number })[];
    const book = from?.book ?? new LotBook();
    for (let i = 0; i <= events.length; i++) {
      // kept before the sales after the last such movement: they are summed again, with those to come, next time
      if (i === events.length) this.kept.set(productId, { book: book.copy(), after });
      const before = i < events.length ? events[i]!.id : Number.MAX_SAFE_INTEGER;
      if (before > after + 1) {
        const g = this.gap.get(productId, after, before) as GapTotals;
        if (g.first !== null && g.last !== null) {
          const { first, last } = g;
          if (g.others > 0 || book.held().some((l) => l.expiry >= first && l.expiry < last)) for (const d of this.gapDays.all(productId, after, before) as LotMove[]) book.apply(d);
          else if (g.sales) book.apply({ kind: 'sale', milli: g.sales, lot: null, expiry: null, day: last });
        }
      }
      if (i < events.length) {
        book.apply(events[i]!);
        after = events[i]!.id;
      }
    }
    return book.held();
  }
}
