// The graph kernels with propagation blocking: majority, 3-majority, 2-choices and pull read
// their neighbours' opinions, push and push-pull inform them. A batch of blocks draws its
// contacts exactly as the unblocked kernels do, reads (or informs) them region by region of the
// opinion array (region-sort.ts), then applies each agent's rule to its answers in the order drawn.
import { CRASHED } from './constants.ts';
import { lost, sampleNeighbours, type NeighbourScratch } from './contacts.ts';
import { mostFrequent } from './majority-variants.ts';
import { threeMajority } from './polling.ts';
import { BATCH_BLOCKS, batchOf, checkRegionShape, gatherByRegion, REGION_SHIFT, regionScratch, sortByRegion, type BlockedScratch } from './region-sort.ts';
import { below, BLOCK_SIZE, Purpose, streamState } from './rng.ts';

/** The protocols whose graph kernel has a blocked variant (`rule-graph` has none). */
export const GRAPH_BLOCKED_PROTOCOLS = ['majority', '3-majority', '2-choices', 'pull', 'push', 'push-pull'] as const;

/** A protocol of {@link GRAPH_BLOCKED_PROTOCOLS}. */
export type GraphBlockedProtocol = (typeof GRAPH_BLOCKED_PROTOCOLS)[number];

/** Most contacts one batch holds (about 150 MB of scratch): a batch that would hold more has fewer blocks. */
const CONTACT_BUDGET = 1 << 24;

/** A mark in `value` (push-pull): this contact informs its peer. Opinions are 0, 1 and CRASHED. */
const PUSHED = 2;

/** Scratch of {@link graphBlockedRange}, allocated once per trial and thread. */
export interface GraphBlockedScratch extends BlockedScratch {
  /** Contacts kept (drawn and not lost) by agent `lo + a` of the batch at `kept[a]`; 0 for agents that make none. */
  readonly kept: Int32Array;
}

/**
 * Allocates the scratch of {@link graphBlockedRange} for the CSR graph `offsets` and k contacts
 * an agent: `min(k, d)` distinct neighbours for an agent of degree d, or with `polls` (3-majority,
 * 2-choices) k with replacement when d >= 1. Sized for the most contacts any `batch` consecutive
 * blocks make (9 bytes a contact); the batch has fewer blocks when those exceed 2^24 contacts.
 * Regions are of 2^`shift` agents (small shifts are for tests).
 */
export function graphBlockedScratch(offsets: Uint32Array, k: number, polls: boolean, shift: number = REGION_SHIFT, batch: number = BATCH_BLOCKS): GraphBlockedScratch {
  checkRegionShape(shift, batch);
  const n = offsets.length - 1;
  const blocks = Math.ceil(n / BLOCK_SIZE);
  const perBlock = new Float64Array(blocks);
  let most = 0;
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let i = b * BLOCK_SIZE, end = Math.min(n, i + BLOCK_SIZE); i < end; i++) {
      const d = offsets[i + 1]! - offsets[i]!;
      sum += polls ? (d > 0 ? k : 0) : d < k ? d : k;
    }
    perBlock[b] = sum;
    most = Math.max(most, sum);
  }
  const size = Math.max(1, Math.min(batchOf(n, batch), Math.floor(CONTACT_BUDGET / Math.max(1, most))));
  // A range may start at any block: the most contacts of any `size` consecutive blocks.
  let window = 0;
  let contacts = 0;
  for (let b = 0; b < blocks; b++) {
    window += perBlock[b]! - (b >= size ? perBlock[b - size]! : 0);
    contacts = Math.max(contacts, window);
  }
  return { ...regionScratch(n, shift, size, contacts), kept: new Int32Array(size * BLOCK_SIZE) };
}

/**
 * Round `round` of the graph kernel of `protocol` over random-stream blocks [firstBlock,
 * endBlock), with exactly its result (`majorityGraphBlock`, `threeMajorityGraphBlock`,
 * `twoChoicesGraphBlock`, `pullGraphBlock`, `pushGraphBlock`, `pushPullGraphBlock`), a batch of
 * `scratch.batch` blocks at a time in three passes: (1) each block's streams from `key`
 * (`Purpose.round`, and `Purpose.loss` when `lossCut` > 0), the same agents drawing the same
 * contacts in the same order with one loss draw per contact, keeping the contacts not lost;
 * (2) the kept contacts sorted by region of `cur` and read (push: informed) region by region;
 * (3) each agent's rule on its answers in the order drawn (push-pull then informs its marked
 * peers region by region). The opinion kernels add the new opinions of live agents to `tally`;
 * the rumor ones add nothing. `st` and `lossSt` are scratch for the stream states (left as the
 * last block's), `nb` the neighbour sampler's scratch.
 */
export function graphBlockedRange(
  protocol: GraphBlockedProtocol,
  cur: Uint8Array,
  next: Uint8Array,
  firstBlock: number,
  endBlock: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  key: Int32Array,
  round: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  nb: NeighbourScratch,
  scratch: GraphBlockedScratch,
  tally: Float64Array,
): void {
  const n = offsets.length - 1;
  const polls = protocol === '3-majority' || protocol === '2-choices';
  // Which agents contact: -1 every live one, else those holding this opinion (pull 0, push 1).
  const which = protocol === 'pull' ? 0 : protocol === 'push' ? 1 : -1;
  for (let b = firstBlock; b < endBlock; b += scratch.batch) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(n, Math.min(endBlock, b + scratch.batch) * BLOCK_SIZE);
    scratch.cursor.fill(0);
    let contacts = 0;
    for (let blo = lo; blo < hi; blo += BLOCK_SIZE) {
      const block = blo / BLOCK_SIZE;
      const bhi = Math.min(hi, blo + BLOCK_SIZE);
      streamState(key, Purpose.round, round, block, st);
      if (lossCut !== 0) streamState(key, Purpose.loss, round, block, lossSt);
      contacts = polls
        ? drawPolls(cur, blo, bhi, lo, offsets, targets, k, st, lossSt, lossCut, scratch, contacts)
        : drawDistinct(cur, blo, bhi, lo, offsets, targets, k, which, protocol === 'majority', st, lossSt, lossCut, nb, scratch, contacts);
    }
    // A scratch too small would drop contacts silently (typed arrays ignore writes past the end).
    if (contacts > scratch.slot.length) throw new RangeError(`a batch made ${contacts} contacts, more than its scratch holds (${scratch.slot.length})`);
    if (protocol === 'push') {
      informByRegion(cur, next, contacts, scratch);
      continue;
    }
    gatherByRegion(cur, contacts, scratch);
    switch (protocol) {
      case 'majority':
        majorityAnswers(cur, next, lo, hi, nb, scratch, tally);
        break;
      case '3-majority':
      case '2-choices':
        pollAnswers(protocol === '3-majority', cur, next, lo, hi, scratch, tally);
        break;
      case 'pull':
      case 'push-pull':
        rumorAnswers(cur, next, lo, hi, contacts, scratch);
        break;
    }
  }
}

/**
 * Pass 1 of the distinct-neighbour kernels over agents [lo, hi) of one block (the batch starts at
 * `base`): each live agent holding `which` (any, when `which` < 0) contacts `min(k, d)` distinct
 * neighbours drawn by `sampleNeighbours` (majority: `always`, even when k >= d), or, when k >= d
 * and not `always`, all of them in list order without drawing (the rumor kernels); one loss draw
 * per contact. Appends the kept peers to `slot` from t, counts them per region and per agent.
 * Returns the next free slot.
 */
function drawDistinct(
  cur: Uint8Array,
  lo: number,
  hi: number,
  base: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  which: number,
  always: boolean,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  nb: NeighbourScratch,
  scratch: GraphBlockedScratch,
  t: number,
): number {
  const { shift, slot, cursor, kept } = scratch;
  const peers = nb.peers;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    let c = 0;
    if (own !== crashed && (which < 0 || own === which)) {
      const off = offsets[i]!;
      const d = offsets[i + 1]! - off;
      let list = targets;
      let from = off;
      let end = off + d;
      if (always || k < d) {
        const m = d < k ? d : k;
        if (m > 0) sampleNeighbours(targets, off, d, m, st, nb);
        list = peers;
        from = 0;
        end = m;
      }
      for (let j = from; j < end; j++) {
        const p = list[j]!;
        if (lost(lossSt, lossCut)) continue;
        slot[t + c++] = p;
        cursor[(p >>> shift) + 1]!++;
      }
    }
    kept[i - base] = c;
    t += c;
  }
  return t;
}

/**
 * Pass 1 of the polling kernels over agents [lo, hi) of one block (the batch starts at `base`):
 * each live agent with neighbours polls `polls` of them with replacement (`below(d)`), one loss
 * draw per poll. Appends the kept peers to `slot` from t; returns the next free slot.
 */
function drawPolls(
  cur: Uint8Array,
  lo: number,
  hi: number,
  base: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  polls: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  scratch: GraphBlockedScratch,
  t: number,
): number {
  const { shift, slot, cursor, kept } = scratch;
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    let c = 0;
    if (cur[i] !== crashed) {
      const off = offsets[i]!;
      const d = offsets[i + 1]! - off;
      if (d > 0) {
        for (let j = 0; j < polls; j++) {
          const p = targets[off + below(st, d)]!;
          if (lost(lossSt, lossCut)) continue;
          slot[t + c++] = p;
          cursor[(p >>> shift) + 1]!++;
        }
      }
    }
    kept[i - base] = c;
    t += c;
  }
  return t;
}

/**
 * Pass 3 of majority: own opinion first, then the answers in the order drawn (CRASHED gives none);
 * the most frequent, ties to the first (as `mostFrequent`, by a vote count when all are 0 or 1).
 */
function majorityAnswers(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, nb: NeighbourScratch, scratch: GraphBlockedScratch, tally: Float64Array): void {
  const { slot, value, kept } = scratch;
  const { list, count } = nb;
  const crashed = CRASHED;
  let t = 0;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const c = kept[i - lo]!;
    list[0] = own;
    let len = 1;
    // Opinions 0 and 1 alone: the most frequent is the sign of the votes, a tie the own opinion.
    let votes = (own << 1) - 1;
    let seen = own;
    for (let j = 0; j < c; j++) {
      const o = value[slot[t++]!]!;
      if (o === crashed) continue;
      list[len++] = o;
      votes += (o << 1) - 1;
      seen |= o;
    }
    const best = seen <= 1 ? (votes > 0 ? 1 : votes < 0 ? 0 : own) : mostFrequent(list, len, count);
    next[i] = best;
    tally[best]!++;
  }
}

/** Pass 3 of 3-majority (`three`) or 2-choices: the answers in poll order, as the unblocked rules take them. */
function pollAnswers(three: boolean, cur: Uint8Array, next: Uint8Array, lo: number, hi: number, scratch: GraphBlockedScratch, tally: Float64Array): void {
  const { slot, value, kept } = scratch;
  const crashed = CRASHED;
  let t = 0;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const c = kept[i - lo]!;
    let v = own;
    if (three) {
      let a0 = -1;
      let a1 = -1;
      let a2 = -1;
      let len = 0;
      for (let j = 0; j < c; j++) {
        const o = value[slot[t + j]!]!;
        if (o === crashed) continue;
        if (len === 0) a0 = o;
        else if (len === 1) a1 = o;
        else a2 = o;
        len++;
      }
      v = threeMajority(own, len, a0, a1, a2);
    } else if (c === 2) {
      // 2-choices: a lost poll (c < 2) or a crashed one keeps the agent's own opinion.
      const a = value[slot[t]!]!;
      if (a === value[slot[t + 1]!]! && a !== crashed) v = a;
    }
    t += c;
    next[i] = v;
    tally[v]!++;
  }
}

/**
 * Pass 3 of pull and push-pull: an uninformed agent with an informed answer becomes informed; an
 * informed one (push-pull) marks its uninformed peers, informed afterwards region by region.
 */
function rumorAnswers(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, contacts: number, scratch: GraphBlockedScratch): void {
  const { slot, sorted, value, kept } = scratch;
  let t = 0;
  let pushes = false;
  for (let i = lo; i < hi; i++) {
    const c = kept[i - lo]!;
    if (c === 0) continue;
    if (cur[i] === 1) {
      for (let j = 0; j < c; j++) {
        const q = slot[t + j]!;
        if (value[q] === 0) value[q] = PUSHED;
      }
      pushes = true;
    } else {
      for (let j = 0; j < c; j++) if (value[slot[t + j]!] === 1) next[i] = 1;
    }
    t += c;
  }
  if (pushes) for (let q = 0; q < contacts; q++) if (value[q] === PUSHED) next[sorted[q]!] = 1;
}

/** Pass 2 of push: the kept contacts sorted by region, each uninformed live peer informed. */
function informByRegion(cur: Uint8Array, next: Uint8Array, contacts: number, scratch: GraphBlockedScratch): void {
  sortByRegion(contacts, scratch);
  const sorted = scratch.sorted;
  for (let q = 0; q < contacts; q++) {
    const p = sorted[q]!;
    if (cur[p] === 0) next[p] = 1;
  }
}
