// Mean-field theory of the seed's binary majority rule: the map p -> P(agent holds opinion 0 after
// a round | a share p held it before), iterated to predict agreement per round and rounds, also
// under lost contacts, crashes and stubborn agents; the polling rules' map; the prediction at a
// point of a run; and the classical round counts of rumor spreading.
import type { TrialPlan } from '../engine/params.ts';

/** Binomial probability P(X = x) for X ~ Bin(k, p). */
function binomialPmf(k: number, x: number, p: number): number {
  let c = 1;
  for (let i = 1; i <= x; i++) c = (c * (k - x + i)) / i;
  return c * p ** x * (1 - p) ** (k - x);
}

/** The faults the mean-field model of the majority rule takes into account (shares of n agents). */
export interface MeanFieldFaults {
  /** Probability that a contact is lost. */
  lossRate: number;
  /** Share of agents that crash after `crashRound` completed rounds (uniformly at random). */
  crashShare: number;
  crashRound: number;
  /** Rounds the crashed agents miss before they come back (0 = never). */
  crashRecovery: number;
  /** Share of agents that never change, all holding `stubbornOpinion` (0 or 1). */
  stubbornShare: number;
  stubbornOpinion: number;
}

/** No faults: the seed's setting. */
export const NO_FAULTS: MeanFieldFaults = { lossRate: 0, crashShare: 0, crashRound: 0, crashRecovery: 0, stubbornShare: 0, stubbornOpinion: 1 };

/**
 * One agent's round of the majority rule when each of its k contacts answers 0 with probability
 * `a0`, 1 with probability `a1` and nothing otherwise (lost, or a crashed peer): the answers are
 * multinomial. Returns [P(keep 0 | own 0), P(switch to 0 | own 1)]: own 0 is kept when
 * `1 + X0 >= X1` (ties keep one's own, the first seen), own 1 switches when `X0 > 1 + X1`.
 */
export function majorityResponse(a0: number, a1: number, k: number): [number, number] {
  const none = Math.max(0, 1 - a0 - a1);
  // P(X0 = x0) * P(X1 = x1 | X0 = x0): the other k - x0 contacts answer 1 with a1 / (a1 + none).
  const rest = a1 + none > 0 ? a1 / (a1 + none) : 0;
  let keep0 = 0;
  let switch0 = 0;
  for (let x0 = 0; x0 <= k; x0++) {
    const p0 = binomialPmf(k, x0, a0);
    for (let x1 = 0; x1 <= k - x0; x1++) {
      const q = p0 * binomialPmf(k - x0, x1, rest);
      if (1 + x0 >= x1) keep0 += q;
      if (x0 > 1 + x1) switch0 += q;
    }
  }
  return [keep0, switch0];
}

/**
 * Iterates the mean-field majority rule from a share p0 of opinion 0 (stubborn agents included)
 * under `faults`, calling `visit(agreement, share0)` after each round with the share of the live
 * agents holding the most common opinion and the share holding 0; stops after `rounds` rounds or
 * when `visit` returns false. Crashed agents are a uniform sample: they keep their opinion while
 * down and answer nobody; stubborn agents answer but never move.
 */
function iterateMeanField(p0: number, k: number, faults: MeanFieldFaults, rounds: number, visit: (agreement: number, share0: number) => boolean): void {
  const { lossRate: q, crashShare: c, crashRound, crashRecovery, stubbornShare: s, stubbornOpinion } = faults;
  // Shares of all n agents: live free agents holding 0 and 1, the stubborn ones, and (while the
  // crash lasts) the crashed free agents, frozen with the opinions they had.
  const s0 = stubbornOpinion === 0 ? s : 0;
  const s1 = s - s0;
  let l0 = p0 - s0;
  let l1 = 1 - p0 - s1;
  let d0 = 0;
  let d1 = 0;
  let up = 1;
  for (let r = 1; r <= rounds; r++) {
    if (c > 0 && r === crashRound + 1) {
      // The crash takes a uniform share c of every group.
      [d0, d1, l0, l1, up] = [c * l0, c * l1, (1 - c) * l0, (1 - c) * l1, 1 - c];
    } else if (c > 0 && crashRecovery > 0 && r === crashRound + crashRecovery + 1) {
      [l0, l1, d0, d1, up] = [l0 + d0, l1 + d1, 0, 0, 1];
    }
    // Contacts go to any agent; crashed ones answer nothing, and a share q of contacts is lost.
    const [keep0, switch0] = majorityResponse((1 - q) * (l0 + up * s0), (1 - q) * (l1 + up * s1), k);
    const next0 = l0 * keep0 + l1 * switch0;
    [l0, l1] = [next0, l0 + l1 - next0];
    const live = l0 + l1 + up * s;
    if (!visit(Math.max(l0 + up * s0, l1 + up * s1) / live, (l0 + up * s0) / live)) return;
  }
}

/**
 * Mean-field agreement (share of the live agents holding the most common opinion) after each of
 * `rounds` rounds of the majority rule from a share p0 of opinion 0 (stubborn agents included),
 * optionally under lost contacts, crashes (with or without recovery) and stubborn agents.
 */
export function meanFieldAgreement(p0: number, k: number, rounds: number, faults: MeanFieldFaults = NO_FAULTS): number[] {
  const out: number[] = [];
  iterateMeanField(p0, k, faults, rounds, (a) => out.push(a) > 0);
  return out;
}

/**
 * One round of the majority rule in the mean-field (infinite n) limit without faults: each of k
 * peers holds opinion 0 independently with probability p. An agent holding 0 sees `1 + X` zeros
 * among `k + 1` opinions (X ~ Bin(k, p)) and keeps 0 when `1 + X >= k - X` (ties keep its own
 * opinion); an agent holding 1 switches to 0 when `X > k + 1 - X`. Returns the share holding 0.
 */
export function majorityMap(p: number, k: number): number {
  const [keep0, switch0] = majorityResponse(p, 1 - p, k);
  return p * keep0 + (1 - p) * switch0;
}

/**
 * Mean-field rounds until agreement >= threshold from a share p0 of opinion 0 (at least one, as in
 * the engine), or null if it is not reached within `maxRounds` (an exact 1/2 split never moves).
 */
export function meanFieldRounds(p0: number, k: number, threshold: number, maxRounds: number, faults: MeanFieldFaults = NO_FAULTS): number | null {
  let rounds = 0;
  let reached = false;
  iterateMeanField(p0, k, faults, maxRounds, (a) => {
    rounds++;
    reached = a >= threshold;
    return !reached;
  });
  return reached ? rounds : null;
}

/**
 * The smallest stubborn share (holding opinion 1, chosen among its initial holders) at which the
 * mean-field majority rule from a share p0 > 1/2 of opinion 0 is taken over by opinion 1: below it
 * the free agents settle near opinion 0, above it opinion 1 reaches every free agent. Found by
 * bisection to 1e-6 (null when even every initial holder of 1 being stubborn is not enough).
 */
export function stubbornTippingPoint(p0: number, k: number, faults: MeanFieldFaults = NO_FAULTS): number | null {
  // Iterates until opinion 1 holds nearly every live agent (tipped) or the share of 0 stops moving.
  const tips = (s: number): boolean => {
    let last = p0;
    let tipped = false;
    iterateMeanField(p0, k, { ...faults, stubbornShare: s, stubbornOpinion: 1 }, 1_000_000, (_, share0) => {
      tipped = share0 < 1e-9;
      const moving = Math.abs(share0 - last) > 1e-15;
      last = share0;
      return !tipped && moving;
    });
    return tipped;
  };
  let lo = 0;
  let hi = 1 - p0;
  if (!tips(hi)) return null;
  while (hi - lo > 1e-6) {
    const mid = (lo + hi) / 2;
    if (tips(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The polling rules the mean-field model knows, on any number of opinions. */
export type PollingProtocol = '3-majority' | '2-choices';

/**
 * One round of a polling rule in the mean-field limit, from the shares `p` of the m opinions to
 * the shares after the round. `3-majority` (3 samples with replacement, their majority, the first
 * if all differ) adopts i with `p_i^3 + 3 p_i^2 (1 - p_i) + p_i ((1 - p_i)^2 - sum_{j != i} p_j^2)`;
 * `2-choices` (2 samples, adopt them if they agree) keeps i unless both samples agree on another
 * opinion, and adopts i from another when both say i: `p_i (1 - sum_{j != i} p_j^2) + (1 - p_i) p_i^2`.
 */
export function pollingMap(protocol: PollingProtocol, p: readonly number[]): number[] {
  const squares = p.reduce((acc, x) => acc + x * x, 0);
  return p.map((x) => {
    const others = squares - x * x;
    return protocol === '3-majority' ? x ** 3 + 3 * x * x * (1 - x) + x * ((1 - x) ** 2 - others) : x * (1 - others) + (1 - x) * x * x;
  });
}

/** Mean-field agreement (the largest share) after each of `rounds` rounds of a polling rule from shares `p0`. */
export function pollingAgreement(protocol: PollingProtocol, p0: readonly number[], rounds: number): number[] {
  const out: number[] = [];
  let p = p0;
  for (let r = 0; r < rounds; r++) {
    p = pollingMap(protocol, p);
    out.push(Math.max(...p));
  }
  return out;
}

/** The mean-field prediction at a point: rounds to the threshold and agreement per round. */
export interface PointTheory {
  /** Rounds until agreement >= threshold, or null if never within maxRounds or threshold is 1. */
  rounds: number | null;
  /** Agreement after each round, as many rounds as measured. */
  agreement: number[];
}

/** The faults of a plan as the mean-field model takes them. */
export function planFaults(plan: TrialPlan): MeanFieldFaults {
  return {
    lossRate: plan.lossRate,
    crashShare: plan.crashCount / plan.n,
    crashRound: plan.crashRound,
    crashRecovery: plan.crashRecovery,
    stubbornShare: plan.stubbornCount / plan.n,
    stubbornOpinion: plan.stubbornOpinion,
  };
}

/**
 * The mean-field theory of a point when it applies, on the complete graph from the point's actual
 * initial shares: the majority rule on two opinions with k = min(fanout, n - 1) (lost contacts,
 * crashes and stubborn agents included), or `3-majority` and `2-choices` on any number of
 * opinions without faults. Null otherwise (rumor protocols, majority on more than two opinions,
 * other topologies, polling under faults).
 */
export function pointTheory(plan: TrialPlan, rounds: number): PointTheory | null {
  if (plan.topology !== 'complete') return null;
  let agreementAfter: (r: number) => number[];
  if (plan.rule != null) return null;
  if (plan.protocol === 'majority' && plan.initialCounts.length === 2) {
    const faults = planFaults(plan);
    agreementAfter = (r) => meanFieldAgreement(plan.split, plan.k, r, faults);
  } else if ((plan.protocol === '3-majority' || plan.protocol === '2-choices') && plain(plan)) {
    const protocol = plan.protocol;
    const shares = plan.initialCounts.map((c) => c / plan.n);
    agreementAfter = (r) => pollingAgreement(protocol, shares, r);
  } else {
    return null;
  }
  // Unanimity is a finite-n event: the n -> infinity map only approaches 1 (floating point
  // would call it reached after some rounds), so there is no mean-field round count for it.
  // One iteration serves both: the rounds to the threshold within maxRounds, and `rounds` rounds.
  const all = agreementAfter(Math.max(plan.maxRounds, rounds));
  const reached = plan.threshold >= 1 ? -1 : all.slice(0, plan.maxRounds).findIndex((a) => a >= plan.threshold);
  return { rounds: reached < 0 ? null : reached + 1, agreement: all.slice(0, rounds) };
}

/** Whether a plan has no faults: no lost contacts, crashes or stubborn agents. */
function plain(plan: TrialPlan): boolean {
  return plan.lossRate === 0 && plan.crashCount === 0 && plan.stubbornCount === 0;
}

/** Push from one source, fanout 1, complete graph: log2 n + ln n rounds to inform all (Frieze and Grimmett 1985, Pittel 1987), O(1) left out. */
export function pushTheoryRounds(n: number): number {
  return Math.log2(n) + Math.log(n);
}

/** Push-pull from one source, fanout 1, complete graph: log3 n rounds (Karp, Schindelhauer, Shenker and Vöcking 2000), O(log log n) left out. */
export function pushPullTheoryRounds(n: number): number {
  return Math.log(n) / Math.log(3);
}
