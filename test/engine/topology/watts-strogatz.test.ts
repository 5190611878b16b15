// Watts-Strogatz: beta = 0 is the ring, beta = 1 keeps the edge count and every owned edge,
// the rewired share follows beta, no self-loops or duplicates, determinism, validation.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/engine/errors.ts';
import { trialKey } from '../../../src/engine/rng.ts';
import {
  connectedComponents,
  degreeHistogram,
  edgeCount,
  hasMultiEdges,
  hasSelfLoops,
  isSymmetric,
  isWellFormed,
  neighbours,
  ring,
  sortNeighbours,
  topologyState,
  wattsStrogatz,
  type Topology,
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

function expectSimpleUndirected(t: Topology): void {
  expect(isWellFormed(t)).toBe(true);
  expect(isSymmetric(t)).toBe(true);
  expect(hasSelfLoops(t)).toBe(false);
  expect(hasMultiEdges(t)).toBe(false);
}

/** Edges of t that are not ring-lattice edges (circular distance > k). */
function longEdges(t: Topology, k: number): number {
  let count = 0;
  for (let v = 0; v < t.n; v++) {
    for (const w of neighbours(t, v)) {
      const dist = Math.min(Math.abs(v - w), t.n - Math.abs(v - w));
      if (w > v && dist > k) count++;
    }
  }
  return count;
}

describe('wattsStrogatz', () => {
  it('beta = 0 is the ring lattice (after sorting the neighbour lists)', () => {
    for (const [n, k] of [
      [10, 2],
      [101, 3],
      [1000, 4],
    ] as const) {
      const ws = sortNeighbours(wattsStrogatz(n, k, 0, stream('zero')));
      const r = sortNeighbours(ring(n, k));
      expect(ws.kind).toBe('watts-strogatz');
      expect(ws.offsets).toEqual(r.offsets);
      expect(ws.targets).toEqual(r.targets);
    }
  });

  it('beta = 1 keeps nk edges, every degree >= k, no self-loops or duplicates', () => {
    for (const [n, k] of [
      [5, 1],
      [7, 3],
      [50, 2],
      [2000, 4],
    ] as const) {
      const t = wattsStrogatz(n, k, 1, stream(`one-${n}`));
      expect(edgeCount(t)).toBe(n * k);
      expectSimpleUndirected(t);
      const h = degreeHistogram(t);
      for (let d = 0; d < k; d++) expect(h[d] ?? 0).toBe(0);
    }
  });

  it('n = 2k + 1 (complete ring) stays complete: nodes linked to everyone keep their edges', () => {
    const t = wattsStrogatz(9, 4, 1, stream('full'));
    expect(edgeCount(t)).toBe(36);
    expectSimpleUndirected(t);
  });

  it('rewires about a share beta of the edges', () => {
    const n = 20_000;
    const k = 4;
    for (const beta of [0.1, 0.5]) {
      const t = wattsStrogatz(n, k, beta, stream(`share-${beta}`));
      expectSimpleUndirected(t);
      expect(edgeCount(t)).toBe(n * k);
      // A rewired edge lands within distance k with probability ~2k/n: negligible here.
      const share = longEdges(t, k) / (n * k);
      const sd = Math.sqrt((beta * (1 - beta)) / (n * k));
      expect(Math.abs(share - beta)).toBeLessThan(5 * sd + 2e-3);
    }
  });

  it('stays connected at beta = 0.1 (fixed seed)', () => {
    expect(connectedComponents(wattsStrogatz(10_000, 3, 0.1, stream('conn'))).count).toBe(1);
  });

  it('is a pure function of the stream: same seed, same arrays; another seed, another graph', () => {
    const a = wattsStrogatz(5000, 3, 0.2, stream('det'));
    const b = wattsStrogatz(5000, 3, 0.2, stream('det'));
    const c = wattsStrogatz(5000, 3, 0.2, stream('det2'));
    expect(b.targets).toEqual(a.targets);
    expect(b.offsets).toEqual(a.offsets);
    expect(c.targets).not.toEqual(a.targets);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => wattsStrogatz(2, 1, 0.1, stream('v')), 'n');
    expectParameterError(() => wattsStrogatz(10, 0, 0.1, stream('v')), 'k');
    expectParameterError(() => wattsStrogatz(10, 5, 0.1, stream('v')), 'k');
    expectParameterError(() => wattsStrogatz(10, 2, -0.1, stream('v')), 'rewire');
    expectParameterError(() => wattsStrogatz(10, 2, 1.5, stream('v')), 'rewire');
    expectParameterError(() => wattsStrogatz(10, 2, Number.NaN, stream('v')), 'rewire');
    expectParameterError(() => wattsStrogatz(10, 2, 0.1, new Int32Array(4)), 'rng');
  });
});
