import { startWorker, workerFile } from '../../workers/spawn';
import type { inspectShopFile } from './files';

export type FileCheckRequest = { op: 'inspect'; file: string } | { op: 'copy'; source: string; file: string };
/** A failure carries its code (SQLITE_FULL, EACCES…): the backup tells the owner a full disk from an unwritable folder by it. */
export type FileCheckAnswer = { sound: boolean } | { seen: ReturnType<typeof inspectShopFile> } | { error: string; code?: string };

/** The worker's failure as an error again, with its code. */
function failure(answer: { error: string; code?: string }): Error {
  return Object.assign(new Error(answer.error), answer.code === undefined ? {} : { code: answer.code });
}

function inWorker(request: FileCheckRequest): Promise<FileCheckAnswer> {
  const worker = startWorker(workerFile('file-check', 'SHELFCAST_FILE_CHECK_WORKER'), request);
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: FileCheckAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the file check stopped (code ${code}) before it answered`)));
  });
}

/** copyShopFile on a worker thread: the shop file at `source` copied to `file` and sealed; true when the copy is sound. */
export async function copyInWorker(source: string, file: string): Promise<boolean> {
  const answer = await inWorker({ op: 'copy', source, file });
  if ('error' in answer) throw failure(answer);
  return 'sound' in answer && answer.sound;
}

/** inspectShopFile on a worker thread. */
export async function inspectInWorker(file: string): Promise<ReturnType<typeof inspectShopFile>> {
  const answer = await inWorker({ op: 'inspect', file });
  if ('error' in answer) throw failure(answer);
  return 'seen' in answer ? answer.seen : null;
}
