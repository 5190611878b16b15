// One trial on several threads gives exactly the one-thread result, in every kernel and layout.
import { describe, expect, it } from 'vitest';
import { createSimulation, planTrial, runPlan, type TrialParams } from '../../src/engine/index.ts';
import { closeParallelSimulation, createParallelSimulation, runParallelTrial } from '../../src/harness/parallel.ts';
import { expectSameRounds } from './same-rounds.ts';

const N = 65_536 * 3 + 5; // four random-stream blocks

describe('runParallelTrial', () => {
  const cases: [string, TrialParams, 'bytes' | 'bits'][] = [
    ['binary on bits', { n: N, fanout: 5, start: 'near-balanced', threshold: 0.99 }, 'bits'],
    ['binary on bytes, with crashes', { n: N, fanout: 3, split: 0.6, crashFraction: 0.1, crashRound: 1, threshold: 0.999 }, 'bytes'],
    ['three opinions (general kernel)', { n: N, fanout: 5, counts: [80_000, 70_000, N - 150_000], maxRounds: 8 }, 'bytes'],
    ['random 8-regular graph with loss (one shared graph)', { n: N, fanout: 5, topology: 'regular', degree: 8, split: 0.6, lossRate: 0.05, maxRounds: 8 }, 'bytes'],
    ['Watts-Strogatz graph, pull (one shared graph)', { n: N, fanout: 2, protocol: 'pull', topology: 'ws', degree: 4, rewire: 0.2, maxRounds: 30 }, 'bytes'],
  ];
  for (const [name, params, layout] of cases) {
    it(`${name}: identical for 1, 2 and 3 threads`, async () => {
      const plan = planTrial({ ...params, recordAgreement: true });
      const expected = runPlan(plan, 42, { layout });
      for (const threads of [1, 2, 3]) expect(await runParallelTrial(plan, 42, threads, { layout })).toEqual(expected);
    });
  }

  it('blocked binary kernel: the unblocked one-thread opinions after every round, on 1, 2 and 3 threads', async () => {
    const plan = planTrial({ n: N, fanout: 5, split: 0.6, crashFraction: 0.1, crashRound: 1, maxRounds: 4, threshold: 1 });
    for (const threads of [1, 2, 3]) await expectSameRounds(plan, 7, threads, 'binary-blocked', { blocked: true }, { layout: 'bytes' });
    const trial = planTrial({ n: N, fanout: 4, start: 'near-balanced', recordAgreement: true, threshold: 0.99 });
    expect(await runParallelTrial(trial, 5, 2, { blocked: true })).toEqual(runPlan(trial, 5));
    for (const threads of [2, 3]) expect(await runParallelTrial(trial, 6, threads, { layout: 'bits', blocked: true })).toEqual(runPlan(trial, 6, { layout: 'bits' }));
  });

  it('builds the graph once, on shared memory that the workers read in place', async () => {
    const plan = planTrial({ n: N, fanout: 3, topology: 'er', degree: 6, maxRounds: 2 });
    const ps = await createParallelSimulation(plan, 9, 2);
    try {
      const graph = ps.sim.kernel.graph!;
      expect(graph.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(graph.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
      const alone = createSimulation(plan, 9).kernel.graph!;
      expect(alone.targets.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(graph.offsets)).toEqual(Array.from(alone.offsets));
      expect(Buffer.from(graph.targets.buffer).equals(Buffer.from(alone.targets.buffer))).toBe(true);
    } finally {
      await closeParallelSimulation(ps);
    }
  });

  it('refuses more threads than blocks', async () => {
    await expect(runParallelTrial(planTrial({ n: 1000, fanout: 3 }), 1, 2)).rejects.toThrow(RangeError);
  });
});
