// One trial on many threads: the opinion buffers live on SharedArrayBuffers, each worker runs a
// fixed range of random-stream blocks of every round (read the current buffer, write the next),
// and the main thread waits at one Atomics barrier a round, then sums the workers' tallies.
// Results are identical to one thread: every block draws from its own stream.
import type { Worker } from 'node:worker_threads';
import {
  beginRound,
  blockCount,
  createSimulation,
  finishRound,
  isBlockedKind,
  runRounds,
  type Simulation,
  type SimulationOptions,
  type TrialPlan,
  type TopologyKind,
  type TrialResult,
} from '../engine/index.ts';
import { siblingModule } from '../io/package-files.ts';
import { startWorker } from './pool.ts';

/** Slots of the control array shared with the workers. */
export const Ctrl = {
  /** Bumped by the main thread to start a round (workers wait on it). */
  generation: 0,
  /** Round to run, or -1 to stop. */
  round: 1,
  /** Workers done with the current round (the main thread waits on it). */
  done: 2,
  /** Set to 1 by a worker that failed. */
  failed: 3,
} as const;

/** What each parallel worker receives. */
export interface ParallelWorkerData {
  plan: TrialPlan;
  seed: number | string;
  layout: 'bytes' | 'bits';
  /** Whether the trial runs on a blocked kernel (`SimulationOptions.blocked`; see `isBlockedKind`). */
  blocked: boolean;
  /**
   * The trial's graph, built once by the main thread on SharedArrayBuffers and read in place by
   * every worker (null on the complete graph).
   */
  graph: { kind: TopologyKind; n: number; offsets: SharedArrayBuffer; targets: SharedArrayBuffer } | null;
  /** The two opinion buffers: round r reads `buffers[(r - 1) & 1]` and writes `buffers[r & 1]`. */
  buffers: [SharedArrayBuffer, SharedArrayBuffer];
  control: SharedArrayBuffer;
  /** Float64Array(workers * 256): worker w writes its tally at w * 256. */
  tallies: SharedArrayBuffer;
  index: number;
  firstBlock: number;
  endBlock: number;
}

/** The parallel worker's entry. */
export const PARALLEL_WORKER_URL = siblingModule('./parallel-worker', import.meta.url);

/** A trial whose rounds run on several worker threads. Close it when done. */
export interface ParallelSimulation {
  readonly sim: Simulation;
  readonly threads: number;
  readonly workers: Worker[];
  readonly control: Int32Array;
  readonly tallies: Float64Array;
}

/** Waits until the workers have loaded (each posts 'ready'). */
function ready(workers: readonly Worker[]): Promise<void> {
  return Promise.all(
    workers.map(
      (w, i) =>
        new Promise<void>((resolve, reject) => {
          w.once('message', (m: unknown) => (m === 'ready' ? resolve() : reject(new Error(`parallel worker ${i}: ${String(m)}`))));
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`parallel worker ${i} exited with code ${code} while starting`)));
        }),
    ),
  ).then(() => undefined);
}

/**
 * Sets up `plan` from `seed` on shared buffers (placement on this thread) and starts `threads`
 * workers, each owning a contiguous range of blocks. Throws when there are fewer blocks than threads.
 */
export async function createParallelSimulation(
  plan: TrialPlan,
  seed: number | string,
  threads: number,
  options: Omit<SimulationOptions, 'shared'> = {},
): Promise<ParallelSimulation> {
  if (plan.rule !== null) throw new RangeError(`a trial split over threads cannot run user rule ${JSON.stringify(plan.rule.name)} (the pool runs rule trials on any number of threads)`);
  const blocks = blockCount(plan.n);
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > blocks) {
    throw new RangeError(`threads must be an integer from 1 to ${blocks} (the random-stream blocks of n = ${plan.n}) (got ${threads})`);
  }
  const sim = createSimulation(plan, seed, { ...options, shared: true });
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const tallies = new Float64Array(new SharedArrayBuffer(threads * 256 * 8));
  const buffers: [SharedArrayBuffer, SharedArrayBuffer] = [
    sim.pop.opinions.buffer as SharedArrayBuffer,
    sim.pop.next.buffer as SharedArrayBuffer,
  ];
  const g = sim.kernel.graph;
  const graph = g === null ? null : { kind: g.kind, n: g.n, offsets: g.offsets.buffer as SharedArrayBuffer, targets: g.targets.buffer as SharedArrayBuffer };
  const workers: Worker[] = [];
  for (let w = 0; w < threads; w++) {
    const data: ParallelWorkerData = {
      plan,
      seed,
      layout: sim.pop.layout,
      blocked: isBlockedKind(sim.kernel.kind),
      graph,
      buffers,
      control: control.buffer as SharedArrayBuffer,
      tallies: tallies.buffer as SharedArrayBuffer,
      index: w,
      firstBlock: Math.floor((w * blocks) / threads),
      endBlock: Math.floor(((w + 1) * blocks) / threads),
    };
    workers.push(startWorker(PARALLEL_WORKER_URL, data));
  }
  try {
    await ready(workers);
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return { sim, threads, workers, control, tallies };
}

/** Runs one round on the workers (this thread waits at the barrier) and returns the agreement. */
export function stepParallelRound(ps: ParallelSimulation): number {
  const { sim, control, tallies, threads } = ps;
  beginRound(sim);
  Atomics.store(control, Ctrl.round, sim.round);
  Atomics.store(control, Ctrl.done, 0);
  Atomics.add(control, Ctrl.generation, 1);
  Atomics.notify(control, Ctrl.generation);
  for (;;) {
    const done = Atomics.load(control, Ctrl.done);
    if (Atomics.load(control, Ctrl.failed) !== 0) throw new Error(`a parallel worker failed in round ${sim.round}`);
    if (done === threads) break;
    Atomics.wait(control, Ctrl.done, done, 1000);
  }
  const m = sim.pop.m;
  for (let o = 0; o < m; o++) {
    let sum = 0;
    for (let w = 0; w < threads; w++) sum += tallies[w * 256 + o]!;
    sim.tally[o] = sum;
  }
  return finishRound(sim);
}

/** Stops and terminates the workers. */
export async function closeParallelSimulation(ps: ParallelSimulation): Promise<void> {
  Atomics.store(ps.control, Ctrl.round, -1);
  Atomics.add(ps.control, Ctrl.generation, 1);
  Atomics.notify(ps.control, Ctrl.generation);
  await Promise.all(ps.workers.map((w) => w.terminate()));
}

/**
 * Runs one trial on `threads` worker threads: the same result as `runPlan(plan, seed)` on one
 * (tests check it), for networks large enough that a round outweighs a barrier.
 */
export async function runParallelTrial(
  plan: TrialPlan,
  seed: number | string,
  threads: number,
  options: Omit<SimulationOptions, 'shared'> = {},
): Promise<TrialResult> {
  const ps = await createParallelSimulation(plan, seed, threads, options);
  try {
    return runRounds(ps.sim, () => stepParallelRound(ps));
  } finally {
    await closeParallelSimulation(ps);
  }
}
