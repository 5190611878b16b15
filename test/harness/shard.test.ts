// The split of a run into shards: every trial of the default set in exactly one shard, each shard
// a contiguous run of trials, shards equal in estimated cost to within one trial, for N 1 to 7.
import { describe, expect, it } from 'vitest';
import { defaultRun, suites } from '../../suites/index.ts';
import { trialCostNs } from '../../src/harness/pool.ts';
import { planShards, shardInfo, shardSweep, slicesCost, type ShardSlice } from '../../src/harness/shard.ts';
import { validateSuite } from '../../src/harness/suite.ts';
import { isThroughput } from '../../src/harness/throughput-plan.ts';
import { buildSweep, type Sweep, type SweepPoint } from '../../src/harness/sweep.ts';

/** The default set's trials suites, as `npm run bench` resolves them. */
function defaultSweep(): Sweep {
  const all = suites.map((s, i) => validateSuite(s, `entry ${i}`));
  const entries = defaultRun
    .map((e) => ({ suite: all.find((s) => s.name === e.suite)!, mode: e.mode, ...(e.trials === undefined ? {} : { trials: e.trials }) }))
    .filter((e) => !isThroughput(e));
  return buildSweep(entries, { masterSeed: 1 });
}

/** Every (point, trial) of a split in order, checking each shard is contiguous in run order. */
function flatten(shards: readonly ShardSlice[][]): string[] {
  return shards.flatMap((slices) => slices.flatMap((s) => Array.from({ length: s.trials }, (_, t) => `${s.point}:${s.firstTrial + t}`)));
}

describe('planShards', () => {
  const sweep = defaultSweep();
  const everyTrial = sweep.points.flatMap((p, i) => Array.from({ length: p.trials }, (_, t) => `${i}:${t}`));
  const maxTrial = Math.max(...sweep.points.map((p) => trialCostNs(p.params)));

  it.each([1, 2, 3, 4, 5, 6, 7])('splits the default set %i ways: every trial once, in run order, costs equal to within one trial', (n) => {
    const shards = planShards(sweep, n);
    expect(shards).toHaveLength(n);
    // Shards laid end to end give every trial exactly once, in run order: each is a contiguous run.
    expect(flatten(shards)).toEqual(everyTrial);
    for (const slices of shards) for (const s of slices) expect(s.trials).toBeGreaterThan(0);
    const costs = shards.map((s) => slicesCost(sweep, s));
    const total = costs.reduce((a, b) => a + b, 0);
    for (const c of costs) expect(Math.abs(c - total / n)).toBeLessThanOrEqual(maxTrial);
  });

  it('splits points by trial ranges where a boundary falls inside one', () => {
    const shards = planShards(sweep, 7);
    const split = new Set(shards.flatMap((slices) => slices.filter((s) => s.trials < (sweep.points[s.point] as SweepPoint).trials).map((s) => s.point)));
    expect(split.size).toBeGreaterThan(0);
  });

  it('gives the same split every time (a pure function of the sweep and N)', () => {
    expect(planShards(defaultSweep(), 5)).toEqual(planShards(sweep, 5));
  });

  it('a shard sweep numbers its trials from the slice start and records them', () => {
    const info = shardInfo(sweep, { index: 2, count: 5 }, false, 'h');
    const part = shardSweep(sweep, info.slices);
    expect(part.points.map((p) => [p.firstTrial, p.trials])).toEqual(info.slices.map((s) => [s.firstTrial, s.trials]));
    expect(part.totalTrials).toBe(info.slices.reduce((a, s) => a + s.trials, 0));
    expect(info.cost).toBe(slicesCost(sweep, info.slices));
  });
});
