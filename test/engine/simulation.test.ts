// The simulation: one kernel per trial, chosen from the plan, and rounds whose result does not
// depend on how the random-stream blocks are split over threads or in what order they run.
import { describe, expect, it } from 'vitest';
import {
  beginRound,
  BLOCK_SIZE,
  blockCount,
  createKernelState,
  createSimulation,
  finishRound,
  kernelFor,
  planTrial,
  runBlocks,
  runPlan,
  runRounds,
  trialKey,
  type KernelState,
  type Simulation,
  type TrialParams,
} from '../../src/engine/index.ts';

describe('kernel choice', () => {
  const kind = (p: Partial<TrialParams>, layout: 'bytes' | 'bits' = 'bytes') => kernelFor(planTrial({ n: 1000, fanout: 3, ...p }), layout);
  it('keeps the seed majority kernels for the default case, with crashes, recovery and stubborn agents', () => {
    expect(kind({})).toBe('binary');
    expect(kind({}, 'bits')).toBe('bits');
    expect(kind({ fanout: 12 })).toBe('general');
    expect(kind({ counts: [500, 300, 200] })).toBe('general');
    expect(kind({ crashFraction: 0.1, crashRecovery: 2, stubbornFraction: 0.1 })).toBe('binary');
  });

  it('one kernel per protocol and network, and a lossy majority', () => {
    expect(kind({ lossRate: 0.1 })).toBe('majority-lossy');
    expect(kind({ topology: 'ring' })).toBe('majority-graph');
    expect(kind({ protocol: '3-majority' })).toBe('3-majority');
    expect(kind({ protocol: '3-majority', topology: 'er' })).toBe('3-majority-graph');
    expect(kind({ protocol: '2-choices' })).toBe('2-choices');
    expect(kind({ protocol: '2-choices', topology: 'ba' })).toBe('2-choices-graph');
    for (const protocol of ['push', 'pull', 'push-pull'] as const) {
      expect(kind({ protocol, lossRate: 0.5 })).toBe(protocol);
      expect(kind({ protocol, topology: 'regular' })).toBe(`${protocol}-graph`);
    }
  });

  it('refuses the bits layout outside the binary majority without crashes or stubborn agents', () => {
    for (const p of [{ stubbornFraction: 0.1 }, { lossRate: 0.1 }, { protocol: '3-majority' }, { topology: 'ring' }] as Partial<TrialParams>[]) {
      expect(() => createKernelState(planTrial({ n: 1000, fanout: 3, ...p }), trialKey(1), 'bits')).toThrow(RangeError);
    }
  });
});

/**
 * Rounds as the multi-threaded runner runs them: the blocks split among `parts` kernel states
 * (each with its own tally and, on a topology, its own copy of the graph), every range run last
 * block first and the ranges in reverse order, their tallies summed into the simulation's before
 * finishRound.
 */
function splitStep(sim: Simulation, parts: KernelState[]): () => number {
  const blocks = blockCount(sim.plan.n);
  const m = sim.pop.m;
  return () => {
    beginRound(sim);
    const sums = new Float64Array(m);
    for (let w = parts.length - 1; w >= 0; w--) {
      const ks = parts[w]!;
      ks.tally.fill(0, 0, m);
      const first = Math.floor((w * blocks) / parts.length);
      const end = Math.floor(((w + 1) * blocks) / parts.length);
      for (let b = end - 1; b >= first; b--) runBlocks(ks, sim.round, sim.pop.opinions, sim.pop.next, b, b + 1);
      for (let o = 0; o < m; o++) sums[o]! += ks.tally[o]!;
    }
    sim.tally.set(sums);
    return finishRound(sim);
  };
}

describe('block-split independence', () => {
  const n = 2 * BLOCK_SIZE + 4321; // three blocks
  const cases: [string, Partial<TrialParams>][] = [
    ['majority, lost contacts', { fanout: 3, split: 0.55, lossRate: 0.3, threshold: 0.99 }],
    ['majority on a BA graph', { fanout: 3, split: 0.6, topology: 'ba', degree: 4, maxRounds: 6 }],
    ['3-majority, crashes and recovery', { protocol: '3-majority', split: 0.55, crashFraction: 0.2, crashRound: 1, crashRecovery: 2, threshold: 1 }],
    ['2-choices on a ring, stubborn', { protocol: '2-choices', split: 0.6, topology: 'ring', degree: 4, stubbornFraction: 0.05, maxRounds: 5 }],
    ['push, lost contacts', { protocol: 'push', fanout: 1, lossRate: 0.2, threshold: 1 }],
    ['pull on a regular graph', { protocol: 'pull', fanout: 2, topology: 'regular', degree: 6, threshold: 0.9 }],
    ['push-pull, stubborn refusers, crashes', { protocol: 'push-pull', fanout: 1, stubbornFraction: 0.1, stubbornOpinion: 0, crashFraction: 0.1, crashRound: 3, threshold: 0.85 }],
    ['push on an ER graph', { protocol: 'push', fanout: 2, topology: 'er', degree: 5, threshold: 0.9 }],
  ];
  for (const [name, p] of cases) {
    it(`${name}: the same trial for 1 block range forwards and 2 or 3 ranges backwards`, () => {
      const plan = planTrial({ n, fanout: 3, recordAgreement: true, ...p });
      const expected = runPlan(plan, 11);
      for (const parts of [2, 3]) {
        const sim = createSimulation(plan, 11);
        const states = Array.from({ length: parts }, () => createKernelState(plan, trialKey(11), 'bytes'));
        expect(runRounds(sim, splitStep(sim, states))).toEqual(expected);
      }
    });
  }
});
