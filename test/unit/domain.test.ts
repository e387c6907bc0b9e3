import { describe, expect, it } from 'vitest';
import { addDays, businessDate, shortDate } from '../../src/shared/domain/dates';
import { AmountTooLarge, formatMoney, lineAmount, parseMoney, sumMinor } from '../../src/shared/domain/money';
import { fromMilli, hasAtMostThreeDecimals, toMilli } from '../../src/shared/domain/quantity';
import { roleAtLeast } from '../../src/shared/domain/user';

describe('money in minor units', () => {
  it('parses what people type, per currency', () => {
    expect(parseMoney('1 250', 'XOF')).toBe(1250);
    expect(parseMoney('1250,5', 'XOF')).toBeNull(); // XOF has no decimals
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney('12.5', 'EUR')).toBe(1250);
    expect(parseMoney('0.125', 'EUR')).toBeNull();
    expect(parseMoney('-3', 'EUR')).toBe(-300);
    expect(parseMoney('abc', 'EUR')).toBeNull();
    expect(parseMoney('', 'EUR')).toBeNull();
    // as a cashier types it: the currency's sign, and a dot or comma between thousands where there are no decimals
    expect(parseMoney('5 000 F', 'XOF')).toBe(5000);
    expect(parseMoney('5000FCFA', 'XOF')).toBe(5000);
    expect(parseMoney('10.000', 'XOF')).toBe(10_000);
    expect(parseMoney('1,250,000 fcfa', 'XOF')).toBe(1_250_000);
    expect(parseMoney('10.00', 'XOF')).toBeNull();
    expect(parseMoney('12,50 €', 'EUR')).toBe(1250);
    expect(parseMoney('$12.50', 'USD')).toBe(1250);
    expect(parseMoney('10.000', 'EUR')).toBeNull();
    expect(parseMoney('F', 'XOF')).toBeNull();
    expect(parseMoney('5 000 €', 'XOF')).toBeNull();
  });
  it('formats for French and English readers', () => {
    expect(formatMoney(125050, 'EUR', 'fr').replace(/[\u00a0\u202f]/g, ' ')).toBe('1 250,50 €');
    expect(formatMoney(3500, 'XOF', 'fr').replace(/[\u00a0\u202f]/g, ' ')).toBe('3 500 FCFA');
    expect(formatMoney(125050, 'EUR', 'en')).toBe('€\u00a01,250.50');
    // the amount and its currency never part at a line break
    expect(formatMoney(3500, 'XOF', 'fr')).toMatch(/\d\u00a0FCFA$/);
  });
  it('prices a fractional quantity exactly, rounding half away from zero', () => {
    expect(lineAmount(2500, 17500)).toBe(43750); // 2.5 kg at 175.00
    expect(lineAmount(333, 100)).toBe(33); // 0.333 x 1.00 -> 0.33
    expect(lineAmount(335, 100)).toBe(34); // half rounds away from zero
    expect(lineAmount(-335, 100)).toBe(-34);
  });

  it('stays exact past 2^53 in the product and refuses an amount the books cannot hold', () => {
    // 10 000 000 kg at 9 999 999 999.99: the product of thousandths is ~1e22, the amount ~1e17 -> refused
    expect(() => lineAmount(10_000_000_000, 999_999_999_999)).toThrow(AmountTooLarge);
    // a total of amounts that each fit: exact up to 2^53 - 1, refused past it
    expect(sumMinor([9_000_000_000_000_000, 7_199_254_740_991])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumMinor([9_000_000_000_000_000, 7_199_254_740_992])).toThrow(/the total of the lines is too large/);
    // 9 000 000.005 x 1 000 000 001 minor: the float product rounds away the last digits, integers do not
    expect(lineAmount(9_000_000_005, 1_000_000_001)).toBe(9_000_000_014_000_000);
    expect(lineAmount(-9_000_000_005, 1_000_000_001)).toBe(-9_000_000_014_000_000);
  });
});

describe('quantities in thousandths', () => {
  it('stores kg and litres exactly and refuses finer precision', () => {
    expect(toMilli(1.25)).toBe(1250);
    expect(toMilli(0.1) + toMilli(0.2)).toBe(300);
    expect(fromMilli(97500)).toBe(97.5);
    expect(() => toMilli(0.0005)).toThrow(/3 decimals/);
    expect(hasAtMostThreeDecimals(2.125)).toBe(true);
    expect(hasAtMostThreeDecimals(2.1255)).toBe(false);
    expect(hasAtMostThreeDecimals(Number.NaN)).toBe(false);
    // 1e-10 is not 0 in disguise: it was accepted as "not 0" and written as a movement of 0
    expect(hasAtMostThreeDecimals(1e-10)).toBe(false);
    expect(() => toMilli(1e-10)).toThrow(/3 decimals/);
    expect(hasAtMostThreeDecimals(0)).toBe(true);
  });
});

describe('dates and roles', () => {
  it('business dates are local days; addDays crosses months and years', () => {
    expect(businessDate(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
  it('a business day ending after midnight takes the small hours into the day before, across months and years', () => {
    // a day ending at 03:00: 02:59 is still the day before, 03:00 the new day
    expect(businessDate(new Date(2027, 0, 1, 2, 59), 3)).toBe('2026-12-31');
    expect(businessDate(new Date(2027, 0, 1, 3, 0), 3)).toBe('2027-01-01');
    expect(businessDate(new Date(2026, 2, 1, 0, 30), 1)).toBe('2026-02-28');
    expect(businessDate(new Date(2026, 4, 4, 23, 59), 6)).toBe('2026-05-04');
    // midnight, the default, is the calendar day
    expect(businessDate(new Date(2026, 4, 5, 0, 0))).toBe('2026-05-05');
    expect(businessDate(new Date(2026, 4, 5, 0, 0), 0)).toBe('2026-05-05');
  });
  it('short dates read day first in both languages, a bare day never moved by the time zone', () => {
    expect(shortDate('2026-11-30', 'fr')).toBe('30/11/2026');
    expect(shortDate('2026-03-04', 'en')).toBe('04/03/2026');
    expect(shortDate('2026-01-01', 'en')).toBe('01/01/2026');
    // a moment is shown on its local day (the same formatter is reused: the second call must agree)
    const moment = new Date(2026, 6, 14, 23, 30).toISOString();
    expect(shortDate(moment, 'fr')).toBe('14/07/2026');
    expect(shortDate(moment, 'fr')).toBe('14/07/2026');
  });
  it('roles are ordered cashier < manager < owner', () => {
    expect(roleAtLeast('owner', 'manager')).toBe(true);
    expect(roleAtLeast('cashier', 'manager')).toBe(false);
    expect(roleAtLeast('manager', 'manager')).toBe(true);
  });
});
