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
});
