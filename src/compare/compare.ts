// Comparing two run folders, BASE and HEAD: behaviour point by point, speed row by row, and the
// context of both, into one typed result that the compare command and the bench CLI share.
import { compareBehaviour, type BehaviourResult } from './behaviour.ts';
import { contextWarnings, type ContextWarning } from './context.ts';
import { CompareOptionError } from './errors.ts';
import { loadCompareRun, type CompareRun } from './load.ts';
import { compareSpeed, type SpeedResult } from './speed.ts';

/** Options of {@link compareRuns}; every field has a default. */
export interface CompareOptions {
  /** Noise threshold of the speed ratio: a change within ±threshold is never a regression (default 0.05). */
  threshold?: number;
  /** Significance level of every test (default 0.05; Holm-corrected for the means). */
  alpha?: number;
  /** Changed trials listed per point (default 3). */
  maxDiffs?: number;
  /** Bootstrap resamples for the interval of the speed ratio (default 1000). */
  resamples?: number;
  /** Seed of the bootstrap (default `compare`), so a comparison is reproducible. */
  seed?: string;
}

/** The options a comparison ran with, defaults filled in. */
export type ResolvedCompareOptions = Required<CompareOptions>;

/** What the result says about one of the two runs. */
export interface RunSide {
  dir: string;
  runId: string;
  commit: string | null;
  shortCommit: string | null;
  dirty: boolean | null;
  branch: string | null;
  masterSeed: string | number | null;
  status: string | null;
  startedAt: string | null;
}

/** The comparison of two runs. */
export interface CompareResult {
  base: RunSide;
  head: RunSide;
  options: ResolvedCompareOptions;
  behaviour: BehaviourResult;
  speed: SpeedResult;
  warnings: ContextWarning[];
  /** Some point's behaviour changed. */
  behaviourChanged: boolean;
  /** Some throughput row regressed (significant and slower beyond the threshold). */
  regressed: boolean;
  /** What `--fail-on-regression` fails on: a behaviour change or a speed regression. */
  failed: boolean;
}

/** The defaults of {@link CompareOptions}. */
export const DEFAULT_COMPARE_OPTIONS: ResolvedCompareOptions = {
  threshold: 0.05,
  alpha: 0.05,
  maxDiffs: 3,
  resamples: 1000,
  seed: 'compare',
};

/** Fills in defaults and checks every option; throws {@link CompareOptionError}. */
export function resolveCompareOptions(options: CompareOptions = {}): ResolvedCompareOptions {
  const o = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  if (!(Number.isFinite(o.threshold) && o.threshold >= 0 && o.threshold < 1)) {
    throw new CompareOptionError('threshold', o.threshold, 'a number in [0, 1)');
  }
  if (!(Number.isFinite(o.alpha) && o.alpha > 0 && o.alpha < 1)) throw new CompareOptionError('alpha', o.alpha, 'a number in (0, 1)');
  if (!(Number.isInteger(o.maxDiffs) && o.maxDiffs >= 0)) throw new CompareOptionError('maxDiffs', o.maxDiffs, 'an integer >= 0');
  if (!(Number.isInteger(o.resamples) && o.resamples >= 1)) throw new CompareOptionError('resamples', o.resamples, 'an integer >= 1');
  return o;
}

function side(run: CompareRun): RunSide {
  const { info } = run;
  return {
    dir: run.dir,
    runId: info.runId,
    commit: info.git.commit,
    shortCommit: info.git.shortCommit,
    dirty: info.git.dirty,
    branch: info.git.branch,
    masterSeed: info.masterSeed,
    status: info.status,
    startedAt: info.startedAt,
  };
}

/** Compares two loaded runs (see {@link compareRuns}). */
export function compareLoadedRuns(base: CompareRun, head: CompareRun, options: CompareOptions = {}): CompareResult {
  const o = resolveCompareOptions(options);
  const behaviour = compareBehaviour(base, head, { alpha: o.alpha, maxDiffs: o.maxDiffs });
  const speed = compareSpeed(base, head, { threshold: o.threshold, alpha: o.alpha, resamples: o.resamples, seed: o.seed });
  const behaviourChanged = behaviour.changed > 0;
  const regressed = speed.regressed > 0;
  return {
    base: side(base),
    head: side(head),
    options: o,
    behaviour,
    speed,
    warnings: contextWarnings(base.info, head.info),
    behaviourChanged,
    regressed,
    failed: behaviourChanged || regressed,
  };
}

/**
 * Compares run folder `headDir` against `baseDir`: loads and checks both (run.json and every CSV
 * present), then compares behaviour and speed and collects context warnings. Reads only.
 *
 * Throws {@link CompareOptionError} for a bad option, and the report's `RunFolderError` /
 * `CsvFormatError` (both `ReportInputError`) for a folder that is not a run or a CSV that is
 * truncated or lacks a needed column.
 */
export async function compareRuns(baseDir: string, headDir: string, options: CompareOptions = {}): Promise<CompareResult> {
  resolveCompareOptions(options);
  const base = await loadCompareRun(baseDir);
  const head = await loadCompareRun(headDir);
  return compareLoadedRuns(base, head, options);
}
