// 3-majority and 2-choices: one round against exact enumeration (with replacement, crashed and
// lost peers), on the complete graph and on a graph; fanout ignored; loss 1 changes nothing.
import { describe, expect, it } from 'vitest';
import {
  CRASHED,
  lossThreshold,
  planTrial,
  runTrial,
  threeMajorityBlock,
  threeMajorityGraphBlock,
  twoChoicesBlock,
  twoChoicesGraphBlock,
  type TrialParams,
} from '../../src/engine/index.ts';
import { csr, expectRoundExact } from './kernel-check.ts';
import { exactPoll, othersOf } from './reference.ts';

const tally = new Float64Array(256);

describe('3-majority, one round against exact enumeration', () => {
  it('complete graph, three opinions (ties between three different answers go to the first)', () => {
    const cur = [0, 1, 2, 1, 2, 0];
    expectRoundExact(cur, (c, x, st, ls) => threeMajorityBlock(c, x, 0, c.length, c.length, st, ls, 0, tally), (i) =>
      exactPoll(cur, i, 3, othersOf(cur.length, i)),
    );
  });

  it('complete graph with crashed peers (fewer answers: the most common of those, none: own)', () => {
    const cur = [0, 1, CRASHED, 1, CRASHED, 2];
    expectRoundExact(cur, (c, x, st, ls) => threeMajorityBlock(c, x, 0, c.length, c.length, st, ls, 0, tally), (i) =>
      exactPoll(cur, i, 3, othersOf(cur.length, i)),
    );
  });

  it('complete graph with lost contacts (q = 0.3)', () => {
    const cur = [0, 1, 1, 0, 2];
    const cut = lossThreshold(0.3);
    expectRoundExact(cur, (c, x, st, ls) => threeMajorityBlock(c, x, 0, c.length, c.length, st, ls, cut, tally), (i) =>
      exactPoll(cur, i, 3, othersOf(cur.length, i), 0.3),
    );
  });

  it('on a graph: polls only neighbours, with replacement; an isolated agent keeps its opinion', () => {
    const lists = [[1, 2, 3], [0, 2], [0, 1, 4], [0], [2], []];
    const { offsets, targets } = csr(lists);
    // Agent 0's neighbours hold three different opinions (the tie rule matters there).
    const cur = [0, 1, 2, 0, 1, 2];
    expectRoundExact(cur, (c, x, st, ls) => threeMajorityGraphBlock(c, x, 0, c.length, offsets, targets, st, ls, 0, tally), (i) =>
      lists[i]!.length === 0 ? new Map([[cur[i]!, 1]]) : exactPoll(cur, i, 3, lists[i]!),
    );
  });
});

describe('2-choices, one round against exact enumeration', () => {
  it('complete graph, with a crashed agent', () => {
    const cur = [0, 1, 1, 0, CRASHED, 1];
    expectRoundExact(cur, (c, x, st, ls) => twoChoicesBlock(c, x, 0, c.length, c.length, st, ls, 0, tally), (i) =>
      exactPoll(cur, i, 2, othersOf(cur.length, i)),
    );
  });

  it('complete graph with lost contacts (q = 0.5)', () => {
    const cur = [0, 1, 1, 0, 1];
    const cut = lossThreshold(0.5);
    expectRoundExact(cur, (c, x, st, ls) => twoChoicesBlock(c, x, 0, c.length, c.length, st, ls, cut, tally), (i) =>
      exactPoll(cur, i, 2, othersOf(cur.length, i), 0.5),
    );
  });

  it('on a graph', () => {
    const lists = [[1, 2], [0, 2, 3], [0, 1], [1]];
    const { offsets, targets } = csr(lists);
    const cur = [0, 1, 1, 0];
    expectRoundExact(cur, (c, x, st, ls) => twoChoicesGraphBlock(c, x, 0, c.length, offsets, targets, st, ls, 0, tally), (i) =>
      exactPoll(cur, i, 2, lists[i]!),
    );
  });

  it('the exact reference itself: own 0 among others [1, 1, 0, 0] moves to 1 with p = 1/4', () => {
    expect(exactPoll([0, 1, 1, 0, 0], 0, 2, [1, 2, 3, 4]).get(1)).toBeCloseTo(4 / 16, 12);
    // 3-majority, others [1, 1, 0, 0]: a majority of 1 among three polls has p = 1/2.
    expect(exactPoll([0, 1, 1, 0, 0], 0, 3, [1, 2, 3, 4]).get(1)).toBeCloseTo(1 / 2, 12);
  });
});

describe('polling trials', () => {
  for (const [protocol, contacts] of [
    ['3-majority', 3],
    ['2-choices', 2],
  ] as const) {
    it(`${protocol}: ${contacts} messages per live agent and round, whatever the fanout`, () => {
      for (const fanout of [1, 7]) {
        const r = runTrial({ n: 500, fanout, protocol, start: 'near-balanced', threshold: 1, maxRounds: 5 }, 3);
        expect(r.messages).toBe(r.rounds * 500 * contacts);
      }
      expect(planTrial({ n: 500, fanout: 9, protocol }).k).toBe(contacts);
      const crashed = runTrial({ n: 500, fanout: 1, protocol, crashFraction: 0.2, threshold: 1, maxRounds: 4 }, 3);
      expect(crashed.messages).toBe(4 * 400 * contacts);
    });

    it(`${protocol}: reaches consensus on the initial majority`, () => {
      const r = runTrial({ n: 5000, fanout: 1, protocol, split: 0.7, threshold: 1 }, 5);
      expect(r.converged).toBe(true);
      expect(r.winner).toBe(0);
    });

    it(`${protocol}: with every contact lost no opinion ever changes`, () => {
      const p: TrialParams = { n: 300, fanout: 1, protocol, counts: [100, 120, 80], threshold: 1, maxRounds: 8, lossRate: 1, recordAgreement: true };
      const r = runTrial(p, 4);
      expect([...r.agreement!]).toEqual(Array.from({ length: 8 }, () => 120 / 300));
    });
  }
});
