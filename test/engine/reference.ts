// Test helpers: an independent reference of the seed's update rule and an exact enumeration of
// one round's transition probabilities on tiny networks.
import { CRASHED } from '../../src/engine/index.ts';

/** Python's `Counter(list).most_common(1)[0][0]`: most frequent, ties to the first seen. */
export function mostCommon(list: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const o of list) counts.set(o, (counts.get(o) ?? 0) + 1);
  let best = list[0]!;
  for (const o of list) if (counts.get(o)! > counts.get(best)!) best = o;
  return best;
}

/** Every ordered k-tuple of distinct agents other than i. */
export function orderedSamples(n: number, i: number, k: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[]): void => {
    if (prefix.length === k) {
      out.push(prefix);
      return;
    }
    for (let p = 0; p < n; p++) if (p !== i && !prefix.includes(p)) walk([...prefix, p]);
  };
  walk([]);
  return out;
}

/** Exact distribution of agent i's next opinion: opinion -> probability. */
export function exactNext(cur: readonly number[], i: number, k: number): Map<number, number> {
  const samples = orderedSamples(cur.length, i, k);
  const dist = new Map<number, number>();
  for (const s of samples) {
    const list = [cur[i]!, ...s.map((p) => cur[p]!).filter((o) => o !== CRASHED)];
    const o = mostCommon(list);
    dist.set(o, (dist.get(o) ?? 0) + 1 / samples.length);
  }
  return dist;
}

/**
 * Upper critical value of chi-square with `df` degrees of freedom at significance 0.001
 * (Wilson-Hilferty approximation, z = 3.0902).
 */
export function chiSquareCritical001(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Pearson's statistic of observed counts against expected probabilities over `total` draws. */
export function chiSquare(observed: Map<number, number>, expected: Map<number, number>, total: number): { stat: number; df: number } {
  let stat = 0;
  for (const [o, p] of expected) {
    const e = p * total;
    const d = (observed.get(o) ?? 0) - e;
    stat += (d * d) / e;
  }
  return { stat, df: expected.size - 1 };
}

/** Every ordered k-tuple of distinct members of `candidates`. */
export function orderedSamplesOf(candidates: readonly number[], k: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[]): void => {
    if (prefix.length === k) {
      out.push(prefix);
      return;
    }
    for (const p of candidates) if (!prefix.includes(p)) walk([...prefix, p]);
  };
  walk([]);
  return out;
}

/** Every k-tuple of members of `candidates` with repetition (the polls of 3-majority and 2-choices). */
export function tuplesOf(candidates: readonly number[], k: number): number[][] {
  let out: number[][] = [[]];
  for (let j = 0; j < k; j++) out = out.flatMap((t) => candidates.map((p) => [...t, p]));
  return out;
}

/**
 * Every pattern of lost contacts among `len`, with its probability under loss rate q: a list of
 * [lost flags, probability]. q = 0 gives the single pattern "nothing lost".
 */
export function lossPatterns(len: number, q: number): [boolean[], number][] {
  if (q === 0) return [[Array.from({ length: len }, () => false), 1]];
  const out: [boolean[], number][] = [];
  for (let mask = 0; mask < 1 << len; mask++) {
    const flags = Array.from({ length: len }, (_, j) => ((mask >> j) & 1) === 1);
    out.push([flags, flags.reduce((p, l) => p * (l ? q : 1 - q), 1)]);
  }
  return out;
}

/** Adds probability p to outcome o of `dist`. */
function add(dist: Map<number, number>, o: number, p: number): void {
  if (p > 0) dist.set(o, (dist.get(o) ?? 0) + p);
}

/**
 * Exact distribution of agent i's next opinion under the seed's majority when it samples k
 * distinct members of `candidates` (its neighbours, or every other agent) and each contact is
 * lost with probability q: the most common of [own, answers], ties to the first.
 */
export function exactMajority(cur: readonly number[], i: number, k: number, candidates: readonly number[], q = 0): Map<number, number> {
  const samples = orderedSamplesOf(candidates, Math.min(k, candidates.length));
  const dist = new Map<number, number>();
  for (const s of samples) {
    for (const [lostFlags, pl] of lossPatterns(s.length, q)) {
      const answers = s.filter((_, j) => !lostFlags[j]).map((p) => cur[p]!).filter((o) => o !== CRASHED);
      add(dist, mostCommon([cur[i]!, ...answers]), pl / samples.length);
    }
  }
  return dist;
}

/**
 * Exact distribution of agent i's next opinion under a polling protocol: `polls` (3 for
 * 3-majority, 2 for 2-choices) uniform draws with replacement from `candidates`, each lost with
 * probability q; crashed and lost peers give no answer. 3-majority: the most common answer, ties
 * to the first, none -> own. 2-choices: the common answer of two agreeing answers, else own.
 */
export function exactPoll(cur: readonly number[], i: number, polls: 2 | 3, candidates: readonly number[], q = 0): Map<number, number> {
  const tuples = tuplesOf(candidates, polls);
  const dist = new Map<number, number>();
  for (const t of tuples) {
    for (const [lostFlags, pl] of lossPatterns(polls, q)) {
      const answers = t.filter((_, j) => !lostFlags[j]).map((p) => cur[p]!).filter((o) => o !== CRASHED);
      let next: number;
      if (polls === 3) next = answers.length === 0 ? cur[i]! : mostCommon(answers);
      else next = answers.length === 2 && answers[0] === answers[1] ? answers[0]! : cur[i]!;
      add(dist, next, pl / tuples.length);
    }
  }
  return dist;
}

/** The other agents of a network of n, for agent i: the complete graph's candidates. */
export function othersOf(n: number, i: number): number[] {
  return [...Array(n).keys()].filter((p) => p !== i);
}
