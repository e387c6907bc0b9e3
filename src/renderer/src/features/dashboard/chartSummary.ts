import type { DashboardSummary } from '../../../../shared/api/contract';
import type { Translate } from '../../i18n/translate';

/** The dashboard's sales chart in words, for screen readers: the days shown, their best day, the expected takings. */
export function salesChartSummary(
  data: Pick<DashboardSummary, 'daily' | 'expected' | 'expectedRangeMeasured'>,
  t: Translate,
  format: { day: (iso: string) => string; money: (minor: number) => string },
): string {
  const parts: string[] = [];
  if (data.daily.length > 0) {
    const best = data.daily.reduce((a, d) => (d.amountMinor > a.amountMinor ? d : a));
    const total = data.daily.reduce((a, d) => a + d.amountMinor, 0);
    parts.push(t('dashboard.chart.alt.sales', { days: data.daily.length, total: format.money(total), best: format.day(best.date), amount: format.money(best.amountMinor) }));
  }
  if (data.expected.length > 0) {
    // before the range is measured, P10 = P90 = P50: lo and hi are the expected days' own spread
    parts.push(
      t(data.expectedRangeMeasured ? 'dashboard.chart.alt.expected' : 'dashboard.chart.alt.expectedNoRange', {
        days: data.expected.length,
        total: format.money(data.expected.reduce((a, e) => a + e.p50Minor, 0)),
        lo: format.money(Math.min(...data.expected.map((e) => e.p10Minor))),
        hi: format.money(Math.max(...data.expected.map((e) => e.p90Minor))),
      }),
    );
  }
  return parts.join(' ');
}
