/**
 * Ordering-policy benchmark. `npm run bench:policy -- --data ../shared/data/<set>` replays the last
 * 90 days of a real history day by day: each morning the stock ordered 7 days earlier arrives, the
 * day's real demand is served from the shelf (what cannot be served is lost), and an order is placed
 * (review daily, lead time 7 days). Two policies from the same starting stock:
 *  - shelfcast: order-up-to from the engine's P10/P50/P90 (src/shared/domain/replenishment.ts,
 *    95 % service level), refitted every --refit days (default 7) on the history up to that day only;
 *  - minmax: when stock on hand + on order falls to 7 days of average sales (last 28 days), order up
 *    to 21 days of it.
 * Prints the fill rate (units served / units demanded) and the average stock held in days of demand
 * (total units on the shelf at the end of each day / total units demanded). Last line: one JSON object.
 * Without --data, runs every set under ../shared/data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { forecastSeries } from '../src/main/services/forecasting';
import { parseHistoryCsv } from '../src/main/services/forecasting/csv';
import type { Series } from '../src/main/services/forecasting/types';
import { replenish, type DayForecast } from '../src/shared/domain/replenishment';

const WINDOW = 90;
const LEAD = 7;
const REVIEW = 1;
const SERVICE = 0.95;
const HORIZON = 28;
const AVG_DAYS = 28;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dayNo = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

interface Item {
  id: string;
  first: number;
  /** qty by day number */
  qty: Map<number, number>;
}

interface Outcome {
  fill_rate: number;
  avg_stock_days: number;
}

interface Sim {
  stock: number;
  pipeline: Map<number, number>;
  served: number;
  demanded: number;
  stockSum: number;
}

function load(file: string): { items: Item[]; last: number; series: Series[] } {
  const series = parseHistoryCsv(readFileSync(file, 'utf8'));
  let last = -Infinity;
  const items = series.map((s) => {
    const qty = new Map<number, number>();
    let first = Infinity;
    s.dates.forEach((d, i) => {
      const n = dayNo(d);
      qty.set(n, (qty.get(n) ?? 0) + Math.max(0, s.qty[i] ?? 0));
      first = Math.min(first, n);
      last = Math.max(last, n);
    });
    return { id: s.id, first, qty };
  });
  return { items, last, series };
}

const avgBefore = (it: Item, day: number) => {
  const from = Math.max(it.first, day - AVG_DAYS);
  let sum = 0;
  for (let d = from; d < day; d++) sum += it.qty.get(d) ?? 0;
  return day > from ? sum / (day - from) : 0;
};

async function runSet(dir: string, refitEvery: number): Promise<{ shelfcast: Outcome; minmax: Outcome; items: number; refits: number; seconds: number }> {
  const t0 = performance.now();
  const { items: all, last, series } = load(path.join(dir, 'dev.csv'));
  const start = last - WINDOW + 1;
  // items with at least a week of history before the window
  const items = all.filter((it) => it.first <= start - 7);
  const byId = new Map(series.map((s) => [s.id, s]));
  const sims = (init: (it: Item) => number): Sim[] => items.map((it) => ({ stock: init(it), pipeline: new Map(), served: 0, demanded: 0, stockSum: 0 }));
  const initial = (it: Item) => Math.round(14 * avgBefore(it, start));
  const shelf = sims(initial);
  const minmax = sims(initial);

  let fitted: { day: number; byItem: Map<string, DayForecast[]> } | null = null;
  let refits = 0;
  for (let day = start; day <= last; day++) {
    if (!fitted || day - fitted.day >= refitEvery) {
      // the history up to yesterday only
      const asOf = isoOf(day - 1);
      const input: Series[] = items.map((it) => {
        const s = byId.get(it.id)!;
        const keep = s.dates.map((d) => d <= asOf);
        return { id: s.id, dates: s.dates.filter((_, i) => keep[i]), qty: s.qty.filter((_, i) => keep[i]) };
      });
      const res = await forecastSeries(input, { horizon: HORIZON, asOf, extendTo: asOf });
      const byItem = new Map<string, DayForecast[]>();
      for (const f of res.forecasts) byItem.set(f.id, f.p50.map((p50, i) => ({ p10: f.p10[i]!, p50, p90: f.p90[i]!, mean: f.mean[i] })));
      fitted = { day, byItem };
      refits++;
    }
    items.forEach((it, k) => {
      const demand = it.qty.get(day) ?? 0;
      const avg = avgBefore(it, day);
      const forecast = fitted!.byItem.get(it.id)?.slice(day - fitted!.day) ?? [];
      for (const [sim, policy] of [
        [shelf[k]!, 'shelfcast'],
        [minmax[k]!, 'minmax'],
      ] as const) {
        // morning: deliveries due today, then the order of the day (review daily)
        sim.stock += sim.pipeline.get(day) ?? 0;
        sim.pipeline.delete(day);
        let onOrder = 0;
        for (const q of sim.pipeline.values()) onOrder += q;
        let order = 0;
        if (policy === 'shelfcast') {
          const fc = forecast.length ? forecast : [{ p10: avg, p50: avg, p90: avg }];
          order = replenish({ forecast: fc, onHand: sim.stock, onOrder, leadTimeDays: LEAD, reviewDays: REVIEW, serviceLevel: SERVICE, packSize: 1, minOrderQty: 0 }).quantity;
        } else if (sim.stock + onOrder <= 7 * avg) {
          order = Math.max(0, Math.ceil(21 * avg - sim.stock - onOrder));
        }
        if (order > 0) sim.pipeline.set(day + LEAD, (sim.pipeline.get(day + LEAD) ?? 0) + order);
        // the day's real demand; what the shelf cannot serve is lost
        const served = Math.min(sim.stock, demand);
        sim.stock -= served;
        sim.served += served;
        sim.demanded += demand;
        sim.stockSum += sim.stock;
      }
    });
  }
  const outcome = (s: Sim[]): Outcome => {
    const demanded = s.reduce((a, x) => a + x.demanded, 0);
    return {
      fill_rate: Math.round((s.reduce((a, x) => a + x.served, 0) / demanded) * 10_000) / 10_000,
      avg_stock_days: Math.round((s.reduce((a, x) => a + x.stockSum, 0) / demanded) * 100) / 100,
    };
  };
  return { shelfcast: outcome(shelf), minmax: outcome(minmax), items: items.length, refits, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const refit = Number(arg('refit') ?? 7);
  const data = arg('data');
  const root = path.join(__dirname, '..', '..', 'shared', 'data');
  const dirs = data ? [path.resolve(data)] : readdirSync(root).map((d) => path.join(root, d)).filter((d) => existsSync(path.join(d, 'dev.csv'))).sort();
  const out: Record<string, { shelfcast: Outcome; minmax: Outcome }> = {};
  for (const dir of dirs) {
    const name = path.basename(dir);
    const r = await runSet(dir, refit);
    const floor = r.shelfcast.fill_rate >= r.minmax.fill_rate && r.shelfcast.avg_stock_days < r.minmax.avg_stock_days;
    console.log(
      `${name}: ${r.items} items, ${WINDOW} days, ${r.refits} refits, ${r.seconds.toFixed(1)} s | shelfcast fill ${(r.shelfcast.fill_rate * 100).toFixed(2)} % stock ${r.shelfcast.avg_stock_days} d | min/max fill ${(r.minmax.fill_rate * 100).toFixed(2)} % stock ${r.minmax.avg_stock_days} d | floor ${floor ? 'met' : 'NOT met'}`,
    );
    out[name] = { shelfcast: r.shelfcast, minmax: r.minmax };
  }
  console.log(JSON.stringify(out));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
