import type { ProductForecastView } from '../../../../shared/api/contract';
import type { Locale } from '../../../../shared/domain/settings';
import type { Translate } from '../../i18n/translate';
import { counted } from '../dashboard/format';

/**
 * The forecast chart in words, for screen readers (the chart's text alternative): the sales shown,
 * their stock-out days, and what is expected over the forecast's days.
 */
export function forecastChartSummary(view: Pick<ProductForecastView, 'history' | 'forecast'>, t: Translate, locale: Locale, number: (x: number) => string): string {
  const parts: string[] = [];
  if (view.history.length > 0) {
    const known = view.history.filter((h) => !h.stockout).map((h) => h.qty);
    const total = known.reduce((a, b) => a + b, 0);
    parts.push(
      t('forecast.chart.alt.history', {
        days: view.history.length,
        total: number(total),
        min: number(known.length > 0 ? Math.min(...known) : 0),
        max: number(known.length > 0 ? Math.max(...known) : 0),
      }),
    );
    const out = view.history.length - known.length;
    if (out > 0) parts.push(counted(t, locale, 'forecast.chart.alt.stockout', out));
  }
  if (view.forecast.length > 0) {
    const expected = view.forecast.reduce((a, f) => a + (f.mean ?? f.p50), 0);
    parts.push(
      t('forecast.chart.alt.forecast', {
        days: view.forecast.length,
        // "about 216", not "about 215.5"; a slow seller keeps its decimal ("about 5.6")
        expected: number(expected >= 10 ? Math.round(expected) : expected),
        lo: number(Math.min(...view.forecast.map((f) => f.p10))),
        hi: number(Math.max(...view.forecast.map((f) => f.p90))),
      }),
    );
  }
  return parts.join(' ');
}
