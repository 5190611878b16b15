// Round kernels of rumor spreading from one source: push, pull and push-pull, on the complete
// graph and on a topology. Opinion 1 = informed, 0 = uninformed, CRASHED = down.
//
// Contract: `next` starts the round as a copy of `cur` (beginRound makes it), and a kernel only
// ever sets entries of `next` from 0 to 1, reading `cur` alone. Pushes write into other blocks,
// but since every write stores the same value, the result does not depend on how the blocks are
// split across threads or in what order they run. The informed count is taken after the round
// ({@link countInformed}), not per block.
import { CRASHED } from './constants.ts';
import { lost, sampleNeighbours, type NeighbourScratch } from './contacts.ts';
import { samplePeers, type PeerScratch } from './sampling.ts';

/**
 * Push over agents [lo, hi): every agent informed at the start of the round contacts k distinct
 * peers among the n - 1 others ({@link samplePeers}) and informs the uninformed live ones whose
 * contact is not lost (one loss draw per contact, in the order drawn, when `lossCut` > 0).
 */
export function pushBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  sampling: PeerScratch,
): void {
  const peers = sampling.peers;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== 1) continue;
    samplePeers(i, n, k, st, sampling);
    for (let j = 0; j < k; j++) {
      const p = peers[j]!;
      if (!lost(lossSt, lossCut) && cur[p] === 0) next[p] = 1;
    }
  }
}

/**
 * Pull over agents [lo, hi): every uninformed live agent contacts k distinct peers and becomes
 * informed if one of them was informed at the start of the round and its contact was not lost.
 */
export function pullBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  sampling: PeerScratch,
): void {
  const peers = sampling.peers;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== 0) continue;
    samplePeers(i, n, k, st, sampling);
    for (let j = 0; j < k; j++) {
      if (!lost(lossSt, lossCut) && cur[peers[j]!] === 1) next[i] = 1;
    }
  }
}

/**
 * Push-pull over agents [lo, hi): every live agent contacts k distinct peers; an informed one
 * informs its uninformed live peers, an uninformed one becomes informed if a peer was informed
 * (contacts not lost). So a contact between an informed and an uninformed agent informs both.
 */
export function pushPullBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  sampling: PeerScratch,
): void {
  const peers = sampling.peers;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    samplePeers(i, n, k, st, sampling);
    if (own === 1) {
      for (let j = 0; j < k; j++) {
        const p = peers[j]!;
        if (!lost(lossSt, lossCut) && cur[p] === 0) next[p] = 1;
      }
    } else {
      for (let j = 0; j < k; j++) {
        if (!lost(lossSt, lossCut) && cur[peers[j]!] === 1) next[i] = 1;
      }
    }
  }
}

/**
 * Push on a CSR graph: every informed agent of degree d contacts `min(k, d)` distinct neighbours
 * (all of them, in list order and without drawing, when k >= d: order does not matter to a
 * rumor) and informs the uninformed live ones.
 */
export function pushGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  scratch: NeighbourScratch,
): void {
  const peers = scratch.peers;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== 1) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let list = targets;
    let from = off;
    let end = off + d;
    if (k < d) {
      sampleNeighbours(targets, off, d, k, st, scratch);
      list = peers;
      from = 0;
      end = k;
    }
    for (let j = from; j < end; j++) {
      const p = list[j]!;
      if (!lost(lossSt, lossCut) && cur[p] === 0) next[p] = 1;
    }
  }
}

/** Pull on a CSR graph: every uninformed live agent asks `min(k, d)` distinct neighbours. */
export function pullGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  scratch: NeighbourScratch,
): void {
  const peers = scratch.peers;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== 0) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let list = targets;
    let from = off;
    let end = off + d;
    if (k < d) {
      sampleNeighbours(targets, off, d, k, st, scratch);
      list = peers;
      from = 0;
      end = k;
    }
    for (let j = from; j < end; j++) {
      if (!lost(lossSt, lossCut) && cur[list[j]!] === 1) next[i] = 1;
    }
  }
}

/** Push-pull on a CSR graph: every live agent contacts `min(k, d)` distinct neighbours. */
export function pushPullGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  scratch: NeighbourScratch,
): void {
  const peers = scratch.peers;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let list = targets;
    let from = off;
    let end = off + d;
    if (k < d) {
      sampleNeighbours(targets, off, d, k, st, scratch);
      list = peers;
      from = 0;
      end = k;
    }
    if (own === 1) {
      for (let j = from; j < end; j++) {
        const p = list[j]!;
        if (!lost(lossSt, lossCut) && cur[p] === 0) next[p] = 1;
      }
    } else {
      for (let j = from; j < end; j++) {
        if (!lost(lossSt, lossCut) && cur[list[j]!] === 1) next[i] = 1;
      }
    }
  }
}

/**
 * Counts the live agents of `next` by state into `tally` (`tally[0]` uninformed, `tally[1]`
 * informed) and returns the informed count.
 */
export function countInformed(next: Uint8Array, tally: Float64Array): number {
  let informed = 0;
  let uninformed = 0;
  for (let i = 0, n = next.length; i < n; i++) {
    const o = next[i]!;
    if (o === 1) informed++;
    else if (o === 0) uninformed++;
  }
  tally[0] = uninformed;
  tally[1] = informed;
  return informed;
}
