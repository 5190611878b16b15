// Topologies in trials: the degree mapping onto each generator, graphs fixed by the seed, agents
// that only ever contact their neighbours, all of them when the fanout exceeds the degree, and
// messages as the sum of each agent's contacts.
import { describe, expect, it } from 'vitest';
import {
  buildTopology,
  createKernelState,
  createSimulation,
  planTrial,
  Purpose,
  runBlocks,
  runTrial,
  stepRound,
  trialKey,
  type Protocol,
  type TrialParams,
} from '../../src/engine/index.ts';
import { degreeHistogram, edgeCount, isSymmetric, TOPOLOGY_PURPOSE } from '../../src/engine/topology/index.ts';

describe('degree mapping', () => {
  const n = 400;
  it('ring and ws: degree = 2k; regular: d; ba: 2m; er: mean; torus: 4; complete: n - 1', () => {
    const key = trialKey(1);
    const build = (p: Partial<TrialParams>) => buildTopology(planTrial({ n, fanout: 3, ...p }), key)!;
    expect(degreeHistogram(build({ topology: 'ring', degree: 6 }))[6]).toBe(n);
    expect(edgeCount(build({ topology: 'ws', degree: 6, rewire: 0.3 }))).toBe(3 * n);
    expect(degreeHistogram(build({ topology: 'regular', degree: 5 }))[5]).toBe(n);
    expect(edgeCount(build({ topology: 'ba', degree: 6 }))).toBe(6 + 3 * (n - 4));
    expect(degreeHistogram(build({ topology: 'torus' }))[4]).toBe(n);
    const er = build({ topology: 'er', degree: 8 });
    expect(Math.abs((2 * edgeCount(er)) / n - 8)).toBeLessThan(1);
    for (const t of ['ring', 'torus', 'regular', 'er', 'ws', 'ba'] as const) expect(isSymmetric(build({ topology: t }))).toBe(true);
    expect(planTrial({ n, fanout: 3 })).toMatchObject({ topology: 'complete', degree: n - 1, rewire: 0 });
    expect(planTrial({ n, fanout: 3, topology: 'torus' }).degree).toBe(4);
    expect(planTrial({ n, fanout: 3, topology: 'ws' })).toMatchObject({ degree: 4, rewire: 0.1 });
    expect(buildTopology(planTrial({ n, fanout: 3 }), key)).toBeNull();
  });

  it('graphs are a pure function of the seed, from the topology stream', () => {
    expect(Purpose.topology).toBe(TOPOLOGY_PURPOSE);
    for (const topology of ['regular', 'er', 'ws', 'ba'] as const) {
      const plan = planTrial({ n: 300, fanout: 2, topology, degree: 6 });
      const a = createSimulation(plan, 'g').kernel.graph!;
      const b = createSimulation(plan, 'g').kernel.graph!;
      const c = createSimulation(plan, 'h').kernel.graph!;
      expect(a.targets).toEqual(b.targets);
      expect(a.targets).not.toEqual(c.targets);
      expect(runTrial({ ...plan, recordAgreement: true }, 4)).toEqual(runTrial({ ...plan, recordAgreement: true }, 4));
    }
  });
});

describe('agents contact only their neighbours', () => {
  // Ring of 12, degree 2: agent 0's neighbours 1 and 11 hold 1; agent 6's neighbours 5 and 7 hold 0.
  const n = 12;
  const start = Uint8Array.from({ length: n }, (_, i) => (i === 1 || i === 11 ? 1 : 0));
  const cases: [Protocol, number][] = [
    ['majority', 5],
    ['3-majority', 1],
    ['2-choices', 1],
    ['pull', 1],
    ['push-pull', 1],
  ];
  for (const [protocol, fanout] of cases) {
    it(`${protocol}: agent 0 adopts its neighbours' opinion and agent 6 never moves`, () => {
      const plan = planTrial({ n, fanout, protocol, topology: 'ring', degree: 2 });
      const ks = createKernelState(plan, trialKey(protocol), 'bytes');
      const next = new Uint8Array(n);
      for (let round = 1; round <= 300; round++) {
        next.set(start);
        runBlocks(ks, round, start, next, 0, 1);
        expect(next[0]).toBe(1);
        expect(next[6]).toBe(0);
        for (let i = 3; i <= 9; i++) expect(next[i], `agent ${i}`).toBe(0);
      }
    });
  }

  it('push: only the neighbours of informed agents are ever informed', () => {
    const plan = planTrial({ n, fanout: 1, protocol: 'push', topology: 'ring', degree: 2 });
    const ks = createKernelState(plan, trialKey(2), 'bytes');
    const next = new Uint8Array(n);
    const reached = new Set<number>();
    for (let round = 1; round <= 300; round++) {
      next.set(start);
      runBlocks(ks, round, start, next, 0, 1);
      next.forEach((o, i) => o === 1 && reached.add(i));
    }
    expect([...reached].sort((a, b) => a - b)).toEqual([0, 1, 2, 10, 11]);
  });

  for (const topology of ['regular', 'er', 'ws', 'ba'] as const) {
    for (const protocol of ['push', 'pull', 'push-pull'] as const) {
      it(`${topology}, ${protocol}: a fanout above every degree reaches exactly the source's neighbours in round 1`, () => {
        const plan = planTrial({ n: 500, fanout: 499, protocol, topology, degree: 6 });
        const sim = createSimulation(plan, 3);
        const { offsets, targets } = sim.kernel.graph!;
        const source = (sim.pop.opinions as Uint8Array).indexOf(1);
        const expected = [source, ...targets.subarray(offsets[source]!, offsets[source + 1]!)].sort((a, b) => a - b);
        stepRound(sim);
        const informed = [...(sim.pop.opinions as Uint8Array).keys()].filter((i) => (sim.pop.opinions as Uint8Array)[i] === 1);
        expect(informed).toEqual(expected);
      });
    }
  }
});

describe('messages on a topology', () => {
  it('majority: the sum over live agents of min(fanout, degree), every round', () => {
    for (const topology of ['er', 'ba', 'ws'] as const) {
      const plan = planTrial({ n: 2000, fanout: 4, topology, degree: 6, split: 0.6, threshold: 1, maxRounds: 5 });
      const sim = createSimulation(plan, 2);
      const { offsets } = sim.kernel.graph!;
      let perRound = 0;
      for (let v = 0; v < 2000; v++) perRound += Math.min(4, offsets[v + 1]! - offsets[v]!);
      const r = runTrial(plan, 2);
      expect(r.messages).toBe(r.rounds * perRound);
    }
  });

  it('polling protocols: 3 or 2 per agent with a neighbour', () => {
    const r = runTrial({ n: 400, fanout: 9, protocol: '3-majority', topology: 'torus', split: 0.6, threshold: 1, maxRounds: 3 }, 1);
    expect(r.messages).toBe(r.rounds * 400 * 3);
  });

  it('push-pull on a regular graph: rounds x n x min(fanout, d)', () => {
    const r = runTrial({ n: 1000, fanout: 8, protocol: 'push-pull', topology: 'regular', degree: 5, threshold: 1 }, 1);
    expect(r.converged).toBe(true);
    expect(r.messages).toBe(r.rounds * 1000 * 5);
  });
});
