// The work of a started run: the missing points on the worker pool, each saved to the journal as
// it finishes, then the throughput suites, then the result files; or, when interrupted or failed,
// run.json saying so and how to resume. Returns the exit code.
import { dirname } from 'node:path';
import { compareRuns, compareTable, writeCompareFiles } from '../compare/index.ts';
import { appendHistory, saveBaseline } from '../results/index.ts';
import type { ResourceLimits } from 'node:worker_threads';
import { checkClaims, type ClaimResult, type ClaimWarning } from '../claims/check.ts';
import { verdictTable } from '../claims/table.ts';
import { removeJournal, writeJournalEntry } from '../harness/journal.ts';
import type { OutDir } from '../harness/outdir.ts';
import {
  describeFailure,
  removeCsvs,
  resultFiles,
  summarizeSweep,
  writeResults,
  writeRunInfo,
  type ThroughputEntry,
} from '../harness/output.ts';
import { PoolAbortedError, runPool, trialCostNs, type JobResult } from '../harness/pool.ts';
import type { RunInfo } from '../harness/runinfo.ts';
import type { Suite } from '../harness/suite.ts';
import type { Sweep, SweepPoint } from '../harness/sweep.ts';
import { measurementsOf } from '../harness/tables.ts';
import { runThroughput } from '../harness/throughput.ts';
import type { ThroughputSuitePlan } from '../harness/throughput-plan.ts';
import { resolveYardstick } from '../harness/yardstick.ts';
import type { BenchArgs } from './args.ts';
import { nextCommands, nextText } from './next.ts';
import { startProgress } from './progress.ts';
import { resumeCommand } from './resume.ts';
import { finishShard } from './shard-run.ts';
import { spreadTable } from './spread-table.ts';
import { summaryTable, throughputTable } from './table.ts';

/** Exit codes of the command: 128 + the signal's number for an interrupt. */
export const EXIT = { ok: 0, failed: 1, usage: 2, sigint: 130, sigterm: 143 } as const;

/** The exit code of a run interrupted by `signal` (`'SIGTERM'` gives 143, anything else 130). */
export function interruptExitCode(signal: string): number {
  return signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
}

/** Streams and environment of a run. */
export interface BenchIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** A run ready to go: what to run, where, and what is already done. */
export interface StartedRun {
  args: BenchArgs;
  /** The command-line arguments of this invocation (for the resume command). */
  argv: readonly string[];
  entries: readonly { suite: Suite }[];
  sweep: Sweep;
  throughputPlans: readonly ThroughputSuitePlan[];
  out: OutDir;
  /** run.json as written at the start (status `running`). */
  info: RunInfo;
  /** Results of the points already in the journal, by point index; the run adds the others. */
  done: Map<number, JobResult>;
  /** The project's results/ folder, where baselines are kept. */
  resultsRoot: string;
  /** The baseline folder to compare the completed run with (--baseline), or null. */
  baseline: string | null;
}

/** How the run phase is wired: worker entry and limits, and the interrupt signal. */
export interface ExecuteOptions {
  io: BenchIo;
  workerUrl?: URL;
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
  /** Aborted on SIGINT/SIGTERM with the signal's name as reason. */
  signal?: AbortSignal;
  /** The package's root, where `npm run` runs: the printed next commands name folders relative to it (default: absolute). */
  packageRoot?: string;
}

/** Checks every suite's claims against its points' measurements. */
export function checkSweepClaims(
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

/**
 * Runs the throughput suites one point at a time, printing a line per point to stderr, with the
 * C yardstick beside them (built once; when it cannot be, one warning line for the whole run and
 * the ratio columns stay empty). Once `signal` aborts, it stops after the point being timed.
 */
async function runThroughputPlans(plans: readonly ThroughputSuitePlan[], io: BenchIo, signal: AbortSignal): Promise<ThroughputEntry[]> {
  const out: ThroughputEntry[] = [];
  if (!plans.some((plan) => plan.points.length > 0)) return out;
  const yardstick = resolveYardstick(io.env);
  if (yardstick.problem !== null) io.stderr.write(`warning: ${yardstick.problem}\n`);
  for (const plan of plans) {
    const rows = await runThroughput(plan.points, {
      yardstick: yardstick.binary,
      minIterations: plan.minIterations,
      onResult: (r, done, total) => {
        if (signal.aborted) throw new PoolAbortedError(signal.reason);
        io.stderr.write(
          `[throughput] ${done}/${total} n=${r.n} fanout=${r.fanout}: ${r.nsPerAgentRound.toFixed(2)} ns/agent-round` +
            (r.yardstickNs === null ? '\n' : `, yardstick ${r.yardstickNs.toFixed(2)} (x${(r.nsPerAgentRound / r.yardstickNs).toFixed(2)})\n`),
        );
      },
    });
    out.push(...rows.map((row) => ({ suite: plan.suite.name, row })));
  }
  return out;
}

/** The message of anything thrown. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Settles with `work`, or rejects with PoolAbortedError as soon as `signal` aborts. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined); // a late rejection after an abort is not unhandled
  if (signal.aborted) return Promise.reject(new PoolAbortedError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new PoolAbortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A point's journal entry could not be written: names the point and the cause. */
class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';

  constructor(p: SweepPoint, cause: unknown) {
    super(`cannot save suite ${p.suite} point ${p.point} to the journal: ${messageOf(cause)}`, { cause });
  }
}

/**
 * Runs the points of `run.sweep` missing from `run.done`, saving each to the journal as it
 * finishes, then the throughput suites, and writes the result files (removing the journal).
 * On SIGINT/SIGTERM (`options.signal`) it stops the workers, keeps the journal, marks run.json
 * `interrupted`, prints the resume command and returns 130/143; on a failing trial, worker or
 * write it marks run.json `failed` and returns 1.
 */
/**
 * What follows a completed run, none of which can spoil its files: a row per point in the
 * history beside the run folder (`<parent>/history.csv`: results/history.csv for runs in
 * results/), the run kept as a baseline (--save-baseline), and the comparison with a baseline
 * (--baseline: compare.csv and compare.md in the run folder, the table on stdout). A failure
 * here is reported as a warning; the run stays complete.
 */
async function afterComplete(run: StartedRun, io: BenchIo): Promise<void> {
  const dir = run.out.path;
  const step = async (what: string, f: () => Promise<void>): Promise<void> => {
    try {
      await f();
    } catch (error) {
      io.stderr.write(`warning: ${what} failed: ${messageOf(error)}\n`);
    }
  };
  await step('recording the history', async () => {
    const h = await appendHistory(dirname(dir), dir);
    if (h.appended > 0) io.stderr.write(`[bench] history: ${h.appended} rows appended to ${h.path}\n`);
  });
  const save = run.args.saveBaseline;
  if (save !== null) {
    await step(`saving baseline ${save}`, async () => {
      io.stderr.write(`[bench] saved as baseline ${save}: ${await saveBaseline(dir, run.resultsRoot, save)}\n`);
    });
  }
  const base = run.baseline;
  if (base !== null) {
    await step(`comparing with baseline ${run.args.baseline ?? ''}`, async () => {
      const result = await compareRuns(base, dir);
      const files = await writeCompareFiles(result, dir);
      io.stdout.write(`\nCompared with baseline ${run.args.baseline ?? ''} (${base}):\n${compareTable(result)}\nwrote ${files.csv}, ${files.markdown}\n`);
    });
  }
}

export async function executeRun(run: StartedRun, options: ExecuteOptions): Promise<number> {
  const { args, sweep, out, info, done, io } = { ...run, io: options.io };
  const missing = sweep.points.flatMap((_, i) => (done.has(i) ? [] : [i]));
  const jobs = missing.map((i) => {
    const p = sweep.points[i] as SweepPoint;
    return { params: p.params, seedBase: p.seedBase, trials: p.trials, firstTrial: p.firstTrial ?? 0, pointIndex: i };
  });
  const trials = jobs.reduce((sum, job) => sum + job.trials, 0);
  const names = info.suites.map((s) => (s.mode === 'default' ? s.name : `${s.name} (${s.mode})`)).join(', ');
  const resumed = done.size > 0 ? ` (resuming: ${done.size} done, ${missing.length} to run)` : '';
  io.stderr.write(`[bench] ${names}: ${sweep.points.length} points${resumed}, ${trials} trials, ${args.threads} threads -> ${out.path}\n`);

  // One controller stops the pool: on a signal (reason: its name) or a failed journal write (reason: the error).
  const stop = new AbortController();
  let interruptedBy: string | null = null;
  const onSignal = (): void => {
    interruptedBy = typeof options.signal?.reason === 'string' ? options.signal.reason : 'SIGINT';
    stop.abort(interruptedBy);
  };
  if (options.signal?.aborted === true) onSignal();
  else options.signal?.addEventListener('abort', onSignal, { once: true });

  const writes = new Set<Promise<void>>();
  let journaled = done.size;
  let journalFailure: Error | null = null;
  const save = (j: number, result: JobResult): void => {
    const i = missing[j] as number;
    const p = sweep.points[i] as SweepPoint;
    done.set(i, result);
    const write = writeJournalEntry(out.path, p, result).then(
      () => {
        journaled++;
      },
      (error: unknown) => {
        journalFailure ??= new JournalWriteError(p, error);
        stop.abort(journalFailure);
      },
    );
    writes.add(write);
    void write.finally(() => writes.delete(write));
  };

  const totalWork = jobs.reduce((sum, job) => sum + job.trials * trialCostNs(job.params), 0);
  const progress = startProgress(trials, totalWork, { stream: io.stderr, env: io.env });
  try {
    await runPool(jobs, {
      threads: args.threads,
      workerUrl: options.workerUrl,
      workerData: options.workerData,
      resourceLimits: options.resourceLimits,
      signal: stop.signal,
      onProgress: (p) => progress.update(p),
      onPointDone: save,
    });
    progress.stop();
    await Promise.all([...writes]);
    if (journalFailure !== null) throw journalFailure;
    const throughput = await unlessAborted(runThroughputPlans(run.throughputPlans, io, stop.signal), stop.signal);
    if (stop.signal.aborted) throw new PoolAbortedError(stop.signal.reason);
    // From here on the run completes: the result files are written whatever signal comes.
    options.signal?.removeEventListener('abort', onSignal);
    const results = sweep.points.map((_, i) => done.get(i) as JobResult);
    if (info.shard !== undefined) {
      await finishShard(run, results, throughput, io);
      return EXIT.ok;
    }
    const summaries = summarizeSweep(sweep, results);
    const checked = checkSweepClaims(sweep, run.entries, results);
    const complete: RunInfo = { ...info, endedAt: new Date().toISOString(), status: 'complete', pointsDone: undefined };
    await writeResults(out.path, sweep, results, summaries, checked.results, throughput, complete);
    removeJournal(out.path);
    for (const w of checked.warnings) io.stderr.write(`warning: suite ${w.suite}, claim ${w.claimId}: ${w.message}\n`);
    await afterComplete(run, io);
    const failed = checked.results.filter((r) => r.verdict === 'fails').length;
    let next = '';
    try {
      next = nextText(await nextCommands(out.path, options.packageRoot ?? null));
    } catch (error) {
      io.stderr.write(`warning: looking for the previous run failed: ${messageOf(error)}\n`);
    }
    const spread = spreadTable(sweep.points, summaries);
    io.stdout.write(
      (sweep.points.length > 0 ? `${summaryTable(sweep.points, summaries)}\n\n` : '') +
        (spread === '' ? '' : `Dissemination (measured beside theory: e^-m from the traffic, Serf's formula):\n${spread}\n\n`) +
        (throughput.length > 0 ? `${throughputTable(throughput)}\n\n` : '') +
        (checked.results.length > 0 ? `Claims (${checked.results.length} checked, ${failed} fail):\n${verdictTable(checked.results)}\n\n` : '') +
        `wrote ${out.path} (${resultFiles(throughput.length > 0).join(', ')})\n` +
        next,
    );
    if (args.strict && failed > 0) {
      io.stderr.write(`--strict: ${failed} claim result(s) fail\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (error) {
    progress.stop();
    await Promise.allSettled([...writes]);
    options.signal?.removeEventListener('abort', onSignal);
    const resume = `resume with: ${resumeCommand(run.argv, out.path)}\n`;
    const kept = `${journaled} of ${sweep.points.length} points kept in ${out.path}/journal`;
    if (interruptedBy !== null && error instanceof PoolAbortedError && error.reason === interruptedBy) {
      const signal: string = interruptedBy;
      const stopped: RunInfo = {
        ...info,
        endedAt: new Date().toISOString(),
        status: 'interrupted',
        pointsDone: journaled,
        error: { message: `interrupted by ${signal}`, signal },
      };
      try {
        await writeRunInfo(out.path, stopped);
        io.stderr.write(`interrupted by ${signal}: ${kept}; run.json (status interrupted) written\n${resume}`);
      } catch (writeError) {
        io.stderr.write(`interrupted by ${signal}: ${kept}\n(could not write run.json: ${messageOf(writeError)})\n${resume}`);
      }
      return interruptExitCode(signal);
    }
    const failure = describeFailure(journalFailure ?? error, sweep);
    removeCsvs(out.path);
    try {
      await writeRunInfo(out.path, { ...info, endedAt: new Date().toISOString(), status: 'failed', pointsDone: journaled, error: failure });
      io.stderr.write(`error: ${failure.message}\nrun.json (status failed) written to ${out.path}; ${kept}\n${resume}`);
    } catch (writeError) {
      io.stderr.write(`error: ${failure.message}\n(could not write run.json: ${messageOf(writeError)}); ${kept}\n`);
    }
    return EXIT.failed;
  }
}
