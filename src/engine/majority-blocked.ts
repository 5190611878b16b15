// The binary majority kernels (bytes and bits) with propagation blocking: the peer reads of a
// batch of blocks are bucketed by the region of the opinion array they touch and resolved region
// by region (region-sort.ts), then summed per agent.
import { CRASHED } from './constants.ts';
import { BATCH_BLOCKS, batchOf, checkRegionShape, gatherByRegion, REGION_SHIFT, regionScratch, type BlockedScratch } from './region-sort.ts';
import { BLOCK_SIZE, Purpose, streamState, TWO_POW_M32 } from './rng.ts';

/**
 * Allocates the blocked binary kernels' scratch for n agents and k peers, with regions of
 * 2^`shift` agents (smaller shifts are for tests: more regions at small n) and batches of
 * `batch` blocks (at most the network's): about 9 x k x 65536 x batch bytes.
 */
export function blockedScratch(n: number, k: number, shift: number = REGION_SHIFT, batch: number = BATCH_BLOCKS): BlockedScratch {
  checkRegionShape(shift, batch);
  const blocks = batchOf(n, batch);
  return regionScratch(n, shift, blocks, BLOCK_SIZE * blocks * k);
}

/**
 * Round `round` of {@link majorityBinaryBlock} over random-stream blocks [firstBlock, endBlock),
 * with the same result, a batch of `scratch.batch` blocks at a time in three passes: (1) draw
 * the peers of every live agent exactly as it does (each block's own stream from `key`, the same
 * sampler and order of draws), counting the contacts per region; (2) place them region by region
 * (a counting sort) and read `cur` one region at a time, so the random reads of a region stay in
 * its cache and TLB slice; (3) sum each agent's votes in the order drawn and apply the same rule
 * (a tie keeps its own opinion; a CRASHED peer gives no vote). Writes `next` for the blocks'
 * live agents (crashed ones are left as they are) and returns how many now hold 1. `st` is
 * scratch for the stream state.
 */
export function majorityBlockedRange(
  cur: Uint8Array,
  next: Uint8Array,
  firstBlock: number,
  endBlock: number,
  n: number,
  k: number,
  key: Int32Array,
  round: number,
  st: Int32Array,
  scratch: BlockedScratch,
): number {
  let ones = 0;
  for (let b = firstBlock; b < endBlock; b += scratch.batch) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(n, Math.min(endBlock, b + scratch.batch) * BLOCK_SIZE);
    ones += blockedBatch(cur, next, lo, hi, n, k, key, round, st, scratch);
  }
  return ones;
}

/** One batch of {@link majorityBlockedRange}: agents [lo, hi), lo a multiple of BLOCK_SIZE. */
function blockedBatch(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, n: number, k: number, key: Int32Array, round: number, st: Int32Array, scratch: BlockedScratch): number {
  const { shift, slot, value, cursor } = scratch;
  const crashed = CRASHED;
  cursor.fill(0);
  // Pass 1: draw, as the unblocked kernel does, and count contacts per region.
  let contacts = 0;
  for (let blo = lo; blo < hi; blo += BLOCK_SIZE) {
    streamState(key, Purpose.round, round, blo / BLOCK_SIZE, st);
    contacts = drawBlock(cur, blo, Math.min(hi, blo + BLOCK_SIZE), n, k, st, shift, slot, cursor, contacts);
  }
  // Pass 2: counting sort by region, then one read of `cur` per contact, region by region.
  gatherByRegion(cur, contacts, scratch);
  // Pass 3: each agent's votes, in the order drawn (0 -> -1, 1 -> +1, CRASHED -> 0).
  let ones = 0;
  let t = 0;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    let votes = (own << 1) - 1;
    for (let j = 0; j < k; j++) {
      const o = value[slot[t++]!]!;
      votes += ((o << 1) - 1) & ~-(o >>> 7);
    }
    const v = votes > 0 ? 1 : votes < 0 ? 0 : own;
    next[i] = v;
    ones += v;
  }
  return ones;
}

/**
 * Pass 1 over agents [lo, hi) of one block: the peers of each live agent, drawn from `st` as
 * {@link majorityBinaryBlock} draws them, into `slot[t..)`; counts each region's contacts at
 * `cursor[region + 1]`. `cur` null: a layout without crashes (bits), every agent draws. Returns
 * the next free slot.
 */
function drawBlock(cur: Uint8Array | null, lo: number, hi: number, n: number, k: number, st: Int32Array, shift: number, slot: Int32Array, cursor: Int32Array, t: number): number {
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  const crashed = CRASHED;
  const scale = (n - 1) * TWO_POW_M32;
  for (let i = lo; i < hi; i++) {
    if (cur !== null && cur[i] === crashed) continue;
    // Peers picked so far, newest first; -1 = none (as in majorityBinaryBlock).
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
        const u = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= u;
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
      slot[t++] = p;
      cursor[(p >>> shift) + 1]!++;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return t;
}

/**
 * {@link majorityBlockedRange} on the bits layout (as `majorityBitsBlock`: no crashes, agent i
 * is bit `i & 31` of word `i >>> 5`): the same draws, peers and rule, so the same opinions.
 * Regions are of 2^`scratch.shift` agents (bits). Returns how many agents of the range now hold 1.
 */
export function majorityBlockedBitsRange(
  cur: Int32Array,
  next: Int32Array,
  firstBlock: number,
  endBlock: number,
  n: number,
  k: number,
  key: Int32Array,
  round: number,
  st: Int32Array,
  scratch: BlockedScratch,
): number {
  let ones = 0;
  for (let b = firstBlock; b < endBlock; b += scratch.batch) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(n, Math.min(endBlock, b + scratch.batch) * BLOCK_SIZE);
    ones += blockedBitsBatch(cur, next, lo, hi, n, k, key, round, st, scratch);
  }
  return ones;
}

/** One batch of {@link majorityBlockedBitsRange}: agents [lo, hi), lo a multiple of BLOCK_SIZE. */
function blockedBitsBatch(cur: Int32Array, next: Int32Array, lo: number, hi: number, n: number, k: number, key: Int32Array, round: number, st: Int32Array, scratch: BlockedScratch): number {
  const { shift, slot, value, cursor } = scratch;
  cursor.fill(0);
  let contacts = 0;
  for (let blo = lo; blo < hi; blo += BLOCK_SIZE) {
    streamState(key, Purpose.round, round, blo / BLOCK_SIZE, st);
    contacts = drawBlock(null, blo, Math.min(hi, blo + BLOCK_SIZE), n, k, st, shift, slot, cursor, contacts);
  }
  gatherByRegion(cur, contacts, scratch);
  let ones = 0;
  let t = 0;
  for (let base = lo; base < hi; base += 32) {
    const ownWord = cur[base >>> 5]! | 0;
    const end = Math.min(32, hi - base);
    let word = 0;
    for (let b = 0; b < end; b++) {
      const own = (ownWord >>> b) & 1;
      let votes = (own << 1) - 1;
      for (let j = 0; j < k; j++) votes += (value[slot[t++]!]! << 1) - 1;
      const v = votes > 0 ? 1 : votes < 0 ? 0 : own;
      word |= v << b;
      ones += v;
    }
    next[base >>> 5] = word;
  }
  return ones;
}
