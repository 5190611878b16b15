// The worker protocol: a batch request (one point, a run of consecutive trials), and its reply
// (rows as one Float64Array, or the error with the point and seed that raised it).
import type { TrialParams } from '../engine/params.ts';

/** Asks a worker to run trials `firstTrial .. firstTrial + count - 1` of one point. */
export interface BatchRequest {
  /** Batch id, echoed in the response. */
  id: number;
  /** Index of the point in the run (across suites), echoed in errors. */
  pointIndex: number;
  /** The point's full parameters. */
  params: TrialParams;
  /** The point's seed base (see seeds.ts); trial t uses `trialSeedAt(seedBase, t)`. */
  seedBase: string;
  /** Index of the first trial of the batch. */
  firstTrial: number;
  /** Number of trials, >= 1. */
  count: number;
}

/** Fields of one row in {@link BatchRows.rows}, {@link ROW_WIDTH} numbers per trial. */
export const RowField = {
  seed: 0,
  rounds: 1,
  /** 1 when converged, else 0. */
  converged: 2,
  /** Winner opinion id, or -1 when the trial did not converge. */
  winner: 3,
  messages: 4,
  finalAgreement: 5,
  live: 6,
  /** The opinion held by the most live agents at the end, converged or not. */
  leader: 7,
  /**
   * Dissemination protocols, see `SpreadMetrics`: {@link ABSENT} for the other protocols, and
   * for the seconds where not reached (rows stay finite numbers, as the journal requires).
   */
  residue: 8,
  meanInformedRound: 9,
  lastInformedRound: 10,
  secondsTo99: 11,
  secondsTo9999: 12,
  secondsToAll: 13,
} as const;

/** A row field that does not apply, or a time never reached (every real value is >= 0). */
export const ABSENT = -1;

/** Numbers per trial in a row buffer. */
export const ROW_WIDTH = 14;

/** A successful batch: `count * ROW_WIDTH` numbers, trial by trial (buffers transferred). */
export interface BatchRows {
  id: number;
  rows: Float64Array;
  /**
   * Agreement after each round of every trial, trial by trial: trial t contributes `rounds_t`
   * numbers (its `rounds` field), so the layout follows from `rows`.
   */
  agreement: Float64Array;
}

/** What went wrong in a batch, and where. */
export interface BatchFailure {
  message: string;
  stack: string | null;
  pointIndex: number;
  /** Seed of the trial that threw; null when the point itself could not be set up. */
  seed: number | null;
  /** Index of the trial that threw; null when the point itself could not be set up. */
  trial: number | null;
}

/** A failed batch. */
export interface BatchError {
  id: number;
  error: BatchFailure;
}

/** A worker's reply to a {@link BatchRequest}. */
export type BatchResponse = BatchRows | BatchError;
