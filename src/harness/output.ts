// Writes a run's result folder: the CSVs, then run.json last, each atomically. Only a complete run
// has CSVs: a failed or interrupted one gets run.json (status `failed` / `interrupted`) and keeps
// its finished points in the journal (see journal.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimResult } from '../claims/check.ts';
import { CLAIM_COLUMNS, claimRow } from '../claims/table.ts';
import { AGREEMENT_COLUMNS, agreementRows } from './agreement.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { writeCsvAtomic, type CsvCell } from '../io/csv-write.ts';
import { PoolAbortedError, TrialFailedError, WorkerExitError, type JobResult } from './pool.ts';
import type { ThroughputRow } from './throughput.ts';
import { THROUGHPUT_COLUMNS, THROUGHPUT_SAMPLE_COLUMNS, throughputRow, throughputSampleRows } from './throughput-table.ts';
import { runInfoJson, type RunFailure, type RunInfo } from './runinfo.ts';
import type { Sweep } from './sweep.ts';
import { SUMMARY_COLUMNS, TRIAL_COLUMNS } from '../io/columns.ts';
import { appendTrialRows, summarizePoint, summaryRow, type PointSummary } from './tables.ts';

/** File names in a result folder. */
export const RESULT_FILES = {
  trials: 'trials.csv',
  summary: 'summary.csv',
  agreement: 'agreement.csv',
  claims: 'claims.csv',
  throughput: 'throughput.csv',
  throughputSamples: 'throughput-samples.csv',
  run: 'run.json',
} as const;

/** The CSVs of a run, in the order they are written (run.json comes last). */
const CSV_FILES = [
  RESULT_FILES.trials,
  RESULT_FILES.summary,
  RESULT_FILES.agreement,
  RESULT_FILES.claims,
  RESULT_FILES.throughput,
  RESULT_FILES.throughputSamples,
] as const;

/** The files a complete run writes (the throughput files only when it timed something). */
export function resultFiles(withThroughput: boolean): string[] {
  return [...CSV_FILES.filter((f) => withThroughput || !f.startsWith('throughput')), RESULT_FILES.run];
}

/** One throughput measurement and the suite it belongs to. */
export interface ThroughputEntry {
  suite: string;
  row: ThroughputRow;
}

/** Summaries of every point of a sweep, in point order. */
export function summarizeSweep(sweep: Sweep, jobs: readonly JobResult[]): PointSummary[] {
  return sweep.points.map((p, i) => summarizePoint(p, jobs[i] as JobResult));
}

/**
 * Writes a complete run: trials.csv, summary.csv, agreement.csv, claims.csv, the throughput files
 * when something was timed, then run.json (so a run.json with status `complete` means every CSV
 * is whole). When a write fails, the CSVs written so far are removed and a
 * {@link ResultWriteError} naming the file is thrown; the earlier run.json is left as it was.
 */
export async function writeResults(
  dir: string,
  sweep: Sweep,
  jobs: readonly JobResult[],
  summaries: readonly PointSummary[],
  claims: readonly ClaimResult[],
  throughput: readonly ThroughputEntry[],
  info: RunInfo,
): Promise<void> {
  const trialRows: CsvCell[][] = [];
  sweep.points.forEach((p, i) => appendTrialRows(trialRows, p, (jobs[i] as JobResult).rows));
  const summaryRows = sweep.points.map((p, i) => summaryRow(p, summaries[i] as PointSummary));
  const agreement = sweep.points.flatMap((p, i) => {
    const s = summaries[i] as PointSummary;
    return agreementRows(p, s.agreement, s.theory);
  });
  const csv = (name: string, headers: readonly string[], rows: readonly (readonly CsvCell[])[]): Promise<void> =>
    named(dir, name, writeCsvAtomic(join(dir, name), headers, rows));
  try {
    await csv(RESULT_FILES.trials, TRIAL_COLUMNS, trialRows);
    await csv(RESULT_FILES.summary, SUMMARY_COLUMNS, summaryRows);
    await csv(RESULT_FILES.agreement, AGREEMENT_COLUMNS, agreement);
    await csv(RESULT_FILES.claims, CLAIM_COLUMNS, claims.map(claimRow));
    if (throughput.length > 0) {
      await csv(RESULT_FILES.throughput, THROUGHPUT_COLUMNS, throughput.map((t) => throughputRow(t.suite, t.row, info)));
      const samples = throughput.flatMap((t) => throughputSampleRows(t.suite, t.row));
      await csv(RESULT_FILES.throughputSamples, THROUGHPUT_SAMPLE_COLUMNS, samples);
    }
    await writeRunInfo(dir, info);
  } catch (error) {
    removeCsvs(dir);
    throw error;
  }
}

/** A result file could not be written (disk full, folder gone or read-only, ...). */
export class ResultWriteError extends Error {
  override readonly name = 'ResultWriteError';

  /**
   * @param dir - the result folder
   * @param file - the file's name in it
   * @param cause - the file-system error
   */
  constructor(
    readonly dir: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot write ${file} in ${dir}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Settles as `write`, rejecting with a ResultWriteError that names the file. */
async function named(dir: string, file: string, write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    throw new ResultWriteError(dir, file, error);
  }
}

/** Removes this run's CSVs from `dir` (best effort). */
export function removeCsvs(dir: string): void {
  for (const name of CSV_FILES) {
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // Best effort: run.json says the run failed.
    }
  }
}

/** Writes run.json alone (a run starting, failed or interrupted), atomically; throws ResultWriteError. */
export async function writeRunInfo(dir: string, info: RunInfo): Promise<void> {
  await named(dir, RESULT_FILES.run, writeFileAtomic(join(dir, RESULT_FILES.run), runInfoJson(info)));
}

/**
 * Describes an error that ended a run: for a failed trial the suite, point and seed; for a dead
 * worker the batch it was running (point, trial range, first seed); for a pool stopped because of
 * another error (e.g. a journal write), that error.
 */
export function describeFailure(error: unknown, sweep: Sweep): RunFailure {
  if (error instanceof PoolAbortedError && error.reason instanceof Error) return describeFailure(error.reason, sweep);
  if (error instanceof WorkerExitError && error.batch !== null) {
    const b = error.batch;
    const p = sweep.points[b.pointIndex];
    const where = p === undefined ? `point ${b.pointIndex}` : `suite ${p.suite} point ${p.point} (${p.key})`;
    const lastTrial = b.firstTrial + b.count - 1;
    return {
      message: `${where}, trials ${b.firstTrial}-${lastTrial} (first seed ${b.firstSeed}): worker ${error.thread} ${error.reason}`,
      ...(p === undefined ? {} : { suite: p.suite, point: p.point, pointKey: p.key }),
      trial: null,
      seed: b.firstSeed,
      firstTrial: b.firstTrial,
      lastTrial,
      stack: error.stack ?? null,
    };
  }
  if (error instanceof TrialFailedError) {
    const p = sweep.points[error.pointIndex];
    const where = p === undefined ? `point ${error.pointIndex}` : `suite ${p.suite} point ${p.point} (${p.key})`;
    const what = error.trial === null ? 'setting up the point' : `trial ${error.trial}, seed ${error.seed}`;
    return {
      message: `${where}, ${what}: ${error.workerMessage}`,
      ...(p === undefined ? {} : { suite: p.suite, point: p.point, pointKey: p.key }),
      trial: error.trial,
      seed: error.seed,
      stack: error.workerStack,
    };
  }
  if (error instanceof Error) return { message: error.message, stack: error.stack ?? null };
  return { message: String(error) };
}
