// Grid expansion: a grid record walked as a cartesian product in odometer order, each point
// resolved with the engine's planTrial and named by a canonical key of its full parameters.
import {
  DEFAULTS,
  type EngineName,
  isDeployed,
  planTrial,
  type FeedbackKind,
  type Protocol,
  type RemovalKind,
  type Timing,
  type TopologyName,
  type TrialParams,
  type TrialPlan,
} from '../engine/params.ts';
import type { Rule } from '../engine/rule.ts';

/** A grid value: one value, or a list of values to sweep (a single value is a one-element list). */
export type GridValue<T> = T | readonly T[];

/** One grid record: engine parameter -> values. `n` and `fanout` are required after expansion. */
export interface GridRecord {
  n?: GridValue<number>;
  fanout?: GridValue<number>;
  threshold?: GridValue<number>;
  maxRounds?: GridValue<number>;
  /** `source` is the rumor protocols' start (their default); `plurality` needs `opinions`. */
  start?: GridValue<GridStart>;
  split?: GridValue<number>;
  crashFraction?: GridValue<number>;
  crashRound?: GridValue<number>;
  protocol?: GridValue<Protocol>;
  /** With `start: 'plurality'`: the number of opinions. */
  opinions?: GridValue<number>;
  /** With `start: 'plurality'`: the lead of opinion 0 (default 0.1). */
  bias?: GridValue<number>;
  lossRate?: GridValue<number>;
  crashRecovery?: GridValue<number>;
  stubbornFraction?: GridValue<number>;
  stubbornOpinion?: GridValue<number>;
  topology?: GridValue<TopologyName>;
  degree?: GridValue<number>;
  rewire?: GridValue<number>;
  /** `agent` (default) or `count` (the count-level engine: complete graph, n up to 2^53 - 1). */
  engine?: GridValue<EngineName>;
  /** A user rule instead of `protocol` (which must then be absent): a rule, or a loaded rule's name. */
  rule?: GridValue<Rule | string>;
  /** Rumor mongering: `feedback` or `blind`. */
  feedback?: GridValue<FeedbackKind>;
  /** Rumor mongering: `coin` or `counter`. */
  removal?: GridValue<RemovalKind>;
  /** Rumor mongering's k. */
  k?: GridValue<number>;
  /** memberlist's retransmission multiplier. */
  retransmitMult?: GridValue<number>;
  /** `rounds` or `timers` (dissemination protocols). */
  timing?: GridValue<Timing>;
  /** Seconds between gossip ticks. */
  interval?: GridValue<number>;
}

/** The starts a grid may name (`counts` needs a list per point, which a grid cannot sweep). */
export const GRID_STARTS = ['split', 'near-balanced', 'plurality', 'source'] as const;
/** A start a grid may name. */
export type GridStart = (typeof GRID_STARTS)[number];

/**
 * A grid: one record walked as a cartesian product, or a list of records, each walked as a
 * cartesian product and the points concatenated (for tables that are not a product).
 */
export type Grid = GridRecord | readonly GridRecord[];

/**
 * The grid keys in canonical order. Expansion walks them as an odometer: the first key (`n`)
 * changes slowest, the last fastest. Keys in point keys appear in this order too. The keys after
 * `protocol` were added later: they enter a point key only when they matter and differ from the
 * engine's default (see {@link resolvePoint}), so the keys, and the seeds, of older points stay.
 */
export const GRID_KEYS = [
  'n',
  'fanout',
  'threshold',
  'maxRounds',
  'start',
  'split',
  'crashFraction',
  'crashRound',
  'protocol',
  'opinions',
  'bias',
  'lossRate',
  'crashRecovery',
  'stubbornFraction',
  'stubbornOpinion',
  'topology',
  'degree',
  'rewire',
  'engine',
  'rule',
  // Dissemination (issue 13): in the key of rumor-mongering and memberlist points only.
  'feedback',
  'removal',
  'k',
  'retransmitMult',
  'timing',
  'interval',
] as const;

/** A grid key: one of {@link GRID_KEYS}. */
export type GridKey = (typeof GRID_KEYS)[number];

/** One point of a grid: its canonical key, full parameters and validated plan. */
export interface Point {
  /** Canonical key, e.g. `n=10;fanout=3;threshold=0.95;maxRounds=50;start=split;split=0.7;crashFraction=0;protocol=majority`. */
  key: string;
  /** Every parameter with its default filled in; what the workers pass to the engine. */
  params: TrialParams;
  /** The engine's validated plan of `params`. */
  plan: TrialPlan;
}

/**
 * Resolves raw parameters into a point: fills the defaults, validates with `planTrial` (which
 * throws ParameterError), and builds the canonical key. Parameters the engine ignores at this
 * point are dropped from the key and the params, so equivalent points share one key: `split`
 * when `start` is not `split`, `crashRound` (set to 0) when `crashFraction` is 0. The keys added
 * after `protocol` appear only where they matter and differ from the default, so every point
 * expressible before them keeps its key byte for byte: `opinions` and `bias` with the plurality
 * start; `lossRate` when not 0; `crashRecovery` when not 0 and agents crash; `stubbornFraction`
 * when not 0, with the resolved `stubbornOpinion`; `topology` when not `complete`, with `degree`
 * (not on the torus, where it is always 4) and `rewire` (on `ws` only); `engine` when not `agent`;
 * `rule` by its name, in place of `protocol`, when the point runs a user rule.
 * The dissemination protocols, new with these keys, always name theirs: `feedback`, `removal`,
 * `k` for rumor-mongering, `retransmitMult` for memberlist, `timing` and `interval` for both.
 */
export function resolvePoint(raw: TrialParams): Point {
  const plan = planTrial(raw);
  const split = plan.start === 'split' ? (raw.split ?? DEFAULTS.split) : undefined;
  const crashRound = plan.crashFraction !== 0 ? plan.crashRound : undefined;
  const plurality = plan.start === 'plurality';
  const stubborn = plan.stubbornFraction !== 0;
  const graph = plan.topology !== 'complete';
  const deployed = isDeployed(plan.protocol);
  const mongering = plan.protocol === 'rumor-mongering';
  const extra = {
    opinions: plurality ? plan.initialCounts.length : undefined,
    bias: plurality ? plan.bias : undefined,
    lossRate: plan.lossRate !== 0 ? plan.lossRate : undefined,
    crashRecovery: plan.crashFraction !== 0 && plan.crashRecovery !== 0 ? plan.crashRecovery : undefined,
    stubbornFraction: stubborn ? plan.stubbornFraction : undefined,
    stubbornOpinion: stubborn ? plan.stubbornOpinion : undefined,
    topology: graph ? plan.topology : undefined,
    degree: graph && plan.topology !== 'torus' ? plan.degree : undefined,
    rewire: plan.topology === 'ws' ? plan.rewire : undefined,
    engine: plan.engine !== 'agent' ? plan.engine : undefined,
    rule: plan.rule?.name,
    feedback: mongering ? plan.feedback : undefined,
    removal: mongering ? plan.removal : undefined,
    k: mongering ? plan.removalK : undefined,
    retransmitMult: plan.protocol === 'memberlist' ? plan.retransmitMult : undefined,
    timing: deployed ? plan.timing : undefined,
    interval: deployed ? plan.interval : undefined,
  } satisfies Partial<Record<GridKey, number | string | undefined>>;
  const keyed: Partial<Record<GridKey, number | string | undefined>> = {
    n: plan.n,
    fanout: plan.fanout,
    threshold: plan.threshold,
    maxRounds: plan.maxRounds,
    start: plan.start,
    split,
    crashFraction: plan.crashFraction,
    crashRound,
    protocol: plan.rule === null ? plan.protocol : undefined,
    ...extra,
  };
  const key = GRID_KEYS.filter((k) => keyed[k] !== undefined)
    .map((k) => `${k}=${String(keyed[k])}`)
    .join(';');
  const given = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) as Partial<TrialParams>;
  const params: TrialParams = {
    n: plan.n,
    fanout: plan.fanout,
    threshold: plan.threshold,
    maxRounds: plan.maxRounds,
    start: plan.start,
    ...(split === undefined ? {} : { split }),
    crashFraction: plan.crashFraction,
    crashRound: crashRound ?? 0,
    ...(plan.rule === null ? { protocol: plan.protocol } : {}),
    ...given,
  };
  return { key, params, plan: crashRound === undefined ? { ...plan, crashRound: 0 } : plan };
}

/** The values of one key of a record as a list (absent -> undefined: the engine's default). */
function valuesOf(record: GridRecord, key: GridKey): readonly unknown[] {
  const raw = record[key];
  if (raw === undefined) return [undefined];
  return Array.isArray(raw) ? raw : [raw];
}

/**
 * Expands one record into resolved points, as a cartesian product in odometer order over
 * {@link GRID_KEYS} (first key slowest). Throws ParameterError for a point the engine rejects.
 */
export function expandRecord(record: GridRecord): Point[] {
  const lists = GRID_KEYS.map((key) => valuesOf(record, key));
  const total = lists.reduce((acc, list) => acc * list.length, 1);
  const digits = new Array<number>(GRID_KEYS.length).fill(0);
  const points: Point[] = [];
  for (let count = 0; count < total; count++) {
    const raw: Record<string, unknown> = {};
    for (let k = 0; k < GRID_KEYS.length; k++) {
      const value = (lists[k] as readonly unknown[])[digits[k] as number];
      if (value !== undefined) raw[GRID_KEYS[k] as GridKey] = value;
    }
    points.push(resolvePoint(raw as unknown as TrialParams));
    for (let k = GRID_KEYS.length - 1; k >= 0; k--) {
      const next = (digits[k] as number) + 1;
      if (next < (lists[k] as readonly unknown[]).length) {
        digits[k] = next;
        break;
      }
      digits[k] = 0;
    }
  }
  return points;
}

/**
 * Expands a grid (one record or a list of records) into its points: each record in order, as
 * a cartesian product, concatenated; a point whose key already appeared is dropped (it would
 * repeat the same trials with the same seeds).
 */
export function expandGrid(grid: Grid): Point[] {
  const records: readonly GridRecord[] = Array.isArray(grid) ? grid : [grid as GridRecord];
  const seen = new Set<string>();
  const points: Point[] = [];
  for (const record of records) {
    for (const point of expandRecord(record)) {
      if (seen.has(point.key)) continue;
      seen.add(point.key);
      points.push(point);
    }
  }
  return points;
}
