// One trial: set up the population, run synchronous rounds until the agreement threshold or the
// round limit, and report rounds, messages, winner and agreement.
import { majorityBinaryBlock, majorityGeneralBlock, majorityScratch } from './majority.ts';
import { planTrial, type TrialParams, type TrialPlan } from './params.ts';
import { crashAgents, createPopulation, swapBuffers } from './population.ts';
import { BLOCK_SIZE, Purpose, streamState, trialKey } from './rng.ts';
import { samplerFor } from './sampling.ts';

/** What one trial measured. */
export interface TrialResult {
  /** Rounds run (>= 1: at least one round always runs, as in the seed). */
  rounds: number;
  /** Whether agreement reached the threshold within `maxRounds`. */
  converged: boolean;
  /** The opinion the live agents converged on; null when the trial did not converge. */
  winner: number | null;
  /** Share of live agents holding the most common opinion after the last round. */
  finalAgreement: number;
  /** Peer contacts: each live agent contacts `min(fanout, n - 1)` peers a round. */
  messages: number;
  /** Agents that had not crashed at the end. */
  live: number;
  /** Agreement after each round (index r - 1 for round r), when `recordAgreement` was set. */
  agreement?: Float64Array;
}

/** Runs one trial; a pure function of (params, seed). Throws ParameterError on bad parameters. */
export function runTrial(params: TrialParams, seed: number | string): TrialResult {
  return runPlan(planTrial(params), seed);
}

/** Runs one trial from an already validated plan (see {@link planTrial}). */
export function runPlan(plan: TrialPlan, seed: number | string): TrialResult {
  const { n, k, maxRounds, threshold } = plan;
  const key = trialKey(seed);
  const pop = createPopulation(plan, key);
  const m = pop.m;
  const sampler = samplerFor(n, k);
  const binary = m === 2 && sampler === 'rejection';
  const scratch = majorityScratch(n, k);
  const picked = scratch.sampling.peers;
  const state = new Int32Array(4);
  const tally = new Float64Array(256);
  const history = plan.recordAgreement ? new Float64Array(maxRounds) : null;
  let crashPending = plan.crashCount > 0;
  let messages = 0;
  let rounds = 0;
  let agreement = 0;
  let leader = 0;
  let converged = false;

  while (rounds < maxRounds) {
    if (crashPending && rounds === plan.crashRound) {
      crashAgents(pop, plan.crashCount, key);
      crashPending = false;
    }
    rounds++;
    messages += pop.live * k;
    tally.fill(0, 0, m);
    const cur = pop.opinions;
    const next = pop.next;
    let ones = 0;
    for (let block = 0, lo = 0; lo < n; block++, lo += BLOCK_SIZE) {
      const hi = Math.min(n, lo + BLOCK_SIZE);
      streamState(key, Purpose.round, rounds, block, state);
      if (binary) ones += majorityBinaryBlock(cur, next, lo, hi, n, k, state, picked);
      else majorityGeneralBlock(cur, next, lo, hi, n, k, state, scratch, tally);
    }
    if (binary) {
      tally[0] = pop.live - ones;
      tally[1] = ones;
    }
    swapBuffers(pop);

    leader = 0;
    for (let o = 1; o < m; o++) if (tally[o]! > tally[leader]!) leader = o;
    agreement = tally[leader]! / pop.live;
    if (history !== null) history[rounds - 1] = agreement;
    if (agreement >= threshold) {
      converged = true;
      break;
    }
  }

  const result: TrialResult = {
    rounds,
    converged,
    winner: converged ? leader : null,
    finalAgreement: agreement,
    messages,
    live: pop.live,
  };
  if (history !== null) result.agreement = history.slice(0, rounds);
  return result;
}
