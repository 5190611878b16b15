// The columns the charts and the report read from each file of a run folder (and from
// results/history.csv), with their kinds. Other columns may be present and are ignored.
import type { RowOf, TableSchema } from './csv-read.ts';

/**
 * Columns of summary.csv that are read; `theory_rounds`, `leader0_rate` and the parameters after
 * the seed's (opinions .. rewire) are absent in older runs.
 */
export const SUMMARY_SCHEMA = {
  name: 'summary.csv',
  columns: {
    suite: 'string',
    point: 'number',
    protocol: 'string',
    n: 'number',
    fanout: 'number',
    threshold: 'number',
    start: 'string',
    split: 'number?',
    crash_fraction: 'number?',
    max_rounds: 'number',
    trials: 'number',
    converged_rate: 'number',
    winner0_rate: 'number',
    leader0_rate: 'number?',
    rounds_mean: 'number',
    rounds_sd: 'number?',
    rounds_ci95_low: 'number?',
    rounds_ci95_high: 'number?',
    rounds_p95: 'number?',
    messages_mean: 'number',
    final_agreement_mean: 'number?',
    theory_rounds: 'number?',
    opinions: 'number?',
    loss_rate: 'number?',
    crash_recovery: 'number?',
    stubborn_fraction: 'number?',
    topology: 'string?',
    degree: 'number?',
    rewire: 'number?',
    engine: 'string?',
    // Dissemination (issue 13), absent in older runs.
    feedback: 'string?',
    removal: 'string?',
    k: 'number?',
    timing: 'string?',
    interval: 'number?',
    residue_mean: 'number?',
    seconds_to_9999_mean: 'number?',
    theory_seconds_to_9999: 'number?',
  },
  optional: [
    'theory_rounds',
    'leader0_rate',
    'opinions',
    'loss_rate',
    'crash_recovery',
    'stubborn_fraction',
    'topology',
    'degree',
    'rewire',
    'engine',
    'feedback',
    'removal',
    'k',
    'timing',
    'interval',
    'residue_mean',
    'seconds_to_9999_mean',
    'theory_seconds_to_9999',
  ],
} as const satisfies TableSchema;

/** Columns of trials.csv that are read. */
export const TRIALS_SCHEMA = {
  name: 'trials.csv',
  columns: {
    suite: 'string',
    point: 'number',
    n: 'number',
    fanout: 'number',
    threshold: 'number',
    start: 'string',
    split: 'number?',
    trial: 'number',
    rounds: 'number',
    converged: 'boolean',
  },
} as const satisfies TableSchema;

/** Columns of agreement.csv: mean agreement after each round, and the mean-field prediction. */
export const AGREEMENT_SCHEMA = {
  name: 'agreement.csv',
  columns: {
    suite: 'string',
    point: 'number',
    n: 'number',
    fanout: 'number',
    start: 'string',
    split: 'number?',
    threshold: 'number',
    round: 'number',
    trials: 'number',
    agreement_mean: 'number',
    agreement_theory: 'number?',
  },
} as const satisfies TableSchema;

/** Columns of claims.csv: one verdict per claim. */
export const CLAIMS_SCHEMA = {
  name: 'claims.csv',
  columns: {
    suite: 'string',
    claim_id: 'string',
    kind: 'string',
    description: 'string?',
    metric: 'string?',
    statistic: 'string?',
    n: 'string?',
    fanout: 'string?',
    start: 'string?',
    split: 'string?',
    threshold: 'string?',
    crash_fraction: 'string?',
    claimed: 'string?',
    measured: 'number?',
    ci95_low: 'number?',
    ci95_high: 'number?',
    fraction_satisfied: 'number?',
    verdict: 'string',
    best_class: 'string?',
    detail: 'string?',
  },
} as const satisfies TableSchema;

/** Columns of throughput.csv: engine speed per (protocol, n, fanout, threads), the C yardstick beside it. */
export const THROUGHPUT_SCHEMA = {
  name: 'throughput.csv',
  columns: {
    protocol: 'string',
    n: 'number',
    fanout: 'number',
    threads: 'number',
    ns_per_agent_round: 'number',
    mad_ns: 'number?',
    samples: 'number?',
    yardstick_ns_per_agent_round: 'number?',
  },
  optional: ['yardstick_ns_per_agent_round'],
} as const satisfies TableSchema;

/** Columns of results/history.csv: one row per point per run, across commits. */
export const HISTORY_SCHEMA = {
  name: 'history.csv',
  columns: {
    commit: 'string',
    date: 'string',
    run_id: 'string',
    suite: 'string',
    point: 'string?',
    n: 'number?',
    fanout: 'number?',
    start: 'string?',
    threshold: 'number?',
    rounds_mean: 'number?',
    messages_mean: 'number?',
    converged_rate: 'number?',
    ns_per_agent_round: 'number?',
  },
} as const satisfies TableSchema;

/** A row of summary.csv. */
export type SummaryRow = RowOf<(typeof SUMMARY_SCHEMA)['columns']>;
/** A row of trials.csv. */
export type TrialRow = RowOf<(typeof TRIALS_SCHEMA)['columns']>;
/** A row of agreement.csv. */
export type AgreementRow = RowOf<(typeof AGREEMENT_SCHEMA)['columns']>;
/** A row of claims.csv. */
export type ClaimRow = RowOf<(typeof CLAIMS_SCHEMA)['columns']>;
/** A row of throughput.csv. */
export type ThroughputRow = RowOf<(typeof THROUGHPUT_SCHEMA)['columns']>;
/** A row of results/history.csv. */
export type HistoryRow = RowOf<(typeof HISTORY_SCHEMA)['columns']>;
