import { describe, expect, it } from 'vitest';
import { explainReplenishment, normalQuantile, replenish, type ReplenishmentInput } from '../../src/shared/domain/replenishment';

const flat = (p10: number, p50: number, p90: number, days = 28) => Array.from({ length: days }, () => ({ p10, p50, p90 }));
const base: ReplenishmentInput = {
  forecast: flat(1, 3, 5),
  onHand: 4,
  onOrder: 0,
  leadTimeDays: 6,
  reviewDays: 1,
  serviceLevel: 0.95,
  packSize: 6,
  minOrderQty: 0,
};

// Hand-worked: a day with P10 1, P50 3, P90 5 has mean 3 and sigma 4 / (2 x 1.2816) = 1.5606.
// Lead time 6 days: mean 18, sigma 1.5606 x sqrt 6 = 3.8227; z(95 %) = 1.6449 -> reorder point 24.288.
// Lead + review 7 days: mean 21, sigma 4.1291 -> safety stock 6.792, order-up-to 27.792.
describe('replenishment arithmetic, against hand-worked cases', () => {
  it('z for common service levels', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(() => normalQuantile(1)).toThrow();
  });

  it('reorder point, order-up-to and a quantity rounded up to whole packs', () => {
    const r = replenish(base);
    expect(r.leadDemand.mean).toBeCloseTo(18, 9);
    expect(r.leadDemand.sigma).toBeCloseTo(3.8227, 3);
    expect(r.reorderPoint).toBeCloseTo(24.288, 2);
    expect(r.safetyStock).toBeCloseTo(6.792, 2);
    expect(r.orderUpTo).toBeCloseTo(27.792, 2);
    // 27.792 - 4 = 23.792 -> 3.97 packs of 6 -> 4 packs = 24
    expect(r.quantity).toBe(24);
    expect(r.packs).toBe(4);
    expect(r.belowReorderPoint).toBe(true);
    expect(r.daysOfCover).toBeCloseTo(4 / 3, 6);
    expect(r.stockoutDay).toBe(1); // 4 on hand, 3 a day: gone during tomorrow
  });

  it('the minimum order quantity lifts a small order to whole packs of the minimum', () => {
    const r = replenish({ ...base, onHand: 20, minOrderQty: 20 });
    // 27.792 - 20 = 7.792 -> 2 packs = 12 < MOQ 20 -> ceil(20 / 6) = 4 packs = 24
    expect(r.quantity).toBe(24);
    expect(r.packs).toBe(4);
  });

  it('counts what is already on order', () => {
    const r = replenish({ ...base, onOrder: 24 });
    expect(r.quantity).toBe(0);
    expect(r.belowReorderPoint).toBe(false);
  });

  it('zero demand: nothing to order, no stockout, cover unknown', () => {
    const r = replenish({ ...base, forecast: flat(0, 0, 0) });
    expect(r).toMatchObject({ quantity: 0, packs: 0, stockoutDay: null, daysOfCover: null, reorderPoint: 0 });
    expect(replenish({ ...base, forecast: flat(0, 0, 0), onHand: 0 }).stockoutDay).toBe(0);
  });

  it('caps an expiry-tracked product at what sells before the lot expires, rounding down', () => {
    const r = replenish({ ...base, shelfLifeDays: 3 });
    // sells 3 x 3 = 9 between delivery and expiry; nothing left at arrival (4 < 18) -> cap 9 -> 1 pack of 6
    expect(r.cappedByExpiry).toBeCloseTo(23.792 - 9, 2);
    expect(r.quantity).toBe(6);
    expect(r.packs).toBe(1);
  });

  it('keeps fractional units exact (kilograms in half-kilo packs)', () => {
    const r = replenish({ ...base, forecast: flat(0.25, 0.75, 1.25), onHand: 1.2, packSize: 0.5 });
    // mean 0.75/day; 7 days 5.25 + 1.645 x 0.39015 x sqrt 7 = 6.948; minus 1.2 = 5.748 -> 12 x 0.5 = 6
    expect(r.orderUpTo).toBeCloseTo(6.948, 2);
    expect(r.quantity).toBe(6);
    expect(r.packs).toBe(12);
  });

  it('explains itself in plain words and numbers, in French and English', () => {
    const r = replenish(base);
    expect(explainReplenishment(r, base, 'en')).toBe('You sell 7 to 35 a week; delivery takes 6 days; you have 4 and 0 on order; order 24 = 4 packs of 6.');
    expect(explainReplenishment(r, base, 'fr')).toBe('Vous vendez 7 à 35 par semaine ; la livraison prend 6 jours ; vous en avez 4 et 0 en commande ; commandez 24 = 4 colis de 6.');
  });

  it('says one pack, one day in the singular and the rest in the plural, in both languages', () => {
    const one = { ...base, leadTimeDays: 1, reviewDays: 1, forecast: flat(0, 1, 2), onHand: 0, packSize: 6 };
    const r = replenish(one);
    expect(r.packs).toBe(1);
    expect(explainReplenishment(r, one, 'en')).toContain('delivery takes 1 day;');
    expect(explainReplenishment(r, one, 'en')).toContain('order 6 = 1 pack of 6.');
    expect(explainReplenishment(r, one, 'fr')).toContain('la livraison prend 1 jour ;');
    expect(explainReplenishment(r, one, 'fr')).toContain('commandez 6 = 1 colis de 6.');
  });

  it('refuses a pack size of zero', () => {
    expect(() => replenish({ ...base, packSize: 0 })).toThrow(/packSize/);
  });
});
