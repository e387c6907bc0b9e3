import { describe, expect, it } from 'vitest';
import { EAN13_QUIET, ean13Modules, isEan13Guard } from '../../src/shared/domain/ean13-bars';

// the standard's sets, as published (ISO/IEC 15420 tables; e.g. Wikipedia "International Article Number"):
// L the odd-parity left codes, G the even-parity ones, R the right ones; the first digit picks L or G
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];

/** The 7-module groups between the guards: six left, six right. */
const groups = (modules: string) => ({
  start: modules.slice(0, 3),
  left: Array.from({ length: 6 }, (_, i) => modules.slice(3 + 7 * i, 10 + 7 * i)),
  centre: modules.slice(45, 50),
  right: Array.from({ length: 6 }, (_, i) => modules.slice(50 + 7 * i, 57 + 7 * i)),
  end: modules.slice(92),
});

describe('EAN-13 bars', () => {
  it('4006381333931: guards, LGLLGG for a leading 4, the right half in R', () => {
    const m = ean13Modules('4006381333931');
    expect(m).toHaveLength(95);
    const g = groups(m);
    expect([g.start, g.centre, g.end]).toEqual(['101', '01010', '101']);
    // 0 L, 0 G, 6 L, 3 L, 8 G, 1 G
    expect(g.left).toEqual([L[0], G[0], L[6], L[3], G[8], G[1]]);
    expect(g.right).toEqual([R[3], R[3], R[3], R[9], R[3], R[1]]);
    expect(m).toBe(
      '101' + '0001101' + '0100111' + '0101111' + '0111101' + '0001001' + '0110011' + '01010' + '1000010' + '1000010' + '1000010' + '1110100' + '1000010' + '1100110' + '101',
    );
  });

  it('5901234123457: LGGLLG for a leading 5', () => {
    const g = groups(ean13Modules('5901234123457'));
    // 9 L, 0 G, 1 G, 2 L, 3 L, 4 G
    expect(g.left).toEqual([L[9], G[0], G[1], L[2], L[3], G[4]]);
    expect(g.right).toEqual([R[1], R[2], R[3], R[4], R[5], R[7]]);
  });

  it('every first digit gives its parity pattern; a leading 0 is a UPC-A (all L)', () => {
    const parity = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];
    // 0000000000000 is valid (check digit 0); with the digits after the first all 0, L0 and G0 tell the parity
    for (let d = 0; d <= 9; d++) {
      const first12 = `${d}00000000000`;
      const sum = d; // the first digit has weight 1, the others are 0
      const code = `${first12}${(10 - (sum % 10)) % 10}`;
      const left = groups(ean13Modules(code)).left.map((x) => (x === L[0] ? 'L' : x === G[0] ? 'G' : '?')).join('');
      expect(left, code).toBe(parity[d]);
    }
  });

  it('L codes start with a space and end with a bar, R the opposite; each code has two bars and two spaces', () => {
    const m = ean13Modules('5901234123457');
    const runs = (s: string) => s.match(/0+|1+/g)!.length;
    for (const code of [...groups(m).left, ...groups(m).right]) expect(runs(code)).toBe(4);
    // 2 bars in each guard and 2 in each digit: 30 bars, starting and ending the symbol
    expect(m.match(/1+/g)).toHaveLength(30);
    expect([m[0], m[94]]).toEqual(['1', '1']);
  });

  it('refuses what is not a valid EAN-13; marks the guards; asks for 11 and 7 modules of quiet zone', () => {
    expect(() => ean13Modules('4006381333932')).toThrow(/not a valid EAN-13/);
    expect(() => ean13Modules('400638133393')).toThrow();
    expect([0, 1, 2, 45, 49, 92, 94].every(isEan13Guard)).toBe(true);
    expect([3, 44, 50, 91].some(isEan13Guard)).toBe(false);
    expect(EAN13_QUIET).toEqual({ left: 11, right: 7 });
  });
});
