// User update rules: the declaration a module outside the repository gives `defineRule` (states,
// how contacts are drawn, the update function), its validation into a RuleError, the errors of a
// rule that misbehaves in a round, and the registry that finds a rule by name in every thread.
import { MAX_OPINIONS } from './constants.ts';
import { formatValue } from './errors.ts';

/**
 * How an agent running a rule draws its contacts each round, with the same samplers and random
 * streams as the built-in kernels: `distinct` peers (never itself; the trial's `fanout`, or the
 * rule's own `fanout` when it fixes one; `min(fanout, n - 1)` on the complete graph and
 * `min(fanout, degree)` on a topology, as the seed's majority), or `count` peers drawn uniformly
 * `with-replacement` (as 3-majority and 2-choices).
 */
export type RuleContacts = { readonly kind: 'distinct'; readonly fanout?: number } | { readonly kind: 'with-replacement'; readonly count: number };

/**
 * The update of one live agent in one round: its own state, the answers of its contacts in the
 * order drawn (`answers[0..count)`; crashed and lost contacts give none, so `count` may be less
 * than the contacts made, even 0) and `random()`, a uniform number in [0, 1) from the rule's own
 * stream of the agent's block (drawn only when called: a rule that never calls it leaves every
 * other stream as it was). Returns the agent's next state, an integer from 0 to `opinions - 1`.
 * `answers` is scratch reused for every agent: read it, do not keep it.
 */
export type RuleUpdate = (own: number, answers: Uint8Array, count: number, random: () => number) => number;

/** What a user declares: see {@link defineRule}. */
export interface RuleDeclaration {
  /** Names the rule in grids (`rule: 'voter'`), point keys and errors: lower-case letters, digits, dashes. */
  readonly name: string;
  /** Number of states an agent can hold, 2 to 255 (ids 0 .. opinions - 1). */
  readonly opinions: number;
  /** How contacts are drawn. */
  readonly contacts: RuleContacts;
  /** The update of one agent; see {@link RuleUpdate}. */
  readonly update: RuleUpdate;
  /** One line on what the rule is (optional). */
  readonly description?: string;
}

/** Marks a validated rule; a global symbol, so rules from another copy of the package are recognised. */
export const RULE_BRAND: unique symbol = Symbol.for('gossip-bench.rule') as never;

/** A validated rule, as {@link defineRule} returns it (frozen). */
export interface Rule extends RuleDeclaration {
  readonly [RULE_BRAND]: true;
}

/** Largest number of contacts a rule may make per agent and round. */
export const MAX_RULE_CONTACTS = 255;

/** A rule declaration that does not validate, or a rule name no one registered. */
export class RuleError extends Error {
  override readonly name = 'RuleError';

  /**
   * @param rule - the rule's name (or `rule` when the name itself is bad)
   * @param key - the offending field, e.g. `contacts.count`
   * @param value - the value found there
   * @param expected - what was expected, in words
   */
  constructor(
    readonly rule: string,
    readonly key: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`rule ${JSON.stringify(rule)}: ${key} must be ${expected} (got ${formatValue(value)})`);
  }
}

/**
 * A rule's `update` threw or returned something other than a state, at its first such call:
 * names the rule, the call's inputs, the agent and the round (the trial runner adds the seed).
 */
export class RuleUpdateError extends Error {
  override readonly name = 'RuleUpdateError';

  constructor(
    readonly rule: string,
    readonly own: number,
    readonly answers: readonly number[],
    readonly agent: number,
    readonly round: number,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `rule ${JSON.stringify(rule)}: update(own=${own}, answers=[${answers.join(', ')}], count=${answers.length}) ${problem} (agent ${agent}, round ${round})`,
      options,
    );
  }
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIntIn = (v: unknown, lo: number, hi: number): v is number => Number.isSafeInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** Whether `value` is a rule made by {@link defineRule} (of this or another copy of the package). */
export function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && (value as Partial<Rule>)[RULE_BRAND] === true;
}

/**
 * Checks a rule declaration and returns it as a frozen {@link Rule}. Throws {@link RuleError}
 * naming the rule and the field: a bad name, `opinions` outside 2..255, contacts that are not
 * `{ kind: 'distinct', fanout? }` (fanout an integer from 1 to 255) or `{ kind:
 * 'with-replacement', count }` (count from 1 to 255), `update` not a function, an unknown key.
 */
export function defineRule(declaration: RuleDeclaration): Rule {
  const d: unknown = declaration;
  if (!isRecord(d)) throw new RuleError('rule', '(rule)', d, 'an object');
  const name = d['name'];
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new RuleError('rule', 'name', name, 'a string of lower-case letters, digits and dashes');
  }
  for (const key of Object.keys(d)) {
    if (!['name', 'opinions', 'contacts', 'update', 'description'].includes(key)) {
      throw new RuleError(name, key, d[key], 'one of the known keys (name, opinions, contacts, update, description)');
    }
  }
  if (!isIntIn(d['opinions'], 2, MAX_OPINIONS)) throw new RuleError(name, 'opinions', d['opinions'], `an integer from 2 to ${MAX_OPINIONS}`);
  const c = d['contacts'];
  let contacts: RuleContacts;
  if (isRecord(c) && c['kind'] === 'distinct') {
    for (const key of Object.keys(c)) if (key !== 'kind' && key !== 'fanout') throw new RuleError(name, `contacts.${key}`, c[key], 'absent (distinct contacts take kind and fanout)');
    if (c['fanout'] !== undefined && !isIntIn(c['fanout'], 1, MAX_RULE_CONTACTS)) {
      throw new RuleError(name, 'contacts.fanout', c['fanout'], `absent (the trial's fanout) or an integer from 1 to ${MAX_RULE_CONTACTS}`);
    }
    contacts = c['fanout'] === undefined ? { kind: 'distinct' } : { kind: 'distinct', fanout: c['fanout'] as number };
  } else if (isRecord(c) && c['kind'] === 'with-replacement') {
    for (const key of Object.keys(c)) if (key !== 'kind' && key !== 'count') throw new RuleError(name, `contacts.${key}`, c[key], 'absent (with-replacement contacts take kind and count)');
    if (!isIntIn(c['count'], 1, MAX_RULE_CONTACTS)) throw new RuleError(name, 'contacts.count', c['count'], `an integer from 1 to ${MAX_RULE_CONTACTS}`);
    contacts = { kind: 'with-replacement', count: c['count'] as number };
  } else {
    throw new RuleError(name, 'contacts', c, "{ kind: 'distinct', fanout? } or { kind: 'with-replacement', count }");
  }
  if (typeof d['update'] !== 'function') throw new RuleError(name, 'update', d['update'], 'a function (own, answers, count, random) => next state');
  if (d['description'] !== undefined && typeof d['description'] !== 'string') throw new RuleError(name, 'description', d['description'], 'a string');
  const rule = {
    name,
    opinions: d['opinions'] as number,
    contacts: Object.freeze(contacts),
    update: d['update'] as RuleUpdate,
    ...(d['description'] === undefined ? {} : { description: d['description'] as string }),
    [RULE_BRAND]: true as const,
  };
  return Object.freeze(rule);
}

/**
 * Rules by name, in this thread: the CLI registers the rules of its files in every thread. Kept
 * on `globalThis` under a global symbol, so that every copy of this module in the thread shares
 * it: a user's `.ts` file in a CommonJS folder loads its own copy of the package through tsx.
 */
const registry: Map<string, Rule> = ((globalThis as Record<symbol, unknown>)[Symbol.for('gossip-bench.rule-registry')] ??= new Map<string, Rule>()) as Map<string, Rule>;

/**
 * Registers a rule so that trial parameters can name it (`rule: 'voter'`), as workers must (a
 * function cannot be posted to a thread). Registering the same rule again does nothing; another
 * rule under a registered name is a {@link RuleError}.
 */
export function registerRule(rule: Rule): void {
  const had = registry.get(rule.name);
  if (had !== undefined && had !== rule && had.update !== rule.update) {
    throw new RuleError(rule.name, 'name', rule.name, 'unique: two different rules have this name');
  }
  if (had === undefined) registry.set(rule.name, rule);
}

/** Forgets a registered rule (tests). */
export function unregisterRule(name: string): void {
  registry.delete(name);
}

/** The names of the registered rules, sorted. */
export function registeredRuleNames(): string[] {
  return [...registry.keys()].sort();
}

/** The registered rule named `name`, or undefined. */
export function registeredRule(name: string): Rule | undefined {
  return registry.get(name);
}
