// Dissemination trials (rumor mongering, memberlist): timers with equal phases reduce to rounds,
// memberlist's budget, the residue/traffic relation s = e^-m at n = 1e5, failed nodes, quiescence
// whatever the threshold, and the validation of the new parameters.
import { describe, expect, it } from 'vitest';
import {
  EQUAL_PHASE,
  ParameterError,
  planTrial,
  retransmitLimit,
  runDissemination,
  runTrial,
  type TrialParams,
} from '../../src/engine/index.ts';

const VARIANTS: Partial<TrialParams>[] = [
  { protocol: 'rumor-mongering', feedback: 'feedback', removal: 'coin', k: 2 },
  { protocol: 'rumor-mongering', feedback: 'feedback', removal: 'counter', k: 2 },
  { protocol: 'rumor-mongering', feedback: 'blind', removal: 'coin', k: 3 },
  { protocol: 'rumor-mongering', feedback: 'blind', removal: 'counter', k: 3 },
  { protocol: 'memberlist' },
];

const label = (v: Partial<TrialParams>): string => (v.protocol === 'memberlist' ? 'memberlist' : `${v.feedback} ${v.removal}`);

describe('timers with all phases equal reduce to synchronous rounds', () => {
  for (const v of VARIANTS) {
    it(`${label(v)}: the same trial, interval j as round j + 1`, () => {
      for (const [extra, seed] of [
        [{ n: 2000, fanout: 2 }, 1],
        [{ n: 3000, fanout: 3, lossRate: 0.2, crashFraction: 0.1 }, 2],
      ] as const) {
        const params = { ...extra, ...v, maxRounds: 500, recordAgreement: true } as TrialParams;
        const rounds = runDissemination(planTrial({ ...params, timing: 'rounds' }), seed);
        const timers = runDissemination(planTrial({ ...params, timing: 'timers' }), seed, { equalPhases: true });
        expect(timers.rounds).toBe(rounds.rounds);
        expect(timers.messages).toBe(rounds.messages);
        expect(timers.finalAgreement).toBe(rounds.finalAgreement);
        expect([...timers.agreement!]).toEqual([...rounds.agreement!]);
        expect(timers.spread.residue).toBe(rounds.spread.residue);
        // Round r ends at r intervals; with phase 1/2 the same agent learns at r - 1/2.
        expect(timers.spread.lastInformedRound).toBe(rounds.spread.lastInformedRound - 1 + EQUAL_PHASE);
        const informed = Math.round(rounds.finalAgreement * rounds.live);
        expect(timers.spread.meanInformedRound).toBeCloseTo(rounds.spread.meanInformedRound - ((1 - EQUAL_PHASE) * (informed - 1)) / informed, 9);
      }
    });
  }

  it('across two random-stream blocks (n > 65,536)', () => {
    const params: TrialParams = { n: 70_000, fanout: 3, protocol: 'memberlist', lossRate: 0.1 };
    const rounds = runDissemination(planTrial(params), 3);
    const timers = runDissemination(planTrial({ ...params, timing: 'timers' }), 3, { equalPhases: true });
    expect([timers.rounds, timers.messages, timers.spread.residue]).toEqual([rounds.rounds, rounds.messages, rounds.spread.residue]);
  });

  it('ticks in phase order within an interval: a node informed earlier in the interval forwards in it', () => {
    // n = 3, fanout 1, budget 1 (mult 1 x ceil(log10 4)): the source tells one of the two others;
    // that one tells the third with probability 1/2, within interval 0 exactly when its phase
    // comes after the source's (probability 1/2). So P(all know) = 1/2, P(all know before t = 1) = 1/4.
    const trials = 4000;
    let all = 0;
    let early = 0;
    for (let s = 0; s < trials; s++) {
      const r = runTrial({ n: 3, fanout: 1, protocol: 'memberlist', retransmitMult: 1, timing: 'timers', threshold: 1 }, s);
      if (r.converged) all++;
      if (r.converged && r.spread!.lastInformedRound < 1) early++;
    }
    const sd = (p: number): number => Math.sqrt((p * (1 - p)) / trials);
    expect(Math.abs(all / trials - 0.5)).toBeLessThan(4 * sd(0.5));
    expect(Math.abs(early / trials - 0.25)).toBeLessThan(4 * sd(0.25));
  });

  it('random phases give another, faster trial (news can cross several hops in one interval)', () => {
    const params: TrialParams = { n: 5000, fanout: 3, protocol: 'memberlist', threshold: 1 };
    let rounds = 0;
    let timers = 0;
    for (let s = 0; s < 10; s++) {
      rounds += runTrial(params, s).spread!.secondsTo99;
      timers += runTrial({ ...params, timing: 'timers' }, s).spread!.secondsTo99;
    }
    expect(timers).toBeLessThan(rounds);
  });
});

describe('memberlist', () => {
  it('retransmitLimit is mult x ceil(log10(n + 1))', () => {
    expect(retransmitLimit(4, 1000)).toBe(16);
    expect(retransmitLimit(4, 999)).toBe(12);
    expect(retransmitLimit(4, 10_000)).toBe(20);
    expect(planTrial({ n: 10, fanout: 3, protocol: 'memberlist' }).retransmitLimit).toBe(8);
  });

  it('every informed node sends exactly its budget at quiescence, never more (lost packets and failed peers use it)', () => {
    for (const timing of ['rounds', 'timers'] as const) {
      for (const [extra, seed] of [
        [{ n: 1000, fanout: 3 }, 1],
        [{ n: 2000, fanout: 4, retransmitMult: 2, lossRate: 0.3, crashFraction: 0.2 }, 2],
        [{ n: 50, fanout: 7, retransmitMult: 1 }, 3],
      ] as const) {
        const plan = planTrial({ ...extra, protocol: 'memberlist', timing, maxRounds: 1000 });
        const r = runDissemination(plan, seed);
        const informed = Math.round(r.finalAgreement * r.live);
        expect(r.messages).toBe(informed * plan.retransmitLimit);
      }
    }
  });

  it('stopped by maxRounds, nodes have sent no more than their budget', () => {
    const plan = planTrial({ n: 3000, fanout: 3, protocol: 'memberlist', maxRounds: 4 });
    const r = runDissemination(plan, 5);
    expect(r.rounds).toBe(4);
    expect(r.messages).toBeLessThanOrEqual(Math.round(r.finalAgreement * r.live) * plan.retransmitLimit);
  });
});

describe('rumor mongering', () => {
  it('residue s = e^-m (m = messages per agent) within sampling error at n = 1e5', () => {
    const n = 100_000;
    for (const v of VARIANTS.slice(0, 4)) {
      for (const seed of [1, 2]) {
        const r = runTrial({ n, fanout: 1, ...v, maxRounds: 10_000 }, seed);
        const m = r.messages / n;
        const s = r.spread!.residue;
        const predicted = Math.exp(-m);
        const sd = Math.sqrt((predicted * (1 - predicted)) / n);
        expect(Math.abs(s - predicted), `${label(v)} seed ${seed}: s ${s} e^-m ${predicted}`).toBeLessThan(4 * sd);
      }
    }
  });

  it('runs to quiescence whatever the threshold; converged says whether the share reached it', () => {
    const base: TrialParams = { n: 2000, fanout: 1, protocol: 'rumor-mongering', feedback: 'blind', removal: 'counter', k: 2 };
    const low = runTrial({ ...base, threshold: 0.5 }, 4);
    const all = runTrial({ ...base, threshold: 1 }, 4);
    expect([low.rounds, low.messages, low.finalAgreement]).toEqual([all.rounds, all.messages, all.finalAgreement]);
    expect(low.converged).toBe(true);
    expect(low.winner).toBe(1);
    expect(all.finalAgreement).toBeLessThan(1);
    expect(all.converged).toBe(false);
    expect(all.winner).toBeNull();
    expect(all.spread!.residue).toBeCloseTo(1 - all.finalAgreement, 12);
    expect(Number.isNaN(all.spread!.secondsToAll)).toBe(true);
  });

  it('failed nodes are never informed, never the source, and count out of the live agents', () => {
    for (let seed = 0; seed < 40; seed++) {
      // 9 of 10 nodes fail: only the source is live, so it must be the one that did not fail.
      const r = runTrial({ n: 10, fanout: 2, protocol: 'memberlist', crashFraction: 0.9, threshold: 1 }, seed);
      expect(r.live).toBe(1);
      expect(r.finalAgreement).toBe(1);
      expect(r.spread!.secondsToAll).toBe(0);
    }
  });

  it('seconds: under rounds a multiple of the interval, and the 99% time comes no later than the 99.99% one', () => {
    const r = runTrial({ n: 5000, fanout: 3, protocol: 'memberlist', interval: 0.5 }, 6);
    const s = r.spread!;
    expect(s.secondsTo99 / 0.5).toBe(Math.round(s.secondsTo99 / 0.5));
    expect(s.secondsTo99).toBeLessThanOrEqual(s.secondsTo9999);
    expect(s.lastInformedRound).toBeLessThanOrEqual(r.rounds);
  });

  it('is deterministic from the seed', () => {
    const p: TrialParams = { n: 3000, fanout: 2, protocol: 'rumor-mongering', removal: 'coin', k: 3, timing: 'timers', lossRate: 0.1 };
    expect(runTrial(p, 'x')).toEqual(runTrial(p, 'x'));
  });
});

describe('validation', () => {
  const base: TrialParams = { n: 100, fanout: 3, protocol: 'rumor-mongering' };
  const bad: [Partial<TrialParams>, string][] = [
    [{ feedback: 'maybe' as never }, 'feedback'],
    [{ removal: 'dice' as never }, 'removal'],
    [{ k: 0 }, 'k'],
    [{ k: 1.5 }, 'k'],
    [{ k: 256 }, 'k'],
    [{ retransmitMult: 0 }, 'retransmitMult'],
    [{ retransmitMult: 100_000 }, 'retransmitMult'],
    [{ timing: 'clock' as never }, 'timing'],
    [{ interval: 0 }, 'interval'],
    [{ interval: Number.NaN }, 'interval'],
    [{ protocol: 'majority', timing: 'timers' }, 'timing'],
    [{ topology: 'ring', degree: 4 }, 'topology'],
    [{ crashFraction: 0.1, crashRound: 2 }, 'crashRound'],
    [{ crashFraction: 0.1, crashRecovery: 2 }, 'crashRecovery'],
    [{ stubbornFraction: 0.1, stubbornOpinion: 0 }, 'stubbornFraction'],
    [{ start: 'split' }, 'start'],
  ];
  for (const [extra, parameter] of bad) {
    it(`rejects ${JSON.stringify(extra)} naming ${parameter}`, () => {
      let error: unknown;
      try {
        planTrial({ ...base, ...extra });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe(parameter);
    });
  }

  it('refuses stubborn agents for what they are, not for too few holders of the rumor', () => {
    // The default stubborn opinion is the source's (1), which one agent holds: the refusal of the
    // protocol must come first.
    expect(() => planTrial({ ...base, stubbornFraction: 0.1 })).toThrow(/0 with protocol/);
  });

  it('accepts crashRound / crashRecovery without crashes (ignored, as elsewhere)', () => {
    expect(() => planTrial({ ...base, crashRound: 3, crashRecovery: 2 })).not.toThrow();
  });
});
