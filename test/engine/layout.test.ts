// The bits layout holds and updates exactly what the bytes layout does.
import { describe, expect, it } from 'vitest';
import { autoLayout, BITS_MIN_N, bitsApply, createPopulation, opinionAt, planTrial, runPlan, trialKey, type TrialParams } from '../../src/engine/index.ts';

describe('bits layout', () => {
  it('places the same opinions as bytes', () => {
    for (const [n, split] of [[2, 0.37], [31, 0.37], [32, 0.37], [33, 0.37], [1000, 0.37], [70_000, 0.37], [1000, 0.999], [1000, 0.001], [64, 0.5]] as const) {
      const plan = planTrial({ n, fanout: 3, split });
      const bytes = createPopulation(plan, trialKey(n));
      const bits = createPopulation(plan, trialKey(n), { layout: 'bits' });
      for (let i = 0; i < n; i++) expect(opinionAt(bits, i), `n=${n} i=${i}`).toBe(bytes.opinions[i]);
    }
  });

  it('runs trials identical to the bytes layout (rounds, messages, agreement every round)', () => {
    const cases: TrialParams[] = [
      { n: 33, fanout: 3, split: 0.6, threshold: 1 },
      { n: 1000, fanout: 5, start: 'near-balanced', threshold: 0.99 },
      { n: 65_536 * 2 + 77, fanout: 4, split: 0.55, threshold: 1 },
      { n: 200_000, fanout: 8, start: 'near-balanced', maxRounds: 6, threshold: 1 },
    ];
    for (const params of cases) {
      const plan = planTrial({ ...params, recordAgreement: true });
      expect(bitsApply(plan)).toBe(true);
      for (const seed of [1, 2]) {
        expect(runPlan(plan, seed, { layout: 'bits' })).toEqual(runPlan(plan, seed, { layout: 'bytes' }));
      }
    }
  });

  it('applies to two opinions without crashes and the binary sampler only', () => {
    expect(bitsApply(planTrial({ n: 100, fanout: 3 }))).toBe(true);
    expect(bitsApply(planTrial({ n: 100, fanout: 3, crashFraction: 0.1 }))).toBe(false);
    expect(bitsApply(planTrial({ n: 100, fanout: 3, counts: [50, 30, 20] }))).toBe(false);
    expect(bitsApply(planTrial({ n: 100, fanout: 9 }))).toBe(false);
    expect(() => createPopulation(planTrial({ n: 100, fanout: 3, crashFraction: 0.1 }), trialKey(1), { layout: 'bits' })).toThrow(RangeError);
    expect(autoLayout(planTrial({ n: BITS_MIN_N, fanout: 5 }))).toBe('bits');
    expect(autoLayout(planTrial({ n: BITS_MIN_N - 1, fanout: 5 }))).toBe('bytes');
  });
});
