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
 * The morning dashboard, read-only: one read transaction over the daily totals, the receipts, the
 * stock, the stored replenishment and alerts, and the last forecast. Costs are always computed here;
 * main blanks them for a cashier (ipc/redact.ts).
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
       * Yesterday up to the same time of day as now: at 10:00, the whole of yesterday would make any
       * morning look bad. Only the till's receipts carry a time, so they alone are counted.
       */
      const yesterdaySoFar = (range: DayRange): PeriodSales => {
        const cut = new Date(now);
        cut.setDate(cut.getDate() - 1);
        const until = cut.toISOString();
        const receipts = q.receipts(range, until);
        return {
          ...range,
          until,
          amountMinor: receipts.sales.totalMinor - receipts.returns.totalMinor,
          receipts: receipts.sales.count,
          returns: { count: receipts.returns.count, amountMinor: receipts.returns.totalMinor },
          averageBasketMinor: receipts.sales.count > 0 ? Math.round(receipts.sales.totalMinor / receipts.sales.count) : null,
          withoutReceiptMinor: 0,
        };
      };
      const sales = periodSales(current);
      // Sales entered without a receipt (stock screen, imported history) have no time of day: where
      // yesterday has some, only the whole day compares fairly.
      const wholeBefore = periodSales(previous);
      const before = period === 'today' && wholeBefore.withoutReceiptMinor === 0 ? yesterdaySoFar(previous) : wholeBefore;
      // costs are without VAT, prices with it: the margin is the VAT-free takings less the costs
      const costMinor = sumOver(byDay, current, (d) => d.costMinor);
      const netMinor = sumOver(byDay, current, (d) => d.netMinor);
      const marginMinor = netMinor - costMinor;
      const expected = q.expected({ from: addDays(today, 1), to: addDays(today, DASHBOARD_FORECAST_DAYS) });
      return {
        period,
        today,
        sales,
        previous: before,
        change: before.amountMinor > 0 ? sales.amountMinor / before.amountMinor - 1 : null,
        marginMinor,
        marginRate: netMinor > 0 ? marginMinor / netMinor : null,
        stockValueMinor: q.stockValue(),
        daily: daysOf(history).map((date) => ({ date, amountMinor: byDay.get(date)?.revenueMinor ?? 0 })),
        expected: expected.days,
        expectedRangeMeasured: expected.rangeMeasured,
        stock: { ...q.stock(this.settings().overstockDays), expiringLots: q.expiringLots() },
        alerts: q.openAlerts(now.toISOString()),
        top: q.top(current, DASHBOARD_TOP),
        lastRun: q.lastRun(),
        hasSales: q.hasSales(),
      };
    })();
  }
}
