// Watts-Strogatz small worlds: the ring lattice with each edge's far end rewired with probability beta.
import { ParameterError } from '../errors.ts';
import { below, uniform } from '../rng.ts';
import { csrFromSlots } from './csr.ts';
import { checkEntries, checkInteger, checkNodes, checkState, heapCsr, type CsrAllocator, type Topology } from './topology.ts';

/**
 * The Watts-Strogatz model (Nature 393, 1998) as networkx's `watts_strogatz_graph` runs it:
 * start from {@link ring}(n, k) (degree 2k); for j = 1..k, for u = 0..n-1, with probability
 * `rewire` (beta) replace the edge {u, u + j} by {u, w}, w uniform among the nodes that are
 * neither u nor already linked to u (redrawn until so); a node already linked to all others
 * keeps its edge (checked after 64 redraws by counting its degree). The edge count stays nk;
 * there are no self-loops or multi-edges. beta = 0 gives the ring (in another neighbour order:
 * compare after `sortNeighbours`); beta = 1 moves the far end of every edge (each node keeps
 * its k own edges, so every degree is >= k). Requires 1 <= k <= (n - 1) / 2, beta in [0, 1].
 *
 * Storage while rewiring: edge slot `u k + j - 1` always belongs to u (only its far end
 * changes), so `dst` alone (4 B per edge) is the edge list, and {u, w} exists iff w is among
 * u's k slots or u among w's: an O(k) test, no hash set. One `uniform` per edge plus the
 * redraws (O(1) expected while 2k is small against n). Time O(nk (1 + beta k)); memory 4 B
 * per edge, then {@link csrFromSlots}: 8 B per edge + 4 B per node (12 B per edge at peak).
 */
export function wattsStrogatz(n: number, k: number, rewire: number, st: Int32Array, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 3);
  checkInteger('k', k, 1, Math.floor((n - 1) / 2));
  if (typeof rewire !== 'number' || !(rewire >= 0 && rewire <= 1)) throw new ParameterError('rewire', rewire, 'a probability in [0, 1]');
  checkEntries('k', k, 2 * n * k);
  checkState(st);
  const dst = new Uint32Array(n * k);
  for (let u = 0, e = 0; u < n; u++) {
    for (let j = 1; j <= k; j++, e++) {
      const v = u + j;
      dst[e] = v >= n ? v - n : v;
    }
  }
  if (rewire > 0) rewireSlots(n, k, rewire, st, dst);
  return csrFromSlots('watts-strogatz', n, k, dst, alloc);
}

/** Whether {u, w} is an edge: w among u's slots or u among w's. */
function linked(dst: Uint32Array, k: number, u: number, w: number): boolean {
  let e = u * k;
  for (const end = e + k; e < end; e++) if (dst[e] === w) return true;
  e = w * k;
  for (const end = e + k; e < end; e++) if (dst[e] === u) return true;
  return false;
}

/** Redraws of a new end after which the rewiring checks whether u is linked to everyone. */
const FULL_CHECK = 64;

/** The degree of u, counted over all slots (only when u may be linked to everyone). O(nk). */
function slotDegree(dst: Uint32Array, k: number, u: number): number {
  let deg = k;
  for (let e = 0; e < dst.length; e++) if (dst[e] === u) deg++;
  return deg;
}

/** The rewiring sweep, in networkx's order (j outer, u inner), on the slots `dst`. */
function rewireSlots(n: number, k: number, beta: number, st: Int32Array, dst: Uint32Array): void {
  for (let j = 0; j < k; j++) {
    for (let u = 0; u < n; u++) {
      if (uniform(st) >= beta) continue;
      let w = below(st, n);
      let tries = 1;
      while (w === u || linked(dst, k, u, w)) {
        if (tries++ === FULL_CHECK && slotDegree(dst, k, u) >= n - 1) {
          w = -1; // u is linked to everyone: it keeps the edge
          break;
        }
        w = below(st, n);
      }
      if (w >= 0) dst[u * k + j] = w;
    }
  }
}
