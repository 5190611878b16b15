// The blocked binary kernel gives exactly what the unblocked one gives: the same next opinions,
// the same stream state after the block, and the same opinions after every round of a trial.
import { describe, expect, it } from 'vitest';
import {
  autoBlocked,
  BITS_BLOCKED_MIN_N,
  BLOCKED_MIN_N,
  blockedScratch,
  CRASHED,
  createSimulation,
  BLOCK_SIZE,
  majorityBinaryBlock,
  majorityBitsBlock,
  majorityBlockedBitsRange,
  majorityBlockedRange,
  planTrial,
  runPlan,
  stepRound,
  streamState,
  trialKey,
  uniform,
  type TrialParams,
} from '../../src/engine/index.ts';

/** Opinions 0/1 with about `crashShare` of them CRASHED, from a fixed stream. */
function opinions(n: number, crashShare: number, seed: number): Uint8Array {
  const s = streamState(trialKey(seed), 99, 0, 0, new Int32Array(4));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform(s) < crashShare ? CRASHED : uniform(s) < 0.6 ? 1 : 0;
  return out;
}

describe('majorityBlockedRange', () => {
  it('matches majorityBinaryBlock block by block: next opinions and ones, over many regions and batches', () => {
    const key = trialKey(11);
    for (const n of [2, 3, 10, 1000, 65_536, 200_001]) {
      const blocks = Math.ceil(n / BLOCK_SIZE);
      for (const k of [1, 2, 3, 5, 8]) {
        if (2 * k > n - 1) continue;
        const cur = opinions(n, n > 100 ? 0.05 : 0, n + k);
        for (const [shift, batch] of [[0, 1], [3, 2], [9, 16], [18, 1], [18, 2]] as const) {
          // From the second block on where there are several, so a range need not start at 0.
          const first = blocks > 1 ? 1 : 0;
          const a = new Uint8Array(n).fill(7);
          const b = new Uint8Array(n).fill(7);
          let onesA = 0;
          const st = new Int32Array(4);
          for (let block = first; block < blocks; block++) {
            streamState(key, 0, 3, block, st);
            onesA += majorityBinaryBlock(cur, a, block * BLOCK_SIZE, Math.min(n, (block + 1) * BLOCK_SIZE), n, k, st);
          }
          const onesB = majorityBlockedRange(cur, b, first, blocks, n, k, key, 3, new Int32Array(4), blockedScratch(n, k, shift, batch));
          const where = `n=${n} k=${k} shift=${shift} batch=${batch}`;
          expect(onesB, where).toBe(onesA);
          expect(Buffer.from(b).equals(Buffer.from(a)), where).toBe(true);
        }
      }
    }
  });

  it('refuses a region shift outside 0..31 and a batch below one block', () => {
    expect(() => blockedScratch(100, 3, 32)).toThrow(RangeError);
    expect(() => blockedScratch(100, 3, -1)).toThrow(RangeError);
    expect(() => blockedScratch(100, 3, 10, 0)).toThrow(RangeError);
  });
});

describe('blocked simulation', () => {
  // 300_000 agents span five random-stream blocks and two default regions (2^18).
  const cases: TrialParams[] = [
    { n: 1000, fanout: 5, split: 0.6, maxRounds: 6, threshold: 1 },
    { n: 65_536 * 2 + 77, fanout: 4, start: 'near-balanced', maxRounds: 6, threshold: 1 },
    { n: 300_000, fanout: 3, split: 0.55, maxRounds: 5, threshold: 1 },
    { n: 300_000, fanout: 8, start: 'near-balanced', maxRounds: 4, threshold: 1 },
    { n: 300_000, fanout: 5, split: 0.6, crashFraction: 0.2, crashRound: 1, maxRounds: 5, threshold: 1 },
  ];
  it('holds the same opinions as the unblocked kernel after every round', () => {
    for (const params of cases) {
      const plan = planTrial(params);
      for (const seed of [1, 2]) {
        const plain = createSimulation(plan, seed, { layout: 'bytes' });
        const blocked = createSimulation(plan, seed, { blocked: true });
        expect(blocked.kernel.kind).toBe('binary-blocked');
        expect(plain.kernel.kind).toBe('binary');
        for (let r = 0; r < plan.maxRounds; r++) {
          expect(stepRound(blocked), `n=${plan.n} k=${plan.k} round ${r + 1}`).toBe(stepRound(plain));
          const same = Buffer.from(blocked.pop.opinions as Uint8Array).equals(Buffer.from(plain.pop.opinions as Uint8Array));
          expect(same, `n=${plan.n} k=${plan.k} seed ${seed} round ${r + 1}`).toBe(true);
        }
      }
    }
  });

  it('runs trials identical to the unblocked kernel', () => {
    const plan = planTrial({ n: 20_000, fanout: 5, start: 'near-balanced', recordAgreement: true });
    expect(runPlan(plan, 3, { blocked: true })).toEqual(runPlan(plan, 3));
  });

  it('is chosen from BLOCKED_MIN_N agents on bytes and BITS_BLOCKED_MIN_N on bits, where the binary kernels run', () => {
    expect(autoBlocked(planTrial({ n: BLOCKED_MIN_N, fanout: 5, crashFraction: 0.1 }), 'bytes')).toBe(true);
    expect(autoBlocked(planTrial({ n: BLOCKED_MIN_N - 1, fanout: 5, crashFraction: 0.1 }), 'bytes')).toBe(false);
    expect(autoBlocked(planTrial({ n: BLOCKED_MIN_N, fanout: 5 }), 'bits')).toBe(false);
    expect(autoBlocked(planTrial({ n: BITS_BLOCKED_MIN_N - 1, fanout: 5 }), 'bits')).toBe(false);
    expect(autoBlocked(planTrial({ n: BITS_BLOCKED_MIN_N, fanout: 5 }), 'bits')).toBe(true);
    expect(autoBlocked(planTrial({ n: BITS_BLOCKED_MIN_N, fanout: 5, lossRate: 0.1 }), 'bytes')).toBe(false);
    expect(autoBlocked(planTrial({ n: BLOCKED_MIN_N, fanout: 5, counts: [BLOCKED_MIN_N - 10, 5, 5] }), 'bytes')).toBe(false);
  });

  it('is refused off the binary kernel', () => {
    expect(() => createSimulation(planTrial({ n: 1000, fanout: 3, counts: [500, 300, 200] }), 1, { blocked: true })).toThrow(RangeError);
    // Asked for at a size where the plan runs on bits, it blocks the bits kernel (not a byte copy).
    expect(createSimulation(planTrial({ n: 1 << 19, fanout: 5 }), 1, { blocked: true }).kernel.kind).toBe('bits-blocked');
    expect(createSimulation(planTrial({ n: 1 << 19, fanout: 5 }), 1, { blocked: true, layout: 'bytes' }).kernel.kind).toBe('binary-blocked');
    expect(() => createSimulation(planTrial({ n: 1000, fanout: 3, lossRate: 0.1 }), 1, { blocked: true })).toThrow(RangeError);
  });
});

describe('majorityBlockedBitsRange', () => {
  it('matches majorityBitsBlock block by block: next words and ones, over many regions and batches', () => {
    const key = trialKey(12);
    for (const n of [3, 33, 1000, 65_536, 200_001]) {
      const blocks = Math.ceil(n / BLOCK_SIZE);
      const bytes = opinions(n, 0, n);
      const cur = new Int32Array(Math.ceil(n / 32));
      for (let i = 0; i < n; i++) cur[i >>> 5]! |= bytes[i]! << (i & 31);
      for (const k of [1, 3, 5, 8]) {
        if (2 * k > n - 1) continue;
        for (const [shift, batch] of [[0, 1], [5, 2], [12, 16], [21, 1]] as const) {
          const first = blocks > 1 ? 1 : 0;
          const a = new Int32Array(cur.length);
          const b = new Int32Array(cur.length);
          let onesA = 0;
          const st = new Int32Array(4);
          for (let block = first; block < blocks; block++) {
            streamState(key, 0, 2, block, st);
            onesA += majorityBitsBlock(cur, a, block * BLOCK_SIZE, Math.min(n, (block + 1) * BLOCK_SIZE), n, k, st);
          }
          const onesB = majorityBlockedBitsRange(cur, b, first, blocks, n, k, key, 2, new Int32Array(4), blockedScratch(n, k, shift, batch));
          const where = `n=${n} k=${k} shift=${shift} batch=${batch}`;
          expect(onesB, where).toBe(onesA);
          expect([...b], where).toEqual([...a]);
        }
      }
    }
  });

  it('holds the same opinions as the unblocked bits kernel after every round', () => {
    for (const params of [
      { n: 65_536 * 2 + 77, fanout: 4, start: 'near-balanced' as const, maxRounds: 5, threshold: 1 },
      { n: 300_000, fanout: 5, split: 0.55, maxRounds: 4, threshold: 1 },
    ]) {
      const plan = planTrial(params);
      const plain = createSimulation(plan, 4, { layout: 'bits' });
      const blocked = createSimulation(plan, 4, { layout: 'bits', blocked: true });
      expect(blocked.kernel.kind).toBe('bits-blocked');
      for (let r = 1; r <= plan.maxRounds; r++) {
        expect(stepRound(blocked)).toBe(stepRound(plain));
        expect([...(blocked.pop.opinions as Int32Array)], `n=${plan.n} round ${r}`).toEqual([...(plain.pop.opinions as Int32Array)]);
      }
    }
  });
});
