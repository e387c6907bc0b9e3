import type { ProductForecastView } from '../../../../shared/api/contract';
import { bandSeries } from '../../components/bandSeries';

export interface ChartLabels {
  actual: string;
  p50: string;
  mean: string;
  band: string;
  p10: string;
  p90: string;
  stockout: string;
  /** "Ventes réelles : 3" / "Actual sales: 3": the language's spacing before the colon. */
  line: (label: string, value: string) => string;
}

export interface ChartFormat {
  date: (iso: string) => string;
  number: (x: number) => string;
}

const COLORS = { actual: '#343a40', p50: '#0ca678', mean: '#087f5b', band: '#63e6be', stockout: '#868e96' };

/** Runs of consecutive stock-out days as [first, last] dates, for the grey areas. */
function stockoutRanges(history: ProductForecastView['history']): [string, string][] {
  const out: [string, string][] = [];
  history.forEach((h, i) => {
    if (!h.stockout) return;
    if (history[i - 1]?.stockout) out.at(-1)![1] = h.date;
    else out.push([h.date, h.date]);
  });
  return out;
}

/**
 * Sales history and forecast fan on one date axis. The P10–P90 band is two stacked lines: an
 * invisible P10 base and the P90−P10 width filled on top of it. Stock-out days are grey areas (their
 * zero is not demand); for a product that sells on few days the mean is dotted next to the median,
 * which sits at 0.
 */
export function forecastChartOption(view: ProductForecastView, labels: ChartLabels, format: ChartFormat) {
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
  const mean = col((d) => fc.get(d)?.mean ?? undefined);
  const stockout = new Set(view.history.filter((h) => h.stockout).map((h) => h.date));
  const ranges = stockoutRanges(view.history);
  const showMean = view.intermittent && mean.some((m) => m !== null);
  const { line } = labels;

  return {
    animation: false,
    grid: { left: 48, right: 24, top: 24, bottom: 72 },
    legend: {
      bottom: 0,
      data: [labels.actual, labels.p50, ...(showMean ? [labels.mean] : []), labels.band, ...(ranges.length ? [labels.stockout] : [])],
    },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const n = format.number;
        const lines = [format.date(dates[i]!)];
        if (actualData[i] !== null) lines.push(line(labels.actual, n(actualData[i]!)));
        if (stockout.has(dates[i]!)) lines.push(labels.stockout);
        if (p50[i] !== null) lines.push(line(labels.p50, n(p50[i]!)));
        if (showMean && mean[i] !== null) lines.push(line(labels.mean, n(mean[i]!)));
        if (p10[i] !== null) lines.push(line(`${labels.p10}–${labels.p90}`, `${n(p10[i]!)} – ${n(p90[i]!)}`));
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category' as const, data: dates, boundaryGap: false, axisLabel: { formatter: format.date } },
    yAxis: { type: 'value' as const, min: 0, axisLabel: { formatter: format.number } },
    series: [
      ...bandSeries(labels.band, p10, width, COLORS.band, 0.45),
      // a series of empty points carries the grey areas and their legend entry
      {
        name: labels.stockout,
        type: 'line' as const,
        data: dates.map(() => null),
        symbol: 'none',
        itemStyle: { color: COLORS.stockout },
        markArea: { silent: true, itemStyle: { color: COLORS.stockout, opacity: 0.18 }, data: ranges.map(([a, b]) => [{ xAxis: a }, { xAxis: b }]) },
      },
      { name: labels.p50, type: 'line' as const, data: p50, symbol: 'none', lineStyle: { color: COLORS.p50, width: 2 }, itemStyle: { color: COLORS.p50 } },
      ...(showMean
        ? [
            {
              name: labels.mean,
              type: 'line' as const,
              data: mean,
              symbol: 'none',
              lineStyle: { color: COLORS.mean, width: 2, type: 'dotted' as const },
              itemStyle: { color: COLORS.mean },
            },
          ]
        : []),
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
