// One trial on several threads gives exactly the one-thread result, in every kernel and layout.
import { describe, expect, it } from 'vitest';
import { planTrial, runPlan, type TrialParams } from '../../src/engine/index.ts';
import { runParallelTrial } from '../../src/harness/parallel.ts';

const N = 65_536 * 3 + 5; // four random-stream blocks

describe('runParallelTrial', () => {
  const cases: [string, TrialParams, 'bytes' | 'bits'][] = [
    ['binary on bits', { n: N, fanout: 5, start: 'near-balanced', threshold: 0.99 }, 'bits'],
    ['binary on bytes, with crashes', { n: N, fanout: 3, split: 0.6, crashFraction: 0.1, crashRound: 1, threshold: 0.999 }, 'bytes'],
    ['three opinions (general kernel)', { n: N, fanout: 5, counts: [80_000, 70_000, N - 150_000], maxRounds: 8 }, 'bytes'],
  ];
  for (const [name, params, layout] of cases) {
    it(`${name}: identical for 1, 2 and 3 threads`, async () => {
      const plan = planTrial({ ...params, recordAgreement: true });
      const expected = runPlan(plan, 42, { layout });
      for (const threads of [1, 2, 3]) expect(await runParallelTrial(plan, 42, threads, { layout })).toEqual(expected);
    });
  }

  it('refuses more threads than blocks', async () => {
    await expect(runParallelTrial(planTrial({ n: 1000, fanout: 3 }), 1, 2)).rejects.toThrow(RangeError);
  });
});
