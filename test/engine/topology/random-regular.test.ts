// Random d-regular graphs: exact degrees, simple and symmetric, connected for d >= 3, uniform edge
// marginals, exact K_n at d = n - 1, determinism from the seed, validation.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/engine/errors.ts';
import { trialKey } from '../../../src/engine/rng.ts';
import {
  connectedComponents,
  degreeHistogram,
  hasMultiEdges,
  hasSelfLoops,
  isSymmetric,
  isWellFormed,
  neighbours,
  randomRegular,
  topologyState,
} from '../../../src/engine/topology/index.ts';

const stream = (seed: string): Int32Array => topologyState(trialKey(seed));

function expectParameterError(make: () => unknown, parameter: string): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParameterError);
  expect((error as ParameterError).parameter).toBe(parameter);
}

describe('randomRegular', () => {
  for (const [n, d] of [
    [2, 1],
    [4, 3],
    [5, 4],
    [6, 4],
    [10, 3],
    [10, 9],
    [12, 10],
    [101, 2],
    [1000, 3],
    [1000, 8],
    [20_000, 8],
  ] as const) {
    it(`n = ${n}, d = ${d}: every degree d, simple, symmetric`, () => {
      for (const seed of ['a', 'b', 'c']) {
        const t = randomRegular(n, d, stream(`${seed}-${n}-${d}`));
        expect(t.kind).toBe('random-regular');
        expect(isWellFormed(t)).toBe(true);
        const h = degreeHistogram(t);
        expect(h.length).toBe(d + 1);
        expect(h[d]).toBe(n);
        expect(isSymmetric(t)).toBe(true);
        expect(hasSelfLoops(t)).toBe(false);
        expect(hasMultiEdges(t)).toBe(false);
      }
    });
  }

  it('d = n - 1 gives the complete graph', () => {
    const t = randomRegular(7, 6, stream('complete'));
    for (let v = 0; v < 7; v++) {
      expect(Array.from(neighbours(t, v)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6].filter((w) => w !== v));
    }
  });

  it('is connected for d >= 3 (with high probability; fixed seeds)', () => {
    for (const [n, d] of [
      [1000, 3],
      [5000, 4],
      [20_000, 8],
    ] as const) {
      expect(connectedComponents(randomRegular(n, d, stream(`conn-${n}`))).count).toBe(1);
    }
  });

  it('every pair is an edge equally often (d / (n - 1)) over many graphs', () => {
    const n = 12;
    const d = 3;
    const reps = 3000;
    const hits = new Float64Array(n * n);
    const st = stream('marginals');
    for (let r = 0; r < reps; r++) {
      const t = randomRegular(n, d, st);
      for (let v = 0; v < n; v++) for (const w of neighbours(t, v)) if (w > v) hits[v * n + w]!++;
    }
    const p = d / (n - 1);
    const sd = Math.sqrt(reps * p * (1 - p));
    let chi = 0;
    for (let v = 0; v < n; v++) {
      for (let w = v + 1; w < n; w++) {
        const z = (hits[v * n + w]! - reps * p) / sd;
        expect(Math.abs(z)).toBeLessThan(4.5);
        chi += z * z;
      }
    }
    // 66 pairs (dependent, so only a loose check): the mean square deviation stays near 1.
    expect(chi / 66).toBeLessThan(2);
  });

  it('is a pure function of the stream: same seed, same arrays; another seed, another graph', () => {
    const a = randomRegular(5000, 6, stream('det'));
    const b = randomRegular(5000, 6, stream('det'));
    const c = randomRegular(5000, 6, stream('det2'));
    expect(b.targets).toEqual(a.targets);
    expect(b.offsets).toEqual(a.offsets);
    expect(c.targets).not.toEqual(a.targets);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => randomRegular(1, 1, stream('v')), 'n');
    expectParameterError(() => randomRegular(10, 0, stream('v')), 'degree');
    expectParameterError(() => randomRegular(10, 10, stream('v')), 'degree');
    expectParameterError(() => randomRegular(10, 2.5, stream('v')), 'degree');
    expectParameterError(() => randomRegular(11, 3, stream('v')), 'degree'); // n d odd
    expectParameterError(() => randomRegular(10, 3, new Int32Array(4)), 'rng'); // all-zero state
    expectParameterError(() => randomRegular(10, 3, new Int32Array(2)), 'rng');
  });
});
