// Loading one side of a comparison: run.json (present, JSON, schema version 1) and whichever of
// trials.csv, summary.csv, throughput.csv and throughput-samples.csv are there, each checked.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readTable, type CellKind, type RowOf, type TableSchema } from '../io/csv-read.ts';
import { readRunContext, type RunContext } from '../io/run-folder.ts';
import {
  COMPARE_SAMPLES_SCHEMA,
  COMPARE_SUMMARY_SCHEMA,
  COMPARE_THROUGHPUT_SCHEMA,
  COMPARE_TRIALS_SCHEMA,
  type CompareSampleRow,
  type CompareSummaryRow,
  type CompareThroughputRow,
  type CompareTrialRow,
} from './schemas.ts';

/** A run folder as compare sees it; a table is null when its file is absent. */
export interface CompareRun {
  /** The folder as given. */
  dir: string;
  /** run.json, checked. */
  info: RunContext;
  trials: readonly CompareTrialRow[] | null;
  summary: readonly CompareSummaryRow[] | null;
  throughput: readonly CompareThroughputRow[] | null;
  samples: readonly CompareSampleRow[] | null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads `name` in `dir` with `schema`, or null when the file is absent. */
async function optionalTable<C extends Record<string, CellKind>>(
  dir: string,
  name: string,
  schema: TableSchema<C>,
): Promise<readonly RowOf<C>[] | null> {
  const path = join(dir, name);
  if (!(await isFile(path))) return null;
  return (await readTable(path, schema)).rows;
}

/**
 * Loads a run folder for comparison. Throws the report's `RunFolderError` when `dir` is not a
 * run folder (no folder, no run.json, invalid JSON, schemaVersion other than 1) and its
 * `CsvFormatError` for a CSV that is truncated or lacks a column compare reads; both name the
 * file and the problem in one line.
 */
export async function loadCompareRun(dir: string): Promise<CompareRun> {
  const info = await readRunContext(dir);
  return {
    dir,
    info,
    trials: await optionalTable(dir, 'trials.csv', COMPARE_TRIALS_SCHEMA),
    summary: await optionalTable(dir, 'summary.csv', COMPARE_SUMMARY_SCHEMA),
    throughput: await optionalTable(dir, 'throughput.csv', COMPARE_THROUGHPUT_SCHEMA),
    samples: await optionalTable(dir, 'throughput-samples.csv', COMPARE_SAMPLES_SCHEMA),
  };
}
