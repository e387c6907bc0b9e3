/**
 * A shaded P10–P90 band in ECharts: an invisible base line at P10 with the band's width stacked on
 * it and filled. Both series are silent; `name` is the band's legend entry.
 */
export function bandSeries(name: string, low: (number | null)[], width: (number | null)[], color: string, opacity: number) {
  const hidden = { type: 'line' as const, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, silent: true };
  return [
    { ...hidden, name: 'p10-base', data: low, tooltip: { show: false } },
    { ...hidden, name, data: width, areaStyle: { color, opacity }, itemStyle: { color } },
  ];
}
