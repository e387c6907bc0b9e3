import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, isValidEan13, readScan } from '../../src/shared/domain/barcode';
import { CartError, priceCart, settle, vatIncluded } from '../../src/shared/domain/cart';
import { paymentTenders } from '../../src/renderer/src/features/sell/payment';

describe('barcodes at the till', () => {
  it('validates EAN-13 check digits', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
  });
  it('reads weight and price from scale labels (prefixes 20–29)', () => {
    const weight = '2012345012507'.slice(0, 12);
    const label = weight + ean13CheckDigit(weight); // item 12345, 1.250 kg
    expect(readScan(label)).toEqual({ kind: 'weight', code: label, itemCode: '12345', quantity: 1.25 });
    const priced = '260004201500'; // prefix 26 = price, item 00042, 1500 minor units
    const priceLabel = priced + ean13CheckDigit(priced);
    expect(readScan(priceLabel)).toEqual({ kind: 'price', code: priceLabel, itemCode: '00042', priceMinor: 1500 });
  });
  it('passes plain codes through and refuses a misread EAN', () => {
    expect(readScan(' SKU-12 ')).toEqual({ kind: 'plain', code: 'SKU-12' });
    expect(readScan('4006381333931')).toEqual({ kind: 'plain', code: '4006381333931' });
    expect(readScan('4006381333930').kind).toBe('invalid');
  });
});

describe('pricing a cart (VAT-inclusive prices)', () => {
  it('extracts VAT per rate and spreads a sale discount exactly', () => {
    const cart = priceCart(
      [
        { productId: 1, quantity: 2, unitPriceMinor: 1180, vatRateBp: 1800 }, // 2 x 1 180 FCFA at 18 %
        { productId: 2, quantity: 1.5, unitPriceMinor: 1000, vatRateBp: 0, discountMinor: 100 },
      ],
      101,
    );
    expect(cart.subtotalMinor).toBe(2360 + 1400);
    expect(cart.totalMinor).toBe(3760 - 101);
    expect(cart.lines.reduce((s, l) => s + l.netMinor, 0)).toBe(cart.totalMinor);
    expect(cart.vat.find((v) => v.rateBp === 1800)?.vatMinor).toBe(vatIncluded(cart.lines[0].netMinor, 1800));
    expect(vatIncluded(1180, 1800)).toBe(180);
  });
  it('refuses a zero or negative quantity and a discount above the amount, naming the field', () => {
    expect(() => priceCart([{ productId: 1, quantity: 0, unitPriceMinor: 100, vatRateBp: 0 }])).toThrow(CartError);
    try {
      priceCart([{ productId: 1, quantity: -1, unitPriceMinor: 100, vatRateBp: 0 }]);
    } catch (e) {
      expect((e as CartError).field).toBe('lines.0.quantity');
    }
    expect(() => priceCart([{ productId: 1, quantity: 1, unitPriceMinor: 100, vatRateBp: 0, discountMinor: 101 }])).toThrow(/discountMinor/);
    expect(() => priceCart([{ productId: 1, quantity: 1, unitPriceMinor: 100, vatRateBp: 0 }], 101)).toThrow(/saleDiscountMinor/);
  });
});

describe('settling the payment', () => {
  it('gives change in cash and accepts split payment', () => {
    expect(settle(3659, [{ tender: 'cash', amountMinor: 5000 }])).toEqual({ paidMinor: 5000, changeMinor: 1341 });
    expect(settle(3659, [{ tender: 'orange_money', amountMinor: 2000 }, { tender: 'cash', amountMinor: 2000 }])).toEqual({ paidMinor: 4000, changeMinor: 341 });
  });
  it('refuses a tender short of the total, and card or mobile money above it', () => {
    expect(() => settle(3659, [{ tender: 'cash', amountMinor: 3000 }])).toThrow(/659 still to pay/);
    expect(() => settle(3659, [{ tender: 'card', amountMinor: 4000 }])).toThrow(/cannot exceed/);
    expect(() => settle(3659, [])).toThrow(/how the customer pays/);
  });
});

describe('a sale that costs nothing', () => {
  it('is settled with no tender, and refuses any tender', () => {
    expect(settle(0, [])).toEqual({ paidMinor: 0, changeMinor: 0 });
    expect(() => settle(0, [{ tender: 'cash', amountMinor: 0 }])).toThrow(/nothing to pay/);
    expect(() => settle(0, [{ tender: 'cash', amountMinor: 500 }])).toThrow(/nothing to pay/);
  });
  it('the payment dialog sends no tender for it, and cash for the total otherwise', () => {
    const none = { cash: '', card: '', orange_money: '', wave: '', mtn_momo: '' };
    expect(paymentTenders(none, 0, 'XOF')).toEqual([]);
    expect(paymentTenders({ ...none, cash: '1000' }, 0, 'XOF')).toEqual([]);
    expect(settle(0, paymentTenders(none, 0, 'XOF'))).toEqual({ paidMinor: 0, changeMinor: 0 });
    expect(paymentTenders(none, 2950, 'XOF')).toEqual([{ tender: 'cash', amountMinor: 2950 }]);
    expect(paymentTenders({ ...none, cash: '5000', wave: '1000' }, 2950, 'XOF')).toEqual([{ tender: 'cash', amountMinor: 5000 }, { tender: 'wave', amountMinor: 1000 }]);
  });
});
