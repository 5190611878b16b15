// Complexity classes and model selection: fit `metric ~ a + b * g(n)` (b >= 0) for every class
// and pick the best by BIC, preferring the simpler class unless a richer one is clearly better.

/** The complexity classes, simplest first; these names are part of the CSV interface. */
export const CLASSES = ['1', 'log log n', 'log n', 'sqrt n', 'n', 'n log n', 'n^2'] as const;
/** A complexity class name. */
export type ComplexityClass = (typeof CLASSES)[number];

/** g(n) of each class. `log log n` uses natural logs and needs n > e (clamped at 0 below). */
export const GROWTH: Record<ComplexityClass, (n: number) => number> = {
  '1': () => 0,
  'log log n': (n) => Math.log(Math.max(Math.log(n), 1)),
  'log n': (n) => Math.log(n),
  'sqrt n': (n) => Math.sqrt(n),
  n: (n) => n,
  'n log n': (n) => n * Math.log(n),
  'n^2': (n) => n * n,
};

/** Position of a class in {@link CLASSES} (0 = constant): a larger rank grows faster. */
export function classRank(c: ComplexityClass): number {
  return CLASSES.indexOf(c);
}

/** Whether a string names a class. */
export function isComplexityClass(s: string): s is ComplexityClass {
  return (CLASSES as readonly string[]).includes(s);
}

/** One point of a series: n, the metric's mean there, and its standard error. */
export interface SeriesPoint {
  n: number;
  mean: number;
  /** Standard error of the mean; weights the fit (1 / se^2, floored, see {@link fitSeries}). */
  se: number;
}

/** The fit of one class. */
export interface ClassFit {
  cls: ComplexityClass;
  a: number;
  b: number;
  /** Weighted coefficient of determination against the weighted mean. */
  r2: number;
  /** Root of the weighted mean squared relative residual: a scale-free error. */
  rmsRelError: number;
  /** Weighted residual sum of squares (chi-square when the weights are 1 / se^2). */
  chi2: number;
  /** Bayesian information criterion: chi2 / phi + p ln m (p = 1 for `1`, else 2). */
  bic: number;
}

/** The fits of every class and the chosen one. */
export interface SeriesFit {
  fits: ClassFit[];
  best: ComplexityClass;
}

/** BIC difference a richer class must beat to be "clearly better" (Kass and Raftery: > 6, strong). */
export const BIC_MARGIN = 6;

/**
 * Fits every class to a series by weighted least squares with an intercept and b >= 0 (when the
 * unconstrained slope is negative, b = 0 and a is the weighted mean), then picks the class.
 *
 * Weights are 1 / max(se, 1% of |mean|, 1e-9)^2, so each point counts by its precision and the
 * residual sum is a chi-square; the floor keeps points whose trials all agree (se = 0) from
 * dominating. Selection is by BIC = chi2 / phi + p ln m (m points, p = 1 for the constant class
 * and 2 for the others), where phi = max(1, smallest chi2 of a two-parameter class / (m - 2))
 * absorbs over-dispersion when no class fits within the errors (quasi-likelihood). The best class
 * is the SIMPLEST whose BIC is within {@link BIC_MARGIN} of the minimum: a richer class must be
 * clearly better (Kass and Raftery's "strong evidence"), so that a flat metric with noise is
 * called `1`, not `log n`. BIC rather than AIC because its penalty grows with the number of
 * points and it leans to the simpler model, the error a claim checker should prefer.
 */
export function fitSeries(points: readonly SeriesPoint[]): SeriesFit {
  const m = points.length;
  if (m < 3) throw new RangeError(`a complexity fit needs at least 3 points (got ${m})`);
  const w = points.map((p) => 1 / Math.max(p.se, 0.01 * Math.abs(p.mean), 1e-9) ** 2);
  const raw = CLASSES.map((cls) => fitClass(points, w, cls));
  const phi = Math.max(1, Math.min(...raw.filter((f) => f.cls !== '1').map((f) => f.chi2)) / (m - 2));
  const fits = raw.map((f) => ({ ...f, bic: f.chi2 / phi + (f.cls === '1' ? 1 : 2) * Math.log(m) }));
  const minBic = Math.min(...fits.map((f) => f.bic));
  const best = fits.find((f) => f.bic <= minBic + BIC_MARGIN)!.cls;
  return { fits, best };
}

function fitClass(points: readonly SeriesPoint[], w: readonly number[], cls: ComplexityClass): ClassFit {
  const m = points.length;
  const g = points.map((p) => GROWTH[cls](p.n));
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < m; i++) {
    sw += w[i]!;
    sx += w[i]! * g[i]!;
    sy += w[i]! * points[i]!.mean;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const dx = g[i]! - mx;
    sxx += w[i]! * dx * dx;
    sxy += w[i]! * dx * (points[i]!.mean - my);
  }
  let b = cls === '1' || sxx === 0 ? 0 : sxy / sxx;
  if (b < 0) b = 0;
  const a = my - b * mx;
  let chi2 = 0;
  let wtss = 0;
  let rel = 0;
  for (let i = 0; i < m; i++) {
    const y = points[i]!.mean;
    const r = y - (a + b * g[i]!);
    chi2 += w[i]! * r * r;
    wtss += w[i]! * (y - my) ** 2;
    rel += (r / Math.max(Math.abs(y), 1e-12)) ** 2;
  }
  return { cls, a, b, r2: wtss > 0 ? 1 - chi2 / wtss : 1, rmsRelError: Math.sqrt(rel / m), chi2, bic: Number.NaN };
}

/** Verdict of a complexity claim: the best class against the claimed one. */
export type ComplexityVerdict = 'tight' | 'upper-bound' | 'fails';

/** `tight` when best = claimed, `upper-bound` when best grows slower, `fails` when faster. */
export function complexityVerdict(claimed: ComplexityClass, best: ComplexityClass): ComplexityVerdict {
  const d = classRank(best) - classRank(claimed);
  return d === 0 ? 'tight' : d < 0 ? 'upper-bound' : 'fails';
}
