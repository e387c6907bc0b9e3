import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { fileIssue } from './issues';

export type TextEncoding = 'utf-8' | 'windows-1252';

const SNIFF_BYTES = 64 * 1024;

/** Signatures of files people pick by mistake instead of a CSV export. */
/** `kind` names the file's kind for the interface (onboarding.fileKind.<kind>). */
const SIGNATURES: { bytes: number[]; what: string; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel/LibreOffice workbook (.xlsx/.ods) or a zip archive: save it as CSV first', kind: 'zip' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls): save it as CSV first', kind: 'xls' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', kind: 'pdf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', kind: 'png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', kind: 'jpeg' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'a database file', kind: 'database' },
];

/** Reads the first bytes of the file: refuses empty and binary files. */
export async function sniff(path: string): Promise<{ sample: Buffer; size: number }> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const sample = buf.subarray(0, bytesRead);
    const text = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? sample.subarray(3) : sample;
    if (text.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
      throw fileIssue('empty_file', 'the file is empty: there is no header and no row');
    }
    for (const sig of SIGNATURES) {
      if (sig.bytes.every((b, i) => sample[i] === b)) throw fileIssue('not_text', `this is not a CSV file: it looks like ${sig.what}`, 0, null, { specific: `looks_like_${sig.kind}` });
    }
    if (sample[0] === 0xff && sample[1] === 0xfe) {
      throw fileIssue('not_text', 'the file is in UTF-16: save it as CSV UTF-8 (or "CSV (séparateur: point-virgule)")', 0, null, { specific: 'utf16' });
    }
    let control = 0;
    for (const b of sample) {
      if (b === 0) throw fileIssue('not_text', 'this is not a CSV file: it contains binary data (NUL bytes)', 0, null, { specific: 'binary' });
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
    }
    if (control > sample.length / 100) throw fileIssue('not_text', 'this is not a CSV file: it contains binary data', 0, null, { specific: 'binary' });
    return { sample, size };
  } finally {
    await fh.close();
  }
}

/** What a text file is written in, and how to decode it. */
export interface DetectedEncoding {
  /** What the file is reported as: 'utf-8' also for a UTF-8 file with a few stray Windows-1252 bytes. */
  encoding: TextEncoding;
  /** UTF-8 with some invalid bytes: those are read as Windows-1252 where they occur. */
  mixed: boolean;
}

/** What the readers need of a decoder (TextDecoder has it). */
export interface ChunkDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

const hasBom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/**
 * Length of the valid UTF-8 sequence that starts at `i` (a byte >= 0x80): -1 when it is not valid
 * UTF-8 (a lone Windows-1252 accent, an overlong form, a surrogate...), 0 when `b` ends in the middle
 * of a sequence that is valid so far.
 */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k < n; k++) {
    if (i + k >= b.length) return 0;
    const x = b[i + k]!;
    if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return -1;
  }
  return n;
}

/** Windows-1252's character for each byte from 0x80. */
const CP1252_HIGH: string[] = Array.from({ length: 128 }, (_, i) => new TextDecoder('windows-1252').decode(Uint8Array.of(0x80 + i)));

/**
 * Decodes UTF-8 in which some bytes are not valid UTF-8: each such byte is read as Windows-1252, the
 * rest as UTF-8. This is what a UTF-8 file with a line typed or pasted in a Windows program holds:
 * « Café » (UTF-8) and « Lait caillé » (one 0xE9 byte) both come out right. A UTF-8 BOM is dropped.
 * Chunks may cut a character anywhere when `stream` is set.
 */
export class MixedUtf8Decoder implements ChunkDecoder {
  private tail: Uint8Array = new Uint8Array(0);
  private started = false;

  decode(input: Uint8Array = new Uint8Array(0), options: { stream?: boolean } = {}): string {
    const stream = options.stream === true;
    let b: Uint8Array = input;
    if (this.tail.length > 0) {
      b = new Uint8Array(this.tail.length + input.length);
      b.set(this.tail);
      b.set(input, this.tail.length);
    }
    let i = 0;
    if (!this.started) {
      // the BOM may itself be cut by the chunk
      if (stream && b.length < 3 && b.every((x, k) => x === [0xef, 0xbb, 0xbf][k])) {
        this.tail = b.slice();
        return '';
      }
      this.started = true;
      if (hasBom(b)) i = 3;
    }
    const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
    let out = '';
    let seg = i;
    const n = b.length;
    while (i < n) {
      const c = b[i]!;
      if (c < 0x80) {
        i++;
        continue;
      }
      const len = sequenceAt(b, i);
      if (len > 0) {
        i += len;
        continue;
      }
      if (len === 0 && stream) break; // the rest comes with the next chunk
      out += buf.toString('utf8', seg, i) + CP1252_HIGH[c - 0x80]!;
      i++;
      seg = i;
    }
    out += buf.toString('utf8', seg, i);
    this.tail = i < n ? b.slice(i) : new Uint8Array(0);
    if (!stream) this.started = false;
    return out;
  }
}

/** The decoder for a detected encoding (each strips a UTF-8 BOM). */
export function createDecoder(detected: DetectedEncoding): ChunkDecoder {
  return detected.mixed ? new MixedUtf8Decoder() : new TextDecoder(detected.encoding);
}

/**
 * How to read the file, for what shop owners want: their names and accents as they typed them.
 * - Valid UTF-8 throughout: UTF-8.
 * - A UTF-8 BOM: UTF-8 whatever follows (the BOM is never in a Windows-1252 text); bytes that are not
 *   valid UTF-8 are read as Windows-1252 where they occur (see MixedUtf8Decoder).
 * - Otherwise some bytes are not valid UTF-8: when the file holds at least as many valid multi-byte
 *   UTF-8 characters as invalid bytes, it is mostly UTF-8 with a few lines from a Windows program
 *   (a line appended in Notepad or an old Excel): decoded the same mixed way, so neither the UTF-8
 *   names nor the Windows ones are garbled. Else it is Windows-1252 (what Excel on a French Windows
 *   writes), where the rare byte pairs that happen to form UTF-8 are accidents, not characters.
 * Streams the whole file (memory stays flat): a strict decoder first (fast); only a file that is not
 * valid UTF-8 is read again to weigh the two.
 */
export async function detectEncoding(path: string, signal?: AbortSignal): Promise<DetectedEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bom = false;
  let first = true;
  try {
    const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (first) bom = hasBom(chunk);
        first = false;
        decoder.decode(chunk, { stream: true });
      }
      decoder.decode();
      return { encoding: 'utf-8', mixed: false };
    } finally {
      stream.destroy();
    }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  if (bom) return { encoding: 'utf-8', mixed: true };
  const { valid, invalid } = await weighUtf8(path, signal);
  return valid >= invalid ? { encoding: 'utf-8', mixed: true } : { encoding: 'windows-1252', mixed: false };
}

/** Counts the valid multi-byte UTF-8 characters and the bytes that are not valid UTF-8. */
async function weighUtf8(path: string, signal?: AbortSignal): Promise<{ valid: number; invalid: number }> {
  let valid = 0;
  let invalid = 0;
  let tail: Uint8Array = new Uint8Array(0);
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const b = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      let i = 0;
      while (i < b.length) {
        if (b[i]! < 0x80) {
          i++;
          continue;
        }
        const len = sequenceAt(b, i);
        if (len === 0) break;
        if (len > 0) {
          valid++;
          i += len;
        } else {
          invalid++;
          i++;
        }
      }
      tail = b.subarray(i);
    }
    // a sequence cut by the end of the file is not valid
    invalid += tail.length;
    return { valid, invalid };
  } finally {
    stream.destroy();
  }
}
