// Erdős-Rényi G(n, p) graphs in O(n + m) by geometric skipping (Batagelj and Brandes, 2005).
import { ParameterError } from '../errors.ts';
import { uniform } from '../rng.ts';
import { countsToEnds } from './csr.ts';
import { checkEntries, checkNodes, checkState, MAX_ENTRIES, type Topology } from './topology.ts';

/**
 * G(n, p) with p = meanDegree / (n - 1): each of the n(n-1)/2 pairs is an edge independently
 * with probability p, so the edge count is Binomial(n(n-1)/2, p) and degrees are
 * Binomial(n - 1, p) with mean `meanDegree`. Requires 0 <= meanDegree <= n - 1.
 *
 * Method: Batagelj and Brandes' skipping, "Efficient generation of large random networks"
 * (Phys. Rev. E 71, 2005), algorithm 1. The candidate pairs (v, w), w < v, are walked in order
 * and the gap to the next edge is drawn as a geometric variable,
 * `floor(log(1 - r) / log(1 - p))`, so the work is O(n + m) (one `uniform` and one `log` per
 * edge) rather than O(n^2).
 *
 * Memory: the edges are not stored. The walk runs twice, a counting pass on a copy of the
 * stream and a filling pass on `st` itself, which replays the same edges: 8 B per edge and 4 B
 * per node in all (the CSR), for twice the drawing time. `st` ends where one walk leaves it.
 */
export function erdosRenyi(n: number, meanDegree: number, st: Int32Array): Topology {
  checkNodes(n, 2);
  if (typeof meanDegree !== 'number' || !(meanDegree >= 0 && meanDegree <= n - 1)) {
    throw new ParameterError('meanDegree', meanDegree, `a number from 0 to n - 1 = ${n - 1}`);
  }
  checkEntries('meanDegree', meanDegree, n * meanDegree);
  checkState(st);
  const offsets = new Uint32Array(n + 1);
  if (meanDegree === 0) return { kind: 'erdos-renyi', n, offsets, targets: new Uint32Array(0) };
  const invLogQ = 1 / Math.log1p(-meanDegree / (n - 1)); // -0 when p = 1: every gap is 0
  const m = countPass(n, invLogQ, Int32Array.from(st), offsets);
  if (2 * m > MAX_ENTRIES) throw new ParameterError('meanDegree', meanDegree, 'small enough that 2 x edges <= 2^31');
  const targets = new Uint32Array(countsToEnds(offsets, n));
  fillPass(n, invLogQ, st, offsets, targets);
  return { kind: 'erdos-renyi', n, offsets, targets };
}

/** Walks the edges, adding one to `counts[v]` and `counts[w]` for each; returns the edge count. */
function countPass(n: number, invLogQ: number, st: Int32Array, counts: Uint32Array): number {
  let m = 0;
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - uniform(st)) * invLogQ);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) {
      counts[v] = counts[v]! + 1;
      counts[w] = counts[w]! + 1;
      m++;
    }
  }
  return m;
}

/** Walks the same edges again, writing both directions at `--ends[x]` (see `countsToEnds`). */
function fillPass(n: number, invLogQ: number, st: Int32Array, ends: Uint32Array, targets: Uint32Array): void {
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - uniform(st)) * invLogQ);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) {
      const pv = ends[v]! - 1;
      ends[v] = pv;
      targets[pv] = w;
      const pw = ends[w]! - 1;
      ends[w] = pw;
      targets[pw] = v;
    }
  }
}
