// Throughput: tinybench times one engine round (stepRound) at a given n and fanout, giving
// nanoseconds per agent-round with their spread; the samples are kept for significance tests.
// Points are measured one at a time in a dedicated worker, the yardstick beside each.
import { Bench } from 'tinybench';
import { closeParallelSimulation, createParallelSimulation, stepParallelRound } from './parallel.ts';
import { startWorker } from './pool.ts';
import { siblingModule } from '../io/package-files.ts';
import { measureYardstick, resolveYardstick } from './yardstick.ts';
import { createSimulation, planTrial, stepRound } from '../engine/index.ts';
import type { Protocol } from '../engine/params.ts';

/** One throughput measurement to make. */
export interface ThroughputPoint {
  protocol: Protocol;
  n: number;
  fanout: number;
  /** Threads one trial's rounds are split over (see parallel.ts); 1 = this thread alone. */
  threads: number;
}

/** A throughput measurement: per agent-round figures from tinybench's latency of one round. */
export interface ThroughputResult extends ThroughputPoint {
  /** Median time of one round divided by n, in nanoseconds. */
  nsPerAgentRound: number;
  /** Median absolute deviation of the round times, per agent, in nanoseconds. */
  madNs: number;
  /** Relative margin of error of the mean round time (percent, 95%). */
  rme: number;
  /** Rounds timed. */
  samples: number;
  /** n / median round time. */
  agentRoundsPerS: number;
  /** Timed rounds, per agent, in nanoseconds (for comparisons across runs): every one, or
   * {@link MAX_KEPT_SAMPLES} spread evenly over the run when there were more. */
  sampleNs: number[];
}

/** From this n on a point is warmed up by one round instead of three (a round takes seconds). */
export const HUGE_N = 100_000_000;

/** Most samples kept per point: plenty for a rank test, and throughput-samples.csv stays small. */
export const MAX_KEPT_SAMPLES = 1000;

/** At most `max` values of `xs`, spread evenly over it. */
function spread(xs: ArrayLike<number>, max: number): number[] {
  if (xs.length <= max) return Array.from(xs);
  return Array.from({ length: max }, (_, i) => xs[Math.floor((i * xs.length) / max)] as number);
}

/** Options of a measurement: tinybench's time budget and minimum iterations per task. */
export interface ThroughputOptions {
  /** Time budget in milliseconds (default 1000). */
  timeMs?: number;
  /** Minimum rounds timed (default 10). */
  minIterations?: number;
}

/**
 * Times one synchronous round of the engine at (n, fanout) from a 70/30 split, as the yardstick
 * does: the simulation keeps running across iterations (after a few rounds the network is
 * unanimous, the steady state of a long run), on the layout the engine picks for n. With
 * `threads` > 1 the round is split over that many worker threads sharing the buffers. Run one
 * measurement at a time, since timings taken in parallel contaminate each other.
 */
export async function measureThroughput(point: ThroughputPoint, options: ThroughputOptions = {}): Promise<ThroughputResult> {
  const { n, fanout, threads } = point;
  const plan = planTrial({ n, fanout, split: 0.7, maxRounds: 1 });
  const seed = `throughput-${n}-${fanout}`;
  const parallel = threads > 1 ? await createParallelSimulation(plan, seed, threads) : null;
  try {
    const sim = parallel?.sim ?? createSimulation(plan, seed);
    const step = parallel === null ? (): number => stepRound(sim) : (): number => stepParallelRound(parallel);
    return await timeRounds(point, step, options);
  } finally {
    if (parallel !== null) await closeParallelSimulation(parallel);
  }
}

/** Times `step` (one round) with tinybench and turns its latency into per agent-round figures. */
async function timeRounds(point: ThroughputPoint, step: () => number, options: ThroughputOptions): Promise<ThroughputResult> {
  const { n, fanout } = point;
  // From 10^8 agents a round takes seconds to a minute: one warm-up round is enough.
  const huge = n >= HUGE_N;
  const bench = new Bench({
    time: options.timeMs ?? 1000,
    iterations: options.minIterations ?? 10,
    warmupIterations: huge ? 1 : 3,
    warmupTime: huge ? 0 : 100,
    retainSamples: true,
  });
  bench.add(`majority n=${n} fanout=${fanout} threads=${point.threads}`, () => {
    step();
  });
  await bench.run();
  const task = bench.tasks[0];
  const result = task?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
    const error = result !== undefined && result.state === 'errored' ? result.error : undefined;
    throw new Error(`throughput n=${n} fanout=${fanout} did not complete`, { cause: error });
  }
  const latency = result.latency;
  const perAgent = 1e6 / n; // ms per round -> ns per agent-round
  return {
    ...point,
    nsPerAgentRound: latency.p50 * perAgent,
    madNs: latency.mad * perAgent,
    rme: latency.rme,
    samples: latency.samplesCount,
    agentRoundsPerS: n / (latency.p50 / 1000),
    sampleNs: spread(latency.samples ?? [], MAX_KEPT_SAMPLES).map((ms) => ms * perAgent),
  };
}

/** Asks the throughput worker to measure one point. */
export interface ThroughputRequest {
  id: number;
  point: ThroughputPoint;
  options: ThroughputOptions;
}

/** The throughput worker's reply. */
export type ThroughputResponse = { id: number; result: ThroughputResult } | { id: number; error: string };

/** A measurement with the yardstick's time at the same (n, fanout), measured right after it. */
export interface ThroughputRow extends ThroughputResult {
  /** The yardstick's ns per agent-round (one-thread rows), or null when it is not available. */
  yardstickNs: number | null;
}

/** Options of {@link runThroughput}. */
export interface RunThroughputOptions extends ThroughputOptions {
  /**
   * The C yardstick's binary, timed beside each one-thread point; null: none. Default: the
   * binary of {@link resolveYardstick}, silently none when it cannot be built (a caller that
   * wants to tell the user why resolves it itself and prints its `problem` once).
   */
  yardstick?: string | null;
  /** Called after each point. */
  onResult?: (row: ThroughputRow, done: number, total: number) => void;
}

/** The throughput worker's entry. */
export const THROUGHPUT_WORKER_URL = siblingModule('./throughput-worker', import.meta.url);

/**
 * Measures the points one after another in one worker thread (never two timings at once), and
 * after each point times the C yardstick at the same (n, fanout) while the worker is idle.
 * Rejects when a measurement fails; the worker is always terminated.
 */
export async function runThroughput(points: readonly ThroughputPoint[], options: RunThroughputOptions = {}): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  if (points.length === 0) return rows;
  const bin = options.yardstick === undefined ? resolveYardstick().binary : options.yardstick;
  const worker = startWorker(THROUGHPUT_WORKER_URL, undefined);
  const measure = (id: number, point: ThroughputPoint): Promise<ThroughputResult> =>
    new Promise((resolve, reject) => {
      const onMessage = (response: ThroughputResponse): void => {
        if (response.id !== id) return;
        cleanup();
        if ('error' in response) reject(new Error(`throughput n=${point.n} fanout=${point.fanout}: ${response.error}`));
        else resolve(response.result);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`throughput worker exited with code ${code}`));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, point, options: { timeMs: options.timeMs, minIterations: options.minIterations } } satisfies ThroughputRequest);
    });
  try {
    for (const [i, point] of points.entries()) {
      const result = await measure(i, point);
      // The yardstick is single-threaded: it stands beside the one-thread rows only.
      const yardstickNs = bin === null || point.threads !== 1 ? null : measureYardstick(bin, point.n, point.fanout);
      const row: ThroughputRow = { ...result, yardstickNs };
      rows.push(row);
      options.onResult?.(row, i + 1, points.length);
    }
  } finally {
    await worker.terminate();
  }
  return rows;
}
