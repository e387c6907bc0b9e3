import { useMemo } from 'react';
import type { ProductForecastView } from '../../../../shared/api/contract';
import { EChart } from '../../components/EChart';
import { forecastChartOption, type ChartFormat, type ChartLabels } from './chartOption';

export function ForecastChart({ view, labels, format }: { view: ProductForecastView; labels: ChartLabels; format: ChartFormat }) {
  const option = useMemo(() => forecastChartOption(view, labels, format), [view, labels, format]);
  return <EChart option={option} height={380} testId="forecast-chart" />;
}
