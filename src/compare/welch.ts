// Welch's t-test of two means from their summaries (mean, standard deviation, count): the test
// for rounds and messages when two runs used different seeds.
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** A sample summarised: mean, sample standard deviation and size. */
export interface MeanSummary {
  mean: number;
  /** Sample standard deviation (divisor count − 1). */
  sd: number;
  count: number;
}

/** The result of Welch's test; `p` is null when a sample has fewer than two values. */
export interface WelchResult {
  t: number | null;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number | null;
  p: number | null;
}

/**
 * Two-sided Welch's t-test of mean(a) = mean(b), without assuming equal variances:
 * t = (m_a − m_b) / √(s_a²/n_a + s_b²/n_b), with Welch-Satterthwaite degrees of freedom, and
 * p = 2·P(T_df ≤ −|t|) (the t CDF of @stdlib, which takes fractional df).
 *
 * When both standard deviations are 0 (every trial of both runs gave the same value) the means
 * are certain: p is 1 when they are equal and 0 when not. With fewer than two values in a
 * sample there is no variance estimate and every field is null.
 */
export function welchTest(a: MeanSummary, b: MeanSummary): WelchResult {
  if (a.count < 2 || b.count < 2) return { t: null, df: null, p: null };
  const va = (a.sd * a.sd) / a.count;
  const vb = (b.sd * b.sd) / b.count;
  const se2 = va + vb;
  const diff = a.mean - b.mean;
  if (!(se2 > 0)) return { t: null, df: null, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.count - 1) + (vb * vb) / (b.count - 1));
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return { t, df, p };
}
