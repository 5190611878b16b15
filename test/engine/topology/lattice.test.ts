// Ring lattice and torus: exact degrees, exact neighbour sets, simple and symmetric, connected, validation.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/engine/errors.ts';
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
  torus,
  type Topology,
} from '../../../src/engine/topology/index.ts';

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

describe('ring', () => {
  for (const [n, k] of [
    [3, 1],
    [10, 1],
    [10, 4],
    [11, 5],
    [1000, 4],
  ] as const) {
    it(`n = ${n}, k = ${k}: every degree 2k, neighbours v +- 1..k, simple, connected`, () => {
      const t = ring(n, k);
      expect(t.kind).toBe('ring');
      expect(t.offsets.length).toBe(n + 1);
      expect(t.offsets[n]).toBe(t.targets.length);
      expect(edgeCount(t)).toBe(n * k);
      expect(Array.from(degreeHistogram(t)).slice(-1)[0]).toBe(n);
      expect(degreeHistogram(t).length).toBe(2 * k + 1);
      expectSimpleUndirected(t);
      for (const v of [0, 1, n - 1, Math.floor(n / 2)]) {
        const want: number[] = [];
        for (let j = 1; j <= k; j++) want.push((v + j) % n, (v - j + n) % n);
        expect(Array.from(neighbours(t, v)).sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
      }
      expect(connectedComponents(t).count).toBe(1);
    });
  }

  it('n = 2k + 1 is the complete graph', () => {
    const t = ring(9, 4);
    for (let v = 0; v < 9; v++) expect(neighbours(t, v).length).toBe(8);
    expectSimpleUndirected(t);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => ring(2, 1), 'n');
    expectParameterError(() => ring(10.5, 1), 'n');
    expectParameterError(() => ring(Number.NaN, 1), 'n');
    expectParameterError(() => ring(10, 0), 'k');
    expectParameterError(() => ring(10, 1.5), 'k');
    expectParameterError(() => ring(10, 5), 'k'); // needs n >= 2k + 1
  });
});

describe('torus', () => {
  it('a perfect square n: 4 neighbours (up, left, right, down) with wrap-around', () => {
    const t = torus(25);
    expect(t.kind).toBe('torus');
    expect(edgeCount(t)).toBe(50);
    expect(Array.from(degreeHistogram(t))).toEqual([0, 0, 0, 0, 25]);
    expectSimpleUndirected(t);
    expect(Array.from(neighbours(t, 0))).toEqual([20, 4, 1, 5]);
    expect(Array.from(neighbours(t, 12))).toEqual([7, 11, 13, 17]);
    expect(Array.from(neighbours(t, 24))).toEqual([19, 23, 20, 4]);
    expect(connectedComponents(t).count).toBe(1);
  });

  it('a width x height grid when width is given', () => {
    const t = torus(12, 4); // 4 wide, 3 high
    expect(Array.from(neighbours(t, 0))).toEqual([8, 3, 1, 4]);
    expect(Array.from(neighbours(t, 7))).toEqual([3, 6, 4, 11]);
    expectSimpleUndirected(t);
    expect(connectedComponents(t).count).toBe(1);
    const big = torus(300 * 200, 300);
    expectSimpleUndirected(big);
    expect(connectedComponents(big).count).toBe(1);
  });

  it('rejects bad parameters, naming them', () => {
    expectParameterError(() => torus(10), 'n'); // not a square
    expectParameterError(() => torus(4), 'n'); // 2 x 2: neighbours would repeat
    expectParameterError(() => torus(12, 5), 'width'); // not a divisor
    expectParameterError(() => torus(12, 6), 'width'); // height 2
    expectParameterError(() => torus(12, 2), 'width');
    expectParameterError(() => torus(12, 3.5), 'width');
  });
});
