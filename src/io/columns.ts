// The columns of trials.csv and summary.csv, in order: the schema the harness writes and compare
// and the report read (see docs/results.md).

/** The columns that say which point a row belongs to, first in both tables (the seed's parameters). */
export const POINT_HEAD_COLUMNS = [
  'suite',
  'point',
  'protocol',
  'n',
  'fanout',
  'threshold',
  'start',
  'split',
  'crash_fraction',
  'crash_round',
  'max_rounds',
] as const;

/** The parameters beyond the seed's, last in both tables (empty where they do not apply). */
export const EXTRA_PARAM_COLUMNS = [
  'opinions',
  'bias',
  'loss_rate',
  'crash_recovery',
  'stubborn_fraction',
  'stubborn_opinion',
  'topology',
  'degree',
  'rewire',
  'engine',
] as const;

/** Columns of trials.csv, one row per trial. */
export const TRIAL_COLUMNS = [
  ...POINT_HEAD_COLUMNS,
  'trial',
  'seed',
  'rounds',
  'converged',
  'winner',
  'leader',
  'messages',
  'final_agreement',
  'live',
  ...EXTRA_PARAM_COLUMNS,
] as const;

/** Columns of summary.csv, one row per point. */
export const SUMMARY_COLUMNS = [
  ...POINT_HEAD_COLUMNS,
  'trials',
  'converged_rate',
  'winner0_rate',
  'leader0_rate',
  'rounds_mean',
  'rounds_sd',
  'rounds_ci95_low',
  'rounds_ci95_high',
  'rounds_p50',
  'rounds_p95',
  'rounds_max',
  'messages_mean',
  'messages_per_agent',
  'final_agreement_mean',
  'theory_rounds',
  'agreement_by_round',
  'theory_agreement_by_round',
  ...EXTRA_PARAM_COLUMNS,
] as const;
