// The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples: two-sided, normal
// approximation with the tie correction and a continuity correction, as scipy's
// `mannwhitneyu(x, y, method='asymptotic')` computes it.
import erfc from '@stdlib/math-base-special-erfc';

/** The result of a Mann-Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half (scipy's `statistic`). */
  u: number;
  /** The standardised statistic, from max(U, n1·n2 − U) with the continuity correction; 0 when every value ties. */
  z: number;
  /** Two-sided p-value; 1 when every value ties (nothing to tell the samples apart). */
  p: number;
}

/** Thrown when a sample is empty or holds a value that is not finite, naming the sample and index. */
export class SampleError extends RangeError {
  override readonly name = 'SampleError';

  /**
   * @param sample - which sample (`x` or `y`)
   * @param problem - what is wrong, with the value
   */
  constructor(
    readonly sample: string,
    problem: string,
  ) {
    super(`sample ${sample} ${problem}`);
  }
}

function check(name: string, values: ArrayLike<number>): void {
  if (values.length === 0) throw new SampleError(name, 'is empty');
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new SampleError(name, `[${i}] is ${v}, not finite`);
  }
}

/**
 * Two-sided Mann-Whitney U test of `x` against `y`.
 *
 * Both samples are ranked together (ties get their average rank); U₁ = R₁ − n₁(n₁+1)/2. Under
 * the null hypothesis U has mean n₁n₂/2 and variance n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))), the
 * sum running over groups of t tied values (n = n₁ + n₂). The p-value is 2·P(Z ≥ z) with
 * z = (max(U₁, U₂) − n₁n₂/2 − 1/2) / σ, clipped to 1. The normal approximation is good from about
 * ten values a sample, the sizes the throughput samples have (hundreds). O(n log n).
 * Throws {@link SampleError} on an empty sample or a value that is not finite.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitneyResult {
  check('x', x);
  check('y', y);
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const values = new Float64Array(n);
  for (let i = 0; i < n1; i++) values[i] = x[i] as number;
  for (let i = 0; i < n2; i++) values[n1 + i] = y[i] as number;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    const v = values[order[i] as number] as number;
    while (j < n && values[order[j] as number] === v) j++;
    // Positions i .. j-1 tie: each gets the average of ranks i+1 .. j.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((order[k] as number) < n1) rankSumX += rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u: u1, z: 0, p: 1 };
  const z = (Math.max(u1, u2) - mu - 0.5) / Math.sqrt(variance);
  const p = Math.min(1, erfc(z / Math.SQRT2));
  return { u: u1, z, p };
}
