// results/history.csv: one row per point (from summary.csv) and per throughput row of every run
// recorded, across commits, for the charts of results over time. Appending rewrites the file
// through a temp file and a rename, so it is never left half-written.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { csvString, type CsvCell } from '../io/csv-write.ts';
import { parseCsvText, readTable, type TableSchema } from '../io/csv-read.ts';
import { readRunContext } from '../io/run-folder.ts';

/** The file, under the results root, that holds the history. */
export const HISTORY_FILE = 'history.csv';

/** Columns of results/history.csv. */
export const HISTORY_COLUMNS = [
  'commit',
  'date',
  'run_id',
  'suite',
  'point',
  'n',
  'fanout',
  'start',
  'threshold',
  'rounds_mean',
  'messages_mean',
  'converged_rate',
  'ns_per_agent_round',
] as const;

/** A history file that cannot be appended to, or a run that cannot be recorded; names the file. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';

  /**
   * @param file - the history file or run folder concerned
   * @param problem - what is wrong, with the value
   */
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** What {@link appendHistory} did. */
export interface HistoryAppend {
  /** The history file. */
  path: string;
  /** Rows appended: one per point and per throughput row of the run; 0 when already recorded. */
  appended: number;
  /** The run's id was already in the history, so nothing was appended. */
  alreadyRecorded: boolean;
  /** The file did not exist and was created with its header. */
  created: boolean;
}

const SUMMARY_HISTORY_SCHEMA = {
  name: 'summary.csv',
  columns: {
    suite: 'string',
    point: 'number',
    n: 'number',
    fanout: 'number',
    start: 'string',
    threshold: 'number',
    rounds_mean: 'number',
    messages_mean: 'number',
    converged_rate: 'number',
  },
} as const satisfies TableSchema;

const THROUGHPUT_HISTORY_SCHEMA = {
  name: 'throughput.csv',
  columns: { suite: 'string', n: 'number', fanout: 'number', ns_per_agent_round: 'number' },
} as const satisfies TableSchema;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The history rows of a run folder: its points, then its throughput rows. */
export async function historyRows(runDir: string): Promise<{ runId: string; rows: CsvCell[][] }> {
  const info = await readRunContext(runDir);
  if (info.status !== 'complete') {
    throw new HistoryError(runDir, `only a complete run is recorded in the history (run.json status is ${JSON.stringify(info.status)})`);
  }
  const context = [info.git.commit ?? 'nogit', info.startedAt ?? info.endedAt ?? '', info.runId];
  const rows: CsvCell[][] = [];
  const summary = join(runDir, 'summary.csv');
  if (await isFile(summary)) {
    for (const r of (await readTable(summary, SUMMARY_HISTORY_SCHEMA)).rows) {
      rows.push([...context, r.suite, r.point, r.n, r.fanout, r.start, r.threshold, r.rounds_mean, r.messages_mean, r.converged_rate, null]);
    }
  }
  const throughput = join(runDir, 'throughput.csv');
  if (await isFile(throughput)) {
    for (const r of (await readTable(throughput, THROUGHPUT_HISTORY_SCHEMA)).rows) {
      rows.push([...context, r.suite, null, r.n, r.fanout, null, null, null, null, null, r.ns_per_agent_round]);
    }
  }
  return { runId: info.runId, rows };
}

/**
 * Checks the text of an existing history file (its exact header, whole rows, a final newline)
 * and returns the run ids it records. Throws {@link HistoryError} naming the file otherwise.
 */
async function recordedRuns(path: string, text: string): Promise<Set<string>> {
  const header = HISTORY_COLUMNS.join(',');
  const first = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')).replace(/\r$/, '');
  if (first !== header) {
    throw new HistoryError(path, `not a history file: the header must be ${header} (got ${JSON.stringify(first.slice(0, 200))})`);
  }
  let parsed;
  try {
    parsed = await parseCsvText(path, text);
  } catch (error) {
    throw new HistoryError(path, (error as { problem?: string }).problem ?? String(error));
  }
  const at = HISTORY_COLUMNS.indexOf('run_id');
  return new Set(parsed.records.map((r) => r[at] ?? ''));
}

/**
 * Appends run `runDir` to `resultsRoot/history.csv`: one row per point of its summary.csv
 * (`suite`, `point` index, n, fanout, start, threshold, rounds_mean, messages_mean,
 * converged_rate) and one per row of its throughput.csv (`suite` throughput, n, fanout,
 * ns_per_agent_round; the point columns empty), each with the run's commit (`nogit` outside
 * git), start time and id. A new file gets the header first. A run whose id is already recorded
 * is not appended again.
 *
 * The file is never left half-written: the old content and the new rows are written together to
 * a temp file, fsynced and renamed over the old file (`writeFileAtomic`). An `O_APPEND` write
 * would be cheaper but a crash during it can leave a partial last line, which every later
 * append would then build on; the rewrite costs a read of the file (a few KB per run).
 * Concurrent appenders are not locked out (the last rename wins): record runs one at a time.
 *
 * Throws {@link HistoryError} for an existing file with another header or a truncated last line,
 * or a run that did not complete; the report's `RunFolderError` / `CsvFormatError` for a folder
 * that is not a run or a broken CSV. Nothing is written on any error.
 */
export async function appendHistory(resultsRoot: string, runDir: string): Promise<HistoryAppend> {
  const path = join(resultsRoot, HISTORY_FILE);
  const { runId, rows } = await historyRows(runDir);
  let old: string | null = null;
  try {
    old = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new HistoryError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  if (old !== null && old.trim() === '') old = null;
  if (old !== null && (await recordedRuns(path, old)).has(runId)) {
    return { path, appended: 0, alreadyRecorded: true, created: false };
  }
  const text = await csvString(HISTORY_COLUMNS, rows);
  const body = old === null ? text : old + text.slice(text.indexOf('\n') + 1);
  await mkdir(resultsRoot, { recursive: true });
  await writeFileAtomic(path, body);
  return { path, appended: rows.length, alreadyRecorded: false, created: old === null };
}
