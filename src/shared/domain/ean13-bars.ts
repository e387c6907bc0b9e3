import { isValidEan13 } from './barcode';

/** The L (odd parity) codes of the digits 0–9, 1 a bar module, 0 a space; R is their complement, G R reversed. */
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R = L.map((code) => [...code].map((m) => (m === '1' ? '0' : '1')).join(''));
const G = R.map((code) => [...code].reverse().join(''));
/** Which set each left-half digit takes, chosen by the first digit (which has no bars of its own). */
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

export const EAN13_GUARD = '101';
export const EAN13_CENTRE = '01010';
/** Modules of white an EAN-13 needs before its first bar and after its last. */
export const EAN13_QUIET = { left: 11, right: 7 } as const;

/**
 * The 95 modules of an EAN-13 symbol ('1' bar, '0' space), quiet zones not included: guard, six digits
 * in the L/G sets the first digit picks, centre guard, six digits in R, guard. Throws on a code that is
 * not a valid EAN-13 (13 digits, right check digit).
 */
export function ean13Modules(code: string): string {
  if (!isValidEan13(code)) throw new RangeError(`"${code}" is not a valid EAN-13`);
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0]];
  const left = digits.slice(1, 7).map((d, i) => (parity[i] === 'L' ? L[d] : G[d]));
  const right = digits.slice(7).map((d) => R[d]);
  return EAN13_GUARD + left.join('') + EAN13_CENTRE + right.join('') + EAN13_GUARD;
}

/** Whether module `i` of the 95 belongs to a guard (drawn longer, down into the digits' line). */
export const isEan13Guard = (i: number): boolean => i < 3 || (i >= 45 && i < 50) || i >= 92;
