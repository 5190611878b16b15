// Edge lists to CSR: a counting pass, prefix sums, and a filling pass, on typed arrays only.
import { heapCsr, type CsrAllocator, type Topology, type TopologyKind } from './topology.ts';

/**
 * Turns per-node counts `offsets[0..n)` into end positions (inclusive prefix sums) and sets
 * `offsets[n]` to the total. A filling pass that writes `targets[--offsets[v]]` then leaves
 * `offsets[v]` at the start of v's list, as CSR wants, without a second cursor array.
 */
export function countsToEnds(offsets: Uint32Array, n: number): number {
  let sum = 0;
  for (let v = 0; v < n; v++) {
    sum += offsets[v]!;
    offsets[v] = sum;
  }
  offsets[n] = sum;
  return sum;
}

/**
 * Builds an undirected CSR graph from `m` edges stored as interleaved pairs
 * `pairs[2e], pairs[2e + 1]` (both endpoints < n). Pass 1 counts both endpoints of every edge,
 * pass 2 writes each edge in both directions. Memory: the result's 4 B per node + 8 B per
 * edge, on top of the caller's 8 B per edge of pairs; time O(n + m). A node's neighbours come
 * out in reverse edge order.
 */
export function csrFromPairs(kind: TopologyKind, n: number, pairs: Uint32Array, m: number, alloc: CsrAllocator = heapCsr): Topology {
  const offsets = alloc(n + 1);
  const len = 2 * m;
  for (let i = 0; i < len; i++) {
    const v = pairs[i]!;
    offsets[v] = offsets[v]! + 1;
  }
  const targets = alloc(countsToEnds(offsets, n));
  for (let i = 0; i < len; i += 2) {
    const u = pairs[i]!;
    const v = pairs[i + 1]!;
    const pu = offsets[u]! - 1;
    offsets[u] = pu;
    targets[pu] = v;
    const pv = offsets[v]! - 1;
    offsets[v] = pv;
    targets[pv] = u;
  }
  return { kind, n, offsets, targets };
}

/**
 * Builds an undirected CSR graph from edges owned `per` to a node: slot `e` is the edge
 * `{floor(e / per), dst[e]}` (the layout of Watts-Strogatz rewiring, where the owner never
 * changes). Same passes and costs as {@link csrFromPairs} with 4 B per edge of input.
 */
export function csrFromSlots(kind: TopologyKind, n: number, per: number, dst: Uint32Array, alloc: CsrAllocator = heapCsr): Topology {
  const offsets = alloc(n + 1);
  const len = dst.length;
  for (let u = 0, e = 0; u < n; u++) {
    offsets[u] = offsets[u]! + per;
    for (let j = 0; j < per; j++, e++) {
      const v = dst[e]!;
      offsets[v] = offsets[v]! + 1;
    }
  }
  const targets = alloc(countsToEnds(offsets, n));
  for (let e = 0, u = 0; e < len; u++) {
    for (let j = 0; j < per; j++, e++) {
      const v = dst[e]!;
      const pu = offsets[u]! - 1;
      offsets[u] = pu;
      targets[pu] = v;
      const pv = offsets[v]! - 1;
      offsets[v] = pv;
      targets[pv] = u;
    }
  }
  return { kind, n, offsets, targets };
}
