// Tests of the statistics behind compare against published values: Mann-Whitney U and Welch's
// t-test and Fisher's exact test against scipy 1.17.1, Holm's correction against R's p.adjust,
// and the seeded bootstrap of a ratio of medians.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrapRatioOfMedians, medianInPlace } from '../../src/compare/bootstrap.ts';
import { quantileSorted } from '../../src/stats/summary.ts';
import { CountError, fisherExact } from '../../src/compare/fisher.ts';
import { holmAdjust } from '../../src/compare/holm.ts';
import { mannWhitneyU, SampleError } from '../../src/compare/mann-whitney.ts';
import { welchTest } from '../../src/compare/welch.ts';
import { timings } from './helpers.ts';

describe('mannWhitneyU', () => {
  it("matches scipy's documented example (no ties)", () => {
    // scipy.stats.mannwhitneyu docs, "males" vs "females":
    //   mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], method='asymptotic')
    //   -> MannwhitneyuResult(statistic=17.0, pvalue=0.11134688653314041)  (scipy 1.17.1)
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(r.u).toBe(17);
    expect(r.p).toBeCloseTo(0.11134688653314041, 12);
  });

  it('matches scipy with ties (tie-corrected variance)', () => {
    // scipy 1.17.1: mannwhitneyu([1,2,2,3,3,3,4], [2,3,4,4,5,5,6,7], method='asymptotic')
    //   -> statistic=8.5, pvalue=0.025279736885893914
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4], [2, 3, 4, 4, 5, 5, 6, 7]);
    expect(r.u).toBe(8.5);
    expect(r.p).toBeCloseTo(0.025279736885893914, 12);
  });

  it('is two-sided: swapping the samples keeps p and gives U2 = n1 n2 - U1', () => {
    const a = [19, 22, 16, 29, 24];
    const b = [20, 11, 17, 12];
    expect(mannWhitneyU(b, a).p).toBeCloseTo(mannWhitneyU(a, b).p, 14);
    expect(mannWhitneyU(b, a).u).toBe(20 - 17);
  });

  it('gives p = 1 when every value ties', () => {
    expect(mannWhitneyU([3, 3, 3], [3, 3]).p).toBe(1);
  });

  it('rejects an empty sample or a value that is not finite, naming the sample', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(SampleError);
    expect(() => mannWhitneyU([1, NaN], [1])).toThrow(SampleError);
  });
});

describe('welchTest', () => {
  it('matches scipy ttest_ind_from_stats(equal_var=False)', () => {
    // scipy 1.17.1: ttest_ind_from_stats(2.78, 1.13, 50, 2.54, 1.0, 40, equal_var=False)
    //   -> statistic=1.0675843928932198, pvalue=0.2886593090221917
    const a = welchTest({ mean: 2.78, sd: 1.13, count: 50 }, { mean: 2.54, sd: 1.0, count: 40 });
    expect(a.t).toBeCloseTo(1.0675843928932198, 12);
    expect(a.p).toBeCloseTo(0.2886593090221917, 10);
    // ttest_ind_from_stats(10.0, 2.0, 5, 12.5, 4.0, 8, equal_var=False) -> -1.494035761667992, 0.16400905014068035
    const b = welchTest({ mean: 10, sd: 2, count: 5 }, { mean: 12.5, sd: 4, count: 8 });
    expect(b.t).toBeCloseTo(-1.494035761667992, 12);
    expect(b.p).toBeCloseTo(0.16400905014068035, 10);
  });

  it('treats two constant samples as certain, and fewer than two values as untestable', () => {
    expect(welchTest({ mean: 2, sd: 0, count: 30 }, { mean: 2, sd: 0, count: 30 }).p).toBe(1);
    expect(welchTest({ mean: 2, sd: 0, count: 30 }, { mean: 3, sd: 0, count: 30 }).p).toBe(0);
    expect(welchTest({ mean: 2, sd: 0, count: 1 }, { mean: 3, sd: 1, count: 30 }).p).toBeNull();
  });
});

describe('fisherExact', () => {
  it('matches scipy fisher_exact (two-sided)', () => {
    // scipy 1.17.1: fisher_exact([[8,2],[1,5]]).pvalue = 0.034965034965034975
    expect(fisherExact(8, 10, 1, 6)).toBeCloseTo(0.034965034965034975, 12);
    // fisher_exact([[45,5],[30,20]]).pvalue = 0.0009668432030628979
    expect(fisherExact(45, 50, 30, 50)).toBeCloseTo(0.0009668432030628979, 12);
    // fisher_exact([[50,0],[47,3]]).pvalue = 0.24242424242424243
    expect(fisherExact(50, 50, 47, 50)).toBeCloseTo(0.24242424242424243, 12);
  });

  it('gives 1 when every trial of both runs converged', () => {
    expect(fisherExact(50, 50, 30, 30)).toBe(1);
  });

  it('rejects counts out of range', () => {
    expect(() => fisherExact(11, 10, 1, 6)).toThrow(CountError);
    expect(() => fisherExact(1.5, 10, 1, 6)).toThrow(CountError);
  });
});

describe('holmAdjust', () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((want, i) => expect(adj[i]).toBeCloseTo(want, 12));
  });

  it('caps at 1 and handles no tests', () => {
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('medianInPlace', () => {
  it('agrees with the sorted type-7 median, ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 }), (values) => {
        const sorted = Float64Array.from(values).sort();
        expect(medianInPlace(Float64Array.from(values))).toBe(quantileSorted(sorted, 0.5));
      }),
    );
  });
});

describe('bootstrapRatioOfMedians', () => {
  it('is deterministic for a seed and covers the true ratio', () => {
    const base = timings(20, 0.05, 400, 'b');
    const head = timings(24, 0.05, 400, 'h');
    const a = bootstrapRatioOfMedians(base, head, { seed: 's' })!;
    const b = bootstrapRatioOfMedians(base, head, { seed: 's' })!;
    expect(a).toEqual(b);
    expect(a.low).toBeLessThan(1.2);
    expect(a.high).toBeGreaterThan(1.2);
    expect(a.high - a.low).toBeLessThan(0.02);
  });

  it('gives the exact ratio for constant samples, even or odd in size', () => {
    expect(bootstrapRatioOfMedians([2, 2, 2, 2], [3, 3, 3], { seed: 'x', resamples: 50 })).toEqual({ low: 1.5, high: 1.5 });
  });

  it('returns null for an empty sample', () => {
    expect(bootstrapRatioOfMedians([], [1], { seed: 'x' })).toBeNull();
  });
});
