import { describe, expect, it } from 'vitest';
import { typedQuantity } from '../../src/shared/domain/quantity';

describe('a quantity as a person types it, in the shop language', () => {
  it('in English a comma between groups of three digits separates thousands; a lone comma is still read as a decimal mark', () => {
    expect(typedQuantity('1,000', 'en')).toBe(1000);
    expect(typedQuantity('12,500.5', 'en')).toBe(12500.5);
    expect(typedQuantity('1,234,567', 'en')).toBe(1234567);
    expect(typedQuantity('1.25', 'en')).toBe(1.25);
    expect(typedQuantity('1,5', 'en')).toBe(1.5);
    expect(typedQuantity('0,250', 'en')).toBe(0.25);
    expect(typedQuantity('1 000', 'en')).toBe(1000);
  });

  it('in French the comma is the decimal mark, and thousands are spaced', () => {
    expect(typedQuantity('1,000', 'fr')).toBe(1);
    expect(typedQuantity('1,250', 'fr')).toBe(1.25);
    expect(typedQuantity('1 000', 'fr')).toBe(1000);
    expect(typedQuantity('1\u202f000,5', 'fr')).toBe(1000.5);
    expect(typedQuantity('2.5', 'fr')).toBe(2.5);
    expect(typedQuantity(',5', 'fr')).toBe(0.5);
  });

  it('what is no number is none, in either language', () => {
    for (const locale of ['fr', 'en'] as const)
      for (const text of ['', 'abc', '12 pcs', '1,2,3', '1,00,000', '0x10', '1e3', 'Infinity', '--1', '.']) expect(typedQuantity(text, locale), `${locale} ${text}`).toBeNull();
  });
});
