import type { DashboardPeriod } from '../../../shared/api/contracts/dashboard';
import { addDays } from '../../../shared/domain/dates';

export interface DayRange {
  /** Inclusive business days. */
  from: string;
  to: string;
}

/** How many days a period covers and how far before today it ends. */
const SPANS: Record<DashboardPeriod, { days: number; endsDaysAgo: number }> = {
  today: { days: 1, endsDaysAgo: 0 },
  yesterday: { days: 1, endsDaysAgo: 1 },
  '7d': { days: 7, endsDaysAgo: 0 },
  '30d': { days: 30, endsDaysAgo: 0 },
};

/** The period asked for and the period of the same length just before it. */
export function periodRanges(period: DashboardPeriod, today: string): { current: DayRange; previous: DayRange } {
  const { days, endsDaysAgo } = SPANS[period];
  const to = addDays(today, -endsDaysAgo);
  const from = addDays(to, -(days - 1));
  return { current: { from, to }, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}

/** Every day from `from` to `to`, inclusive. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}
