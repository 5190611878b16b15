// run.json: the context saved with every run (what ran, with which seed, code, machine and
// threads, when, and how it ended), so each result folder says what produced it; read back by
// `--resume`.
import { readFileSync } from 'node:fs';
import type { GitInfo, MachineInfo } from './context.ts';
import type { MergeInfo, ShardInfo } from './shard.ts';
import type { SweepSuite } from './sweep.ts';
import type { UserFile } from './user-files.ts';

/** Version of the result folder's layout (run.json and the CSV columns). */
export const SCHEMA_VERSION = 1;

/**
 * How a run ended: `complete` (every CSV is whole), `interrupted` (SIGINT or SIGTERM), `failed`
 * (a trial, a worker or a write failed), or `running` (written when the run starts: a run.json
 * still `running` after the process is gone was killed, e.g. by SIGKILL). Only a complete run
 * has CSVs; the others keep their finished points in `journal/` for `--resume`.
 */
export type RunStatus = 'running' | 'complete' | 'interrupted' | 'failed';

/** Why a run failed or stopped, with the trial or batch at fault when there was one. */
export interface RunFailure {
  message: string;
  /** Suite and point (index within the suite) of the failing trial or batch. */
  suite?: string;
  point?: number;
  /** Canonical key of the failing point. */
  pointKey?: string;
  /** The trial that threw (null when the point could not be set up or a worker died). */
  trial?: number | null;
  /** Seed of that trial, or of the first trial of the batch a dead worker was running. */
  seed?: number | null;
  /** Trials of the batch a dead worker was running (first and last, inclusive). */
  firstTrial?: number;
  lastTrial?: number;
  /** The signal that interrupted the run. */
  signal?: string;
  /** Stack inside the worker or the main thread. */
  stack?: string | null;
}

/** One `--resume` of the run. */
export interface RunResume {
  /** ISO 8601 time the resume started. */
  at: string;
  /** Its command-line arguments. */
  argv: string[];
  threads: number;
}

/** The content of run.json. */
export interface RunInfo {
  runId: string;
  schemaVersion: typeof SCHEMA_VERSION;
  /** The suites run, in order, with their variant, trials per point and number of points. */
  suites: SweepSuite[];
  masterSeed: string | number;
  /** The command-line arguments after `bench.ts` (of the first start, not of a resume). */
  argv: string[];
  packageVersion: string;
  git: GitInfo;
  machine: MachineInfo;
  /** Worker threads asked for (results do not depend on it). */
  threads: number;
  /** ISO 8601 times. */
  startedAt: string;
  endedAt: string;
  status: RunStatus;
  /** Points finished (kept in the journal), while the run is not complete. */
  pointsDone?: number;
  /** The resumes of the run, in order, when it was resumed. */
  resumes?: RunResume[];
  error?: RunFailure;
  /** The user's suite and rule files (`--suite-file`, `--rule`) with their sha256, when any were given. */
  files?: UserFile[];
  /** In a shard's folder: which shard of the run it is, and its slices (see shard.ts). */
  shard?: ShardInfo;
  /** In a merged run: the shards it was merged from (see shard.ts). */
  merged?: MergeInfo;
}

/** run.json as written: pretty-printed JSON with a final newline. */
export function runInfoJson(info: RunInfo): string {
  return `${JSON.stringify(info, null, 2)}\n`;
}

/** A run.json that cannot be read back. */
export class RunInfoError extends Error {
  override readonly name = 'RunInfoError';

  /**
   * @param path - the file
   * @param reason - what is wrong with it
   */
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}

const STATUSES: readonly string[] = ['running', 'complete', 'interrupted', 'failed'];

/**
 * Reads a run.json written by this version of the harness. Checks the fields a resume relies on
 * (schema version, status, argv, suites, git, packageVersion); throws {@link RunInfoError}.
 */
export function readRunInfo(path: string): RunInfo {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RunInfoError(path, `cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null) throw new RunInfoError(path, 'is not an object');
  const v = value as Record<string, unknown>;
  if (v['schemaVersion'] !== SCHEMA_VERSION) {
    throw new RunInfoError(path, `has schemaVersion ${JSON.stringify(v['schemaVersion'])}, expected ${SCHEMA_VERSION}`);
  }
  if (typeof v['status'] !== 'string' || !STATUSES.includes(v['status'])) {
    throw new RunInfoError(path, `has an unknown status ${JSON.stringify(v['status'])}`);
  }
  const argv = v['argv'];
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new RunInfoError(path, 'has no argv list');
  if (!Array.isArray(v['suites'])) throw new RunInfoError(path, 'has no suites list');
  if (typeof v['git'] !== 'object' || v['git'] === null) throw new RunInfoError(path, 'has no git record');
  if (typeof v['packageVersion'] !== 'string') throw new RunInfoError(path, 'has no packageVersion');
  return value as RunInfo;
}
