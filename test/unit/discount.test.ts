import { describe, expect, it } from 'vitest';
import { CartError } from '../../src/shared/domain/cart';
import { discountMinor, parsePercent, priceWithDiscounts } from '../../src/shared/domain/discount';

describe('till discounts as amounts or percents', () => {
  it('rounds a percent to the nearest minor unit of the currency, a half in the customer’s favour', () => {
    // XOF: whole francs; 15 % of 1 625 FCFA is 243.75
    expect(discountMinor({ kind: 'percent', bp: 1500 }, 1625)).toBe(244);
    // EUR: cents; 10 % of 2.95 € is 0.295 €, 10 % of 2.94 € is 0.294 €
    expect(discountMinor({ kind: 'percent', bp: 1000 }, 295)).toBe(30);
    expect(discountMinor({ kind: 'percent', bp: 1000 }, 294)).toBe(29);
    expect(discountMinor({ kind: 'percent', bp: 10_000 }, 2950)).toBe(2950);
    expect(discountMinor({ kind: 'amount', minor: 100 }, 2950)).toBe(100);
    expect(discountMinor(null, 2950)).toBe(0);
  });

  it('reads what a manager types as a percent', () => {
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('12,5 %')).toBe(1250);
    expect(parsePercent('7.25%')).toBe(725);
    for (const bad of ['', 'dix', '-5', '1.234', '10,5,5']) expect(parsePercent(bad), bad).toBeNull();
  });

  it('applies a line percent to its own amount and a sale percent after line discounts', () => {
    const cart = priceWithDiscounts(
      [
        { productId: 1, quantity: 2, unitPriceMinor: 2950, vatRateBp: 1800, discount: { kind: 'percent', bp: 1000 } },
        { productId: 2, quantity: 1, unitPriceMinor: 650, vatRateBp: 0 },
      ],
      { kind: 'percent', bp: 500 },
    );
    expect(cart.lines[0].discountMinor).toBe(590);
    expect(cart.subtotalMinor).toBe(5900 - 590 + 650);
    expect(cart.saleDiscountMinor).toBe(298); // 5 % of 5 960
    expect(cart.totalMinor).toBe(5960 - 298);
  });

  it('refuses an amount above what it applies to, naming the line or the sale', () => {
    const line = { productId: 1, quantity: 1, unitPriceMinor: 300, vatRateBp: 0 };
    expect(() => priceWithDiscounts([{ ...line, discount: { kind: 'amount', minor: 301 } }])).toThrow(expect.objectContaining({ field: 'lines.0.discountMinor' }));
    expect(() => priceWithDiscounts([line], { kind: 'amount', minor: 301 })).toThrow(CartError);
    expect(() => priceWithDiscounts([line], { kind: 'amount', minor: 301 })).toThrow(expect.objectContaining({ field: 'saleDiscountMinor' }));
  });
});
