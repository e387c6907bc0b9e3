import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ProductForecastView } from '../../../../shared/api/contract';
import { forecastChartOption, type ChartLabels } from './chartOption';

// SVG renderer: no eval, no inline script, fine under the app's CSP
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function ForecastChart(props: { view: ProductForecastView; labels: ChartLabels; formatDate: (iso: string) => string }) {
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

  const { view, labels, formatDate } = props;
  useEffect(() => {
    chart.current?.setOption(forecastChartOption(view, labels, formatDate), { notMerge: true });
  }, [view, labels, formatDate]);

  return <div ref={box} data-testid="forecast-chart" style={{ width: '100%', height: 380 }} />;
}
