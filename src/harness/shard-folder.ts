// A shard's result folder: trials.csv of its slices (numbered by their real trials), the
// throughput files in shard 0, `slices/` (the journal of the shard, kept: each slice's exact rows
// and agreement histories, which merge joins) and run.json, written last with status `complete`.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { csvString, writeCsvAtomic, type CsvCell } from '../io/csv-write.ts';
import { TRIAL_COLUMNS } from '../io/columns.ts';
import { journalDir, JournalError, readJournal } from './journal.ts';
import { removeCsvs, RESULT_FILES, writeRunInfo, type ThroughputEntry } from './output.ts';
import type { JobResult } from './pool.ts';
import type { RunInfo } from './runinfo.ts';
import { shardSweep, type ShardSlice } from './shard.ts';
import type { Sweep } from './sweep.ts';
import { appendTrialRows } from './tables.ts';
import { THROUGHPUT_COLUMNS, THROUGHPUT_SAMPLE_COLUMNS, throughputRow, throughputSampleRows } from './throughput-table.ts';

/** The folder of a complete shard that holds its slices' exact results (the shard's journal, kept). */
export const SLICES_DIR = 'slices';

/** The files a complete shard writes (throughput files only in the shard that timed them). */
export function shardFiles(withThroughput: boolean): string[] {
  const throughput = withThroughput ? [RESULT_FILES.throughput, RESULT_FILES.throughputSamples] : [];
  return [RESULT_FILES.trials, ...throughput, `${SLICES_DIR}/`, RESULT_FILES.run];
}

/** The trials.csv text of a shard's sweep (its slices' rows, numbered from their first trial). */
export function shardTrialsCsv(sweep: Sweep, results: readonly JobResult[]): Promise<string> {
  const rows: CsvCell[][] = [];
  sweep.points.forEach((p, i) => appendTrialRows(rows, p, (results[i] as JobResult).rows));
  return csvString(TRIAL_COLUMNS, rows);
}

/**
 * Writes a complete shard into `dir`: trials.csv, the throughput files when it timed anything,
 * then its journal becomes `slices/` and run.json (`info`, status complete) is written last. On a
 * failed write the CSVs are removed, the journal is put back, and the error is rethrown.
 */
export async function writeShardResults(
  dir: string,
  sweep: Sweep,
  results: readonly JobResult[],
  throughput: readonly ThroughputEntry[],
  info: RunInfo,
): Promise<void> {
  const slices = join(dir, SLICES_DIR);
  let moved = false;
  try {
    await writeFileAtomic(join(dir, RESULT_FILES.trials), await shardTrialsCsv(sweep, results));
    if (throughput.length > 0) {
      await writeCsvAtomic(join(dir, RESULT_FILES.throughput), THROUGHPUT_COLUMNS, throughput.map((t) => throughputRow(t.suite, t.row, info)));
      await writeCsvAtomic(join(dir, RESULT_FILES.throughputSamples), THROUGHPUT_SAMPLE_COLUMNS, throughput.flatMap((t) => throughputSampleRows(t.suite, t.row)));
    }
    rmSync(slices, { recursive: true, force: true });
    renameSync(journalDir(dir), slices);
    moved = true;
    await writeRunInfo(dir, info);
  } catch (error) {
    removeCsvs(dir);
    if (moved) renameSync(slices, journalDir(dir));
    throw error;
  }
}

/** A shard folder that cannot be merged: names what is wrong (the caller names the shard). */
export class ShardFolderError extends Error {
  override readonly name = 'ShardFolderError';
}

/**
 * Reads the exact results of a complete shard whose slices of `run` are `slices`: each slice's
 * rows and agreement histories from `slices/`, checked against its point, seed base, trial range
 * and lengths (a truncated or edited file is refused), and its trials.csv checked byte for byte
 * against those rows. Returns the results in slice order. Throws {@link ShardFolderError}.
 */
export async function readShardResults(dir: string, run: Sweep, slices: readonly ShardSlice[]): Promise<JobResult[]> {
  const sweep = shardSweep(run, slices);
  if (!existsSync(join(dir, SLICES_DIR))) throw new ShardFolderError(`has no ${SLICES_DIR}/ folder`);
  let found: Map<number, JobResult>;
  try {
    found = readJournal(dir, sweep, SLICES_DIR);
  } catch (error) {
    if (error instanceof JournalError) throw new ShardFolderError(error.message);
    throw error;
  }
  const missing = sweep.points.findIndex((_, i) => !found.has(i));
  if (missing >= 0) {
    const p = sweep.points[missing];
    throw new ShardFolderError(`${SLICES_DIR}/${p?.suite ?? ''}.${p?.point ?? ''}.json is missing`);
  }
  const results = sweep.points.map((_, i) => found.get(i) as JobResult);
  let trials: string;
  try {
    trials = readFileSync(join(dir, RESULT_FILES.trials), 'utf8');
  } catch (error) {
    throw new ShardFolderError(`cannot read ${RESULT_FILES.trials} (${error instanceof Error ? error.message : String(error)})`);
  }
  const expected = await shardTrialsCsv(sweep, results);
  if (trials !== expected) {
    const lines = (t: string): number => t.split('\n').length - 1;
    throw new ShardFolderError(`${RESULT_FILES.trials} does not match its slices (${lines(trials)} lines, expected ${lines(expected)}): truncated or edited`);
  }
  return results;
}
