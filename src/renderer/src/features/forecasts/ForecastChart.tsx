import { useMemo } from 'react';
import type { ProductForecastView } from '../../../../shared/api/contract';
import { EChart } from '../../components/EChart';
import { forecastChartOption, type ChartLabels } from './chartOption';

export function ForecastChart({ view, labels, formatDate }: { view: ProductForecastView; labels: ChartLabels; formatDate: (iso: string) => string }) {
  const option = useMemo(() => forecastChartOption(view, labels, formatDate), [view, labels, formatDate]);
  return <EChart option={option} height={380} testId="forecast-chart" />;
}
