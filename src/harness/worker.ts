// Worker entry of the pool: serves batch requests with the engine (see batch.ts).
import { parentPort } from 'node:worker_threads';
import { serveBatches } from './batch.ts';

if (parentPort === null) throw new Error('worker.ts must run as a worker thread of the pool');
serveBatches(parentPort);
