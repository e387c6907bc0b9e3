import { useMemo } from 'react';
import type { ProductForecastView } from '../../../../shared/api/contract';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';
import { forecastChartOption, type ChartFormat, type ChartLabels } from './chartOption';
import { forecastChartSummary } from './chartSummary';

export function ForecastChart({ view, labels, format }: { view: ProductForecastView; labels: ChartLabels; format: ChartFormat }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => forecastChartOption(view, labels, format), [view, labels, format]);
  const summary = useMemo(() => forecastChartSummary(view, t, locale, format.number), [view, t, locale, format]);
  return <EChart option={option} height={380} testId="forecast-chart" label={summary} />;
}
