// Roboto's advances in ems (regular and bold alike, rounded up) for what an amount is written with
const EMS: Record<string, number> = { F: 0.56, C: 0.66, A: 0.67, G: 0.69, D: 0.66, H: 0.72, ' ': 0.25, '\u00a0': 0.25, ',': 0.23, '.': 0.28, '-': 0.34, '−': 0.57 };

/**
 * The font size at which an amount fits a table column on one line: `size` when it fits, smaller when
 * it would not (pdfmake cuts a word wider than its column anywhere: « 999 999 999 FCF » then « A »).
 * A character not listed counts as wider than any letter.
 */
export function fitAmount(text: string, widthPt: number, size: number): number {
  let ems = 0;
  for (const c of text) ems += /[0-9€$+]/.test(c) ? 0.57 : (EMS[c] ?? 0.9);
  return Math.min(size, Math.floor((widthPt / ems) * 10) / 10);
}
