import { describe, expect, it } from 'vitest';
import { abcClasses, averageForecast, explainFully, replenish, type ReplenishmentInput } from '../../src/shared/domain/replenishment';

const flat = (p10: number, p50: number, p90: number, days = 28) => Array.from({ length: days }, () => ({ p10, p50, p90 }));
const base: ReplenishmentInput = { forecast: flat(1, 3, 5), onHand: 4, onOrder: 0, leadTimeDays: 6, reviewDays: 1, serviceLevel: 0.95, packSize: 6, minOrderQty: 0 };

describe('replenishment arithmetic, more hand-worked cases', () => {
  it('on order fills the gap: 4 on hand + 18 on order leaves 27.792 − 22 = 5.792 -> one pack of 6', () => {
    const r = replenish({ ...base, onOrder: 18 });
    expect(r.quantity).toBe(6);
    expect(r.packs).toBe(1);
    // position 22 is below the reorder point 24.288
    expect(r.belowReorderPoint).toBe(true);
    // enough on order: nothing more
    expect(replenish({ ...base, onOrder: 24 }).quantity).toBe(0);
  });

  it('MOQ above one pack: 5.792 needed, minimum 20 in packs of 6 -> 24 (4 packs)', () => {
    const r = replenish({ ...base, onOrder: 18, minOrderQty: 20 });
    expect(r.quantity).toBe(24);
    expect(r.packs).toBe(4);
  });

  it('zero demand with stock on order: nothing to order, no stockout, MOQ does not force an order', () => {
    const r = replenish({ ...base, forecast: flat(0, 0, 0), onHand: 0, onOrder: 5, minOrderQty: 12 });
    expect(r.quantity).toBe(0);
    expect(r.reorderPoint).toBe(0);
  });

  it('fractional units: 0.25 kg a day, packs of 0.5 kg, MOQ 1.5 kg', () => {
    // flat band p10 = p50 = p90 = 0.25: no spread, 7 days cover = 1.75 kg, 0.3 on hand -> 1.45 -> 3 packs = 1.5 kg
    const r = replenish({ ...base, forecast: flat(0.25, 0.25, 0.25), onHand: 0.3, packSize: 0.5, minOrderQty: 1.5 });
    expect(r.orderUpTo).toBeCloseTo(1.75, 9);
    expect(r.quantity).toBe(1.5);
    expect(r.packs).toBe(3);
    // days of cover 0.3 / 0.25 = 1.2; runs out on day 1 (0.3 − 0.25 − 0.25 < 0)
    expect(r.daysOfCover).toBeCloseTo(1.2, 9);
    expect(r.stockoutDay).toBe(1);
  });

  it('expiry cap: a 10-day shelf life at 3 a day caps the order at 30 − stock left at arrival, rounded down to packs', () => {
    // raw need 27.792 − 4 = 23.792; sellable over days 6..15 = 30; left at arrival max(0, 4 − 18) = 0 -> cap 30: no cap
    expect(replenish({ ...base, shelfLifeDays: 10 }).cappedByExpiry).toBe(0);
    // 3-day shelf life: cap 9 -> 9 / 6 = 1.5 -> one pack
    const r = replenish({ ...base, shelfLifeDays: 3 });
    expect(r.cappedByExpiry).toBeCloseTo(23.792 - 9, 3);
    expect(r.quantity).toBe(6);
  });

  it('average fallback: the band keeps the mean exactly (2 a day, 7-day cover = 14)', () => {
    const fc = averageForecast(2, 28);
    const r = replenish({ ...base, forecast: fc, onHand: 0, packSize: 1 });
    expect(r.coverDemand.mean).toBeCloseTo(14, 9);
    // σ per day = √2, over 7 days √14 = 3.742; z 1.645 -> safety stock 6.155 -> order-up-to 20.155 -> 21
    expect(r.safetyStock).toBeCloseTo(1.644854 * Math.sqrt(14), 3);
    expect(r.quantity).toBe(21);
    expect(averageForecast(0, 3)).toEqual([
      { p10: 0, p50: 0, p90: 0 },
      { p10: 0, p50: 0, p90: 0 },
      { p10: 0, p50: 0, p90: 0 },
    ]);
  });

  it('ABC by revenue share: A to 80 %, B to 95 %, C the rest and non-sellers', () => {
    const classes = abcClasses(
      new Map([
        [1, 700],
        [2, 150],
        [3, 100],
        [4, 50],
        [5, 0],
      ]),
    );
    // cumulative before each: 0 (A), 700 = 70 % (A), 850 = 85 % (B), 950 = 95 % (C)
    expect([...classes.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c)).toEqual(['A', 'A', 'B', 'C', 'C']);
  });

  it('explains the fallback, the weekly band of the total, the cover and the stockout date', () => {
    const input = { ...base, forecast: averageForecast(2, 28), onHand: 4 };
    const r = replenish(input);
    const fr = explainFully(r, input, 'fr', '', { source: 'average', dailyMean: 2, stockoutDate: '2026-03-12', serviceLevel: 0.95 });
    expect(fr).toMatch(/^Pas encore de prévision pour ce produit : calcul sur la moyenne des ventes récentes \(2 par jour\)\./);
    // week: mean 14, σ √14 = 3.742 -> 14 ± 1.2816 × 3.742 = 9.2 to 18.8
    expect(fr).toContain('Vous vendez 9,2 à 18,8 par semaine');
    expect(fr).toContain('Stock pour environ 2 jours.');
    expect(fr).toContain('Rupture prévue le 12/03/2026.');
    expect(fr).toContain('objectif 95 % sans rupture');
    const en = explainFully(r, input, 'en', 'kg', { source: 'average', dailyMean: 2 });
    expect(en).toContain('No forecast for this product yet');
    expect(en).toContain('You sell 9.2 to 18.8 kg a week');
    expect(explainFully(r, input, 'en', '', { stockoutDate: '2026-11-30' })).toContain('Expected to run out on 30/11/2026.');
  });
});
