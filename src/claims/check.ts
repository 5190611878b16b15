// Checking a suite's claims against its measured points: one result per bound claim and matching
// point, one per complexity claim and series, each with a verdict and the numbers behind it.
import { DEFAULTS, type TrialParams, type TrialPlan } from '../engine/params.ts';
import { proportionCi95, summarize } from '../stats/summary.ts';
import { DEFAULT_LEVEL, DEFAULT_TOLERANCE, type BoundClaim, type Claim, type ComplexityClaim, type Metric, type PointFilter, type SpreadMetric } from './claim.ts';
import { residueFromTraffic, serfSecondsTo9999 } from './dissemination-theory.ts';
import { pointTheory } from './theory.ts';
import { BIC_MARGIN, complexityVerdict, fitSeries, type ClassFit, type ComplexityClass } from './complexity.ts';

/** What a point measured, per metric one value per trial. */
export interface PointMeasurements {
  suite: string;
  point: number;
  /** The point's parameters as requested (defaults filled in): what claims select by. */
  params: TrialParams;
  /** The engine's plan of the point (actual split, k, ...). */
  plan: TrialPlan;
  /** Every metric; the dissemination ones (see `SpreadMetric`) may be absent (then NaN). */
  values: Record<Exclude<Metric, SpreadMetric>, ArrayLike<number>> & Partial<Record<SpreadMetric, ArrayLike<number>>>;
}

/** The values of `metric` at a point: NaN per trial where the point has none. */
function metricValues(p: PointMeasurements, metric: Metric): ArrayLike<number> {
  return p.values[metric] ?? new Float64Array(p.values.rounds.length).fill(Number.NaN);
}

/** Verdict words: bound claims `holds`/`fails`; complexity claims `tight`/`upper-bound`/`fails`. */
export type Verdict = 'holds' | 'fails' | 'tight' | 'upper-bound';

/** The outcome of one claim at one point (bound) or on one series (complexity). */
export interface ClaimResult {
  suite: string;
  claim: Claim;
  /** The point's plan (bound), or the first point's plan of the series (complexity; n varies). */
  plan: TrialPlan;
  /** How the metric was summarised, in words: `share of trials`, `mean`, `fit over n`. */
  statistic: string;
  /** The claim's side: `< 3`, `~ 90`, `log n`. */
  claimed: string;
  /** Mean of the metric (bound), or null (complexity). */
  measured: number | null;
  ci95Low: number | null;
  ci95High: number | null;
  /** Share of trials satisfying the bound (bound claims), else null. */
  fractionSatisfied: number | null;
  verdict: Verdict;
  /** The best-fitting class (complexity claims), else null. */
  bestClass: ComplexityClass | null;
  /** Every class's fit (complexity claims). */
  fits: ClassFit[] | null;
  /** The numbers behind the verdict in one line. */
  detail: string;
}

/** A claim that could not be checked (no matching points, a series too short). */
export interface ClaimWarning {
  suite: string;
  claimId: string;
  message: string;
}

/** What a filter compares with when a point's params leave the key out (the engine's default). */
const FILTER_DEFAULTS: Partial<Record<keyof PointFilter, number | string>> = {
  protocol: DEFAULTS.protocol,
  topology: DEFAULTS.topology,
  lossRate: DEFAULTS.lossRate,
  stubbornFraction: DEFAULTS.stubbornFraction,
  engine: DEFAULTS.engine,
};

/**
 * Whether a point's requested parameters match every parameter of a filter (`split` is the
 * requested split, not the realised round(split * n) / n; it never matches a near-balanced point;
 * `opinions` matches plurality starts only). A `protocol`, `topology`, `lossRate`,
 * `stubbornFraction` or `engine` the point leaves out is the engine's default. `rule` matches the
 * points of that user rule, and a point with a rule matches no `protocol`.
 */
export function matches(params: TrialParams, filter: PointFilter | undefined): boolean {
  if (filter === undefined) return true;
  return (Object.keys(filter) as (keyof PointFilter)[]).every((k) => {
    const want = filter[k];
    const rule = params.rule == null ? undefined : typeof params.rule === 'string' ? params.rule : params.rule.name;
    if (k === 'rule') return want === rule;
    if (k === 'protocol' && rule !== undefined) return false;
    const have = params[k] ?? FILTER_DEFAULTS[k];
    return typeof want === 'number' && typeof have === 'number' ? Math.abs(want - have) <= 1e-12 * Math.max(1, Math.abs(want)) : want === have;
  });
}

/** How a `'theory'` value is labelled, by metric (default `mean-field`). */
const THEORY_NAMES: Partial<Record<Metric, string>> = { residue: 'e^-m', seconds_to_9999: 'Serf' };

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString());
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function satisfies(x: number, c: BoundClaim['comparator'], v: number, tol: number): boolean {
  switch (c) {
    case '<':
      return x < v;
    case '<=':
      return x <= v;
    case '>':
      return x > v;
    case '>=':
      return x >= v;
    case '~':
      return Math.abs(x - v) <= tol * Math.abs(v);
  }
}

/**
 * The value a bound claim compares with at a point: its number, or for `'theory'` the point's
 * mean-field prediction: of `rounds`, the rounds to the threshold (null when never reached); of
 * `final_agreement`, the agreement after those rounds, or after `maxRounds` when the threshold is
 * never reached (where a stalled network settles). Null when the theory does not apply there.
 */
function claimValue(claim: BoundClaim, p: PointMeasurements): number | null {
  if (claim.value !== 'theory') return claim.value;
  if (claim.metric === 'seconds_to_9999') return serfSecondsTo9999(p.plan);
  if (claim.metric === 'residue') {
    const traffic = summarize(metricValues(p, 'traffic')).mean;
    return Number.isFinite(traffic) ? residueFromTraffic(traffic, p.plan.lossRate) : null;
  }
  const theory = pointTheory(p.plan, p.plan.maxRounds);
  if (theory === null) return null;
  if (claim.metric === 'rounds') return theory.rounds;
  return theory.agreement[(theory.rounds ?? p.plan.maxRounds) - 1] ?? null;
}

/** The finite values of a metric (a time never reached is +Infinity; see `SpreadMetric`). */
function finiteOf(values: ArrayLike<number>): number[] {
  return Array.from(values).filter((x) => Number.isFinite(x));
}

function checkBound(claim: BoundClaim, value: number, p: PointMeasurements): ClaimResult {
  const values = metricValues(p, claim.metric);
  // Trials that never reached a share (seconds = +Infinity) count in the share of trials, but the
  // mean is over the others, and a '~' claim about the mean then fails (the true mean is infinite).
  const finite = finiteOf(values);
  const missing = values.length - finite.length;
  const none = { mean: Number.NaN, ci95Low: Number.NaN, ci95High: Number.NaN, p95: Number.NaN, max: Number.NaN };
  const s = finite.length > 0 ? summarize(finite) : none;
  const never = missing === 0 ? '' : `; ${missing} of ${values.length} trials never got there (${finite.length > 0 ? 'left out of the mean' : 'no mean'})`;
  const tol = claim.tolerance ?? DEFAULT_TOLERANCE;
  let ok = 0;
  for (let i = 0; i < values.length; i++) if (satisfies(values[i]!, claim.comparator, value, tol)) ok++;
  const fraction = ok / values.length;
  const wilson = proportionCi95(ok, values.length);
  const base = {
    suite: p.suite,
    claim,
    plan: p.plan,
    claimed: claim.value === 'theory' ? `${claim.comparator} ${fmt(value)} (${THEORY_NAMES[claim.metric] ?? 'mean-field'})` : `${claim.comparator} ${value}`,
    measured: s.mean,
    ci95Low: s.ci95Low,
    ci95High: s.ci95High,
    fractionSatisfied: fraction,
    bestClass: null,
    fits: null,
  };
  if (claim.comparator === '~') {
    const lo = value * (1 - tol);
    const hi = value * (1 + tol);
    const within = satisfies(s.mean, '~', value, tol);
    const holds = missing === 0 && within;
    return {
      ...base,
      statistic: `mean within +-${pct(tol)}`,
      verdict: holds ? 'holds' : 'fails',
      detail: `mean ${claim.metric} ${fmt(s.mean)} (95% CI ${fmt(s.ci95Low)}..${fmt(s.ci95High)}) ${within ? 'is' : 'is not'} within ${fmt(lo)}..${fmt(hi)}; ${pct(fraction)} of ${values.length} trials are${never}${missing > 0 ? ', so the claim about the mean fails' : ''}`,
    };
  }
  const level = claim.level ?? DEFAULT_LEVEL;
  const holds = fraction >= level;
  return {
    ...base,
    statistic: `share of trials (>= ${pct(level)})`,
    verdict: holds ? 'holds' : 'fails',
    detail: `${pct(fraction)} of ${values.length} trials have ${claim.metric} ${claim.comparator} ${value} (95% CI ${pct(wilson.low)}..${pct(wilson.high)}), ${holds ? 'at least' : 'below'} the ${pct(level)} required; mean ${fmt(s.mean)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)}${never}`,
  };
}

/** The key of the series a point belongs to: every requested parameter but n. */
function seriesKey(params: TrialParams): string {
  const p = params;
  return [
    p.fanout,
    p.threshold,
    p.maxRounds,
    p.start,
    p.split,
    p.crashFraction,
    p.crashRound,
    p.protocol,
    p.opinions,
    p.bias,
    p.lossRate,
    p.crashRecovery,
    p.stubbornFraction,
    p.stubbornOpinion,
    p.topology,
    p.degree,
    p.rewire,
    p.engine,
    typeof p.rule === 'string' || p.rule == null ? p.rule : p.rule.name,
    p.feedback,
    p.removal,
    p.k,
    p.retransmitMult,
    p.timing,
    p.interval,
  ].join('|');
}

function checkComplexity(claim: ComplexityClaim, series: PointMeasurements[]): ClaimResult {
  const sorted = [...series].sort((a, b) => a.plan.n - b.plan.n);
  const pts = sorted.map((p) => {
    const s = summarize(finiteOf(metricValues(p, claim.metric)));
    return { n: p.plan.n, mean: s.mean, se: s.count > 1 ? s.sd / Math.sqrt(s.count) : 0 };
  });
  const fit = fitSeries(pts);
  const verdict = complexityVerdict(claim.claimed, fit.best);
  const fits = fit.fits
    .map((f) => `${f.cls}: a=${fmt(f.a)} b=${fmt(f.b)} R2=${f.r2.toFixed(3)} err=${pct(f.rmsRelError)} BIC=${f.bic.toFixed(1)}`)
    .join('; ');
  const range = `${pts.map((q) => `${fmt(q.n)}:${fmt(q.mean)}`).join(' ')}`;
  const bestFit = fit.fits.find((f) => f.cls === fit.best)!;
  const minFit = fit.fits.reduce((a, b) => (b.bic < a.bic ? b : a));
  const why =
    minFit.cls === fit.best
      ? `lowest BIC`
      : `simplest within ${BIC_MARGIN} of the lowest BIC (${minFit.cls} is ${(bestFit.bic - minFit.bic).toFixed(1)} lower, not clearly better: more trials or larger n may separate them)`;
  return {
    suite: sorted[0]!.suite,
    claim,
    plan: sorted[0]!.plan,
    statistic: 'mean, fit over n',
    claimed: claim.claimed,
    measured: null,
    ci95Low: null,
    ci95High: null,
    fractionSatisfied: null,
    verdict,
    bestClass: fit.best,
    fits: fit.fits,
    detail: `best ${fit.best} (claimed ${claim.claimed}; ${why}); means by n ${range}; fits ${fits}`,
  };
}

/**
 * Checks a suite's claims against its points. Bound claims give one result per matching point;
 * complexity claims one per series (points matching `where` with n >= `minN`, grouped by every
 * parameter but n, with at least 3 values of n). Claims that match nothing come back as warnings.
 */
export function checkClaims(suite: string, claims: readonly Claim[], points: readonly PointMeasurements[]): { results: ClaimResult[]; warnings: ClaimWarning[] } {
  const results: ClaimResult[] = [];
  const warnings: ClaimWarning[] = [];
  for (const claim of claims) {
    if (claim.kind === 'bound') {
      const hit = points.filter((p) => matches(p.params, claim.at));
      if (hit.length === 0) warnings.push({ suite, claimId: claim.id, message: 'no point of the run matches the claim' });
      for (const p of hit) {
        const value = claimValue(claim, p);
        if (value === null) warnings.push({ suite, claimId: claim.id, message: `no ${THEORY_NAMES[claim.metric] ?? 'mean-field'} prediction of ${claim.metric} at point ${p.point} (see theory_rounds)` });
        else results.push(checkBound(claim, value, p));
      }
      continue;
    }
    const groups = new Map<string, PointMeasurements[]>();
    for (const p of points) {
      if (!matches(p.params, claim.where) || p.plan.n < (claim.minN ?? 0)) continue;
      const key = seriesKey(p.params);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    let checked = 0;
    for (const series of groups.values()) {
      if (new Set(series.map((p) => p.plan.n)).size < 3) continue;
      results.push(checkComplexity(claim, series));
      checked++;
    }
    if (checked === 0) warnings.push({ suite, claimId: claim.id, message: 'no series of at least 3 values of n matches the claim' });
  }
  return { results, warnings };
}
