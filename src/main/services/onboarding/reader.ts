import { createReadStream } from 'node:fs';
import { CsvSplitter, detectDelimiter, sepLine, type CsvRecord, type Delimiter } from './csv';
import { createDecoder, detectEncoding, sniff, type TextEncoding } from './encoding';
import { fileIssue } from './issues';

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
}

export interface CsvSource {
  encoding: TextEncoding;
  delimiter: Delimiter;
  /** The header cells as written (trimmed). */
  header: string[];
  size: number;
  /** The data records, in batches (one per chunk read), header excluded. */
  batches(): AsyncGenerator<CsvRecord[]>;
  /** Stops reading (closes the file) when the records are not wanted after all. */
  close(): Promise<void>;
}

const CHUNK = 1 << 20;

export function cancelledError(): Error {
  return fileIssue('cancelled', 'the import was cancelled: nothing was written');
}

/**
 * Opens a CSV file for streaming: refuses empty and binary files, finds the encoding and the delimiter,
 * reads the header. A first line « sep=; » (Excel writes it, and reads it, to name the delimiter) is
 * skipped and its character used as the delimiter (a delimiter chosen by the caller still wins). The records are then read chunk by chunk (never the whole file in memory), with
 * progress in bytes and an AbortSignal checked between chunks.
 */
export async function openCsv(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void; delimiter?: Delimiter } = {},
): Promise<CsvSource> {
  const { sample, size } = await sniff(path);
  const detected = await detectEncoding(path, options.signal).catch((error: unknown) => {
    if (options.signal?.aborted) throw cancelledError();
    throw error;
  });
  const encoding = detected.encoding;
  const sampleText = createDecoder(detected).decode(sample);
  const sep = sepLine(sampleText);
  const delimiter = options.delimiter ?? sep?.delimiter ?? detectDelimiter(sep ? sep.rest : sampleText) ?? ',';

  async function* records(): AsyncGenerator<CsvRecord[]> {
    const decoder = createDecoder(detected); // strips a BOM
    const splitter = new CsvSplitter(delimiter, { skipFirstLine: sep !== null });
    const stream = createReadStream(path, { highWaterMark: CHUNK });
    let done = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (options.signal?.aborted) throw cancelledError();
        done += chunk.length;
        const batch = splitter.push(decoder.decode(chunk, { stream: true }));
        if (batch.length > 0) yield batch;
        options.onProgress?.({ bytesDone: done, bytesTotal: size });
      }
      const last = splitter.push(decoder.decode());
      last.push(...splitter.end());
      if (last.length > 0) yield last;
      if (done === 0) options.onProgress?.({ bytesDone: 0, bytesTotal: size });
    } finally {
      stream.destroy();
    }
  }

  // the header is the first record; the generator then carries on with the data
  const gen = records();
  const taken = await takeHeader(gen);
  const header = taken.header;
  let pending = taken.pending;
  if (header === null || header.every((h) => h === '')) {
    await gen.return(undefined);
    throw fileIssue('empty_file', 'the file is empty: there is no header and no row');
  }
  return {
    encoding,
    delimiter,
    header,
    size,
    close: async () => {
      await gen.return(undefined);
    },
    async *batches() {
      if (pending.length > 0) yield pending;
      pending = [];
      yield* gen;
    },
  };
}

/**
 * Takes the header (the first record) from a stream of record batches: returns it, trimmed, or null
 * when the stream has none, and what is left of the batch it came in.
 */
export async function takeHeader(gen: AsyncGenerator<CsvRecord[]>): Promise<{ header: string[] | null; pending: CsvRecord[] }> {
  for (;;) {
    const next = await gen.next();
    if (next.done) return { header: null, pending: [] };
    const pending = next.value;
    const first = pending.shift();
    if (first) return { header: first.fields.map((h) => h.trim()), pending };
  }
}
