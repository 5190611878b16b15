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

/** The dissemination parameters (rumor mongering, memberlist), in both tables after the others (empty elsewhere). */
export const DISSEMINATION_PARAM_COLUMNS = ['feedback', 'removal', 'k', 'retransmit_mult', 'timing', 'interval'] as const;

/** The per-trial dissemination metrics of trials.csv (empty for other protocols, and where a share was never reached). */
export const SPREAD_TRIAL_COLUMNS = ['residue', 'mean_informed_round', 'last_informed_round', 'seconds_to_99', 'seconds_to_9999', 'seconds_to_all'] as const;

/** The per-point dissemination statistics of summary.csv, and the theory beside them. */
export const SPREAD_SUMMARY_COLUMNS = [
  'residue_mean',
  'mean_informed_round_mean',
  'last_informed_round_mean',
  'seconds_to_99_mean',
  'seconds_to_9999_mean',
  'seconds_to_all_mean',
  'reached_all_rate',
  'theory_residue_from_traffic',
  'theory_residue_mean_field',
  'theory_seconds_to_9999',
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
  // Dissemination (issue 13): its parameters, then its per-trial metrics.
  ...DISSEMINATION_PARAM_COLUMNS,
  ...SPREAD_TRIAL_COLUMNS,
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
  // Dissemination (issue 13): its parameters, then its statistics and theory.
  ...DISSEMINATION_PARAM_COLUMNS,
  ...SPREAD_SUMMARY_COLUMNS,
] as const;
