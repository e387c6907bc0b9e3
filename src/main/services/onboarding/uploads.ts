import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/result';

/** One chunk's decoded size at most (the browser mode's request bodies stop at 10 MB of JSON). */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
/** A whole upload at most: a shop's ten years of daily sales fit well below this. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Uploads left behind (a closed window, a crash) are removed at start after this long. */
const STALE_MS = 24 * 3600 * 1000;

const ID = /^[0-9a-f]{32}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface UploadChunk {
  /** Absent on the first chunk: a new upload is started and its id returned. */
  uploadId?: string;
  /** The file's name as the person picked it (shown back, never used as a path). */
  name: string;
  /** The chunk's bytes in base64 (standard alphabet). */
  data: string;
  /** Where this chunk goes in the file: the bytes received so far (a repeated or lost chunk is refused). */
  offset: number;
  /** The last chunk: the file is complete and can be previewed and imported. */
  last: boolean;
}

export interface UploadState {
  uploadId: string;
  name: string;
  size: number;
  complete: boolean;
}

/**
 * Files the interface sends as bytes (the renderer cannot hand over paths, in the browser mode or in
 * Electron), written to `<data folder>/imports/<id>.upload` and then used by the import by id alone:
 * the id is random and checked against a strict pattern, the name is never a path.
 */
export class UploadStore {
  private readonly uploads = new Map<string, UploadState>();

  constructor(
    private readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(folder, { recursive: true });
    this.removeStale();
  }

  receive(chunk: UploadChunk): UploadState {
    if (!BASE64.test(chunk.data) || chunk.data.length % 4 !== 0) {
      throw new AppError('validation', 'data: the chunk is not base64', 'data', { reason: 'upload_broken' });
    }
    const bytes = Buffer.from(chunk.data, 'base64');
    if (bytes.length > MAX_CHUNK_BYTES) throw new AppError('validation', `data: a chunk may hold ${MAX_CHUNK_BYTES / 1024 / 1024} MB at most`, 'data', { reason: 'upload_broken' });
    let state: UploadState;
    if (chunk.uploadId === undefined) {
      if (chunk.offset !== 0) throw new AppError('validation', 'offset: a new upload starts at 0', 'offset', { reason: 'upload_broken' });
      state = { uploadId: randomBytes(16).toString('hex'), name: chunk.name, size: 0, complete: false };
      writeFileSync(this.pathOf(state.uploadId), '');
      this.uploads.set(state.uploadId, state);
    } else {
      state = this.get(chunk.uploadId, false);
      if (state.complete) throw new AppError('conflict', 'this upload is already complete: start a new one', undefined, { reason: 'upload_broken' });
      if (chunk.offset !== state.size) {
        throw new AppError('validation', `offset: expected ${state.size} (the bytes received so far), got ${chunk.offset}`, 'offset', { reason: 'upload_broken' });
      }
    }
    if (state.size + bytes.length > MAX_UPLOAD_BYTES) {
      this.discard(state.uploadId);
      throw new AppError('validation', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it and import the parts one by one`, undefined, {
        reason: 'file_too_big',
        mb: MAX_UPLOAD_BYTES / 1024 / 1024,
      });
    }
    if (bytes.length > 0) appendFileSync(this.pathOf(state.uploadId), bytes);
    state.size += bytes.length;
    if (chunk.last) {
      if (state.size === 0) {
        this.discard(state.uploadId);
        throw new AppError('validation', 'the file is empty: there is no header and no row', undefined, { reason: 'file_issue', issue: 'empty_file' });
      }
      state.complete = true;
    }
    return { ...state };
  }

  /** A complete upload (or any, with `complete` false); a clear error for an unknown or unfinished id. */
  get(uploadId: string, complete = true): UploadState {
    const state = ID.test(uploadId) ? this.uploads.get(uploadId) : undefined;
    if (!state || !existsSync(this.pathOf(uploadId))) {
      throw new AppError('not_found', 'this file is no longer here (the app restarted or it was removed): choose it again', 'uploadId', { reason: 'upload_gone' });
    }
    if (complete && !state.complete) throw new AppError('validation', 'the file has not been fully received yet', 'uploadId', { reason: 'upload_incomplete' });
    return state;
  }

  path(uploadId: string): string {
    this.get(uploadId);
    return this.pathOf(uploadId);
  }

  discard(uploadId: string): boolean {
    if (!ID.test(uploadId) || !this.uploads.has(uploadId)) return false;
    this.uploads.delete(uploadId);
    rmSync(this.pathOf(uploadId), { force: true });
    return true;
  }

  /** Removes every upload (the core closing). */
  clear(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
  }

  private pathOf(uploadId: string): string {
    return join(this.folder, `${uploadId}.upload`);
  }

  private removeStale(): void {
    const now = this.now().getTime();
    for (const name of readdirSync(this.folder)) {
      if (!name.endsWith('.upload')) continue;
      const file = join(this.folder, name);
      try {
        if (now - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
      } catch {
        // gone meanwhile
      }
    }
  }
}
