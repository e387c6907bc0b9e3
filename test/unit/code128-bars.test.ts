import { describe, expect, it } from 'vitest';
import { CODE128_QUIET, START_B, STOP, code128BLength, code128BValues, code128BWidths, isCode128B } from '../../src/shared/domain/code128-bars';

/** The check value by the standard's formula, computed here on its own: (start + Σ value × position) mod 103. */
const checkOf = (start: number, text: string) => [...text].reduce((sum, c, i) => sum + (c.charCodeAt(0) - 32) * (i + 1), start) % 103;
/** Widths as the 1/0 modules they draw, bar first. */
const modules = (widths: number[]) => widths.map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w)).join('');

describe('Code 128 set B', () => {
  it('"abcdef": check value 97, as barcoderesource.com works it out (104 + 1435 = 1539, mod 103)', () => {
    const values = code128BValues('abcdef');
    expect(values).toEqual([104, 65, 66, 67, 68, 69, 70, 97, 106]);
  });

  it('"PJJ123C": check value 55 in set B (Wikipedia works the same text in set A: 878 mod 103 = 54; B starts at 104, one more)', () => {
    expect(checkOf(103, 'PJJ123C')).toBe(54);
    expect(checkOf(104, 'PJJ123C')).toBe(55);
    const values = code128BValues('PJJ123C');
    expect(values.at(-2)).toBe(55);
    expect(values).toEqual([START_B, 48, 42, 42, 17, 18, 19, 35, 55, STOP]);
  });

  it('check values agree with the formula for every printable character', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    for (let i = 0; i < ascii.length; i += 7) {
      const text = `A${ascii.slice(i, i + 7)}`;
      expect(code128BValues(text).at(-2), JSON.stringify(text)).toBe(checkOf(104, text));
    }
  });

  it('starts with Start B (11010010000) and ends with Stop and its final bar (1100011101011)', () => {
    const m = modules(code128BWidths('PJJ123C'));
    expect(m.slice(0, 11)).toBe('11010010000');
    expect(m.slice(-13)).toBe('1100011101011');
    // P is value 48: widths 313121, bar first
    expect(m.slice(11, 22)).toBe('11101110110');
  });

  it('every symbol is 11 modules, the stop 13; 3 bars and 3 spaces each', () => {
    const text = 'Shelfcast-42';
    const widths = code128BWidths(text);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(code128BLength(text));
    expect(code128BLength(text)).toBe(11 * (text.length + 3) + 2);
    // symbols of 6 widths (the stop 7): start, 12 characters, check, stop
    expect(widths).toHaveLength(6 * 14 + 7);
    for (let s = 0; s < 14; s++) expect(widths.slice(6 * s, 6 * s + 6).reduce((a, b) => a + b, 0)).toBe(11);
    expect(CODE128_QUIET).toBe(10);
  });

  it('writes printable ASCII only: an accented SKU or an empty one is refused', () => {
    expect(isCode128B('RIZ-25 KG')).toBe(true);
    expect(isCode128B('CAFÉ')).toBe(false);
    expect(isCode128B('')).toBe(false);
    expect(() => code128BValues('CAFÉ')).toThrow(/cannot be written/);
  });
});
