// The helpers on hand-made graphs: each check catches the defect it names, components and
// histograms count right, and neighbour views and sorting behave.
import { describe, expect, it } from 'vitest';
import {
  connectedComponents,
  csrBytes,
  csrFromPairs,
  degree,
  degreeHistogram,
  edgeCount,
  hasMultiEdges,
  hasSelfLoops,
  isSymmetric,
  isWellFormed,
  neighbours,
  ring,
  sortNeighbours,
  type Topology,
} from '../../../src/engine/topology/index.ts';

/** A graph straight from adjacency lists (may be directed or broken on purpose). */
function fromLists(lists: number[][]): Topology {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, v) => (offsets[v + 1] = offsets[v]! + l.length));
  return { kind: 'ring', n: lists.length, offsets, targets: Uint32Array.from(lists.flat()) };
}

/** An undirected graph from an edge list, through the CSR builder. */
function fromEdges(n: number, edges: [number, number][]): Topology {
  return csrFromPairs('erdos-renyi', n, Uint32Array.from(edges.flat()), edges.length);
}

describe('topology helpers', () => {
  it('csrFromPairs stores both directions, offsets[n] = 2m', () => {
    const t = fromEdges(4, [
      [0, 1],
      [1, 2],
      [3, 1],
    ]);
    expect(isWellFormed(t)).toBe(true);
    expect(t.offsets[4]).toBe(6);
    expect(edgeCount(t)).toBe(3);
    expect(csrBytes(t)).toBe(5 * 4 + 6 * 4);
    expect(Array.from(neighbours(t, 1)).sort()).toEqual([0, 2, 3]);
    expect(degree(t, 1)).toBe(3);
    expect(degree(t, 3)).toBe(1);
    expect(isSymmetric(t)).toBe(true);
  });

  it('isSymmetric catches a one-way arc and a multiplicity mismatch', () => {
    expect(isSymmetric(fromLists([[1], [0, 2], [1]]))).toBe(true);
    expect(isSymmetric(fromLists([[1], [0, 2], []]))).toBe(false);
    expect(isSymmetric(fromLists([[1, 1], [0, 2], [1]]))).toBe(false);
    expect(isSymmetric(fromLists([[1, 1], [0, 0], []]))).toBe(true);
    expect(isSymmetric(fromLists([[1, 2], [2], [0]]))).toBe(false); // same degrees, wrong arcs
  });

  it('hasSelfLoops and hasMultiEdges', () => {
    expect(hasSelfLoops(fromLists([[1], [0]]))).toBe(false);
    expect(hasSelfLoops(fromLists([[0, 1], [0]]))).toBe(true);
    expect(hasMultiEdges(fromLists([[1, 2], [0], [0]]))).toBe(false);
    expect(hasMultiEdges(fromLists([[1, 2, 1], [0, 0], [0]]))).toBe(true);
  });

  it('isWellFormed rejects bad offsets and out-of-range targets', () => {
    expect(isWellFormed(fromLists([[1], [0]]))).toBe(true);
    expect(isWellFormed({ kind: 'ring', n: 2, offsets: Uint32Array.from([0, 1]), targets: Uint32Array.from([1]) })).toBe(false);
    expect(isWellFormed({ kind: 'ring', n: 2, offsets: Uint32Array.from([0, 2, 1]), targets: Uint32Array.from([1]) })).toBe(false);
    expect(isWellFormed({ kind: 'ring', n: 2, offsets: Uint32Array.from([0, 1, 2]), targets: Uint32Array.from([1, 2]) })).toBe(false);
  });

  it('connectedComponents labels, counts and sizes components (isolated nodes included)', () => {
    const t = fromEdges(7, [
      [0, 1],
      [1, 2],
      [3, 4],
      [6, 4],
    ]);
    const c = connectedComponents(t);
    expect(c.count).toBe(3);
    expect(Array.from(c.labels)).toEqual([0, 0, 0, 1, 1, 2, 1]);
    expect(Array.from(c.sizes)).toEqual([3, 3, 1]);
    expect(connectedComponents(ring(1000, 1)).count).toBe(1);
  });

  it('degreeHistogram counts nodes by degree', () => {
    const t = fromEdges(5, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(Array.from(degreeHistogram(t))).toEqual([1, 3, 0, 1]);
  });

  it('sortNeighbours sorts each list in place', () => {
    const t = fromLists([[2, 1], [0], [0]]);
    expect(sortNeighbours(t)).toBe(t);
    expect(Array.from(t.targets)).toEqual([1, 2, 0, 0]);
  });
});
