import { fileIssue } from './issues';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: Delimiter[] = [';', ',', '\t', '|'];

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

/** Counts delimiters outside quotes in one line (a quote spanning lines is rare in the first lines). */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/**
 * Picks the delimiter whose count is the same on the header and most of the first lines; between
 * equally consistent ones, the one giving more columns. Null when no candidate appears in the header.
 */
export function detectDelimiter(sampleText: string): Delimiter | null {
  const lines = sampleText.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
  // the last line of a sample may be cut
  if (lines.length > 2) lines.pop();
  let best: { d: Delimiter; score: number; cols: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const agree = counts.filter((c) => c === header).length / counts.length;
    const score = agree;
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && header > best.cols)) {
      best = { d, score, cols: header };
    }
  }
  return best?.d ?? null;
}

/**
 * Excel's delimiter hint: a first line « sep=; » (written by some exports, and by Excel itself when asked
 * to). Null when the text does not start with one; else the delimiter it names (null when it is not one
 * this reader splits on) and the text after that line.
 */
export function sepLine(text: string): { delimiter: Delimiter | null; rest: string } | null {
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl);
  const m = /^"?sep=(.)"?[ \r]*$/i.exec(first);
  if (!m) return null;
  const c = m[1]!;
  return { delimiter: (DELIMITERS as string[]).includes(c) ? (c as Delimiter) : null, rest: nl === -1 ? '' : text.slice(nl + 1) };
}

/** A quoted field may not grow past this: a stray quote would otherwise swallow the whole file. */
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Splits decoded text, pushed in chunks of any size, into records: RFC 4180 quotes ("" inside a quoted
 * field, newlines inside quotes), CRLF or LF. Records whose cells are all blank are skipped: empty
 * lines, and the « ;;; » lines Excel writes for formatted but empty rows (as the .xlsx reader skips
 * empty rows); line numbers still count them. Lines without a quote take a fast path.
 */
export class CsvSplitter {
  private rest = '';
  private line = 1;
  /** A line made of delimiters and spaces only. */
  private readonly blank: RegExp;
  private skipFirstLine: boolean;

  /** `skipFirstLine`: the first physical line is not a record (Excel's « sep=; » line). */
  constructor(
    private readonly delimiter: string,
    options: { skipFirstLine?: boolean } = {},
  ) {
    this.blank = new RegExp(`^[\\s${delimiter.replace(/[\\\]^-]/g, '\\$&')}]*$`);
    this.skipFirstLine = options.skipFirstLine === true;
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.rest = this.drain(this.rest + text, out, false);
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.rest = this.drain(this.rest, out, true);
    return out;
  }

  private drain(buf: string, out: CsvRecord[], final: boolean): string {
    const d = this.delimiter;
    let pos = 0;
    const n = buf.length;
    // next quote at or after pos (n when none): searched again only once passed, never per line
    let q = -1;
    if (this.skipFirstLine) {
      const nl = buf.indexOf('\n');
      if (nl === -1 && !final) return buf;
      this.skipFirstLine = false;
      this.line++;
      pos = nl === -1 ? n : nl + 1;
    }
    while (pos < n) {
      let nl = buf.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (q < pos) {
        q = buf.indexOf('"', pos);
        if (q === -1) q = n;
      }
      if (q > nl) {
        // fast path: no quote on this line
        let end = nl;
        if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
        if (end > pos) {
          const text = buf.slice(pos, end);
          if (!this.blank.test(text)) out.push({ line: this.line, fields: text.split(d) });
        }
        this.line++;
        pos = nl + 1;
        continue;
      }
      const parsed = this.quoted(buf, pos, final);
      if (!parsed) break; // needs more text
      if (!parsed.fields.every((f) => f.trim() === '')) out.push({ line: this.line, fields: parsed.fields });
      this.line += parsed.lines;
      pos = parsed.next;
    }
    const rest = pos >= n ? '' : buf.slice(pos);
    if (rest.length > MAX_RECORD_CHARS) {
      throw fileIssue('unterminated_quote', 'a quote (") is opened and never closed: the rest of the file would be one cell', this.line, null, { specific: 'quote_open' });
    }
    return rest;
  }

  /** Parses one record that contains quotes, from `start`; null when the buffer ends inside it. */
  private quoted(buf: string, start: number, final: boolean): { fields: string[]; next: number; lines: number } | null {
    const d = this.delimiter;
    const fields: string[] = [];
    let field = '';
    let i = start;
    let lines = 1;
    let inQuotes = false;
    const n = buf.length;
    while (i < n) {
      const c = buf[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (buf[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return null; // could be an escaped quote cut by the chunk
          inQuotes = false;
        } else {
          if (c === '\n') lines++;
          field += c;
        }
        i++;
        continue;
      }
      if (c === '"' && field.trim() === '') {
        field = '';
        inQuotes = true;
      } else if (c === d) {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        return { fields, next: i + 1, lines };
      } else {
        field += c;
      }
      i++;
    }
    if (!final) return null;
    if (inQuotes) {
      throw fileIssue('unterminated_quote', 'a quote (") is opened and never closed before the end of the file', this.line, null, { specific: 'quote_open' });
    }
    fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
    return { fields, next: n, lines: lines - 1 };
  }
}
