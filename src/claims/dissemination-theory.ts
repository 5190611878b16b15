// Theory of dissemination as deployed: Serf's convergence formula (the logistic curve of its
// convergence simulator), the residue/traffic relation s = e^-m of push epidemics, and the
// mean-field residue of rumor mongering with feedback and coin (Demers et al. 1987).
import type { TrialPlan } from '../engine/params.ts';

/**
 * Serf's convergence formula, as issue 13 quotes its simulator: the informed nodes after x gossip
 * intervals, `i(x) = n / (1 + (n + 1) e^(-fanout (1 - loss)(1 - failed) x))`, returned as a share
 * `i(x) / n`. It knows nothing of memberlist's retransmission limit nor of unsynchronised timers.
 */
export function serfInformedShare(x: number, n: number, fanout: number, loss: number, failed: number): number {
  return 1 / (1 + (n + 1) * Math.exp(-fanout * (1 - loss) * (1 - failed) * x));
}

/**
 * Intervals until Serf's curve reaches `share` of the nodes (0 < share < 1):
 * `ln((n + 1) share / (1 - share)) / (fanout (1 - loss)(1 - failed))`. Infinity for share 1
 * (the logistic curve never reaches every node) or when nothing gets through.
 */
export function serfIntervalsTo(share: number, n: number, fanout: number, loss: number, failed: number): number {
  const rate = fanout * (1 - loss) * (1 - failed);
  if (share >= 1 || rate <= 0) return Infinity;
  return Math.log(((n + 1) * share) / (1 - share)) / rate;
}

/** Serf's seconds to 99.99% at a memberlist point (interval x {@link serfIntervalsTo}), or null elsewhere. */
export function serfSecondsTo9999(plan: TrialPlan): number | null {
  if (plan.protocol !== 'memberlist') return null;
  return plan.interval * serfIntervalsTo(0.9999, plan.n, plan.k, plan.lossRate, plan.crashCount / plan.n);
}

/**
 * The residue a push epidemic leaves after m messages per agent: each message goes to a uniform
 * other agent and gets through with probability 1 - loss, so a live agent is missed by all of
 * them with probability about `e^(-m (1 - loss))` (Demers et al.: s = e^-m without loss). m counts
 * every message, including those to failed nodes, per agent of the whole network.
 */
export function residueFromTraffic(m: number, loss = 0): number {
  return Math.exp(-m * (1 - loss));
}

/**
 * The mean-field residue of rumor mongering with feedback and coin (lose interest with
 * probability 1/k after each unnecessary contact): the root s < 1 of `s = e^(-(k + 1)(1 - s))`
 * (Demers et al. 1987), found by iterating the map from 0 (it increases to the smaller root).
 * The traffic is then m = (k + 1)(1 - s), so that s = e^-m. Independent of fanout, loss and failed
 * nodes, which only slow the epidemic down in the mean-field limit.
 */
export function mongeringResidue(k: number): number {
  let s = 0;
  for (let i = 0; i < 10_000; i++) {
    const next = Math.exp(-(k + 1) * (1 - s));
    if (Math.abs(next - s) < 1e-15) return next;
    s = next;
  }
  return s;
}

/** The mean-field residue at a point: rumor mongering with feedback and coin, else null. */
export function meanFieldResidue(plan: TrialPlan): number | null {
  return plan.protocol === 'rumor-mongering' && plan.feedback === 'feedback' && plan.removal === 'coin' ? mongeringResidue(plan.removalK) : null;
}
