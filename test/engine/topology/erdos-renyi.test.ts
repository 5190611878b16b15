// Erdős-Rényi G(n, p): mean degree and edge count against the binomial, the same edges as a plain
// skipping walk, per-pair frequency p, the limits p = 0 and p = 1, determinism, validation.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/engine/errors.ts';
import { trialKey, uniform } from '../../../src/engine/rng.ts';
import {
  edgeCount,
  erdosRenyi,
  hasMultiEdges,
  hasSelfLoops,
  isSymmetric,
  isWellFormed,
  neighbours,
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

/** Batagelj-Brandes skipping written plainly: the edges as "v-w" strings (test sizes only). */
function referenceEdges(n: number, p: number, st: Int32Array): Set<string> {
  const edges = new Set<string>();
  const invLogQ = 1 / Math.log1p(-p);
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - uniform(st)) * invLogQ);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) edges.add(`${v}-${w}`);
  }
  return edges;
}

describe('erdosRenyi', () => {
  it('n = 10^4, mean degree 8: edge count within 4 sd of n(n-1)p/2, mean degree close, simple', () => {
    const n = 10_000;
    const meanDegree = 8;
    const p = meanDegree / (n - 1);
    const pairs = (n * (n - 1)) / 2;
    const sd = Math.sqrt(pairs * p * (1 - p));
    for (const seed of ['a', 'b', 'c', 'd']) {
      const t = erdosRenyi(n, meanDegree, stream(seed));
      expect(t.kind).toBe('erdos-renyi');
      expect(isWellFormed(t)).toBe(true);
      expect(Math.abs(edgeCount(t) - pairs * p)).toBeLessThan(4 * sd);
      expect(Math.abs(t.targets.length / n - meanDegree)).toBeLessThan(0.1);
      expect(isSymmetric(t)).toBe(true);
      expect(hasSelfLoops(t)).toBe(false);
      expect(hasMultiEdges(t)).toBe(false);
    }
  });

  it('has exactly the edges of a plain skipping walk on the same stream', () => {
    for (const [n, meanDegree] of [
      [2000, 5],
      [300, 150],
      [50, 0.5],
    ] as const) {
      const t = erdosRenyi(n, meanDegree, stream(`ref-${n}`));
      const want = referenceEdges(n, meanDegree / (n - 1), stream(`ref-${n}`));
      const got = new Set<string>();
      for (let v = 0; v < n; v++) for (const w of neighbours(t, v)) if (w < v) got.add(`${v}-${w}`);
      expect(got.size).toBe(want.size);
      expect(edgeCount(t)).toBe(want.size);
      for (const e of want) expect(got.has(e)).toBe(true);
    }
  });

  it('makes each pair an edge with probability p', () => {
    const n = 8;
    const p = 0.3;
    const reps = 5000;
    const hits = new Float64Array(n * n);
    const st = stream('pairs');
    for (let r = 0; r < reps; r++) {
      const t = erdosRenyi(n, p * (n - 1), st);
      for (let v = 0; v < n; v++) for (const w of neighbours(t, v)) if (w > v) hits[v * n + w]!++;
    }
    const sd = Math.sqrt(reps * p * (1 - p));
    let chi = 0;
    for (let v = 0; v < n; v++) {
      for (let w = v + 1; w < n; w++) {
        const z = (hits[v * n + w]! - reps * p) / sd;
        expect(Math.abs(z)).toBeLessThan(4.5);
        chi += z * z;
      }
    }
    expect(chi).toBeLessThan(61.1); // chi-square with 28 degrees of freedom, p = 0.001 (independent pairs)
  });

  it('meanDegree 0 gives no edges; meanDegree n - 1 the complete graph', () => {
    expect(erdosRenyi(50, 0, stream('empty')).targets.length).toBe(0);
    const k = erdosRenyi(40, 39, stream('full'));
    expect(edgeCount(k)).toBe((40 * 39) / 2);
    expect(hasMultiEdges(k)).toBe(false);
    expect(isSymmetric(k)).toBe(true);
  });

  it('is a pure function of the stream: same seed, same arrays; another seed, another graph', () => {
    const a = erdosRenyi(5000, 6, stream('det'));
    const b = erdosRenyi(5000, 6, stream('det'));
    const c = erdosRenyi(5000, 6, stream('det2'));
    expect(b.targets).toEqual(a.targets);
    expect(b.offsets).toEqual(a.offsets);
    expect(c.targets).not.toEqual(a.targets);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => erdosRenyi(1, 0, stream('v')), 'n');
    expectParameterError(() => erdosRenyi(10, -1, stream('v')), 'meanDegree');
    expectParameterError(() => erdosRenyi(10, 9.5, stream('v')), 'meanDegree');
    expectParameterError(() => erdosRenyi(10, Number.NaN, stream('v')), 'meanDegree');
    expectParameterError(() => erdosRenyi(10, '3' as unknown as number, stream('v')), 'meanDegree');
    expectParameterError(() => erdosRenyi(10, 3, new Int32Array(4)), 'rng');
  });
});
