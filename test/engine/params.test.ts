// Parameter validation: every bad value throws ParameterError naming the parameter, at set-up.
import { describe, expect, it } from 'vitest';
import { ParameterError, planTrial, runTrial, type TrialParams } from '../../src/engine/index.ts';

const bad: [string, TrialParams][] = [
  ['n', { n: 1, fanout: 1 }],
  ['n', { n: 10.5, fanout: 1 }],
  ['n', { n: Number.NaN, fanout: 1 }],
  ['fanout', { n: 10, fanout: 0 }],
  ['fanout', { n: 10, fanout: 2.5 }],
  ['threshold', { n: 10, fanout: 3, threshold: 0 }],
  ['threshold', { n: 10, fanout: 3, threshold: 1.01 }],
  ['split', { n: 10, fanout: 3, split: -0.1 }],
  ['split', { n: 10, fanout: 3, split: 1.5 }],
  ['crashFraction', { n: 10, fanout: 3, crashFraction: 1 }],
  ['crashFraction', { n: 10, fanout: 3, crashFraction: -0.5 }],
  ['crashRound', { n: 10, fanout: 3, crashRound: -1 }],
  ['maxRounds', { n: 10, fanout: 3, maxRounds: 0 }],
  ['counts', { n: 300, fanout: 3, counts: Array.from({ length: 256 }, (_, i) => (i < 44 ? 2 : 1)) }],
  ['counts', { n: 10, fanout: 3, counts: [3, 3] }],
  ['counts', { n: 10, fanout: 3, counts: [10] }],
  ['start', { n: 10, fanout: 3, start: 'lopsided' as never }],
  ['protocol', { n: 10, fanout: 3, protocol: 'raft' as never }],
  // Protocols and starts.
  ['start', { n: 10, fanout: 3, protocol: 'push', start: 'split' }],
  ['start', { n: 10, fanout: 3, protocol: 'pull', start: 'counts', counts: [9, 1] }],
  ['start', { n: 10, fanout: 3, start: 'source' }],
  ['start', { n: 10, fanout: 3, protocol: '3-majority', start: 'source' }],
  ['opinions', { n: 10, fanout: 3, start: 'plurality' }],
  ['opinions', { n: 10, fanout: 3, start: 'plurality', opinions: 1 }],
  ['opinions', { n: 10, fanout: 3, start: 'plurality', opinions: 256 }],
  ['opinions', { n: 10, fanout: 3, start: 'plurality', opinions: 2.5 }],
  ['bias', { n: 10, fanout: 3, start: 'plurality', opinions: 3, bias: -0.1 }],
  ['bias', { n: 10, fanout: 3, start: 'plurality', opinions: 3, bias: Number.POSITIVE_INFINITY }],
  // Faults.
  ['lossRate', { n: 10, fanout: 3, lossRate: -0.01 }],
  ['lossRate', { n: 10, fanout: 3, lossRate: 1.5 }],
  ['lossRate', { n: 10, fanout: 3, lossRate: Number.NaN }],
  ['crashRecovery', { n: 10, fanout: 3, crashFraction: 0.2, crashRecovery: -1 }],
  ['crashRecovery', { n: 10, fanout: 3, crashFraction: 0.2, crashRecovery: 1.5 }],
  ['stubbornFraction', { n: 10, fanout: 3, stubbornFraction: 1 }],
  ['stubbornFraction', { n: 10, fanout: 3, stubbornFraction: -0.1 }],
  ['stubbornFraction', { n: 100, fanout: 3, split: 0.7, stubbornFraction: 0.31 }],
  ['stubbornFraction', { n: 100, fanout: 3, protocol: 'push', stubbornFraction: 0.1 }],
  ['stubbornOpinion', { n: 10, fanout: 3, stubbornFraction: 0.1, stubbornOpinion: 2 }],
  ['stubbornOpinion', { n: 10, fanout: 3, stubbornFraction: 0.1, stubbornOpinion: -1 }],
  ['stubbornOpinion', { n: 10, fanout: 3, stubbornFraction: 0.1, stubbornOpinion: 0.5 }],
  // Topologies.
  ['topology', { n: 10, fanout: 3, topology: 'hypercube' as never }],
  ['degree', { n: 10, fanout: 3, topology: 'ring', degree: 3 }],
  ['degree', { n: 10, fanout: 3, topology: 'ring', degree: 10 }],
  ['degree', { n: 10, fanout: 3, topology: 'ring', degree: 0 }],
  ['degree', { n: 10, fanout: 3, topology: 'ws', degree: 5 }],
  ['degree', { n: 10, fanout: 3, topology: 'ba', degree: 7 }],
  ['degree', { n: 10, fanout: 3, topology: 'ba', degree: 20 }],
  ['degree', { n: 9, fanout: 3, topology: 'regular', degree: 3 }],
  ['degree', { n: 10, fanout: 3, topology: 'regular', degree: 10 }],
  ['degree', { n: 10, fanout: 3, topology: 'regular', degree: 2.5 }],
  ['degree', { n: 10, fanout: 3, topology: 'er', degree: -1 }],
  ['degree', { n: 10, fanout: 3, topology: 'er', degree: 9.5 }],
  ['degree', { n: 16, fanout: 3, topology: 'torus', degree: 6 }],
  ['degree', { n: 2 ** 30, fanout: 3, topology: 'regular', degree: 4 }],
  ['n', { n: 10, fanout: 3, topology: 'torus' }],
  ['n', { n: 4, fanout: 3, topology: 'torus' }],
  ['rewire', { n: 10, fanout: 3, topology: 'ws', rewire: 1.5 }],
  ['rewire', { n: 10, fanout: 3, topology: 'ws', rewire: -0.5 }],
];

describe('planTrial', () => {
  for (const [parameter, params] of bad) {
    it(`rejects ${parameter} = ${JSON.stringify(params[parameter as keyof TrialParams])}`, () => {
      let error: unknown;
      try {
        runTrial(params, 1);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe(parameter);
      expect((error as ParameterError).message).toContain(parameter);
    });
  }

  it('fills defaults and derives k, split and crash count', () => {
    const plan = planTrial({ n: 10, fanout: 30, crashFraction: 0.25 });
    expect(plan).toMatchObject({ k: 9, threshold: 0.95, maxRounds: 100, start: 'split', split: 0.7, crashCount: 3 });
    expect(planTrial({ n: 2, fanout: 1, crashFraction: 0.9 }).crashCount).toBe(1);
    expect(planTrial({ n: 255, fanout: 1, counts: Array.from({ length: 255 }, () => 1) }).initialCounts.length).toBe(255);
  });

  it('fills the defaults of the new parameters', () => {
    expect(planTrial({ n: 10, fanout: 3 })).toMatchObject({
      protocol: 'majority',
      bias: 0,
      lossRate: 0,
      crashRecovery: 0,
      stubbornFraction: 0,
      stubbornCount: 0,
      stubbornOpinion: 1,
      topology: 'complete',
      degree: 9,
      rewire: 0,
    });
    expect(planTrial({ n: 100, fanout: 3, split: 0.7, stubbornFraction: 0.3 })).toMatchObject({ stubbornCount: 30, stubbornOpinion: 1 });
    expect(planTrial({ n: 100, fanout: 3, protocol: 'push', stubbornFraction: 0.1, stubbornOpinion: 0 }).stubbornCount).toBe(10);
    expect(planTrial({ n: 10, fanout: 3, crashFraction: 0.2, crashRecovery: 4 }).crashRecovery).toBe(4);
    expect(planTrial({ n: 100, fanout: 3, topology: 'er', degree: 2.5 }).degree).toBe(2.5);
    expect(planTrial({ n: 100, fanout: 3, topology: 'ba', degree: 8 }).degree).toBe(8);
    // Parameters of other starts and topologies are ignored.
    expect(planTrial({ n: 100, fanout: 3, degree: 3, rewire: 7, opinions: 1000, bias: -1 })).toMatchObject({ degree: 99, rewire: 0, bias: 0 });
  });
});
