// The seed's majority rule off the fast path: with lost contacts on the complete graph, and on a
// topology (distinct neighbours). Same tie rule as the general kernel: own opinion first.
import { CRASHED } from './constants.ts';
import { lost, sampleNeighbours, type NeighbourScratch } from './contacts.ts';
import type { MajorityScratch } from './majority.ts';
import { samplePeers } from './sampling.ts';

/**
 * The most frequent opinion of `list[0..len)`, ties to the one that appears first; `count` is
 * all zero on entry and on return.
 */
export function mostFrequent(list: Uint8Array, len: number, count: Int32Array): number {
  for (let j = 0; j < len; j++) count[list[j]!]!++;
  let best = list[0]!;
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
  return best;
}

/**
 * Majority on the complete graph with lost contacts, over agents [lo, hi): the peers of
 * {@link samplePeers} from `st` (the same as without loss), then one draw per contact from the
 * loss stream `lossSt` (in the order drawn): a lost peer gives no opinion, as a crashed one.
 * Adds the new opinions of live agents to `tally`.
 */
export function majorityLossyBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
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
      if (!lost(lossSt, lossCut) && o !== crashed) list[len++] = o;
    }
    const best = mostFrequent(list, len, count);
    next[i] = best;
    tally[best]!++;
  }
}

/**
 * Majority on a CSR graph over agents [lo, hi): agent i of degree d looks at its own opinion and
 * those of `min(k, d)` distinct neighbours ({@link sampleNeighbours}, in the order drawn; d = 0
 * keeps its opinion), lost (`lossCut` > 0) and crashed ones giving none, and adopts the most
 * frequent, ties to the first in the list. Adds the new opinions of live agents to `tally`.
 */
export function majorityGraphBlock(
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
  tally: Float64Array,
): void {
  const { peers, list, count } = scratch;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    const c = d < k ? d : k;
    list[0] = own;
    let len = 1;
    if (c > 0) {
      sampleNeighbours(targets, off, d, c, st, scratch);
      for (let j = 0; j < c; j++) {
        const o = cur[peers[j]!]!;
        if (!lost(lossSt, lossCut) && o !== crashed) list[len++] = o;
      }
    }
    const best = mostFrequent(list, len, count);
    next[i] = best;
    tally[best]!++;
  }
}
