// The slurm command (`npm run slurm -- ARGS --shards N [options]`): runs a bench run on a Slurm
// cluster as a job array of N shards plus a merge job that starts when every shard succeeded
// (--dependency=afterok), writing the sbatch scripts into the run folder and submitting them with
// sbatch. With --wait it follows the jobs and prints the merged folder; --dry-run only writes.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../io/atomic.ts';
import { gitInfo, runId } from '../harness/context.ts';
import { OutDirError, prepareOutDir, removeCreatedDir } from '../harness/outdir.ts';
import { LockHeldError } from '../io/lock.ts';
import { defaultWorkRoot, PACKAGE_ROOT, RUNNING_COMPILED } from '../io/package-files.ts';
import { MAX_SHARDS } from '../harness/shard.ts';
import { parseArgs, UsageError } from './args.ts';
import { EXIT } from './execute.ts';
import { planRun, type SuiteRegistry } from './main.ts';
import { shellQuote } from './resume.ts';

/** Usage of `npm run slurm`. */
export const SLURM_USAGE = `Usage: slurm [bench ARGS] --shards N [--partition P] [--time T] [--cpus-per-task C]
             [--out DIR] [--wait] [--dry-run]

Runs \`npm run bench -- ARGS\` on a Slurm cluster: a job array of N tasks, task I running shard I
(\`--shard $SLURM_ARRAY_TASK_ID/N\`) into DIR/shards/I with C threads, and a merge job
that starts when every task succeeded (--dependency=afterok) and writes the merged run into DIR
(default results/<run-id>). The scripts go to DIR/slurm/ (shards.sbatch, merge.sbatch, submit.sh),
the jobs' logs beside them. DIR must be on a file system every node sees, and the project checked
out (with node_modules) at the same path on every node. A task that is requeued resumes its shard.

Options:
  --shards <N>          number of shards (array tasks), 1 to ${MAX_SHARDS}
  --partition <P>       the partition to submit to (default: the cluster's default)
  --time <T>            time limit of each job, in sbatch's format (e.g. 30, 2:00:00, 1-0)
  --cpus-per-task <C>   CPUs of each shard task, its --threads (default 1)
  --out <DIR>           the merged run folder (default results/<run-id>)
  --wait                wait for the jobs, then print the merged folder (exit 1 if a job failed)
  --dry-run             write the scripts and print how to submit them; submit nothing
  -h, --help            show this help

Exit codes: 0 submitted (with --wait: merged); 1 sbatch failed or, with --wait, a job failed;
2 bad input (one line naming the flag and the value; nothing written).`;

/** The project root (two folders up from this file). */
const PROJECT_ROOT = defaultWorkRoot();

/** What the slurm command is asked to do. */
export interface SlurmArgs {
  /** The bench arguments of the run (everything that is not a slurm option). */
  bench: string[];
  shards: number;
  partition: string | null;
  time: string | null;
  cpusPerTask: number;
  out: string | null;
  wait: boolean;
  dryRun: boolean;
  help: boolean;
}

/** Bench flags a slurm run sets itself. */
const OWNED = ['--shard', '--shards', '--resume', '--threads', '--out', '--save-baseline', '--baseline'];

/** Splits slurm's own options from the bench arguments. Throws UsageError. */
export function parseSlurmArgs(argv: readonly string[]): SlurmArgs {
  const own = new Map<string, string | true>();
  const bench: string[] = [];
  const valued = ['--shards', '--partition', '--time', '--cpus-per-task', '--out'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (valued.includes(name)) {
      const value = eq > 0 && name !== a ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(name, undefined, 'needs a value');
      own.set(name, value);
    } else if (name === '--wait' || name === '--dry-run' || name === '--help' || name === '-h') {
      own.set(name === '-h' ? '--help' : name, true);
    } else {
      const owned = OWNED.find((f) => name === f);
      if (owned !== undefined) throw new UsageError(owned, undefined, 'is set by the slurm command for each shard; leave it out (threads: --cpus-per-task)');
      bench.push(a);
    }
  }
  const text = (flag: string): string | null => {
    const v = own.get(flag);
    return typeof v === 'string' ? v : null;
  };
  const integer = (flag: string, min: number, max: number): number | null => {
    const t = text(flag);
    if (t === null) return null;
    const n = Number(t);
    if (!/^\d+$/.test(t.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(flag, t, `must be an integer from ${min} to ${max}`);
    return n;
  };
  const help = own.get('--help') === true;
  const shards = integer('--shards', 1, MAX_SHARDS);
  if (shards === null && !help) throw new UsageError('--shards', undefined, 'is required: the number of shards (array tasks)');
  const word = (flag: string, pattern: RegExp, what: string): string | null => {
    const t = text(flag);
    if (t !== null && !pattern.test(t)) throw new UsageError(flag, t, what);
    return t;
  };
  const out = text('--out');
  if (out === '') throw new UsageError('--out', out, 'must name a folder');
  return {
    bench,
    shards: shards ?? 1,
    partition: word('--partition', /^[\w.,-]+$/, 'must be a partition name (letters, digits, ".", "_", "-", ",")'),
    time: word('--time', /^[\d:-]+$/, "must be a time limit in sbatch's format, e.g. 30, 2:00:00 or 1-12:00:00"),
    cpusPerTask: integer('--cpus-per-task', 1, 1024) ?? 1,
    out,
    wait: own.get('--wait') === true,
    dryRun: own.get('--dry-run') === true,
    help,
  };
}

/** The three scripts of a Slurm run. */
export interface SlurmScripts {
  /** The job array: task I runs shard I. */
  shards: string;
  /** The merge job. */
  merge: string;
  /** Submits both, the merge after the array (what `slurm` runs, for submitting by hand). */
  submit: string;
}

/** Where a Slurm run lives and what it runs. */
export interface SlurmLayout {
  /** The merged run folder (absolute). */
  dir: string;
  /** The project checkout the jobs run in, and the node binary. */
  root: string;
  node: string;
}

/** The sbatch scripts of `args` laid out in `layout` (scripts and logs in DIR/slurm, shards in DIR/shards/I). */
export function slurmScripts(args: SlurmArgs, layout: SlurmLayout): SlurmScripts {
  const q = shellQuote;
  const { dir, root, node } = layout;
  const slurmDir = join(dir, 'slurm');
  const common = [
    `#SBATCH --chdir=${q(root)}`,
    ...(args.partition === null ? [] : [`#SBATCH --partition=${args.partition}`]),
    ...(args.time === null ? [] : [`#SBATCH --time=${args.time}`]),
  ];
  const bench = args.bench.map(q).join(' ');
  // From source, the repository's entries through tsx (the jobs run in `root`); installed, the bin.
  const bin = join(PACKAGE_ROOT, 'dist', 'scripts', 'gossip-bench.js');
  const benchCommand = RUNNING_COMPILED ? `${q(node)} ${q(bin)} bench` : `${q(node)} --import tsx src/cli/bench.ts`;
  const mergeCommand = RUNNING_COMPILED ? `${q(node)} ${q(bin)} merge` : `${q(node)} --import tsx scripts/merge.ts`;
  const shards = [
    '#!/bin/bash',
    `# gossip-bench: shard \${SLURM_ARRAY_TASK_ID} of ${args.shards} of: npm run bench -- ${bench}`,
    '#SBATCH --job-name=gossip-bench-shard',
    `#SBATCH --array=0-${args.shards - 1}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${args.cpusPerTask}`,
    `#SBATCH --output=${q(join(slurmDir, 'shard-%a.log'))}`,
    ...common,
    'set -euo pipefail',
    `out=${q(join(dir, 'shards'))}/"$SLURM_ARRAY_TASK_ID"`,
    '# The shard is named in full (not a bare --shard), so a task resubmitted alone (sbatch --array=I',
    '# this script, after a failure) is still shard I of N; a requeued or resubmitted task resumes it.',
    'resume=()',
    'if [ -f "$out/run.json" ]; then resume=(--resume); fi',
    `exec ${benchCommand} ${bench} --shard "$SLURM_ARRAY_TASK_ID/${args.shards}" --threads "\${SLURM_CPUS_PER_TASK:-${args.cpusPerTask}}" --out "$out" "\${resume[@]}"`,
    '',
  ].join('\n');
  const merge = [
    '#!/bin/bash',
    `# gossip-bench: merges the ${args.shards} shards in ${dir}/shards into ${dir}`,
    '#SBATCH --job-name=gossip-bench-merge',
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${q(join(slurmDir, 'merge.log'))}`,
    ...common,
    'set -euo pipefail',
    `exec ${mergeCommand} --out ${q(dir)} ${q(join(dir, 'shards'))}/*`,
    '',
  ].join('\n');
  const submit = [
    '#!/bin/bash',
    '# Submits the shards as a job array, then the merge to run when every shard succeeded.',
    'set -euo pipefail',
    `array=$(sbatch --parsable ${q(join(slurmDir, 'shards.sbatch'))})`,
    'array=${array%%;*}',
    `merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes ${q(join(slurmDir, 'merge.sbatch'))})`,
    'echo "shards: job array ${array}; merge: job ${merge%%;*}"',
    '',
  ].join('\n');
  return { shards, merge, submit };
}

/** Options of {@link runSlurm}; the defaults are the process's. */
export interface SlurmOptions {
  io?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream };
  /** Folder that holds results/ and the checkout the jobs run (default: the project root). */
  projectRoot?: string;
  registry?: SuiteRegistry;
  /** Seconds between polls with --wait (default 1). */
  pollSeconds?: number;
}

const run = promisify(execFile);

/** Runs a Slurm client command; its stdout, trimmed. Throws with its stderr. */
async function slurmCommand(command: string, args: readonly string[]): Promise<string> {
  try {
    return (await run(command, [...args], { encoding: 'utf8' })).stdout.trim();
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${command} not found: is Slurm installed here? (--dry-run writes the scripts without it)`);
    throw new Error(`${command} ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** The job id that `sbatch --parsable` printed (`id` or `id;cluster`). */
export function parsableJobId(text: string): string {
  const id = /^(\d+)(;.*)?$/.exec(text.trim())?.[1];
  if (id === undefined) throw new Error(`sbatch printed no job id (got ${JSON.stringify(text)})`);
  return id;
}

/** Job states after which a job does not run again. */
const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE'];

/** The state of job `id` (`COMPLETED`, `PENDING`, ...), or null once Slurm has forgotten it. */
async function jobState(id: string): Promise<string | null> {
  try {
    const text = await slurmCommand('scontrol', ['show', 'job', '-o', id]);
    return /JobState=(\w+)/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Waits until the merge job is over; returns its last state (null: forgotten by Slurm). */
async function waitForJob(id: string, pollSeconds: number): Promise<string | null> {
  for (;;) {
    const state = await jobState(id);
    if (state === null || FINAL.includes(state)) return state;
    await new Promise((r) => setTimeout(r, pollSeconds * 1000));
  }
}

/**
 * Runs the slurm command on `argv` and returns the exit code: 0 submitted (with --wait, merged),
 * 1 sbatch failed or a job failed, 2 bad input (one `error: ...` line; nothing written).
 */
export async function runSlurm(argv: readonly string[], options: SlurmOptions = {}): Promise<number> {
  const stdout = options.io?.stdout ?? process.stdout;
  const stderr = options.io?.stderr ?? process.stderr;
  const root = options.projectRoot ?? PROJECT_ROOT;
  let args: SlurmArgs;
  let dir: string;
  let created: string | null;
  try {
    args = parseSlurmArgs(argv);
    if (args.help) {
      stdout.write(`${SLURM_USAGE}\n`);
      return EXIT.ok;
    }
    const parsed = parseArgs(args.bench);
    if (parsed.action !== 'run') throw new UsageError('', undefined, `the bench arguments ${JSON.stringify(args.bench)} run nothing`);
    // Bad suites or grid values fail here, before anything is written or submitted.
    planRun(parsed.args, options.registry, { index: 0, count: args.shards });
    if (!args.dryRun) await slurmCommand('sbatch', ['--version']);
    const out = prepareOutDir(args.out ?? join(root, 'results', runId(new Date(), gitInfo(root).shortCommit)), ['slurm', ...argv]);
    // The folder is checked (no run.json, no journal) under its lock; the merge job takes it again.
    out.lock.release();
    dir = out.path;
    created = out.created;
  } catch (error) {
    if (error instanceof UsageError || error instanceof OutDirError || error instanceof LockHeldError) {
      stderr.write(`error: ${error instanceof OutDirError ? '--out ' : ''}${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof Error && / not found: /.test(error.message)) {
      stderr.write(`error: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  const slurmDir = join(dir, 'slurm');
  const scripts = slurmScripts(args, { dir, root: resolve(root), node: process.execPath });
  const files = { shards: join(slurmDir, 'shards.sbatch'), merge: join(slurmDir, 'merge.sbatch'), submit: join(slurmDir, 'submit.sh') };
  try {
    mkdirSync(slurmDir, { recursive: true });
    mkdirSync(join(dir, 'shards'), { recursive: true });
    await writeFileAtomic(files.shards, scripts.shards);
    await writeFileAtomic(files.merge, scripts.merge);
    await writeFileAtomic(files.submit, scripts.submit);
    chmodSync(files.submit, 0o755);
  } catch (error) {
    removeCreatedDir({ path: dir, created });
    stderr.write(`error: cannot write the sbatch scripts in ${slurmDir}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
  if (args.dryRun) {
    stdout.write(`wrote ${files.shards}, ${files.merge}\nsubmit with: ${shellQuote(files.submit)}\nthe merged run will be in ${dir}\n`);
    return EXIT.ok;
  }
  let mergeId: string;
  try {
    const arrayId = parsableJobId(await slurmCommand('sbatch', ['--parsable', files.shards]));
    mergeId = parsableJobId(await slurmCommand('sbatch', ['--parsable', `--dependency=afterok:${arrayId}`, '--kill-on-invalid-dep=yes', files.merge]));
    stdout.write(`submitted job array ${arrayId} (${args.shards} shards into ${join(dir, 'shards')}) and merge job ${mergeId}\n`);
  } catch (error) {
    stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
  if (!args.wait) {
    stdout.write(`the merged run will be in ${dir} (logs in ${slurmDir})\n`);
    return EXIT.ok;
  }
  const state = await waitForJob(mergeId, options.pollSeconds ?? 1);
  const runJson = join(dir, 'run.json');
  const complete = existsSync(runJson) && (JSON.parse(readFileSync(runJson, 'utf8')) as { status?: string }).status === 'complete';
  if (complete && (state === 'COMPLETED' || state === null)) {
    stdout.write(`merged run: ${dir}\n`);
    return EXIT.ok;
  }
  const why = state === 'CANCELLED' ? 'was cancelled (a shard failed, so its dependency can never be met)' : `ended ${state ?? 'without a merged run'}`;
  stderr.write(`error: merge job ${mergeId} ${why}: see the logs in ${slurmDir}\n`);
  return EXIT.failed;
}
