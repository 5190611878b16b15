// Majority off the fast path: lost contacts on the complete graph and distinct neighbours on a
// graph, one round against exact enumeration; the lossy kernel without loss is the general one.
import { describe, expect, it } from 'vitest';
import {
  CRASHED,
  createPopulation,
  lossThreshold,
  majorityGeneralBlock,
  majorityGraphBlock,
  majorityLossyBlock,
  majorityScratch,
  neighbourScratch,
  planTrial,
  Purpose,
  streamState,
  trialKey,
} from '../../src/engine/index.ts';
import { csr, expectRoundExact } from './kernel-check.ts';
import { exactMajority, othersOf } from './reference.ts';

const tally = new Float64Array(256);

describe('majority with lost contacts (complete graph)', () => {
  it('matches exact enumeration at q = 0.4, with a crashed peer', () => {
    const cur = [0, 1, 2, 1, CRASHED];
    const scratch = majorityScratch(5, 3);
    const cut = lossThreshold(0.4);
    expectRoundExact(cur, (c, x, st, ls) => majorityLossyBlock(c, x, 0, 5, 5, 3, st, ls, cut, scratch, tally), (i) =>
      exactMajority(cur, i, 3, othersOf(5, i), 0.4),
    );
  });

  it('draws the same peers as the general kernel, and with lossCut 0 gives exactly its result', () => {
    const n = 3000;
    const pop = createPopulation(planTrial({ n, fanout: 5, counts: [1000, 1200, 800] }), trialKey(1));
    const a = new Uint8Array(n);
    const b = new Uint8Array(n);
    const sa = streamState(trialKey(2), Purpose.round, 1, 0, new Int32Array(4));
    const sb = Int32Array.from(sa);
    const ta = new Float64Array(256);
    const tb = new Float64Array(256);
    majorityGeneralBlock(pop.opinions, a, 0, n, n, 5, sa, majorityScratch(n, 5), ta);
    majorityLossyBlock(pop.opinions, b, 0, n, n, 5, sb, new Int32Array(4), 0, majorityScratch(n, 5), tb);
    expect(b).toEqual(a);
    expect(sb).toEqual(sa);
    expect(tb).toEqual(ta);
  });
});

describe('majority on a graph', () => {
  // Degrees 5, 2, 3, 3, 4, 1, 0: both sampler paths (rejection when 2c <= d, else shuffle).
  const lists = [[1, 2, 3, 4, 5], [0, 4], [0, 3, 4], [0, 2, 4], [0, 1, 2, 3], [0], []];
  const { offsets, targets } = csr(lists);
  const cur = [0, 1, 2, 1, 2, 0, 1];
  for (const k of [1, 2, 3, 6]) {
    it(`k = ${k}: min(k, degree) distinct neighbours, exact`, () => {
      const scratch = neighbourScratch(k, 5);
      expectRoundExact(cur, (c, x, st, ls) => majorityGraphBlock(c, x, 0, 7, offsets, targets, k, st, ls, 0, scratch, tally), (i) =>
        exactMajority(cur, i, k, lists[i]!),
      );
    });
  }

  it('with lost contacts (q = 0.5), exact', () => {
    const scratch = neighbourScratch(2, 5);
    const cut = lossThreshold(0.5);
    expectRoundExact(cur, (c, x, st, ls) => majorityGraphBlock(c, x, 0, 7, offsets, targets, 2, st, ls, cut, scratch, tally), (i) =>
      exactMajority(cur, i, 2, lists[i]!, 0.5),
    );
  });
});
