import { describe, expect, it } from 'vitest';
import { overstockOnArrival, soldBelowCost } from '../../src/renderer/src/features/purchasing/lineFlags';

describe('the À commander line flags', () => {
  it('sold at a loss: the price without the VAT it holds below the cost price', () => {
    // olive oil 5,00 € TTC at 20 % holds 0,83 € of VAT: 4,17 € against a cost of 6,40 €
    expect(soldBelowCost({ priceMinor: 500, costMinor: 640, vatRateBp: 2000 })).toBe(true);
    // 7,00 € TTC: 5,83 € — still below
    expect(soldBelowCost({ priceMinor: 700, costMinor: 640, vatRateBp: 2000 })).toBe(true);
    // 8,00 € TTC: 6,67 € — above
    expect(soldBelowCost({ priceMinor: 800, costMinor: 640, vatRateBp: 2000 })).toBe(false);
    // no price or no cost entered: nothing to say
    expect(soldBelowCost({ priceMinor: 0, costMinor: 640, vatRateBp: 0 })).toBe(false);
    expect(soldBelowCost({ priceMinor: 500, costMinor: 0, vatRateBp: 0 })).toBe(false);
  });

  it('overstock on arrival: days of sales after the order, when past the threshold', () => {
    // candles: 1 on hand + a carton of 48 at 0.2 a day = 245 days
    expect(overstockOnArrival({ onHand: 1, onOrder: 0, suggested: 48, dailyMean: 0.2 }, 90)).toBe(245);
    expect(overstockOnArrival({ onHand: 1, onOrder: 0, suggested: 48, dailyMean: 0.2 }, 300)).toBeNull();
    // a negative stock counts as 0, what is on order counts
    expect(overstockOnArrival({ onHand: -5, onOrder: 10, suggested: 8, dailyMean: 0.1 }, 90)).toBe(180);
    // nothing suggested or nothing sold: no flag
    expect(overstockOnArrival({ onHand: 1, onOrder: 0, suggested: 0, dailyMean: 0.2 }, 90)).toBeNull();
    expect(overstockOnArrival({ onHand: 1, onOrder: 0, suggested: 48, dailyMean: 0 }, 90)).toBeNull();
  });
});
