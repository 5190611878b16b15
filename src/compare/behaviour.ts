// The behaviour half of a comparison: points matched by their parameters, then compared trial by
// trial when both runs used the same master seed, or by their means otherwise; points found in
// one run only are listed.
import { compareTrials, type ExactComparison } from './exact.ts';
import { holmAdjust } from './holm.ts';
import type { CompareRun } from './load.ts';
import { compareMeans, sampleFromSummary, sampleFromTrials, type MetricComparison, type PointSample } from './means.ts';
import { matchKeys, pointKey, pointParams, type PointParams, type PointRef } from './points.ts';
import type { CompareSummaryRow, CompareTrialRow } from './schemas.ts';

/** Options of {@link compareBehaviour}. */
export interface BehaviourOptions {
  /** Family-wise significance level of the means comparisons (Holm). */
  alpha: number;
  /** Changed trials kept per point as a sample. */
  maxDiffs: number;
}

/** Fields shared by both kinds of point result. */
interface PointResultBase {
  key: string;
  params: PointParams;
  /** The `point` index in each run (they may differ). */
  basePoint: number;
  headPoint: number;
  /** Whether the point's behaviour changed (a changed trial, or a significant difference). */
  changed: boolean;
}

/** A point compared trial by trial (same master seed, trials in both runs). */
export interface ExactPointResult extends PointResultBase {
  method: 'exact';
  exact: ExactComparison;
}

/** A point compared by its means. */
export interface MeansPointResult extends PointResultBase {
  method: 'means';
  /** Why the trials were not compared one by one, e.g. `master seeds differ`. */
  reason: string;
  metrics: MetricComparison[];
}

/** One matched point. */
export type PointResult = ExactPointResult | MeansPointResult;

/** The behaviour comparison of two runs. */
export interface BehaviourResult {
  /** Both run.json give the same masterSeed. */
  sameSeed: boolean;
  baseSeed: string | number | null;
  headSeed: string | number | null;
  /** Matched points, in BASE's order. */
  points: PointResult[];
  onlyInBase: PointRef[];
  onlyInHead: PointRef[];
  /** Points whose behaviour changed. */
  changed: number;
  /** How many tests Holm's correction ran over (0 when every point was compared exactly). */
  tests: number;
}

/** A point of one run: where it is, its summary row and its trials (either may be missing). */
interface RunPoint {
  ref: PointRef;
  summary: CompareSummaryRow | null;
  trials: CompareTrialRow[] | null;
}

/** The points of a run by key: from summary.csv, and from trials.csv for any it lacks. */
function pointsOf(run: CompareRun): Map<string, RunPoint> {
  const out = new Map<string, RunPoint>();
  const refOf = (row: CompareSummaryRow | CompareTrialRow): PointRef => {
    const params = pointParams(row);
    return { key: pointKey(params), params, point: row.point };
  };
  for (const row of run.summary ?? []) {
    const ref = refOf(row);
    if (!out.has(ref.key)) out.set(ref.key, { ref, summary: row, trials: null });
  }
  for (const row of run.trials ?? []) {
    const ref = refOf(row);
    let p = out.get(ref.key);
    if (p === undefined) {
      p = { ref, summary: null, trials: null };
      out.set(ref.key, p);
    }
    (p.trials ??= []).push(row);
  }
  return out;
}

/** A point's figures from its trials when there are any, else from its summary row. */
function sampleOf(p: RunPoint): PointSample | null {
  if (p.trials !== null && p.trials.length > 0) return sampleFromTrials(p.trials);
  return p.summary === null ? null : sampleFromSummary(p.summary);
}

/** Why a matched point is compared by means rather than trial by trial. */
function meansReason(sameSeed: boolean, base: CompareRun, head: CompareRun, b: RunPoint): string {
  if (!sameSeed) return 'master seeds differ';
  if (base.trials === null) return 'BASE has no trials.csv';
  if (head.trials === null) return 'HEAD has no trials.csv';
  return b.trials === null ? 'no trials of this point in BASE' : 'no trials of this point in HEAD';
}

/**
 * Compares the behaviour of two runs, point by point (matched by suite and parameters).
 *
 * With the same master seed, every trial of a matched point has the same seed in both runs, so
 * the same code must give the same rows: any difference in a trial's seed, rounds, converged,
 * winner or messages marks the point changed. Otherwise (different seeds, or trials missing) the
 * point's rounds and messages are compared with Welch's t-test and its converged rate with
 * Fisher's exact test; the p-values of all these tests are Holm-corrected together and a point
 * changed when any of its tests is significant at `alpha`.
 */
export function compareBehaviour(base: CompareRun, head: CompareRun, options: BehaviourOptions): BehaviourResult {
  const baseSeed = base.info.masterSeed;
  const headSeed = head.info.masterSeed;
  const sameSeed = baseSeed !== null && headSeed !== null && String(baseSeed) === String(headSeed);
  const bp = pointsOf(base);
  const hp = pointsOf(head);
  const { both, onlyInBase, onlyInHead } = matchKeys(bp, hp);
  const points: PointResult[] = [];
  for (const key of both) {
    const b = bp.get(key) as RunPoint;
    const h = hp.get(key) as RunPoint;
    const common = { key, params: b.ref.params, basePoint: b.ref.point, headPoint: h.ref.point };
    if (sameSeed && b.trials !== null && h.trials !== null) {
      const exact = compareTrials(b.trials, h.trials, options.maxDiffs);
      points.push({ ...common, method: 'exact', exact, changed: exact.trialsChanged > 0 });
      continue;
    }
    const sb = sampleOf(b);
    const sh = sampleOf(h);
    const metrics = sb === null || sh === null ? [] : compareMeans(sb, sh);
    points.push({ ...common, method: 'means', reason: meansReason(sameSeed, base, head, b), metrics, changed: false });
  }
  // Holm over every test that could run, across all points.
  const tested: MetricComparison[] = [];
  for (const p of points) if (p.method === 'means') for (const m of p.metrics) if (m.p !== null) tested.push(m);
  const adjusted = holmAdjust(tested.map((m) => m.p as number));
  tested.forEach((m, i) => {
    m.pAdjusted = adjusted[i] as number;
    m.significant = m.pAdjusted < options.alpha;
  });
  for (const p of points) if (p.method === 'means') p.changed = p.metrics.some((m) => m.significant);
  return {
    sameSeed,
    baseSeed,
    headSeed,
    points,
    onlyInBase: onlyInBase.map((k) => (bp.get(k) as RunPoint).ref),
    onlyInHead: onlyInHead.map((k) => (hp.get(k) as RunPoint).ref),
    changed: points.filter((p) => p.changed).length,
    tests: tested.length,
  };
}
