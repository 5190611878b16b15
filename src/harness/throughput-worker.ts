// Worker entry of the throughput suite: measures one point per request, one at a time, so no
// other timing runs beside it (see throughput.ts).
import { parentPort } from 'node:worker_threads';
import { measureThroughput, type ThroughputRequest, type ThroughputResponse } from './throughput.ts';

if (parentPort === null) throw new Error('throughput-worker.ts must run as a worker thread');
const port = parentPort;
port.on('message', (request: ThroughputRequest) => {
  measureThroughput(request.point, request.options).then(
    (result): void => port.postMessage({ id: request.id, result } satisfies ThroughputResponse),
    (error: unknown): void =>
      port.postMessage({ id: request.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies ThroughputResponse),
  );
});
