// Erdős-Rényi G(n, p) graphs in O(n + m) by geometric skipping (Batagelj and Brandes, 2005).
import { ParameterError } from '../errors.ts';
import { uniform } from '../rng.ts';
import { countsToEnds } from './csr.ts';
import { checkEntries, checkNodes, checkState, heapCsr, MAX_ENTRIES, type CsrAllocator, type Topology } from './topology.ts';

/**
 * G(n, p) with p = meanDegree / (n - 1): each of the n(n-1)/2 pairs is an edge independently
 * with probability p, so the edge count is Binomial(n(n-1)/2, p) and degrees are
 * Binomial(n - 1, p) with mean `meanDegree`. Requires 0 <= meanDegree <= n - 1.
 *
 * Method: Batagelj and Brandes' geometric skipping ("Efficient generation of large random
 * networks", Phys. Rev. E 71, 2005). The candidate pairs (v, w), w < v, are walked in order
 * and the gap to the next edge is drawn as `floor(log(1 - r) / log(1 - p))` (geometric), so the
 * work is O(n + m), one `uniform` and one `log` per edge, rather than O(n^2).
 *
 * Edge list: since the walk emits edges grouped by their larger end v, it is kept as the
 * smaller ends w only (4 B per edge) plus a count per v (4 B per node); then the CSR is built
 * in two passes over it (count both ends, prefix sums, fill both directions). Peak memory:
 * 12 B per edge + 8 B per node (the CSR keeps 8 B per edge + 4 B per node); time O(n + m).
 * The list starts at the mean edge count plus 10 standard deviations and grows by a quarter
 * in the (astronomically rare) case that this is not enough.
 */
export function erdosRenyi(n: number, meanDegree: number, st: Int32Array, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 2);
  if (typeof meanDegree !== 'number' || !(meanDegree >= 0 && meanDegree <= n - 1)) {
    throw new ParameterError('meanDegree', meanDegree, `a number from 0 to n - 1 = ${n - 1}`);
  }
  checkEntries('meanDegree', meanDegree, n * meanDegree);
  checkState(st);
  const offsets = alloc(n + 1);
  if (meanDegree === 0) return { kind: 'erdos-renyi', n, offsets, targets: alloc(0) };
  const p = meanDegree / (n - 1);
  const mean = (n * meanDegree) / 2;
  const capacity = Math.min(MAX_ENTRIES / 2, Math.ceil(mean + 10 * Math.sqrt(mean * (1 - p)) + 1024));
  const lowCount = new Uint32Array(n);
  const low = walk(n, 1 / Math.log1p(-p), st, new Uint32Array(capacity), lowCount);
  if (low === null) throw new ParameterError('meanDegree', meanDegree, 'small enough that 2 x edges <= 2^31');
  const m = low.length;
  // Pass 1: degrees = lower neighbours (counted by the walk) + higher ones (w's occurrences).
  offsets.set(lowCount);
  for (let i = 0; i < m; i++) {
    const w = low[i]!;
    offsets[w] = offsets[w]! + 1;
  }
  const targets = alloc(countsToEnds(offsets, n));
  // Pass 2: both directions of every edge, at `--ends[x]`.
  for (let v = 1, i = 0; v < n; v++) {
    for (let c = lowCount[v]!; c > 0; c--, i++) {
      const w = low[i]!;
      const pv = offsets[v]! - 1;
      offsets[v] = pv;
      targets[pv] = w;
      const pw = offsets[w]! - 1;
      offsets[w] = pw;
      targets[pw] = v;
    }
  }
  return { kind: 'erdos-renyi', n, offsets, targets };
}

/**
 * The skipping walk: appends the smaller end w of every edge to `low` (grouped by v, the larger
 * end, ascending) and counts the edges of each v in `lowCount[v]`. `invLogQ` = 1 / log(1 - p),
 * which is -0 when p = 1 (every gap is then 0). Returns the filled part of `low` (grown if full),
 * or null if the edges overflow {@link MAX_ENTRIES}.
 */
function walk(n: number, invLogQ: number, st: Int32Array, low: Uint32Array, lowCount: Uint32Array): Uint32Array | null {
  let m = 0;
  let cap = low.length;
  let v = 1;
  let w = -1;
  let count = 0;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - uniform(st)) * invLogQ);
    while (w >= v && v < n) {
      lowCount[v] = count;
      count = 0;
      w -= v;
      v++;
    }
    if (v < n) {
      if (m === cap) {
        if (cap >= MAX_ENTRIES / 2) return null;
        cap = Math.min(MAX_ENTRIES / 2, Math.ceil(cap * 1.25));
        const grown = new Uint32Array(cap);
        grown.set(low);
        low = grown;
      }
      low[m++] = w;
      count++;
    }
  }
  return low.subarray(0, m);
}
