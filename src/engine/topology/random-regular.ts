// Random d-regular simple graphs by the pairing method of Steger and Wormald (1999).
import { ParameterError } from '../errors.ts';
import { below } from '../rng.ts';
import { checkEntries, checkInteger, checkNodes, checkState, type Topology } from './topology.ts';

/** Restarts allowed before `randomRegular` gives up (reached only for pathological n, d). */
export const REGULAR_MAX_RESTARTS = 1000;

/** Consecutive rejected pairs after which the pairing checks whether it is stuck. */
const STUCK_CHECK = 64;

/** Flag bit set in `deg[u]` while counting the distinct nodes that still have free points. */
const MARK = 0x80000000;

/**
 * A random d-regular simple graph (`degree` = d), by Steger and Wormald's pairing: each node
 * has d points; repeatedly pick two unpaired points uniformly and pair them if their nodes are
 * distinct and not yet adjacent, else pick again; restart from scratch when no suitable pair is
 * left. Unlike the configuration model with restarts (a simple graph in only ~e^{-(d^2-1)/4} of
 * the pairings: one in 7 million for d = 8), it restarts rarely.
 *
 * Distribution: near-uniform, not exactly. Steger and Wormald prove it asymptotically uniform
 * for d = o(n^{1/28}), Kim and Vu (2003) for d = O(n^{1/3 - eps}); the bias vanishes as n grows.
 *
 * Sampling: while more than a quarter of the points are free, a free point is drawn by
 * rejection (a uniform slot `below(n d)`, accepted if free), which needs no points array; then
 * the free points are gathered into an array and drawn from directly (`below(r)`, swap-remove).
 * Both give a uniform free point; the switch point is part of the stream definition.
 *
 * Time: expected O(n d^2) per attempt (about 3.3 draws per edge, an O(d) adjacency scan per
 * candidate pair), and O(1) expected attempts for d much smaller than n. Memory: the CSR is
 * filled in place (offsets are `d * v`): 8 B per edge + 4 B per node, plus 4 B per node of
 * degree counts and at most 2 B per edge of free points. Requires 1 <= d <= n - 1 and n d even
 * (blamed on `degree`), n d <= 2^31.
 */
export function randomRegular(n: number, degree: number, st: Int32Array): Topology {
  checkNodes(n, 2);
  const d = checkInteger('degree', degree, 1, n - 1);
  if ((n * d) % 2 !== 0) throw new ParameterError('degree', degree, `such that n * degree is even (n = ${n})`);
  checkEntries('degree', degree, n * d);
  checkState(st);
  const targets = new Uint32Array(n * d);
  const deg = new Uint32Array(n);
  const distinct = new Uint32Array(d + 1);
  for (let attempt = 1; !pairAll(n, d, st, targets, deg, distinct); attempt++) {
    if (attempt >= REGULAR_MAX_RESTARTS) {
      throw new ParameterError('degree', degree, `a degree the pairing completes within ${REGULAR_MAX_RESTARTS} restarts (n = ${n})`);
    }
    deg.fill(0);
  }
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v <= n; v++) offsets[v] = v * d;
  return { kind: 'random-regular', n, offsets, targets };
}

/** Whether u (with `du` neighbours so far) is already linked to v. */
function adjacent(targets: Uint32Array, d: number, u: number, du: number, v: number): boolean {
  const base = u * d;
  for (let i = 0; i < du; i++) if (targets[base + i] === v) return true;
  return false;
}

/** Links u and v (both with a free point). */
function link(targets: Uint32Array, deg: Uint32Array, d: number, u: number, v: number): void {
  const du = deg[u]!;
  targets[u * d + du] = v;
  deg[u] = du + 1;
  const dv = deg[v]!;
  targets[v * d + dv] = u;
  deg[v] = dv + 1;
}

/** One pairing attempt from an empty graph; false when it got stuck (no suitable pair left). */
function pairAll(n: number, d: number, st: Int32Array, targets: Uint32Array, deg: Uint32Array, distinct: Uint32Array): boolean {
  const total = n * d;
  const switchAt = Math.floor(total / 4);
  let remaining = total;
  let fails = 0;
  // Phase 1: a free point is a uniform slot p of node floor(p / d) with p mod d >= deg.
  while (remaining > switchAt && fails < STUCK_CHECK) {
    let u = 0;
    let v = 0;
    for (;;) {
      const p = below(st, total);
      u = (p / d) | 0;
      if (p - u * d >= deg[u]!) break;
    }
    for (;;) {
      const p = below(st, total);
      v = (p / d) | 0;
      if (p - v * d >= deg[v]!) break;
    }
    if (u === v || adjacent(targets, d, u, deg[u]!, v)) {
      fails++;
      continue;
    }
    link(targets, deg, d, u, v);
    remaining -= 2;
    fails = 0;
  }
  if (remaining === 0) return true;
  // Phase 2: the free points in an array, drawn directly and swap-removed.
  const points = new Uint32Array(remaining);
  let r = 0;
  for (let u = 0; u < n; u++) for (let s = deg[u]!; s < d; s++) points[r++] = u;
  fails = 0;
  while (r > 0) {
    const i = below(st, r);
    const j = below(st, r);
    const u = points[i]!;
    const v = points[j]!;
    if (u === v || adjacent(targets, d, u, deg[u]!, v)) {
      if (++fails >= STUCK_CHECK) {
        if (!pairExists(points, r, targets, deg, d, distinct)) return false;
        fails = 0;
      }
      continue;
    }
    link(targets, deg, d, u, v);
    const hi = i > j ? i : j;
    const lo = i + j - hi;
    points[hi] = points[r - 1]!;
    r--;
    points[lo] = points[r - 1]!;
    r--;
    fails = 0;
  }
  return true;
}

/**
 * Whether some two free points can still be paired. If more than d distinct nodes have free
 * points, yes: such a node has at most d - 1 neighbours, so one of the d others is not among
 * them. Otherwise the (at most d) nodes are checked pairwise. O(r + d^3).
 */
function pairExists(points: Uint32Array, r: number, targets: Uint32Array, deg: Uint32Array, d: number, distinct: Uint32Array): boolean {
  let count = 0;
  for (let i = 0; i < r; i++) {
    const u = points[i]!;
    const du = deg[u]!;
    if (du < MARK) {
      deg[u] = du + MARK;
      if (count <= d) distinct[count] = u;
      count++;
    }
  }
  for (let i = 0; i < r; i++) {
    const u = points[i]!;
    const du = deg[u]!;
    if (du >= MARK) deg[u] = du - MARK;
  }
  if (count > d) return true;
  for (let a = 0; a < count; a++) {
    const u = distinct[a]!;
    for (let b = a + 1; b < count; b++) if (!adjacent(targets, d, u, deg[u]!, distinct[b]!)) return true;
  }
  return false;
}
