// Tests of a claim's detail in the report: the one-line summary and the rest split from the
// detail texts that claims/check.ts writes (bound and complexity claims), the fits one a line with
// the chosen class marked, collapsed in a <details> without script.
import { describe, expect, it } from 'vitest';
import { checkClaims, type PointMeasurements } from '../../src/claims/check.ts';
import type { Claim } from '../../src/claims/claim.ts';
import { CLASSES } from '../../src/claims/complexity.ts';
import { planTrial } from '../../src/engine/index.ts';
import { claimDetailHtml, parseClaimDetail } from '../../src/report/claim-detail.ts';

function point(n: number, rounds: number[]): PointMeasurements {
  const ones = rounds.map(() => 1);
  return {
    suite: 's',
    point: 0,
    params: { n, fanout: 3 },
    plan: planTrial({ n, fanout: 3 }),
    values: { rounds, messages: rounds.map((r) => r * n * 3), final_agreement: ones, converged: ones, winner0: ones, leader0: ones },
  };
}

/** A complexity result as check.ts writes it: rounds growing as log n, claimed O(n). */
function complexityResult(): { detail: string; best: string } {
  const claim: Claim = { kind: 'complexity', id: 'c', description: '', metric: 'rounds', claimed: 'n' };
  const points = [100, 1000, 10_000, 100_000].map((n) => {
    const m = 2 + 1.5 * Math.log(n);
    return point(n, [m - 0.2, m, m + 0.2]);
  });
  const r = checkClaims('s', [claim], points).results[0]!;
  return { detail: r.detail, best: r.bestClass! };
}

describe('parseClaimDetail', () => {
  it('splits a complexity detail into its verdict line, the means, and one fit per class', () => {
    const { detail, best } = complexityResult();
    expect(best).toBe('log n');
    const d = parseClaimDetail(detail);
    expect(d.summary).toBe('best log n (claimed n; lowest BIC)');
    expect(d.more).toHaveLength(1);
    expect(d.more[0]).toMatch(/^means by n 100:/);
    expect(d.fits.map((f) => f.cls)).toEqual([...CLASSES]);
    for (const f of d.fits) {
      expect(Number.isFinite(Number(f.bic)), f.bic).toBe(true);
      expect(f.figures).toMatch(/^a=\S+ b=\S+ R2=\S+ err=\S+$/);
    }
  });

  it('splits a bound detail at its first clause, and leaves a one-clause detail whole', () => {
    const lt3: Claim = { kind: 'bound', id: 'r', description: '', metric: 'rounds', comparator: '<', value: 3, at: { n: 10 } };
    const detail = checkClaims('s', [lt3], [point(10, [2, 2, 3, 2])]).results[0]!.detail;
    const d = parseClaimDetail(detail);
    expect(d.summary).toMatch(/^75\.0% of 4 trials have rounds < 3 \(95% CI .*\), below the 95\.0% required$/);
    expect(d.more).toEqual([expect.stringMatching(/^mean 2\.25, p95 /)]);
    expect(d.fits).toEqual([]);
    expect(parseClaimDetail('mean 93.0 is within ±25% of 90')).toEqual({ summary: 'mean 93.0 is within ±25% of 90', more: [], fits: [] });
  });
});

describe('claimDetailHtml', () => {
  it('collapses the detail to its summary, the fits one list item each, the chosen class marked', () => {
    const { detail, best } = complexityResult();
    const html = claimDetailHtml(detail, best);
    expect(html).toMatch(/^<details class="claim-detail"><summary>best log n \(claimed n; lowest BIC\)<\/summary>/);
    expect(html).not.toMatch(/<script/i);
    const items = [...html.matchAll(/<li( class="chosen")?>(.*?)<\/li>/g)];
    expect(items.map((m) => /<code>(.*?)<\/code>/.exec(m[2]!)![1])).toEqual([...CLASSES]);
    expect(items.filter((m) => m[1] !== undefined).map((m) => /<code>(.*?)<\/code>/.exec(m[2]!)![1])).toEqual(['log n']);
    expect(items.every((m) => /: BIC -?[\d.]+/.test(m[2]!))).toBe(true);
    // No element holds the BIC of two classes.
    for (const m of items) expect(m[2]!.match(/BIC/g)).toHaveLength(1);
  });

  it('shows a one-clause detail as plain escaped text', () => {
    expect(claimDetailHtml('mean <1> is within', null)).toBe('mean &lt;1&gt; is within');
  });
});
