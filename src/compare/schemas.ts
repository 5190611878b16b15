// The columns compare reads from each file of a run folder, with their kinds (in the table
// schema of src/io/csv-read.ts). Other columns may be present and are ignored.
import { DISSEMINATION_PARAM_COLUMNS, EXTRA_PARAM_COLUMNS, POINT_HEAD_COLUMNS } from '../io/columns.ts';
import type { RowOf, TableSchema } from '../io/csv-read.ts';

/** The columns that name a point (besides `suite`): matched between runs, never the `point` index. */
export const POINT_PARAM_COLUMNS = [
  ...POINT_HEAD_COLUMNS.filter((c) => c !== 'suite' && c !== 'point'),
  ...EXTRA_PARAM_COLUMNS,
  ...DISSEMINATION_PARAM_COLUMNS,
] as const;

/** The columns a run may lack (older runs): the parameters added after the seed's. */
const OPTIONAL_COLUMNS = [...EXTRA_PARAM_COLUMNS, ...DISSEMINATION_PARAM_COLUMNS] as const;

/** The point columns shared by trials.csv and summary.csv, as compare reads them. */
const POINT_COLUMNS = {
  suite: 'string',
  point: 'number',
  protocol: 'string',
  n: 'number',
  fanout: 'number',
  threshold: 'number',
  start: 'string',
  split: 'number?',
  crash_fraction: 'number?',
  crash_round: 'number?',
  max_rounds: 'number',
  opinions: 'number?',
  bias: 'number?',
  loss_rate: 'number?',
  crash_recovery: 'number?',
  stubborn_fraction: 'number?',
  stubborn_opinion: 'number?',
  topology: 'string?',
  degree: 'number?',
  rewire: 'number?',
  engine: 'string?',
  feedback: 'string?',
  removal: 'string?',
  k: 'number?',
  retransmit_mult: 'number?',
  timing: 'string?',
  interval: 'number?',
} as const;

/** trials.csv: the point, the trial and its seed, and the outcome compared trial by trial. */
export const COMPARE_TRIALS_SCHEMA = {
  name: 'trials.csv',
  columns: {
    ...POINT_COLUMNS,
    trial: 'number',
    // Read as text: compared exactly, whatever its size.
    seed: 'string',
    rounds: 'number',
    converged: 'boolean',
    winner: 'string?',
    messages: 'number',
  },
  optional: OPTIONAL_COLUMNS,
} as const satisfies TableSchema;

/** summary.csv: the point and the means compared when trials cannot be compared one by one. */
export const COMPARE_SUMMARY_SCHEMA = {
  name: 'summary.csv',
  columns: {
    ...POINT_COLUMNS,
    trials: 'number',
    converged_rate: 'number',
    rounds_mean: 'number',
    rounds_sd: 'number?',
    rounds_ci95_low: 'number?',
    rounds_ci95_high: 'number?',
    messages_mean: 'number',
  },
  optional: OPTIONAL_COLUMNS,
} as const satisfies TableSchema;

/** The columns that name a throughput row, matched between runs. */
export const THROUGHPUT_KEY_COLUMNS = ['suite', 'protocol', 'n', 'fanout', 'threads'] as const;

/** throughput.csv: one row per timed (protocol, n, fanout, threads). */
export const COMPARE_THROUGHPUT_SCHEMA = {
  name: 'throughput.csv',
  columns: {
    suite: 'string',
    protocol: 'string',
    n: 'number',
    fanout: 'number',
    threads: 'number',
    ns_per_agent_round: 'number',
  },
} as const satisfies TableSchema;

/** throughput-samples.csv: every timed round, for the significance test between runs. */
export const COMPARE_SAMPLES_SCHEMA = {
  name: 'throughput-samples.csv',
  columns: {
    suite: 'string',
    protocol: 'string',
    n: 'number',
    fanout: 'number',
    threads: 'number',
    sample: 'number',
    ns_per_agent_round: 'number',
  },
} as const satisfies TableSchema;

/** A trials.csv row as compare reads it. */
export type CompareTrialRow = RowOf<(typeof COMPARE_TRIALS_SCHEMA)['columns']>;
/** A summary.csv row as compare reads it. */
export type CompareSummaryRow = RowOf<(typeof COMPARE_SUMMARY_SCHEMA)['columns']>;
/** A throughput.csv row as compare reads it. */
export type CompareThroughputRow = RowOf<(typeof COMPARE_THROUGHPUT_SCHEMA)['columns']>;
/** A throughput-samples.csv row as compare reads it. */
export type CompareSampleRow = RowOf<(typeof COMPARE_SAMPLES_SCHEMA)['columns']>;
