// One trial of dissemination as deployed (rumor mongering, memberlist): set-up (the source, the
// failed nodes), the run to quiescence under synchronous rounds or per-node timers, and what it
// measured: residue, traffic, when agents learnt the news and how many seconds it took.
import { CRASHED } from './constants.ts';
import { lossThreshold } from './contacts.ts';
import {
  blindCoinBlock,
  blindCounterBlock,
  feedbackCoinBlock,
  feedbackCounterBlock,
  INFECTIVE,
  memberlistBlock,
  spreadState,
  SUSCEPTIBLE,
  type MongerBlock,
  type MongerRound,
} from './mongering.ts';
import type { TrialPlan } from './params.ts';
import { createPopulation } from './population.ts';
import { BLOCK_SIZE, Purpose, streamState, trialKey, uniform } from './rng.ts';
import { peerScratch } from './sampling.ts';
import type { SpreadMetrics, TrialResult } from './trial-result.ts';
import { blindCoinTick, blindCounterTick, feedbackCoinTick, feedbackCounterTick, memberlistTick, phaseOrder, type Tick } from './timers.ts';

// Imported constants as plain module bindings (an imported binding read in a hot loop can cost a
// getter call under the TypeScript loader; the other kernels copy CRASHED into a local likewise).
const susceptible = SUSCEPTIBLE;
const infective = INFECTIVE;
const crashed = CRASHED;


/** The result of a dissemination trial: a `TrialResult` with `spread` always set. */
export interface DisseminationResult extends TrialResult {
  spread: SpreadMetrics;
}

/** Options of {@link runDissemination}; for tests. */
export interface DisseminationOptions {
  /**
   * Under `timers`, give every node the phase 0.5 instead of drawing it (the reduction of timers
   * to synchronous rounds: interval j then runs as round j + 1).
   */
  equalPhases?: boolean;
}

/** The phase every node gets with `equalPhases`. */
export const EQUAL_PHASE = 0.5;

/** The round kernel of a plan (chosen once per trial). */
function kernelOf(plan: TrialPlan): MongerBlock {
  if (plan.protocol === 'memberlist') return memberlistBlock;
  if (plan.feedback === 'feedback') return plan.removal === 'coin' ? feedbackCoinBlock : feedbackCounterBlock;
  return plan.removal === 'coin' ? blindCoinBlock : blindCounterBlock;
}

/** The timer tick of a plan (chosen once per trial). */
function tickOf(plan: TrialPlan): Tick {
  if (plan.protocol === 'memberlist') return memberlistTick;
  if (plan.feedback === 'feedback') return plan.removal === 'coin' ? feedbackCoinTick : feedbackCounterTick;
  return plan.removal === 'coin' ? blindCoinTick : blindCounterTick;
}

/**
 * Fails `count` of the agents other than `source`, chosen uniformly at random (selection
 * sampling from the crash stream): they hold CRASHED for the whole trial.
 */
export function failNodes(state: Uint8Array, count: number, source: number, key: Int32Array): void {
  const s = streamState(key, Purpose.crash, 0, 0, new Int32Array(4));
  let needed = count;
  let candidates = state.length - 1;
  for (let i = 0; i < state.length && needed > 0; i++) {
    if (i === source) continue;
    if (uniform(s) * candidates < needed) {
      state[i] = crashed;
      needed--;
    }
    candidates--;
  }
}

/** Counts the informed (`out[0]`) and infective (`out[1]`) agents of `state`. */
function countStates(state: Uint8Array, out: Int32Array): void {
  let informed = 0;
  let active = 0;
  for (let i = 0, n = state.length; i < n; i++) {
    const o = state[i]!;
    if (o === susceptible || o === crashed) continue;
    informed++;
    if (o === infective) active++;
  }
  out[0] = informed;
  out[1] = active;
}

/** One stream state per block, as views into one buffer (allocated once per trial). */
function blockStates(blocks: number): Int32Array[] {
  const buf = new Int32Array(4 * blocks);
  return Array.from({ length: blocks }, (_, b) => buf.subarray(4 * b, 4 * b + 4));
}

/**
 * Runs one dissemination trial of `plan` (protocol `rumor-mongering` or `memberlist`) from
 * `seed` to quiescence (no agent left spreading) or `maxRounds`, whatever the threshold. The
 * source is placed by the placement stream (as the rumor protocols' source), the failed nodes
 * (`crashCount`, never the source) by the crash stream; peers, lost contacts and coins come from
 * the round, loss and removal streams of each (round, block), the phases from the phase stream.
 */
export function runDissemination(plan: TrialPlan, seed: number | string, options: DisseminationOptions = {}): DisseminationResult {
  const { n, maxRounds } = plan;
  const key = trialKey(seed);
  const pop = createPopulation(plan, key);
  let cur = pop.opinions;
  let next = pop.next;
  const source = cur.indexOf(infective);
  failNodes(cur, plan.crashCount, source, key);
  const live = n - plan.crashCount;
  const limit = plan.retransmitLimit;
  const spread = spreadState(n);
  spread.informedAt[source] = 0;
  spread.budget[source] = limit;
  const a: MongerRound = {
    n,
    k: plan.k,
    removalK: plan.removalK,
    coinCut: lossThreshold(1 / plan.removalK),
    lossCut: lossThreshold(plan.lossRate),
    limit,
    round: 0,
    spread,
    sampling: peerScratch(n, plan.k),
  };
  const coins = plan.protocol === 'rumor-mongering' && plan.removal === 'coin';
  const blocks = Math.ceil(n / BLOCK_SIZE);
  const history = plan.recordAgreement ? new Float64Array(maxRounds) : null;
  const counts = Int32Array.of(1, 1);
  let messages = 0;
  let rounds = 0;

  if (plan.timing === 'rounds') {
    const kernel = kernelOf(plan);
    const st = new Int32Array(4);
    const lossSt = new Int32Array(4);
    const coinSt = new Int32Array(4);
    while (counts[1]! > 0 && rounds < maxRounds) {
      a.round = ++rounds;
      next.set(cur);
      for (let b = 0; b < blocks; b++) {
        const lo = b * BLOCK_SIZE;
        streamState(key, Purpose.round, rounds, b, st);
        if (a.lossCut !== 0) streamState(key, Purpose.loss, rounds, b, lossSt);
        if (coins) streamState(key, Purpose.removal, rounds, b, coinSt);
        messages += kernel(cur, next, lo, Math.min(n, lo + BLOCK_SIZE), a, st, lossSt, coinSt);
      }
      const t = cur;
      cur = next;
      next = t;
      countStates(cur, counts);
      if (history !== null) history[rounds - 1] = counts[0]! / live;
    }
  } else {
    const tick = tickOf(plan);
    const phases = new Float64Array(n);
    if (options.equalPhases === true) phases.fill(EQUAL_PHASE);
    else {
      const ph = new Int32Array(4);
      for (let b = 0; b < blocks; b++) {
        streamState(key, Purpose.phase, 0, b, ph);
        for (let i = b * BLOCK_SIZE, hi = Math.min(n, i + BLOCK_SIZE); i < hi; i++) phases[i] = uniform(ph);
      }
    }
    const order = phaseOrder(phases);
    const sts = blockStates(blocks);
    const lossSts = blockStates(blocks);
    const coinSts = blockStates(blocks);
    const state = cur;
    const informedAt = spread.informedAt;
    while (counts[1]! > 0 && rounds < maxRounds) {
      const j = rounds++;
      for (let b = 0; b < blocks; b++) {
        streamState(key, Purpose.round, rounds, b, sts[b]!);
        if (a.lossCut !== 0) streamState(key, Purpose.loss, rounds, b, lossSts[b]!);
        if (coins) streamState(key, Purpose.removal, rounds, b, coinSts[b]!);
      }
      for (let x = 0; x < n; x++) {
        const i = order[x]!;
        if (state[i] !== infective) continue;
        const T = j + phases[i]!;
        if (informedAt[i]! >= T) continue;
        const b = (i / BLOCK_SIZE) | 0;
        messages += tick(state, i, T, a, counts, sts[b]!, lossSts[b]!, coinSts[b]!);
      }
      if (history !== null) history[j] = counts[0]! / live;
    }
  }

  const informed = counts[0]!;
  const share = informed / live;
  const converged = share >= plan.threshold;
  const result: DisseminationResult = {
    rounds,
    converged,
    winner: converged ? 1 : null,
    leader: informed > live - informed ? 1 : 0,
    finalAgreement: share,
    messages,
    live,
    spread: spreadMetrics(cur, spread.informedAt, informed, live, plan.interval),
  };
  if (history !== null) result.agreement = history.slice(0, rounds);
  return result;
}

/**
 * The spread metrics from the final states and the times agents learnt the news (rounds, or
 * intervals under timers; both end-of-round-aligned: a time t is t x interval seconds).
 */
function spreadMetrics(state: Uint8Array, informedAt: Float64Array, informed: number, live: number, interval: number): SpreadMetrics {
  const times = new Float64Array(informed);
  let c = 0;
  let sum = 0;
  for (let i = 0, n = state.length; i < n; i++) {
    const o = state[i]!;
    if (o === susceptible || o === crashed) continue;
    times[c++] = informedAt[i]!;
    sum += informedAt[i]!;
  }
  times.sort();
  const secondsTo = (share: number): number => {
    const target = Math.max(1, Math.ceil(share * live - 1e-9));
    return target <= informed ? times[target - 1]! * interval : Number.NaN;
  };
  return {
    residue: (live - informed) / live,
    meanInformedRound: sum / informed,
    lastInformedRound: times[informed - 1]!,
    secondsTo99: secondsTo(0.99),
    secondsTo9999: secondsTo(0.9999),
    secondsToAll: secondsTo(1),
  };
}
