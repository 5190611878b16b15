// The merge command (`npm run merge -- --out DIR SHARD_DIR...`): checks that the shard folders
// are the N shards of one run (same arguments, seed, code and shard count; none missing, given
// twice, edited or truncated), joins their trials, and writes a run folder whose trials.csv,
// summary.csv, agreement.csv and claims.csv are byte for byte those of the run on one machine:
// the summaries and claims are computed from the joined trials by the code a run uses.
import { copyFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { defaultWorkRoot } from '../io/package-files.ts';
import { verdictTable } from '../claims/table.ts';
import { gitInfo, packageVersion, runId } from '../harness/context.ts';
import { createRunDir, OutDirError, prepareOutDir, removeCreatedDir, type OutDir } from '../harness/outdir.ts';
import { LockHeldError } from '../io/lock.ts';
import { UserFileError } from '../harness/user-files.ts';
import { removeCsvs, RESULT_FILES, summarizeSweep, writeResults } from '../harness/output.ts';
import { joinChunks } from '../harness/chunks.ts';
import type { JobResult } from '../harness/pool.ts';
import { readRunInfo, RunInfoError, type RunInfo } from '../harness/runinfo.ts';
import { planShards, type MergedShard, type MergeInfo, type ShardInfo } from '../harness/shard.ts';
import { readShardResults, ShardFolderError } from '../harness/shard-folder.ts';
import type { Sweep } from '../harness/sweep.ts';
import { parseArgs, UsageError, type BenchArgs } from './args.ts';
import { checkSweepClaims, EXIT } from './execute.ts';
import { planRun, REGISTRY, withUserFiles, type RunPlan, type SuiteRegistry } from './main.ts';
import { argumentDifferences, codeDifferences, fileDifferences, suiteDifferences } from './resume.ts';
import { summaryTable } from './table.ts';

/** Usage of `npm run merge`. */
export const MERGE_USAGE = `Usage: merge [--out DIR] SHARD_DIR...

Joins the shard folders of one run (each written by \`npm run bench -- ARGS --shard I/N\`) into
one run folder (--out DIR, default results/<run-id>) whose trials.csv, summary.csv, agreement.csv
and claims.csv are byte for byte those of \`npm run bench -- ARGS\` on one machine. The throughput
files come from shard 0, the only one that times the throughput suites.

Exit codes: 0 merged; 1 a file could not be written; 2 bad input: the shards are not the N shards
of one run (arguments, seed, code or shard count differ, a shard is missing, given twice, not
complete, edited or truncated); one line on stderr names the shard and what differs, and nothing
is written.`;

/** Options of {@link runMerge}; the defaults are the process's. */
export interface MergeOptions {
  io?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream };
  /** Folder that holds results/ (default: the project root). */
  projectRoot?: string;
  /** The suites (default: suites/index.ts), as for bench. */
  registry?: SuiteRegistry;
}

/** The project root (two folders up from this file). */
const PROJECT_ROOT = defaultWorkRoot();

/** A shard folder read for merging. */
interface LoadedShard {
  dir: string;
  info: RunInfo & { shard: ShardInfo };
  args: BenchArgs;
}

/** Bad input of merge: one line, naming the shard where one is at fault. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** `shard 2 (/path)`: how messages name a shard. */
function named(s: LoadedShard): string {
  return `shard ${s.info.shard.index} (${s.dir})`;
}

/** Reads a shard folder's run.json; it must be a complete shard whose argv parses. */
function loadShard(dir: string): LoadedShard {
  const where = `shard folder ${dir}`;
  if (!existsSync(join(dir, RESULT_FILES.run))) throw new MergeError(`${where} holds no run.json: not a run folder`);
  let info: RunInfo;
  try {
    info = readRunInfo(join(dir, RESULT_FILES.run));
  } catch (error) {
    if (error instanceof RunInfoError) throw new MergeError(`${where}: ${error.reason}`);
    throw error;
  }
  const shard = info.shard;
  if (shard === undefined || typeof shard.index !== 'number' || typeof shard.count !== 'number' || !Array.isArray(shard.slices)) {
    throw new MergeError(`${where} is not a shard (its run.json has no shard record): run it with --shard I/N`);
  }
  const me = `shard ${shard.index} (${dir})`;
  if (info.status !== 'complete') throw new MergeError(`${me} is not complete (status ${info.status}): finish it with --resume`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(info.argv);
  } catch (error) {
    if (error instanceof UsageError) throw new MergeError(`${me}: its argv no longer parses (${error.message})`);
    throw error;
  }
  if (parsed.action !== 'run') throw new MergeError(`${me}: its argv runs nothing`);
  return { dir, info: info as RunInfo & { shard: ShardInfo }, args: parsed.args };
}

/**
 * Checks that the shards are the N shards of one run: each against the first given (shard count,
 * master seed, arguments, suites, code), then none given twice and none missing. Returns them
 * sorted by index. Throws {@link MergeError} naming the shard and what differs.
 */
function checkSet(shards: readonly LoadedShard[]): LoadedShard[] {
  const ref = shards[0] as LoadedShard;
  const r = ref.info;
  for (const s of shards.slice(1)) {
    const i = s.info;
    const differs = (what: string, here: unknown, there: unknown): MergeError =>
      new MergeError(`${named(s)} is not of the same run as ${named(ref)}: ${what} is ${String(here)} here but ${String(there)} there`);
    if (i.shard.count !== r.shard.count) throw differs('the shard count', i.shard.count, r.shard.count);
    if (i.masterSeed !== r.masterSeed) throw differs('the seed', JSON.stringify(i.masterSeed), JSON.stringify(r.masterSeed));
    const args = argumentDifferences(ref.args, s.args);
    if (args.length > 0) throw new MergeError(`${named(s)} is not of the same run as ${named(ref)}: ${args.join('; ').replaceAll(' now but ', ' here but ').replaceAll(' in the run', ' there')}`);
    const suites = suiteDifferences(r.suites, i.suites);
    if (suites.length > 0) throw new MergeError(`${named(s)} is not of the same run as ${named(ref)}: ${(suites[0] as string).replace(' now but were ', ' here but ').replace(' in the run', ' there')}`);
    if (i.git.commit !== r.git.commit) throw differs('the code commit', i.git.commit ?? 'no git', r.git.commit ?? 'no git');
    if (i.packageVersion !== r.packageVersion) throw differs('the package version', i.packageVersion, r.packageVersion);
  }
  const byIndex = new Map<number, LoadedShard>();
  for (const s of shards) {
    const twin = byIndex.get(s.info.shard.index);
    if (twin !== undefined) throw new MergeError(`shard ${s.info.shard.index} is given twice: ${twin.dir} and ${s.dir}`);
    byIndex.set(s.info.shard.index, s);
  }
  const count = r.shard.count;
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !byIndex.has(k));
  if (missing.length > 0) {
    throw new MergeError(`shard ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')})`);
  }
  return [...byIndex.values()].sort((a, b) => a.info.shard.index - b.info.shard.index);
}

/** The run's argv without what belongs to one shard: --shard, --shards, --out, --threads, --resume. */
export function runArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--out' || a === '--shards' || a === '--threads') i++;
    else if (a === '--shard') {
      if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('-')) i++;
    } else if (!/^--(shard|shards|out|threads)=/.test(a) && a !== '--resume') out.push(a);
  }
  return out;
}

/** Joins the shards' slices into the run's results, point by point in trial order. */
function joinResults(sweep: Sweep, shards: readonly LoadedShard[], parts: readonly JobResult[][]): JobResult[] {
  const byPoint: JobResult[][] = sweep.points.map(() => []);
  shards.forEach((s, k) => s.info.shard.slices.forEach((slice, j) => (byPoint[slice.point] as JobResult[]).push((parts[k] as JobResult[])[j] as JobResult)));
  return byPoint.map((list) => ({ rows: joinChunks(list.map((x) => x.rows)), agreement: joinChunks(list.map((x) => x.agreement)) }));
}

/** The merged run.json: the run's context (shard 0's machine, which timed the throughput) and the shards. */
function mergedInfo(plan: RunPlan, shards: readonly LoadedShard[], id: string): RunInfo {
  const first = shards[0] as LoadedShard;
  const starts = shards.map((s) => s.info.startedAt).sort();
  const ends = shards.map((s) => s.info.endedAt).sort();
  const list: MergedShard[] = shards.map((s) => ({
    index: s.info.shard.index,
    dir: s.dir,
    host: s.info.shard.host,
    startedAt: s.info.startedAt,
    endedAt: s.info.endedAt,
    threads: s.info.threads,
    trials: s.info.shard.slices.reduce((sum, x) => sum + x.trials, 0),
    costShare: s.info.shard.totalCost === 0 ? 0 : s.info.shard.cost / s.info.shard.totalCost,
  }));
  const merged: MergeInfo = {
    count: first.info.shard.count,
    shards: list,
    throughputFrom: plan.throughputPlans.length > 0 ? 0 : null,
    host: hostname(),
    at: new Date().toISOString(),
  };
  return {
    runId: id,
    schemaVersion: first.info.schemaVersion,
    suites: plan.suites,
    masterSeed: first.info.masterSeed,
    argv: runArgv(first.info.argv),
    packageVersion: first.info.packageVersion,
    git: first.info.git,
    machine: first.info.machine,
    threads: first.info.threads,
    startedAt: starts[0] as string,
    endedAt: ends[ends.length - 1] as string,
    status: 'complete',
    merged,
  };
}

/** Parses merge's own arguments. Throws MergeError. */
function parse(argv: readonly string[]): { out: string | null; dirs: string[]; help: boolean } {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    throw new MergeError(`${(error as Error).message.split('\n')[0] ?? ''} (see --help)`);
  }
  const out = parsed.values.out ?? null;
  if (out === '') throw new MergeError('--out must name a folder (got "")');
  if (parsed.values.help !== true && parsed.positionals.length === 0) throw new MergeError('expected the shard folders to merge (got none; see --help)');
  return { out, dirs: parsed.positionals.map((d) => resolve(d)), help: parsed.values.help === true };
}

/**
 * Runs the merge command on `argv` and returns the exit code: 0 merged, 1 a write failed, 2 bad
 * input (one `error: ...` line naming the shard and what differs; nothing written).
 */
export async function runMerge(argv: readonly string[], options: MergeOptions = {}): Promise<number> {
  const stdout = options.io?.stdout ?? process.stdout;
  const stderr = options.io?.stderr ?? process.stderr;
  const root = options.projectRoot ?? PROJECT_ROOT;
  let out: OutDir;
  let plan: RunPlan;
  let info: RunInfo;
  let results: JobResult[];
  let shards: LoadedShard[];
  try {
    const args = parse(argv);
    if (args.help) {
      stdout.write(`${MERGE_USAGE}\n`);
      return EXIT.ok;
    }
    shards = checkSet(args.dirs.map(loadShard));
    const ref = shards[0] as LoadedShard;
    // The shards' own suite and rule files, as their run loaded them (the hashes are checked below).
    const user = await withUserFiles(options.registry ?? REGISTRY, ref.args.suiteFiles, ref.args.ruleFiles);
    const changed = fileDifferences(ref.info.files ?? [], user.files);
    if (changed.length > 0) throw new MergeError(`${named(ref)}: ${changed[0] as string}`);
    plan = planRun(ref.args, user.registry);
    const suites = suiteDifferences(ref.info.suites, plan.suites);
    if (suites.length > 0) throw new MergeError(`the shards' suites differ from what their arguments give here: ${suites[0] as string}`);
    const code = codeDifferences(ref.info, { git: gitInfo(root), packageVersion: packageVersion() });
    if (code.errors.length > 0) throw new MergeError(`the shards were run with other code than this checkout's: ${code.errors.join('; ').replaceAll(' in the run', ' in the shards')}`);
    const split = planShards(plan.sweep, ref.info.shard.count);
    const parts: JobResult[][] = [];
    for (const s of shards) {
      if (JSON.stringify(s.info.shard.slices) !== JSON.stringify(split[s.info.shard.index])) {
        throw new MergeError(`${named(s)}: its slices differ from this run's split into ${ref.info.shard.count} shards (run.json edited?)`);
      }
      const timed = s.info.shard.index === 0 && plan.throughputPlans.length > 0;
      if (timed && !existsSync(join(s.dir, RESULT_FILES.throughput))) throw new MergeError(`${named(s)} has no ${RESULT_FILES.throughput}, though shard 0 times the run's throughput suites`);
      try {
        parts.push(await readShardResults(s.dir, plan.sweep, s.info.shard.slices));
      } catch (error) {
        if (error instanceof ShardFolderError) throw new MergeError(`${named(s)}: ${error.message}`);
        throw error;
      }
    }
    results = joinResults(plan.sweep, shards, parts);
    const id = runId(new Date(shards.map((s) => s.info.startedAt).sort()[0] as string), ref.info.git.shortCommit);
    const lockArgv = ['merge', ...argv];
    out = args.out !== null ? prepareOutDir(args.out, lockArgv) : createRunDir(join(root, 'results'), id, lockArgv);
    try {
      info = mergedInfo(plan, shards, args.out !== null ? id : basename(out.path));
    } catch (error) {
      out.lock.release();
      removeCreatedDir(out);
      throw error;
    }
    // Warnings only once the merge will go ahead: bad input prints its one line alone.
    for (const w of code.warnings) stderr.write(`warning: merge: ${w.replace(' (the journal is checked point by point)', '')}\n`);
  } catch (error) {
    if (error instanceof MergeError || error instanceof OutDirError || error instanceof LockHeldError || error instanceof UserFileError) {
      stderr.write(`error: ${error instanceof OutDirError ? '--out ' : ''}${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    const summaries = summarizeSweep(plan.sweep, results);
    const checked = checkSweepClaims(plan.sweep, plan.entries, results);
    if (info.merged?.throughputFrom === 0) {
      const from = (shards[0] as LoadedShard).dir;
      for (const f of [RESULT_FILES.throughput, RESULT_FILES.throughputSamples]) copyFileSync(join(from, f), join(out.path, f));
    }
    await writeResults(out.path, plan.sweep, results, summaries, checked.results, [], info);
    for (const w of checked.warnings) stderr.write(`warning: suite ${w.suite}, claim ${w.claimId}: ${w.message}\n`);
    const failed = checked.results.filter((r) => r.verdict === 'fails').length;
    const costs = shards.map((s) => s.info.shard.cost);
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    const walls = shards.map((s) => (Date.parse(s.info.endedAt) - Date.parse(s.info.startedAt)) / 1000);
    const wallMean = walls.reduce((a, b) => a + b, 0) / walls.length;
    stdout.write(
      (plan.sweep.points.length > 0 ? `${summaryTable(plan.sweep.points, summaries)}\n\n` : '') +
        (checked.results.length > 0 ? `Claims (${checked.results.length} checked, ${failed} fail):\n${verdictTable(checked.results)}\n\n` : '') +
        `merged ${shards.length} shards (estimated cost: largest / mean ${(mean === 0 ? 1 : Math.max(...costs) / mean).toFixed(3)}; ` +
        `start to end ${Math.min(...walls).toFixed(1)} to ${Math.max(...walls).toFixed(1)} s, slowest / mean ${(wallMean === 0 ? 1 : Math.max(...walls) / wallMean).toFixed(2)})` +
        (info.merged?.throughputFrom === 0 ? '; throughput timed in shard 0 only' : '') +
        `\nwrote ${out.path}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    removeCsvs(out.path);
    removeCreatedDir(out);
    stderr.write(`error: cannot write the merged run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  } finally {
    out.lock.release();
  }
}
