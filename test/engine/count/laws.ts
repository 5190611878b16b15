// Test helpers of the count engine: exact reference laws (binomial and hypergeometric pmfs as
// products of integer ratios, normalised over a window of +-14 sd; the standard normal cdf with an
// Edgeworth correction for n p q beyond 1e8, on @stdlib's erfc), binning by the reference and Pearson's test.
import erfc from '@stdlib/math-base-special-erfc';
import { expect } from 'vitest';
import { chiSquareCritical001 } from '../reference.ts';

/** A law on the integers lo..lo + pmf.length - 1 (mass outside is below 1e-40). */
export interface WindowLaw {
  lo: number;
  pmf: Float64Array;
}

/**
 * The exact pmf of a law on a window around its mode from the ratios f(x + 1) / f(x) (`up`) and
 * f(x - 1) / f(x) (`down`), normalised: no logarithm or gamma function involved.
 */
function windowLaw(mode: number, lo: number, hi: number, up: (x: number) => number, down: (x: number) => number): WindowLaw {
  const pmf = new Float64Array(hi - lo + 1);
  pmf[mode - lo] = 1;
  for (let x = mode; x < hi; x++) pmf[x + 1 - lo] = pmf[x - lo]! * up(x);
  for (let x = mode; x > lo; x--) pmf[x - 1 - lo] = pmf[x - lo]! * down(x);
  let sum = 0;
  for (const v of pmf) sum += v;
  for (let i = 0; i < pmf.length; i++) pmf[i]! /= sum;
  return { lo, pmf };
}

/** Bin(n, p) exactly on mode +- (14 sd + 30), clipped to [0, n]; q = 1 - p given apart. */
export function binomialWindow(n: number, p: number, q: number): WindowLaw {
  const sd = Math.sqrt(n * p * q);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const lo = Math.max(0, Math.floor(mode - 14 * sd - 30));
  const hi = Math.min(n, Math.ceil(mode + 14 * sd + 30));
  return windowLaw(mode, lo, hi, (x) => ((n - x) * p) / ((x + 1) * q), (x) => (x * q) / ((n - x + 1) * p));
}

/** Hyp(total, marked, draws) exactly on a window of +- (14 sd + 30) around its mode. */
export function hypergeometricWindow(total: number, marked: number, draws: number): WindowLaw {
  const other = total - marked;
  const sd = Math.sqrt((draws * marked * other * (total - draws)) / (total * total * (total - 1)));
  const mode = Math.floor(((draws + 1) * (marked + 1)) / (total + 2));
  const lo = Math.max(0, draws - other, Math.floor(mode - 14 * sd - 30));
  const hi = Math.min(draws, marked, Math.ceil(mode + 14 * sd + 30));
  return windowLaw(
    mode,
    lo,
    hi,
    (x) => ((marked - x) * (draws - x)) / ((x + 1) * (other - draws + x + 1)),
    (x) => (x * (other - draws + x)) / ((marked - x + 1) * (draws - x + 1)),
  );
}

/**
 * P(X <= x) for X ~ Bin(n, p) with n p q > 1e8: the continuity-corrected Edgeworth expansion to
 * order 1/(npq) (skewness and kurtosis terms); its error is O((npq)^-3/2) < 1e-12, far below
 * what 1e5 draws can see.
 */
export function binomialCdfLarge(n: number, p: number, q: number, x: number): number {
  const sd = Math.sqrt(n * p * q);
  const z = (x + 0.5 - n * p) / sd;
  const g1 = (q - p) / sd;
  const g2 = (1 - 6 * p * q) / (sd * sd);
  const phi = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  const big = 0.5 * erfc(-z / Math.SQRT2);
  return big - phi * ((g1 / 6) * (z * z - 1) + (g2 / 24) * (z ** 3 - 3 * z) + ((g1 * g1) / 72) * (z ** 5 - 10 * z ** 3 + 15 * z));
}

/**
 * Pearson's test of `draws` against bins given by their upper edges (value <= edge; the last
 * bin takes the rest) and exact probabilities; fails below the 0.001 level. Returns the statistic.
 */
export function expectFits(draws: Float64Array, edges: readonly number[], probs: readonly number[], what: string): number {
  const observed = new Float64Array(probs.length);
  for (let i = 0; i < draws.length; i++) {
    const x = draws[i]!;
    // Binary search for the first edge >= x.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x > edges[mid]!) lo = mid + 1;
      else hi = mid;
    }
    observed[lo]!++;
  }
  let stat = 0;
  for (let b = 0; b < probs.length; b++) {
    const e = probs[b]! * draws.length;
    stat += (observed[b]! - e) ** 2 / e;
  }
  const df = probs.length - 1;
  expect(stat, `${what}: chi2 ${stat.toFixed(1)} on ${df} df`).toBeLessThan(chiSquareCritical001(df));
  return stat;
}

/** Bins of a window law with expected counts >= `minExpected` of `total` draws: upper edges and probabilities. */
export function binsOf(law: WindowLaw, total: number, minExpected = 40): { edges: number[]; probs: number[] } {
  const edges: number[] = [];
  const probs: number[] = [];
  let acc = 0;
  let rest = 1;
  for (let i = 0; i < law.pmf.length; i++) {
    acc += law.pmf[i]!;
    if (acc * total >= minExpected && (rest - acc) * total >= minExpected) {
      edges.push(law.lo + i);
      probs.push(acc);
      rest -= acc;
      acc = 0;
    }
  }
  probs.push(rest);
  return { edges, probs };
}
