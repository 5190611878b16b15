// The one-round transition frequencies of the kernels against exact enumeration on tiny networks:
// a wrong sampler (self-sampling, repeats, bias) or a wrong tie rule cannot pass.
import { describe, expect, it } from 'vitest';
import {
  CRASHED,
  majorityBinaryBlock,
  majorityGeneralBlock,
  majorityScratch,
  Purpose,
  samplerFor,
  streamState,
  trialKey,
} from '../../src/engine/index.ts';
import { chiSquare, chiSquareCritical001, exactNext } from './reference.ts';

type Kernel = 'binary' | 'general';

/** Runs one round `reps` times from `cur` with independent streams; counts next[i] per agent. */
function observe(cur: number[], k: number, reps: number, kernel: Kernel): Map<number, number>[] {
  const n = cur.length;
  const from = Uint8Array.from(cur);
  const next = new Uint8Array(n);
  const scratch = majorityScratch(n, k);
  const tally = new Float64Array(256);
  const st = new Int32Array(4);
  const key = trialKey('exact-test');
  const seen = cur.map(() => new Map<number, number>());
  for (let r = 0; r < reps; r++) {
    next.set(from);
    streamState(key, Purpose.round, r + 1, 0, st);
    if (kernel === 'binary') majorityBinaryBlock(from, next, 0, n, n, k, st);
    else majorityGeneralBlock(from, next, 0, n, n, k, st, scratch, tally);
    for (let i = 0; i < n; i++) seen[i]!.set(next[i]!, (seen[i]!.get(next[i]!) ?? 0) + 1);
  }
  return seen;
}

function expectExact(cur: number[], k: number, kernel: Kernel, reps = 40_000): void {
  const seen = observe(cur, k, reps, kernel);
  for (let i = 0; i < cur.length; i++) {
    const obs = seen[i]!;
    if (cur[i] === CRASHED) {
      expect([...obs.keys()]).toEqual([CRASHED]);
      continue;
    }
    const exact = exactNext(cur, i, k);
    // Outcomes of probability zero never occur.
    for (const o of obs.keys()) expect(exact.has(o), `agent ${i} adopted impossible ${o}`).toBe(true);
    if (exact.size > 1) {
      const { stat, df } = chiSquare(obs, exact, reps);
      expect(stat, `agent ${i}: chi2 ${stat.toFixed(2)} on ${df} df`).toBeLessThan(chiSquareCritical001(df));
    }
  }
}

describe('one round against exact enumeration', () => {
  it('binary, n = 5, k = 2, rejection sampler (binary kernel)', () => {
    expect(samplerFor(5, 2)).toBe('rejection');
    expectExact([0, 1, 1, 0, 1], 2, 'binary');
  });

  it('binary, n = 5, k = 2, rejection sampler (general kernel)', () => {
    expectExact([0, 1, 1, 0, 1], 2, 'general');
  });

  it('three opinions, n = 6, k = 4, shuffle sampler: ties between peers go to the first drawn', () => {
    expect(samplerFor(6, 4)).toBe('shuffle');
    expectExact([0, 1, 2, 1, 2, 0], 4, 'general');
  });

  it('fanout n - 1 (everyone else), four opinions', () => {
    expectExact([3, 1, 2, 1, 2], 4, 'general');
  });

  it('crashed peers give no opinion and crashed agents do not move', () => {
    expectExact([0, 1, CRASHED, 1, 0, CRASHED], 3, 'general');
    expectExact([0, 1, CRASHED, 1, 0, CRASHED, 1], 2, 'binary');
  });

  it('the exact reference itself: with k = 2 and others [1, 1, 0, 0], own 0 keeps 0 with p = 5/6', () => {
    // Pairs of distinct others: both 1 in 2 of 12 ordered pairs -> adopt 1; else 0 wins or ties.
    const d = exactNext([0, 1, 1, 0, 0], 0, 2);
    expect(d.get(1)).toBeCloseTo(2 / 12, 12);
    expect(d.get(0)).toBeCloseTo(10 / 12, 12);
  });
});
