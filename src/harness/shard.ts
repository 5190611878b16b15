// Shards of a run: its trials split into N contiguous parts of about equal estimated cost, so a
// sweep runs on N machines (a Slurm job array, a Kubernetes Indexed Job, a CI matrix) and merges
// into exactly the run one machine would have produced. A point may be split by trial ranges.
import { trialCostNs } from './pool.ts';
import type { Sweep, SweepPoint } from './sweep.ts';

/** Shard `index` (0 to count - 1) of a run split `count` ways. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Largest number of shards accepted. */
export const MAX_SHARDS = 10_000;

/** A part of one point's trials: trials `firstTrial` to `firstTrial + trials - 1` of sweep point `point`. */
export interface ShardSlice {
  /** Index of the point in the whole sweep. */
  point: number;
  firstTrial: number;
  trials: number;
}

/** What a shard's run.json records (field `shard`): which shard of which split, and its slices. */
export interface ShardInfo extends ShardSpec {
  /** The slices this shard ran, in sweep order. */
  slices: ShardSlice[];
  /** Estimated cost of the shard's trials (ns, the ETA model), and of the whole run. */
  cost: number;
  totalCost: number;
  /** Whether the run's throughput suites ran here (shard 0 only: timings from different machines do not compare). */
  throughput: boolean;
  /** The host the shard started on (`os.hostname()`). */
  host: string;
}

/** One shard of a merged run, as the merged run.json lists it. */
export interface MergedShard {
  index: number;
  /** The shard's folder, as given to merge (absolute). */
  dir: string;
  host: string;
  startedAt: string;
  endedAt: string;
  threads: number;
  /** Its trials, and its estimated share of the run's cost (0 to 1). */
  trials: number;
  costShare: number;
}

/** What a merged run.json records (field `merged`): its shards, and where and when they were merged. */
export interface MergeInfo {
  count: number;
  shards: MergedShard[];
  /** The shard whose throughput suites' timings the merged run carries (0), or null when the run has none. */
  throughputFrom: number | null;
  host: string;
  at: string;
}

/**
 * Splits the sweep's trials into `count` shards of about equal estimated cost. The trials are
 * laid end to end in sweep order (point by point, trial by trial), each as long as its estimated
 * cost ({@link trialCostNs}: n x min(fanout, n - 1) per round, plus set-up); a trial goes to the
 * shard in whose share of the total its midpoint falls. So every trial is in exactly one shard,
 * each shard is a contiguous run of trials (a point is split at most where a boundary falls), and
 * shards differ in cost by at most about one trial. Exact integer arithmetic (BigInt), so every
 * machine computes the same split. Returns one list of slices per shard (some may be empty).
 */
export function planShards(sweep: Sweep, count: number): ShardSlice[][] {
  const costs = sweep.points.map((p) => BigInt(Math.round(trialCostNs(p.params))));
  const total = sweep.points.reduce((sum, p, i) => sum + BigInt(p.trials) * (costs[i] as bigint), 0n);
  const shards: ShardSlice[][] = Array.from({ length: count }, () => []);
  if (total === 0n) return shards;
  const n = BigInt(count);
  // Trial t of a point starting at cumulative cost C, each trial costing c, has its midpoint at
  // C + (t + 1/2) c; doubled to stay in integers: shard = floor((2C + (2t + 1) c) N / (2 total)).
  const shardOf = (before: bigint, c: bigint, t: bigint): bigint => ((2n * before + (2n * t + 1n) * c) * n) / (2n * total);
  let before = 0n;
  sweep.points.forEach((p, point) => {
    const c = costs[point] as bigint;
    let first = 0;
    while (first < p.trials) {
      const s = shardOf(before, c, BigInt(first));
      // The first trial of a later shard: the least t with (2C + (2t + 1) c) N >= 2 (s + 1) total.
      const need = 2n * (s + 1n) * total - (2n * before + c) * n;
      const denominator = 2n * c * n;
      const next = need <= 0n ? first + 1 : Number((need + denominator - 1n) / denominator);
      const end = Math.min(p.trials, Math.max(first + 1, next));
      (shards[Number(s)] as ShardSlice[]).push({ point, firstTrial: first, trials: end - first });
      first = end;
    }
    before += BigInt(p.trials) * c;
  });
  return shards;
}

/** Estimated cost (ns) of a list of slices of `sweep`. */
export function slicesCost(sweep: Sweep, slices: readonly ShardSlice[]): number {
  return slices.reduce((sum, s) => sum + s.trials * trialCostNs((sweep.points[s.point] as SweepPoint).params), 0);
}

/**
 * The sweep a shard runs: its slices, each a point of the run with its trial range
 * (`trials` the slice's count, `firstTrial` where it starts); suites and master seed as the run's.
 */
export function shardSweep(sweep: Sweep, slices: readonly ShardSlice[]): Sweep {
  const points = slices.map((s): SweepPoint => ({ ...(sweep.points[s.point] as SweepPoint), trials: s.trials, firstTrial: s.firstTrial }));
  return { masterSeed: sweep.masterSeed, suites: sweep.suites, points, totalTrials: points.reduce((sum, p) => sum + p.trials, 0) };
}

/** The record of shard `spec` of `sweep` for its run.json. */
export function shardInfo(sweep: Sweep, spec: ShardSpec, throughput: boolean, host: string): ShardInfo {
  const all = planShards(sweep, spec.count);
  const slices = all[spec.index] as ShardSlice[];
  const totalCost = all.reduce((sum, s) => sum + slicesCost(sweep, s), 0);
  return { index: spec.index, count: spec.count, slices, cost: slicesCost(sweep, slices), totalCost, throughput, host };
}
