// Claims as suites declare them: bound claims (a metric at a point against a value) and
// complexity claims (a metric's growth in n over a series of points), with their validation.
import { formatValue } from '../engine/errors.ts';
import { ENGINES, FEEDBACK_KINDS, PROTOCOLS, REMOVAL_KINDS, TIMINGS, TOPOLOGIES, type EngineName, type FeedbackKind, type Protocol, type RemovalKind, type Timing, type TopologyName } from '../engine/params.ts';
import { CLASSES, isComplexityClass, type ComplexityClass } from './complexity.ts';

/**
 * The per-trial metrics a claim can speak of: columns of trials.csv, and three 0/1 outcomes read
 * from them: `converged` (1 when converged), `winner0` (1 when it converged on opinion 0, the
 * initial majority or plurality) and `leader0` (1 when opinion 0 held the most live agents at the
 * end, converged or not). `winner0 >= 1` at level 0.95 says "opinion 0 wins in >= 95% of trials".
 */
export const METRICS = ['rounds', 'messages', 'final_agreement', 'converged', 'winner0', 'leader0', 'residue', 'traffic', 'seconds_to_99', 'seconds_to_9999', 'seconds_to_all', 'reached_all'] as const;
/** A metric a claim can speak of. */
export type Metric = (typeof METRICS)[number];
/**
 * The metrics of the dissemination protocols (rumor mongering, memberlist): `residue` (share of
 * live agents never informed), `traffic` (messages per agent), the seconds until 99%, 99.99% and
 * all of the live agents knew (+Infinity in a trial that never got there) and `reached_all` (1
 * when every live agent was informed).
 */
export type SpreadMetric = 'residue' | 'traffic' | 'seconds_to_99' | 'seconds_to_9999' | 'seconds_to_all' | 'reached_all';
/** The metrics whose claims may take the value `'theory'`. */
export const THEORY_METRICS: readonly Metric[] = ['rounds', 'final_agreement', 'residue', 'seconds_to_9999'];

/** Comparators of bound claims; `~` means "about": the mean within a relative tolerance. */
export const COMPARATORS = ['<', '<=', '>', '>=', '~'] as const;
/** A comparator of a bound claim. */
export type Comparator = (typeof COMPARATORS)[number];

/** Parameters a claim can select points by (engine names); a point matches when all are equal. */
export interface PointFilter {
  n?: number;
  fanout?: number;
  threshold?: number;
  start?: FilterStart;
  split?: number;
  crashFraction?: number;
  crashRound?: number;
  maxRounds?: number;
  protocol?: Protocol;
  topology?: TopologyName;
  /** Loss rate; a point that sets none has the default 0. */
  lossRate?: number;
  /** Stubborn fraction; a point that sets none has the default 0. */
  stubbornFraction?: number;
  /** Matches plurality-start points with this many opinions. */
  opinions?: number;
  /** The engine; a point that sets none ran on the default `agent`. */
  engine?: EngineName;
  /** Matches the points of the user rule of this name (a point with a rule matches no `protocol`). */
  rule?: string;
  /** Dissemination parameters: match only rumor-mongering / memberlist points, whose keys hold them. */
  feedback?: FeedbackKind;
  removal?: RemovalKind;
  k?: number;
  retransmitMult?: number;
  timing?: Timing;
  interval?: number;
}
const FILTER_KEYS = [
  'n',
  'fanout',
  'threshold',
  'start',
  'split',
  'crashFraction',
  'crashRound',
  'maxRounds',
  'protocol',
  'topology',
  'lossRate',
  'stubbornFraction',
  'opinions',
  'engine',
  'rule',
  'feedback',
  'removal',
  'k',
  'retransmitMult',
  'timing',
  'interval',
] as const;
/** The starts a filter may name. */
const FILTER_STARTS = ['split', 'near-balanced', 'plurality', 'source'] as const;
/** A start a filter may name. */
export type FilterStart = (typeof FILTER_STARTS)[number];
/** The filter keys whose values are names, and the names each accepts. */
const NAME_KEYS: Readonly<Record<string, readonly string[]>> = {
  start: FILTER_STARTS,
  protocol: PROTOCOLS,
  topology: TOPOLOGIES,
  feedback: FEEDBACK_KINDS,
  removal: REMOVAL_KINDS,
  timing: TIMINGS,
  engine: ENGINES,
};

/**
 * "metric comparator value at the points matching `at`". With `<`, `<=`, `>`, `>=` the claim is
 * about trials: it holds when at least `level` (default 0.95) of the trials satisfy the bound.
 * With `~` it is about the mean: it holds when the mean is within `tolerance` (default 0.25, i.e.
 * +-25%) of the value.
 */
export interface BoundClaim {
  kind: 'bound';
  /** Stable identifier, e.g. `seed-rounds-n10`. */
  id: string;
  /** The claim in words, with its source. */
  description: string;
  metric: Metric;
  comparator: Comparator;
  /**
   * The value, or `'theory'`: at each matching point, the prediction of the metric there:
   * `rounds` or `final_agreement` from the mean-field map (theory.ts); `residue` as
   * e^(-m (1 - loss)) from the point's measured traffic m, and `seconds_to_9999` by Serf's formula
   * at memberlist points (dissemination-theory.ts). A point without one is a warning.
   */
  value: number | 'theory';
  /** Points the claim is about; one verdict per matching point. */
  at: PointFilter;
  /** Share of trials that must satisfy an inequality (default 0.95). */
  level?: number;
  /** Relative tolerance of `~` (default 0.25). */
  tolerance?: number;
}

/**
 * "metric grows as `claimed` in n": the points matching `where` are grouped into series by every
 * parameter other than n (each series needs >= 3 values of n) and each series is fitted.
 */
export interface ComplexityClaim {
  kind: 'complexity';
  id: string;
  description: string;
  metric: Metric;
  claimed: ComplexityClass;
  /** Points the claim is about (default: every point of the suite). */
  where?: PointFilter;
  /**
   * Smallest n fitted (default: all). Asymptotic claims are about large n: at n = 10 the
   * near-balanced start is a 7/3 split and 95% agreement means unanimity.
   */
  minN?: number;
}

/** A claim a suite checks. */
export type Claim = BoundClaim | ComplexityClaim;

/** Default share of trials an inequality claim needs. */
export const DEFAULT_LEVEL = 0.95;
/** Default relative tolerance of a `~` claim. */
export const DEFAULT_TOLERANCE = 0.25;

/** A claim declaration that does not validate: the key (path within the claim) and the value. */
export class ClaimError extends Error {
  override readonly name = 'ClaimError';
  constructor(
    readonly key: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${key} must be ${expected} (got ${formatValue(value)})`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new ClaimError(`${path}${k}`, obj[k], `one of the known keys (${allowed.join(', ')})`);
  }
}

function checkFilter(v: unknown, path: string): void {
  if (!isRecord(v)) throw new ClaimError(path, v, 'a record of parameter -> value');
  checkKeys(v, FILTER_KEYS, `${path}.`);
  for (const [k, x] of Object.entries(v)) {
    const names = NAME_KEYS[k];
    if (k === 'rule') {
      if (typeof x !== 'string' || x === '') throw new ClaimError(`${path}.${k}`, x, "a rule's name");
      continue;
    }
    if (names === undefined ? !isNum(x) : !names.includes(x as string)) {
      throw new ClaimError(`${path}.${k}`, x, names === undefined ? 'a number' : `one of ${names.map((s) => `'${s}'`).join(', ')}`);
    }
  }
}

/** Checks one claim declaration; throws {@link ClaimError} naming the key (prefixed by `path`). */
export function validateClaim(v: unknown, path: string): Claim {
  if (!isRecord(v)) throw new ClaimError(path, v, 'a claim record');
  if (typeof v.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(v.id)) {
    throw new ClaimError(`${path}.id`, v.id, 'lower-case letters, digits and dashes');
  }
  if (typeof v.description !== 'string' || v.description === '') throw new ClaimError(`${path}.description`, v.description, 'a non-empty string');
  if (!(METRICS as readonly unknown[]).includes(v.metric)) throw new ClaimError(`${path}.metric`, v.metric, `one of ${METRICS.join(', ')}`);
  if (v.kind === 'bound') {
    checkKeys(v, ['kind', 'id', 'description', 'metric', 'comparator', 'value', 'at', 'level', 'tolerance'], `${path}.`);
    if (!(COMPARATORS as readonly unknown[]).includes(v.comparator)) {
      throw new ClaimError(`${path}.comparator`, v.comparator, `one of ${COMPARATORS.join(' ')}`);
    }
    const theoryOk = THEORY_METRICS.includes(v.metric as Metric);
    if (!isNum(v.value) && !(v.value === 'theory' && theoryOk)) {
      throw new ClaimError(`${path}.value`, v.value, theoryOk ? "a number or 'theory'" : 'a number');
    }
    checkFilter(v.at, `${path}.at`);
    if (v.level !== undefined && (!isNum(v.level) || v.level <= 0 || v.level > 1)) throw new ClaimError(`${path}.level`, v.level, 'in (0, 1]');
    if (v.tolerance !== undefined && (!isNum(v.tolerance) || v.tolerance <= 0)) throw new ClaimError(`${path}.tolerance`, v.tolerance, '> 0');
    return v as unknown as BoundClaim;
  }
  if (v.kind === 'complexity') {
    checkKeys(v, ['kind', 'id', 'description', 'metric', 'claimed', 'where', 'minN'], `${path}.`);
    if (v.minN !== undefined && (!isNum(v.minN) || v.minN < 2)) throw new ClaimError(`${path}.minN`, v.minN, 'a number >= 2');
    if (typeof v.claimed !== 'string' || !isComplexityClass(v.claimed)) {
      throw new ClaimError(`${path}.claimed`, v.claimed, `one of ${CLASSES.map((c) => `'${c}'`).join(', ')}`);
    }
    if (v.where !== undefined) checkFilter(v.where, `${path}.where`);
    return v as unknown as ComplexityClaim;
  }
  throw new ClaimError(`${path}.kind`, v.kind, "'bound' or 'complexity'");
}
