// Worker entry of a multi-threaded trial: runs its range of blocks of every round on the shared
// opinion buffers, then reports at the barrier (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createKernelState, runBlocks, stateCount, trialKey } from '../engine/index.ts';
import { Ctrl, type ParallelWorkerData } from './parallel.ts';

if (parentPort === null) throw new Error('parallel-worker.ts must run as a worker thread');
const data = workerData as ParallelWorkerData;
const control = new Int32Array(data.control);
const tallies = new Float64Array(data.tallies);
const g = data.graph;
const graph = g === null ? null : { kind: g.kind, n: g.n, offsets: new Uint32Array(g.offsets), targets: new Uint32Array(g.targets) };
const ks = createKernelState(data.plan, trialKey(data.seed), data.layout, graph, { blocked: data.blocked });
const view = (b: SharedArrayBuffer): Uint8Array | Int32Array => (data.layout === 'bits' ? new Int32Array(b) : new Uint8Array(b));
const buffers = [view(data.buffers[0]), view(data.buffers[1])] as const;
const slot = data.index * 256;
const m = stateCount(data.plan);
// Read the generation before saying ready: the first round may start as soon as we do.
let seen = Atomics.load(control, Ctrl.generation);
parentPort.postMessage('ready');

for (;;) {
  Atomics.wait(control, Ctrl.generation, seen);
  seen = Atomics.load(control, Ctrl.generation);
  const round = Atomics.load(control, Ctrl.round);
  if (round < 0) break;
  try {
    ks.tally.fill(0, 0, m);
    runBlocks(ks, round, buffers[(round - 1) & 1]!, buffers[round & 1]!, data.firstBlock, data.endBlock);
    for (let o = 0; o < m; o++) tallies[slot + o] = ks.tally[o]!;
  } catch (error) {
    Atomics.store(control, Ctrl.failed, 1);
    parentPort.postMessage(error instanceof Error ? error.message : String(error));
  }
  Atomics.add(control, Ctrl.done, 1);
  Atomics.notify(control, Ctrl.done);
}
