// The theory of dissemination: Serf's convergence formula and its inverse, the residue/traffic
// relation, the mean-field residue of feedback + coin, and claims that use them as 'theory'.
import { describe, expect, it } from 'vitest';
import { checkClaims, type PointMeasurements } from '../../src/claims/check.ts';
import { meanFieldResidue, mongeringResidue, residueFromTraffic, serfInformedShare, serfIntervalsTo, serfSecondsTo9999 } from '../../src/claims/dissemination-theory.ts';
import { planTrial, type TrialParams } from '../../src/engine/index.ts';

describe("Serf's formula", () => {
  it('starts near one node and its inverse gives the time to a share', () => {
    expect(serfInformedShare(0, 1000, 3, 0, 0) * 1000).toBeCloseTo(1000 / 1002, 12);
    for (const [n, f, q, c] of [
      [1000, 3, 0, 0],
      [10_000, 3, 0.2, 0.1],
      [50, 1, 0.5, 0],
    ] as const) {
      for (const share of [0.5, 0.99, 0.9999]) {
        const x = serfIntervalsTo(share, n, f, q, c);
        expect(serfInformedShare(x, n, f, q, c)).toBeCloseTo(share, 12);
      }
    }
    // ln((n + 1) 0.9999 / 0.0001) / 3 intervals of 0.2 s at n = 1000.
    expect(serfSecondsTo9999(planTrial({ n: 1000, fanout: 3, protocol: 'memberlist' }))).toBeCloseTo((0.2 * Math.log(1001 * 9999)) / 3, 12);
    expect(serfIntervalsTo(1, 1000, 3, 0, 0)).toBe(Infinity);
    expect(serfSecondsTo9999(planTrial({ n: 1000, fanout: 3, protocol: 'push' }))).toBeNull();
  });
});

describe('rumor mongering theory', () => {
  it('the mean-field residue of feedback + coin solves s = e^-(k+1)(1-s) below 1', () => {
    const known = [0.20319, 0.05952, 0.01983, 0.00698, 0.00252];
    for (let k = 1; k <= 5; k++) {
      const s = mongeringResidue(k);
      expect(s).toBeCloseTo(Math.exp(-(k + 1) * (1 - s)), 12);
      expect(s).toBeCloseTo(known[k - 1]!, 4);
      // s = e^-m with the mean-field traffic m = (k + 1)(1 - s).
      expect(residueFromTraffic((k + 1) * (1 - s))).toBeCloseTo(s, 12);
    }
    expect(meanFieldResidue(planTrial({ n: 100, fanout: 1, protocol: 'rumor-mongering', removal: 'counter' }))).toBeNull();
    expect(residueFromTraffic(2, 0.5)).toBeCloseTo(Math.exp(-1), 12);
  });
});

describe("claims with value 'theory'", () => {
  const measured = (params: TrialParams, values: Partial<PointMeasurements['values']>): PointMeasurements => ({
    suite: 's',
    point: 0,
    params,
    plan: planTrial(params),
    values: { rounds: [1, 1], messages: [1, 1], final_agreement: [1, 1], converged: [1, 1], winner0: [0, 0], leader0: [0, 0], ...values },
  });

  it('compare the residue with e^-m of the measured traffic, and seconds with Serf', () => {
    const rm = measured({ n: 1000, fanout: 1, protocol: 'rumor-mongering' }, { residue: [0.2, 0.22], traffic: [1.6, 1.6] });
    const ml = measured({ n: 1000, fanout: 3, protocol: 'memberlist' }, { seconds_to_9999: [1.6, Infinity] });
    const { results, warnings } = checkClaims(
      's',
      [
        { kind: 'bound', id: 'r', description: 'r', metric: 'residue', comparator: '~', value: 'theory', tolerance: 0.1, at: { protocol: 'rumor-mongering' } },
        { kind: 'bound', id: 't', description: 't', metric: 'seconds_to_9999', comparator: '~', value: 'theory', at: { protocol: 'memberlist' } },
        { kind: 'bound', id: 'u', description: 'u', metric: 'seconds_to_9999', comparator: '~', value: 'theory', at: { protocol: 'rumor-mongering' } },
      ],
      [rm, ml],
    );
    expect(results[0]!.claimed).toBe(`~ ${Number(Math.exp(-1.6).toPrecision(4))} (e^-m)`);
    expect(results[0]!.verdict).toBe('holds');
    // A trial that never reached 99.99% counts as +Infinity: the mean cannot be near the formula.
    expect(results[1]!.claimed).toContain('(Serf)');
    expect(results[1]!.verdict).toBe('fails');
    expect(results[1]!.detail).toContain('1 of 2 trials never got there (left out of the mean), so the claim about the mean fails');
    expect(warnings.map((w) => w.message)).toEqual(['no Serf prediction of seconds_to_9999 at point 0 (see theory_rounds)']);
  });
});
