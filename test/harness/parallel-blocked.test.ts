// The blocked graph kernels on several threads give exactly the unblocked one-thread trial.
import { describe, expect, it } from 'vitest';
import { planTrial, runPlan, type TrialParams } from '../../src/engine/index.ts';
import { runParallelTrial } from '../../src/harness/parallel.ts';
import { expectSameRounds } from './same-rounds.ts';

const N = 65_536 * 3 + 5; // four random-stream blocks

describe('blocked graph kernels on the parallel runner', () => {
  it('majority on a random regular graph: the unblocked one-thread opinions after every round, on 1, 2 and 3 threads', async () => {
    const plan = planTrial({ n: N, fanout: 5, split: 0.6, topology: 'regular', degree: 8, lossRate: 0.1, crashFraction: 0.1, crashRound: 1, maxRounds: 4, threshold: 1 });
    for (const threads of [1, 2, 3]) await expectSameRounds(plan, 7, threads, 'majority-graph-blocked', { blocked: true }, { blocked: false });
  });

  const cases: [string, TrialParams][] = [
    ['3 opinions on ER with stubborn agents', { n: N, fanout: 4, counts: [90_000, 70_000, N - 160_000], topology: 'er', degree: 5, stubbornFraction: 0.02, maxRounds: 12 }],
    ['3-majority on WS with loss', { n: N, fanout: 3, protocol: '3-majority', split: 0.6, topology: 'ws', degree: 6, rewire: 0.2, lossRate: 0.1, maxRounds: 12 }],
    ['push-pull on BA with crashes', { n: N, fanout: 2, protocol: 'push-pull', topology: 'ba', degree: 4, crashFraction: 0.05, crashRound: 1, maxRounds: 40 }],
  ];
  for (const [name, params] of cases) {
    it(`${name}: trials identical to the unblocked one-thread trial on 1, 2 and 3 threads`, async () => {
      const plan = planTrial({ ...params, recordAgreement: true });
      const expected = runPlan(plan, 11, { blocked: false });
      for (const threads of [1, 2, 3]) expect(await runParallelTrial(plan, 11, threads, { blocked: true }), `threads ${threads}`).toEqual(expected);
    });
  }
});
