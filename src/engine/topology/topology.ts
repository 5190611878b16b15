// The Topology record (an undirected graph in CSR form), its kinds, its random stream and the
// parameter checks the generators share.
import { ParameterError } from '../errors.ts';
import { streamState } from '../rng.ts';

/**
 * Generated graph families. The complete graph is not among them: it stays implicit (no
 * arrays) and the engine handles `kind: 'complete'` itself.
 */
export type TopologyKind = 'ring' | 'torus' | 'random-regular' | 'erdos-renyi' | 'watts-strogatz' | 'barabasi-albert';

/**
 * An undirected graph on nodes 0..n-1 in compressed sparse row form: the neighbours of v are
 * `targets[offsets[v] .. offsets[v + 1])`, and `offsets[n] = targets.length = 2 * edges`.
 * Every edge is stored in both directions; no generator makes self-loops or multi-edges.
 * The order of a neighbour list is part of the output (it is deterministic) but carries no
 * meaning; {@link sortNeighbours} puts a graph in canonical form.
 *
 * Memory: 4 bytes per node (`offsets`) plus 8 bytes per undirected edge (`targets`).
 */
export interface Topology {
  readonly kind: TopologyKind;
  readonly n: number;
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
}

/**
 * The `Purpose` number of the topology stream, `streamState(key, TOPOLOGY_PURPOSE, 0, 0, st)`.
 * Kept here rather than in rng.ts's `Purpose` table until that table gains a `topology` entry
 * (the value must stay 3 so that graphs do not change).
 */
export const TOPOLOGY_PURPOSE = 3;

/** Largest node count: node ids must fit the uint32 `targets` and `below()`'s 2^31 range. */
export const MAX_NODES = 2 ** 31 - 1;

/** Largest `targets` length (2 x edges), so that entries can be drawn with `below()`: 8 GiB. */
export const MAX_ENTRIES = 2 ** 31;

/**
 * Allocates one of a graph's CSR arrays (`offsets` or `targets`) of `length` entries. Generators
 * take one so that a graph shared by threads is built straight into shared memory, without a copy.
 */
export type CsrAllocator = (length: number) => Uint32Array;

/** The default {@link CsrAllocator}: an ordinary (thread-local) array. */
export const heapCsr: CsrAllocator = (length) => new Uint32Array(length);

/** A {@link CsrAllocator} on SharedArrayBuffers, so worker threads can read the graph in place. */
export const sharedCsr: CsrAllocator = (length) => new Uint32Array(new SharedArrayBuffer(4 * length));

/** Writes the trial's topology stream (round 0, block 0) into `state` and returns it. */
export function topologyState(key: Int32Array, state: Int32Array = new Int32Array(4)): Int32Array {
  return streamState(key, TOPOLOGY_PURPOSE, 0, 0, state);
}

/** A safe integer (no NaN, no fraction). */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Checks that `value` is an integer in [min, max]; throws {@link ParameterError} naming it. */
export function checkInteger(parameter: string, value: unknown, min: number, max: number): number {
  if (!isInteger(value) || value < min || value > max) {
    throw new ParameterError(parameter, value, max === Infinity ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
  }
  return value;
}

/** Checks the node count: an integer from `min` to {@link MAX_NODES}. */
export function checkNodes(n: unknown, min: number): number {
  return checkInteger('n', n, min, MAX_NODES);
}

/** Checks an injected xoshiro128** state (four int32 words, not all zero). */
export function checkState(st: unknown): Int32Array {
  if (!(st instanceof Int32Array) || st.length < 4 || (st[0]! | st[1]! | st[2]! | st[3]!) === 0) {
    throw new ParameterError('rng', st, 'an Int32Array xoshiro128** state (4 words, not all zero)');
  }
  return st;
}

/** Checks that the graph's `targets` (2 x edges entries) stays within {@link MAX_ENTRIES}. */
export function checkEntries(parameter: string, value: unknown, entries: number): void {
  if (entries > MAX_ENTRIES) {
    throw new ParameterError(parameter, value, `small enough that 2 x edges <= 2^31 (got ${entries} entries)`);
  }
}
