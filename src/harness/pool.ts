// The worker pool: splits each point's trials into batches of ~30 ms, runs them on worker_threads,
// and places the rows by (point, trial) so results do not depend on threads or completion order.
// It reports each point as soon as its last batch is back, and can be stopped with an AbortSignal.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TrialParams } from '../engine/params.ts';
import { ROW_WIDTH, type BatchFailure, type BatchRequest, type BatchResponse } from './messages.ts';
import { joinChunks } from './chunks.ts';
import { trialSeedAt } from './seeds.ts';
import { siblingModule } from '../io/package-files.ts';

/** The trials of one point, as the pool runs them. */
export interface PoolJob {
  /** The point's full parameters. */
  params: TrialParams;
  /** The point's seed base (see seeds.ts). */
  seedBase: string;
  /** Number of trials, >= 1. */
  trials: number;
  /** Index of the first trial (default 0): a shard runs trials `firstTrial` to `firstTrial + trials - 1`. */
  firstTrial?: number;
  /** Index of the point in the whole run, named in errors (default: the job's position). */
  pointIndex?: number;
}

/** Progress of a pool run: trials done, and estimated work done (for an ETA that weighs big points). */
export interface PoolProgress {
  trials: number;
  totalTrials: number;
  /** Estimated work done, in ns ({@link trialCostNs} per trial). */
  work: number;
  /** Estimated work of the whole run, in ns. */
  totalWork: number;
}

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Worker threads, >= 1 (fewer are started when there are fewer batches). */
  threads: number;
  /** Worker entry; default the engine worker `worker.ts`. Tests point it at a fixture. */
  workerUrl?: URL;
  /** Passed to every worker as `workerData`. */
  workerData?: unknown;
  /** Called after each batch with the progress so far. */
  onProgress?: (progress: PoolProgress) => void;
  /** Target work per batch in nanoseconds (default {@link BATCH_TARGET_NS}). */
  batchNs?: number;
  /**
   * Called once per job as soon as all its batches are back, with the job's position in `jobs`
   * and its result (the same object the pool returns at the end; do not modify it).
   */
  onPointDone?: (job: number, result: JobResult) => void;
  /** Aborting it terminates the workers and rejects with {@link PoolAbortedError}. */
  signal?: AbortSignal;
  /** Memory limits of each worker (tests use them to make a worker run out of memory). */
  resourceLimits?: ResourceLimits;
}

/** What the pool returns for one job. */
export interface JobResult {
  /** `trials * ROW_WIDTH` numbers in trial order (see messages.ts for the fields). */
  rows: Float64Array;
  /** Agreement after each round, trial by trial (`rounds` numbers per trial), in trial order. */
  agreement: Float64Array;
}

/** Target estimated work per batch: long enough that messaging costs little, short enough to balance. */
export const BATCH_TARGET_NS = 30e6;

/** The default worker entry. */
export const ENGINE_WORKER_URL = siblingModule('./worker', import.meta.url);

/** A trial (or the setup of a point) threw inside a worker. */
export class TrialFailedError extends Error {
  override readonly name = 'TrialFailedError';
  /** Index of the point in the run. */
  readonly pointIndex: number;
  /** Seed of the trial that threw; null when the point could not be set up. */
  readonly seed: number | null;
  /** Index of the trial that threw; null when the point could not be set up. */
  readonly trial: number | null;
  /** The error's message inside the worker (`Name: message`). */
  readonly workerMessage: string;
  /** Stack of the error inside the worker, when it had one. */
  readonly workerStack: string | null;

  constructor(failure: BatchFailure) {
    super(
      `trial ${failure.trial ?? '-'} of point ${failure.pointIndex} (seed ${failure.seed ?? '-'}) failed: ${failure.message}`,
    );
    this.pointIndex = failure.pointIndex;
    this.seed = failure.seed;
    this.trial = failure.trial;
    this.workerMessage = failure.message;
    this.workerStack = failure.stack;
  }
}

/** The batch a worker was running: its point, trial range and first seed. */
export interface BatchInFlight {
  /** Index of the point in the run. */
  pointIndex: number;
  /** First trial of the batch. */
  firstTrial: number;
  /** Number of trials in the batch. */
  count: number;
  /** Seed of the first trial. */
  firstSeed: number;
}

/**
 * A worker died (uncaught error, out of memory, failed to load, or exited) before the run
 * finished. Names the batch it was running, when it had one.
 */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';

  /**
   * @param thread - index of the worker in the pool
   * @param reason - the error it raised or how it exited
   * @param batch - the batch it was running, or null when it was idle
   */
  constructor(
    readonly thread: number,
    readonly reason: string,
    readonly batch: BatchInFlight | null,
    options?: { cause?: unknown },
  ) {
    super(
      `worker ${thread} ${reason}` +
        (batch === null
          ? ''
          : ` while running point ${batch.pointIndex}, trials ${batch.firstTrial}-${batch.firstTrial + batch.count - 1} (first seed ${batch.firstSeed})`),
      options,
    );
  }
}

/** The pool was stopped through its signal; `reason` is the signal's reason (e.g. `'SIGINT'`). */
export class PoolAbortedError extends Error {
  override readonly name = 'PoolAbortedError';

  /** @param reason - the AbortSignal's reason */
  constructor(readonly reason: unknown) {
    super(`the pool was stopped (${reason instanceof Error ? reason.message : String(reason)})`);
  }
}

/**
 * Estimated time of one trial in nanoseconds: `n * min(fanout, n - 1) * 8 rounds * 40 ns` plus
 * 20 µs of setup (seeding and allocation dominate below n = 100); a flat 100 µs on the count
 * engine (a few µs a round at any n). Only sizes batches and weighs the progress ETA.
 */
export function trialCostNs(params: TrialParams): number {
  if (params.engine === 'count') return 100_000;
  const k = Math.min(params.fanout, params.n - 1);
  return params.n * k * 8 * 40 + 20_000;
}

/** Splits the jobs into batch requests of about `batchNs` each (at least one trial), in job order. */
export function planBatches(jobs: readonly PoolJob[], batchNs: number = BATCH_TARGET_NS): BatchRequest[] {
  const requests: BatchRequest[] = [];
  jobs.forEach((job, pointIndex) => {
    const size = Math.max(1, Math.floor(batchNs / trialCostNs(job.params)));
    const start = job.firstTrial ?? 0;
    const end = start + job.trials;
    for (let first = start; first < end; first += size) {
      requests.push({
        id: requests.length,
        pointIndex,
        params: job.params,
        seedBase: job.seedBase,
        firstTrial: first,
        count: Math.min(size, end - first),
      });
    }
  });
  return requests;
}

/** Resolves the worker-side URL of tsx's ESM API, used to load a `.ts` worker entry. */
function tsxApiUrl(): string {
  return import.meta.resolve('tsx/esm/api');
}

/**
 * Starts a worker on `url`. A `.ts` entry is loaded through a small bootstrap that registers
 * tsx inside the worker first: on Node 20 a worker given `execArgv: ['--import', 'tsx']` still
 * cannot load a `.ts` entry, while registering from inside works under `npm run bench` and vitest.
 */
export function startWorker(url: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits === undefined ? {} : { resourceLimits };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, ...limits });
  const code =
    `import(${JSON.stringify(tsxApiUrl())})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData, ...limits });
}

/**
 * Runs every job's trials on a pool of worker threads and returns, per job, its rows
 * (`trials * ROW_WIDTH` numbers in trial order from the job's `firstTrial`, see messages.ts) and
 * agreement histories.
 *
 * Batches go out in job order to whichever worker is free; each response is copied to its
 * place, so the result is the same for any thread count and completion order. As soon as a
 * job's last batch is back, `onPointDone` gets its result (so a caller can save it). Rejects
 * with {@link TrialFailedError} when a trial throws, {@link WorkerExitError} when a worker dies
 * (naming the batch it was running) and {@link PoolAbortedError} when `signal` aborts; in every
 * case all workers are terminated before the promise settles.
 */
export async function runPool(jobs: readonly PoolJob[], options: PoolOptions): Promise<JobResult[]> {
  const { threads, onProgress, onPointDone, signal } = options;
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new RangeError(`options.threads must be an integer >= 1 (got ${threads})`);
  }
  const results = jobs.map((job) => new Float64Array(job.trials * ROW_WIDTH));
  const requests = planBatches(jobs, options.batchNs);
  // Agreement chunks by batch id; batches of a job are consecutive ids in trial order.
  const chunks: Float64Array[] = new Array<Float64Array>(requests.length);
  const batchesOf: BatchRequest[][] = jobs.map(() => []);
  for (const r of requests) (batchesOf[r.pointIndex] as BatchRequest[]).push(r);
  const jobResult = (j: number): JobResult => ({
    rows: results[j] as Float64Array,
    agreement: joinChunks((batchesOf[j] as BatchRequest[]).map((r) => chunks[r.id] ?? new Float64Array(0))),
  });
  const done: (JobResult | undefined)[] = new Array<JobResult | undefined>(jobs.length);
  const assemble = (): JobResult[] => jobs.map((_, j) => done[j] ?? jobResult(j));
  if (signal?.aborted === true) throw new PoolAbortedError(signal.reason);
  if (requests.length === 0) return assemble();
  const pointOf = (j: number): number => jobs[j]?.pointIndex ?? j;
  const remaining = batchesOf.map((b) => b.length);
  const costs = jobs.map((job) => trialCostNs(job.params));
  const progress: PoolProgress = {
    trials: 0,
    totalTrials: jobs.reduce((sum, job) => sum + job.trials, 0),
    work: 0,
    totalWork: jobs.reduce((sum, job, i) => sum + job.trials * (costs[i] as number), 0),
  };
  const url = options.workerUrl ?? ENGINE_WORKER_URL;
  const workers: Worker[] = [];
  // The batch each worker is running, to name it when the worker dies.
  const running: (BatchRequest | null)[] = [];
  const inFlight = (t: number): BatchInFlight | null => {
    const r = running[t] ?? null;
    if (r === null) return null;
    return { pointIndex: pointOf(r.pointIndex), firstTrial: r.firstTrial, count: r.count, firstSeed: trialSeedAt(r.seedBase, r.firstTrial) };
  };
  let next = 0;
  let pending = requests.length;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      onAbort = () => fail(new PoolAbortedError(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      const dispatch = (worker: Worker, t: number): void => {
        if (settled || next >= requests.length) {
          running[t] = null;
          return;
        }
        const request = requests[next++] as BatchRequest;
        running[t] = request;
        worker.postMessage(request);
      };
      const count = Math.min(threads, requests.length);
      for (let t = 0; t < count; t++) {
        const worker = startWorker(url, options.workerData, options.resourceLimits);
        workers.push(worker);
        running.push(null);
        worker.on('message', (response: BatchResponse) => {
          if (settled) return;
          if ('error' in response) {
            fail(new TrialFailedError({ ...response.error, pointIndex: pointOf(response.error.pointIndex) }));
            return;
          }
          const request = requests[response.id] as BatchRequest;
          const j = request.pointIndex;
          (results[j] as Float64Array).set(response.rows, (request.firstTrial - (jobs[j]?.firstTrial ?? 0)) * ROW_WIDTH);
          chunks[response.id] = response.agreement;
          progress.trials += request.count;
          progress.work += request.count * (costs[j] as number);
          pending--;
          remaining[j] = (remaining[j] as number) - 1;
          if (remaining[j] === 0) {
            const result = jobResult(j);
            done[j] = result;
            try {
              onPointDone?.(j, result);
            } catch (error) {
              fail(error instanceof Error ? error : new Error(String(error)));
              return;
            }
          }
          onProgress?.({ ...progress });
          if (pending === 0) {
            settled = true;
            resolve();
          } else {
            dispatch(worker, t);
          }
        });
        worker.on('error', (error) => fail(new WorkerExitError(t, `failed: ${error.message}`, inFlight(t), { cause: error })));
        worker.on('messageerror', (error) => fail(new WorkerExitError(t, `sent an unreadable message: ${error.message}`, inFlight(t))));
        worker.on('exit', (code) => fail(new WorkerExitError(t, `exited with code ${code} before the run finished`, inFlight(t))));
        dispatch(worker, t);
      }
    });
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return assemble();
}
