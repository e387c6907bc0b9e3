import type { DashboardSummary } from '../../../../shared/api/contract';
import { bandSeries } from '../../components/bandSeries';

export interface SalesChartLabels {
  actual: string;
  expected: string;
  band: string;
  today: string;
  /** Said of a day below 0 in the tooltip. */
  refunds: string;
}

export interface SalesChartFormat {
  /** Axis label of a day, e.g. "14 mai". */
  day: (iso: string) => string;
  /** Full amount for the tooltip. */
  money: (minor: number) => string;
  /** Short amount for the value axis, e.g. "150 k". */
  compact: (minor: number) => string;
  /** One unit of the currency in minor units (100 for EUR, 1 for XOF): the axis steps by whole units, no « 0,2 » on an empty shop's chart. */
  unitMinor?: number;
}

const COLORS = { actual: '#0ca678', today: '#63e6be', refunds: '#fa5252', expected: '#1c7ed6', band: '#a5d8ff' };

/**
 * Daily sales as bars up to today (today, still going, paler; a day that refunded more than it sold
 * red, below the zero line), then the expected sales as a dashed line over its P10–P90 band: an
 * invisible P10 base with the P90−P10 width stacked and filled on it. No band while the range is not
 * measured (see DashboardSummary.expectedRangeMeasured). The value axis takes in 0 and whatever is below.
 */
export function salesChartOption(
  data: Pick<DashboardSummary, 'daily' | 'expected' | 'today' | 'expectedRangeMeasured'>,
  labels: SalesChartLabels,
  format: SalesChartFormat,
) {
  const dates = [...data.daily.map((d) => d.date), ...data.expected.map((e) => e.date)];
  const past = data.daily.length;
  const future = <T,>(pick: (e: DashboardSummary['expected'][number]) => T) => [...data.daily.map(() => null), ...data.expected.map(pick)];
  const bars = [
    ...data.daily.map((d) =>
      d.amountMinor < 0 ? { value: d.amountMinor, itemStyle: { color: COLORS.refunds } } : d.date === data.today ? { value: d.amountMinor, itemStyle: { color: COLORS.today } } : d.amountMinor,
    ),
    ...data.expected.map(() => null),
  ];
  const hasForecast = data.expected.length > 0;
  const hasBand = hasForecast && data.expectedRangeMeasured;

  return {
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: hasForecast ? 40 : 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    legend: hasForecast ? { bottom: 0, data: [labels.actual, labels.expected, ...(hasBand ? [labels.band] : [])] } : { show: false },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const date = dates[i]!;
        if (i < past) {
          const today = date === data.today ? ` (${labels.today})` : '';
          const amount = data.daily[i]!.amountMinor;
          return `${format.day(date)}${today}<br/>${labels.actual} : ${format.money(amount)}${amount < 0 ? ` (${labels.refunds})` : ''}`;
        }
        const e = data.expected[i - past]!;
        const range = hasBand ? `<br/>${labels.band} : ${format.money(e.p10Minor)} – ${format.money(e.p90Minor)}` : '';
        return `${format.day(date)}<br/>${labels.expected} : ${format.money(e.p50Minor)}${range}`;
      },
    },
    xAxis: { type: 'category' as const, data: dates, axisLabel: { formatter: format.day, hideOverlap: true }, axisTick: { alignWithLabel: true } },
    // no min: the axis starts at 0, or below it when a day refunded more than it sold
    yAxis: { type: 'value' as const, minInterval: format.unitMinor ?? 1, axisLabel: { formatter: (v: number) => format.compact(v) } },
    series: [
      { name: labels.actual, type: 'bar' as const, data: bars, barMaxWidth: 18, itemStyle: { color: COLORS.actual } },
      ...(hasBand ? bandSeries(labels.band, future((e) => e.p10Minor), future((e) => e.p90Minor - e.p10Minor), COLORS.band, 0.5) : []),
      {
        name: labels.expected,
        type: 'line' as const,
        data: future((e) => e.p50Minor),
        symbol: 'none',
        lineStyle: { color: COLORS.expected, width: 2, type: 'dashed' as const },
        itemStyle: { color: COLORS.expected },
      },
    ],
  };
}
