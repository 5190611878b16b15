// Comparing one point's means between two runs whose trials cannot be matched one by one
// (different master seeds, or no trials.csv): rounds and messages with Welch's t-test, the
// converged rate with Fisher's exact test, each with its 95% interval for the report.
import { proportionCi95, summarize, tQuantile975 } from '../stats/summary.ts';
import { fisherExact } from './fisher.ts';
import type { CompareSummaryRow, CompareTrialRow } from './schemas.ts';
import { welchTest, type MeanSummary } from './welch.ts';

/** The metrics compared, named after their summary.csv columns. */
export const MEAN_METRICS = ['rounds_mean', 'messages_mean', 'converged_rate'] as const;

/** A metric compared between runs. */
export type MeanMetric = (typeof MEAN_METRICS)[number];

/** A mean with its 95% interval (null when it cannot be computed) and the number of trials. */
export interface Estimate {
  value: number;
  ci95Low: number | null;
  ci95High: number | null;
  count: number;
}

/** What one run says about a point: summaries of rounds and messages, and the convergences. */
export interface PointSample {
  /** Where the figures come from: every trial, or summary.csv alone. */
  source: 'trials' | 'summary';
  /** Rounds; `sd` is null when summary.csv leaves it empty. */
  rounds: Estimate & { sd: number | null };
  /** Messages; from summary.csv `sd` is derived (see {@link sampleFromSummary}). */
  messages: Estimate & { sd: number | null };
  converged: { successes: number; trials: number };
}

/** One metric of one point compared. */
export interface MetricComparison {
  metric: MeanMetric;
  base: Estimate;
  head: Estimate;
  /** `welch` for rounds and messages, `fisher` for the converged rate. */
  test: 'welch' | 'fisher';
  /** Two-sided p-value, or null when the test cannot run (fewer than two trials, no sd). */
  p: number | null;
  /** p after Holm's correction over every test of the comparison (set by the behaviour step). */
  pAdjusted: number | null;
  /** pAdjusted below the significance level. */
  significant: boolean;
}

/** A t interval mean ± t₀.₉₇₅(n−1)·sd/√n, or nulls when it cannot be formed. */
function tInterval(mean: number, sd: number | null, count: number): { ci95Low: number | null; ci95High: number | null } {
  if (sd === null || count < 2) return { ci95Low: null, ci95High: null };
  const half = (tQuantile975(count - 1) * sd) / Math.sqrt(count);
  return { ci95Low: mean - half, ci95High: mean + half };
}

/** Summarises a point from its trials.csv rows (at least one). */
export function sampleFromTrials(rows: readonly CompareTrialRow[]): PointSample {
  const rounds = summarize(rows.map((r) => r.rounds));
  const messages = summarize(rows.map((r) => r.messages));
  const estimate = (s: typeof rounds) => ({
    value: s.mean,
    sd: s.sd,
    count: s.count,
    ...(s.count < 2 ? { ci95Low: null, ci95High: null } : { ci95Low: s.ci95Low, ci95High: s.ci95High }),
  });
  return {
    source: 'trials',
    rounds: estimate(rounds),
    messages: estimate(messages),
    converged: { successes: rows.filter((r) => r.converged).length, trials: rows.length },
  };
}

/**
 * Summarises a point from its summary.csv row. summary.csv has no standard deviation of messages:
 * it is taken as rounds_sd · messages_mean / rounds_mean, exact when every round costs the same
 * (no crashes: messages = rounds · n · min(fanout, n − 1)) and an approximation with crashes.
 * The converged count is converged_rate · trials, rounded.
 */
export function sampleFromSummary(row: CompareSummaryRow): PointSample {
  const count = row.trials;
  const roundsSd = row.rounds_sd;
  const messagesSd = roundsSd === null || !(row.rounds_mean > 0) ? null : (roundsSd * row.messages_mean) / row.rounds_mean;
  const roundsCi =
    row.rounds_ci95_low !== null && row.rounds_ci95_high !== null
      ? { ci95Low: row.rounds_ci95_low, ci95High: row.rounds_ci95_high }
      : tInterval(row.rounds_mean, roundsSd, count);
  return {
    source: 'summary',
    rounds: { value: row.rounds_mean, sd: roundsSd, count, ...roundsCi },
    messages: { value: row.messages_mean, sd: messagesSd, count, ...tInterval(row.messages_mean, messagesSd, count) },
    converged: { successes: Math.round(row.converged_rate * count), trials: count },
  };
}

/** The converged rate as an estimate with its Wilson 95% interval. */
function rateEstimate(c: PointSample['converged']): Estimate {
  if (c.trials < 1) return { value: NaN, ci95Low: null, ci95High: null, count: 0 };
  const ci = proportionCi95(c.successes, c.trials);
  return { value: c.successes / c.trials, ci95Low: ci.low, ci95High: ci.high, count: c.trials };
}

/** Welch's p for two estimates, or null without a standard deviation on either side. */
function welchP(a: PointSample['rounds'], b: PointSample['rounds']): number | null {
  if (a.sd === null || b.sd === null) return null;
  const sa: MeanSummary = { mean: a.value, sd: a.sd, count: a.count };
  const sb: MeanSummary = { mean: b.value, sd: b.sd, count: b.count };
  return welchTest(sa, sb).p;
}

/** Drops the sd field: what the report shows of an estimate. */
function estimate(e: Estimate): Estimate {
  return { value: e.value, ci95Low: e.ci95Low, ci95High: e.ci95High, count: e.count };
}

/**
 * Compares a point's rounds, messages (Welch's t-test) and converged rate (Fisher's exact test)
 * between two runs. p-values are unadjusted here; `pAdjusted` and `significant` are filled in
 * once every point's tests are known (Holm's correction).
 */
export function compareMeans(base: PointSample, head: PointSample): MetricComparison[] {
  const { converged: cb } = base;
  const { converged: ch } = head;
  const rateP = cb.trials > 0 && ch.trials > 0 ? fisherExact(cb.successes, cb.trials, ch.successes, ch.trials) : null;
  const make = (metric: MeanMetric, b: Estimate, h: Estimate, test: 'welch' | 'fisher', p: number | null): MetricComparison => ({
    metric,
    base: estimate(b),
    head: estimate(h),
    test,
    p,
    pAdjusted: null,
    significant: false,
  });
  return [
    make('rounds_mean', base.rounds, head.rounds, 'welch', welchP(base.rounds, head.rounds)),
    make('messages_mean', base.messages, head.messages, 'welch', welchP(base.messages, head.messages)),
    make('converged_rate', rateEstimate(cb), rateEstimate(ch), 'fisher', rateP),
  ];
}
