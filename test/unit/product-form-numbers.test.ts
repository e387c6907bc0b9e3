import { describe, expect, it } from 'vitest';
import { readDays, readProductNumbers, readProductQuantity, readVatBp } from '../../src/renderer/src/features/products/numbers';
import { typedNumber } from '../../src/shared/domain/quantity';

describe('the product form reads numbers as a person types them', () => {
  it('takes spaces of any kind as thousands separators and a comma or a point as the decimal mark', () => {
    expect(typedNumber('1 000')).toBe(1000);
    expect(typedNumber('1\u00a0000')).toBe(1000);
    expect(typedNumber('1\u202f000,5')).toBe(1000.5);
    expect(typedNumber(' 2,5 ')).toBe(2.5);
    expect(typedNumber('2.5')).toBe(2.5);
    expect(typedNumber(',5')).toBe(0.5);
    expect(typedNumber('-3')).toBe(-3);
  });

  it('refuses what is no plain number, including forms Number() would take', () => {
    for (const text of ['', 'abc', '12abc', '1,2,3', '0x10', '1e3', 'Infinity', '18 %', '--1', '.']) expect(typedNumber(text), text).toBeNull();
  });

  it('reads VAT with or without a % sign, in basis points', () => {
    expect(readVatBp('18 %')).toEqual({ ok: true, value: 1800 });
    expect(readVatBp('18%')).toEqual({ ok: true, value: 1800 });
    expect(readVatBp('5,5 %')).toEqual({ ok: true, value: 550 });
    expect(readVatBp('19.25')).toEqual({ ok: true, value: 1925 });
    expect(readVatBp('')).toEqual({ ok: true, value: 0 });
    expect(readVatBp('0')).toEqual({ ok: true, value: 0 });
    expect(readVatBp('100')).toEqual({ ok: true, value: 10_000 });
  });

  it('refuses a VAT that is no rate from 0 to 100 with 2 decimals at most, with the percent message', () => {
    for (const text of ['dix-huit', '18 %%', '%', '-5', '100,01', '5,555', '1 800']) expect(readVatBp(text), text).toEqual({ ok: false, error: 'err.percent' });
  });

  it('reads a lead time in whole days, with "j", "jours" or "days" after it', () => {
    for (const text of ['7', '7 j', '7j', '7 j.', '7 jours', '1 jour', '7 days', '7 d', '7 J']) expect(readDays(text).ok, text).toBe(true);
    expect(readDays('7 jours')).toEqual({ ok: true, value: 7 });
    expect(readDays('365')).toEqual({ ok: true, value: 365 });
    expect(readDays('')).toEqual({ ok: false, error: 'err.required' });
    for (const text of ['une semaine', '2,5', '-1', '366', 'j']) expect(readDays(text), text).toEqual({ ok: false, error: 'err.days' });
  });

  it('reads a pack size (more than 0, required) and a minimum order (0 or more, empty is none)', () => {
    expect(readProductQuantity('1 000', 'positive', 'fr')).toEqual({ ok: true, value: 1000 });
    expect(readProductQuantity('0,25', 'positive', 'fr')).toEqual({ ok: true, value: 0.25 });
    expect(readProductQuantity('', 'positive', 'fr')).toEqual({ ok: false, error: 'err.required' });
    expect(readProductQuantity('0', 'positive', 'fr')).toEqual({ ok: false, error: 'err.positive' });
    expect(readProductQuantity('', 'nonNegative', 'fr')).toEqual({ ok: true, value: 0 });
    expect(readProductQuantity('0', 'nonNegative', 'fr')).toEqual({ ok: true, value: 0 });
    expect(readProductQuantity('abc', 'nonNegative', 'fr')).toEqual({ ok: false, error: 'err.number' });
    expect(readProductQuantity('-2', 'nonNegative', 'fr')).toEqual({ ok: false, error: 'err.negative' });
    expect(readProductQuantity('1,2345', 'positive', 'fr')).toEqual({ ok: false, error: 'err.decimals' });
    expect(readProductQuantity('10 000 001', 'positive', 'fr')).toEqual({ ok: false, error: 'err.quantityTooLarge' });
    // an English minimum order of "1,000" is a thousand, a French "1,000" one
    expect(readProductQuantity('1,000', 'nonNegative', 'en')).toEqual({ ok: true, value: 1000 });
    expect(readProductQuantity('1,000', 'nonNegative', 'fr')).toEqual({ ok: true, value: 1 });
  });

  it('gives all four numbers, or a message for each box that holds none', () => {
    expect(readProductNumbers({ vat: '18 %', leadTimeDays: '7 j', minOrderQty: '1 000', packSize: '12' }, 'fr')).toEqual({
      ok: true,
      value: { vatRateBp: 1800, leadTimeDays: 7, minOrderQty: 1000, packSize: 12 },
    });
    expect(readProductNumbers({ vat: 'dix-huit', leadTimeDays: '7', minOrderQty: '0', packSize: 'abc' }, 'fr')).toEqual({
      ok: false,
      errors: { vatRateBp: 'err.percent', packSize: 'err.number' },
    });
  });
});
