// Read-only questions about a Topology: degrees, neighbour views, structural checks, components.
import { countsToEnds } from './csr.ts';
import type { Topology } from './topology.ts';

/** Label of a node not yet reached by the component search. */
const UNSEEN = 0xffffffff;

/** The degree of node v. */
export function degree(t: Topology, v: number): number {
  return t.offsets[v + 1]! - t.offsets[v]!;
}

/** The neighbours of v as a view into `t.targets` (allocates a view: not for hot loops). */
export function neighbours(t: Topology, v: number): Uint32Array {
  return t.targets.subarray(t.offsets[v]!, t.offsets[v + 1]!);
}

/** Number of undirected edges (each is stored twice). */
export function edgeCount(t: Topology): number {
  return t.targets.length / 2;
}

/** Bytes held by the CSR arrays. */
export function csrBytes(t: Topology): number {
  return t.offsets.byteLength + t.targets.byteLength;
}

/**
 * Whether the arrays form a CSR graph on n nodes: `offsets` of length n + 1, starting at 0,
 * non-decreasing, ending at `targets.length`, and every target < n. O(n + m).
 */
export function isWellFormed(t: Topology): boolean {
  const { n, offsets, targets } = t;
  if (offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== targets.length) return false;
  for (let v = 0; v < n; v++) if (offsets[v]! > offsets[v + 1]!) return false;
  for (let i = 0; i < targets.length; i++) if (targets[i]! >= n) return false;
  return true;
}

/** Whether some node lists itself. O(m). */
export function hasSelfLoops(t: Topology): boolean {
  const { n, offsets, targets } = t;
  for (let v = 0; v < n; v++) {
    for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) if (targets[i] === v) return true;
  }
  return false;
}

/** Whether some node lists a neighbour twice. O(n + m) with a stamp per node. */
export function hasMultiEdges(t: Topology): boolean {
  const { n, offsets, targets } = t;
  const stamp = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
      const w = targets[i]!;
      if (stamp[w] === v) return true;
      stamp[w] = v;
    }
  }
  return false;
}

/**
 * Whether every arc u -> v is matched by v -> u, with multiplicities (the graph is undirected).
 * Builds the transpose by counting, then compares each node's out- and in-lists with a
 * counter per node. O(n + m) time, 4 B per arc + 8 B per node of scratch.
 */
export function isSymmetric(t: Topology): boolean {
  const { n, offsets, targets } = t;
  const m = targets.length;
  const inOffsets = new Uint32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const w = targets[i]!;
    inOffsets[w] = inOffsets[w]! + 1;
  }
  countsToEnds(inOffsets, n);
  const sources = new Uint32Array(m);
  for (let v = 0; v < n; v++) {
    for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
      const w = targets[i]!;
      const p = inOffsets[w]! - 1;
      inOffsets[w] = p;
      sources[p] = v;
    }
  }
  const count = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const a = offsets[v]!;
    const b = offsets[v + 1]!;
    const c = inOffsets[v]!;
    const d = inOffsets[v + 1]!;
    if (b - a !== d - c) return false;
    for (let i = a; i < b; i++) {
      const w = targets[i]!;
      count[w] = count[w]! + 1;
    }
    for (let i = c; i < d; i++) {
      const w = sources[i]!;
      count[w] = count[w]! - 1;
    }
    let ok = true;
    for (let i = a; i < b; i++) {
      const w = targets[i]!;
      if (count[w] !== 0) ok = false;
      count[w] = 0;
    }
    for (let i = c; i < d; i++) count[sources[i]!] = 0;
    if (!ok) return false;
  }
  return true;
}

/** Connected components: how many, a label in 0..count-1 per node, and their sizes. */
export interface Components {
  readonly count: number;
  readonly labels: Uint32Array;
  readonly sizes: Uint32Array;
}

/**
 * Connected components by iterative breadth-first search with a typed-array queue (no
 * recursion, no per-node objects); labels follow the smallest node of each component. O(n + m)
 * time, 8 B per node.
 */
export function connectedComponents(t: Topology): Components {
  const { n, offsets, targets } = t;
  const labels = new Uint32Array(n).fill(UNSEEN);
  const queue = new Uint32Array(n);
  const sizes = new Uint32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== UNSEEN) continue;
    labels[s] = count;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
        const w = targets[i]!;
        if (labels[w] === UNSEEN) {
          labels[w] = count;
          queue[tail++] = w;
        }
      }
    }
    sizes[count++] = tail;
  }
  return { count, labels, sizes: sizes.slice(0, count) };
}

/** `h[d]` = number of nodes of degree d, for d = 0..max degree. */
export function degreeHistogram(t: Topology): Uint32Array {
  const { n, offsets } = t;
  let max = 0;
  for (let v = 0; v < n; v++) max = Math.max(max, offsets[v + 1]! - offsets[v]!);
  const h = new Uint32Array(max + 1);
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1]! - offsets[v]!;
    h[d] = h[d]! + 1;
  }
  return h;
}

/** Sorts every neighbour list ascending, in place (a canonical form for comparing graphs); returns t. */
export function sortNeighbours(t: Topology): Topology {
  const { n, offsets, targets } = t;
  for (let v = 0; v < n; v++) targets.subarray(offsets[v]!, offsets[v + 1]!).sort();
  return t;
}
