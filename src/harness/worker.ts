// Worker entry of the pool: registers the rules of the run's user files (workerData.userFiles),
// then serves batch requests with the engine (see batch.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { serveBatches } from './batch.ts';
import { loadUserFilesInWorker, type UserFile } from './user-files.ts';

/** What the engine worker reads from `workerData`. */
export interface EngineWorkerData {
  /** The run's suite and rule files, imported here before any batch (a rule cannot be posted). */
  userFiles?: readonly UserFile[];
}

if (parentPort === null) throw new Error('worker.ts must run as a worker thread of the pool');
const port = parentPort;
const files = (workerData as EngineWorkerData | undefined)?.userFiles ?? [];
// Requests posted meanwhile wait in the port's queue until serveBatches listens.
if (files.length > 0) await loadUserFilesInWorker(files);
serveBatches(port);
