import { useMemo } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';
import { salesChartOption, type SalesChartFormat, type SalesChartLabels } from './chartOption';
import { salesChartSummary } from './chartSummary';

export function SalesChart({ data, labels, format, height }: { data: DashboardSummary; labels: SalesChartLabels; format: SalesChartFormat; height: number }) {
  const { t } = useI18n();
  const option = useMemo(() => salesChartOption(data, labels, format), [data, labels, format]);
  const summary = useMemo(() => salesChartSummary(data, t, format), [data, t, format]);
  return <EChart option={option} height={height} testId="dashboard-chart" label={summary} />;
}
