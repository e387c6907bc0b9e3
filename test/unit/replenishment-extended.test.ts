import { describe, expect, it } from 'vitest';
import { abcClasses, averageForecast, explainFully, explainReplenishment, leftOfToday, quantityText, replenish, type ReplenishmentInput } from '../../src/shared/domain/replenishment';

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
      { p10: 0, p50: 0, p90: 0, mean: 0 },
      { p10: 0, p50: 0, p90: 0, mean: 0 },
      { p10: 0, p50: 0, p90: 0, mean: 0 },
    ]);
    // a slow mover's band is clipped at 0: the stated mean, not one read back from the band, is what is planned on
    const slow = averageForecast(1 / 3, 28);
    expect(slow[0]!.p10).toBe(0);
    expect(replenish({ ...base, forecast: slow, onHand: 0, packSize: 1 }).coverDemand.mean).toBeCloseTo(7 / 3, 9);
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

  it('what is left of today: each quantile less what sold, never below 0; the engine’s mean is planned on when given', () => {
    expect(leftOfToday({ p10: 32, p50: 40, p90: 48, mean: 40 }, 40)).toEqual({ p10: 0, p50: 0, p90: 8, mean: null });
    expect(leftOfToday({ p10: 32, p50: 40, p90: 48, mean: 40 }, 0)).toEqual({ p10: 32, p50: 40, p90: 48, mean: 40 });
    // the band that is left is read as the formula reads any band: 0 + (8 + 0 − 0) / 3
    const rest = replenish({ ...base, forecast: [leftOfToday({ p10: 32, p50: 40, p90: 48, mean: 40 }, 40)], leadTimeDays: 1, reviewDays: 0 });
    expect(rest.leadDemand.mean).toBeCloseTo(8 / 3, 9);
    const stated = replenish({ ...base, forecast: Array.from({ length: 7 }, () => ({ p10: 0, p50: 0, p90: 1.47, mean: 0.65 })), leadTimeDays: 7, reviewDays: 0 });
    expect(stated.leadDemand.mean).toBeCloseTo(7 * 0.65, 9);
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
    expect(fr).toContain('objectif 95\u00a0% sans rupture');
    const en = explainFully(r, input, 'en', 'kg', { source: 'average', dailyMean: 2 });
    expect(en).toContain('No forecast for this product yet');
    expect(en).toContain('You sell 9.2 to 18.8\u00a0kg a week');
    // a new product's average says over how few days it was taken
    expect(explainFully(r, input, 'fr', '', { source: 'average', dailyMean: 10, averagedDays: 3 })).toMatch(/^Pas encore de prévision pour ce produit : calcul sur la moyenne des ventes des 3 derniers jours \(10 par jour\)\./);
    expect(explainFully(r, input, 'en', '', { source: 'average', dailyMean: 10, averagedDays: 3 })).toMatch(/^No forecast for this product yet: based on average sales over the last 3 days \(10 a day\)\./);
    expect(explainFully(r, input, 'en', '', { stockoutDate: '2026-11-30' })).toContain('Expected to run out on 30/11/2026.');
  });

  // « Riz en vrac au kg », out of stock since 29/10 in the walkthrough's shop: 0.2 to 0.6 kg a day (mean 0.4, σ 0.4 / 2.5631 = 0.15606),
  // delivery in 5 days, sold by packs of 5 kg
  const riz: ReplenishmentInput = { ...base, forecast: flat(0.2, 0.4, 0.6), onHand: 0, leadTimeDays: 5, packSize: 5, minOrderQty: 5 };
  const nb = (s: string) => s.replace(/~/g, '\u00a0');

  it('out of stock: says since when by the ledger, every quantity with its unit, the minimum inside the sentence, "95%" in English', () => {
    const r = replenish(riz);
    // cover 6 days: mean 2.4, σ 0.15606 × √6 = 0.3823 -> safety 1.6449 × 0.3823 = 0.629, up to 3.029 -> 1 pack of 5; the minimum (5) did not raise it
    expect(r).toMatchObject({ quantity: 5, packs: 1, raisedToMinimum: false });
    const ctx = { stockoutDate: '2026-10-29', serviceLevel: 0.95 };
    // week: 2.8 ± 1.2816 × 0.15606 × √7 = 2.3 to 3.3; lead 5 days: 2 + 1.6449 × 0.15606 × √5 = 2.6
    expect(explainFully(r, riz, 'fr', 'kg', ctx)).toBe(
      nb(
        'Vous vendez 2,3 à 3,3~kg par semaine ; la livraison prend 5 jours ; vous en avez 0~kg et 0~kg en commande ; commandez 5~kg = 1 colis de 5~kg. ' +
          'En rupture depuis le 29/10/2026. Seuil de commande 2,6~kg, stock de sécurité 0,6~kg (objectif 95~% sans rupture).',
      ),
    );
    expect(explainFully(r, riz, 'en', 'kg', ctx)).toBe(
      nb(
        'You sell 2.3 to 3.3~kg a week; delivery takes 5 days; you have 0~kg and 0~kg on order; order 5~kg = 1 pack of 5~kg. ' +
          'Out of stock since 29/10/2026. Reorder point 2.6~kg, safety stock 0.6~kg (target 95% without stockout).',
      ),
    );
    // the ledger does not say since when: out of stock all the same, never a predicted date nor "0 days" of cover
    for (const [locale, out] of [['fr', 'En rupture de stock.'], ['en', 'Out of stock.']] as const) {
      const text = explainFully(r, riz, locale, 'kg', { stockoutDate: null, serviceLevel: 0.975 });
      expect(text).toContain(out);
      expect(text).not.toMatch(/Rupture prévue|run out on|Stock pour environ|Stock for about/);
      expect(text).toContain(locale === 'fr' ? '(objectif 97,5\u00a0% sans rupture)' : '(target 97.5% without stockout)');
    }
  });

  it('names the minimum order, with its unit and no stray period, only when it set the quantity', () => {
    const input = { ...riz, minOrderQty: 10 };
    const r = replenish(input);
    expect(r).toMatchObject({ quantity: 10, packs: 2, raisedToMinimum: true });
    expect(explainReplenishment(r, input, 'fr', 'kg')).toBe(
      nb('Vous vendez 1,4 à 4,2~kg par semaine ; la livraison prend 5 jours ; vous en avez 0~kg et 0~kg en commande ; commandez 10~kg = 2 colis de 5~kg (minimum de commande : 10~kg).'),
    );
    expect(explainReplenishment(r, input, 'en', 'kg')).toMatch(/; order 10\u00a0kg = 2 packs of 5\u00a0kg \(minimum order: 10\u00a0kg\)\.$/);
    // pieces: no unit; boxes and packs in words, singular or plural
    expect(explainReplenishment(replenish({ ...base, minOrderQty: 20, onOrder: 18 }), { ...base, minOrderQty: 20, onOrder: 18 }, 'fr')).toMatch(
      /vous en avez 4 et 18 en commande ; commandez 24 = 4 colis de 6 \(minimum de commande : 20\)\.$/,
    );
    expect(quantityText(1, 'box', 'fr')).toBe('1\u00a0boîte');
    expect(quantityText(3, 'box', 'fr')).toBe('3\u00a0boîtes');
    expect(quantityText(0, 'pack', 'en')).toBe('0\u00a0packs');
    expect(quantityText(1.5, 'l', 'fr')).toBe('1,5\u00a0l');
    expect(quantityText(12, 'piece', 'en')).toBe('12');
  });

  // « Bougies »: 0.2 a day, delivered in 7 days, sold by cartons of 48 (owner review 7)
  const bougies: ReplenishmentInput = { ...base, forecast: flat(0, 0, 0.6), onHand: 1, leadTimeDays: 7, reviewDays: 7, packSize: 48 };

  it('a carton bigger than what sells says how long it would last and that it passes the overstock threshold', () => {
    const input = { ...bougies, forecast: averageForecast(0.2, 28) };
    const r = replenish(input);
    expect(r).toMatchObject({ quantity: 48, packs: 1 });
    // (1 on hand + 48) / 0.2 a day = 245 days
    const fr = explainFully(r, input, 'fr', 'piece', { dailyMean: 0.2, overstockDays: 90 });
    expect(fr).toContain('À réception, le stock couvrirait environ 245 jours de ventes, au-delà du seuil de surstock (90 jours) : le colis de 48 est grand pour ce qui se vend.');
    expect(explainFully(r, input, 'en', 'piece', { dailyMean: 0.2, overstockDays: 90 })).toContain('On arrival the stock would cover about 245 days of sales, past the overstock threshold (90 days): the pack of 48 is large');
    // a minimum that raised the order is named as the cause instead
    const minimum = { ...input, packSize: 1, minOrderQty: 40 };
    const rm = replenish(minimum);
    expect(rm.raisedToMinimum).toBe(true);
    expect(explainFully(rm, minimum, 'fr', 'piece', { dailyMean: 0.2, overstockDays: 90 })).toContain(': le minimum de commande (40) est grand pour ce qui se vend.');
    // within the threshold, or sold by the piece with no minimum, nothing is said
    expect(explainFully(r, input, 'fr', 'piece', { dailyMean: 0.2, overstockDays: 300 })).not.toContain('À réception');
    const single = { ...input, packSize: 1 };
    expect(explainFully(replenish(single), single, 'fr', 'piece', { dailyMean: 0.2, overstockDays: 1 })).not.toContain('À réception');
  });

  it('a stock below 0 covers 0 days, not a negative number', () => {
    const r = replenish({ ...base, onHand: -3 });
    expect(r.daysOfCover).toBe(0);
    expect(r.stockoutDay).toBe(0);
  });

  it('the reorder point of a product sold by the piece reads in whole pieces, as the alert gives it; a kg product keeps its decimals', () => {
    // lead 6 days at mean 3, σ 1.5607 a day: 18 + 1.6449 × 1.5607 × √6 = 24.288
    const r = replenish(base);
    expect(explainFully(r, base, 'fr', 'piece', { serviceLevel: 0.95 })).toContain('Seuil de commande 25,');
    expect(explainFully(r, base, 'en', 'kg', { serviceLevel: 0.95 })).toContain('Reorder point 24.3\u00a0kg,');
  });

  it('an order above the reorder point says it can wait', () => {
    // 25 on hand is above the reorder point (24.288), and the order-up-to (27.8) still wants 3
    const input = { ...base, onHand: 25, packSize: 1 };
    const r = replenish(input);
    expect(r.belowReorderPoint).toBe(false);
    expect(r.quantity).toBe(3);
    expect(explainFully(r, input, 'fr', 'piece')).toContain('Au-dessus du seuil de commande : peut attendre, ou partir avec une commande à ce fournisseur.');
    expect(explainFully(r, input, 'en', 'piece')).toContain('Above the reorder point: it can wait');
    expect(explainFully(replenish(base), base, 'fr', 'piece')).not.toContain('Au-dessus du seuil');
  });
});

