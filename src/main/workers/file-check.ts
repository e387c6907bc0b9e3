/**
 * worker_threads entry: copies the shop file into a backup and seals it, or inspects one shop file
 * (services/backup/files.ts), and posts the answer. The copy writes the whole file and SQLite's
 * integrity check reads it (~140 ms for two years of a 400-product shop, seconds for a big one on a slow
 * disk): off the main thread, the till keeps taking scans meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyShopFile, inspectShopFile } from '../services/backup/files';
import type { FileCheckAnswer, FileCheckRequest } from '../services/backup/file-check';

if (!parentPort) throw new Error('workers/file-check must run as a worker thread');
const port = parentPort;
const request = workerData as FileCheckRequest;

async function answer(): Promise<FileCheckAnswer> {
  try {
    if (request.op === 'copy') return { sound: await copyShopFile(request.source, request.file) };
    return { seen: inspectShopFile(request.file) };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return { error: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
  }
}

void answer().then((a) => port.postMessage(a));
