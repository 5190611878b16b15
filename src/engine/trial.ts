// One trial: set up the simulation, run synchronous rounds until the agreement threshold or the
// round limit, and report rounds, messages, winner and agreement.
import { runCountPlan } from './count/simulation.ts';
import { isDeployed } from './constants.ts';
import { runDissemination } from './dissemination.ts';
import { planTrial, type TrialParams, type TrialPlan } from './params.ts';
import { createSimulation, leader, stepRound, winnerOf, type Simulation, type SimulationOptions } from './simulation.ts';
import type { TrialResult } from './trial-result.ts';

export type { SpreadMetrics, TrialResult } from './trial-result.ts';

/** Runs one trial; a pure function of (params, seed). Throws ParameterError on bad parameters. */
export function runTrial(params: TrialParams, seed: number | string): TrialResult {
  return runPlan(planTrial(params), seed);
}

/**
 * Runs one trial from an already validated plan (see {@link planTrial}): on the count engine when
 * `plan.engine` is `count`, else on the agents. `options` choose the agent engine's storage
 * layout (results do not depend on it).
 */
export function runPlan(plan: TrialPlan, seed: number | string, options: SimulationOptions = {}): TrialResult {
  if (plan.engine === 'count') return runCountPlan(plan, seed);
  if (isDeployed(plan.protocol)) return runDissemination(plan, seed);
  const sim = createSimulation(plan, seed, options);
  return runRounds(sim, () => stepRound(sim));
}

/**
 * Runs rounds of `sim` with `step` (one round, returning the agreement) until the threshold or
 * the round limit, and reports the trial. `step` is {@link stepRound}, or a round split over
 * threads.
 */
export function runRounds(sim: Simulation, step: () => number): TrialResult {
  const { plan } = sim;
  const history = plan.recordAgreement ? new Float64Array(plan.maxRounds) : null;
  let agreement = 0;
  let converged = false;
  while (sim.round < plan.maxRounds) {
    agreement = step();
    if (history !== null) history[sim.round - 1] = agreement;
    if (agreement >= plan.threshold) {
      converged = true;
      break;
    }
  }
  const result: TrialResult = {
    rounds: sim.round,
    converged,
    winner: converged ? winnerOf(sim) : null,
    leader: leader(sim.tally, sim.pop.m),
    finalAgreement: agreement,
    messages: sim.messages,
    live: sim.pop.live,
  };
  if (history !== null) result.agreement = history.slice(0, sim.round);
  return result;
}
