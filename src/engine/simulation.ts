// A running simulation: the population, the kernel that updates it and its random streams,
// stepped one synchronous round at a time. Trials (trial.ts), the throughput suite and the
// multi-threaded trial runner all drive it.
import {
  BINARY_MAX_K,
  majorityBinaryBlock,
  majorityBitsBlock,
  majorityGeneralBlock,
  majorityScratch,
  type MajorityScratch,
} from './majority.ts';
import type { TrialPlan } from './params.ts';
import { crashAgents, createPopulation, swapBuffers, type Layout, type Population } from './population.ts';
import { BLOCK_SIZE, Purpose, streamState, trialKey } from './rng.ts';
import { samplerFor } from './sampling.ts';

/**
 * Which round kernel runs: `binary` (two opinions on bytes, crashes allowed), `bits` (two
 * opinions on bits, no crashes), `general` (any opinions, k > 8 or the shuffle sampler). All three
 * draw the same peers from the same streams, so where more than one applies they agree exactly.
 */
export type KernelKind = 'binary' | 'bits' | 'general';

/** Networks from this size on use the bits layout when it applies (bytes stop fitting in cache). */
export const BITS_MIN_N = 1 << 19;

/** What one thread needs to run blocks of a round: allocated once, nothing per round. */
export interface KernelState {
  readonly plan: TrialPlan;
  readonly key: Int32Array;
  readonly kind: KernelKind;
  readonly scratch: MajorityScratch;
  /** The xoshiro128** state of the block being run. */
  readonly state: Int32Array;
  /** Live agents per opinion, added to by {@link runBlocks}. */
  readonly tally: Float64Array;
}

/** Whether the bits layout can hold a plan: two opinions, no crashes, the binary kernel's sampler. */
export function bitsApply(plan: TrialPlan): boolean {
  return plan.initialCounts.length === 2 && plan.crashCount === 0 && samplerFor(plan.n, plan.k) === 'rejection' && plan.k <= BINARY_MAX_K;
}

/** The layout a plan runs on when none is asked for: bits for large binary networks, else bytes. */
export function autoLayout(plan: TrialPlan): Layout {
  return bitsApply(plan) && plan.n >= BITS_MIN_N ? 'bits' : 'bytes';
}

/** The kernel state of one thread for `plan` on `layout`. */
export function createKernelState(plan: TrialPlan, key: Int32Array, layout: Layout): KernelState {
  const binary = plan.initialCounts.length === 2 && samplerFor(plan.n, plan.k) === 'rejection' && plan.k <= BINARY_MAX_K;
  const kind: KernelKind = layout === 'bits' ? 'bits' : binary ? 'binary' : 'general';
  return { plan, key, kind, scratch: majorityScratch(plan.n, plan.k), state: new Int32Array(4), tally: new Float64Array(256) };
}

/**
 * Runs blocks [firstBlock, endBlock) of round `round` from `cur` into `next` (the population's
 * buffers, in its layout) and adds the new opinions of their live agents to `ks.tally` (the two
 * binary kernels add only to `tally[1]`; the caller derives `tally[0]`). Each block draws from
 * its own stream, so any split of the blocks over threads gives the same result.
 */
export function runBlocks(ks: KernelState, round: number, cur: Uint8Array | Int32Array, next: Uint8Array | Int32Array, firstBlock: number, endBlock: number): void {
  const { n, k } = ks.plan;
  const { key, state, tally, scratch, kind } = ks;
  let ones = 0;
  for (let block = firstBlock; block < endBlock; block++) {
    const lo = block * BLOCK_SIZE;
    const hi = Math.min(n, lo + BLOCK_SIZE);
    streamState(key, Purpose.round, round, block, state);
    if (kind === 'bits') ones += majorityBitsBlock(cur as Int32Array, next as Int32Array, lo, hi, n, k, state);
    else if (kind === 'binary') ones += majorityBinaryBlock(cur as Uint8Array, next as Uint8Array, lo, hi, n, k, state);
    else majorityGeneralBlock(cur as Uint8Array, next as Uint8Array, lo, hi, n, k, state, scratch, tally);
  }
  if (kind !== 'general') tally[1]! += ones;
}

/** Number of random-stream blocks of a network of n agents. */
export function blockCount(n: number): number {
  return Math.ceil(n / BLOCK_SIZE);
}

/** A trial in progress. */
export interface Simulation {
  readonly plan: TrialPlan;
  readonly key: Int32Array;
  readonly pop: Population;
  readonly kernel: KernelState;
  /** Live agents per opinion after the last round (the kernel's tally). */
  readonly tally: Float64Array;
  /** Rounds run so far. */
  round: number;
  /** Messages sent so far. */
  messages: number;
  /** Whether the planned crash is still to come. */
  crashPending: boolean;
}

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** Storage layout (default: {@link autoLayout}). Results do not depend on it. */
  layout?: Layout;
  /** Allocate the opinion buffers on SharedArrayBuffers (for threads sharing the rounds). */
  shared?: boolean;
}

/** Sets up a simulation of `plan` from `seed`: places the initial opinions, runs no round. */
export function createSimulation(plan: TrialPlan, seed: number | string, options: SimulationOptions = {}): Simulation {
  const key = trialKey(seed);
  const layout = options.layout ?? autoLayout(plan);
  const pop = createPopulation(plan, key, { layout, shared: options.shared ?? false });
  const kernel = createKernelState(plan, key, layout);
  return { plan, key, pop, kernel, tally: kernel.tally, round: 0, messages: 0, crashPending: plan.crashCount > 0 };
}

/**
 * Starts round `sim.round + 1`: applies the crash if it is due, counts the round's messages and
 * clears the tally. The caller then runs every block ({@link runBlocks}) and calls
 * {@link finishRound}. {@link stepRound} does all three on one thread.
 */
export function beginRound(sim: Simulation): void {
  const { plan, pop } = sim;
  if (sim.crashPending && sim.round === plan.crashRound) {
    if (pop.layout !== 'bytes') throw new RangeError('crashes need the bytes layout');
    crashAgents(pop, plan.crashCount, sim.key);
    sim.crashPending = false;
  }
  sim.round++;
  sim.messages += pop.live * plan.k;
  sim.tally.fill(0, 0, pop.m);
}

/** Ends a round: completes the tally, swaps the buffers, returns the agreement. */
export function finishRound(sim: Simulation): number {
  const { pop, tally } = sim;
  if (sim.kernel.kind !== 'general') tally[0] = pop.live - tally[1]!;
  swapBuffers(pop);
  return tally[leader(tally, pop.m)]! / pop.live;
}

/**
 * Runs one synchronous round on this thread: every live agent updates from the previous round's
 * opinions; returns the agreement (share of live agents holding the most common opinion).
 */
export function stepRound(sim: Simulation): number {
  beginRound(sim);
  runBlocks(sim.kernel, sim.round, sim.pop.opinions, sim.pop.next, 0, blockCount(sim.plan.n));
  return finishRound(sim);
}

/** The most common opinion in `tally[0..m)`, the smallest id on ties. */
export function leader(tally: Float64Array, m: number): number {
  let best = 0;
  for (let o = 1; o < m; o++) if (tally[o]! > tally[best]!) best = o;
  return best;
}
