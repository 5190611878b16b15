// A point's parameters beyond the seed's in a few words, for the console tables: empty for a
// seed-style point (majority on the complete graph without faults).
import type { TrialPlan } from './trial-params.ts';

/**
 * The parameters of a plan that differ from the seed's, e.g. `push`, `3-majority 5 opinions bias
 * 0.1`, `loss 0.2`, `crash 0.3@1 recovery 3`, `stubborn 0.05 of 1`, `ws degree 8 rewire 0.1`;
 * `crash 0.3@1` (with ` recovery 3` when they come back); `''` when none does.
 */
export function extraLabel(plan: TrialPlan): string {
  const parts: string[] = [];
  if (plan.rule != null) parts.push(`rule ${plan.rule.name}`);
  else if (plan.protocol === 'rumor-mongering') parts.push(`${plan.protocol} ${plan.feedback} ${plan.removal} k ${plan.removalK}`);
  else if (plan.protocol === 'memberlist') parts.push(`${plan.protocol} mult ${plan.retransmitMult}`);
  else if (plan.protocol !== 'majority') parts.push(plan.protocol);
  if (plan.timing === 'timers') parts.push('timers');
  if ((plan.protocol === 'rumor-mongering' || plan.protocol === 'memberlist') && plan.interval !== 0.2) parts.push(`interval ${plan.interval}s`);
  if (plan.start === 'plurality') parts.push(`${plan.initialCounts.length} opinions bias ${plan.bias}`);
  if (plan.lossRate !== 0) parts.push(`loss ${plan.lossRate}`);
  if (plan.crashFraction !== 0) parts.push(`crash ${plan.crashFraction}@${plan.crashRound}${plan.crashRecovery === 0 ? '' : ` recovery ${plan.crashRecovery}`}`);
  if (plan.stubbornFraction !== 0) parts.push(`stubborn ${plan.stubbornFraction} of ${plan.stubbornOpinion}`);
  if (plan.topology !== 'complete') {
    parts.push([plan.topology, plan.topology === 'torus' ? '' : `degree ${plan.degree}`, plan.topology === 'ws' ? `rewire ${plan.rewire}` : ''].filter((t) => t !== '').join(' '));
  }
  if (plan.engine !== 'agent') parts.push(`${plan.engine} engine`);
  return parts.join(' ');
}
