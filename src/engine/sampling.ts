// Peer sampling: k distinct peers, never the agent itself, uniformly among the n - 1 others.
import { nextU32, TWO_POW_M32 } from './rng.ts';

/**
 * Which peer sampler a trial uses; part of the stream definition.
 * - `rejection`: draw `below(n - 1)` and shift it past the agent itself (p >= i -> p + 1); redraw
 *   when the peer was already picked. One xoshiro128** output per draw.
 * - `shuffle`: a partial Fisher-Yates shuffle of the n - 1 others (`below(n - 1 - j)` for pick j),
 *   undone after each agent so the pool is the identity again.
 * Both give every ordered k-sample of distinct peers the same probability (as Python's
 * `random.sample`); rejection is used while k is small against n, where it is faster.
 */
export type Sampler = 'rejection' | 'shuffle';

/** The sampler for n agents and k peers per agent. */
export function samplerFor(n: number, k: number): Sampler {
  return k <= 16 && 2 * k <= n - 1 ? 'rejection' : 'shuffle';
}

/** Scratch of the sampler, allocated once per trial. */
export interface PeerScratch {
  /** Peers picked for the current agent, in the order drawn: `peers[0..k)`. */
  readonly peers: Int32Array;
  /** Swap positions of the shuffle sampler (to undo them). */
  readonly swaps: Int32Array;
  /** The n - 1 others as 0..n-2 (value v >= i stands for agent v + 1); null for `rejection`. */
  readonly pool: Int32Array | null;
}

/** Allocates the sampler scratch for n agents and k peers. */
export function peerScratch(n: number, k: number, sampler: Sampler = samplerFor(n, k)): PeerScratch {
  let pool: Int32Array | null = null;
  if (sampler === 'shuffle') {
    pool = new Int32Array(n - 1);
    for (let v = 0; v < n - 1; v++) pool[v] = v;
  }
  return { peers: new Int32Array(k), swaps: new Int32Array(k), pool };
}

/**
 * Picks k distinct peers of agent i (never i) into `scratch.peers[0..k)`, drawing from the
 * xoshiro128** state `st`. Requires 1 <= k <= n - 1.
 */
export function samplePeers(i: number, n: number, k: number, st: Int32Array, scratch: PeerScratch): void {
  const { peers, swaps, pool } = scratch;
  const others = n - 1;
  if (pool === null) {
    const scale = others * TWO_POW_M32;
    for (let j = 0; j < k; j++) {
      let p = 0;
      for (;;) {
        p = (nextU32(st) * scale) | 0;
        p += (i - p - 1) >>> 31;
        let q = j;
        while (q > 0 && peers[q - 1] !== p) q--;
        if (q === 0) break;
      }
      peers[j] = p;
    }
    return;
  }
  for (let j = 0; j < k; j++) {
    const pos = j + ((nextU32(st) * (others - j) * TWO_POW_M32) | 0);
    const v = pool[pos]!;
    pool[pos] = pool[j]!;
    pool[j] = v;
    swaps[j] = pos;
    peers[j] = v >= i ? v + 1 : v;
  }
  for (let j = k - 1; j >= 0; j--) {
    const pos = swaps[j]!;
    const v = pool[pos]!;
    pool[pos] = pool[j]!;
    pool[j] = v;
  }
}
