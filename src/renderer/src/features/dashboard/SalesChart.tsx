import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { salesChartOption, type SalesChartFormat, type SalesChartLabels } from './chartOption';

// SVG renderer: no eval, no inline script, fine under the app's CSP
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function SalesChart(props: { data: DashboardSummary; labels: SalesChartLabels; format: SalesChartFormat; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const { data, labels, format } = props;
  useEffect(() => {
    chart.current?.setOption(salesChartOption(data, labels, format), { notMerge: true });
  }, [data, labels, format]);

  return <div ref={box} data-testid="dashboard-chart" style={{ width: '100%', height: props.height }} />;
}
