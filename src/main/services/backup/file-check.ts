import { startWorker, workerFile } from '../../workers/spawn';
import type { inspectShopFile } from './files';

export type FileCheckRequest = { op: 'seal' | 'inspect'; file: string };
export type FileCheckAnswer = { sound: boolean } | { seen: ReturnType<typeof inspectShopFile> } | { error: string };

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

/** sealShopFile on a worker thread: true when the fresh copy is sound. */
export async function sealInWorker(file: string): Promise<boolean> {
  const answer = await inWorker({ op: 'seal', file });
  if ('error' in answer) throw new Error(answer.error);
  return 'sound' in answer && answer.sound;
}

/** inspectShopFile on a worker thread. */
export async function inspectInWorker(file: string): Promise<ReturnType<typeof inspectShopFile>> {
  const answer = await inWorker({ op: 'inspect', file });
  if ('error' in answer) throw new Error(answer.error);
  return 'seen' in answer ? answer.seen : null;
}
