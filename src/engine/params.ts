// Trial parameters: what a user may set, their defaults, and validation into a resolved plan.
import { ParameterError } from './errors.ts';

/** Opinion value of a crashed agent in the opinion arrays; real opinions are 0..254. */
export const CRASHED = 255;
/** Largest number of distinct opinions (ids 0..254). */
export const MAX_OPINIONS = 255;
/** Largest network size the engine accepts (typed-array indices stay int32). */
export const MAX_N = 2 ** 31 - 1;

/** How the initial opinions are set. */
export type StartKind = 'split' | 'near-balanced' | 'counts';

/** The protocols the engine runs. `majority` is the seed's rule. */
export type Protocol = 'majority';

/** Parameters of one trial. Only `n` and `fanout` are required. */
export interface TrialParams {
  /** Number of agents, integer >= 2. */
  n: number;
  /** Peers each live agent contacts per round, integer >= 1; `min(fanout, n - 1)` are used. */
  fanout: number;
  /** Agreement at which the network has converged, in (0, 1]. Default 0.95. */
  threshold?: number;
  /** Round limit, integer >= 1. Default 100. */
  maxRounds?: number;
  /** Initial opinions: `split` (default), `near-balanced` or `counts`. */
  start?: StartKind;
  /** With `start: 'split'`: fraction of agents holding opinion 0, in [0, 1]. Default 0.7. */
  split?: number;
  /** With `start: 'counts'`: agents holding each opinion id (2 to 255 entries, summing to n). */
  counts?: readonly number[];
  /** Fraction of agents that crash, in [0, 1). Default 0. */
  crashFraction?: number;
  /** Completed rounds before the crash (0 = before the first round). Default 0. */
  crashRound?: number;
  /** Protocol; only `majority` (the seed's rule) for now. */
  protocol?: Protocol;
  /** Record the agreement after every round in the result. Default false. */
  recordAgreement?: boolean;
}

/** Validated parameters with every default filled in and the derived counts computed. */
export interface TrialPlan {
  readonly n: number;
  readonly fanout: number;
  /** `min(fanout, n - 1)`: peers actually contacted per agent and round. */
  readonly k: number;
  readonly threshold: number;
  readonly maxRounds: number;
  readonly start: StartKind;
  /** Agents holding each opinion at the start; its length is the number of opinions m. */
  readonly initialCounts: readonly number[];
  /** Fraction of agents holding opinion 0 at the start (the split actually used). */
  readonly split: number;
  readonly crashFraction: number;
  readonly crashRound: number;
  /** Agents that crash: `round(crashFraction * n)`, at most n - 1 so one agent stays live. */
  readonly crashCount: number;
  readonly protocol: Protocol;
  readonly recordAgreement: boolean;
}

/** Default values of the optional parameters. */
export const DEFAULTS = {
  threshold: 0.95,
  maxRounds: 100,
  start: 'split',
  split: 0.7,
  crashFraction: 0,
  crashRound: 0,
  protocol: 'majority',
} as const;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Agents holding opinion 0 in the near-balanced start: `ceil((n + sqrt(n)) / 2)`. */
export function nearBalancedZeros(n: number): number {
  return Math.min(n, Math.ceil((n + Math.sqrt(n)) / 2));
}

/**
 * Checks every parameter and fills in the defaults. Throws {@link ParameterError} naming the
 * first parameter out of its domain.
 */
export function planTrial(p: TrialParams): TrialPlan {
  const { n, fanout } = p;
  if (!isInt(n) || n < 2 || n > MAX_N) throw new ParameterError('n', n, `an integer from 2 to ${MAX_N}`);
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
  const protocol = p.protocol ?? DEFAULTS.protocol;
  if (protocol !== 'majority') throw new ParameterError('protocol', protocol, "'majority'");
  const start = p.start ?? (p.counts !== undefined ? 'counts' : DEFAULTS.start);

  let initialCounts: number[];
  switch (start) {
    case 'split': {
      const split = p.split ?? DEFAULTS.split;
      if (!isNum(split) || split < 0 || split > 1) throw new ParameterError('split', split, 'in [0, 1]');
      const zeros = Math.round(split * n);
      initialCounts = [zeros, n - zeros];
      break;
    }
    case 'near-balanced': {
      const zeros = nearBalancedZeros(n);
      initialCounts = [zeros, n - zeros];
      break;
    }
    case 'counts': {
      const c = p.counts;
      if (!Array.isArray(c) || c.length < 2 || c.length > MAX_OPINIONS) {
        throw new ParameterError('counts', c, `a list of 2 to ${MAX_OPINIONS} counts`);
      }
      if (!c.every((x) => isInt(x) && x >= 0)) throw new ParameterError('counts', c, 'non-negative integers');
      const total = c.reduce((a: number, b: number) => a + b, 0);
      if (total !== n) throw new ParameterError('counts', c, `counts summing to n = ${n}`);
      initialCounts = [...c];
      break;
    }
    default:
      throw new ParameterError('start', start, "'split', 'near-balanced' or 'counts'");
  }

  return {
    n,
    fanout,
    k: Math.min(fanout, n - 1),
    threshold,
    maxRounds,
    start,
    initialCounts,
    split: (initialCounts[0] ?? 0) / n,
    crashFraction,
    crashRound,
    crashCount: Math.min(Math.round(crashFraction * n), n - 1),
    protocol,
    recordAgreement: p.recordAgreement ?? false,
  };
}
