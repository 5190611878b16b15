// The population of a trial: double-buffered opinions, one byte per agent (any opinions, crash
// faults: crashed agents hold CRASHED in both buffers) or one bit per agent (two opinions, no
// crashes: 1/8 of the memory, so large networks stay in cache), and the initial placement.
import type { TrialPlan } from './trial-params.ts';
import { Purpose, streamState, uniform } from './rng.ts';

/** How opinions are stored: a byte per agent, or a bit per agent (binary opinions only). */
export type Layout = 'bytes' | 'bits';

/** Opinions one byte per agent: `opinions` is the current round's, `next` is written by the round. */
export interface BytePopulation {
  readonly layout: 'bytes';
  readonly n: number;
  /** Number of distinct opinion ids in use (ids 0..m-1). */
  readonly m: number;
  opinions: Uint8Array;
  next: Uint8Array;
  /** Agents that have not crashed. */
  live: number;
}

/**
 * Opinions one bit per agent (agent i is bit `i & 31` of word `i >>> 5`; 1 = opinion 1).
 * Two opinions, no crashes.
 */
export interface BitPopulation {
  readonly layout: 'bits';
  readonly n: number;
  readonly m: 2;
  opinions: Int32Array;
  next: Int32Array;
  live: number;
}

/** A population in either layout. */
export type Population = BytePopulation | BitPopulation;

/** Options of {@link createPopulation}. */
export interface PopulationOptions {
  /** Storage layout (default `bytes`). `bits` needs two opinions and no crashes. */
  layout?: Layout;
  /** Allocate the buffers on SharedArrayBuffers, for rounds split across threads. */
  shared?: boolean;
}

function buffer(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/**
 * Allocates a population and places the initial opinions: exactly `plan.initialCounts[j]` agents
 * hold opinion j, and every arrangement is equally likely (sequential sampling without
 * replacement from the placement stream: agent i takes opinion j with probability
 * remaining_j / remaining agents). Both layouts consume the same draws, so they hold the same
 * opinions.
 */
export function createPopulation(plan: TrialPlan, key: Int32Array, options: PopulationOptions & { layout: 'bits' }): BitPopulation;
export function createPopulation(plan: TrialPlan, key: Int32Array, options?: PopulationOptions & { layout?: 'bytes' }): BytePopulation;
export function createPopulation(plan: TrialPlan, key: Int32Array, options?: PopulationOptions): Population;
export function createPopulation(plan: TrialPlan, key: Int32Array, options: PopulationOptions = {}): Population {
  const { n } = plan;
  const m = plan.initialCounts.length;
  const shared = options.shared ?? false;
  const layout = options.layout ?? 'bytes';
  if (layout === 'bits' && (m !== 2 || plan.crashCount > 0)) {
    throw new RangeError(`the bits layout needs two opinions and no crashes (got ${m} opinions, ${plan.crashCount} crashes)`);
  }
  const remaining = Float64Array.from(plan.initialCounts);
  const s = streamState(key, Purpose.placement, 0, 0, new Int32Array(4));
  const pick = (left: number): number => {
    let r = uniform(s) * left;
    let j = 0;
    while (j < m - 1 && r >= remaining[j]!) {
      r -= remaining[j]!;
      j++;
    }
    // Guard against rounding on the last step: never pick an exhausted opinion.
    while (remaining[j] === 0) j = (j + 1) % m;
    remaining[j]!--;
    return j;
  };
  if (layout === 'bits') {
    const words = Math.ceil(n / 32);
    const opinions = new Int32Array(buffer(words * 4, shared));
    for (let i = 0; i < n; i++) if (pick(n - i) === 1) opinions[i >>> 5]! |= 1 << (i & 31);
    return { layout, n, m: 2, opinions, next: new Int32Array(buffer(words * 4, shared)), live: n };
  }
  const opinions = new Uint8Array(buffer(n, shared));
  for (let i = 0; i < n; i++) opinions[i] = pick(n - i);
  return { layout, n, m, opinions, next: new Uint8Array(buffer(n, shared)), live: n };
}

/** Opinion of agent i in the current buffer (CRASHED for a crashed agent); for tests and tools. */
export function opinionAt(pop: Population, i: number): number {
  return pop.layout === 'bits' ? (pop.opinions[i >>> 5]! >>> (i & 31)) & 1 : pop.opinions[i]!;
}

/** Swaps the two buffers after a round: `next` becomes the current opinions. */
export function swapBuffers(pop: Population): void {
  if (pop.layout === 'bits') {
    const t = pop.opinions;
    pop.opinions = pop.next;
    pop.next = t;
  } else {
    const t = pop.opinions;
    pop.opinions = pop.next;
    pop.next = t;
  }
}
