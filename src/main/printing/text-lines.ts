/**
 * How many lines a text takes in a column of the receipt printed from HTML, without a browser: the
 * advance widths of Arial (the same as Helvetica's and Liberation Sans's, the fonts the receipt page
 * names), in thousandths of an em, and the line breaking Chromium does for `white-space: pre-wrap`
 * with `overflow-wrap: anywhere` (at plain spaces, never at a no-break space; a word longer than the
 * line is broken where it must).
 */

/** Printable ASCII, from the space (32) to the tilde (126). */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
  722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** The other characters French and West-African receipts use; accented letters take their base letter's width. */
const OTHERS: Record<string, number> = {
  '\u00a0': 278,
  '\u202f': 278,
  '€': 556,
  '«': 556,
  '»': 556,
  '‹': 333,
  '›': 333,
  '’': 222,
  '‘': 222,
  '“': 333,
  '”': 333,
  '„': 333,
  '–': 556,
  '—': 1000,
  '−': 584,
  '…': 1000,
  '•': 350,
  '·': 278,
  '°': 400,
  'º': 365,
  'ª': 370,
  '×': 584,
  '÷': 584,
  'œ': 944,
  'Œ': 1000,
  'æ': 889,
  'Æ': 1000,
  'ß': 611,
  'ø': 611,
  'Ø': 778,
};

/** Anything else (another script, a symbol): as wide as an em, so that the estimate errs long. */
const UNKNOWN = 1000;

function charWidth(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 32 && code <= 126) return ASCII[code - 32];
  const known = OTHERS[c];
  if (known !== undefined) return known;
  // é -> e + a combining accent, which takes no room
  const base = c.normalize('NFD')[0];
  const baseCode = base.charCodeAt(0);
  if (base !== c && baseCode >= 32 && baseCode <= 126) return ASCII[baseCode - 32];
  return UNKNOWN;
}

/** The width of a text in ems. */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const c of text) width += charWidth(c);
  return width / 1000;
}

/**
 * The lines a text takes in a column `columnEm` ems wide. `scale` widens every character (bold type,
 * or a margin for a system font a little wider than Arial). Spaces at the end of a line hang past the
 * edge, as in Chromium; an empty text still counts one line.
 */
export function lineCount(text: string, columnEm: number, scale = 1): number {
  if (columnEm <= 0) return Math.max(1, text.length);
  let lines = 1;
  let x = 0;
  // each piece is a word with the plain spaces that follow it (leading spaces are a piece of their own)
  for (const piece of text.match(/^ +|[^ ]+ */g) ?? []) {
    const word = textWidthEm(piece.trimEnd()) * scale;
    const spaces = textWidthEm(piece.slice(piece.trimEnd().length)) * scale;
    if (x > 0 && x + word > columnEm) {
      lines += 1;
      x = 0;
    }
    if (word > columnEm) {
      // broken anywhere: whole lines of it, and the rest starts the next
      const extra = Math.ceil(word / columnEm) - 1;
      lines += extra;
      x = word - extra * columnEm;
    } else {
      x += word;
    }
    x += spaces;
  }
  return lines;
}
