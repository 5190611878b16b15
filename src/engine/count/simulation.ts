// A count-level trial on the complete graph: the state is the number of agents of each class
// (opinion x free / stubborn x live / crashed), and a round draws the next counts of each class
// from their exact law (a multinomial per class, as a chain of exact binomials).
import { isRumor } from '../constants.ts';
import type { TrialPlan } from '../params.ts';
import { Purpose, streamState, trialKey } from '../rng.ts';
import { leader } from '../simulation.ts';
import { binomial } from './binomial.ts';
import type { TrialResult } from '../trial-result.ts';
import { multivariateHypergeometric } from './hypergeometric.ts';
import { outcomeLaw, outcomeModel, type OutcomeModel, type OutcomeRule } from './outcomes.ts';

/** A count-level trial in progress. Counts are integers below 2^53 held in doubles. */
export interface CountSimulation {
  readonly plan: TrialPlan;
  readonly key: Int32Array;
  /** Number of opinions m. */
  readonly m: number;
  readonly model: OutcomeModel;
  /** Live agents that may change, per opinion. */
  readonly free: Float64Array;
  /** Live stubborn agents (all hold `plan.stubbornOpinion`). */
  stubborn: number;
  /** Crashed free agents per opinion (the opinion they had, kept for a recovery). */
  readonly downFree: Float64Array;
  /** Crashed stubborn agents. */
  downStubborn: number;
  /** Live agents. */
  live: number;
  /** Live agents per opinion after the last round (free and stubborn). */
  readonly tally: Float64Array;
  round: number;
  /** Messages so far (exact below 2^53, rounded to the nearest double beyond). */
  messages: number;
  crashPending: boolean;
  recoveryPending: boolean;
  /** Scratch: live agents answering each opinion. */
  readonly answering: Float64Array;
  /** Scratch: one class's law of next opinions. */
  readonly law: Float64Array;
  /** Scratch: next free counts. */
  readonly next: Float64Array;
  /** Scratch: the order of a class's outcomes in its binomial chain, and suffix sums of their probabilities. */
  readonly order: Int32Array;
  readonly suffix: Float64Array;
  /** Scratch: class sizes and crashed counts of the crash draw. */
  readonly sizes: Float64Array;
  readonly drawn: Float64Array;
  /** The xoshiro128** state of the stream being drawn from. */
  readonly state: Int32Array;
}

/**
 * Sets up a count-level trial of `plan` (checked for the count engine by `planTrial`): the
 * initial counts, with `stubbornCount` of the stubborn opinion's holders stubborn. No draw: which
 * agents hold what does not matter on the complete graph.
 */
export function createCountSimulation(plan: TrialPlan, seed: number | string): CountSimulation {
  const m = plan.initialCounts.length;
  const free = Float64Array.from(plan.initialCounts);
  free[plan.stubbornOpinion]! -= plan.stubbornCount;
  const sim: CountSimulation = {
    plan,
    key: trialKey(seed),
    m,
    model: outcomeModel(plan.protocol as OutcomeRule, m, plan.k, plan.n, plan.lossRate),
    free,
    stubborn: plan.stubbornCount,
    downFree: new Float64Array(m),
    downStubborn: 0,
    live: plan.n,
    tally: Float64Array.from(plan.initialCounts),
    round: 0,
    messages: 0,
    crashPending: plan.crashCount > 0,
    recoveryPending: plan.crashCount > 0 && plan.crashRecovery > 0,
    answering: new Float64Array(m),
    law: new Float64Array(m),
    next: new Float64Array(m),
    order: new Int32Array(m),
    suffix: new Float64Array(m + 1),
    sizes: new Float64Array(m + 1),
    drawn: new Float64Array(m + 1),
    state: new Int32Array(4),
  };
  return sim;
}

/** Live informed agents (opinion 1) of a rumor trial. */
function informed(sim: CountSimulation): number {
  return sim.free[1]! + (sim.plan.stubbornOpinion === 1 ? sim.stubborn : 0);
}

/**
 * The crash: `crashCount` of the live agents, uniformly, so the counts taken from each class
 * (free per opinion, stubborn) are multivariate hypergeometric, drawn from the crash stream.
 */
function crash(sim: CountSimulation): void {
  const { m, sizes, drawn, free, plan } = sim;
  for (let j = 0; j < m; j++) sizes[j] = free[j]!;
  sizes[m] = sim.stubborn;
  multivariateHypergeometric(sizes, m + 1, plan.crashCount, drawn, streamState(sim.key, Purpose.crash, 0, 0, sim.state));
  for (let j = 0; j < m; j++) {
    free[j]! -= drawn[j]!;
    sim.downFree[j] = drawn[j]!;
  }
  sim.stubborn -= drawn[m]!;
  sim.downStubborn = drawn[m]!;
  sim.live -= plan.crashCount;
}

/** The recovery: every crashed agent is live again with the opinion it had. */
function recover(sim: CountSimulation): void {
  for (let j = 0; j < sim.m; j++) {
    sim.free[j]! += sim.downFree[j]!;
    sim.downFree[j] = 0;
  }
  sim.stubborn += sim.downStubborn;
  sim.live += sim.plan.crashCount;
  sim.downStubborn = 0;
}

/**
 * Draws the next opinions of the `count` free agents holding `own` from `law` as a chain of
 * binomials: every other opinion in ascending order, each X_j ~ Bin(left, p_j / S_j) with S_j
 * the sum of the probabilities not yet drawn (its complement S_{j+1} / S_j: sums of positive
 * terms, never 1 - p), and `own` takes the rest. Adds them to `next`.
 */
function drawClass(sim: CountSimulation, own: number, count: number): void {
  const { m, law, order, suffix, next, state } = sim;
  let len = 0;
  for (let j = 0; j < m; j++) if (j !== own && law[j]! > 0) order[len++] = j;
  suffix[len] = law[own]!;
  for (let i = len - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + law[order[i]!]!;
  let left = count;
  for (let i = 0; i < len && left > 0; i++) {
    const j = order[i]!;
    const x = binomial(left, law[j]! / suffix[i]!, suffix[i + 1]! / suffix[i]!, state);
    next[j]! += x;
    left -= x;
  }
  next[own]! += left;
}

/**
 * Runs one round: the crash or recovery when due (as the agent engine's `beginRound`), the
 * round's messages, then every class's next counts from the round's stream
 * (`Purpose.count`, round r). Returns the agreement: the share of live agents holding the most
 * common opinion, or the informed share for `pull`.
 */
export function stepCountRound(sim: CountSimulation): number {
  const { plan, m, free, next, answering, tally } = sim;
  if (sim.crashPending && sim.round === plan.crashRound) {
    crash(sim);
    sim.crashPending = false;
  } else if (sim.recoveryPending && sim.round === plan.crashRound + plan.crashRecovery) {
    recover(sim);
    sim.recoveryPending = false;
  }
  sim.round++;
  const rumor = isRumor(plan.protocol);
  sim.messages += plan.k * (rumor ? sim.live - informed(sim) : sim.live);
  let silent = sim.downStubborn;
  for (let j = 0; j < m; j++) {
    answering[j] = free[j]! + (j === plan.stubbornOpinion ? sim.stubborn : 0);
    silent += sim.downFree[j]!;
  }
  streamState(sim.key, Purpose.count, sim.round, 0, sim.state);
  next.fill(0);
  for (let o = 0; o < m; o++) {
    const count = free[o]!;
    if (count === 0) continue;
    outcomeLaw(sim.model, answering, silent, o, sim.law);
    drawClass(sim, o, count);
  }
  free.set(next);
  for (let j = 0; j < m; j++) tally[j] = free[j]! + (j === plan.stubbornOpinion ? sim.stubborn : 0);
  if (rumor) return informed(sim) / sim.live;
  return tally[leader(tally, m)]! / sim.live;
}

/** What a count-level trial measured: the agent engine's `TrialResult`, with the same meaning. */
export type CountTrialResult = TrialResult;

/**
 * Runs a count-level trial of `plan` from `seed` until the threshold or the round limit (at least
 * one round), as the agent engine's `runRounds` does.
 */
export function runCountPlan(plan: TrialPlan, seed: number | string): CountTrialResult {
  const sim = createCountSimulation(plan, seed);
  const history = plan.recordAgreement ? new Float64Array(plan.maxRounds) : null;
  let agreement = 0;
  let converged = false;
  while (sim.round < plan.maxRounds) {
    agreement = stepCountRound(sim);
    if (history !== null) history[sim.round - 1] = agreement;
    if (agreement >= plan.threshold) {
      converged = true;
      break;
    }
  }
  const top = leader(sim.tally, sim.m);
  const result: CountTrialResult = {
    rounds: sim.round,
    converged,
    winner: converged ? (isRumor(plan.protocol) ? 1 : top) : null,
    leader: top,
    finalAgreement: agreement,
    messages: sim.messages,
    live: sim.live,
  };
  if (history !== null) result.agreement = history.slice(0, sim.round);
  return result;
}
