import { describe, expect, it } from 'vitest';
import { CsvError, forecastSeries, formatForecastCsv, parseHistoryCsv, type Series } from '../../src/main/services/forecasting';
import { toDaily } from '../../src/main/services/forecasting/clean';
import { dayNumber } from '../../src/main/services/forecasting/dates';
import { mulberry32 } from '../../bench/lib/synthetic';
import { isoDays, weeklySeries } from './helpers';

const run = (series: Series[], horizon = 7, asOf?: string) =>
  forecastSeries(series, { horizon, providers: ['cpu'], ...(asOf ? { asOf } : {}) });

function daily(s: Series, asOf?: string) {
  const w: string[] = [];
  const d = toDaily(s, asOf ? dayNumber(asOf) : undefined, w);
  return { d: d!, w };
}

describe('awkward histories', () => {
  it("one day of history: that day's level, flat alone, in the shop's weekday pattern among other products", async () => {
    const alone = await run([{ id: 'a', dates: ['2024-03-01'], qty: [4] }]);
    const f = alone.forecasts[0]!;
    expect(f.dates[0]).toBe('2024-03-02');
    expect(f.mean.every((x) => Math.abs(x - 4) < 1e-9)).toBe(true);
    expect(Number.isNaN(f.backtestWape)).toBe(true);
    // 120 days of two products with busy Saturdays; the new one sold 4 on the last day, a Monday
    const shop = [weeklySeries('p1', 120, 20, 1), weeklySeries('p2', 120, 30, 2)];
    const monday = shop[0]!.dates.at(-1)!;
    const res = await run([...shop, { id: 'new', dates: [monday], qty: [4] }]);
    const [p1, , fresh] = res.forecasts;
    expect(fresh!.dates[0]).toBe(p1!.dates[0]);
    // next Monday (the 7th day) it sells what it sold on Monday; the other days, as the shop does
    expect(fresh!.mean[6]).toBeCloseTo(4, 6);
    for (let h = 0; h < 7; h++) expect(fresh!.mean[h]! / fresh!.mean[6]!).toBeCloseTo(p1!.mean[h]! / p1!.mean[6]!, 1);
    expect(fresh!.mean[4]! / fresh!.mean[6]!).toBeGreaterThan(1.5); // Saturday
  });

  it('all zeros: forecasts of zero', async () => {
    const dates = isoDays('2024-01-01', 60);
    const res = await run([{ id: 'z', dates, qty: dates.map(() => 0) }]);
    const f = res.forecasts[0]!;
    expect([...f.p10, ...f.p50, ...f.p90].every((x) => x === 0)).toBe(true);
  });

  it('negative quantities (returns) count as zero demand, after netting same-day rows', () => {
    const { d, w } = daily({ id: 'r', dates: ['2024-01-01', '2024-01-02', '2024-01-02'], qty: [-2, 5, -1] });
    expect(Array.from(d.y)).toEqual([0, 4]);
    expect(w.join()).toMatch(/net returns/);
  });

  it('gaps are days without sales; duplicated dates are summed; unsorted rows are sorted', () => {
    const { d, w } = daily({ id: 'g', dates: ['2024-01-05', '2024-01-01', '2024-01-05'], qty: [2, 3, 1] });
    expect(d.start).toBe(dayNumber('2024-01-01'));
    expect(Array.from(d.y)).toEqual([3, 0, 0, 0, 3]);
    expect(w.join()).toMatch(/duplicated/);
  });

  it('future dates (after asOf) are ignored with a warning', async () => {
    const s = weeklySeries('f', 60, 5, 1);
    s.dates.push('2099-01-01');
    s.qty.push(1000);
    const res = await run([s], 7, '2030-01-01');
    expect(res.forecasts[0]!.dates[0]).toBe(isoDays(s.dates[0]!, 61)[60]);
    expect(res.warnings.join()).toMatch(/future/);
    expect(Math.max(...res.forecasts[0]!.p90)).toBeLessThan(50);
  });

  it('non-numbers and invalid dates in the API input: unknown days / dropped rows, no crash', async () => {
    const s: Series = { id: 'n', dates: ['2024-01-01', '2024-01-02', 'not a date', '2024-01-03'], qty: [1, NaN, 3, 2] };
    const { d, w } = daily(s);
    expect(d.y[1]).toBeNaN();
    expect(w.join()).toMatch(/invalid date/);
    const res = await run([s]);
    expect(res.forecasts[0]!.p50.every(Number.isFinite)).toBe(true);
  });

  it('a series with no usable rows gets no forecast but a warning', async () => {
    const res = await run([{ id: 'x', dates: ['bad'], qty: [1] }, weeklySeries('ok', 30, 3, 2)]);
    expect(res.forecasts.map((f) => f.id)).toEqual(['ok']);
    expect(res.warnings.join()).toMatch(/x: no usable rows/);
  });

  it('out-of-stock days (stock 0, no sale) are unknown demand, not zero', async () => {
    const base = weeklySeries('s', 140, 10, 5);
    const stock = base.qty.map(() => 50 as number | null);
    const qty = [...base.qty];
    for (let t = 100; t < 140; t++) {
      qty[t] = 0;
      stock[t] = 0;
    }
    const withStock = await run([{ ...base, qty, stock }], 7);
    const noStock = await run([{ ...base, qty }], 7);
    const mean = (a: number[]) => a.reduce((x, y) => x + y) / a.length;
    expect(mean(withStock.forecasts[0]!.mean)).toBeGreaterThan(7);
    expect(mean(noStock.forecasts[0]!.mean)).toBeLessThan(mean(withStock.forecasts[0]!.mean));
    const { d } = daily({ ...base, qty, stock });
    expect(d.y[120]).toBeNaN();
  });

  it('out of stock for longer than the smoothing window (a year): forecast from the last known days, not zero', async () => {
    const base = weeklySeries('long', 800 + 400, 10, 8);
    const stock = base.qty.map((_, t) => (t < 800 ? 50 : 0));
    const qty = base.qty.map((q, t) => (t < 800 ? q : 0));
    const res = await run([{ ...base, qty, stock }], 7);
    const mean = res.forecasts[0]!.mean.reduce((a, b) => a + b) / 7;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
    expect(res.warnings).toEqual([]);
  });

  it('a CSV with a header and no rows: nothing to forecast, no error', async () => {
    const series = parseHistoryCsv('item_id,date,qty\n');
    expect(series).toEqual([]);
    const res = await run(series);
    expect(res.forecasts).toEqual([]);
    expect(formatForecastCsv(res.forecasts)).toBe('item_id,date,p10,p50,p90,method\n');
  });

  it('out of stock on every day: forecast 0, with a warning that nothing is known', async () => {
    const dates = isoDays('2024-01-01', 30);
    const res = await run([{ id: 'never', dates, qty: dates.map(() => 0), stock: dates.map(() => 0) }, weeklySeries('ok', 30, 3, 2)]);
    const f = res.forecasts.find((x) => x.id === 'never')!;
    expect([...f.p10, ...f.p50, ...f.p90].every((x) => x === 0)).toBe(true);
    expect(res.warnings).toEqual(['never: no day with known demand (out of stock or closed every day), forecast 0']);
  });

  it('stock is carried over missing dates: a gap while out of stock is unknown', () => {
    const { d } = daily({ id: 'c', dates: ['2024-01-01', '2024-01-04'], qty: [2, 1], stock: [0, 3] });
    expect(d.y[0]).toBe(2);
    expect(d.y[1]).toBeNaN();
    expect(d.y[2]).toBeNaN();
    expect(d.y[3]).toBe(1);
  });

  it('rows already in order (the shop database) give the same grid as the same rows shuffled', () => {
    // gaps, stock known on some days only, stock-outs with and without a sale, a tail to extendTo
    const rnd = mulberry32(7);
    const dates: string[] = [];
    const qty: number[] = [];
    const stock: (number | null)[] = [];
    for (const day of isoDays('2024-01-01', 200)) {
      if (rnd() < 0.3) continue;
      dates.push(day);
      qty.push(rnd() < 0.3 ? 0 : Math.floor(rnd() * 5));
      stock.push(rnd() < 0.5 ? null : rnd() < 0.3 ? 0 : Math.floor(rnd() * 10));
    }
    stock[stock.length - 1] = 0; // out of stock at the end: the days up to extendTo are unknown
    const order = dates.map((_, i) => i).sort(() => rnd() - 0.5);
    const extendTo = dayNumber('2024-07-31');
    const sorted = toDaily({ id: 's', dates, qty, stock }, undefined, [], extendTo)!;
    const shuffled = toDaily({ id: 's', dates: order.map((i) => dates[i]!), qty: order.map((i) => qty[i]!), stock: order.map((i) => stock[i]!) }, undefined, [], extendTo)!;
    // the same rows as day numbers (Series.days) read the same way
    const byDays = toDaily({ id: 's', dates: [], days: Float64Array.from(dates, dayNumber), qty, stock }, undefined, [], extendTo)!;
    expect(sorted.start).toBe(shuffled.start);
    expect(Array.from(sorted.y)).toEqual(Array.from(shuffled.y));
    expect(Array.from(byDays.y)).toEqual(Array.from(shuffled.y));
    expect(sorted.y.length).toBe(extendTo - sorted.start + 1);
    const unknown = Array.from(sorted.y).filter(Number.isNaN).length;
    expect(unknown).toBeGreaterThan(5);
    expect(Number.isNaN(sorted.y.at(-1)!)).toBe(true);
  });
});

describe('CSV reading', () => {
  it('reads item_id,date,qty with an optional stock column in any order', () => {
    const s = parseHistoryCsv('date,qty,item_id,stock\n2024-01-02,1,"a, b",\n2024-01-01,2,"a, b",5\n');
    expect(s).toEqual([{ id: 'a, b', dates: ['2024-01-02', '2024-01-01'], qty: [1, 2], stock: [null, 5] }]);
  });

  it('reads quantities as a shop writes them: spaces around, a sign, decimals, an exponent', () => {
    const s = parseHistoryCsv('item_id,date,qty,stock\na,2024-01-01, 12 ,\t3\na,2024-01-02,-1,0\na,2024-01-03,2.5,\na,2024-01-04,.5,1.\na,2024-01-05,1e3,+4\n');
    expect(s).toEqual([{ id: 'a', dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], qty: [12, -1, 2.5, 0.5, 1000], stock: [3, 0, null, 1, 4] }]);
  });

  it('reads a quoted field holding line breaks (RFC 4180), CRLF line ends, and names the line a record starts on', () => {
    const text = 'item_id,date,qty\r\n"jam\r\nstrawberry, ""1 kg""",2024-01-01,1\r\n"jam\nstrawberry",2024-01-02,2\r\nmilk,2024-01-01,3\r\n"x\ny",2024-01-01,oops\r\n';
    try {
      parseHistoryCsv(text);
      expect.fail('expected a CsvError');
    } catch (e) {
      // the bad record starts on physical line 7 (two records before it take two lines each)
      expect((e as CsvError).line).toBe(7);
      expect((e as Error).message).toBe('line 7, column "qty": "oops" is not a number');
    }
    const s = parseHistoryCsv(text.slice(0, text.indexOf('"x')));
    expect(s).toEqual([
      { id: 'jam\r\nstrawberry, "1 kg"', dates: ['2024-01-01'], qty: [1] },
      { id: 'jam\nstrawberry', dates: ['2024-01-02'], qty: [2] },
      { id: 'milk', dates: ['2024-01-01'], qty: [3] },
    ]);
  });

  it('formatForecastCsv writes ids that parseHistoryCsv reads back unchanged (round trip through the real engine)', async () => {
    const ids = ['plain', 'a, b', 'say "hi"', 'two\nlines', 'crlf\r\nline', '"quoted"\n, all'];
    const res = await run(ids.map((id, i) => weeklySeries(id, 30, 2 + i, i)), 3);
    const csv = formatForecastCsv(res.forecasts);
    expect(csv.split('\n')).toHaveLength(1 + 6 * 3 + 3 * 3 + 1); // three ids hold a line break, on each of their 3 rows
    const back = parseHistoryCsv(csv.replace(/^item_id,date,p10,p50,p90,method/, 'item_id,date,p10,qty,p90,method'));
    expect(back.map((x) => x.id)).toEqual(ids);
    expect(back.map((x) => x.dates)).toEqual(res.forecasts.map((f) => f.dates));
    // the P50s as written (3 decimals)
    for (const [i, f] of res.forecasts.entries()) expect(back[i]!.qty).toEqual(f.p50.map((x) => Number(x.toFixed(3))));
  });

  it.each([
    ['item_id,date,qty\na,2024-01-01,1\na,2024-01-02,abc\n', 3, 'qty', /line 3, column "qty": "abc" is not a number/],
    ['item_id,date,qty\na,2024-13-01,1\n', 2, 'date', /line 2, column "date": "2024-13-01" is not a date/],
    ['item_id,date,qty\na,2024-01-01\n', 2, undefined, /line 2: expected 3 columns, found 2/],
    ['item_id,date,qty,stock\na,2024-01-01,1,lots\n', 2, 'stock', /line 2, column "stock"/],
    ['item,date,qty\n', 1, 'item_id', /missing column "item_id"/],
    ['item_id,date,qty\n,2024-01-01,1\n', 2, 'item_id', /empty item id/],
    // what Number() would take but a shop does not write: not a number
    ['item_id,date,qty\na,2024-01-01,0x10\n', 2, 'qty', /line 2, column "qty": "0x10" is not a number/],
    ['item_id,date,qty\na,2024-01-01,0b11\n', 2, 'qty', /"0b11" is not a number/],
    ['item_id,date,qty\na,2024-01-01,Infinity\n', 2, 'qty', /"Infinity" is not a number/],
    ['item_id,date,qty\na,2024-01-01, 1 2 \n', 2, 'qty', /"1 2" is not a number/],
    ['item_id,date,qty\na,2024-01-01,1_000\n', 2, 'qty', /"1_000" is not a number/],
    ['item_id,date,qty\na,2024-01-01,\n', 2, 'qty', /"" is not a number/],
    ['item_id,date,qty,stock\na,2024-01-01,1,0x10\n', 2, 'stock', /line 2, column "stock": "0x10" is not a number/],
    ['item_id,date,qty\na,2024-01-01,1\n"b\n,2024-01-02,1\n', 3, undefined, /line 3: a quoted field opened on this line is never closed/],
  ])('bad CSV %#: error names the line and column', (text, line, column, msg) => {
    try {
      parseHistoryCsv(text);
      expect.fail('expected a CsvError');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(line);
      expect((e as CsvError).column).toBe(column);
      expect((e as Error).message).toMatch(msg);
    }
  });
});
