// Verdict rules of bound and complexity claims, series grouping, and claim validation.
import { describe, expect, it } from 'vitest';
import { ClaimError, validateClaim, type Claim } from '../../src/claims/claim.ts';
import { checkClaims, type PointMeasurements } from '../../src/claims/check.ts';
import { CLAIM_COLUMNS, claimRow } from '../../src/claims/table.ts';
import { planTrial } from '../../src/engine/index.ts';

/** Every trial converged on opinion 0 (the 0/1 metrics and final agreement 1). */
const outcomes = (trials: number) => {
  const ones = Array.from({ length: trials }, () => 1);
  return { final_agreement: ones, converged: ones, winner0: ones, leader0: ones };
};

function point(n: number, fanout: number, rounds: number[], messages?: number[]): PointMeasurements {
  return {
    suite: 's',
    point: 0,
    params: { n, fanout },
    plan: planTrial({ n, fanout }),
    values: { rounds, messages: messages ?? rounds.map((r) => r * n * fanout), ...outcomes(rounds.length) },
  };
}

const rep = (pattern: number[], times: number): number[] => Array.from({ length: times }, () => pattern).flat();

describe('bound claims', () => {
  const lt3: Claim = { kind: 'bound', id: 'r', description: 'rounds < 3', metric: 'rounds', comparator: '<', value: 3, at: { n: 10 } };

  it('holds when at least 95% of trials satisfy it, fails below', () => {
    const holds = checkClaims('s', [lt3], [point(10, 3, [...rep([2], 95), ...rep([3], 5)])]).results[0]!;
    expect(holds.verdict).toBe('holds');
    expect(holds.fractionSatisfied).toBeCloseTo(0.95, 12);
    const fails = checkClaims('s', [lt3], [point(10, 3, [...rep([2], 94), ...rep([3], 6)])]).results[0]!;
    expect(fails.verdict).toBe('fails');
    expect(fails.detail).toContain('94.0%');
  });

  it('uses the claim level when given', () => {
    const c: Claim = { ...lt3, level: 0.5 } as Claim;
    expect(checkClaims('s', [c], [point(10, 3, [...rep([2], 60), ...rep([4], 40)])]).results[0]!.verdict).toBe('holds');
  });

  it('"~" holds when the mean is within the tolerance', () => {
    const about: Claim = { kind: 'bound', id: 'm', description: 'messages ~ 90', metric: 'messages', comparator: '~', value: 90, at: { n: 10 } };
    const near = checkClaims('s', [about], [point(10, 3, [2, 3], [70, 80])]).results[0]!;
    expect(near.measured).toBe(75);
    expect(near.verdict).toBe('holds');
    const far = checkClaims('s', [about], [point(10, 3, [2, 3], [60, 70])]).results[0]!;
    expect(far.verdict).toBe('fails');
    expect(checkClaims('s', [{ ...about, tolerance: 0.5 } as Claim], [point(10, 3, [2], [60])]).results[0]!.verdict).toBe('holds');
  });

  it('reports the mean and its confidence interval', () => {
    const r = checkClaims('s', [lt3], [point(10, 3, [1, 2, 3, 2])]).results[0]!;
    expect(r.measured).toBe(2);
    expect(r.ci95Low!).toBeLessThan(2);
    expect(r.ci95High!).toBeGreaterThan(2);
  });

  it('warns when no point matches', () => {
    const { results, warnings } = checkClaims('s', [lt3], [point(50, 3, [2])]);
    expect(results).toEqual([]);
    expect(warnings[0]!.claimId).toBe('r');
  });

  it("'theory' compares each point with its own mean-field rounds", () => {
    const c: Claim = { kind: 'bound', id: 't', description: 'd', metric: 'rounds', comparator: '~', value: 'theory', tolerance: 0.1, at: { fanout: 5 } };
    const at = (lossRate: number, rounds: number[]): PointMeasurements => {
      const params = { n: 10_000, fanout: 5, lossRate };
      return { ...point(10_000, 5, rounds), params, plan: planTrial(params) };
    };
    // Mean-field: 2 rounds without loss, 12 with loss 0.8 (from a 0.7 split, k = 5).
    const { results, warnings } = checkClaims('s', [c], [at(0, [2, 2]), at(0.8, [12, 12]), at(0.6, [2, 2])]);
    expect(warnings).toEqual([]);
    expect(results.map((r) => [r.claimed, r.verdict])).toEqual([
      ['~ 2 (mean-field)', 'holds'],
      ['~ 12 (mean-field)', 'holds'],
      ['~ 5 (mean-field)', 'fails'],
    ]);
  });

  it("'theory' of final_agreement: where a stalled network settles (the map after maxRounds)", () => {
    const c: Claim = { kind: 'bound', id: 'f', description: 'd', metric: 'final_agreement', comparator: '~', value: 'theory', tolerance: 0.01, at: { n: 10_000 } };
    const params = { n: 10_000, fanout: 5, stubbornFraction: 0.2 };
    const at = (agreement: number): PointMeasurements => {
      const base = point(10_000, 5, [100, 100]);
      return { ...base, params, plan: planTrial(params), values: { ...base.values, final_agreement: [agreement, agreement] } };
    };
    // Mean-field fixed point with 20% stubborn holders of 1 (k = 5 from 0.7): 0.7913.
    const [held] = checkClaims('s', [c], [at(0.7912)]).results;
    expect([held!.claimed, held!.verdict]).toEqual(['~ 0.7913 (mean-field)', 'holds']);
    expect(checkClaims('s', [c], [at(0.8)]).results[0]!.verdict).toBe('fails');
  });

  it("'theory' warns at points without a mean-field prediction", () => {
    const c: Claim = { kind: 'bound', id: 't', description: 'd', metric: 'rounds', comparator: '~', value: 'theory', at: { n: 100 } };
    const params = { n: 100, fanout: 3, topology: 'ring' as const, degree: 4 };
    const { results, warnings } = checkClaims('s', [c], [{ ...point(100, 3, [5]), params, plan: planTrial(params) }]);
    expect(results).toEqual([]);
    expect(warnings[0]!.message).toContain('no mean-field prediction');
  });

  it('0/1 outcomes: winner0 >= 1 at level 0.9 holds when 90% of trials converged on opinion 0', () => {
    const c: Claim = { kind: 'bound', id: 'w', description: 'd', metric: 'winner0', comparator: '>=', value: 1, level: 0.9, at: { n: 10 } };
    const p = (wins: number): PointMeasurements => {
      const base = point(10, 3, rep([2], 10));
      return { ...base, values: { ...base.values, winner0: [...rep([1], wins), ...rep([0], 10 - wins)] } };
    };
    expect(checkClaims('s', [c], [p(9)]).results[0]!.verdict).toBe('holds');
    expect(checkClaims('s', [c], [p(8)]).results[0]!.verdict).toBe('fails');
  });
});

describe('complexity claims', () => {
  const ns = [10, 100, 1000, 10_000, 100_000];
  const logRounds = (n: number): number[] => {
    const m = 2 + 1.5 * Math.log(n);
    return [m - 0.2, m, m + 0.2];
  };

  it('tight, upper-bound and fails, one result per series', () => {
    const points = [3, 5].flatMap((f) => ns.map((n) => point(n, f, logRounds(n))));
    const claim = (claimed: 'log n' | 'n' | '1'): Claim => ({ kind: 'complexity', id: `c-${claimed.replace(' ', '')}`, description: '', metric: 'rounds', claimed });
    const tight = checkClaims('s', [claim('log n')], points).results;
    expect(tight.map((r) => [r.plan.fanout, r.verdict, r.bestClass])).toEqual([
      [3, 'tight', 'log n'],
      [5, 'tight', 'log n'],
    ]);
    expect(checkClaims('s', [claim('n')], points).results[0]!.verdict).toBe('upper-bound');
    expect(checkClaims('s', [claim('1')], points).results[0]!.verdict).toBe('fails');
    expect(tight[0]!.fits!.length).toBe(7);
  });

  it('flat rounds make O(log n) an upper bound, linear messages make O(n log n) one', () => {
    const points = ns.map((n) => point(n, 5, [2, 2, 2, 3]));
    const rounds: Claim = { kind: 'complexity', id: 'r', description: '', metric: 'rounds', claimed: 'log n' };
    const msgs: Claim = { kind: 'complexity', id: 'm', description: '', metric: 'messages', claimed: 'n log n' };
    const [r, m] = checkClaims('s', [rounds, msgs], points).results;
    expect([r!.bestClass, r!.verdict]).toEqual(['1', 'upper-bound']);
    expect([m!.bestClass, m!.verdict]).toEqual(['n', 'upper-bound']);
  });

  it('groups near-balanced points into one series although their realised split differs', () => {
    const nb = (n: number): PointMeasurements => ({
      suite: 's',
      point: 0,
      params: { n, fanout: 3, start: 'near-balanced' },
      plan: planTrial({ n, fanout: 3, start: 'near-balanced' }),
      values: { rounds: [Math.log(n), Math.log(n) + 1], messages: [n, n], ...outcomes(2) },
    });
    const c: Claim = { kind: 'complexity', id: 'c', description: '', metric: 'rounds', claimed: 'log n', where: { start: 'near-balanced' } };
    const { results } = checkClaims('s', [c], ns.map(nb));
    expect(results).toHaveLength(1);
    expect(results[0]!.bestClass).toBe('log n');
  });

  it('fits only n >= minN', () => {
    // A flat start below n = 100, then log n: with minN the tiny points do not bend the fit.
    const pts = ns.map((n) => point(n, 3, n < 100 ? [3, 3] : logRounds(n)));
    const c: Claim = { kind: 'complexity', id: 'c', description: '', metric: 'rounds', claimed: 'log n', minN: 100 };
    const r = checkClaims('s', [c], pts).results[0]!;
    expect(r.bestClass).toBe('log n');
    expect(r.detail).not.toContain(' 10:');
  });

  it('skips series with fewer than 3 values of n, with a warning', () => {
    const c: Claim = { kind: 'complexity', id: 'c', description: '', metric: 'rounds', claimed: 'log n' };
    const { results, warnings } = checkClaims('s', [c], [point(10, 3, [2]), point(100, 3, [2])]);
    expect(results).toEqual([]);
    expect(warnings.length).toBe(1);
  });
});

describe('validateClaim', () => {
  const good = { kind: 'bound', id: 'a', description: 'd', metric: 'rounds', comparator: '<', value: 3, at: { n: 10 } };
  it('accepts a good claim', () => {
    expect(validateClaim(good, 'claims[0]')).toEqual(good);
  });
  for (const [key, bad] of [
    ['claims[0].kind', { ...good, kind: 'vibes' }],
    ['claims[0].metric', { ...good, metric: 'speed' }],
    ['claims[0].comparator', { ...good, comparator: '!=' }],
    ['claims[0].value', { ...good, value: '3' }],
    ['claims[0].value', { ...good, metric: 'messages', value: 'theory' }],
    ['claims[0].at.fanot', { ...good, at: { fanot: 3 } }],
    ['claims[0].extra', { ...good, extra: 1 }],
    ['claims[0].claimed', { kind: 'complexity', id: 'c', description: 'd', metric: 'rounds', claimed: 'O(log n)' }],
  ] as const) {
    it(`rejects ${key}`, () => {
      let error: unknown;
      try {
        validateClaim(bad, 'claims[0]');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ClaimError);
      expect((error as ClaimError).key).toBe(key);
    });
  }
});

describe('claims.csv rows', () => {
  it('carry the protocol and topology of the point after the issue columns', () => {
    const c: Claim = { kind: 'bound', id: 'r', description: 'd', metric: 'rounds', comparator: '<', value: 3, at: { n: 10 } };
    const [result] = checkClaims('s', [c], [point(10, 3, [2, 2])]).results;
    const row = Object.fromEntries(CLAIM_COLUMNS.map((k, i) => [k, claimRow(result!)[i]]));
    expect(claimRow(result!)).toHaveLength(CLAIM_COLUMNS.length);
    expect(row).toMatchObject({ claim_id: 'r', verdict: 'holds', protocol: 'majority', topology: 'complete', loss_rate: 0, stubborn_fraction: 0 });
  });
});
