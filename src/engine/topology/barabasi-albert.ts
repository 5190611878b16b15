// Barabási-Albert preferential attachment in linear time, from an edge list (Batagelj and Brandes, 2005).
import { nextU32, TWO_POW_M32 } from '../rng.ts';
import { csrFromPairs } from './csr.ts';
import { checkEntries, checkInteger, checkNodes, checkState, heapCsr, type CsrAllocator, type Topology } from './topology.ts';

/** Edge count of {@link barabasiAlbert}(n, m): the seed clique K_{m+1} plus m per later node. */
export function barabasiAlbertEdges(n: number, m: number): number {
  return ((m + 1) * m) / 2 + m * (n - m - 1);
}

/**
 * Preferential attachment (Barabási and Albert, Science 286, 1999) as a simple graph: start
 * from the complete graph on m + 1 nodes (so every degree is >= m from the start), then each
 * new node t = m+1, ..., n-1 links to m distinct earlier nodes, each drawn with probability
 * proportional to its current degree. Edges: m(m + 1)/2 + m(n - m - 1). Requires 1 <= m <= n - 1.
 *
 * Method: Batagelj and Brandes' edge-list trick ("Efficient generation of large random
 * networks", Phys. Rev. E 71, 2005): the edges are kept as interleaved endpoint pairs, in
 * which every node appears once per incident edge, so a uniform entry among the first 2E (the
 * E edges before t) is a degree-proportional node: one `below` per draw, no degree table,
 * no search. Unlike their multigraph version, a draw that repeats one of t's earlier targets is
 * redrawn (t itself is never among the entries), so there are no self-loops or multi-edges;
 * the redraw rate is at most (m - 1) max-degree / 2E and small after the first nodes. The
 * draws are taken in batches whose memory reads overlap ({@link attach}); the graph is the
 * same as drawing one `below` at a time.
 *
 * Time O(n m) expected draws, O(n m^2) with the repeat checks. Memory: the pairs (8 B per
 * edge), then {@link csrFromPairs} (8 B per edge + 4 B per node): 16 B per edge at peak.
 */
export function barabasiAlbert(n: number, m: number, st: Int32Array, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 2);
  checkInteger('m', m, 1, n - 1);
  const edges = barabasiAlbertEdges(n, m);
  checkEntries('m', m, 2 * edges);
  checkState(st);
  const pairs = new Uint32Array(2 * edges);
  let i = 0;
  for (let b = 1; b <= m; b++) {
    for (let a = 0; a < b; a++) {
      pairs[i++] = b;
      pairs[i++] = a;
    }
  }
  attach(n, m, st, pairs, i);
  return csrFromPairs('barabasi-albert', n, pairs, edges, alloc);
}

/** Raw outputs buffered, and their entries touched ahead, per batch (see {@link attach}). */
const BATCH = 256;

/**
 * Appends the edges of nodes m+1..n-1 to `pairs` (the seed clique fills `pairs[0..start)`).
 * Each draw is `below(st, before)` = the next xoshiro128** output x mapped to
 * `floor(x * before / 2^32)`, where `before` counts the entries ahead of the current node.
 * The outputs are taken BATCH at a time, and the entry each one will probably hit (assuming
 * no redraws) is read in a tight loop first, so that the random reads overlap in memory; the
 * result is the same as drawing one at a time, only `st` ends up to BATCH - 1 outputs further.
 */
function attach(n: number, m: number, st: Int32Array, pairs: Uint32Array, start: number): void {
  const raw = new Uint32Array(BATCH);
  let i = start;
  let before = start;
  let t = m + 1;
  let c = 0;
  let k = BATCH;
  let touched = 0;
  while (t < n) {
    if (k === BATCH) {
      for (let b = 0; b < BATCH; b++) raw[b] = nextU32(st);
      for (let b = 0; b < BATCH; b++) {
        const node = Math.min(n - 1, t + Math.floor((c + b) / m));
        const range = start + 2 * m * (node - m - 1);
        touched = (touched + pairs[(raw[b]! * range * TWO_POW_M32) | 0]!) | 0;
      }
      k = 0;
    }
    const x = pairs[(raw[k++]! * before * TWO_POW_M32) | 0]!;
    if (repeats(pairs, before, i, x)) continue;
    pairs[i++] = t;
    pairs[i++] = x;
    if (++c === m) {
      c = 0;
      t++;
      before = i;
    }
  }
  raw[0] = touched; // keeps the touching loads from being optimised away
}

/** Whether x is already a target of the current node (pairs `from .. to`, targets at odd places). */
function repeats(pairs: Uint32Array, from: number, to: number, x: number): boolean {
  for (let q = from + 1; q < to; q += 2) if (pairs[q] === x) return true;
  return false;
}
