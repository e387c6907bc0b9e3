import type { ProductForecastView } from '../../../../shared/api/contract';
import { bandSeries } from '../../components/bandSeries';

export interface ChartLabels {
  actual: string;
  p50: string;
  band: string;
  p10: string;
  p90: string;
}

const COLORS = { actual: '#343a40', p50: '#0ca678', band: '#63e6be' };
const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Sales history and forecast fan on one date axis. The P10–P90 band is two stacked lines: an
 * invisible P10 base and the P90−P10 width filled on top of it.
 */
export function forecastChartOption(view: ProductForecastView, labels: ChartLabels, formatDate: (iso: string) => string) {
  const dates = [...view.history.map((h) => h.date)];
  for (const f of view.forecast) if (!dates.includes(f.date)) dates.push(f.date);
  dates.sort();
  const actual = new Map(view.history.map((h) => [h.date, h.qty]));
  const fc = new Map(view.forecast.map((f) => [f.date, f]));
  const col = <T,>(pick: (date: string) => T | undefined) => dates.map((d) => pick(d) ?? null);
  const p10 = col((d) => fc.get(d)?.p10);
  const p50 = col((d) => fc.get(d)?.p50);
  const p90 = col((d) => fc.get(d)?.p90);
  const width = col((d) => {
    const f = fc.get(d);
    return f ? f.p90 - f.p10 : undefined;
  });
  const actualData = col((d) => actual.get(d));

  return {
    animation: false,
    grid: { left: 48, right: 24, top: 24, bottom: 72 },
    legend: { bottom: 0, data: [labels.actual, labels.p50, labels.band] },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const lines = [formatDate(dates[i]!)];
        if (actualData[i] !== null) lines.push(`${labels.actual} : ${round(actualData[i]!)}`);
        if (p50[i] !== null) lines.push(`${labels.p50} : ${round(p50[i]!)}`, `${labels.p10}–${labels.p90} : ${round(p10[i]!)} – ${round(p90[i]!)}`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category' as const, data: dates, boundaryGap: false, axisLabel: { formatter: formatDate } },
    yAxis: { type: 'value' as const, min: 0 },
    series: [
      ...bandSeries(labels.band, p10, width, COLORS.band, 0.45),
      { name: labels.p50, type: 'line' as const, data: p50, symbol: 'none', lineStyle: { color: COLORS.p50, width: 2 }, itemStyle: { color: COLORS.p50 } },
      {
        name: labels.actual,
        type: 'line' as const,
        data: actualData,
        symbol: 'none',
        lineStyle: { color: COLORS.actual, width: 1.5 },
        itemStyle: { color: COLORS.actual },
      },
    ],
  };
}
