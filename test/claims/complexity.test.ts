// The complexity fitter on synthetic series of every class, with noise, and the verdict rules.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { CLASSES, complexityVerdict, fitSeries, GROWTH, type SeriesPoint } from '../../src/claims/complexity.ts';

const NS = [10, 100, 1e3, 1e4, 1e5, 1e6];

/** Box-Muller normal draws from a seeded generator. */
function normal(rng: seedrandom.PRNG): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function synthetic(cls: (typeof CLASSES)[number], a: number, b: number, relNoise: number, seed: string, ns = NS): SeriesPoint[] {
  const rng = seedrandom(seed);
  return ns.map((n) => {
    const y = a + b * GROWTH[cls](n);
    const se = relNoise * y;
    return { n, mean: y + se * normal(rng), se };
  });
}

describe('fitSeries', () => {
  // Scales chosen so the growth term is a visible part of the metric over the grid.
  const cases: [(typeof CLASSES)[number], number, number][] = [
    ['log log n', 2, 3],
    ['log n', 1, 2],
    ['sqrt n', 5, 0.5],
    ['n', 100, 3],
    ['n log n', 100, 2],
    ['n^2', 1000, 0.01],
  ];
  for (const [cls, a, b] of cases) {
    it(`recovers ${cls} from noisy data (2% noise, 20 seeds)`, () => {
      for (let s = 0; s < 20; s++) {
        const fit = fitSeries(synthetic(cls, a, b, 0.02, `${cls}-${s}`));
        expect(fit.best, `seed ${s}`).toBe(cls);
        const f = fit.fits.find((x) => x.cls === cls)!;
        expect(f.r2).toBeGreaterThan(0.95);
      }
    });
  }

  it('prefers the constant on flat noisy data', () => {
    for (let s = 0; s < 50; s++) expect(fitSeries(synthetic('1', 2.5, 0, 0.03, `flat-${s}`)).best, `seed ${s}`).toBe('1');
  });

  it('prefers the constant on exactly flat data and on a slightly falling series', () => {
    expect(fitSeries(NS.map((n) => ({ n, mean: 2, se: 0 }))).best).toBe('1');
    expect(fitSeries(NS.map((n, i) => ({ n, mean: 3 - 0.1 * i, se: 0.01 }))).best).toBe('1');
  });

  it('reports a, b >= 0, r2 and error for every class', () => {
    const fit = fitSeries(synthetic('log n', 1, 2, 0.01, 'report'));
    expect(fit.fits.map((f) => f.cls)).toEqual([...CLASSES]);
    for (const f of fit.fits) {
      expect(f.b).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(f.a) && Number.isFinite(f.r2) && Number.isFinite(f.rmsRelError) && Number.isFinite(f.bic)).toBe(true);
    }
    const log = fit.fits.find((f) => f.cls === 'log n')!;
    expect(log.b).toBeCloseTo(2, 0);
  });

  it('needs at least three points', () => {
    expect(() => fitSeries(NS.slice(0, 2).map((n) => ({ n, mean: 1, se: 0.1 })))).toThrow(RangeError);
  });
});

describe('complexityVerdict', () => {
  it('tight, upper-bound or fails by the order of the classes', () => {
    expect(complexityVerdict('log n', 'log n')).toBe('tight');
    expect(complexityVerdict('log n', '1')).toBe('upper-bound');
    expect(complexityVerdict('n log n', 'n')).toBe('upper-bound');
    expect(complexityVerdict('log n', 'sqrt n')).toBe('fails');
    expect(complexityVerdict('n', 'n^2')).toBe('fails');
  });
});
