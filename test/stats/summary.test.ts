// Tests for summary statistics: known values, numpy type-7 quantiles, t table, Wilson intervals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  proportionCi95,
  quantileSorted,
  summarize,
  tQuantile975,
} from '../../src/stats/summary.ts';

describe('summarize', () => {
  it('gives the textbook mean and sample sd', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.count).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12); // 2.138089935...
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    // t(0.975, 7) = 2.364624251592785
    const half = (2.364624251592785 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(s.ci95Low).toBeCloseTo(5 - half, 5);
    expect(s.ci95High).toBeCloseTo(5 + half, 5);
  });

  it('matches numpy type-7 quantiles', () => {
    expect(summarize([1, 2, 3, 4]).p50).toBe(2.5);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(summarize(twenty).p95).toBeCloseTo(19.05, 12);
    expect(summarize(twenty).p50).toBe(10.5);
    expect(summarize([3, 1, 2]).p50).toBe(2);
    // numpy.percentile([10, 0, 7, 3, 100], 95) = 82: h = 4 * 0.95 = 3.8, 10 + 0.8 * 90
    expect(summarize([10, 0, 7, 3, 100]).p95).toBeCloseTo(82, 12);
  });

  it('does not reorder the input and accepts typed arrays', () => {
    const input = new Float64Array([3, 1, 2]);
    expect(summarize(input).p50).toBe(2);
    expect([...input]).toEqual([3, 1, 2]);
    expect(summarize(new Uint32Array([5, 6])).mean).toBe(5.5);
  });

  it('collapses to the value for a single observation', () => {
    expect(summarize([7])).toEqual({
      count: 1,
      mean: 7,
      sd: 0,
      ci95Low: 7,
      ci95High: 7,
      p50: 7,
      p95: 7,
      min: 7,
      max: 7,
    });
  });

  it('stays accurate with a large offset (Welford)', () => {
    const s = summarize([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(s.mean).toBe(1e9 + 10);
    expect(s.sd).toBeCloseTo(Math.sqrt(30), 9);
  });

  it('throws a RangeError on an empty sample or a non-finite value', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
    expect(() => summarize([Infinity])).toThrow(RangeError);
  });

  it('keeps order statistics and interval consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (xs) => {
          const s = summarize(xs);
          const slack = 1e-9 * (1 + Math.abs(s.max) + Math.abs(s.min));
          expect(s.min).toBe(Math.min(...xs));
          expect(s.max).toBe(Math.max(...xs));
          expect(s.mean).toBeGreaterThanOrEqual(s.min - slack);
          expect(s.mean).toBeLessThanOrEqual(s.max + slack);
          expect(s.p50).toBeLessThanOrEqual(s.p95);
          expect(s.p50).toBeGreaterThanOrEqual(s.min);
          expect(s.p95).toBeLessThanOrEqual(s.max);
          expect(s.ci95Low).toBeLessThanOrEqual(s.mean);
          expect(s.ci95High).toBeGreaterThanOrEqual(s.mean);
          expect(s.sd).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly and hits the ends', () => {
    const xs = [10, 20, 30, 40];
    expect(quantileSorted(xs, 0)).toBe(10);
    expect(quantileSorted(xs, 1)).toBe(40);
    expect(quantileSorted(xs, 0.25)).toBe(17.5);
  });

  it('rejects p outside [0, 1] and an empty sample', () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(RangeError);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});

describe('tQuantile975', () => {
  // Exact values (R qt(0.975, df)).
  const table: [number, number][] = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.182446305283708],
    [4, 2.776445105197794],
    [5, 2.570581835636314],
    [10, 2.2281388519862744],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264078],
  ];

  it.each(table)('df = %i gives %f', (df, expected) => {
    expect(Math.abs(tQuantile975(df) - expected) / expected).toBeLessThan(1e-6);
  });

  it('matches the rounded textbook table', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(2)).toBeCloseTo(4.303, 3);
    expect(tQuantile975(10)).toBeCloseTo(2.228, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
  });

  it('tends to the normal quantile', () => {
    expect(tQuantile975(1e9)).toBeCloseTo(1.959964, 6);
    expect(tQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it('decreases with df', () => {
    let previous = Infinity;
    for (let df = 1; df <= 2000; df++) {
      const t = tQuantile975(df);
      expect(t).toBeLessThan(previous);
      previous = t;
    }
  });

  it('rejects df that is not a positive integer', () => {
    for (const df of [0, -1, 1.5, Number.NaN]) expect(() => tQuantile975(df)).toThrow(RangeError);
  });
});

describe('proportionCi95', () => {
  it('gives the Wilson interval for 5/10', () => {
    const { low, high } = proportionCi95(5, 10);
    expect(low).toBeCloseTo(0.2366, 4);
    expect(high).toBeCloseTo(0.7634, 4);
  });

  it('is pinned to 0 and 1 at the extremes', () => {
    const none = proportionCi95(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = proportionCi95(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.7225, 4);
  });

  it('rejects impossible counts', () => {
    expect(() => proportionCi95(1, 0)).toThrow(RangeError);
    expect(() => proportionCi95(11, 10)).toThrow(RangeError);
    expect(() => proportionCi95(-1, 10)).toThrow(RangeError);
    expect(() => proportionCi95(0.5, 10)).toThrow(RangeError);
  });

  it('contains the observed fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.floor(f * n);
        const { low, high } = proportionCi95(k, n);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(k / n);
        expect(high).toBeGreaterThanOrEqual(k / n);
      }),
    );
  });
});
