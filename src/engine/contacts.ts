// Contacts of the kernels off the fast path: distinct neighbours on a CSR graph, and lost contacts.
import { below, nextU32 } from './rng.ts';

/** Scratch of the graph kernels, allocated once per trial. */
export interface NeighbourScratch {
  /** Neighbours picked for the current agent, in the order drawn: `peers[0..c)`. */
  readonly peers: Uint32Array;
  /** A copy of the current agent's neighbour list, shuffled in part (the `shuffle` path). */
  readonly pool: Uint32Array;
  /** Opinions seen by one agent, own first (majority): length >= contacts + 1. */
  readonly list: Uint8Array;
  /** Per-opinion counts of one agent's list; all zero between agents. */
  readonly count: Int32Array;
}

/** Allocates the graph scratch for at most k contacts per agent and a largest degree `maxDeg`. */
export function neighbourScratch(k: number, maxDeg: number): NeighbourScratch {
  const c = Math.max(1, Math.min(k, maxDeg));
  return { peers: new Uint32Array(c), pool: new Uint32Array(Math.max(1, maxDeg)), list: new Uint8Array(c + 1), count: new Int32Array(256) };
}

/**
 * Picks c distinct neighbours of an agent whose list is `targets[off .. off + d)` into
 * `scratch.peers[0..c)`, 1 <= c <= d, every ordered c-sample equally likely. As for the complete
 * graph's sampler: while `c <= 16` and `2c <= d`, rejection (a uniform position `below(d)`, redrawn
 * when its neighbour was already picked; graphs have no multi-edges); otherwise a partial
 * Fisher-Yates shuffle of a copy of the list (`below(d - j)` for pick j). Part of the stream
 * definition of the graph kernels.
 */
export function sampleNeighbours(targets: Uint32Array, off: number, d: number, c: number, st: Int32Array, scratch: NeighbourScratch): void {
  const { peers, pool } = scratch;
  if (c <= 16 && 2 * c <= d) {
    for (let j = 0; j < c; j++) {
      let v = 0;
      for (;;) {
        v = targets[off + below(st, d)]!;
        let q = j;
        while (q > 0 && peers[q - 1] !== v) q--;
        if (q === 0) break;
      }
      peers[j] = v;
    }
    return;
  }
  for (let j = 0; j < d; j++) pool[j] = targets[off + j]!;
  for (let j = 0; j < c; j++) {
    const pos = j + below(st, d - j);
    const v = pool[pos]!;
    pool[pos] = pool[j]!;
    pool[j] = v;
    peers[j] = v;
  }
}

/**
 * The loss threshold of a loss rate q: a contact is lost when the next output of the loss stream
 * (a uint32) is below it. 0 for q = 0 (nothing is drawn), 2^32 for q = 1 (every contact lost),
 * else `max(1, round(q * 2^32))`.
 */
export function lossThreshold(q: number): number {
  return q === 0 ? 0 : Math.max(1, Math.round(q * 2 ** 32));
}

/** Whether the next contact is lost: one draw from the loss stream, none when `lossCut` is 0. */
export function lost(lossSt: Int32Array, lossCut: number): boolean {
  return lossCut !== 0 && nextU32(lossSt) < lossCut;
}
