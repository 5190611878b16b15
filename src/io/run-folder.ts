// Loading a run folder for the charts, the report, compare and the baselines: run.json (checked: present, JSON, schema
// version 1) and whichever CSV files are there, each read by column name and checked.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readTable, type Table } from './csv-read.ts';
import { ReportInputError, RunFolderError } from './errors.ts';
import {
  AGREEMENT_SCHEMA,
  CLAIMS_SCHEMA,
  HISTORY_SCHEMA,
  SUMMARY_SCHEMA,
  THROUGHPUT_SCHEMA,
  TRIALS_SCHEMA,
} from './schemas.ts';

/** The run.json layout this code reads. */
export const SUPPORTED_SCHEMA_VERSION = 1;

/** A suite as run.json lists it. */
export interface RunSuite {
  name: string;
  description: string;
  mode: string;
  trials: number | null;
  points: number | null;
}

/** The context of a run from run.json; fields an older or partial file lacks are null. */
export interface RunContext {
  runId: string;
  schemaVersion: number;
  suites: RunSuite[];
  masterSeed: string | number | null;
  argv: string[];
  packageVersion: string | null;
  git: { commit: string | null; shortCommit: string | null; dirty: boolean | null; branch: string | null };
  machine: {
    node: string | null;
    v8: string | null;
    os: string | null;
    cpuModel: string | null;
    cores: number | null;
    totalMemoryBytes: number | null;
  };
  threads: number | null;
  startedAt: string | null;
  endedAt: string | null;
  status: string | null;
  /** The failure message of a failed run. */
  error: string | null;
}

/** A loaded run: its folder, context, and each table that is present (null when the file is not). */
export interface RunData {
  dir: string;
  info: RunContext;
  summary: Table<(typeof SUMMARY_SCHEMA)['columns']> | null;
  trials: Table<(typeof TRIALS_SCHEMA)['columns']> | null;
  agreement: Table<(typeof AGREEMENT_SCHEMA)['columns']> | null;
  claims: Table<(typeof CLAIMS_SCHEMA)['columns']> | null;
  throughput: Table<(typeof THROUGHPUT_SCHEMA)['columns']> | null;
  /** The data files present in the folder (run.json and the CSVs), for the report's links. */
  files: string[];
}

/** Results history across runs. */
export type HistoryTable = Table<(typeof HISTORY_SCHEMA)['columns']>;

/** The CSV files of a run folder that the report knows, in the order the report lists them. */
export const RUN_CSV_FILES = ['summary.csv', 'trials.csv', 'agreement.csv', 'claims.csv', 'throughput.csv'] as const;

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Checks parsed run.json and normalises it; throws {@link RunFolderError} naming `file`. */
export function parseRunContext(file: string, json: unknown): RunContext {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RunFolderError(file, 'run.json must hold a JSON object');
  }
  const j = json as Record<string, unknown>;
  if (j.schemaVersion !== SUPPORTED_SCHEMA_VERSION) {
    throw new RunFolderError(
      file,
      `unsupported schemaVersion ${JSON.stringify(j.schemaVersion) ?? 'undefined'} (this version reads ${SUPPORTED_SCHEMA_VERSION})`,
    );
  }
  if (typeof j.runId !== 'string' || j.runId === '') {
    throw new RunFolderError(file, `runId must be a non-empty string (got ${JSON.stringify(j.runId) ?? 'undefined'})`);
  }
  const git = obj(j.git);
  const machine = obj(j.machine);
  const err = obj(j.error);
  return {
    runId: j.runId,
    schemaVersion: SUPPORTED_SCHEMA_VERSION,
    suites: (Array.isArray(j.suites) ? j.suites : []).map((s) => {
      const o = obj(s);
      return {
        name: str(o.name) ?? '?',
        description: str(o.description) ?? '',
        mode: str(o.mode) ?? '',
        trials: num(o.trials),
        points: num(o.points),
      };
    }),
    masterSeed: typeof j.masterSeed === 'string' || typeof j.masterSeed === 'number' ? j.masterSeed : null,
    argv: Array.isArray(j.argv) ? j.argv.map(String) : [],
    packageVersion: str(j.packageVersion),
    git: {
      commit: str(git.commit),
      shortCommit: str(git.shortCommit),
      dirty: typeof git.dirty === 'boolean' ? git.dirty : null,
      branch: str(git.branch),
    },
    machine: {
      node: str(machine.node),
      v8: str(machine.v8),
      os: str(machine.os),
      cpuModel: str(machine.cpuModel),
      cores: num(machine.cores),
      totalMemoryBytes: num(machine.totalMemoryBytes),
    },
    threads: num(j.threads),
    startedAt: str(j.startedAt),
    endedAt: str(j.endedAt),
    status: str(j.status),
    error: str(err.message),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads and checks run.json of `dir`; throws {@link RunFolderError} when `dir` is not a run. */
export async function readRunContext(dir: string): Promise<RunContext> {
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new RunFolderError(dir, 'no such folder');
  }
  if (!st.isDirectory()) throw new RunFolderError(dir, 'not a folder');
  const file = join(dir, 'run.json');
  if (!(await isFile(file))) throw new RunFolderError(dir, 'not a run folder (no run.json)');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new RunFolderError(file, `invalid JSON (${(err as Error).message})`);
  }
  return parseRunContext(file, json);
}

/** Loads a run folder: run.json and every known CSV present, each checked (see `readTable`). */
export async function loadRun(dir: string): Promise<RunData> {
  const info = await readRunContext(dir);
  const files = ['run.json'];
  const load = async <T>(name: (typeof RUN_CSV_FILES)[number], read: (path: string) => Promise<T>): Promise<T | null> => {
    const path = join(dir, name);
    if (!(await isFile(path))) return null;
    files.push(name);
    return read(path);
  };
  const summary = await load('summary.csv', (p) => readTable(p, SUMMARY_SCHEMA));
  const trials = await load('trials.csv', (p) => readTable(p, TRIALS_SCHEMA));
  const agreement = await load('agreement.csv', (p) => readTable(p, AGREEMENT_SCHEMA));
  const claims = await load('claims.csv', (p) => readTable(p, CLAIMS_SCHEMA));
  const throughput = await load('throughput.csv', (p) => readTable(p, THROUGHPUT_SCHEMA));
  return { dir, info, summary, trials, agreement, claims, throughput, files };
}

/** Where a run's history lives by default: `history.csv` in the run folder's parent. */
export function defaultHistoryPath(dir: string): string {
  return join(dirname(resolve(dir)), 'history.csv');
}

/** Reads results/history.csv, or returns null when `required` is false and the file is absent. */
export async function loadHistory(path: string, required: boolean): Promise<HistoryTable | null> {
  if (!(await isFile(path))) {
    if (required) throw new ReportInputError(path, 'no such file (--history)');
    return null;
  }
  return readTable(path, HISTORY_SCHEMA);
}
