// run.json: the context saved with every run (what ran, with which seed, code, machine and
// threads, when, and how it ended), so each result folder says what produced it.
import type { GitInfo, MachineInfo } from './context.ts';
import type { SweepSuite } from './sweep.ts';

/** Version of the result folder's layout (run.json and the CSV columns). */
export const SCHEMA_VERSION = 1;

/** How a run ended. `interrupted` is reserved for the interrupt handling of a later issue. */
export type RunStatus = 'complete' | 'interrupted' | 'failed';

/** Why a run failed, with the trial that failed when there was one. */
export interface RunFailure {
  message: string;
  /** Suite and point (index within the suite) of the failing trial. */
  suite?: string;
  point?: number;
  /** Canonical key of the failing point. */
  pointKey?: string;
  trial?: number | null;
  seed?: number | null;
  /** Stack inside the worker or the main thread. */
  stack?: string | null;
}

/** The content of run.json. */
export interface RunInfo {
  runId: string;
  schemaVersion: typeof SCHEMA_VERSION;
  /** The suites run, in order, with their variant, trials per point and number of points. */
  suites: SweepSuite[];
  masterSeed: string | number;
  /** The command-line arguments after `bench.ts`. */
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
  error?: RunFailure;
}

/** run.json as written: pretty-printed JSON with a final newline. */
export function runInfoJson(info: RunInfo): string {
  return `${JSON.stringify(info, null, 2)}\n`;
}
