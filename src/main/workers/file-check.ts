/**
 * worker_threads entry: seals or inspects one shop file (services/backup/files.ts) and posts the
 * answer. SQLite's integrity check reads the whole file (~140 ms for two years of a 400-product shop,
 * seconds for a big one on a slow disk): off the main thread, the till keeps taking scans meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inspectShopFile, sealShopFile } from '../services/backup/files';
import type { FileCheckAnswer, FileCheckRequest } from '../services/backup/file-check';

if (!parentPort) throw new Error('workers/file-check must run as a worker thread');
const { op, file } = workerData as FileCheckRequest;
let answer: FileCheckAnswer;
try {
  answer = op === 'seal' ? { sound: sealShopFile(file) } : { seen: inspectShopFile(file) };
} catch (error) {
  answer = { error: error instanceof Error ? error.message : String(error) };
}
parentPort.postMessage(answer);
