// Round kernels of the seed's majority rule: each live agent looks at its own opinion and those
// of k distinct random peers (never itself) and adopts the most frequent, ties to the first seen.
import { CRASHED } from './constants.ts';
import { TWO_POW_M32 } from './rng.ts';
import { peerScratch, samplePeers, type PeerScratch } from './sampling.ts';

/** Largest k the binary kernel handles (it keeps the picked peers in eight registers). */
export const BINARY_MAX_K = 8;

/**
 * One round of binary majority (opinions 0 and 1, CRASHED for crashed agents) over agents
 * [lo, hi), for k <= {@link BINARY_MAX_K}, with the `rejection` sampler inlined: the same draws
 * and peers as {@link samplePeers}, so it gives exactly what {@link majorityGeneralBlock} gives.
 * `st` is the xoshiro128** state of this block's stream, advanced in place. Writes `next[lo..hi)`
 * and returns how many live agents of the block now hold opinion 1. A tie keeps the agent's own
 * opinion, which is first in its list.
 */
export function majorityBinaryBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
): number {
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  // Constants as locals: module bindings cost a check per access in the loop.
  const crashed = CRASHED;
  const scale = (n - 1) * TWO_POW_M32;
  let ones = 0;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    let votes = (own << 1) - 1;
    // Peers picked so far, newest first; -1 = none. Registers beat a scratch array here.
    let a0 = -1;
    let a1 = -1;
    let a2 = -1;
    let a3 = -1;
    let a4 = -1;
    let a5 = -1;
    let a6 = -1;
    let a7 = -1;
    for (let j = 0; j < k; j++) {
      let p = 0;
      do {
        const x = Math.imul(s1, 5);
        const r = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        // below(n - 1), then skip self without a branch: p += (p >= i).
        p = ((r >>> 0) * scale) | 0;
        p += (i - p - 1) >>> 31;
      } while (p === a0 || p === a1 || p === a2 || p === a3 || p === a4 || p === a5 || p === a6 || p === a7);
      a7 = a6;
      a6 = a5;
      a5 = a4;
      a4 = a3;
      a3 = a2;
      a2 = a1;
      a1 = a0;
      a0 = p;
      // Vote without a branch or table: 0 -> -1, 1 -> +1, CRASHED (255) -> 0.
      const o = cur[p]!;
      votes += ((o << 1) - 1) & ~-(o >>> 7);
    }
    const v = votes > 0 ? 1 : votes < 0 ? 0 : own;
    next[i] = v;
    ones += v;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return ones;
}

/**
 * The binary kernel on the bits layout: opinions one bit per agent (bit `i & 31` of word
 * `i >>> 5`), no crashes, k <= {@link BINARY_MAX_K}. The same draws, peers and rule as
 * {@link majorityBinaryBlock}, so it gives the same opinions; a byte array of 10^8 agents does not
 * fit in cache, its bits (12.5 MB) do. `lo` must be a multiple of 32 (blocks are), so threads
 * running different blocks never write the same word. Returns the agents of [lo, hi) now at 1.
 */
export function majorityBitsBlock(cur: Int32Array, next: Int32Array, lo: number, hi: number, n: number, k: number, st: Int32Array): number {
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  const scale = (n - 1) * TWO_POW_M32;
  let ones = 0;
  for (let base = lo; base < hi; base += 32) {
    const ownWord = cur[base >>> 5]! | 0;
    const end = Math.min(32, hi - base);
    let word = 0;
    for (let b = 0; b < end; b++) {
      const i = base + b;
      const own = (ownWord >>> b) & 1;
      let votes = (own << 1) - 1;
      let a0 = -1;
      let a1 = -1;
      let a2 = -1;
      let a3 = -1;
      let a4 = -1;
      let a5 = -1;
      let a6 = -1;
      let a7 = -1;
      for (let j = 0; j < k; j++) {
        let p = 0;
        do {
          const x = Math.imul(s1, 5);
          const r = Math.imul((x << 7) | (x >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          p = ((r >>> 0) * scale) | 0;
          p += (i - p - 1) >>> 31;
        } while (p === a0 || p === a1 || p === a2 || p === a3 || p === a4 || p === a5 || p === a6 || p === a7);
        a7 = a6;
        a6 = a5;
        a5 = a4;
        a4 = a3;
        a3 = a2;
        a2 = a1;
        a1 = a0;
        a0 = p;
        votes += (((cur[p >>> 5]! >>> (p & 31)) & 1) << 1) - 1;
      }
      const v = votes > 0 ? 1 : votes < 0 ? 0 : own;
      word |= v << b;
      ones += v;
    }
    next[base >>> 5] = word;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return ones;
}

/** Scratch of the general kernel, allocated once per trial. */
export interface MajorityScratch {
  /** The peer sampler's scratch. */
  readonly sampling: PeerScratch;
  /** Opinions seen by one agent, own first: length >= k + 1. */
  readonly list: Uint8Array;
  /** Per-opinion counts of one agent's list; all zero between agents. */
  readonly count: Int32Array;
}

/** Allocates the scratch of the general kernel for n agents and k peers. */
export function majorityScratch(n: number, k: number): MajorityScratch {
  return { sampling: peerScratch(n, k), list: new Uint8Array(k + 1), count: new Int32Array(256) };
}

/**
 * One round of the majority rule for any number of opinions and either sampler, over agents
 * [lo, hi). Crashed peers are contacted but give no opinion. The agent adopts the most frequent
 * opinion of `[own, peer_1, ..., peer_k]`, a tie going to the one that appears first in that list
 * (what Python's `Counter(list).most_common(1)` returns). Adds the new opinions of live agents to
 * `tally` (indexed by opinion). `st` is this block's stream state, advanced in place.
 */
export function majorityGeneralBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
  scratch: MajorityScratch,
  tally: Float64Array,
): void {
  const { sampling, list, count } = scratch;
  const peers = sampling.peers;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    samplePeers(i, n, k, st, sampling);
    list[0] = own;
    let len = 1;
    for (let j = 0; j < k; j++) {
      const o = cur[peers[j]!]!;
      if (o !== crashed) list[len++] = o;
    }
    for (let j = 0; j < len; j++) count[list[j]!]!++;
    let best = own;
    let bestCount = 0;
    for (let j = 0; j < len; j++) {
      const o = list[j]!;
      const c = count[o]!;
      if (c > bestCount) {
        bestCount = c;
        best = o;
      }
    }
    for (let j = 0; j < len; j++) count[list[j]!] = 0;
    next[i] = best;
    tally[best]!++;
  }
}
