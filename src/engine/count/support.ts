// Which trials the count engine runs exactly, and the ParameterError on `engine` for the others:
// the complete graph only, no push or push-pull, and an enumeration of bounded size.
import { ParameterError } from '../errors.ts';
import { outcomeTerms, type OutcomeRule } from './outcomes.ts';

/** Largest n of the count engine: every count stays an exact integer in a double. */
export const COUNT_MAX_N = Number.MAX_SAFE_INTEGER;
/** Largest number of contacts k the count engine enumerates (its hypergeometric terms stay in range). */
export const COUNT_MAX_K = 256;
/**
 * Largest enumeration a round may need: the outcomes enumerated for one class
 * ({@link outcomeTerms}) times the m classes. 2^20 keeps a round under a few milliseconds.
 */
export const COUNT_MAX_TERMS = 1 << 20;

/** What {@link checkCountSupport} looks at (fields of a trial plan). */
export interface CountSupportInput {
  readonly protocol: string;
  /** The name of the user rule the trial runs instead of `protocol`, or null. */
  readonly rule: string | null;
  readonly topology: string;
  /** Number of opinions. */
  readonly m: number;
  /** Contacts per agent and round. */
  readonly k: number;
  readonly lossRate: number;
  /** Agents that crash (0: no silent class). */
  readonly crashCount: number;
}

/**
 * Throws a ParameterError on `engine` (value `count`) naming why the count engine cannot run a
 * trial exactly and saying to use `agent`: a user rule, a topology other than the complete graph (agents are
 * exchangeable only there), `push` and `push-pull` (how many distinct agents a round of pushes
 * reaches is an occupancy law, not a product of binomials), `rumor-mongering` and `memberlist`
 * (per-agent counters and budgets), more than {@link COUNT_MAX_K}
 * contacts, or an enumeration past {@link COUNT_MAX_TERMS}.
 */
export function checkCountSupport(p: CountSupportInput): void {
  const refuse = (why: string): never => {
    throw new ParameterError('engine', 'count', `'agent' here: ${why}; use engine 'agent'`);
  };
  if (p.rule !== null) refuse(`the count engine runs only the built-in protocols (got rule '${p.rule}')`);
  if (p.topology !== 'complete') refuse(`the count engine runs the complete graph only (got topology '${p.topology}')`);
  if (p.protocol === 'push' || p.protocol === 'push-pull') {
    refuse(`protocol '${p.protocol}' has no exact count-level law (the agents a round of pushes reaches follow an occupancy law, not binomials)`);
  }
  if (p.protocol === 'rumor-mongering' || p.protocol === 'memberlist') {
    refuse(`protocol '${p.protocol}' keeps per-agent counters and budgets (and pushes), which class counts cannot carry exactly`);
  }
  if (p.protocol === 'majority' && p.k > COUNT_MAX_K) refuse(`the count engine enumerates at most ${COUNT_MAX_K} contacts per agent (got ${p.k})`);
  const parts = p.m + (p.crashCount > 0 ? 1 : 0);
  const terms = p.m * outcomeTerms(p.protocol as OutcomeRule, p.m, p.k, parts, p.lossRate > 0);
  if (terms > COUNT_MAX_TERMS) {
    refuse(`a round would enumerate ${terms} sample outcomes (m = ${p.m} opinions, k = ${p.k} contacts), more than the bound ${COUNT_MAX_TERMS}`);
  }
}
