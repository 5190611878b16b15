// A running simulation: the population, its scratch and random streams, stepped one synchronous
// round at a time. Trials (trial.ts) and the throughput suite both drive it.
import { BINARY_MAX_K, majorityBinaryBlock, majorityGeneralBlock, majorityScratch, type MajorityScratch } from './majority.ts';
import type { TrialPlan } from './params.ts';
import { crashAgents, createPopulation, swapBuffers, type Population } from './population.ts';
import { BLOCK_SIZE, Purpose, streamState, trialKey } from './rng.ts';
import { samplerFor, type Sampler } from './sampling.ts';

/** Everything one trial needs between rounds; allocated once, nothing is allocated per round. */
export interface Simulation {
  readonly plan: TrialPlan;
  readonly key: Int32Array;
  readonly pop: Population;
  readonly sampler: Sampler;
  /** Whether the binary kernel applies (two opinions, rejection sampler, k <= 8). */
  readonly binary: boolean;
  readonly scratch: MajorityScratch;
  /** The xoshiro128** state of the block being run. */
  readonly state: Int32Array;
  /** Live agents per opinion after the last round. */
  readonly tally: Float64Array;
  /** Rounds run so far. */
  round: number;
  /** Messages sent so far. */
  messages: number;
  /** Whether the planned crash is still to come. */
  crashPending: boolean;
}

/** Sets up a simulation of `plan` from `seed`: places the initial opinions, runs no round. */
export function createSimulation(plan: TrialPlan, seed: number | string): Simulation {
  const key = trialKey(seed);
  const pop = createPopulation(plan, key);
  const sampler = samplerFor(plan.n, plan.k);
  return {
    plan,
    key,
    pop,
    sampler,
    binary: pop.m === 2 && sampler === 'rejection' && plan.k <= BINARY_MAX_K,
    scratch: majorityScratch(plan.n, plan.k),
    state: new Int32Array(4),
    tally: new Float64Array(256),
    round: 0,
    messages: 0,
    crashPending: plan.crashCount > 0,
  };
}

/**
 * Runs blocks [firstBlock, endBlock) of round `round` from `cur` into `next` and adds the new
 * opinions of their live agents to `tally`. Each block draws from its own stream, so any split
 * of the blocks (threads, order) gives the same result.
 */
export function runBlocks(sim: Simulation, round: number, cur: Uint8Array, next: Uint8Array, firstBlock: number, endBlock: number): void {
  const { n, k } = sim.plan;
  const { key, state, tally, scratch, binary } = sim;
  let ones = 0;
  for (let block = firstBlock; block < endBlock; block++) {
    const lo = block * BLOCK_SIZE;
    const hi = Math.min(n, lo + BLOCK_SIZE);
    streamState(key, Purpose.round, round, block, state);
    if (binary) ones += majorityBinaryBlock(cur, next, lo, hi, n, k, state);
    else majorityGeneralBlock(cur, next, lo, hi, n, k, state, scratch, tally);
  }
  if (binary) tally[1]! += ones;
}

/** Number of random-stream blocks of a network of n agents. */
export function blockCount(n: number): number {
  return Math.ceil(n / BLOCK_SIZE);
}

/**
 * Runs one synchronous round: applies the crash if it is due, lets every live agent update from
 * the previous round's opinions, swaps the buffers, and returns the agreement (share of live
 * agents holding the most common opinion). `sim.tally` holds the counts per opinion.
 */
export function stepRound(sim: Simulation): number {
  const { plan, pop, tally } = sim;
  if (sim.crashPending && sim.round === plan.crashRound) {
    crashAgents(pop, plan.crashCount, sim.key);
    sim.crashPending = false;
  }
  sim.round++;
  sim.messages += pop.live * plan.k;
  tally.fill(0, 0, pop.m);
  runBlocks(sim, sim.round, pop.opinions, pop.next, 0, blockCount(plan.n));
  if (sim.binary) tally[0] = pop.live - tally[1]!;
  swapBuffers(pop);
  return tally[leader(tally, pop.m)]! / pop.live;
}

/** The most common opinion in `tally[0..m)`, the smallest id on ties. */
export function leader(tally: Float64Array, m: number): number {
  let best = 0;
  for (let o = 1; o < m; o++) if (tally[o]! > tally[best]!) best = o;
  return best;
}
