// The dissemination columns of the result tables (rumor mongering, memberlist): their parameters,
// the per-trial residue and times, and per point their means beside the theory. Appended at the
// end of trials.csv and summary.csv; empty for the other protocols.
import type { SpreadMetric } from '../claims/claim.ts';
import { meanFieldResidue, residueFromTraffic, serfSecondsTo9999 } from '../claims/dissemination-theory.ts';
import { isDeployed } from '../engine/constants.ts';
import { SPREAD_SUMMARY_COLUMNS } from '../io/columns.ts';
import type { CsvCell } from '../io/csv-write.ts';
import { ROW_WIDTH, RowField } from './messages.ts';
import type { SweepPoint } from './sweep.ts';

/** The trial fields behind `SPREAD_TRIAL_COLUMNS` (io/columns.ts), in order. */
const SPREAD_FIELDS = [
  RowField.residue,
  RowField.meanInformedRound,
  RowField.lastInformedRound,
  RowField.secondsTo99,
  RowField.secondsTo9999,
  RowField.secondsToAll,
] as const;

/** The dissemination parameter cells of a point (null where the point's key leaves them out). */
export function disseminationParamCells(p: SweepPoint): CsvCell[] {
  const q = p.params;
  return [q.feedback ?? null, q.removal ?? null, q.k ?? null, q.retransmitMult ?? null, q.timing ?? null, q.interval ?? null];
}

/** The dissemination metric cells of trial row `at` of `rows` (ABSENT, i.e. < 0, is empty). */
export function spreadTrialCells(rows: Float64Array, at: number): CsvCell[] {
  return SPREAD_FIELDS.map((f) => {
    const x = rows[at + f] as number;
    return x < 0 ? null : x;
  });
}

/** A point's dissemination statistics and the theory beside them (see {@link SPREAD_SUMMARY_COLUMNS}). */
export interface SpreadSummary {
  residueMean: number;
  meanInformedRoundMean: number;
  lastInformedRoundMean: number;
  /** Mean seconds over the trials that reached the share; null when none did. */
  secondsTo99Mean: number | null;
  secondsTo9999Mean: number | null;
  secondsToAllMean: number | null;
  /** Share of trials that informed every live agent. */
  reachedAllRate: number;
  /** e^(-m (1 - loss)) with m the mean messages per agent. */
  theoryResidueFromTraffic: number;
  /** The mean-field residue (feedback + coin only). */
  theoryResidueMeanField: number | null;
  /** Serf's formula (memberlist only). */
  theorySecondsTo9999: number | null;
}

/** The mean of field `f` over a point's trials, counting only those where it is >= 0; null if none. */
function meanOf(rows: Float64Array, trials: number, f: number): { mean: number | null; count: number } {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < trials; t++) {
    const x = rows[t * ROW_WIDTH + f] as number;
    if (x < 0) continue;
    sum += x;
    count++;
  }
  return { mean: count === 0 ? null : sum / count, count };
}

/** Summarises a dissemination point's trials; null for the other protocols. */
export function summarizeSpread(p: SweepPoint, rows: Float64Array): SpreadSummary | null {
  if (!isDeployed(p.plan.protocol)) return null;
  const trials = p.trials;
  const m = meanOf(rows, trials, RowField.messages).mean! / p.plan.n;
  const all = meanOf(rows, trials, RowField.secondsToAll);
  return {
    residueMean: meanOf(rows, trials, RowField.residue).mean!,
    meanInformedRoundMean: meanOf(rows, trials, RowField.meanInformedRound).mean!,
    lastInformedRoundMean: meanOf(rows, trials, RowField.lastInformedRound).mean!,
    secondsTo99Mean: meanOf(rows, trials, RowField.secondsTo99).mean,
    secondsTo9999Mean: meanOf(rows, trials, RowField.secondsTo9999).mean,
    secondsToAllMean: all.mean,
    reachedAllRate: all.count / trials,
    theoryResidueFromTraffic: residueFromTraffic(m, p.plan.lossRate),
    theoryResidueMeanField: meanFieldResidue(p.plan),
    theorySecondsTo9999: serfSecondsTo9999(p.plan),
  };
}

/** The summary.csv cells of {@link SPREAD_SUMMARY_COLUMNS} (all empty for other protocols). */
export function spreadSummaryCells(s: SpreadSummary | null): CsvCell[] {
  if (s === null) return SPREAD_SUMMARY_COLUMNS.map(() => null);
  return [
    s.residueMean,
    s.meanInformedRoundMean,
    s.lastInformedRoundMean,
    s.secondsTo99Mean,
    s.secondsTo9999Mean,
    s.secondsToAllMean,
    s.reachedAllRate,
    s.theoryResidueFromTraffic,
    s.theoryResidueMeanField,
    s.theorySecondsTo9999,
  ];
}

/**
 * The dissemination metrics claims can speak of, per trial: `residue`, `traffic` (messages per
 * agent), the seconds (+Infinity where never reached, so a bound on them fails honestly) and
 * `reached_all` (1 when every live agent was informed). NaN for the other protocols.
 */
export function spreadValues(p: SweepPoint, rows: Float64Array): Record<SpreadMetric, Float64Array> {
  const deployed = isDeployed(p.plan.protocol);
  const column = (f: number, map: (x: number) => number): Float64Array => {
    const out = new Float64Array(p.trials);
    for (let t = 0; t < p.trials; t++) out[t] = deployed ? map(rows[t * ROW_WIDTH + f] as number) : Number.NaN;
    return out;
  };
  const seconds = (x: number): number => (x < 0 ? Infinity : x);
  return {
    residue: column(RowField.residue, (x) => x),
    traffic: column(RowField.messages, (x) => x / p.plan.n),
    seconds_to_99: column(RowField.secondsTo99, seconds),
    seconds_to_9999: column(RowField.secondsTo9999, seconds),
    seconds_to_all: column(RowField.secondsToAll, seconds),
    reached_all: column(RowField.secondsToAll, (x) => (x < 0 ? 0 : 1)),
  };
}
