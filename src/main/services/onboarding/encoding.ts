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

/**
 * UTF-8 unless some byte sequence is not valid UTF-8, then Windows-1252 (what Excel on a French
 * Windows writes). Streams the whole file through a strict decoder: fast, and memory stays flat.
 */
export async function detectEncoding(path: string, signal?: AbortSignal): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'windows-1252';
    throw error;
  } finally {
    stream.destroy();
  }
}
