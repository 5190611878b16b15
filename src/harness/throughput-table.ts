// The throughput tables: throughput.csv (one row per point, with the yardstick beside it and the
// run's context) and throughput-samples.csv (every timed round, for significance tests).
import type { CsvCell } from '../io/csv-write.ts';
import type { RunInfo } from './runinfo.ts';
import type { ThroughputRow } from './throughput.ts';

/** Columns of throughput.csv. */
export const THROUGHPUT_COLUMNS = [
  'suite',
  'protocol',
  'n',
  'fanout',
  'threads',
  'ns_per_agent_round',
  'mad_ns',
  'rme',
  'samples',
  'agent_rounds_per_s',
  'yardstick_ns_per_agent_round',
  'ratio_to_yardstick',
  'parallel_speedup',
  'run_id',
  'commit',
  'node',
  'cpu_model',
] as const;

/** Columns of throughput-samples.csv: one row per timed round. */
export const THROUGHPUT_SAMPLE_COLUMNS = ['suite', 'protocol', 'n', 'fanout', 'threads', 'sample', 'ns_per_agent_round'] as const;

/**
 * Speed-up of a multi-threaded row over the one-thread row of the same suite, protocol, n and
 * fanout (one-thread time / this time), or null.
 */
export function parallelSpeedup(r: ThroughputRow, all: readonly ThroughputRow[]): number | null {
  if (r.threads === 1) return null;
  const one = all.find((o) => o.threads === 1 && o.n === r.n && o.fanout === r.fanout && o.protocol === r.protocol);
  return one === undefined ? null : one.nsPerAgentRound / r.nsPerAgentRound;
}

/** The throughput.csv row of a measurement; `all` holds the suite's rows (for the speed-up). */
export function throughputRow(suite: string, r: ThroughputRow, info: RunInfo, all: readonly ThroughputRow[] = []): CsvCell[] {
  return [
    suite,
    r.protocol,
    r.n,
    r.fanout,
    r.threads,
    r.nsPerAgentRound,
    r.madNs,
    r.rme,
    r.samples,
    r.agentRoundsPerS,
    r.yardstickNs,
    r.yardstickNs === null ? null : r.nsPerAgentRound / r.yardstickNs,
    parallelSpeedup(r, all),
    info.runId,
    info.git.commit,
    info.machine.node,
    info.machine.cpuModel,
  ];
}

/** The throughput-samples.csv rows of a measurement. */
export function throughputSampleRows(suite: string, r: ThroughputRow): CsvCell[][] {
  return r.sampleNs.map((ns, i) => [suite, r.protocol, r.n, r.fanout, r.threads, i, ns]);
}
