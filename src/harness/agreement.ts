// Agreement after each round, measured (mean over the trials that ran the round) beside the
// mean-field theory of the majority rule; the rows of agreement.csv.
import type { PointTheory } from '../claims/theory.ts';
import type { CsvCell } from '../io/csv-write.ts';
import { ROW_WIDTH, RowField } from './messages.ts';
import type { SweepPoint } from './sweep.ts';

/** Mean agreement after round r + 1 at index r, over the `trials[r]` trials that ran round r + 1. */
export interface AgreementByRound {
  mean: number[];
  trials: number[];
}

/**
 * Averages the agreement histories of a point's trials round by round. `agreement` holds, trial by
 * trial, `rounds` numbers each (the rounds field of `rows`). A trial that stopped (converged or
 * at its limit) no longer counts in later rounds, so late means are over the slower trials.
 */
export function agreementByRound(rows: Float64Array, agreement: Float64Array, trials: number): AgreementByRound {
  const sum: number[] = [];
  const count: number[] = [];
  let at = 0;
  for (let t = 0; t < trials; t++) {
    const rounds = rows[t * ROW_WIDTH + RowField.rounds] as number;
    for (let r = 0; r < rounds; r++) {
      sum[r] = (sum[r] ?? 0) + (agreement[at + r] as number);
      count[r] = (count[r] ?? 0) + 1;
    }
    at += rounds;
  }
  return { mean: sum.map((s, r) => s / (count[r] as number)), trials: count };
}

/** Columns of agreement.csv, one row per point and round. */
export const AGREEMENT_COLUMNS = [
  'suite',
  'point',
  'n',
  'fanout',
  'start',
  'split',
  'threshold',
  'round',
  'trials',
  'agreement_mean',
  'agreement_theory',
  'protocol',
  'topology',
] as const;

/** The agreement.csv rows of one point. */
export function agreementRows(p: SweepPoint, measured: AgreementByRound, theory: PointTheory | null): CsvCell[][] {
  const { plan } = p;
  return measured.mean.map((mean, r) => [
    p.suite,
    p.point,
    plan.n,
    plan.fanout,
    plan.start,
    plan.split,
    plan.threshold,
    r + 1,
    measured.trials[r],
    mean,
    theory?.agreement[r] ?? null,
    plan.protocol,
    plan.topology,
  ]);
}

/** A list of numbers as one CSV cell: `0.836266;0.966078` (6 decimals, `;`-separated). */
export function listCell(xs: readonly number[]): string {
  return xs.map((x) => String(Number(x.toFixed(6)))).join(';');
}
