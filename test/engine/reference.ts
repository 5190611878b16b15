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
