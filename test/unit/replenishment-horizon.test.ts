import { describe, expect, it } from 'vitest';
import { averageForecast, effectiveLeadTimeDays, replenish, type ReplenishmentInput } from '../../src/shared/domain/replenishment';

const base = (over: Partial<ReplenishmentInput> = {}): ReplenishmentInput => ({
  forecast: averageForecast(5, 28),
  onHand: 150,
  onOrder: 0,
  leadTimeDays: 45,
  reviewDays: 7,
  serviceLevel: 0.95,
  packSize: 1,
  minOrderQty: 0,
  ...over,
});

describe('the predicted stockout past the 28 days of forecast', () => {
  it('stock for 30 days with a 45-day lead time: the shelf empties on day 30, found past the forecast by repeating its last week', () => {
    expect(replenish(base()).stockoutDay).toBe(30);
  });

  it('looks as far as lead time + review days, and no further when the stock lasts longer', () => {
    // 52 days searched (45 + 7): 255 units last 51 days, 265 last 53
    expect(replenish(base({ onHand: 255 })).stockoutDay).toBe(51);
    expect(replenish(base({ onHand: 265 })).stockoutDay).toBeNull();
    // a short lead time still searches the whole forecast
    expect(replenish(base({ leadTimeDays: 2, reviewDays: 1, onHand: 100 })).stockoutDay).toBe(20);
  });
});

describe('the lead time that applies', () => {
  it("is the longer of the product's and its supplier's; the product's alone without a supplier", () => {
    expect(effectiveLeadTimeDays(7, 21)).toBe(21);
    expect(effectiveLeadTimeDays(10, 3)).toBe(10);
    expect(effectiveLeadTimeDays(7, null)).toBe(7);
  });
});
