// Barabási-Albert: degrees >= m, exact edge count, heavy-tailed degrees, simple and connected,
// the same graph as drawing one `below` at a time, determinism, validation.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/engine/errors.ts';
import { below, trialKey } from '../../../src/engine/rng.ts';
import {
  barabasiAlbert,
  barabasiAlbertEdges,
  connectedComponents,
  csrFromPairs,
  degreeHistogram,
  edgeCount,
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

/** The same process drawn one `below` at a time, without batching (test sizes only). */
function reference(n: number, m: number, st: Int32Array): ReturnType<typeof barabasiAlbert> {
  const edges = barabasiAlbertEdges(n, m);
  const pairs = new Uint32Array(2 * edges);
  let i = 0;
  for (let b = 1; b <= m; b++) {
    for (let a = 0; a < b; a++) {
      pairs[i++] = b;
      pairs[i++] = a;
    }
  }
  for (let t = m + 1; t < n; t++) {
    const before = i;
    const chosen = new Set<number>();
    while (chosen.size < m) {
      const x = pairs[below(st, before)]!;
      if (chosen.has(x)) continue;
      chosen.add(x);
      pairs[i++] = t;
      pairs[i++] = x;
    }
  }
  return csrFromPairs('barabasi-albert', n, pairs, edges);
}

describe('barabasiAlbert', () => {
  for (const [n, m] of [
    [2, 1],
    [5, 4],
    [100, 1],
    [1000, 3],
    [10_000, 4],
  ] as const) {
    it(`n = ${n}, m = ${m}: degrees >= m, m(n - m - 1) + m(m + 1)/2 edges, simple, connected`, () => {
      const t = barabasiAlbert(n, m, stream(`ba-${n}`));
      expect(t.kind).toBe('barabasi-albert');
      expect(isWellFormed(t)).toBe(true);
      expect(edgeCount(t)).toBe(m * (n - m - 1) + (m * (m + 1)) / 2);
      const h = degreeHistogram(t);
      for (let d = 0; d < m; d++) expect(h[d] ?? 0).toBe(0);
      expect(isSymmetric(t)).toBe(true);
      expect(hasSelfLoops(t)).toBe(false);
      expect(hasMultiEdges(t)).toBe(false);
      expect(connectedComponents(t).count).toBe(1);
    });
  }

  it('n = m + 1 is the complete graph', () => {
    const t = barabasiAlbert(6, 5, stream('k6'));
    for (let v = 0; v < 6; v++) expect(neighbours(t, v).length).toBe(5);
  });

  it('has a heavy tail: the largest degree is far above the mean', () => {
    const n = 20_000;
    const m = 3;
    const t = barabasiAlbert(n, m, stream('tail'));
    const h = degreeHistogram(t);
    const mean = t.targets.length / n;
    expect(h.length - 1).toBeGreaterThan(15 * mean); // ~ m sqrt(n) = 424 expected vs mean 6
    // The earliest nodes are the hubs: node 0's degree is far above that of a late node.
    expect(neighbours(t, 0).length).toBeGreaterThan(10 * neighbours(t, n - 1).length);
  });

  it('equals drawing one `below` at a time (the batching only reorders memory reads)', () => {
    for (const [n, m] of [
      [50, 2],
      [3000, 3],
      [3000, 8],
    ] as const) {
      const t = barabasiAlbert(n, m, stream(`ref-${n}-${m}`));
      const r = reference(n, m, stream(`ref-${n}-${m}`));
      expect(t.offsets).toEqual(r.offsets);
      expect(t.targets).toEqual(r.targets);
    }
  });

  it('is a pure function of the stream: same seed, same arrays; another seed, another graph', () => {
    const a = barabasiAlbert(5000, 4, stream('det'));
    const b = barabasiAlbert(5000, 4, stream('det'));
    const c = barabasiAlbert(5000, 4, stream('det2'));
    expect(b.targets).toEqual(a.targets);
    expect(c.targets).not.toEqual(a.targets);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => barabasiAlbert(1, 1, stream('v')), 'n');
    expectParameterError(() => barabasiAlbert(10, 0, stream('v')), 'm');
    expectParameterError(() => barabasiAlbert(10, 10, stream('v')), 'm');
    expectParameterError(() => barabasiAlbert(10, 1.5, stream('v')), 'm');
    expectParameterError(() => barabasiAlbert(10, 2, new Int32Array(4)), 'rng');
  });
});
