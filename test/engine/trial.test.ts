// Trials: determinism, messages, convergence, unanimity, crash faults, and the kernels agreeing.
import { describe, expect, it } from 'vitest';
import {
  CRASHED,
  createPopulation,
  crashAgents,
  majorityBinaryBlock,
  majorityGeneralBlock,
  majorityScratch,
  planTrial,
  Purpose,
  runTrial,
  streamState,
  trialKey,
} from '../../src/engine/index.ts';

describe('runTrial', () => {
  it('is a pure function of (params, seed)', () => {
    const p = { n: 2000, fanout: 3, start: 'near-balanced' as const, recordAgreement: true };
    expect(runTrial(p, 7)).toEqual(runTrial(p, 7));
    expect(runTrial(p, 'seven')).toEqual(runTrial(p, 'seven'));
  });

  it('differs across seeds', () => {
    const p = { n: 2000, fanout: 3, start: 'near-balanced' as const, recordAgreement: true };
    const histories = new Set([1, 2, 3, 4, 5].map((s) => runTrial(p, s).agreement!.join(',')));
    expect(histories.size).toBeGreaterThan(1);
  });

  it('counts one message per contact: live agents x min(fanout, n - 1) per round', () => {
    for (const [n, fanout] of [
      [10, 3],
      [7, 20],
      [500, 5],
    ] as const) {
      const r = runTrial({ n, fanout, start: 'near-balanced', threshold: 1, maxRounds: 6 }, 3);
      expect(r.messages).toBe(r.rounds * n * Math.min(fanout, n - 1));
    }
  });

  it('always runs at least one round, and stops at maxRounds', () => {
    const unanimous = runTrial({ n: 50, fanout: 3, split: 1 }, 1);
    expect(unanimous.rounds).toBe(1);
    expect(unanimous.converged).toBe(true);
    expect(unanimous.winner).toBe(0);
    const capped = runTrial({ n: 1000, fanout: 1, start: 'near-balanced', threshold: 1, maxRounds: 3 }, 1);
    expect(capped.rounds).toBe(3);
    expect(capped.converged).toBe(false);
    expect(capped.winner).toBeNull();
  });

  it('keeps unanimity: agreement stays 1 every round', () => {
    const r = runTrial({ n: 300, fanout: 4, counts: [0, 300], threshold: 1, maxRounds: 1, recordAgreement: true }, 9);
    expect(r.winner).toBe(1);
    expect([...r.agreement!]).toEqual([1]);
    const pop = createPopulation(planTrial({ n: 300, fanout: 4, split: 0 }), trialKey(1));
    const st = new Int32Array(4);
    for (let round = 1; round <= 5; round++) {
      streamState(trialKey(1), Purpose.round, round, 0, st);
      majorityBinaryBlock(pop.opinions, pop.next, 0, 300, 300, 4, st);
      expect(pop.next.every((o) => o === 1)).toBe(true);
    }
  });

  it('records agreement after each round, reaching the threshold at the last', () => {
    const r = runTrial({ n: 5000, fanout: 5, recordAgreement: true }, 11);
    expect(r.agreement!.length).toBe(r.rounds);
    expect(r.agreement![r.rounds - 1]).toBe(r.finalAgreement);
    expect(r.finalAgreement).toBeGreaterThanOrEqual(0.95);
    for (let i = 0; i < r.rounds - 1; i++) expect(r.agreement![i]).toBeLessThan(0.95);
  });

  it('places exactly round(split * n) zeros, and ceil((n + sqrt n) / 2) near-balanced', () => {
    const key = trialKey(5);
    const zeros = (u: Uint8Array) => u.reduce((a, o) => a + (o === 0 ? 1 : 0), 0);
    expect(zeros(createPopulation(planTrial({ n: 1001, fanout: 3, split: 0.7 }), key).opinions)).toBe(701);
    expect(zeros(createPopulation(planTrial({ n: 10_000, fanout: 3, start: 'near-balanced' }), key).opinions)).toBe(5050);
    const multi = createPopulation(planTrial({ n: 100, fanout: 3, counts: [10, 20, 30, 40] }), key).opinions;
    expect([0, 1, 2, 3].map((o) => multi.filter((x) => x === o).length)).toEqual([10, 20, 30, 40]);
  });
});

describe('leader', () => {
  it('is the winner when converged, and the most common live opinion when not', () => {
    const won = runTrial({ n: 1000, fanout: 5, split: 0.3 }, 1);
    expect([won.converged, won.winner, won.leader]).toEqual([true, 1, 1]);
    // 20% stubborn holders of 1 cap agreement on 0 at 80%: no convergence, opinion 0 still leads.
    const stalled = runTrial({ n: 1000, fanout: 5, split: 0.7, stubbornFraction: 0.2, maxRounds: 30 }, 1);
    expect([stalled.converged, stalled.winner, stalled.leader]).toEqual([false, null, 0]);
    // At most 0.8; the stubborn agents keep some free agents on 1 (mean-field: 0.791).
    expect(stalled.finalAgreement).toBeLessThanOrEqual(0.8);
    expect(stalled.finalAgreement).toBeGreaterThan(0.77);
    // A rumor that has reached fewer than half: the uninformed (0) lead.
    const early = runTrial({ n: 1000, fanout: 1, protocol: 'push', threshold: 1, maxRounds: 2 }, 1);
    expect([early.converged, early.leader]).toEqual([false, 0]);
  });
});

describe('crash faults', () => {
  it('crashes exactly round(f * n) agents, who neither update nor answer', () => {
    const n = 1000;
    const r = runTrial({ n, fanout: 3, crashFraction: 0.25, crashRound: 0, threshold: 1, maxRounds: 5, start: 'near-balanced' }, 4);
    expect(r.live).toBe(750);
    expect(r.messages).toBe(r.rounds * 750 * 3);
  });

  it('crash at round 2 counts full rounds before it', () => {
    const r = runTrial({ n: 1000, fanout: 3, crashFraction: 0.1, crashRound: 2, threshold: 1, maxRounds: 4, start: 'near-balanced' }, 4);
    expect(r.rounds).toBe(4);
    expect(r.messages).toBe(2 * 1000 * 3 + 2 * 900 * 3);
  });

  it('a crashed agent keeps CRASHED and a live agent that only reaches crashed peers keeps its opinion', () => {
    const cur = Uint8Array.from([0, CRASHED, CRASHED, CRASHED, 1]);
    const next = Uint8Array.from(cur);
    const st = streamState(trialKey(2), Purpose.round, 1, 0, new Int32Array(4));
    const tally = new Float64Array(256);
    // Agent 0 sees three crashed peers and agent 4 (opinion 1) at most: [0, 1] ties -> keeps 0.
    majorityGeneralBlock(cur, next, 0, 5, 5, 4, st, majorityScratch(5, 4), tally);
    expect([...next]).toEqual([0, CRASHED, CRASHED, CRASHED, 1]);
    expect(tally[0]).toBe(1);
    expect(tally[1]).toBe(1);
  });

  it('crashAgents picks distinct live agents, uniformly', () => {
    const hits = new Float64Array(20);
    for (let s = 0; s < 4000; s++) {
      const pop = createPopulation(planTrial({ n: 20, fanout: 2, split: 0.5 }), trialKey(s));
      crashAgents(pop, 5, trialKey(s));
      expect(pop.live).toBe(15);
      pop.opinions.forEach((o, i) => {
        if (o === CRASHED) hits[i]!++;
      });
    }
    // Each agent crashes with probability 1/4: 1000 expected, sd about 27.
    for (const h of hits) expect(Math.abs(h - 1000)).toBeLessThan(130);
  });
});

describe('binary kernel', () => {
  it('gives exactly the general kernel results for the same stream', () => {
    for (const [n, k] of [
      [11, 3],
      [1000, 5],
      [70_000, 4],
    ] as const) {
      const pop = createPopulation(planTrial({ n, fanout: k, split: 0.55 }), trialKey(n));
      crashAgents(pop, Math.floor(n / 10), trialKey(n));
      const a = new Uint8Array(pop.next);
      const b = new Uint8Array(pop.next);
      const scratch = majorityScratch(n, k);
      const sa = streamState(trialKey(1), Purpose.round, 1, 0, new Int32Array(4));
      const sb = Int32Array.from(sa);
      const tally = new Float64Array(256);
      const ones = majorityBinaryBlock(pop.opinions, a, 0, n, n, k, sa);
      majorityGeneralBlock(pop.opinions, b, 0, n, n, k, sb, scratch, tally);
      expect(a).toEqual(b);
      expect(sa).toEqual(sb);
      expect(ones).toBe(tally[1]);
    }
  });
});
