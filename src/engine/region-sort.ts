// Propagation blocking's shared middle pass: the contacts of a batch of random-stream blocks
// sorted by the region of the opinion array they touch, and their opinions read region by region.
import { BLOCK_SIZE } from './rng.ts';

/** Default region of the opinion array one bucket covers: 2^18 bytes (256 KiB, an L2 slice). */
export const REGION_SHIFT = 18;

/** Default random-stream blocks per batch: 16 x 65536 agents, so a region gets several reads a line. */
export const BATCH_BLOCKS = 16;

/** Scratch of the blocked kernels, allocated once per trial and thread. */
export interface BlockedScratch {
  /** log2 of the region size in agents (bytes). */
  readonly shift: number;
  /** Random-stream blocks drawn and resolved together. */
  readonly batch: number;
  /** Per contact, in the order drawn: its peer, then (after {@link sortByRegion}) its position in `sorted`. */
  readonly slot: Int32Array;
  /** The batch's peers, grouped by region (counting sort on `peer >>> shift`). */
  readonly sorted: Int32Array;
  /** `cur[sorted[q]]`, read region by region. */
  readonly value: Uint8Array;
  /** Contacts per region, then the regions' write cursors: length regions + 1. */
  readonly cursor: Int32Array;
  /** Where the loads of {@link touchRegion} land, so that the compiler keeps them. */
  readonly sink: Int32Array;
}

/** Throws RangeError unless `shift` is an integer from 0 to 31 and `batch` a positive integer. */
export function checkRegionShape(shift: number, batch: number): void {
  if (!Number.isInteger(shift) || shift < 0 || shift > 31) throw new RangeError(`region shift must be an integer from 0 to 31 (got ${shift})`);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer of blocks (got ${batch})`);
}

/** Random-stream blocks per batch for n agents: `batch`, at most the network's blocks. */
export function batchOf(n: number, batch: number): number {
  return Math.min(batch, Math.ceil(n / BLOCK_SIZE));
}

/**
 * Allocates the scratch for n agents, regions of 2^`shift` agents, batches of `batch` blocks and
 * at most `contacts` contacts a batch: 9 bytes a contact (call {@link checkRegionShape} first).
 */
export function regionScratch(n: number, shift: number, batch: number, contacts: number): BlockedScratch {
  const regions = Math.ceil(n / 2 ** shift);
  return { shift, batch, slot: new Int32Array(contacts), sorted: new Int32Array(contacts), value: new Uint8Array(contacts), cursor: new Int32Array(regions + 1), sink: new Int32Array(1) };
}

/**
 * Pass 2 of propagation blocking, the sort: on entry `slot[0..contacts)` holds the batch's peers
 * in the order drawn, `cursor[r + 1]` the contacts of region r and `cursor[0]` zero. Places the
 * peers region by region in `sorted` (a counting sort, stable) and replaces each `slot[c]` by
 * the position of contact c in `sorted`.
 */
export function sortByRegion(contacts: number, scratch: BlockedScratch): void {
  const { shift, slot, sorted, cursor } = scratch;
  const regions = cursor.length - 1;
  for (let r = 1; r <= regions; r++) cursor[r]! += cursor[r - 1]!;
  for (let c = 0; c < contacts; c++) {
    const p = slot[c]!;
    const q = cursor[p >>> shift]!++;
    sorted[q] = p;
    slot[c] = q;
  }
}

/**
 * Contacts a region must have for {@link touchRegion} to run first: a quarter of its 4096 cache
 * lines. Below that, most of its lines are read once anyway and the sweep would only add reads.
 */
export const TOUCH_MIN = 1024;

/**
 * Reads one element of every cache line of `arr[from, to)` (`step` elements a line) in address
 * order, so that the hardware prefetcher streams the region into cache before the random reads
 * of its contacts; measured at n = 10^9 on bits it more than halves their cost. Changes nothing.
 */
export function touchRegion(arr: Uint8Array | Int32Array, from: number, to: number, step: number, sink: Int32Array): void {
  let x = 0;
  for (let i = from; i < to; i += step) x ^= arr[i]!;
  sink[0]! ^= x;
}

/**
 * {@link sortByRegion}, then one read of `cur` per contact, region by region, into `value[q]`:
 * the opinion of agent `sorted[q]`, a byte of `cur` (Uint8Array) or its bit (Int32Array, agent i
 * at bit `i & 31` of word `i >>> 5`). The random reads of a region stay in its cache and TLB
 * slice (a region with at least {@link TOUCH_MIN} contacts is first swept by {@link touchRegion}).
 * Contact c's opinion is then `value[slot[c]]`.
 */
export function gatherByRegion(cur: Uint8Array | Int32Array, contacts: number, scratch: BlockedScratch): void {
  sortByRegion(contacts, scratch);
  const { shift, sorted, value, cursor, sink } = scratch;
  const bits = cur instanceof Int32Array;
  const n = bits ? cur.length * 32 : cur.length;
  const size = 2 ** shift;
  for (let r = 0, q = 0, regions = cursor.length - 1; r < regions; r++) {
    const end = cursor[r]!; // after the sort: the end of region r
    const from = r * size;
    const to = Math.min(n, from + size);
    if (bits) {
      if (end - q >= TOUCH_MIN) touchRegion(cur, from >>> 5, Math.ceil(to / 32), 16, sink);
      for (; q < end; q++) {
        const p = sorted[q]!;
        value[q] = (cur[p >>> 5]! >>> (p & 31)) & 1;
      }
    } else {
      if (end - q >= TOUCH_MIN) touchRegion(cur, from, to, 64, sink);
      for (; q < end; q++) value[q] = cur[sorted[q]!]!;
    }
  }
}
