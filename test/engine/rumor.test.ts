// Rumor spreading (push, pull, push-pull): one round against exact per-agent probabilities on
// tiny networks, and trials: nobody is ever un-informed, message counts, convergence, loss.
import { describe, expect, it } from 'vitest';
import {
  CRASHED,
  createSimulation,
  lossThreshold,
  neighbourScratch,
  peerScratch,
  planTrial,
  pullBlock,
  pullGraphBlock,
  pushBlock,
  pushGraphBlock,
  pushPullBlock,
  pushPullGraphBlock,
  runTrial,
  stepRound,
  type RumorProtocol,
  type TrialParams,
} from '../../src/engine/index.ts';
import { csr, expectRoundExact } from './kernel-check.ts';
import { orderedSamplesOf, othersOf } from './reference.ts';

/**
 * Exact probability that agent j is informed after one round: it fails only if no push reaches
 * it (informed i picks j with probability min(k, d_i) / d_i, independently, kept with 1 - q) and,
 * for pull and push-pull, its own contacts (min(k, d_j) distinct neighbours) bring nothing.
 */
function exactRumor(cur: readonly number[], j: number, protocol: RumorProtocol, k: number, lists: readonly (readonly number[])[], q: number): Map<number, number> {
  if (cur[j] === 1) return new Map([[1, 1]]);
  let fail = 1;
  if (protocol !== 'pull') {
    cur.forEach((o, i) => {
      const l = lists[i]!;
      if (o === 1 && l.includes(j)) fail *= 1 - (Math.min(k, l.length) / l.length) * (1 - q);
    });
  }
  if (protocol !== 'push' && lists[j]!.length > 0) {
    const samples = orderedSamplesOf(lists[j]!, Math.min(k, lists[j]!.length));
    let pullFail = 0;
    for (const s of samples) pullFail += s.reduce((f, p) => (cur[p] === 1 ? f * q : f), 1) / samples.length;
    fail *= pullFail;
  }
  return new Map(
    [
      [1, 1 - fail],
      [0, fail],
    ].filter(([, p]) => p! > 1e-15) as [number, number][],
  );
}

const complete = (n: number): number[][] => [...Array(n).keys()].map((i) => othersOf(n, i));

describe('one round against exact probabilities', () => {
  const cur = [1, 0, 0, 1, CRASHED, 0];
  const n = cur.length;
  for (const q of [0, 0.3]) {
    const cut = lossThreshold(q);
    it(`complete graph, k = 2, q = ${q}`, () => {
      const sampling = peerScratch(n, 2);
      expectRoundExact(cur, (c, x, st, ls) => pushBlock(c, x, 0, n, n, 2, st, ls, cut, sampling), (i) => exactRumor(cur, i, 'push', 2, complete(n), q));
      expectRoundExact(cur, (c, x, st, ls) => pullBlock(c, x, 0, n, n, 2, st, ls, cut, sampling), (i) => exactRumor(cur, i, 'pull', 2, complete(n), q));
      expectRoundExact(cur, (c, x, st, ls) => pushPullBlock(c, x, 0, n, n, 2, st, ls, cut, sampling), (i) =>
        exactRumor(cur, i, 'push-pull', 2, complete(n), q),
      );
    });
  }

  const lists = [[1, 2, 3], [0, 4], [0, 5], [0, 4, 5], [1, 3], [2, 3]];
  const { offsets, targets } = csr(lists);
  const g = [0, 1, 0, 0, 0, 1];
  for (const k of [1, 2, 3]) {
    it(`on a graph, k = ${k} (all neighbours without drawing when k >= degree)`, () => {
      const scratch = neighbourScratch(k, 3);
      expectRoundExact(g, (c, x, st, ls) => pushGraphBlock(c, x, 0, 6, offsets, targets, k, st, ls, 0, scratch), (i) => exactRumor(g, i, 'push', k, lists, 0));
      expectRoundExact(g, (c, x, st, ls) => pullGraphBlock(c, x, 0, 6, offsets, targets, k, st, ls, 0, scratch), (i) => exactRumor(g, i, 'pull', k, lists, 0));
      expectRoundExact(g, (c, x, st, ls) => pushPullGraphBlock(c, x, 0, 6, offsets, targets, k, st, ls, lossThreshold(0.5), scratch), (i) =>
        exactRumor(g, i, 'push-pull', k, lists, 0.5),
      );
    });
  }
});

describe('rumor trials', () => {
  const protocols: RumorProtocol[] = ['push', 'pull', 'push-pull'];

  for (const protocol of protocols) {
    it(`${protocol}: starts from one source and never un-informs anyone; the informed count never falls`, () => {
      for (const extra of [{}, { lossRate: 0.4 }, { topology: 'ba', degree: 4 }, { crashFraction: 0.2, crashRound: 2 }] as Partial<TrialParams>[]) {
        const plan = planTrial({ n: 400, fanout: 2, protocol, threshold: 1, ...extra });
        expect(plan.start).toBe('source');
        expect(plan.initialCounts).toEqual([399, 1]);
        const sim = createSimulation(plan, 8);
        let before = Uint8Array.from(sim.pop.opinions as Uint8Array);
        expect(before.filter((o) => o === 1).length).toBe(1);
        let informed = 1;
        for (let r = 0; r < 12; r++) {
          stepRound(sim);
          const now = sim.pop.opinions as Uint8Array;
          for (let i = 0; i < 400; i++) if (before[i] === 1 && now[i] !== CRASHED) expect(now[i], `agent ${i} round ${r + 1}`).toBe(1);
          if (sim.round !== plan.crashRound + 1) expect(sim.tally[1]).toBeGreaterThanOrEqual(informed);
          informed = sim.tally[1]!;
          expect(informed).toBe(now.filter((o) => o === 1).length);
          before = Uint8Array.from(now);
        }
      }
    });

    it(`${protocol}: converges with winner 1 when the informed fraction reaches the threshold, which may be below one half`, () => {
      const r = runTrial({ n: 2000, fanout: 1, protocol, threshold: 0.3, recordAgreement: true }, 2);
      expect(r.converged).toBe(true);
      expect(r.winner).toBe(1);
      expect(r.finalAgreement).toBeGreaterThanOrEqual(0.3);
      expect(r.finalAgreement).toBeLessThan(0.5);
      for (let i = 0; i < r.rounds - 1; i++) expect(r.agreement![i]).toBeLessThan(0.3);
      const all = runTrial({ n: 2000, fanout: 1, protocol, threshold: 1 }, 2);
      expect(all.converged).toBe(true);
      expect(all.finalAgreement).toBe(1);
    });

    it(`${protocol}: with every contact lost nobody beyond the source is ever informed`, () => {
      const r = runTrial({ n: 300, fanout: 3, protocol, lossRate: 1, maxRounds: 6, recordAgreement: true }, 1);
      expect([...r.agreement!]).toEqual(Array.from({ length: 6 }, () => 1 / 300));
      expect(r.converged).toBe(false);
    });
  }

  it('pull from one source with fanout n - 1 informs everyone in round 1', () => {
    const r = runTrial({ n: 50, fanout: 49, protocol: 'pull', threshold: 1 }, 3);
    expect(r).toMatchObject({ rounds: 1, converged: true, winner: 1, finalAgreement: 1, messages: 49 * 49 });
  });

  it('push with fanout n - 1 informs everyone in round 1 with n - 1 messages', () => {
    const r = runTrial({ n: 50, fanout: 60, protocol: 'push', threshold: 1 }, 3);
    expect(r).toMatchObject({ rounds: 1, converged: true, messages: 49 });
  });

  it('messages: push-pull = rounds x n x k, push = k x informed at each round start, pull = k x uninformed', () => {
    const n = 3000;
    const k = 2;
    const pp = runTrial({ n, fanout: k, protocol: 'push-pull', threshold: 1 }, 5);
    expect(pp.messages).toBe(pp.rounds * n * k);
    for (const protocol of ['push', 'pull'] as const) {
      const r = runTrial({ n, fanout: k, protocol, threshold: 1, recordAgreement: true }, 5);
      const informed = [1, ...[...r.agreement!].map((a) => Math.round(a * n))].slice(0, r.rounds);
      const expected = informed.reduce((sum, i) => sum + k * (protocol === 'push' ? i : n - i), 0);
      expect(r.messages).toBe(expected);
    }
  });

  it('the source is placed uniformly at random by the seed', () => {
    const hits = new Float64Array(10);
    for (let s = 0; s < 5000; s++) {
      const sim = createSimulation(planTrial({ n: 10, fanout: 1, protocol: 'push' }), s);
      hits[(sim.pop.opinions as Uint8Array).indexOf(1)]!++;
    }
    // 500 expected per agent, sd about 21.
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(110);
  });

  it('agreement is the informed share of the live agents under crashes', () => {
    const r = runTrial({ n: 1000, fanout: 2, protocol: 'push-pull', crashFraction: 0.5, crashRound: 0, threshold: 1 }, 6);
    expect(r.live).toBe(500);
    if (r.converged) expect(r.finalAgreement).toBe(1);
    expect(r.messages).toBe(r.rounds * 500 * 2);
  });
});
