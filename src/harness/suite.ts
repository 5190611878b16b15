// Suites: the declaration a file in suites/ default-exports (what to sweep, how many trials, what
// to claim), its quick/full variants, and its validation into a SuiteError naming suite, key, value.
import { ClaimError, validateClaim, type Claim } from '../claims/claim.ts';
import { formatValue, ParameterError } from '../engine/errors.ts';
import { isRule, type Rule } from '../engine/rule.ts';
import { expandRecord, GRID_KEYS, GRID_STARTS, type Grid, type GridKey, type GridRecord } from './grid.ts';

export { GRID_STARTS } from './grid.ts';
export type { Grid, GridRecord, GridStart, GridValue } from './grid.ts';

/** A claim a suite checks: the claims module's type (bound or complexity claim). */
export type { Claim };

/** What a variant (`quick` or `full`) replaces; an absent field keeps the suite's own. */
export interface SuiteVariant {
  /** Replaces the suite's grid as a whole (no merging of keys). */
  grid?: Grid;
  /** Replaces the suite's trials per point. */
  trials?: number;
}

/**
 * What a suite measures: `trials` (default) runs trials into trials.csv and summary.csv;
 * `throughput` times one engine round per point with tinybench into throughput.csv (its `trials`
 * is then the minimum number of rounds timed per point).
 */
export type SuiteKind = 'trials' | 'throughput';

/** A benchmark suite: a plain declaration, default-exported by a module in suites/. */
export interface Suite {
  /** Name used on the command line and in the CSVs: lower-case letters, digits and dashes. */
  name: string;
  /** What the suite measures (default `trials`). */
  kind?: SuiteKind;
  /** One line for `--list`. */
  description: string;
  /** The points to sweep. */
  grid: Grid;
  /** Trials per point. */
  trials: number;
  /** Smaller variant for `--quick`. */
  quick?: SuiteVariant;
  /** Larger variant for `--full`. */
  full?: SuiteVariant;
  /** Claims the suite checks (validated with the claims module's `validateClaim`). */
  claims: readonly Claim[];
  /**
   * User rules the suite runs (made with `defineRule`), so that its grids may name them; rules
   * given as grid values are found without being listed here.
   */
  rules?: readonly Rule[];
}

/** Which variant of a suite runs. */
export type SuiteMode = 'default' | 'quick' | 'full';

/** One entry of a run: a suite by name, the variant to run, and optionally its trials per point. */
export interface RunEntry {
  suite: string;
  mode: SuiteMode;
  /** Trials per point replacing the variant's (e.g. to fit a default run into its time budget). */
  trials?: number;
}

/** A suite declaration that does not validate: names the suite, the key path and the value. */
export class SuiteError extends Error {
  override readonly name = 'SuiteError';

  /**
   * @param suite - the suite's name (or where it came from when the name itself is bad)
   * @param key - path of the offending key, e.g. `grid.fanout`, `quick.grid[1].n`, `trials`
   * @param value - the value found there
   * @param expected - what was expected, in words
   */
  constructor(
    readonly suite: string,
    readonly key: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`suite ${JSON.stringify(suite)}: ${key} must be ${expected} (got ${formatValue(value)})`);
  }
}

const SUITE_KEYS = ['name', 'kind', 'description', 'grid', 'trials', 'quick', 'full', 'claims', 'rules'] as const;
const VARIANT_KEYS = ['grid', 'trials'] as const;
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const STRING_KEYS: ReadonlySet<GridKey> = new Set<GridKey>(['start', 'protocol', 'topology', 'engine', 'rule', 'feedback', 'removal', 'timing']);
const START_LIST = GRID_STARTS.map((s) => `'${s}'`).join(', ');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/** Rejects keys of `obj` outside `allowed`. */
function checkKeys(suite: string, path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new SuiteError(suite, `${path}${key}`, obj[key], `one of the known keys (${allowed.join(', ')})`);
    }
  }
}

/** Checks one grid record's keys and value types, then resolves every point with the engine. */
function checkRecord(suite: string, path: string, record: unknown): void {
  if (!isRecord(record)) throw new SuiteError(suite, path, record, 'a record of parameter -> values');
  checkKeys(suite, `${path}.`, record, GRID_KEYS);
  for (const key of GRID_KEYS) {
    const raw = record[key];
    if (raw === undefined) continue;
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) throw new SuiteError(suite, `${path}.${key}`, raw, 'a value or a non-empty list');
    const kind = STRING_KEYS.has(key) ? 'string' : 'number';
    for (const v of values) {
      if (key === 'rule' && isRule(v)) continue;
      if (typeof v !== kind || (kind === 'number' && !Number.isFinite(v))) {
        throw new SuiteError(suite, `${path}.${key}`, v, kind === 'number' ? 'a finite number' : 'a string');
      }
      if (key === 'start' && !(GRID_STARTS as readonly unknown[]).includes(v)) {
        throw new SuiteError(suite, `${path}.${key}`, v, `one of ${START_LIST}`);
      }
    }
  }
  try {
    expandRecord(record as GridRecord);
  } catch (error) {
    if (error instanceof ParameterError) {
      throw new SuiteError(suite, `${path}.${error.parameter}`, error.value, error.expected);
    }
    throw error;
  }
}

/** Checks a grid (one record or a non-empty list of records). */
function checkGrid(suite: string, path: string, grid: unknown): void {
  if (Array.isArray(grid)) {
    if (grid.length === 0) throw new SuiteError(suite, path, grid, 'a record or a non-empty list of records');
    grid.forEach((record, i) => checkRecord(suite, `${path}[${i}]`, record));
  } else {
    checkRecord(suite, path, grid);
  }
}

/** Checks a trials count. */
function checkTrials(suite: string, path: string, trials: unknown): void {
  if (!isPositiveInt(trials)) throw new SuiteError(suite, path, trials, 'an integer >= 1');
}

/**
 * Validates a suite declaration and returns it typed. Throws {@link SuiteError} on a missing
 * field, an unknown key, a value of the wrong type, or a grid point the engine rejects
 * (every point of the default, quick and full variants is resolved with `planTrial`).
 *
 * @param value - the module's default export
 * @param source - names the suite in errors when it has no usable name (e.g. its file)
 */
export function validateSuite(value: unknown, source = 'suite'): Suite {
  if (!isRecord(value)) throw new SuiteError(source, '(suite)', value, 'an object');
  const name = value['name'];
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new SuiteError(source, 'name', name, 'a string of lower-case letters, digits and dashes');
  }
  checkKeys(name, '', value, SUITE_KEYS);
  const kind = value['kind'];
  if (kind !== undefined && kind !== 'trials' && kind !== 'throughput') {
    throw new SuiteError(name, 'kind', kind, "'trials' or 'throughput'");
  }
  if (typeof value['description'] !== 'string') {
    throw new SuiteError(name, 'description', value['description'], 'a string');
  }
  const rules = value['rules'];
  if (rules !== undefined && (!Array.isArray(rules) || !rules.every(isRule))) {
    throw new SuiteError(name, 'rules', rules, 'a list of rules made with defineRule');
  }
  if (value['grid'] === undefined) throw new SuiteError(name, 'grid', undefined, 'a record or a list of records');
  checkGrid(name, 'grid', value['grid']);
  checkTrials(name, 'trials', value['trials']);
  for (const variant of ['quick', 'full'] as const) {
    const v = value[variant];
    if (v === undefined) continue;
    if (!isRecord(v)) throw new SuiteError(name, variant, v, 'a record with grid and/or trials');
    checkKeys(name, `${variant}.`, v, VARIANT_KEYS);
    if (v['grid'] !== undefined) checkGrid(name, `${variant}.grid`, v['grid']);
    if (v['trials'] !== undefined) checkTrials(name, `${variant}.trials`, v['trials']);
  }
  const claims = value['claims'];
  if (!Array.isArray(claims)) throw new SuiteError(name, 'claims', claims, 'a list of claims');
  const ids = new Set<string>();
  claims.forEach((claim: unknown, i) => {
    try {
      validateClaim(claim, `claims[${i}]`);
    } catch (error) {
      if (error instanceof ClaimError) {
        throw new SuiteError(name, error.key, error.value, error.expected);
      }
      throw error;
    }
    const id = (claim as Claim).id;
    if (ids.has(id)) throw new SuiteError(name, `claims[${i}].id`, id, 'unique within the suite');
    ids.add(id);
  });
  return value as unknown as Suite;
}

/**
 * Declares a suite in a file of one's own (`gossip-bench bench --suite-file my-suite.ts`):
 * checks it as the built-in suites are checked ({@link validateSuite}, the same SuiteError
 * messages) and returns it typed. Rules it names by string must be loaded first (`--rule`);
 * rules given as values (`rule: myRule`, or in `rules`) need nothing more.
 */
export function defineSuite(suite: Suite): Suite {
  return validateSuite(suite, 'defineSuite');
}

/** The grid and trials per point of a suite's variant (a variant's fields replace the suite's). */
export function suiteVariant(suite: Suite, mode: SuiteMode): { grid: Grid; trials: number } {
  const variant = mode === 'quick' ? suite.quick : mode === 'full' ? suite.full : undefined;
  return { grid: variant?.grid ?? suite.grid, trials: variant?.trials ?? suite.trials };
}
