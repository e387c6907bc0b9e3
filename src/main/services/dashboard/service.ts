import type Database from 'better-sqlite3';
import {
  DASHBOARD_FORECAST_DAYS,
  DASHBOARD_HISTORY_DAYS,
  DASHBOARD_TOP,
  type DashboardPeriod,
  type DashboardSummaryFull,
  type PeriodSales,
} from '../../../shared/api/contracts/dashboard';
import { addDays } from '../../../shared/domain/dates';
import { shopDay } from '../shop-day';
import type { ShopSettings } from '../../../shared/domain/settings';
import type { ServiceDeps } from '../context';
import { DashboardQueries, type DayTotals } from './queries';
import { daysOf, periodRanges, type DayRange } from './periods';

const sumOver = (byDay: Map<string, DayTotals>, range: DayRange, pick: (d: DayTotals) => number) =>
  daysOf(range).reduce((s, d) => s + (byDay.has(d) ? pick(byDay.get(d)!) : 0), 0);

/**
 * The morning dashboard, read-only: one read transaction over the daily totals, the receipts (and the
 * VAT their lines charged), the period's losses, the stock, the stored replenishment and alerts, and
 * the last forecast. Costs, margins and losses are always computed here; main blanks them for a
 * cashier (ipc/redact.ts).
 */
export class DashboardService {
  private readonly db: Database.Database;
  private queries: DashboardQueries | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
  ) {
    this.db = deps.store.sqlite;
  }

  summary(period: DashboardPeriod): DashboardSummaryFull {
    const q = (this.queries ??= new DashboardQueries(this.db));
    const now = this.deps.now();
    const today = shopDay(this.db, now);
    const { current, previous } = periodRanges(period, today);
    const history = { from: addDays(today, -(DASHBOARD_HISTORY_DAYS - 1)), to: today };
    return this.db.transaction((): DashboardSummaryFull => {
      // one pass over the daily totals covers the chart and both periods
      const byDay = q.salesByDay({ from: previous.from < history.from ? previous.from : history.from, to: today });
      const periodSales = (range: DayRange): PeriodSales => {
        const receipts = q.receipts(range);
        const amountMinor = sumOver(byDay, range, (d) => d.revenueMinor);
        return {
          ...range,
          amountMinor,
          receipts: receipts.sales.count,
          returns: { count: receipts.returns.count, amountMinor: receipts.returns.totalMinor },
          averageBasketMinor: receipts.sales.count > 0 ? Math.round(receipts.sales.totalMinor / receipts.sales.count) : null,
          withoutReceiptMinor: amountMinor - (receipts.sales.totalMinor - receipts.returns.totalMinor),
        };
      };
      /**
       * The period before, its last day up to the same time of day as now: that day stands where today
       * stands in the period shown, and at 10:00 a whole day against a morning would make any morning
       * look bad (a week -14 % that was flat). Only the till's receipts carry a time, so that day's are
       * counted alone; where it has sales without a receipt (stock screen, imported history), only the
       * whole period compares fairly.
       */
      const previousSoFar = (range: DayRange, days: number): PeriodSales => {
        const whole = periodSales(range);
        const lastDay = { from: range.to, to: range.to };
        if (periodSales(lastDay).withoutReceiptMinor !== 0) return whole;
        const cut = new Date(now);
        cut.setDate(cut.getDate() - days);
        const until = cut.toISOString();
        const full = range.from < range.to ? { from: range.from, to: addDays(range.to, -1) } : null;
        const fullReceipts = full ? q.receipts(full) : null;
        const fullAmount = full ? sumOver(byDay, full, (d) => d.revenueMinor) : 0;
        const part = q.receipts(lastDay, until);
        const salesCount = part.sales.count + (fullReceipts?.sales.count ?? 0);
        const salesTotal = part.sales.totalMinor + (fullReceipts?.sales.totalMinor ?? 0);
        const returnsTotal = part.returns.totalMinor + (fullReceipts?.returns.totalMinor ?? 0);
        const withoutReceiptMinor = fullReceipts ? fullAmount - (fullReceipts.sales.totalMinor - fullReceipts.returns.totalMinor) : 0;
        return {
          ...range,
          until,
          amountMinor: fullAmount + part.sales.totalMinor - part.returns.totalMinor,
          receipts: salesCount,
          returns: { count: part.returns.count + (fullReceipts?.returns.count ?? 0), amountMinor: returnsTotal },
          averageBasketMinor: salesCount > 0 ? Math.round(salesTotal / salesCount) : null,
          withoutReceiptMinor,
        };
      };
      const sales = periodSales(current);
      // periods that end today are compared up to the same time of day; yesterday's is a whole day
      const before = period === 'yesterday' ? periodSales(previous) : previousSoFar(previous, daysOf(current).length);
      // costs are without VAT, prices with it: the margin is the VAT-free takings less the costs; the
      // till's takings lose the VAT their receipts charged, the others the product's rate now
      const costMinor = sumOver(byDay, current, (d) => d.costMinor);
      const netMinor = Math.round(sumOver(byDay, current, (d) => d.netMinor) + q.tillVat(current));
      const marginMinor = netMinor - costMinor;
      const rate = (minor: number) => (netMinor > 0 ? minor / netMinor : null);
      const lost = q.losses(current);
      const lossesMinor = lost.writeOffsMinor + lost.countShortfallMinor;
      const stockValue = q.stockValue();
      const expected = q.expected({ from: addDays(today, 1), to: addDays(today, DASHBOARD_FORECAST_DAYS) }, today);
      return {
        period,
        today,
        sales,
        previous: before,
        // a change from or to nothing, or a period with more refunded than sold, has no percentage
        change: before.amountMinor > 0 && sales.amountMinor > 0 ? sales.amountMinor / before.amountMinor - 1 : null,
        marginMinor,
        marginRate: rate(marginMinor),
        losses: { ...lost, totalMinor: lossesMinor, marginAfterMinor: marginMinor - lossesMinor, marginAfterRate: rate(marginMinor - lossesMinor) },
        stockValueMinor: stockValue.valueMinor,
        negativeStockLines: stockValue.negative,
        daily: daysOf(history).map((date) => ({ date, amountMinor: byDay.get(date)?.revenueMinor ?? 0 })),
        expected: expected.days,
        expectedRangeMeasured: expected.rangeMeasured,
        stock: { ...q.stock(this.settings().overstockDays, today), expiringLots: q.expiringLots() },
        alerts: q.openAlerts(now.toISOString()),
        top: q.top(current, DASHBOARD_TOP),
        lastRun: q.lastRun(),
        hasSales: q.hasSales(),
      };
    })();
  }
}
