import type Database from 'better-sqlite3';
import {
  DENOMINATIONS,
  type CashCountInput,
  type CashCountView,
  type CashMoveInput,
  type CashTotals,
  type CashMoveView,
  type DenominationCount,
  type JournalEntry,
  type SalesDay,
  type TenderTotal,
  type ZReportDocument,
} from '../../../shared/api/contracts/journal';
import { AppError } from '../../../shared/api/result';
import { TENDERS, vatIncluded, type Tender } from '../../../shared/domain/cart';
import { shopDay, shopToday } from '../shop-day';
import type { ReceiptDocument } from '../../../shared/domain/sale';
import type { ShopSettings } from '../../../shared/domain/settings';
import { roleAtLeast } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { zReportPdf, type ZPaper } from './zreport';

interface SaleRow {
  id: number;
  receipt_no: number;
  kind: 'sale' | 'return';
  original_receipt_no: number | null;
  at: string;
  user_id: number;
  cashier: string | null;
  line_count: number;
  total_minor: number;
  change_minor: number;
}

interface CountRow {
  id: number;
  business_date: string;
  at: string;
  user_id: number;
  user_name: string | null;
  opening_float_minor: number;
  expected_cash_minor: number;
  counted_cash_minor: number;
  denominations: string | null;
  note: string;
}

/** A reprint that checkReprint allowed, to audit once it is done. */
/** A day as main reads it, the drawer's figures included: what a manager is shown. */
type FullDay = SalesDay & { cash: CashTotals; counts: FullCount[] };
type FullCount = CashCountView & { expectedCashMinor: number; differenceMinor: number; expectedNowMinor: number };

/**
 * A cashier counts the drawer blind, as she counts the shelves: she is not shown the cash the day should
 * have left (nor the cash tender's total, which says it too), nor a count's difference. The owner reads
 * them; a cashier who knew the target could make the count meet it.
 */
const countsBlind = (actor: Actor) => !roleAtLeast(actor.user.role, 'manager');
const blindCount = (c: CashCountView): CashCountView => ({ ...c, expectedCashMinor: null, differenceMinor: null, expectedNowMinor: null });
function shownTo(day: FullDay, actor: Actor): SalesDay {
  if (!countsBlind(actor)) return day;
  return { ...day, cash: null, tenders: day.tenders.filter((t) => t.tender !== 'cash'), counts: day.counts.map(blindCount) };
}

export interface ReprintAllowed {
  receiptNo: number;
  saleId: number;
}

/** Receipts for reprints come from the till, which owns their layout. */
export interface ReceiptSource {
  receipt(receiptNo: number, width: 80 | 58, options: { duplicate?: boolean }): Promise<ReceiptDocument>;
}

/**
 * The sales journal of a business day and its end-of-day cash count (Z report). Read-only over sales;
 * a count is appended (a recount is a new row, the latest one stands) with its audit row, never edited.
 * A cashier works on today only; managers and owners may open any past day.
 */
export class SalesDayService {
  private readonly db: Database.Database;
  private readonly journal: Journal;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
    /** Read when a reprint is asked for (the till is built beside this service). */
    private readonly receipts: () => ReceiptSource,
  ) {
    this.db = deps.store.sqlite;
    this.journal = new Journal(this.db);
  }

  today(): string {
    return shopToday(this.deps);
  }

  /** The day asked for, checked against the role: a cashier gets today only, nobody a day still to come. */
  private allowedDate(date: string | undefined, actor: Actor, field = 'date'): string {
    const today = this.today();
    const day = date ?? today;
    if (day > today) throw new AppError('validation', `${field}: ${day} has not come yet`, field, { reason: 'day_to_come', day });
    if (day !== today && !roleAtLeast(actor.user.role, 'manager')) {
      throw new AppError('forbidden', `${field}: a cashier sees today's journal only (${today}); ask a manager for another day`, field, { reason: 'journal_today_only', today });
    }
    return day;
  }

  day(date: string | undefined, actor: Actor): SalesDay {
    const day = this.allowedDate(date, actor);
    return this.db.transaction(() => shownTo(this.build(day, actor), actor))();
  }

  private build(day: string, actor: Actor): FullDay {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.receipt_no, s.kind, o.receipt_no AS original_receipt_no, s.at, s.user_id, u.name AS cashier,
                (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) AS line_count, s.total_minor, s.change_minor
         FROM sales s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN sales o ON o.id = s.original_sale_id
         WHERE s.business_date = ? ORDER BY s.receipt_no`,
      )
      .all(day) as SaleRow[];
    const tenderRows = this.db
      .prepare('SELECT t.sale_id, t.tender, t.amount_minor FROM sale_tenders t JOIN sales s ON s.id = t.sale_id WHERE s.business_date = ? ORDER BY t.rowid')
      .all(day) as { sale_id: number; tender: Tender; amount_minor: number }[];
    const bySale = new Map<number, { tender: Tender; amountMinor: number }[]>();
    for (const t of tenderRows) {
      const list = bySale.get(t.sale_id) ?? [];
      list.push({ tender: t.tender, amountMinor: t.amount_minor });
      bySale.set(t.sale_id, list);
    }
    const entries: JournalEntry[] = rows.map((r) => ({
      receiptNo: r.receipt_no,
      kind: r.kind,
      originalReceiptNo: r.original_receipt_no,
      at: r.at,
      userId: r.user_id,
      cashier: r.cashier ?? `#${r.user_id}`,
      lineCount: r.line_count,
      totalMinor: r.total_minor,
      changeMinor: r.change_minor,
      tenders: bySale.get(r.id) ?? [],
    }));

    const sales = entries.filter((e) => e.kind === 'sale');
    const returns = entries.filter((e) => e.kind === 'return');
    const sum = (list: JournalEntry[], f: (e: JournalEntry) => number) => list.reduce((s, e) => s + f(e), 0);
    const salesTotal = sum(sales, (e) => e.totalMinor);
    const returnsTotal = sum(returns, (e) => e.totalMinor);

    const totals = new Map<Tender, TenderTotal>();
    const total = (tender: Tender) => {
      let t = totals.get(tender);
      if (!t) totals.set(tender, (t = { tender, salesCount: 0, takenMinor: 0, refundedMinor: 0, netMinor: 0 }));
      return t;
    };
    total('cash');
    for (const e of entries) {
      for (const tender of new Set(e.tenders.map((t) => t.tender))) if (e.kind === 'sale') total(tender).salesCount += 1;
      for (const t of e.tenders) {
        if (e.kind === 'sale') total(t.tender).takenMinor += t.amountMinor;
        else total(t.tender).refundedMinor += t.amountMinor;
      }
      // change only ever comes back in cash (card and mobile money are taken for the exact amount)
      if (e.kind === 'sale') total('cash').takenMinor -= e.changeMinor;
    }
    for (const t of totals.values()) t.netMinor = t.takenMinor - t.refundedMinor;
    const tenders = [...totals.values()].sort((a, b) => TENDERS.indexOf(a.tender) - TENDERS.indexOf(b.tender));

    const cashReceived = sum(sales, (e) => e.tenders.filter((t) => t.tender === 'cash').reduce((s, t) => s + t.amountMinor, 0));
    const change = sum(sales, (e) => e.changeMinor);
    const cashRefunded = sum(returns, (e) => e.tenders.filter((t) => t.tender === 'cash').reduce((s, t) => s + t.amountMinor, 0));
    const cashMoves = this.cashMoves(day);
    const paidOut = cashMoves.filter((m) => m.direction === 'out').reduce((s, m) => s + m.amountMinor, 0);
    const paidIn = cashMoves.filter((m) => m.direction === 'in').reduce((s, m) => s + m.amountMinor, 0);
    const cashNet = cashReceived - change - cashRefunded - paidOut + paidIn;

    // each receipt prints its VAT per rate on that rate's total (vatBuckets): the day's VAT is those, summed
    // (recomputed from the day's total, or summed line by line, it differed by whole francs)
    const vatRows = this.db
      .prepare(
        `SELECT s.kind, l.vat_rate_bp AS rate, sum(l.net_minor) AS net
         FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.business_date = ? GROUP BY s.id, l.vat_rate_bp`,
      )
      .all(day) as { kind: 'sale' | 'return'; rate: number; net: number }[];
    const vatByRate = new Map<number, { rateBp: number; netMinor: number; vatMinor: number }>();
    for (const r of vatRows) {
      const sign = r.kind === 'return' ? -1 : 1;
      const v = vatByRate.get(r.rate) ?? { rateBp: r.rate, netMinor: 0, vatMinor: 0 };
      v.netMinor += sign * r.net;
      v.vatMinor += sign * vatIncluded(r.net, r.rate);
      vatByRate.set(r.rate, v);
    }

    const counts = this.counts(day, cashNet);
    return {
      date: day,
      today: this.today(),
      canPickDate: roleAtLeast(actor.user.role, 'manager'),
      currency: this.settings().currency,
      entries,
      sales: { count: sales.length, totalMinor: salesTotal },
      returns: { count: returns.length, totalMinor: returnsTotal },
      netMinor: salesTotal - returnsTotal,
      averageBasketMinor: sales.length ? Math.round(salesTotal / sales.length) : 0,
      tenders,
      vat: [...vatByRate.values()].sort((a, b) => a.rateBp - b.rateBp),
      cash: {
        receivedMinor: cashReceived,
        changeMinor: change,
        refundedMinor: cashRefunded,
        paidOutMinor: paidOut,
        paidInMinor: paidIn,
        netMinor: cashNet,
      },
      suggestedFloatMinor: counts[0]?.openingFloatMinor ?? this.lastFloat(),
      counts,
      cashMoves,
    };
  }

  private cashMoves(day: string): CashMoveView[] {
    return this.db
      .prepare(
        `SELECT m.id, m.at, m.user_id AS userId, COALESCE(u.name, '#' || m.user_id) AS userName, m.direction, m.amount_minor AS amountMinor, m.reason
         FROM cash_moves m LEFT JOIN users u ON u.id = m.user_id WHERE m.business_date = ? ORDER BY m.id`,
      )
      .all(day) as CashMoveView[];
  }

  /**
   * Cash out of the drawer or into it, on today's business day (it happens now, at the till), audited
   * with who and why. Anybody at the till records it: the cash left the drawer either way, and unrecorded
   * it only shows as a shortfall at closing; recorded, the owner reads it on the journal and the Z report.
   */
  moveCash(input: CashMoveInput, actor: Actor): CashMoveView {
    const now = this.deps.now();
    const at = now.toISOString();
    return inTransaction(this.db, () => {
      const day = shopDay(this.db, now);
      if (input.direction === 'out' && !roleAtLeast(actor.user.role, 'manager')) {
        // a typed extra zero takes more out than the drawer holds, and the day then closes on a "surplus"
        const { cash, suggestedFloatMinor } = this.build(day, actor);
        const inDrawer = suggestedFloatMinor + cash.netMinor;
        if (input.amountMinor > inDrawer) {
          // the amount the drawer should hold is not said: a cashier counts it blind
          throw new AppError('forbidden', `amountMinor: more than the drawer should hold (${inDrawer}); a cashier cannot pay out ${input.amountMinor}; check the amount, or ask a manager`, 'amountMinor', {
            reason: 'cashier_paid_out_exceeds_drawer',
            amountMinor: input.amountMinor,
            currency: this.settings().currency,
          });
        }
      }
      const id = Number(
        this.db
          .prepare('INSERT INTO cash_moves (business_date, user_id, at, direction, amount_minor, reason) VALUES (?, ?, ?, ?, ?, ?)')
          .run(day, actor.user.id, at, input.direction, input.amountMinor, input.reason).lastInsertRowid,
      );
      this.journal.write(at, actor.user.id, input.direction === 'out' ? 'paid_out' : 'paid_in', 'cash_move', id, {
        date: day,
        amountMinor: input.amountMinor,
        currency: this.settings().currency,
        reason: input.reason,
      });
      return this.cashMoves(day).find((m) => m.id === id)!;
    });
  }

  /** The day's counts, newest first. */
  private counts(day: string, cashNet: number): FullCount[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.business_date, c.at, c.user_id, u.name AS user_name, c.opening_float_minor, c.expected_cash_minor, c.counted_cash_minor, c.denominations, c.note
         FROM cash_counts c LEFT JOIN users u ON u.id = c.user_id WHERE c.business_date = ? ORDER BY c.id DESC`,
      )
      .all(day) as CountRow[];
    return rows.map((r) => {
      const float = r.opening_float_minor;
      return {
        id: r.id,
        date: r.business_date,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name ?? `#${r.user_id}`,
        openingFloatMinor: float,
        expectedCashMinor: r.expected_cash_minor,
        countedCashMinor: r.counted_cash_minor,
        differenceMinor: r.counted_cash_minor - r.expected_cash_minor,
        denominations: r.denominations === null ? null : (JSON.parse(r.denominations) as DenominationCount[]),
        note: r.note,
        stale: float + cashNet !== r.expected_cash_minor,
        expectedNowMinor: float + cashNet,
      };
    });
  }

  /** Shops keep the same float from day to day: the latest count's, whatever its day. */
  private lastFloat(): number {
    const row = this.db.prepare('SELECT opening_float_minor AS f FROM cash_counts ORDER BY id DESC LIMIT 1').get() as { f: number } | undefined;
    return row?.f ?? 0;
  }

  /**
   * Records a cash count: the expected cash is computed here from the day's sales (what the screen
   * showed is never trusted), the counted cash is the amount typed or the sum of the denominations.
   */
  countCash(input: CashCountInput, actor: Actor): CashCountView {
    const day = this.allowedDate(input.date, actor);
    const counted = this.countedFrom(input);
    const at = this.deps.now().toISOString();
    return inTransaction(this.db, () => {
      const current = this.build(day, actor);
      const expected = input.openingFloatMinor + current.cash.netMinor;
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO cash_counts (business_date, user_id, at, opening_float_minor, expected_cash_minor, counted_cash_minor, denominations, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(day, actor.user.id, at, input.openingFloatMinor, expected, counted.total, counted.denominations && JSON.stringify(counted.denominations), input.note).lastInsertRowid,
      );
      this.journal.write(at, actor.user.id, 'count', 'cash_count', id, {
        date: day,
        openingFloatMinor: input.openingFloatMinor,
        cashNetMinor: current.cash.netMinor,
        expectedCashMinor: expected,
        countedCashMinor: counted.total,
        differenceMinor: counted.total - expected,
        denominations: counted.denominations,
        note: input.note,
      });
      const saved = this.counts(day, current.cash.netMinor)[0]!;
      return countsBlind(actor) ? blindCount(saved) : saved;
    });
  }

  private countedFrom(input: CashCountInput): { total: number; denominations: DenominationCount[] | null } {
    if (!input.denominations?.length) {
      if (input.countedCashMinor === undefined) throw new AppError('validation', 'countedCashMinor: type the cash counted, or count it by notes and coins', 'countedCashMinor', { reason: 'cash_not_counted' });
      return { total: input.countedCashMinor, denominations: null };
    }
    const currency = this.settings().currency;
    const known = DENOMINATIONS[currency];
    const seen = new Set<number>();
    input.denominations.forEach((d, i) => {
      const field = `denominations.${i}.valueMinor`;
      if (!known || ![...known.notes, ...known.coins].includes(d.valueMinor)) throw new AppError('validation', `${field}: ${d.valueMinor} is not a ${currency} note or coin`, field, { reason: 'cash_not_denomination', currency });
      if (seen.has(d.valueMinor)) throw new AppError('validation', `${field}: ${d.valueMinor} is listed twice`, field, { reason: 'cash_listed_twice' });
      seen.add(d.valueMinor);
    });
    const denominations = input.denominations.filter((d) => d.count > 0).sort((a, b) => b.valueMinor - a.valueMinor);
    const total = denominations.reduce((s, d) => s + d.valueMinor * d.count, 0);
    if (input.countedCashMinor !== undefined && input.countedCashMinor !== total) {
      throw new AppError('validation', `countedCashMinor: the notes and coins add up to ${total}, not ${input.countedCashMinor}`, 'countedCashMinor', { reason: 'cash_mismatch' });
    }
    return { total, denominations };
  }

  /** A receipt again, from the journal: a cashier only for today's receipts; every reprint is audited. */
  async reprint(receiptNo: number, width: 80 | 58, actor: Actor): Promise<ReceiptDocument> {
    const allowed = this.checkReprint(receiptNo, actor);
    const doc = await this.receipts().receipt(receiptNo, width, { duplicate: true });
    this.auditReprint(allowed, { width }, actor);
    return doc;
  }

  /** Whether `actor` may reprint this receipt (a cashier: today's only); the reprint is audited by the caller. */
  checkReprint(receiptNo: number, actor: Actor): ReprintAllowed {
    const sale = this.db.prepare('SELECT id, business_date FROM sales WHERE receipt_no = ?').get(receiptNo) as { id: number; business_date: string } | undefined;
    if (!sale) throw new AppError('not_found', `receiptNo: no receipt number ${receiptNo}`, 'receiptNo', { reason: 'receipt_not_found', receiptNo });
    if (sale.business_date !== this.today() && !roleAtLeast(actor.user.role, 'manager')) {
      throw new AppError('forbidden', `receiptNo: receipt ${receiptNo} is from ${sale.business_date}; a cashier reprints today's receipts only`, 'receiptNo', {
        reason: 'reprint_today_only',
        receiptNo,
        day: sale.business_date,
      });
    }
    return { receiptNo, saleId: sale.id };
  }

  auditReprint({ receiptNo, saleId }: ReprintAllowed, detail: Record<string, unknown>, actor: Actor): void {
    const at = this.deps.now().toISOString();
    inTransaction(this.db, () => this.journal.write(at, actor.user.id, 'reprint', 'sale', saleId, { receiptNo, ...detail }));
  }

  /** The Z report of a day as a PDF: totals, tenders, returns, VAT, the cash count that stands and signature lines. */
  async zReport(date: string | undefined, paper: ZPaper, actor: Actor): Promise<ZReportDocument> {
    const day = this.day(date, actor);
    const shop = this.settings();
    const pdf = await zReportPdf(day, shop, { paper, printedAt: this.deps.now(), printedBy: actor.user.name });
    return { date: day.date, fileName: `${shop.locale === 'fr' ? 'rapport-z' : 'z-report'}-${day.date}.pdf`, pdfBase64: pdf.toString('base64') };
  }
}
