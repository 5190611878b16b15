// Trial parameters: what a user may set, their defaults, and validation into a resolved plan.
import { DEFAULTS, ENGINES, MAX_N, PROTOCOLS } from './constants.ts';
import { checkCountSupport, COUNT_MAX_N } from './count/support.ts';
import { planDissemination } from './dissemination-plan.ts';
import { ParameterError } from './errors.ts';
import { isRule, registeredRule, registeredRuleNames, type Rule } from './rule.ts';
import { planNetwork } from './network.ts';
import { minorityOpinion, planStart } from './start.ts';
import type { TrialParams, TrialPlan } from './trial-params.ts';

export { CRASHED, DEFAULTS, ENGINES, isRumor, MAX_N, MAX_OPINIONS, PROTOCOLS, RUMOR_PROTOCOLS, START_KINDS, TOPOLOGIES } from './constants.ts';
export { nearBalancedZeros, pluralityCounts } from './start.ts';
export { DEPLOYED_PROTOCOLS, FEEDBACK_KINDS, isDeployed, REMOVAL_KINDS, TIMINGS } from './constants.ts';
export type { DeployedProtocol, EngineName, FeedbackKind, Protocol, RemovalKind, RumorProtocol, StartKind, Timing, TopologyName } from './constants.ts';
export type { DisseminationParams, DisseminationPlan } from './dissemination-plan.ts';
export type { TrialParams, TrialPlan } from './trial-params.ts';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks every parameter and fills in the defaults. Throws {@link ParameterError} naming the
 * first parameter out of its domain.
 */
export function planTrial(p: TrialParams): TrialPlan {
  const { n, fanout } = p;
  const engine = p.engine ?? DEFAULTS.engine;
  if (!(ENGINES as readonly unknown[]).includes(engine)) throw new ParameterError('engine', engine, ENGINES.map((x) => `'${x}'`).join(' or '));
  const maxN = engine === 'count' ? COUNT_MAX_N : MAX_N;
  if (!isInt(n) || n < 2 || n > maxN) throw new ParameterError('n', n, `an integer from 2 to ${maxN}${engine === 'count' ? '' : " (to 2^53 - 1 with engine 'count')"}`);
  if (!isInt(fanout) || fanout < 1) throw new ParameterError('fanout', fanout, 'an integer >= 1');
  const threshold = p.threshold ?? DEFAULTS.threshold;
  if (!isNum(threshold) || threshold <= 0 || threshold > 1) throw new ParameterError('threshold', threshold, 'in (0, 1]');
  const maxRounds = p.maxRounds ?? DEFAULTS.maxRounds;
  if (!isInt(maxRounds) || maxRounds < 1) throw new ParameterError('maxRounds', maxRounds, 'an integer >= 1');
  const crashFraction = p.crashFraction ?? DEFAULTS.crashFraction;
  if (!isNum(crashFraction) || crashFraction < 0 || crashFraction >= 1) {
    throw new ParameterError('crashFraction', crashFraction, 'in [0, 1)');
  }
  const crashRound = p.crashRound ?? DEFAULTS.crashRound;
  if (!isInt(crashRound) || crashRound < 0) throw new ParameterError('crashRound', crashRound, 'an integer >= 0');
  const crashRecovery = p.crashRecovery ?? DEFAULTS.crashRecovery;
  if (!isInt(crashRecovery) || crashRecovery < 0) throw new ParameterError('crashRecovery', crashRecovery, 'an integer >= 0 (0 = never)');
  const lossRate = p.lossRate ?? DEFAULTS.lossRate;
  if (!isNum(lossRate) || lossRate < 0 || lossRate > 1) throw new ParameterError('lossRate', lossRate, 'a probability in [0, 1]');
  const protocol = p.protocol ?? DEFAULTS.protocol;
  if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) {
    throw new ParameterError('protocol', protocol, PROTOCOLS.map((x) => `'${x}'`).join(', '));
  }
  const rule = planRule(p);
  const { start, initialCounts, bias } = planStart(p, n, protocol);
  const network = planNetwork(p, n);

  const m = initialCounts.length;
  if (rule !== null && m > rule.opinions) {
    throw new ParameterError('rule', rule.name, `a rule with at least the start's ${m} opinions (it has ${rule.opinions})`);
  }
  const stubbornFraction = p.stubbornFraction ?? DEFAULTS.stubbornFraction;
  if (!isNum(stubbornFraction) || stubbornFraction < 0 || stubbornFraction >= 1) {
    throw new ParameterError('stubbornFraction', stubbornFraction, 'in [0, 1)');
  }
  const stubbornOpinion = p.stubbornOpinion ?? minorityOpinion(initialCounts);
  if (!isInt(stubbornOpinion) || stubbornOpinion < 0 || stubbornOpinion >= m) {
    throw new ParameterError('stubbornOpinion', stubbornOpinion, `an opinion id from 0 to ${m - 1}`);
  }
  const dissemination = planDissemination(p, protocol, n, {
    crashRound: crashFraction > 0 ? crashRound : 0,
    crashRecovery: crashFraction > 0 ? crashRecovery : 0,
    stubbornFraction,
    topology: network.topology,
  });
  // After the dissemination checks, which refuse stubborn agents outright with their protocols.
  const stubbornCount = Math.round(stubbornFraction * n);
  const holders = initialCounts[stubbornOpinion]!;
  if (stubbornCount > holders) {
    throw new ParameterError(
      'stubbornFraction',
      stubbornFraction,
      `at most ${holders / n} (round(stubbornFraction * n) = ${stubbornCount} agents, but only ${holders} hold opinion ${stubbornOpinion})`,
    );
  }

  const polls = protocol === '3-majority' ? 3 : protocol === '2-choices' ? 2 : 0;
  const ruleFanout = rule !== null && rule.contacts.kind === 'distinct' ? (rule.contacts.fanout ?? fanout) : fanout;
  const k = rule !== null && rule.contacts.kind === 'with-replacement' ? rule.contacts.count : polls > 0 ? polls : Math.min(ruleFanout, n - 1);
  const crashCount = Math.min(Math.round(crashFraction * n), n - 1);
  if (engine === 'count') checkCountSupport({ protocol, rule: rule?.name ?? null, topology: network.topology, m, k, lossRate, crashCount });
  return {
    n,
    fanout: ruleFanout,
    k,
    threshold,
    maxRounds,
    start,
    initialCounts,
    split: (initialCounts[0] ?? 0) / n,
    bias,
    crashFraction,
    crashRound,
    crashCount,
    crashRecovery,
    lossRate,
    stubbornFraction,
    stubbornCount,
    stubbornOpinion,
    protocol,
    topology: network.topology,
    degree: network.degree,
    rewire: network.rewire,
    engine,
    recordAgreement: p.recordAgreement ?? false,
    rule,
    ...dissemination,
  };
}

/**
 * The rule of `p`: null without one; the rule itself, or the registered rule it names. Throws
 * ParameterError on `rule` for anything else, and on `protocol` when one is given beside it.
 */
function planRule(p: TrialParams): Rule | null {
  if (p.rule === undefined || p.rule === null) return null;
  const rule = typeof p.rule === 'string' ? (registeredRule(p.rule) ?? null) : isRule(p.rule) ? p.rule : null;
  if (rule === null) {
    const known = registeredRuleNames();
    throw new ParameterError(
      'rule',
      typeof p.rule === 'string' ? p.rule : '(not a rule)',
      `a rule made by defineRule or the name of a loaded one (${known.length === 0 ? 'none is loaded' : `loaded: ${known.join(', ')}`})`,
    );
  }
  if (p.protocol !== undefined) throw new ParameterError('protocol', p.protocol, `absent with a rule (rule ${JSON.stringify(rule.name)} is the protocol)`);
  return rule;
}

/** States an agent of `plan` can hold: the start's opinions, or the rule's when it has more. */
export function stateCount(plan: TrialPlan): number {
  const m = plan.initialCounts.length;
  return plan.rule === null || plan.rule === undefined ? m : Math.max(m, plan.rule.opinions);
}

