// The mean-field map against hand-computed values and a large simulation.
import { describe, expect, it } from 'vitest';
import { majorityMap, meanFieldAgreement, meanFieldRounds } from '../../src/claims/theory.ts';
import { runTrial } from '../../src/engine/index.ts';

describe('majorityMap', () => {
  it('k = 1: ties keep own opinion, so nothing moves on average', () => {
    expect(majorityMap(0.7, 1)).toBeCloseTo(0.7, 12);
  });

  it('k = 2: own 0 keeps unless both peers say 1; own 1 switches when both say 0', () => {
    const p = 0.7;
    expect(majorityMap(p, 2)).toBeCloseTo(p * (1 - (1 - p) ** 2) + (1 - p) * p * p, 12);
  });

  it('k = 3 at p = 0.7 (hand computed)', () => {
    // own 0 keeps when X >= 1: 1 - 0.3^3; own 1 switches when X >= 3: 0.7^3.
    expect(majorityMap(0.7, 3)).toBeCloseTo(0.7 * (1 - 0.027) + 0.3 * 0.343, 12);
  });

  it('fixed points 0, 1/2, 1 and amplification of a bias', () => {
    for (const k of [1, 2, 3, 5, 8]) {
      expect(majorityMap(0, k)).toBeCloseTo(0, 12);
      expect(majorityMap(1, k)).toBeCloseTo(1, 12);
      expect(majorityMap(0.5, k)).toBeCloseTo(0.5, 12);
      if (k >= 2) expect(majorityMap(0.6, k)).toBeGreaterThan(0.6);
    }
  });

  it('predicts the engine at n = 10^5 after one and two rounds', () => {
    const r = runTrial({ n: 100_000, fanout: 5, split: 0.7, threshold: 1, maxRounds: 2, recordAgreement: true }, 3);
    const theory = meanFieldAgreement(0.7, 5, 2);
    expect(r.agreement![0]).toBeCloseTo(theory[0]!, 2);
    expect(r.agreement![1]).toBeCloseTo(theory[1]!, 2);
  });

  it('rounds to the threshold', () => {
    expect(meanFieldRounds(0.7, 5, 0.95, 50)).toBe(2);
    expect(meanFieldRounds(0.5, 5, 0.95, 50)).toBeNull();
    expect(meanFieldRounds(0.5 + 1 / 2000, 5, 0.95, 100)).toBeGreaterThan(meanFieldRounds(0.5 + 1 / 20, 5, 0.95, 100)!);
  });
});
