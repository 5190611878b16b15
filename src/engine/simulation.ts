// A running simulation: the population, the kernel that updates it and its random streams,
// stepped one synchronous round at a time. Trials (trial.ts), the throughput suite and the
// multi-threaded trial runner all drive it.
import { isRumor } from './constants.ts';
import { chooseStubborn, crashAgents, crashRecord, holdStubborn, recoverAgents, type CrashRecord } from './faults.ts';
import { autoLayout, createKernelState, runBlocks, type KernelState } from './kernel.ts';
import { buildTopology, contactSum } from './network.ts';
import type { TrialPlan } from './params.ts';
import { createPopulation, swapBuffers, type Layout, type Population } from './population.ts';
import { BLOCK_SIZE, trialKey } from './rng.ts';
import { countInformed } from './rumor.ts';
import { sharedCsr } from './topology/index.ts';

const NO_STUBBORN = new Uint32Array(0);

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
  /**
   * Live agents per opinion after the last round (the kernel's tally); for the rumor protocols
   * `[uninformed, informed]`.
   */
  readonly tally: Float64Array;
  /** Stubborn agents, ascending (empty when there are none). */
  readonly stubborn: Uint32Array;
  /** The crashed agents and their opinions while they are down (null without recovery). */
  readonly crashed: CrashRecord | null;
  /** Rounds run so far. */
  round: number;
  /** Messages sent so far. */
  messages: number;
  /** Whether the planned crash is still to come. */
  crashPending: boolean;
  /** Whether the crashed agents are still to come back. */
  recoveryPending: boolean;
  /** On a topology: contacts per round of all live agents (the complete graph uses live x k). */
  liveContacts: number;
  /** Rumor protocols: informed live agents at the start of the next round. */
  informed: number;
  /** Rumor protocols on a topology: contacts per round of the informed live agents. */
  informedContacts: number;
}

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** Storage layout (default: {@link autoLayout}). Results do not depend on it. */
  layout?: Layout;
  /** Allocate the opinion buffers and the graph on SharedArrayBuffers (for threads sharing the rounds). */
  shared?: boolean;
  /**
   * Run the kernel blocked (see `KernelOptions.blocked`): identical results. Default:
   * `autoBlocked` (from `BLOCKED_MIN_N` agents when the binary kernel runs on bytes,
   * `BITS_BLOCKED_MIN_N` on bits, `GRAPH_BLOCKED_MIN_N` on a graph kernel with a blocked
   * variant). `true` runs the blocked variant of the kernel the plan runs on its layout (bits where
   * `autoLayout` picks them, so a large two-opinion trial stays on one bit an agent) and refuses a
   * plan whose kernel has no blocked variant (RangeError); `false` keeps it unblocked.
   */
  blocked?: boolean;
}

/**
 * Sets up a simulation of `plan` from `seed`: places the initial opinions, generates the graph,
 * chooses the stubborn agents; runs no round. Each of these has its own stream, and a trial
 * that has no graph or no stubborn agents draws nothing from theirs.
 */
export function createSimulation(plan: TrialPlan, seed: number | string, options: SimulationOptions = {}): Simulation {
  const key = trialKey(seed);
  const layout = options.layout ?? autoLayout(plan);
  const pop = createPopulation(plan, key, { layout, shared: options.shared ?? false });
  const graph = options.shared === true ? buildTopology(plan, key, sharedCsr) : null;
  const kernel = createKernelState(plan, key, layout, graph, options.blocked === undefined ? {} : { blocked: options.blocked });
  const stubborn =
    plan.stubbornCount > 0
      ? chooseStubborn(pop.opinions as Uint8Array, plan.stubbornOpinion, plan.stubbornCount, plan.initialCounts[plan.stubbornOpinion]!, key)
      : NO_STUBBORN;
  const recovery = plan.crashCount > 0 && plan.crashRecovery > 0;
  const sim: Simulation = {
    plan,
    key,
    pop,
    kernel,
    tally: kernel.tally,
    stubborn,
    crashed: recovery ? crashRecord(plan.crashCount) : null,
    round: 0,
    messages: 0,
    crashPending: plan.crashCount > 0,
    recoveryPending: recovery,
    liveContacts: 0,
    informed: 0,
    informedContacts: 0,
  };
  recount(sim);
  return sim;
}

/**
 * Recomputes the contact sums and the informed count from the current opinions: at set-up and
 * after a crash or a recovery (O(n), at most three times a trial); nothing on the default path.
 */
function recount(sim: Simulation): void {
  const { plan, kernel, pop } = sim;
  const graph = kernel.graph;
  if (pop.layout !== 'bytes') return;
  const replace = plan.rule != null ? plan.rule.contacts.kind === 'with-replacement' : plan.protocol === '3-majority' || plan.protocol === '2-choices';
  if (graph !== null) sim.liveContacts = contactSum(pop.opinions, graph.offsets, plan.k, replace, -1);
  if (isRumor(plan.protocol)) {
    sim.informed = countInformed(pop.opinions, sim.tally);
    sim.informedContacts = graph === null ? sim.informed * plan.k : contactSum(pop.opinions, graph.offsets, plan.k, false, 1);
  }
}

/**
 * Messages of the coming round: every contact counts, lost or not, answered or not. Live agents
 * x k on the complete graph (the seed's count), the sum of the live agents' contacts on a
 * topology; for push only the informed agents' contacts, for pull only the uninformed ones'.
 */
function roundMessages(sim: Simulation): number {
  const { plan, pop } = sim;
  const live = plan.topology === 'complete' ? pop.live * plan.k : sim.liveContacts;
  if (plan.protocol === 'push') return sim.informedContacts;
  if (plan.protocol === 'pull') return live - sim.informedContacts;
  return live;
}

/**
 * Starts round `sim.round + 1`: applies the crash or the recovery if it is due, counts the
 * round's messages, clears the tally and, for the rumor protocols, copies the current opinions
 * into `next`. The caller then runs every block ({@link runBlocks}) and calls
 * {@link finishRound}. {@link stepRound} does all three on one thread.
 */
export function beginRound(sim: Simulation): void {
  const { plan, pop } = sim;
  if (sim.crashPending && sim.round === plan.crashRound) {
    if (pop.layout !== 'bytes') throw new RangeError('crashes need the bytes layout');
    crashAgents(pop, plan.crashCount, sim.key, sim.crashed);
    sim.crashPending = false;
    recount(sim);
  } else if (sim.recoveryPending && sim.round === plan.crashRound + plan.crashRecovery) {
    if (pop.layout !== 'bytes') throw new RangeError('crashes need the bytes layout');
    recoverAgents(pop, sim.crashed!);
    sim.recoveryPending = false;
    recount(sim);
  }
  sim.round++;
  sim.messages += roundMessages(sim);
  sim.tally.fill(0, 0, pop.m);
  if (isRumor(plan.protocol)) (pop.next as Uint8Array).set(pop.opinions as Uint8Array);
}

/**
 * Ends a round: completes the tally, holds the stubborn agents, swaps the buffers and returns the
 * agreement: the share of live agents holding the most common opinion, or for the rumor
 * protocols the informed share of the live agents.
 */
export function finishRound(sim: Simulation): number {
  const { pop, tally, plan } = sim;
  const kind = sim.kernel.kind;
  if (kind === 'binary' || kind === 'binary-blocked' || kind === 'bits' || kind === 'bits-blocked') tally[0] = pop.live - tally[1]!;
  if (sim.stubborn.length > 0) holdStubborn(pop.opinions as Uint8Array, pop.next as Uint8Array, sim.stubborn, tally);
  if (isRumor(plan.protocol)) {
    const next = pop.next as Uint8Array;
    const graph = sim.kernel.graph;
    sim.informed = countInformed(next, tally);
    sim.informedContacts = graph === null ? sim.informed * plan.k : contactSum(next, graph.offsets, plan.k, false, 1);
    swapBuffers(pop);
    return sim.informed / pop.live;
  }
  swapBuffers(pop);
  return tally[leader(tally, pop.m)]! / pop.live;
}

/**
 * Runs one synchronous round on this thread: every live agent updates from the previous round's
 * opinions; returns the agreement (see {@link finishRound}).
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

/**
 * The opinion a converged trial settled on: 1 (informed) for the rumor protocols, else the
 * most common opinion of the last round.
 */
export function winnerOf(sim: Simulation): number {
  return isRumor(sim.plan.protocol) ? 1 : leader(sim.tally, sim.pop.m);
}
