import { describe, expect, it } from 'vitest';
import { splitAt, trainingPart } from '../../bench/forecast-origins';
import { HOLDOUT, MIN_TRAIN_DAYS } from '../../bench/lib/data';
import { isoDays } from './helpers';

describe('pseudo hold-outs (bench/forecast-origins.ts)', () => {
  const long = { id: 'a', dates: isoDays('2024-01-01', 220), qty: Array.from({ length: 220 }, (_, t) => t) };
  const young = { id: 'b', dates: isoDays('2024-05-20', 80), qty: Array.from({ length: 80 }, (_, t) => 1000 + t) };
  const train = trainingPart([long, young]);

  it("never shows the benchmark's hold-out: each item's last 28 days are cut off first", () => {
    expect(train.map((s) => s.qty.length)).toEqual([220 - HOLDOUT, 80 - HOLDOUT]);
    expect(train[0]!.qty.at(-1)).toBe(220 - HOLDOUT - 1);
  });

  it('gives the history before the origin and scores the next 28 days of items with enough history', () => {
    const { hist, actual } = splitAt(train, '2024-05-31'); // day 151 of `a`, day 11 of `b`
    expect(hist.map((s) => [s.id, s.qty.length])).toEqual([
      ['a', 151],
      ['b', 11],
    ]);
    expect(hist[0]!.dates.at(-1)).toBe('2024-05-30');
    expect(actual.get('a')).toEqual(Array.from({ length: HOLDOUT }, (_, h) => 151 + h));
    expect(hist[1]!.qty.length).toBeLessThan(MIN_TRAIN_DAYS);
    expect(actual.has('b')).toBe(false); // too short to score, as in the benchmark
  });

  it("refuses an origin whose 28 days would run into the benchmark's hold-out", () => {
    expect(() => splitAt(train, '2024-06-20')).toThrow(/benchmark hold-out/);
  });
});
