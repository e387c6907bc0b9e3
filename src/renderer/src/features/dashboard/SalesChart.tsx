import { useMemo } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { EChart } from '../../components/EChart';
import { salesChartOption, type SalesChartFormat, type SalesChartLabels } from './chartOption';

export function SalesChart({ data, labels, format, height }: { data: DashboardSummary; labels: SalesChartLabels; format: SalesChartFormat; height: number }) {
  const option = useMemo(() => salesChartOption(data, labels, format), [data, labels, format]);
  return <EChart option={option} height={height} testId="dashboard-chart" />;
}
