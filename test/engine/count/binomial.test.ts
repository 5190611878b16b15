// The count engine's exact samplers against exact laws: binomial at n up to 1e15 and p down to
// 1e-12 (pmf from products of ratios; an order-1/(npq) Edgeworth cdf beyond npq = 1e8), p = 0
// and 1, the log pmf ratio against direct products, and the hypergeometric.
import { describe, expect, it } from 'vitest';
import { binomial, binomialLaw, binomialLogRatio, hypergeometric, multivariateHypergeometric, Purpose, streamState, trialKey } from '../../../src/engine/index.ts';
import { binomialCdfLarge, binomialWindow, binsOf, expectFits, hypergeometricWindow } from './laws.ts';

const DRAWS = 100_000;

function stream(name: string): Int32Array {
  return streamState(trialKey(name), Purpose.count, 1, 0, new Int32Array(4));
}

function sample(draw: (s: Int32Array) => number, name: string, count = DRAWS): Float64Array {
  const s = stream(name);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = draw(s);
  return out;
}

describe('binomial sampler against the exact pmf', () => {
  // [n, p]: inversion (min(p, q) n < 30) and BTPE, tiny and huge n, p near 0 and near 1.
  const CASES: [number, number][] = [
    [10, 0.3],
    [57, 0.5],
    [1000, 0.5],
    [1000, 0.97],
    [1e6, 0.01],
    [1e6, 0.3],
    [1e12, 1e-12],
    [1e12, 3e-11],
    [1e15, 1e-14],
    [1e15, 1e-12],
    [1e15, 1e-9],
    [1e12, 1e-6],
    [1e9, 1 - 1e-6],
  ];
  for (const [n, p] of CASES) {
    it(`Bin(${n}, ${p})`, () => {
      // q given apart, as the engine passes it: for p = 1 - 1e-6 the complement is 1e-6 exactly.
      const q = p > 0.5 ? Number((1 - p).toPrecision(12)) : 1 - p;
      const pp = p > 0.5 ? 1 - q : p;
      const law = binomialWindow(n, pp, q);
      const { edges, probs } = binsOf(law, DRAWS);
      expect(probs.length).toBeGreaterThan(3);
      const draws = sample((s) => binomial(n, pp, q, s), `bin-${n}-${p}`);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
      expectFits(draws, edges, probs, `Bin(${n}, ${p})`);
    });
  }

  for (const [n, p] of [
    [1e15, 0.5],
    [1e15, 0.3],
    [1e12, 0.5],
    [2 ** 53 - 1, 0.25],
  ] as [number, number][]) {
    it(`Bin(${n}, ${p}) against the Edgeworth cdf (npq > 1e8)`, () => {
      const q = 1 - p;
      const sd = Math.sqrt(n * p * q);
      const z = [-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5];
      const edges = z.map((t) => Math.floor(n * p + t * sd));
      const cdf = edges.map((x) => binomialCdfLarge(n, p, q, x));
      const probs = [...cdf.map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]!)), 1 - cdf[cdf.length - 1]!];
      const draws = sample((s) => binomial(n, p, q, s), `big-${n}-${p}`);
      expectFits(draws, edges, probs, `Bin(${n}, ${p})`);
      let mean = 0;
      for (const x of draws) mean += x;
      mean /= draws.length;
      // The mean within 5 standard errors: a shift of sd / 50 would show.
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
    });
  }

  it('p = 0 gives 0 and p = 1 gives n, drawing nothing', () => {
    const s = stream('edges');
    const before = Int32Array.from(s);
    expect(binomial(1e15, 0, 1, s)).toBe(0);
    expect(binomial(1e15, 1, 0, s)).toBe(1e15);
    expect(binomial(0, 0.5, 0.5, s)).toBe(0);
    expect(s).toEqual(before);
  });

  it('a fixed stream gives fixed draws (the sampler is part of the count engine stream definition)', () => {
    const s = stream('pinned');
    expect([binomial(10, 0.3, 0.7, s), binomial(1e6, 0.3, 0.7, s), binomial(1e15, 1e-12, 1 - 1e-12, s), binomial(1e15, 0.5, 0.5, s)]).toMatchInlineSnapshot(`
      [
        3,
        300247,
        1032,
        500000014709873,
      ]
    `);
  });
});

describe('log pmf ratio', () => {
  it('equals the direct product of ratios, from the mode to y, at every size', () => {
    for (const [n, r] of [
      [200, 0.3],
      [1e6, 0.5],
      [1e12, 0.5],
      [1e15, 0.5],
      [1e15, 1e-9],
      [9e15, 0.01],
    ] as [number, number][]) {
      const q = 1 - r;
      const law = binomialLaw(n, r, q);
      const sd = Math.sqrt(n * r * q);
      for (const k of [-300, -57, -21, 21, 22, 150, 300]) {
        const y = law.mode + Math.round(k * Math.max(1, sd / 1000));
        if (y < 0 || y > n) continue;
        // Direct: the sum of the logs of (n - i + 1) r / (i q) between the mode and y.
        let direct = 0;
        const step = Math.sign(y - law.mode);
        for (let i = law.mode + (step > 0 ? 1 : 0); step > 0 ? i <= y : i > y; i += step) {
          const i0 = step > 0 ? i : i;
          direct += step * Math.log(((n - i0 + 1) * r) / (i0 * q));
        }
        const got = binomialLogRatio(law, y);
        expect(Math.abs(got - direct), `n ${n} r ${r} y - m ${y - law.mode}: ${got} vs ${direct}`).toBeLessThan(1e-11 * (1 + Math.abs(direct)) + 4e-16 * Math.abs(y - law.mode));
      }
    }
  });

  it('keeps a near-balanced lead of 1e-6 n at n = 1e12 (a plain ln(f1/x1) would not)', () => {
    const law = binomialLaw(1e12, 0.5, 0.5);
    // f(m + d) / f(m - d) = 1 for the symmetric law; the ratio must say so to 1e-12.
    for (const d of [1000, 1e6, 3e6]) expect(Math.abs(binomialLogRatio(law, law.mode + d) - binomialLogRatio(law, law.mode - d))).toBeLessThan(1e-9);
  });
});

describe('hypergeometric sampler against the exact pmf', () => {
  for (const [total, marked, draws] of [
    [20, 7, 9],
    [1000, 30, 500],
    [1e6, 7e5, 3e5],
    [1e12, 4e11, 1e6],
    [1e15, 3e14, 1e9],
    [1e12, 1, 5e11],
    [1e12, 1e12 - 5e6, 1e6],
  ] as [number, number, number][]) {
    it(`Hyp(${total}, ${marked}, ${draws})`, () => {
      const law = hypergeometricWindow(total, marked, draws);
      const { edges, probs } = binsOf(law, DRAWS / 2);
      const got = sample((s) => hypergeometric(total, marked, draws, s), `hyp-${total}-${marked}-${draws}`, DRAWS / 2);
      expectFits(got, edges, probs, `Hyp(${total}, ${marked}, ${draws})`);
    });
  }

  it('multivariate: the parts sum to the draws and each part is hypergeometric', () => {
    const s = stream('mv');
    const sizes = Float64Array.from([5e11, 3e11, 1e5, 2e11 - 1e5]);
    const out = new Float64Array(4);
    const first = new Float64Array(20_000);
    for (let t = 0; t < first.length; t++) {
      multivariateHypergeometric(sizes, 4, 1e9, out, s);
      expect(out[0]! + out[1]! + out[2]! + out[3]!).toBe(1e9);
      first[t] = out[1]!;
    }
    const law = hypergeometricWindow(1e12, 3e11, 1e9);
    const { edges, probs } = binsOf(law, first.length);
    expectFits(first, edges, probs, 'second class');
  });
});
