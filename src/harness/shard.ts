// Shards of a run: its trials split into N parts of about equal cost, so a sweep runs on N
// machines (a Slurm job array, a Kubernetes Indexed Job, a CI matrix) and merges into exactly the
// run one machine would have produced. Points are split by trial ranges.
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
 * Splits the sweep's trials into `count` shards of about equal cost. Each point's trials are
 * dealt out evenly: every shard gets `floor(trials / count)` of them, and the `trials % count`
 * left over go one each to the shards with the least estimated cost so far
 * ({@link trialCostNs}: n x min(fanout, n - 1) per round, plus set-up; ties to the lower index).
 * Within a point the shards' trial ranges follow each other in shard order (shard 0 has its
 * first trials). So every trial is in exactly one shard, every shard runs about 1/count of every
 * point (its real cost is balanced even where the estimate is off, e.g. where rounds grow with
 * n), and the shards' estimated costs differ by at most one trial's. Exact integer arithmetic
 * (BigInt), so every machine computes the same split. Returns one list of slices per shard, in
 * sweep order (a shard may get none).
 */
export function planShards(sweep: Sweep, count: number): ShardSlice[][] {
  const shards: ShardSlice[][] = Array.from({ length: count }, () => []);
  const load: bigint[] = new Array<bigint>(count).fill(0n);
  const byLoad = (a: number, b: number): number => {
    const la = load[a] as bigint;
    const lb = load[b] as bigint;
    return la < lb ? -1 : la > lb ? 1 : a - b;
  };
  const indices = Array.from({ length: count }, (_, k) => k);
  sweep.points.forEach((p, point) => {
    const c = BigInt(Math.round(trialCostNs(p.params)));
    const base = Math.floor(p.trials / count);
    const extra = p.trials % count;
    const more = new Set(extra === 0 ? [] : [...indices].sort(byLoad).slice(0, extra));
    let first = 0;
    for (let k = 0; k < count; k++) {
      const trials = base + (more.has(k) ? 1 : 0);
      if (trials === 0) continue;
      (shards[k] as ShardSlice[]).push({ point, firstTrial: first, trials });
      load[k] = (load[k] as bigint) + BigInt(trials) * c;
      first += trials;
    }
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
