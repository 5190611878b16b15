// The split of a run into shards: every trial of the default set in exactly one shard, each point
// dealt out evenly (its trial ranges in shard order), shards equal in estimated cost to within one
// trial, for N 1 to 7.
import { describe, expect, it } from 'vitest';
import { defaultRun, suites } from '../../suites/index.ts';
import { trialCostNs } from '../../src/harness/pool.ts';
import { planShards, shardInfo, shardSweep, slicesCost, type ShardSlice } from '../../src/harness/shard.ts';
import { validateSuite } from '../../src/harness/suite.ts';
import { isThroughput } from '../../src/harness/throughput-plan.ts';
import { buildSweep, type Sweep } from '../../src/harness/sweep.ts';

/** The default set's trials suites, as `npm run bench` resolves them. */
function defaultSweep(): Sweep {
  const all = suites.map((s, i) => validateSuite(s, `entry ${i}`));
  const entries = defaultRun
    .map((e) => ({ suite: all.find((s) => s.name === e.suite)!, mode: e.mode, ...(e.trials === undefined ? {} : { trials: e.trials }) }))
    .filter((e) => !isThroughput(e));
  return buildSweep(entries, { masterSeed: 1 });
}

/** Every (point, trial) of a split, point by point and, within a point, shard by shard. */
function byPoint(shards: readonly ShardSlice[][]): string[] {
  const all = shards.flatMap((slices, k) => slices.map((s) => ({ ...s, k })));
  all.sort((a, b) => a.point - b.point || a.k - b.k);
  return all.flatMap((s) => Array.from({ length: s.trials }, (_, t) => `${s.point}:${s.firstTrial + t}`));
}

describe('planShards', () => {
  const sweep = defaultSweep();
  const everyTrial = sweep.points.flatMap((p, i) => Array.from({ length: p.trials }, (_, t) => `${i}:${t}`));
  const maxTrial = Math.max(...sweep.points.map((p) => trialCostNs(p.params)));

  it.each([1, 2, 3, 4, 5, 6, 7])('splits the default set %i ways: every trial once, each point evenly, costs equal to within one trial', (n) => {
    const shards = planShards(sweep, n);
    expect(shards).toHaveLength(n);
    // Each point's slices, in shard order, give its trials exactly once and in order (what merge joins).
    expect(byPoint(shards)).toEqual(everyTrial);
    for (const slices of shards) {
      for (const s of slices) expect(s.trials).toBeGreaterThan(0);
      // In sweep order, each point at most once.
      expect(slices.map((s) => s.point)).toEqual([...new Set(slices.map((s) => s.point))].sort((a, b) => a - b));
    }
    // Every shard runs its even share of every point: floor(trials / n) or one more.
    for (const [point, p] of sweep.points.entries()) {
      for (const slices of shards) {
        const mine = slices.find((s) => s.point === point)?.trials ?? 0;
        expect(mine - Math.floor(p.trials / n)).toBeGreaterThanOrEqual(0);
        expect(mine - Math.floor(p.trials / n)).toBeLessThanOrEqual(1);
      }
    }
    const costs = shards.map((s) => slicesCost(sweep, s));
    const total = costs.reduce((a, b) => a + b, 0);
    for (const c of costs) expect(Math.abs(c - total / n)).toBeLessThanOrEqual(maxTrial);
  });

  it('gives the left-over trials to the shards with the least cost so far', () => {
    // Two points of 3 trials over 2 shards: shard 0 gets the first point's extra trial, shard 1 the second's.
    const two = { ...sweep, points: [sweep.points[0]!, sweep.points[0]!].map((p) => ({ ...p, trials: 3 })) };
    expect(planShards(two, 2)).toEqual([
      [{ point: 0, firstTrial: 0, trials: 2 }, { point: 1, firstTrial: 0, trials: 1 }],
      [{ point: 0, firstTrial: 2, trials: 1 }, { point: 1, firstTrial: 1, trials: 2 }],
    ]);
    // More shards than trials: a shard may get nothing.
    expect(planShards({ ...two, points: [two.points[0]!] }, 5).map((s) => s.length)).toEqual([1, 1, 1, 0, 0]);
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
