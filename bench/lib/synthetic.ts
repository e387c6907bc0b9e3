import type { Series } from '../../src/main/services/forecasting/types';
import { seeded as mulberry32 } from '../../src/main/services/onboarding/demo/random';

/** The demo shop's seeded PRNG, so scale runs and tests are repeatable. */
export { mulberry32 };

export function poisson(lambda: number, rnd: () => number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rnd)));
  const L = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > L);
  return k - 1;
}

function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * `products` series of `days` daily counts ending `end`, with weekly and yearly seasonality, a
 * mild trend and a spread of volumes from slow movers (0.1/day) to fast (200/day). All products
 * share one dates array, as a shop export would after grouping.
 */
export function syntheticShop(products: number, days: number, seed = 1, end = '2025-12-31'): Series[] {
  const rnd = mulberry32(seed);
  const endMs = Date.parse(`${end}T00:00:00Z`);
  const dates: string[] = [];
  for (let t = 0; t < days; t++) dates.push(new Date(endMs - (days - 1 - t) * 86_400_000).toISOString().slice(0, 10));
  const week = [0.9, 0.85, 0.9, 0.95, 1.1, 1.35, 0.95];
  const dows = dates.map((d) => (Date.parse(`${d}T00:00:00Z`) / 86_400_000 + 3) % 7);
  const out: Series[] = [];
  for (let p = 0; p < products; p++) {
    const base = Math.exp(Math.log(0.1) + rnd() * Math.log(2000));
    const amp = 0.3 * rnd();
    const phase = rnd() * 2 * Math.PI;
    const trend = (rnd() - 0.5) * 0.5;
    const qty = new Array<number>(days);
    for (let t = 0; t < days; t++) {
      const dow = dows[t]!;
      const yr = 1 + amp * Math.sin((2 * Math.PI * t) / 365.25 + phase);
      const lam = base * week[dow]! * yr * (1 + (trend * t) / days);
      qty[t] = poisson(Math.max(0, lam), rnd);
    }
    out.push({ id: `p${p}`, dates, qty });
  }
  return out;
}
