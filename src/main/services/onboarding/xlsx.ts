import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CellValue, Row } from 'exceljs';
import type { CsvRecord } from './csv';
import { FileError, fileIssue } from './issues';
import { cancelledError, openCsv, takeHeader, type CsvSource, type ImportProgress } from './reader';

// exceljs is CommonJS and heavy: loaded on the first workbook, never at start
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');

/** Rows handed to the importers at a time. */
const BATCH_ROWS = 500;

/** Where the rows of a file come from: a CSV (encoding, delimiter) or the first sheet of a workbook. */
export interface TableSource extends Omit<CsvSource, 'encoding' | 'delimiter'> {
  format: 'csv' | 'xlsx';
  encoding: CsvSource['encoding'] | null;
  delimiter: CsvSource['delimiter'] | null;
}

export interface OpenOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  delimiter?: CsvSource['delimiter'];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

async function startsLikeZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && ZIP.every((b, i) => buf[i] === b);
  } finally {
    await fh.close();
  }
}

/** Opens a CSV file or an .xlsx workbook (told apart by their first bytes, never by the name). */
export async function openTable(path: string, options: OpenOptions = {}): Promise<TableSource> {
  if (await startsLikeZip(path)) return openXlsx(path, options);
  const csv = await openCsv(path, options);
  return { ...csv, format: 'csv' };
}

/** A cell as the text a CSV export of it would hold: dates as ISO, formulas as their result. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    // Excel dates carry no zone: exceljs reads them as UTC
    return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as unknown as CellValue);
  if ('error' in v) return String(v.error);
  return '';
}

function rowFields(row: Row): string[] {
  const values = row.values as CellValue[] | Record<string, CellValue>;
  const list = Array.isArray(values) ? values : [];
  const fields: string[] = [];
  // row.values is 1-based and sparse
  for (let i = 1; i < list.length; i++) fields.push(cellText(list[i]));
  return fields;
}

const unreadable = (why: string) =>
  fileIssue(
    'not_text',
    `this file looks like a workbook or a zip archive but could not be read as an Excel .xlsx file (${why}): save it as .xlsx or CSV`,
  );

/**
 * The first sheet of an .xlsx workbook through exceljs's streaming reader: rows are parsed as the zip
 * is read, BATCH_ROWS at a time, so memory stays bounded by the shared strings, not the sheet. A row's
 * line is its row number in the sheet (the header is usually row 1).
 */
export async function openXlsx(path: string, options: OpenOptions = {}): Promise<TableSource> {
  const ExcelJS = loadExcel();
  const size = (await stat(path)).size;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  input.on('data', (chunk) => {
    done += chunk.length;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  } as never);

  async function* rows(): AsyncGenerator<CsvRecord[]> {
    let batch: CsvRecord[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (options.signal?.aborted) throw cancelledError();
        const fields = rowFields(row);
        if (fields.every((f) => f.trim() === '')) continue;
        batch.push({ line: row.number, fields });
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
          options.onProgress?.({ bytesDone: Math.min(done, size), bytesTotal: size });
        }
      }
      break; // the first sheet only
    }
    if (batch.length > 0) yield batch;
    options.onProgress?.({ bytesDone: size, bytesTotal: size });
  }

  const gen = rows();
  const close = async () => {
    await gen.return(undefined).catch(() => undefined);
    input.destroy();
  };
  let pending: CsvRecord[] = [];
  let header: string[] | null = null;
  try {
    ({ header, pending } = await takeHeader(gen));
  } catch (error) {
    await close();
    if (error instanceof FileError) throw error;
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  if (header === null || header.every((h) => h === '')) {
    await close();
    throw fileIssue('empty_file', 'the first sheet of the workbook is empty: there is no header and no row');
  }
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    header,
    size,
    close,
    async *batches() {
      if (pending.length > 0) yield pending;
      pending = [];
      try {
        yield* gen;
      } catch (error) {
        if (error instanceof FileError) throw error;
        throw unreadable(error instanceof Error ? error.message : String(error));
      } finally {
        input.destroy();
      }
    },
  };
}
