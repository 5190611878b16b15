// The bench command as a function: arguments in, exit code out (0 done, 1 a trial or the run
// failed, 2 bad input), so tests can run it in-process with a fixture worker.
import { fileURLToPath } from 'node:url';
import { defaultRun, suites as registry } from '../../suites/index.ts';
import { gitInfo, machineInfo, packageVersion, runId } from '../harness/context.ts';
import { createRunDir, OutDirError, prepareOutDir, removeCreatedDir, type OutDir } from '../harness/outdir.ts';
import { describeFailure, removeCsvs, summarizeSweep, writeFailure, writeResults } from '../harness/output.ts';
import { runPool, trialCostNs, type JobResult } from '../harness/pool.ts';
import { runThroughput } from '../harness/throughput.ts';
import { isThroughput, planThroughput, type ThroughputSuitePlan } from '../harness/throughput-plan.ts';
import { resultFiles, type ThroughputEntry } from '../harness/output.ts';
import { throughputTable } from './table.ts';
import { measurementsOf } from '../harness/tables.ts';
import { checkClaims, type ClaimResult, type ClaimWarning } from '../claims/check.ts';
import { verdictTable } from '../claims/table.ts';
import { SCHEMA_VERSION, type RunInfo } from '../harness/runinfo.ts';
import { expandGrid } from '../harness/grid.ts';
import { SuiteError, suiteVariant, validateSuite, type RunEntry, type Suite, type SuiteMode } from '../harness/suite.ts';
import { buildSweep, type Sweep } from '../harness/sweep.ts';
import { adhocSuite } from './adhoc.ts';
import { parseArgs, UsageError, type BenchArgs } from './args.ts';
import { startProgress } from './progress.ts';
import { summaryTable } from './table.ts';

/** The project root (two folders up from this file); results/ lives there. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Streams and environment of a run. */
export interface BenchIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Options of {@link runBench}; the defaults are the process's. */
export interface BenchOptions {
  io?: Partial<BenchIo>;
  /** Worker entry for the pool (tests point it at a fixture). */
  workerUrl?: URL;
  /** `workerData` for the pool's workers. */
  workerData?: unknown;
  /** Folder that holds results/ (default: the project root). */
  projectRoot?: string;
}

/** Exit codes of the command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Validates every registered suite, in registry order. Throws SuiteError. */
export function loadSuites(): Suite[] {
  return registry.map((s, i) => validateSuite(s, `suites/index.ts entry ${i}`));
}

/** The suites of the run and their variants, from --suite / the default set / the ad hoc flags. */
function selectEntries(args: BenchArgs): { suite: Suite; mode: SuiteMode; trials?: number }[] {
  if (args.adhoc !== null) return [{ suite: adhocSuite(args.adhoc, args.trials), mode: 'default' }];
  const all = loadSuites();
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

/** Checks every suite's claims against its points' measurements. */
function checkSweepClaims(
  sweep: Sweep,
  entries: readonly { suite: Suite }[],
  results: readonly JobResult[],
): { results: ClaimResult[]; warnings: ClaimWarning[] } {
  const out: { results: ClaimResult[]; warnings: ClaimWarning[] } = { results: [], warnings: [] };
  for (const { suite } of entries) {
    const measured = sweep.points.flatMap((p, i) => (p.suite === suite.name ? [measurementsOf(p, results[i] as JobResult)] : []));
    const { results: r, warnings: w } = checkClaims(suite.name, suite.claims, measured);
    out.results.push(...r);
    out.warnings.push(...w);
  }
  return out;
}

/** Runs the throughput suites one point at a time, printing a line per point to stderr. */
async function runThroughputPlans(plans: readonly ThroughputSuitePlan[], io: BenchIo): Promise<ThroughputEntry[]> {
  const out: ThroughputEntry[] = [];
  for (const plan of plans) {
    const rows = await runThroughput(plan.points, {
      minIterations: plan.minIterations,
      onResult: (r, done, total) =>
        io.stderr.write(
          `[throughput] ${done}/${total} n=${r.n} fanout=${r.fanout}: ${r.nsPerAgentRound.toFixed(2)} ns/agent-round` +
            (r.yardstickNs === null ? '\n' : `, yardstick ${r.yardstickNs.toFixed(2)} (x${(r.nsPerAgentRound / r.yardstickNs).toFixed(2)})\n`),
        ),
    });
    out.push(...rows.map((row) => ({ suite: plan.suite.name, row })));
  }
  return out;
}

/** A run entry as `--list` shows it: `scaling (quick, 30 trials)`. */
function entryLabel(e: RunEntry): string {
  const notes = [...(e.mode === 'default' ? [] : [e.mode]), ...(e.trials === undefined ? [] : [`${e.trials} trials`])];
  return notes.length === 0 ? e.suite : `${e.suite} (${notes.join(', ')})`;
}

/** The `--list` text: each suite with its description and sizes, then the default set. */
function listText(): string {
  const all = loadSuites();
  const width = Math.max(...all.map((s) => s.name.length));
  const size = (s: Suite, mode: SuiteMode): string => {
    const v = suiteVariant(s, mode);
    return `${mode} ${expandGrid(v.grid).length} points x ${v.trials} trials`;
  };
  const lines = all.map(
    (s) => `  ${s.name.padEnd(width)}  ${s.description}\n  ${' '.repeat(width)}  (${(['default', 'quick', 'full'] as const).map((m) => size(s, m)).join('; ')})`,
  );
  const defaults = defaultRun.map(entryLabel).join(', ');
  return `Suites:\n${lines.join('\n')}\n\nDefault set (no --suite): ${defaults}\n`;
}

/** Whether an error is bad input (exit 2). */
function isUsage(error: unknown): error is UsageError | SuiteError | OutDirError {
  return error instanceof UsageError || error instanceof SuiteError || error instanceof OutDirError;
}

/** The one-line message of a bad-input error; folder problems name --out. */
function usageLine(error: UsageError | SuiteError | OutDirError, explicitOut: boolean): string {
  if (error instanceof OutDirError) return `error: ${explicitOut ? '--out ' : ''}${error.message}`;
  return `error: ${error.message}`;
}

/**
 * Runs the bench command with `argv` (the arguments after `bench.ts`) and returns the exit code.
 * Bad input (unknown flag or suite, malformed or out-of-domain value, unusable --out) prints one
 * `error: ...` line naming the flag and returns 2 before any file is written; a failing trial
 * writes run.json with status `failed` and returns 1.
 */
export async function runBench(argv: readonly string[], options: BenchOptions = {}): Promise<number> {
  const io: BenchIo = {
    stdout: options.io?.stdout ?? process.stdout,
    stderr: options.io?.stderr ?? process.stderr,
    env: options.io?.env ?? process.env,
  };
  let args: BenchArgs;
  let entries: { suite: Suite; mode: SuiteMode }[];
  let throughputPlans: ThroughputSuitePlan[];
  let sweep: Sweep;
  let explicitOut = false;
  try {
    const parsed = parseArgs(argv);
    if (parsed.action === 'help') {
      io.stdout.write(parsed.text);
      return EXIT.ok;
    }
    if (parsed.action === 'list') {
      io.stdout.write(listText());
      return EXIT.ok;
    }
    args = parsed.args;
    explicitOut = args.out !== null;
    const selected = selectEntries(args);
    entries = selected.filter((e) => !isThroughput(e));
    throughputPlans = planThroughput(selected.filter(isThroughput));
    sweep = buildSweep(entries, { masterSeed: args.seed, trials: args.trials ?? undefined });
  } catch (error) {
    if (isUsage(error)) {
      io.stderr.write(`${usageLine(error, explicitOut)}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  // Context first: git state before anything is written, then the output folder.
  const root = options.projectRoot ?? PROJECT_ROOT;
  const git = gitInfo(root);
  const started = new Date();
  const id = runId(started, git.shortCommit);
  let out: OutDir;
  try {
    out = args.out !== null ? prepareOutDir(args.out) : createRunDir(`${root}/results`, id);
  } catch (error) {
    if (isUsage(error)) {
      io.stderr.write(`${usageLine(error, explicitOut)}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const info: RunInfo = {
    runId: id,
    schemaVersion: SCHEMA_VERSION,
    suites: [...sweep.suites, ...throughputPlans.map((t) => t.suite)],
    masterSeed: sweep.masterSeed,
    argv: [...argv],
    packageVersion: packageVersion(),
    git,
    machine: machineInfo(),
    threads: args.threads,
    startedAt: started.toISOString(),
    endedAt: started.toISOString(),
    status: 'complete',
  };

  const names = info.suites.map((s) => (s.mode === 'default' ? s.name : `${s.name} (${s.mode})`)).join(', ');
  io.stderr.write(
    `[bench] ${names}: ${sweep.points.length} points, ${sweep.totalTrials} trials, ${args.threads} threads -> ${out.path}\n`,
  );
  const jobs = sweep.points.map((p) => ({ params: p.params, seedBase: p.seedBase, trials: p.trials }));
  const totalWork = jobs.reduce((sum, job) => sum + job.trials * trialCostNs(job.params), 0);
  const progress = startProgress(sweep.totalTrials, totalWork, { stream: io.stderr, env: io.env });
  try {
    const results = await runPool(jobs, {
      threads: args.threads,
      workerUrl: options.workerUrl,
      workerData: options.workerData,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const throughput = await runThroughputPlans(throughputPlans, io);
    const summaries = summarizeSweep(sweep, results);
    const checked = checkSweepClaims(sweep, entries, results);
    const done = { ...info, endedAt: new Date().toISOString() };
    await writeResults(out.path, sweep, results, summaries, checked.results, throughput, done);
    for (const w of checked.warnings) io.stderr.write(`warning: suite ${w.suite}, claim ${w.claimId}: ${w.message}\n`);
    const failed = checked.results.filter((r) => r.verdict === 'fails').length;
    io.stdout.write(
      (sweep.points.length > 0 ? `${summaryTable(sweep.points, summaries)}\n\n` : '') +
        (throughput.length > 0 ? `${throughputTable(throughput)}\n\n` : '') +
        (checked.results.length > 0 ? `Claims (${checked.results.length} checked, ${failed} fail):\n${verdictTable(checked.results)}\n\n` : '') +
        `wrote ${out.path} (${resultFiles(throughput.length > 0).join(', ')})\n`,
    );
    if (args.strict && failed > 0) {
      io.stderr.write(`--strict: ${failed} claim result(s) fail\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (error) {
    progress.stop();
    const failure = describeFailure(error, sweep);
    removeCsvs(out.path);
    try {
      await writeFailure(out.path, { ...info, endedAt: new Date().toISOString(), status: 'failed', error: failure });
      io.stderr.write(`error: ${failure.message}\nrun.json (status failed) written to ${out.path}\n`);
    } catch (writeError) {
      removeCreatedDir(out);
      io.stderr.write(`error: ${failure.message}\n(could not write run.json: ${String(writeError)})\n`);
    }
    return EXIT.failed;
  }
}
