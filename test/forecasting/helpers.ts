import { mulberry32 } from '../../bench/lib/synthetic';
import type { Series } from '../../src/main/services/forecasting';

export function isoDays(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

/** Poisson counts with a weekly pattern (weekends busier), deterministic by seed. */
export function weeklySeries(id: string, days: number, level: number, seed: number, start = '2024-01-01'): Series {
  const rnd = mulberry32(seed);
  const dates = isoDays(start, days);
  const week = [0.8, 0.8, 0.9, 1, 1.1, 1.5, 0.9];
  const qty = dates.map((d) => {
    const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
    const lam = level * week[dow]!;
    let k = 0;
    let p = 1;
    const L = Math.exp(-lam);
    do {
      k++;
      p *= rnd();
    } while (p > L);
    return k - 1;
  });
  return { id, dates, qty };
}
