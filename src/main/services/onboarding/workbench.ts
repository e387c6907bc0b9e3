import { join } from 'node:path';
import type { ImportPreview, ImportRequest, ImportResult, OnboardingProgressEvent } from '../../../shared/api/contracts/onboarding';
import { AppError } from '../../../shared/api/result';
import type { Locale } from '../../../shared/domain/settings';
import type { Actor, ServiceDeps } from '../context';
import { guessColumns, KIND_COLUMNS, type Field, type ImportKind } from './columns';
import { createDemoShop, type DemoSummary } from './demo';
import { ExportService, type ExportFile, type ExportRequest } from './export';
import { FileError } from './issues';
import { ImportService } from './service';
import { UploadStore, type UploadChunk, type UploadState } from './uploads';
import { openTable } from './xlsx';

const PREVIEW_ROWS = 10;
const PROGRESS_EVERY_MS = 150;

export interface OnboardingDeps extends ServiceDeps {
  /** The data folder: uploads go to <dataDir>/imports, export scratch files to <dataDir>/exports. */
  dataDir: string;
  settings: () => { locale: Locale; currency: string };
  progress: (event: OnboardingProgressEvent) => void;
  /** After a committed import or the demo shop: products and stock changed. */
  changed: () => void;
  /** After the demo shop wrote its name, currency and language: cached settings are stale. */
  settingsChanged: () => void;
}

/**
 * What the onboarding screens call: uploads by id, a preview with the guessed columns, the import
 * itself (dry run or real, one at a time, cancellable, progress as events), the exports and the demo
 * shop. The file logic is in ImportService; this only wires it to uploaded files and the UI's events.
 */
export class OnboardingService {
  readonly uploads: UploadStore;
  private readonly imports: ImportService;
  private readonly exports: ExportService;
  private running: { uploadId: string; abort: AbortController } | null = null;

  constructor(private readonly deps: OnboardingDeps) {
    this.uploads = new UploadStore(join(deps.dataDir, 'imports'), deps.now);
    this.imports = new ImportService(deps);
    this.exports = new ExportService(deps.store.sqlite, join(deps.dataDir, 'exports'), deps.settings, deps.now);
  }

  upload(chunk: UploadChunk): UploadState {
    return this.uploads.receive(chunk);
  }

  discard(uploadId: string): { removed: boolean } {
    if (this.running?.uploadId === uploadId) throw new AppError('conflict', 'this file is being imported: cancel the import first', undefined, { reason: 'import_running' });
    return { removed: this.uploads.discard(uploadId) };
  }

  /** The header, the first rows and the guessed columns; a file that cannot be read says why. */
  async preview(uploadId: string, kind: ImportKind): Promise<ImportPreview> {
    const upload = this.uploads.get(uploadId);
    const path = this.uploads.path(uploadId);
    try {
      const source = await openTable(path);
      const rows: { line: number; cells: string[] }[] = [];
      let total = 0;
      try {
        for await (const batch of source.batches()) {
          for (const rec of batch) {
            total++;
            if (rows.length < PREVIEW_ROWS) rows.push({ line: rec.line, cells: source.header.map((_, i) => rec.fields[i]?.trim() ?? '') });
          }
          if (rows.length >= PREVIEW_ROWS) break;
        }
      } finally {
        await source.close();
      }
      const guessed = guessColumns(kind, source.header);
      return {
        uploadId,
        name: upload.name,
        size: upload.size,
        format: source.format,
        encoding: source.encoding,
        delimiter: source.delimiter,
        header: source.header,
        rows,
        moreRows: total > rows.length,
        mapping: guessed,
        required: KIND_COLUMNS[kind].required,
        optional: KIND_COLUMNS[kind].optional,
      };
    } catch (error) {
      if (error instanceof FileError) {
        const { code, line, message, params } = error.issue;
        throw new AppError('validation', message, 'file', { ...params, reason: 'file_issue', issue: code, line });
      }
      throw error;
    }
  }

  /** A dry run or the import: every bad row listed with its line and column, nothing written by a dry run. */
  async run(request: ImportRequest, actor: Actor): Promise<ImportResult> {
    if (this.running) throw new AppError('conflict', 'an import is already running: wait for it or cancel it', undefined, { reason: 'import_running' });
    const upload = this.uploads.get(request.uploadId);
    const file = this.uploads.path(request.uploadId);
    const known = new Set<string>([...KIND_COLUMNS[request.kind].required, ...KIND_COLUMNS[request.kind].optional]);
    const mapping: Partial<Record<Field, number>> = {};
    for (const [field, col] of Object.entries(request.mapping ?? {})) {
      if (col === null || col === undefined) continue;
      if (!known.has(field)) throw new AppError('validation', `mapping: « ${field} » is not a column of a ${request.kind} file`, 'mapping', { reason: 'mapping_unknown', field });
      mapping[field as Field] = col;
    }
    const abort = new AbortController();
    this.running = { uploadId: request.uploadId, abort };
    let last = 0;
    const dryRun = request.dryRun;
    try {
      this.deps.progress({ uploadId: request.uploadId, dryRun, bytesDone: 0, bytesTotal: upload.size, finished: false });
      const report = await this.imports.run(
        {
          kind: request.kind,
          file,
          dryRun,
          allOrNothing: request.allOrNothing,
          mapping,
          mappingOnly: request.mapping !== undefined,
          createProducts: request.createProducts,
          applyToStock: request.applyToStock,
          signal: abort.signal,
          maxIssues: 1000,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            this.deps.progress({ uploadId: request.uploadId, dryRun, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, finished: false });
          },
        },
        actor,
      );
      if (report.committed && report.written + report.createdProducts + report.createdSuppliers > 0) this.deps.changed();
      return { ...report, file: upload.name, uploadId: request.uploadId };
    } finally {
      this.running = null;
      this.deps.progress({ uploadId: request.uploadId, dryRun, bytesDone: upload.size, bytesTotal: upload.size, finished: true });
    }
  }

  cancel(): { cancelled: boolean } {
    if (!this.running) return { cancelled: false };
    this.running.abort.abort();
    return { cancelled: true };
  }

  export(request: ExportRequest, locale?: Locale): Promise<ExportFile> {
    return this.exports.export(request, locale);
  }

  demo(actor: Actor): DemoSummary {
    if (this.running) throw new AppError('conflict', 'an import is running: wait for it before opening the demo shop', undefined, { reason: 'import_running' });
    const summary = createDemoShop(this.deps, actor);
    this.deps.settingsChanged();
    this.deps.changed();
    return summary;
  }
}
