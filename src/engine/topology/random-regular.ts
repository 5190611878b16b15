// Random d-regular simple graphs by the pairing method of Steger and Wormald (1999), built in place.
import { ParameterError } from '../errors.ts';
import { below } from '../rng.ts';
import { checkEntries, checkInteger, checkNodes, checkState, heapCsr, type CsrAllocator, type Topology } from './topology.ts';

/** Restarts allowed before `randomRegular` gives up (reached only for pathological n, d). */
export const REGULAR_MAX_RESTARTS = 1000;

/** Consecutive rejected pairs after which the pairing checks whether it is stuck. */
const STUCK_CHECK = 64;

/** Candidate points drawn, then touched, then used, per batch (part of the stream definition). */
const BATCH = 256;

/** An unpaired point (free slot) in `targets`; never a node id, since n < 2^31. */
const FREE = 0xffffffff;

/**
 * A random d-regular simple graph (`degree` = d), by Steger and Wormald's pairing ("Generating
 * random regular graphs quickly", 1999): each node has d points; repeatedly pick two unpaired
 * points uniformly and pair them if their nodes are distinct and not yet adjacent, else pick
 * again; restart from scratch when no suitable pair is left. Unlike the configuration model
 * with restarts (a simple graph in only ~e^{-(d^2-1)/4} of the pairings: one in 7 million for
 * d = 8), it restarts rarely.
 *
 * Distribution: near-uniform, not exactly. Steger and Wormald prove it asymptotically uniform
 * for d = o(n^{1/28}), Kim and Vu (2003) for d = O(n^{1/3 - eps}); the bias vanishes as n grows.
 *
 * Layout: the points of node u are its CSR slots `targets[u d .. u d + d)` (offsets are `d u`),
 * and a point is free while its slot holds FREE; pairing points p and q writes each one's node
 * into the other's slot. So the graph is built in place, with no degree table.
 *
 * Drawing a uniform free point: by rejection from a candidate set that holds every free point
 * once. At first the candidates are all n d slots; when a quarter of them is left free, the
 * free slots are gathered into an array, and from then on the array is compacted (in place)
 * whenever half of it is used. So a draw is a uniform candidate (`below(R)`) kept if still
 * free: ~1.85 draws per point in the first level, at most ~1.4 after. Since the candidates
 * are i.i.d. within a level, they are drawn {@link BATCH} at a time and their slots touched in
 * a tight loop before use: the random reads then overlap in memory instead of waiting one
 * after another (the dominant cost at 10^7 nodes; testing freeness in a byte-per-node degree
 * table first was measured slower, as it chains two dependent misses). Batch leftovers are
 * dropped at each compaction; all of this is part of the stream definition.
 *
 * Time: expected O(n d^2) per attempt (about 3.5 draws per edge and an O(d) row scan per
 * candidate pair), O(1) expected attempts for d much smaller than n. Memory: 8 B per edge +
 * 4 B per node (the CSR itself), plus 2 B per edge of candidate array for the last quarter.
 * Requires 1 <= d <= n - 1 and n d even (blamed on `degree`), n d <= 2^31.
 */
export function randomRegular(n: number, degree: number, st: Int32Array, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 2);
  const d = checkInteger('degree', degree, 1, n - 1);
  if ((n * d) % 2 !== 0) throw new ParameterError('degree', degree, `such that n * degree is even (n = ${n})`);
  checkEntries('degree', degree, n * d);
  checkState(st);
  const targets = alloc(n * d);
  const batch = new Uint32Array(BATCH + 1);
  for (let attempt = 1; !pairAll(n, d, st, targets, batch); attempt++) {
    if (attempt >= REGULAR_MAX_RESTARTS) {
      throw new ParameterError('degree', degree, `a degree the pairing completes within ${REGULAR_MAX_RESTARTS} restarts (n = ${n})`);
    }
  }
  const offsets = alloc(n + 1);
  for (let v = 0; v <= n; v++) offsets[v] = v * d;
  return { kind: 'random-regular', n, offsets, targets };
}

/** Whether node u (row `u d .. u d + d` of `targets`) is already linked to v. */
function adjacent(targets: Uint32Array, d: number, u: number, v: number): boolean {
  for (let i = u * d, end = i + d; i < end; i++) if (targets[i] === v) return true;
  return false;
}

/**
 * One pairing attempt from an empty graph; false when it got stuck (no suitable pair left).
 * `batch` holds BATCH drawn slots, and in its last cell the sum of the touched values (written
 * so that the touching loads are not optimised away).
 */
function pairAll(n: number, d: number, st: Int32Array, targets: Uint32Array, batch: Uint32Array): boolean {
  targets.fill(FREE);
  const total = n * d;
  let cand: Uint32Array | null = null; // null: the candidates are all slots 0..total-1
  let size = total;
  let limit = Math.floor(total / 4);
  let remaining = total;
  let pending = -1;
  let fails = 0;
  let touched = 0;
  for (;;) {
    if (cand === null) for (let b = 0; b < BATCH; b++) batch[b] = below(st, size);
    else for (let b = 0; b < BATCH; b++) batch[b] = cand[below(st, size)]!;
    for (let b = 0; b < BATCH; b++) touched = (touched + targets[batch[b]!]!) | 0;
    let check = false;
    for (let b = 0; b < BATCH; b++) {
      const q = batch[b]!;
      if (targets[q] !== FREE) continue;
      if (pending < 0) {
        pending = q;
        continue;
      }
      const p = pending;
      pending = -1;
      const u = (p / d) | 0;
      const v = (q / d) | 0;
      if (u === v || adjacent(targets, d, u, v)) {
        if (++fails >= STUCK_CHECK) {
          check = true;
          break;
        }
        continue;
      }
      targets[p] = v;
      targets[q] = u;
      remaining -= 2;
      fails = 0;
      if (remaining <= limit) break;
    }
    if (remaining > limit && !check) continue;
    if (remaining === 0) break;
    // Gather the free slots (a new level, or a stuck check), then go on drawing from them.
    if (cand === null) {
      cand = new Uint32Array(remaining);
      for (let p = 0, r = 0; p < total; p++) if (targets[p] === FREE) cand[r++] = p;
    } else {
      let r = 0;
      for (let i = 0; i < size; i++) {
        const p = cand[i]!;
        if (targets[p] === FREE) cand[r++] = p;
      }
    }
    size = remaining;
    limit = Math.floor(size / 2);
    pending = -1;
    if (check) {
      if (!pairExists(cand, size, targets, d)) return false;
      fails = 0;
    }
  }
  batch[BATCH] = touched;
  return true;
}

/**
 * Whether some two of the r free points can still be paired. If more than d distinct nodes
 * have free points (surely so when r > d^2), yes: such a node has at most d - 1 neighbours, so
 * one of the d others is not among them. Otherwise the (at most d) nodes are checked pairwise.
 * Rare (after a run of rejections); O(r log r + d^3).
 */
function pairExists(points: Uint32Array, r: number, targets: Uint32Array, d: number): boolean {
  if (r > d * d) return true;
  const nodes = new Uint32Array(r);
  for (let i = 0; i < r; i++) nodes[i] = (points[i]! / d) | 0;
  nodes.sort();
  let count = 0;
  for (let i = 0; i < r; i++) if (i === 0 || nodes[i] !== nodes[i - 1]) nodes[count++] = nodes[i]!;
  if (count > d) return true;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) if (!adjacent(targets, d, nodes[a]!, nodes[b]!)) return true;
  }
  return false;
}
