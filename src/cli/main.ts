// The bench command as a function: arguments in, exit code out (0 done, 1 a trial, worker or write
// failed, 2 bad input, 130/143 interrupted), so tests can run it in-process with a fixture worker.
// It checks the input, opens the output folder (new, or the run to resume), then hands over to
// execute.ts.
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { defaultRun as registryDefaultRun, suites as registrySuites } from '../../suites/index.ts';
import { removeTempFiles } from '../io/atomic.ts';
import { defaultWorkRoot } from '../io/package-files.ts';
import { gitInfo, machineInfo, packageVersion, runId } from '../harness/context.ts';
import { expandGrid } from '../harness/grid.ts';
import { createJournal, ensureJournal, journalDir, JournalError, readJournal, removeJournal } from '../harness/journal.ts';
import { holderCommand, LockHeldError, type LockInfo } from '../io/lock.ts';
import { createRunDir, OutDirError, openRunDir, prepareOutDir, removeCreatedDir, type OutDir } from '../harness/outdir.ts';
import { removeCsvs, writeRunInfo } from '../harness/output.ts';
import type { JobResult } from '../harness/pool.ts';
import { readRunInfo, RunInfoError, SCHEMA_VERSION, type RunInfo } from '../harness/runinfo.ts';
import { SuiteError, suiteVariant, validateSuite, type RunEntry, type Suite, type SuiteMode } from '../harness/suite.ts';
import { shardInfo, shardSweep, type ShardInfo, type ShardSpec } from '../harness/shard.ts';
import { buildSweep, type Sweep } from '../harness/sweep.ts';
import { isThroughput, planThroughput, type ThroughputSuitePlan } from '../harness/throughput-plan.ts';
import { BaselineError, baselineDir } from '../results/baselines.ts';
import { adhocSuite } from './adhoc.ts';
import { parseArgs, UsageError, type BenchArgs } from './args.ts';
import { EXIT, executeRun, interruptExitCode, type BenchIo, type StartedRun } from './execute.ts';
import { argumentDifferences, codeDifferences, fileDifferences, shardDifferences, suiteDifferences } from './resume.ts';
import { registeredRuleNames, RuleError } from '../engine/rule.ts';
import { loadUserFiles, UserFileError, type UserFile } from '../harness/user-files.ts';
import type { EngineWorkerData } from '../harness/worker.ts';
import { resolveShard } from './shard-env.ts';

export { EXIT, interruptExitCode } from './execute.ts';
export type { BenchIo } from './execute.ts';

/** Where results/ lives: the repository from source, the current folder when installed. */
const PROJECT_ROOT = defaultWorkRoot();

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
  /** Where each suite comes from, for errors (default `suites/index.ts entry i`). */
  sources?: readonly string[];
}

export const REGISTRY: SuiteRegistry = { suites: registrySuites, defaultRun: registryDefaultRun };

/** Validates every registered suite, in registry order. Throws SuiteError. */
export function loadSuites(registry: SuiteRegistry = REGISTRY): Suite[] {
  const seen = new Set<string>();
  return registry.suites.map((s, i) => {
    const source = registry.sources?.[i] ?? `suites/index.ts entry ${i}`;
    const suite = validateSuite(s, source);
    if (seen.has(suite.name)) throw new SuiteError(source, 'name', suite.name, 'a name no other suite has');
    seen.add(suite.name);
    return suite;
  });
}

/**
 * The registry with the user's files added: their suites after the built-in ones, and, when
 * there are any, as the default set (`--suite-file my.ts` alone runs my.ts's suites). Rule files
 * load first, so suites may name their rules.
 */
export async function withUserFiles(registry: SuiteRegistry, suiteFiles: readonly string[], ruleFiles: readonly string[]): Promise<{ registry: SuiteRegistry; files: UserFile[] }> {
  if (suiteFiles.length === 0 && ruleFiles.length === 0) return { registry, files: [] };
  const loaded = await loadUserFiles(ruleFiles, suiteFiles);
  if (loaded.suites.length === 0) return { registry, files: loaded.files };
  const builtIn = registry.suites.map((_, i) => registry.sources?.[i] ?? `suites/index.ts entry ${i}`);
  const user = loaded.suites.map((s) => ({ value: s.value, source: s.path }));
  const names = user.map((s) => (s.value as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
  return {
    registry: {
      suites: [...registry.suites, ...user.map((s) => s.value)],
      sources: [...builtIn, ...user.map((s) => s.source)],
      defaultRun: names.map((suite) => ({ suite, mode: 'default' as const })),
    },
    files: loaded.files,
  };
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

/** A bad-input error (exit 2). */
type UsageLike = UsageError | SuiteError | OutDirError | BaselineError | LockHeldError | UserFileError | RuleError;

/** Whether an error is bad input (exit 2): a folder locked by another run is one too. */
function isUsage(error: unknown): error is UsageLike {
  return (
    error instanceof UsageError ||
    error instanceof SuiteError ||
    error instanceof OutDirError ||
    error instanceof BaselineError ||
    error instanceof LockHeldError ||
    error instanceof UserFileError ||
    error instanceof RuleError
  );
}

/** The one-line message of a bad-input error; folder problems name --out, baselines --baseline. */
function usageLine(error: UsageLike, explicitOut: boolean): string {
  if (error instanceof OutDirError) return `error: ${explicitOut ? '--out ' : ''}${error.message}`;
  if (error instanceof BaselineError) return `error: --baseline: ${error.message}`;
  return `error: ${error.message}`;
}

/** What the arguments resolve to, before any file is touched. */
export interface RunPlan {
  args: BenchArgs;
  entries: { suite: Suite; mode: SuiteMode }[];
  /** The throughput suites this process times (in a shard: shard 0 only). */
  throughputPlans: ThroughputSuitePlan[];
  /** The points this process runs (in a shard: its slices, see shard.ts). */
  sweep: Sweep;
  /** The suites of the whole run, as run.json records them (trials suites first). */
  suites: RunInfo['suites'];
  /** With --shard: which shard, and its slices of the run. */
  shard?: ShardInfo;
}

/**
 * Resolves parsed arguments into suites, points and throughput plans; with a shard, into that
 * shard's slices of the run (its throughput suites only in shard 0). Throws bad-input errors.
 */
export function planRun(args: BenchArgs, registry: SuiteRegistry = REGISTRY, shard: ShardSpec | null = null): RunPlan {
  const selected = selectEntries(args, registry);
  const entries = selected.filter((e) => !isThroughput(e));
  const throughputPlans = planThroughput(selected.filter(isThroughput));
  const sweep = buildSweep(entries, { masterSeed: args.seed, trials: args.trials ?? undefined });
  const suites = [...sweep.suites, ...throughputPlans.map((t) => t.suite)];
  if (shard === null) return { args, entries, throughputPlans, sweep, suites };
  const timed = shard.index === 0 ? throughputPlans : [];
  const info = shardInfo(sweep, shard, timed.length > 0, hostname());
  return { args, entries, throughputPlans: timed, sweep: shardSweep(sweep, info.slices), suites, shard: info };
}

/** The suites a plan records in run.json, trials suites first. */
function planSuites(plan: RunPlan): RunInfo['suites'] {
  return plan.suites;
}

/**
 * Starts a new run: creates (or checks) the output folder and an empty journal, and writes run.json
 * with status `running`, so a run killed at any moment leaves a folder `--resume` can continue.
 * Throws OutDirError for an unusable folder (bad input: nothing is left behind).
 */
async function startFresh(plan: RunPlan, argv: readonly string[], root: string, files: readonly UserFile[]): Promise<{ out: OutDir; info: RunInfo }> {
  // Context first: git state before anything is written, then the output folder.
  const git = gitInfo(root);
  const started = new Date();
  const id = runId(started, git.shortCommit);
  const { args } = plan;
  const version = packageVersion();
  const machine = machineInfo();
  const out = args.out !== null ? prepareOutDir(args.out, argv) : createRunDir(`${root}/results`, id, argv);
  const info: RunInfo = {
    // The folder's name when it is ours: two runs in one second get `-2` on the second.
    runId: args.out !== null ? id : basename(out.path),
    schemaVersion: SCHEMA_VERSION,
    suites: planSuites(plan),
    masterSeed: plan.sweep.masterSeed,
    argv: [...argv],
    packageVersion: version,
    git,
    machine,
    threads: args.threads,
    startedAt: started.toISOString(),
    endedAt: started.toISOString(),
    status: 'running',
    pointsDone: 0,
    ...(files.length > 0 ? { files: [...files] } : {}),
    ...(plan.shard === undefined ? {} : { shard: plan.shard }),
  };
  try {
    removeTempFiles(out.path);
    createJournal(out.path);
    await writeRunInfo(out.path, info);
  } catch (error) {
    removeJournal(out.path);
    out.lock.release();
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
 * Reopens (and locks) the run in `--out` for `--resume`. Before touching anything it checks that
 * the folder holds a run.json, that the arguments that define the trials and the code match it (see
 * resume.ts), and that every journal entry belongs to a point of this run; any mismatch is bad
 * input (UsageError, nothing changed). A complete run is returned as such. Otherwise it removes
 * leftover temp files and stale CSVs, and rewrites run.json with status `running`.
 */
async function startResume(
  plan: RunPlan,
  argv: readonly string[],
  root: string,
  io: BenchIo,
  files: readonly UserFile[],
): Promise<AlreadyComplete | { complete: false; out: OutDir; info: RunInfo; done: Map<number, JobResult> }> {
  const out = openRunDir(plan.args.out as string, argv);
  try {
    const resumed = await checkResume(plan, argv, root, io, out, files);
    if (resumed.complete) out.lock.release();
    return resumed;
  } catch (error) {
    out.lock.release();
    throw error;
  }
}

/** The checks and preparation of {@link startResume}, in the folder `out` it has locked. */
async function checkResume(
  plan: RunPlan,
  argv: readonly string[],
  root: string,
  io: BenchIo,
  out: OutDir,
  files: readonly UserFile[],
): Promise<AlreadyComplete | { complete: false; out: OutDir; info: RunInfo; done: Map<number, JobResult> }> {
  const { args, sweep } = plan;
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
  const differences = [
    ...argsDiffer,
    ...(argsDiffer.length === 0 ? fileDifferences(info.files ?? [], files) : []),
    ...suitesDiffer,
    ...shardDifferences(info.shard, plan.shard),
    ...code.errors,
  ];
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
 * that does not match its run, a folder locked by another live run: see io/lock.ts) prints
 * one `error: ...` line naming the flag and returns 2 before any file is written or changed. The
 * folder's lock is held from before the first write until the run ends, however it ends. A
 * failing trial, worker or write marks run.json `failed` and returns 1; an interrupt
 * (`options.signal`) marks it `interrupted` and returns 130 or 143.
 */
export async function runBench(argv: readonly string[], options: BenchOptions = {}): Promise<number> {
  const io: BenchIo = {
    stdout: options.io?.stdout ?? process.stdout,
    stderr: options.io?.stderr ?? process.stderr,
    env: options.io?.env ?? process.env,
  };
  let registry = options.registry ?? REGISTRY;
  let files: UserFile[] = [];
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
      io.stdout.write(listText((await withUserFiles(registry, parsed.suiteFiles, parsed.ruleFiles)).registry));
      const rules = registeredRuleNames();
      if (rules.length > 0) io.stdout.write(`Rules loaded (grid key rule, ad hoc --rule-name): ${rules.join(', ')}\n`);
      return EXIT.ok;
    }
    explicitOut = parsed.args.out !== null;
    ({ registry, files } = await withUserFiles(registry, parsed.args.suiteFiles, parsed.args.ruleFiles));
    const plan = planRun(parsed.args, registry, resolveShard(parsed.args, io.env));
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
      const resumed = await startResume(plan, argv, root, io, files);
      warnTakeover(resumed.out.lock.tookOver, resumed.out.path, io);
      if (resumed.complete) {
        io.stdout.write(`the run in ${resumed.out.path} is already complete: nothing to do\n`);
        return EXIT.ok;
      }
      run = { ...common, out: resumed.out, info: resumed.info, done: resumed.done };
    } else {
      const started = await startFresh(plan, argv, root, files);
      warnTakeover(started.out.lock.tookOver, started.out.path, io);
      run = { ...common, out: started.out, info: started.info, done: new Map() };
    }
  } catch (error) {
    if (isUsage(error)) {
      io.stderr.write(`${usageLine(error, explicitOut)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    return await executeRun(run, {
      io,
      workerUrl: options.workerUrl,
      workerData: options.workerData ?? (files.length > 0 ? ({ userFiles: files } satisfies EngineWorkerData) : undefined),
      resourceLimits: options.resourceLimits,
      signal: options.signal,
      packageRoot: PROJECT_ROOT,
    });
  } finally {
    run.out.lock.release();
  }
}

/** The warning printed when the run took over the stale lock of a run that is gone. */
function warnTakeover(stale: LockInfo | null, dir: string, io: BenchIo): void {
  if (stale === null) return;
  io.stderr.write(
    `warning: took over the stale lock of ${dir}: pid ${stale.pid} on host ${stale.hostname} (${holderCommand(stale)} started ${stale.startedAt}) is gone\n`,
  );
}
