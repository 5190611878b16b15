// Test helper: a trial on the parallel runner holds, after every round, exactly the opinions of
// the same trial stepped on this thread.
import { expect } from 'vitest';
import { createSimulation, stepRound, type KernelKind, type SimulationOptions, type TrialPlan } from '../../src/engine/index.ts';
import { closeParallelSimulation, createParallelSimulation, stepParallelRound } from '../../src/harness/parallel.ts';

/**
 * Steps `plan` from `seed` for `plan.maxRounds` rounds on `threads` workers (with `options`, whose
 * kernel must be `kind`) and on this thread alone (with `plainOptions`), and expects the same
 * agreement and the same opinion bytes after every round.
 */
export async function expectSameRounds(plan: TrialPlan, seed: number, threads: number, kind: KernelKind, options: Omit<SimulationOptions, 'shared'>, plainOptions: SimulationOptions): Promise<void> {
  const plain = createSimulation(plan, seed, plainOptions);
  const ps = await createParallelSimulation(plan, seed, threads, options);
  try {
    expect(ps.sim.kernel.kind).toBe(kind);
    for (let r = 1; r <= plan.maxRounds; r++) {
      expect(stepParallelRound(ps)).toBe(stepRound(plain));
      const same = Buffer.from(ps.sim.pop.opinions as Uint8Array).equals(Buffer.from(plain.pop.opinions as Uint8Array));
      expect(same, `threads ${threads} round ${r}`).toBe(true);
    }
  } finally {
    await closeParallelSimulation(ps);
  }
}
