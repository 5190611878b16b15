// Initial opinions: how many agents hold each opinion at the start, for every `start` kind.
import { ParameterError } from './errors.ts';
import { DEFAULTS, isDeployed, isRumor, MAX_OPINIONS, type Protocol, type StartKind } from './constants.ts';
import type { TrialParams } from './trial-params.ts';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Agents holding opinion 0 in the near-balanced start: `ceil((n + sqrt(n)) / 2)`. */
export function nearBalancedZeros(n: number): number {
  return Math.min(n, Math.ceil((n + Math.sqrt(n)) / 2));
}

/**
 * The plurality start's counts for m opinions: opinion 0 holds `round(n (1 + bias) / (m + bias))`
 * agents, so it has (1 + bias) times the share 1 / (m + bias) of each other opinion, and the
 * other n - c0 agents are shared as equally as possible among opinions 1..m-1: each gets
 * `floor((n - c0) / (m - 1))` and the first `(n - c0) mod (m - 1)` of them (the smallest ids)
 * one more. With bias 0 every opinion gets round(n / m) or about that.
 */
export function pluralityCounts(n: number, m: number, bias: number): number[] {
  const first = Math.min(n, Math.round((n * (1 + bias)) / (m + bias)));
  const rest = n - first;
  const base = Math.floor(rest / (m - 1));
  const extra = rest - base * (m - 1);
  const counts = [first];
  for (let o = 1; o < m; o++) counts.push(base + (o <= extra ? 1 : 0));
  return counts;
}

/**
 * The initial minority: the opinion held by the fewest agents among those held by at least one
 * (opinions nobody holds are not in play), the smallest id on ties.
 */
export function minorityOpinion(counts: readonly number[]): number {
  let best = -1;
  for (let o = 0; o < counts.length; o++) {
    const c = counts[o]!;
    if (c > 0 && (best < 0 || c < counts[best]!)) best = o;
  }
  return Math.max(best, 0);
}

/** The resolved start: its kind, the counts per opinion and the plurality bias (0 otherwise). */
export interface StartPlan {
  readonly start: StartKind;
  readonly initialCounts: number[];
  readonly bias: number;
}

/**
 * Resolves and checks the start of a trial of n agents under `protocol`. Rumor protocols start
 * from `source` (one informed agent) and accept no other start; `source` needs a rumor protocol.
 */
export function planStart(p: TrialParams, n: number, protocol: Protocol): StartPlan {
  const rumor = isRumor(protocol) || isDeployed(protocol);
  const start = p.start ?? (rumor ? 'source' : p.counts !== undefined ? 'counts' : DEFAULTS.start);
  if (rumor && start !== 'source') throw new ParameterError('start', start, `'source' (or unset) with the rumor protocol '${protocol}'`);
  switch (start) {
    case 'split': {
      const split = p.split ?? DEFAULTS.split;
      if (!isNum(split) || split < 0 || split > 1) throw new ParameterError('split', split, 'in [0, 1]');
      const zeros = Math.round(split * n);
      return { start, initialCounts: [zeros, n - zeros], bias: 0 };
    }
    case 'near-balanced': {
      const zeros = nearBalancedZeros(n);
      return { start, initialCounts: [zeros, n - zeros], bias: 0 };
    }
    case 'counts': {
      const c = p.counts;
      if (!Array.isArray(c) || c.length < 2 || c.length > MAX_OPINIONS) {
        throw new ParameterError('counts', c, `a list of 2 to ${MAX_OPINIONS} counts`);
      }
      if (!c.every((x) => isInt(x) && x >= 0)) throw new ParameterError('counts', c, 'non-negative integers');
      const total = c.reduce((a: number, b: number) => a + b, 0);
      if (total !== n) throw new ParameterError('counts', c, `counts summing to n = ${n}`);
      return { start, initialCounts: [...c], bias: 0 };
    }
    case 'plurality': {
      const m = p.opinions;
      if (!isInt(m) || m < 2 || m > MAX_OPINIONS) throw new ParameterError('opinions', m, `an integer from 2 to ${MAX_OPINIONS}`);
      const bias = p.bias ?? DEFAULTS.bias;
      if (!isNum(bias) || bias < 0) throw new ParameterError('bias', bias, 'a number >= 0');
      return { start, initialCounts: pluralityCounts(n, m, bias), bias };
    }
    case 'source':
      if (!rumor) throw new ParameterError('start', start, "a rumor protocol ('push', 'pull', 'push-pull', 'rumor-mongering' or 'memberlist')");
      return { start, initialCounts: [n - 1, 1], bias: 0 };
    default:
      throw new ParameterError('start', start, "'split', 'near-balanced', 'counts', 'plurality' or 'source'");
  }
}
