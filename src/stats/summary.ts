// Summary statistics of a sample (Welford mean and variance, type-7 quantiles, t-based 95%
// interval) and the Wilson 95% interval for a proportion.

/** Summary of a sample of finite numbers. */
export interface Summary {
  /** Number of values. */
  count: number;
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation (divisor count - 1); 0 when count < 2. */
  sd: number;
  /** Lower end of the 95% t interval for the mean; equal to mean when count < 2. */
  ci95Low: number;
  /** Upper end of the 95% t interval for the mean; equal to mean when count < 2. */
  ci95High: number;
  /** Median, type-7 quantile. */
  p50: number;
  /** 95th percentile, type-7 quantile. */
  p95: number;
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
}

/** Standard normal 0.975 quantile, Φ⁻¹(0.975). */
const Z975 = 1.959963984540054;

/**
 * Type-7 quantile (linear interpolation between order statistics; the default of R and numpy)
 * of values already sorted ascending. `p` must lie in [0, 1]; the sample must not be empty.
 * Not checked for speed: the caller guarantees the order.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: sample is empty');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p ${p} is outside [0, 1]`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = lo + 1 < n ? lo + 1 : n - 1;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Summarises a sample in one pass (Welford's update for mean and variance, with min and max),
 * then sorts a Float64Array copy for the type-7 quantiles p50 and p95.
 *
 * The 95% interval is mean ± t₀.₉₇₅(count − 1) · sd / √count, which assumes roughly normal
 * means (fine for the trial counts the harness uses; skewed data with few trials is not).
 * Throws a RangeError on an empty sample or on a value that is NaN or infinite, naming its index.
 */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('summarize: sample is empty');
  const sorted = new Float64Array(n);
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) throw new RangeError(`summarize: values[${i}] is ${x}, not finite`);
    sorted[i] = x;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  sorted.sort();
  const sd = n < 2 ? 0 : Math.sqrt(m2 / (n - 1));
  const half = n < 2 ? 0 : (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return {
    count: n,
    mean,
    sd,
    ci95Low: mean - half,
    ci95High: mean + half,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    min,
    max,
  };
}

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (the multiplier of a two-sided
 * 95% interval).
 *
 * df = 1 and df = 2 use their closed forms (tan(0.475π) and √(2/(P(2−P)) − 2) with P = 0.05).
 * Larger df use Hill's algorithm (G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM 13(10),
 * 1970, as in R's `qt` before its Newton polish), whose relative error against the exact
 * quantile is below 1e-6 for every integer df ≥ 3 (worst at df = 3: 3.182449 vs 3.182446) and
 * below 1e-12 from df = 50. `df` must be a positive integer or Infinity (giving Φ⁻¹(0.975));
 * anything else throws a RangeError, since the algorithm is inaccurate for fractional df < 2.1.
 */
export function tQuantile975(df: number): number {
  if (df === Infinity) return Z975;
  if (!Number.isInteger(df) || df < 1) {
    throw new RangeError(`tQuantile975: df ${df} is not a positive integer`);
  }
  const P = 0.05; // two-sided tail probability
  if (df === 1) return Math.tan((1 - P) * (Math.PI / 2));
  if (df === 2) return Math.sqrt(2 / (P * (2 - P)) - 2);
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt(a * (Math.PI / 2)) * df;
  let y = Math.pow(d * P, 2 / df);
  if (y > 0.05 + a) {
    // Asymptotic inverse expansion about the normal quantile.
    const x = -Z975;
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
  }
  return Math.sqrt(df * y);
}

/**
 * Wilson score 95% interval for a proportion `successes / trials` (e.g. the fraction of trials
 * that met a bound). Unlike the normal (Wald) interval it stays inside [0, 1] and is not empty
 * at 0/n or n/n: 0/10 gives [0, 0.2775], 5/10 gives [0.2366, 0.7634].
 * Throws a RangeError unless trials is a positive integer and successes an integer in
 * [0, trials].
 */
export function proportionCi95(successes: number, trials: number): { low: number; high: number } {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`proportionCi95: trials ${trials} is not a positive integer`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`proportionCi95: successes ${successes} is not an integer in [0, ${trials}]`);
  }
  const z2 = Z975 * Z975;
  const p = successes / trials;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (Z975 / denom) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === trials ? 1 : Math.min(1, centre + half);
  return { low, high };
}
