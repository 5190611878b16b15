// The population of a trial: double-buffered opinions on Uint8Arrays, its initial placement and
// crash faults. Crashed agents hold the sentinel CRASHED (255) in both buffers.
import { CRASHED, type TrialPlan } from './params.ts';
import { Purpose, streamState, uniform } from './rng.ts';

/** Opinions of all agents: `opinions` is the current round's, `next` is written by the round. */
export interface Population {
  readonly n: number;
  /** Number of distinct opinion ids in use (ids 0..m-1). */
  readonly m: number;
  opinions: Uint8Array;
  next: Uint8Array;
  /** Agents that have not crashed. */
  live: number;
}

/**
 * Allocates a population and places the initial opinions: exactly `plan.initialCounts[j]` agents
 * hold opinion j, and every arrangement is equally likely (sequential sampling without
 * replacement from the placement stream: agent i takes opinion j with probability
 * remaining_j / remaining agents).
 */
export function createPopulation(plan: TrialPlan, key: Int32Array): Population {
  const { n } = plan;
  const m = plan.initialCounts.length;
  const opinions = new Uint8Array(n);
  const remaining = Float64Array.from(plan.initialCounts);
  const s = streamState(key, Purpose.placement, 0, 0, new Int32Array(4));
  let left = n;
  for (let i = 0; i < n; i++) {
    let r = uniform(s) * left;
    let j = 0;
    while (j < m - 1 && r >= remaining[j]!) {
      r -= remaining[j]!;
      j++;
    }
    // Guard against rounding on the last step: never pick an exhausted opinion.
    while (remaining[j] === 0) j = (j + 1) % m;
    opinions[i] = j;
    remaining[j]!--;
    left--;
  }
  return { n, m, opinions, next: new Uint8Array(n), live: n };
}

/**
 * Crashes exactly `count` live agents chosen uniformly at random (selection sampling, Knuth's
 * algorithm S, from the crash stream). A crashed agent holds CRASHED from then on.
 */
export function crashAgents(pop: Population, count: number, key: Int32Array): void {
  const { n, opinions } = pop;
  const s = streamState(key, Purpose.crash, 0, 0, new Int32Array(4));
  let needed = Math.min(count, pop.live);
  let candidates = pop.live;
  for (let i = 0; i < n && needed > 0; i++) {
    if (opinions[i] === CRASHED) continue;
    if (uniform(s) * candidates < needed) {
      opinions[i] = CRASHED;
      pop.next[i] = CRASHED;
      needed--;
      pop.live--;
    }
    candidates--;
  }
}

/** Swaps the two buffers after a round: `next` becomes the current opinions. */
export function swapBuffers(pop: Population): void {
  const t = pop.opinions;
  pop.opinions = pop.next;
  pop.next = t;
}
