// The parameters of dissemination as deployed (rumor mongering, memberlist): their validation into
// the resolved fields of a trial plan, and memberlist's retransmission limit.
import {
  DEFAULTS,
  FEEDBACK_KINDS,
  isDeployed,
  REMOVAL_KINDS,
  TIMINGS,
  type FeedbackKind,
  type Protocol,
  type RemovalKind,
  type Timing,
} from './constants.ts';
import { ParameterError } from './errors.ts';

/** The dissemination parameters a user may set (fields of `TrialParams`). */
export interface DisseminationParams {
  /** Rumor mongering: `feedback` (default; only unnecessary contacts count) or `blind` (every contact counts). */
  feedback?: FeedbackKind;
  /** Rumor mongering: `coin` (default; lose interest with probability 1/k per counted contact) or `counter` (after k). */
  removal?: RemovalKind;
  /** Rumor mongering: the k of the removal rule, an integer from 1 to 255. Default 1. */
  k?: number;
  /** memberlist: the retransmission multiplier, an integer >= 1. Default 4 (memberlist's LAN default). */
  retransmitMult?: number;
  /** `rounds` (default; synchronous rounds) or `timers` (each node ticks at its own random phase); deployed protocols only. */
  timing?: Timing;
  /** Seconds between two gossip ticks of a node, > 0. Default 0.2 (memberlist's LAN default). */
  interval?: number;
}

/** The resolved dissemination fields of a plan (at their defaults for the other protocols). */
export interface DisseminationPlan {
  readonly feedback: FeedbackKind;
  readonly removal: RemovalKind;
  /** Rumor mongering's k (`TrialPlan.k` is the contacts per agent). */
  readonly removalK: number;
  readonly retransmitMult: number;
  /** memberlist's budget per node: `retransmitMult * ceil(log10(n + 1))`; 0 for other protocols. */
  readonly retransmitLimit: number;
  readonly timing: Timing;
  readonly interval: number;
}

/** Largest retransmission budget (budgets are stored in 16 bits). */
export const MAX_RETRANSMIT_LIMIT = 65535;

/** memberlist's `retransmitLimit(mult, n)`: `mult * ceil(log10(n + 1))`, n counting every node. */
export function retransmitLimit(mult: number, n: number): number {
  return mult * Math.ceil(Math.log10(n + 1));
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const names = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(' or ');

/** What the deployed protocols do not support, checked on the other trial parameters. */
export interface DeployedRestrictions {
  crashRound: number;
  crashRecovery: number;
  stubbornFraction: number;
  topology: string;
}

/**
 * Checks the dissemination parameters (every given value, whatever the protocol) and resolves
 * them. `timers` needs a deployed protocol, and a deployed protocol needs the complete graph,
 * failed nodes from the start (crashRound 0, no recovery) and no stubborn agents: each
 * rejection is a ParameterError naming the parameter.
 */
export function planDissemination(p: DisseminationParams, protocol: Protocol, n: number, other: DeployedRestrictions): DisseminationPlan {
  const feedback = p.feedback ?? DEFAULTS.feedback;
  if (!(FEEDBACK_KINDS as readonly unknown[]).includes(feedback)) throw new ParameterError('feedback', feedback, names(FEEDBACK_KINDS));
  const removal = p.removal ?? DEFAULTS.removal;
  if (!(REMOVAL_KINDS as readonly unknown[]).includes(removal)) throw new ParameterError('removal', removal, names(REMOVAL_KINDS));
  const removalK = p.k ?? DEFAULTS.k;
  if (!isInt(removalK) || removalK < 1 || removalK > 255) throw new ParameterError('k', removalK, 'an integer from 1 to 255');
  const retransmitMult = p.retransmitMult ?? DEFAULTS.retransmitMult;
  if (!isInt(retransmitMult) || retransmitMult < 1 || retransmitLimit(retransmitMult, n) > MAX_RETRANSMIT_LIMIT) {
    throw new ParameterError('retransmitMult', retransmitMult, `an integer >= 1 with retransmitMult * ceil(log10(n + 1)) <= ${MAX_RETRANSMIT_LIMIT}`);
  }
  const timing = p.timing ?? DEFAULTS.timing;
  if (!(TIMINGS as readonly unknown[]).includes(timing)) throw new ParameterError('timing', timing, names(TIMINGS));
  const interval = p.interval ?? DEFAULTS.interval;
  if (!isNum(interval) || interval <= 0) throw new ParameterError('interval', interval, 'a number of seconds > 0');
  const deployed = isDeployed(protocol);
  if (!deployed && timing !== 'rounds') throw new ParameterError('timing', timing, `'rounds' (or unset) with protocol '${protocol}'`);
  if (deployed) {
    if (other.topology !== 'complete') throw new ParameterError('topology', other.topology, `'complete' with protocol '${protocol}'`);
    if (other.crashRound !== 0) throw new ParameterError('crashRound', other.crashRound, `0 with protocol '${protocol}' (nodes fail before the start)`);
    if (other.crashRecovery !== 0) throw new ParameterError('crashRecovery', other.crashRecovery, `0 with protocol '${protocol}'`);
    if (other.stubbornFraction !== 0) throw new ParameterError('stubbornFraction', other.stubbornFraction, `0 with protocol '${protocol}'`);
  }
  return {
    feedback,
    removal,
    removalK,
    retransmitMult,
    retransmitLimit: protocol === 'memberlist' ? retransmitLimit(retransmitMult, n) : 0,
    timing,
    interval,
  };
}
