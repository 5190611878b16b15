// Tests for seed derivation: pinned values, safe integers, and independence from run order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandGrid } from '../../src/harness/grid.ts';
import { seedBase, seedFromString, trialSeed, trialSeedAt } from '../../src/harness/seeds.ts';
import { buildSweep } from '../../src/harness/sweep.ts';
import type { Suite } from '../../src/harness/suite.ts';

const KEY = 'n=10;fanout=3;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0;protocol=majority';

describe('trialSeed', () => {
  it('is pinned for a fixed input', () => {
    expect(trialSeed(1, 'smoke', KEY, 0)).toBe(3097190692008878);
    expect(seedFromString('abc')).toBe(6592756462425509);
  });

  it('hashes exactly `${master}|${suite}|${pointKey}|${trial}`', () => {
    expect(trialSeed('x', 's', 'k', 3)).toBe(seedFromString('x|s|k|3'));
    expect(trialSeedAt(seedBase('x', 's', 'k'), 3)).toBe(trialSeed('x', 's', 'k', 3));
    expect(trialSeed(1, 's', 'k', 0)).toBe(trialSeed('1', 's', 'k', 0));
  });

  it('is a safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (text, trial) => {
        const seed = trialSeed(text, 'suite', KEY, trial);
        return Number.isSafeInteger(seed) && seed >= 0;
      }),
      { numRuns: 200 },
    );
  });

  it('differs between trials, points, suites and master seeds', () => {
    const seeds = new Set([
      trialSeed(1, 'a', KEY, 0),
      trialSeed(1, 'a', KEY, 1),
      trialSeed(1, 'b', KEY, 0),
      trialSeed(2, 'a', KEY, 0),
      trialSeed(1, 'a', `${KEY}x`, 0),
    ]);
    expect(seeds.size).toBe(5);
  });
});

describe('sweep seeds', () => {
  const suite = (name: string, n: number[]): Suite => ({ name, description: '', grid: { n, fanout: [3, 5] }, trials: 3, claims: [] });

  it('depend on the point, not on the order or the company it runs in', () => {
    const full = buildSweep([{ suite: suite('s', [10, 100, 1000]), mode: 'default' }], { masterSeed: 5 });
    const subset = buildSweep(
      [
        { suite: suite('other', [20]), mode: 'default' },
        { suite: suite('s', [1000, 100]), mode: 'default' },
      ],
      { masterSeed: 5 },
    );
    const bases = new Map(full.points.map((p) => [p.key, p.seedBase]));
    for (const p of subset.points.filter((q) => q.suite === 's')) expect(p.seedBase).toBe(bases.get(p.key));
    expect(full.points.map((p) => p.key)).toEqual(expandGrid({ n: [10, 100, 1000], fanout: [3, 5] }).map((p) => p.key));
  });
});
