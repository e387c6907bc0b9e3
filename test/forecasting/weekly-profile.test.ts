import { describe, expect, it } from 'vitest';
import { mulberry32, poisson } from '../../bench/lib/synthetic';
import type { Series } from '../../src/main/services/forecasting';
import { toDaily, type DailySeries } from '../../src/main/services/forecasting/clean';
import { weeklyProfiles } from '../../src/main/services/forecasting/profiles';
import { isoDays } from './helpers';

const WEEK = [0.8, 0.8, 0.9, 1, 1.1, 1.5, 0.9]; // Monday first

function profiles(series: Series[]): Float64Array[] {
  const items = series.map((s) => toDaily(s, undefined, [])).filter((d): d is DailySeries => d !== null);
  return weeklyProfiles(items, Int32Array.from(items, (it) => it.y.length));
}

describe('weekday profiles', () => {
  it("a product launched three days ago does not move the other products' weekday pattern", () => {
    const rnd = mulberry32(11);
    // 2024-01-01 is a Monday; a year of 8 slow sellers with the same weekly rhythm
    const dates = isoDays('2024-01-01', 364);
    const shop: Series[] = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`,
      dates,
      qty: dates.map((_, t) => poisson(1.5 * WEEK[t % 7]!, rnd)),
    }));
    // its launch weekend, Friday to Sunday, at ten times their volume
    const launch: Series = { id: 'new', dates: dates.slice(-3), qty: [15, 15, 15] };
    const before = profiles(shop);
    const after = profiles([...shop, launch]);
    for (let i = 0; i < shop.length; i++) {
      for (let d = 0; d < 7; d++) expect(after[i]![d]).toBeCloseTo(before[i]![d]!, 9);
    }
    // and the pattern they share is the one they sell with (Saturday busiest, Monday quietest)
    const p0 = before[0]!;
    expect(p0[5]).toBeGreaterThan(1.25);
    expect(p0[0]).toBeLessThan(0.9);
  });
});
