// The bench command as a function: arguments in, exit code out (0 done, 1 a trial, worker or write
// failed, 2 bad input, 130/143 interrupted), so tests can run it in-process with a fixture worker.
// It checks the input, opens the output folder (new, or the run to resume), then hands over to
// execute.ts.
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { defaultRun as registryDefaultRun, suites as registrySuites } from '../../suites/index.ts';
import { removeTempFiles } from '../io/atomic.ts';
import { gitInfo, machineInfo, packageVersion, runId } from '../harness/context.ts';
import { expandGrid } from '../harness/grid.ts';
import { createJournal, ensureJournal, journalDir, JournalError, readJournal, removeJournal } from '../harness/journal.ts';
import { createRunDir, OutDirError, openRunDir, prepareOutDir, removeCreatedDir, type OutDir } from '../harness/outdir.ts';
import { removeCsvs, writeRunInfo } from '../harness/output.ts';
import type { JobResult } from '../harness/pool.ts';
import { readRunInfo, RunInfoError, SCHEMA_VERSION, type RunInfo } from '../harness/runinfo.ts';
import { SuiteError, suiteVariant, validateSuite, type RunEntry, type Suite, type SuiteMode } from '../harness/suite.ts';
import { buildSweep, type Sweep } from '../harness/sweep.ts';
import { isThroughput, planThroughput, type ThroughputSuitePlan } from '../harness/throughput-plan.ts';
import { BaselineError, baselineDir } from '../results/baselines.ts';
import { adhocSuite } from './adhoc.ts';
import { parseArgs, UsageError, type BenchArgs } from './args.ts';
import { EXIT, executeRun, interruptExitCode, type BenchIo, type StartedRun } from './execute.ts';
import { argumentDifferences, codeDifferences, suiteDifferences } from './resume.ts';

export { EXIT, interruptExitCode } from './execute.ts';
export type { BenchIo } from './execute.ts';

/** The project root (two folders up from this file); results/ lives there. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options of {@link runBench}; the defaults are the process's. */
export interface BenchOptions {
  io?: Partial<BenchIo>;
  /** Worker entry for the pool (tests point it at a fixture). */
  workerUrl?: URL;
  /** `workerData` for the pool's workers. */
  workerData?: unknown;
  /** Folder that holds results/ (default: the project root). */
  projectRoot?: string;
  /** Memory limits of the pool's workers (a test makes a worker run out of memory). */
  resourceLimits?: ResourceLimits;
  /** Aborted on SIGINT/SIGTERM, with the signal's name (`'SIGINT'`, `'SIGTERM'`) as reason. */
  signal?: AbortSignal;
  /** The suites and default set (default: suites/index.ts); tests pass bad declarations. */
  registry?: SuiteRegistry;
}

/** Where the suites come from: declarations (validated when loaded) and the default set. */
export interface SuiteRegistry {
  suites: readonly unknown[];
  defaultRun: readonly RunEntry[];
}

const REGISTRY: SuiteRegistry = { suites: registrySuites, defaultRun: registryDefaultRun };

/** Validates every registered suite, in registry order. Throws SuiteError. */
export function loadSuites(registry: SuiteRegistry = REGISTRY): Suite[] {
  return registry.suites.map((s, i) => validateSuite(s, `suites/index.ts entry ${i}`));
}

/** The suites of the run and their variants, from --suite / the default set / the ad hoc flags. */
function selectEntries(args: BenchArgs, registry: SuiteRegistry): { suite: Suite; mode: SuiteMode; trials?: number }[] {
  if (args.adhoc !== null) return [{ suite: adhocSuite(args.adhoc, args.trials), mode: 'default' }];
  const defaultRun = registry.defaultRun;
  const all = loadSuites(registry);
  const byName = new Map(all.map((s) => [s.name, s]));
  // --quick / --full replace every default entry's variant, and its trials with the variant's.
  const wanted: RunEntry[] =
    args.suites?.map((name) => ({ suite: name, mode: args.mode ?? 'default' })) ??
    defaultRun.map((e) => (args.mode === null ? e : { suite: e.suite, mode: args.mode }));
  return wanted.map(({ suite, mode, trials }) => {
    const found = byName.get(suite);
    if (found === undefined) {
      throw new UsageError('--suite', suite, `must name known suites (${all.map((s) => s.name).join(', ')})`);
    }
    return trials === undefined ? { suite: found, mode } : { suite: found, mode, trials };
  });
}

/** A run entry as `--list` shows it: `scaling (quick, 30 trials)`. */
function entryLabel(e: RunEntry): string {
  const notes = [...(e.mode === 'default' ? [] : [e.mode]), ...(e.trials === undefined ? [] : [`${e.trials} trials`])];
  return notes.length === 0 ? e.suite : `${e.suite} (${notes.join(', ')})`;
}

/** The `--list` text: each suite with its description and sizes, then the default set. */
function listText(registry: SuiteRegistry): string {
  const all = loadSuites(registry);
  const width = Math.max(...all.map((s) => s.name.length));
  const size = (s: Suite, mode: SuiteMode): string => {
    const v = suiteVariant(s, mode);
    return `${mode} ${expandGrid(v.grid).length} points x ${v.trials} trials`;
  };
  const lines = all.map(
    (s) => `  ${s.name.padEnd(width)}  ${s.description}\n  ${' '.repeat(width)}  (${(['default', 'quick', 'full'] as const).map((m) => size(s, m)).join('; ')})`,
  );
  const defaults = registry.defaultRun.map(entryLabel).join(', ');
  return `Suites:\n${lines.join('\n')}\n\nDefault set (no --suite): ${defaults}\n`;
}

/** Whether an error is bad input (exit 2). */
function isUsage(error: unknown): error is UsageError | SuiteError | OutDirError | BaselineError {
  return error instanceof UsageError || error instanceof SuiteError || error instanceof OutDirError || error instanceof BaselineError;
}

/** The one-line message of a bad-input error; folder problems name --out, baselines --baseline. */
function usageLine(error: UsageError | SuiteError | OutDirError | BaselineError, explicitOut: boolean): string {
  if (error instanceof OutDirError) return `error: ${explicitOut ? '--out ' : ''}${error.message}`;
  if (error instanceof BaselineError) return `error: --baseline: ${error.message}`;
  return `error: ${error.message}`;
}

/** What the arguments resolve to, before any file is touched. */
interface RunPlan {
  args: BenchArgs;
  entries: { suite: Suite; mode: SuiteMode }[];
  throughputPlans: ThroughputSuitePlan[];
  sweep: Sweep;
}

/** Resolves parsed arguments into suites, points and throughput plans. Throws bad-input errors. */
function planRun(args: BenchArgs, registry: SuiteRegistry): RunPlan {
  const selected = selectEntries(args, registry);
  const entries = selected.filter((e) => !isThroughput(e));
  const throughputPlans = planThroughput(selected.filter(isThroughput));
  const sweep = buildSweep(entries, { masterSeed: args.seed, trials: args.trials ?? undefined });
  return { args, entries, throughputPlans, sweep };
}

/** The suites a plan records in run.json, trials suites first. */
function planSuites(plan: RunPlan): RunInfo['suites'] {
  return [...plan.sweep.suites, ...plan.throughputPlans.map((t) => t.suite)];
}

/**
 * Starts a new run: creates (or checks) the output folder and an empty journal, and writes run.json
 * with status `running`, so a run killed at any moment leaves a folder `--resume` can continue.
 * Throws OutDirError for an unusable folder (bad input: nothing is left behind).
 */
async function startFresh(plan: RunPlan, argv: readonly string[], root: string): Promise<{ out: OutDir; info: RunInfo }> {
  // Context first: git state before anything is written, then the output folder.
  const git = gitInfo(root);
  const started = new Date();
  const id = runId(started, git.shortCommit);
  const { args } = plan;
  const out = args.out !== null ? prepareOutDir(args.out) : createRunDir(`${root}/results`, id);
  const info: RunInfo = {
    // The folder's name when it is ours: two runs in one second get `-2` on the second.
    runId: args.out !== null ? id : basename(out.path),
    schemaVersion: SCHEMA_VERSION,
    suites: planSuites(plan),
    masterSeed: plan.sweep.masterSeed,
    argv: [...argv],
    packageVersion: packageVersion(),
    git,
    machine: machineInfo(),
    threads: args.threads,
    startedAt: started.toISOString(),
    endedAt: started.toISOString(),
    status: 'running',
    pointsDone: 0,
  };
  try {
    removeTempFiles(out.path);
    createJournal(out.path);
    await writeRunInfo(out.path, info);
  } catch (error) {
    removeJournal(out.path);
    removeCreatedDir(out);
    throw new OutDirError(out.path, `cannot start the run: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { out, info };
}

/** A resume that has nothing to do: the run is complete. */
interface AlreadyComplete {
  complete: true;
  out: OutDir;
}

/**
 * Reopens the run in `--out` for `--resume`. Before touching anything it checks that the folder
 * holds a run.json, that the arguments that define the trials and the code match it (see
 * resume.ts), and that every journal entry belongs to a point of this run; any mismatch is bad
 * input (UsageError, nothing changed). A complete run is returned as such. Otherwise it removes
 * leftover temp files and stale CSVs, and rewrites run.json with status `running`.
 */
async function startResume(
  plan: RunPlan,
  argv: readonly string[],
  root: string,
  io: BenchIo,
): Promise<AlreadyComplete | { complete: false; out: OutDir; info: RunInfo; done: Map<number, JobResult> }> {
  const { args, sweep } = plan;
  const out = openRunDir(args.out as string);
  const runJson = join(out.path, 'run.json');
  let info: RunInfo;
  let runArgs: BenchArgs;
  try {
    info = readRunInfo(runJson);
    const parsed = parseArgs(info.argv);
    if (parsed.action !== 'run') throw new RunInfoError(runJson, `has argv ${JSON.stringify(info.argv)}, which runs nothing`);
    runArgs = parsed.args;
  } catch (error) {
    if (error instanceof RunInfoError) throw new UsageError('--resume', undefined, `cannot resume: ${error.message}`);
    if (error instanceof UsageError) throw new UsageError('--resume', undefined, `cannot resume: the run's argv no longer parses (${error.message})`);
    throw error;
  }
  const code = codeDifferences(info, { git: gitInfo(root), packageVersion: packageVersion() });
  // Suites can only differ with equal arguments when their declarations changed: report that alone.
  const argsDiffer = argumentDifferences(runArgs, args);
  const suitesDiffer = argsDiffer.length === 0 ? suiteDifferences(info.suites, planSuites(plan)) : [];
  const differences = [...argsDiffer, ...suitesDiffer, ...code.errors];
  if (differences.length > 0) {
    throw new UsageError('--resume', undefined, `does not match the run in ${out.path}: ${differences.join('; ')}`);
  }
  if (info.status === 'complete') return { complete: true, out };
  let done: Map<number, JobResult>;
  try {
    done = readJournal(out.path, sweep);
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError('--resume', undefined, `does not match the run in ${out.path}: ${error.message}`);
    throw error;
  }
  for (const w of code.warnings) io.stderr.write(`warning: --resume: ${w}\n`);
  const resumed: RunInfo = {
    ...info,
    status: 'running',
    pointsDone: done.size,
    resumes: [...(info.resumes ?? []), { at: new Date().toISOString(), argv: [...argv], threads: args.threads }],
    error: undefined,
  };
  try {
    removeTempFiles(out.path);
    removeTempFiles(journalDir(out.path));
    removeCsvs(out.path);
    ensureJournal(out.path);
    await writeRunInfo(out.path, resumed);
  } catch (error) {
    throw new OutDirError(out.path, `cannot resume the run: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { complete: false, out, info: resumed, done };
}

/**
 * Runs the bench command with `argv` (the arguments after `bench.ts`) and returns the exit code.
 * Bad input (unknown flag or suite, malformed or out-of-domain value, unusable --out, a --resume
 * that does not match its run) prints one `error: ...` line naming the flag and returns 2 before
 * any file is written or changed. A failing trial, worker or write marks run.json `failed` and
 * returns 1; an interrupt (`options.signal`) marks it `interrupted` and returns 130 or 143.
 */
export async function runBench(argv: readonly string[], options: BenchOptions = {}): Promise<number> {
  const io: BenchIo = {
    stdout: options.io?.stdout ?? process.stdout,
    stderr: options.io?.stderr ?? process.stderr,
    env: options.io?.env ?? process.env,
  };
  const registry = options.registry ?? REGISTRY;
  const root = options.projectRoot ?? PROJECT_ROOT;
  let explicitOut = false;
  let run: StartedRun;
  try {
    const parsed = parseArgs(argv);
    if (parsed.action === 'help') {
      io.stdout.write(parsed.text);
      return EXIT.ok;
    }
    if (parsed.action === 'list') {
      io.stdout.write(listText(registry));
      return EXIT.ok;
    }
    explicitOut = parsed.args.out !== null;
    const plan = planRun(parsed.args, registry);
    if (options.signal?.aborted === true) {
      const signal = String(options.signal.reason);
      io.stderr.write(`interrupted by ${signal} before the run started; nothing was written\n`);
      return interruptExitCode(signal);
    }
    const resultsRoot = join(root, 'results');
    // A baseline to compare with must exist before any work starts.
    const baseline = plan.args.baseline === null ? null : await baselineDir(resultsRoot, plan.args.baseline);
    const common = {
      args: plan.args,
      argv,
      entries: plan.entries,
      sweep: plan.sweep,
      throughputPlans: plan.throughputPlans,
      resultsRoot,
      baseline,
    };
    if (plan.args.resume) {
      const resumed = await startResume(plan, argv, root, io);
      if (resumed.complete) {
        io.stdout.write(`the run in ${resumed.out.path} is already complete: nothing to do\n`);
        return EXIT.ok;
      }
      run = { ...common, out: resumed.out, info: resumed.info, done: resumed.done };
    } else {
      const started = await startFresh(plan, argv, root);
      run = { ...common, out: started.out, info: started.info, done: new Map() };
    }
  } catch (error) {
    if (isUsage(error)) {
      io.stderr.write(`${usageLine(error, explicitOut)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return executeRun(run, {
    io,
    workerUrl: options.workerUrl,
    workerData: options.workerData,
    resourceLimits: options.resourceLimits,
    signal: options.signal,
  });
}
