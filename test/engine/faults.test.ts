// Faults: lost contacts (none draws nothing and changes nothing; all freezes every opinion),
// stubborn agents (never move, chosen uniformly among the holders), crash with recovery.
import { describe, expect, it } from 'vitest';
import {
  beginRound,
  CRASHED,
  createSimulation,
  finishRound,
  planTrial,
  runBlocks,
  runTrial,
  stepRound,
  type Protocol,
  type TrialParams,
} from '../../src/engine/index.ts';

/** The golden cases (test/engine/golden.test.ts), whose rows must not move. */
const GOLDEN: [TrialParams, number][] = [
  [{ n: 10, fanout: 3, split: 0.7, maxRounds: 50 }, 1],
  [{ n: 100, fanout: 5, split: 0.7, maxRounds: 50 }, 2],
  [{ n: 10_000, fanout: 3, start: 'near-balanced', maxRounds: 200 }, 3],
  [{ n: 100_000, fanout: 5, split: 0.6, threshold: 1 }, 4],
  [{ n: 5000, fanout: 4, split: 0.65, crashFraction: 0.2, crashRound: 1, threshold: 0.99 }, 5],
  [{ n: 3000, fanout: 5, counts: [1200, 1000, 800] }, 6],
  [{ n: 30, fanout: 20, split: 0.6 }, 7],
  [{ n: 2000, fanout: 12, split: 0.55 }, 8],
];

describe('lost contacts', () => {
  it('lossRate 0 and every other new parameter at its default give the golden rows exactly', () => {
    const neutral: Partial<TrialParams> = { lossRate: 0, stubbornFraction: 0, crashRecovery: 0, topology: 'complete', protocol: 'majority' };
    for (const [p, seed] of GOLDEN) {
      expect(runTrial({ ...p, ...neutral, recordAgreement: true }, seed)).toEqual(runTrial({ ...p, recordAgreement: true }, seed));
    }
    const r = runTrial({ n: 10, fanout: 3, split: 0.7, maxRounds: 50, lossRate: 0, recordAgreement: true }, 1);
    expect(`${r.rounds}/${r.messages}/${r.winner}/${[...r.agreement!].map((a) => a.toFixed(6)).join(',')}`).toBe('3/90/0/0.700000,0.900000,1.000000');
  });

  for (const protocol of ['majority', '3-majority', '2-choices'] as Protocol[]) {
    for (const topology of ['complete', 'regular'] as const) {
      it(`${protocol} on ${topology}: with lossRate 1 no opinion ever changes, and messages still count`, () => {
        const plan = planTrial({ n: 600, fanout: 4, protocol, topology, degree: 6, counts: [200, 250, 150], lossRate: 1, maxRounds: 5 });
        const sim = createSimulation(plan, 3);
        const start = Uint8Array.from(sim.pop.opinions as Uint8Array);
        for (let r = 0; r < 5; r++) {
          stepRound(sim);
          expect(sim.pop.opinions).toEqual(start);
        }
        expect(sim.messages).toBe(5 * 600 * plan.k);
      });
    }
  }

  it('loss slows majority down but the same peers are drawn (the round stream is untouched)', () => {
    const base = { n: 20_000, fanout: 3, split: 0.6, threshold: 0.99 };
    const r0 = runTrial(base, 9);
    const r5 = runTrial({ ...base, lossRate: 0.5 }, 9);
    expect(r5.converged).toBe(true);
    expect(r5.rounds).toBeGreaterThan(r0.rounds);
    expect(r5.messages).toBe(r5.rounds * 20_000 * 3);
  });
});

describe('stubborn agents', () => {
  it('are round(s n) distinct initial holders of the stubborn opinion (default: the minority)', () => {
    const plan = planTrial({ n: 1000, fanout: 3, counts: [500, 200, 300], stubbornFraction: 0.15 });
    expect(plan.stubbornOpinion).toBe(1);
    expect(plan.stubbornCount).toBe(150);
    const sim = createSimulation(plan, 4);
    const ids = [...sim.stubborn];
    expect(ids.length).toBe(150);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(150);
    for (const i of ids) expect((sim.pop.opinions as Uint8Array)[i]).toBe(1);
    expect(planTrial({ n: 100, fanout: 3, counts: [0, 60, 40], stubbornFraction: 0.1 }).stubbornOpinion).toBe(2);
    expect(planTrial({ n: 100, fanout: 3, counts: [40, 20, 20, 20], stubbornFraction: 0.1 }).stubbornOpinion).toBe(1);
  });

  it('are chosen uniformly among the holders', () => {
    const hits = new Float64Array(20);
    for (let s = 0; s < 4000; s++) {
      const sim = createSimulation(planTrial({ n: 20, fanout: 2, split: 0.5, stubbornFraction: 0.1, stubbornOpinion: 0 }), s);
      expect((sim.pop.opinions as Uint8Array).filter((o, i) => o === 0 && sim.stubborn.includes(i)).length).toBe(2);
      for (const i of sim.stubborn) hits[i]!++;
    }
    // Each agent holds 0 with p = 1/2 and is then one of 2 of 10: 400 expected, sd about 19.
    for (const h of hits) expect(Math.abs(h - 400)).toBeLessThan(100);
  });

  for (const [name, params] of [
    ['majority (binary kernel)', { fanout: 5, split: 0.7 }],
    ['majority, three opinions (general kernel)', { fanout: 12, counts: [900, 600, 500] }],
    ['3-majority', { fanout: 1, protocol: '3-majority', split: 0.7 }],
    ['2-choices on a ring', { fanout: 1, protocol: '2-choices', split: 0.6, topology: 'ring', degree: 4 }],
    ['majority with crashes and recovery', { fanout: 3, split: 0.7, crashFraction: 0.3, crashRound: 1, crashRecovery: 2 }],
  ] as [string, Partial<TrialParams>][]) {
    it(`${name}: never move`, () => {
      const sim = createSimulation(planTrial({ n: 2000, stubbornFraction: 0.1, threshold: 1, ...params } as TrialParams), 5);
      const opinion = sim.plan.stubbornOpinion;
      for (let r = 0; r < 10; r++) {
        stepRound(sim);
        for (const i of sim.stubborn) expect([opinion, CRASHED]).toContain((sim.pop.opinions as Uint8Array)[i]);
      }
      let held = 0;
      for (let o = 0; o < sim.pop.m; o++) held += sim.tally[o]!;
      expect(held).toBe(sim.pop.live);
      expect(sim.tally[opinion]).toBe((sim.pop.opinions as Uint8Array).filter((o) => o === opinion).length);
    });
  }

  it('a majority with 10% stubborn minority agents never reaches unanimity', () => {
    const r = runTrial({ n: 5000, fanout: 5, split: 0.7, stubbornFraction: 0.1, threshold: 1, maxRounds: 40 }, 1);
    expect(r.converged).toBe(false);
    expect(r.rounds).toBe(40);
    // 500 stubborn agents always hold opinion 1: at most 90% can agree on 0.
    expect(r.finalAgreement).toBeLessThanOrEqual(0.9);
    expect(r.finalAgreement).toBeGreaterThan(0.85);
    // Without them the same network is unanimous within a few rounds.
    expect(runTrial({ n: 5000, fanout: 5, split: 0.7, threshold: 1, maxRounds: 40 }, 1).converged).toBe(true);
  });

  it('push: stubborn uninformed agents are never informed', () => {
    const sim = createSimulation(planTrial({ n: 1000, fanout: 3, protocol: 'push', stubbornFraction: 0.2, stubbornOpinion: 0 }), 2);
    for (let r = 0; r < 20; r++) stepRound(sim);
    for (const i of sim.stubborn) expect((sim.pop.opinions as Uint8Array)[i]).toBe(0);
    expect(sim.tally[1]).toBe(800);
  });
});

describe('crash with recovery', () => {
  it('crashes the same agents as without recovery, then restores their opinions and the live count', () => {
    const n = 3000;
    const base: TrialParams = { n, fanout: 3, split: 0.6, crashFraction: 0.25, crashRound: 2, threshold: 1, maxRounds: 30 };
    const plan = planTrial({ ...base, crashRecovery: 3 });
    const sim = createSimulation(plan, 7);
    const noRecovery = createSimulation(planTrial(base), 7);
    stepRound(sim);
    stepRound(sim);
    stepRound(noRecovery);
    stepRound(noRecovery);
    const beforeCrash = Uint8Array.from(sim.pop.opinions as Uint8Array);
    stepRound(sim); // round 3: the crash comes first
    stepRound(noRecovery);
    expect(sim.pop.live).toBe(n - 750);
    const down = [...(sim.pop.opinions as Uint8Array).keys()].filter((i) => (sim.pop.opinions as Uint8Array)[i] === CRASHED);
    expect(down.length).toBe(750);
    expect(down).toEqual([...(noRecovery.pop.opinions as Uint8Array).keys()].filter((i) => (noRecovery.pop.opinions as Uint8Array)[i] === CRASHED));
    stepRound(sim); // round 4
    stepRound(sim); // round 5: the last round down
    expect(sim.pop.live).toBe(n - 750);
    // Round 6 starts with the recovery: they hold what they held when they crashed.
    beginRound(sim);
    expect(sim.pop.live).toBe(n);
    for (const i of down) expect((sim.pop.opinions as Uint8Array)[i]).toBe(beforeCrash[i]);
    runBlocks(sim.kernel, sim.round, sim.pop.opinions, sim.pop.next, 0, 1);
    finishRound(sim);
    expect(sim.tally[0]! + sim.tally[1]!).toBe(n);
    expect(sim.messages).toBe(2 * n * 3 + 3 * (n - 750) * 3 + n * 3);
  });

  it('a trial that runs past the recovery ends with everyone live', () => {
    const r = runTrial({ n: 2000, fanout: 3, split: 0.6, crashFraction: 0.3, crashRound: 1, crashRecovery: 2, threshold: 1, maxRounds: 30 }, 3);
    expect(r.rounds).toBeGreaterThan(3);
    expect(r.live).toBe(2000);
    const never = runTrial({ n: 2000, fanout: 3, split: 0.6, crashFraction: 0.3, crashRound: 1, threshold: 1, maxRounds: 30 }, 3);
    expect(never.live).toBe(1400);
  });

  it('rumor: a recovered agent comes back with its informed state', () => {
    const plan = planTrial({ n: 500, fanout: 2, protocol: 'push-pull', crashFraction: 0.4, crashRound: 3, crashRecovery: 2, threshold: 1 });
    const sim = createSimulation(plan, 1);
    for (let r = 0; r < 3; r++) stepRound(sim);
    const before = Uint8Array.from(sim.pop.opinions as Uint8Array);
    for (let r = 0; r < 2; r++) stepRound(sim);
    beginRound(sim);
    const now = sim.pop.opinions as Uint8Array;
    expect(sim.pop.live).toBe(500);
    for (let i = 0; i < 500; i++) if (before[i] === 1) expect(now[i]).toBe(1);
  });
});
