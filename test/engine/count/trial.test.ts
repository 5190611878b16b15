// Count-level trials: n up to 2^53 - 1, the TrialResult of the agent engine (messages counted the
// same way), faults at their limits, every start, determinism and pinned outputs, and the
// ParameterError on `engine` for what the count engine cannot run exactly.
import { describe, expect, it } from 'vitest';
import {
  COUNT_MAX_K,
  createCountSimulation,
  defineRule,
  ParameterError,
  planTrial,
  runTrial,
  stepCountRound,
  type TrialParams,
} from '../../../src/engine/index.ts';

const count = (p: TrialParams, seed: number | string) => runTrial({ ...p, engine: 'count', recordAgreement: true }, seed);

describe('count-level trials', () => {
  it('run at n = 2^53 - 1 and 1e15, the result in the agent engine shape', () => {
    for (const n of [2 ** 53 - 1, 1e15]) {
      const r = count({ n, fanout: 5, split: 0.7, threshold: 1, maxRounds: 50 }, 1);
      expect(r.converged).toBe(true);
      expect(r.winner).toBe(0);
      expect(r.leader).toBe(0);
      expect(r.finalAgreement).toBe(1);
      expect(r.live).toBe(n);
      expect(r.agreement).toHaveLength(r.rounds);
      expect(Object.keys(r).sort()).toEqual(['agreement', 'converged', 'finalAgreement', 'leader', 'live', 'messages', 'rounds', 'winner']);
    }
  });

  it('count messages as the agent engine: live x k a round, pull only from the uninformed', () => {
    const r = count({ n: 1e9, fanout: 4, split: 0.7, crashFraction: 0.25, crashRound: 1, threshold: 0.99 }, 2);
    expect(r.messages).toBe(1e9 * 4 + (r.rounds - 1) * 0.75e9 * 4);
    expect(r.live).toBe(0.75e9);
    for (const [protocol, k] of [['3-majority', 3], ['2-choices', 2]] as const) {
      const p = count({ n: 1e6, fanout: 9, protocol, split: 0.7 }, 3);
      expect(p.messages).toBe(p.rounds * 1e6 * k);
    }
    // Pull: each round every uninformed live agent sends k; the sum is k (rounds n - informed so far).
    const plan = planTrial({ n: 1e6, fanout: 2, protocol: 'pull', threshold: 1, engine: 'count' });
    const sim = createCountSimulation(plan, 4);
    let expected = 0;
    while (sim.round < 60 && sim.tally[1]! < sim.live) {
      expected += 2 * (sim.live - sim.tally[1]!);
      stepCountRound(sim);
      expect(sim.messages).toBe(expected);
    }
    expect(sim.tally[1]).toBe(1e6);
  });

  it('crash with recovery: the crashed come back with their opinions; stubborn agents never move', () => {
    const plan = planTrial({ n: 1e8, fanout: 3, split: 0.6, crashFraction: 0.4, crashRound: 1, crashRecovery: 3, stubbornFraction: 0.1, threshold: 1, engine: 'count' });
    const sim = createCountSimulation(plan, 5);
    stepCountRound(sim);
    stepCountRound(sim); // the crash, then round 2
    expect(sim.live).toBe(0.6e8);
    const down = [...sim.downFree, sim.downStubborn];
    expect(down.reduce((a, b) => a + b)).toBe(0.4e8);
    // Crashed stubborn agents are a hypergeometric share (about 40%) of the 1e7.
    expect(Math.abs(sim.downStubborn - 0.4e7)).toBeLessThan(5 * Math.sqrt(0.4e7 * 0.6 * 0.6));
    stepCountRound(sim);
    stepCountRound(sim);
    expect(sim.live).toBe(0.6e8);
    stepCountRound(sim); // round 5 starts with the recovery
    expect(sim.live).toBe(1e8);
    expect(sim.stubborn).toBe(1e7);
    expect(sim.tally[0]! + sim.tally[1]!).toBe(1e8);
    for (let r = 0; r < 20; r++) stepCountRound(sim);
    // The 1e7 stubborn agents hold opinion 1 for good: unanimity is out of reach.
    expect(sim.tally[1]).toBeGreaterThanOrEqual(1e7);
  });

  it('with every contact lost no opinion ever changes', () => {
    for (const protocol of ['majority', '3-majority', '2-choices', 'pull'] as const) {
      const p: TrialParams = protocol === 'pull' ? { n: 1e12, fanout: 3, protocol } : { n: 1e12, fanout: 3, protocol, counts: undefined, start: 'plurality', opinions: 3 };
      const r = count({ ...p, lossRate: 1, threshold: 1, maxRounds: 6 }, 6);
      expect(new Set(r.agreement).size).toBe(1);
      expect(r.rounds).toBe(6);
    }
  });

  it('run every start: split, near-balanced, counts, plurality, source', () => {
    const starts: TrialParams[] = [
      { n: 1e6, fanout: 3, split: 0.55 },
      { n: 1e6, fanout: 3, start: 'near-balanced' },
      { n: 1e6, fanout: 5, counts: [4e5, 3e5, 2e5, 1e5] },
      { n: 1e6, fanout: 5, start: 'plurality', opinions: 6, protocol: '3-majority' },
      { n: 1e6, fanout: 1, protocol: 'pull' },
    ];
    for (const p of starts) {
      const r = count({ ...p, maxRounds: 300 }, 7);
      expect(r.converged).toBe(true);
      expect(r.winner).toBe(p.protocol === 'pull' ? 1 : 0);
    }
  });

  it('is a pure function of (params, seed), and pinned for fixed seeds (the count engine stream definition)', () => {
    const p: TrialParams = { n: 1e12, fanout: 3, start: 'near-balanced', crashFraction: 0.2, crashRound: 3, lossRate: 0.1 };
    expect(count(p, 'x')).toEqual(count(p, 'x'));
    const fingerprint = (q: TrialParams, seed: number): string => {
      const r = count(q, seed);
      return `${r.rounds}/${r.messages}/${r.winner ?? '-'}/${r.live}/${[...r.agreement!].map((a) => a.toFixed(9)).join(',')}`;
    };
    expect({
      balanced: fingerprint({ n: 1e12, fanout: 3, start: 'near-balanced', maxRounds: 60 }, 1),
      faults: fingerprint(p, 2),
      pull: fingerprint({ n: 1e9, fanout: 2, protocol: 'pull', threshold: 1, lossRate: 0.2 }, 3),
    }).toMatchInlineSnapshot(`
      {
        "balanced": "36/108000000000000/0/1000000000000/0.500000609,0.500000760,0.500000972,0.500001779,0.500002817,0.500004069,0.500006044,0.500009385,0.500014153,0.500021560,0.500032152,0.500048149,0.500072172,0.500108799,0.500163960,0.500245955,0.500368667,0.500552627,0.500828808,0.501243086,0.501865213,0.502797766,0.504196845,0.506295110,0.509442352,0.514162287,0.521237951,0.531838073,0.547692355,0.571321610,0.606257019,0.656985834,0.727741254,0.817988535,0.912674754,0.978454785",
        "faults": "41/100200000000000/0/800000000000/0.500000925,0.500001268,0.500002218,0.500003652,0.500004458,0.500006126,0.500008962,0.500012371,0.500017345,0.500023965,0.500033322,0.500046213,0.500065487,0.500092029,0.500129165,0.500180953,0.500254542,0.500357250,0.500501738,0.500704287,0.500989778,0.501390799,0.501952810,0.502742825,0.503851914,0.505409862,0.507596840,0.510668355,0.514979924,0.521031877,0.529521757,0.541417185,0.558049719,0.581205897,0.613175686,0.656594527,0.713702900,0.784328481,0.862119501,0.931740668,0.976152804",
        "pull": "29/42540930968/1/1000000000/0.000000003,0.000000008,0.000000021,0.000000062,0.000000165,0.000000436,0.000001145,0.000002974,0.000007693,0.000019951,0.000051940,0.000135417,0.000351611,0.000912771,0.002371030,0.006153791,0.015917024,0.040813518,0.102429749,0.243509157,0.509545248,0.827886747,0.980374897,0.999087288,0.999963403,0.999998525,0.999999942,0.999999999,1.000000000",
      }
    `);
  });
});

describe('what the count engine refuses: a ParameterError on engine', () => {
  const refused: [string, TrialParams][] = [
    ['push', { n: 100, fanout: 2, protocol: 'push' }],
    ['push-pull', { n: 100, fanout: 2, protocol: 'push-pull' }],
    ['a topology', { n: 100, fanout: 2, topology: 'regular', degree: 4 }],
    ['more contacts than the bound', { n: 1000, fanout: COUNT_MAX_K + 1 }],
    ['an enumeration past the bound', { n: 1000, fanout: 5, counts: Array.from({ length: 200 }, () => 5) }],
    ['3-majority on 255 opinions', { n: 1000, fanout: 1, protocol: '3-majority', start: 'plurality', opinions: 255 }],
    ['rumor-mongering', { n: 100, fanout: 1, protocol: 'rumor-mongering' }],
    ['memberlist', { n: 100, fanout: 3, protocol: 'memberlist' }],
    ['a user rule', { n: 100, fanout: 3, rule: defineRule({ name: 'count-refusal-test', opinions: 2, contacts: { kind: 'distinct' }, update: (own) => own }) }],
  ];
  for (const [name, p] of refused) {
    it(name, () => {
      expect(() => planTrial(p)).not.toThrow();
      try {
        planTrial({ ...p, engine: 'count' });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe('engine');
        expect((error as ParameterError).message).toMatch(/use engine 'agent'/);
      }
    });
  }

  it('n above 2^31 - 1 is refused by the agent engine only', () => {
    expect(() => planTrial({ n: 2 ** 31, fanout: 3 })).toThrow(ParameterError);
    expect(planTrial({ n: 2 ** 53 - 1, fanout: 3, engine: 'count' }).n).toBe(2 ** 53 - 1);
    expect(() => planTrial({ n: 2 ** 53, fanout: 3, engine: 'count' })).toThrow(ParameterError);
  });
});
