// Resuming a run: what must match between `--resume` and the run.json of the folder (the
// arguments that define the trials, the suites they resolve to, and the code), and the exact
// command that resumes a run.
import type { GitInfo } from '../harness/context.ts';
import type { ShardSpec } from '../harness/shard.ts';
import type { SweepSuite } from '../harness/sweep.ts';
import type { UserFile } from '../harness/user-files.ts';
import { RUNNING_COMPILED } from '../io/package-files.ts';
import { ADHOC_FLAGS, type BenchArgs } from './args.ts';

/**
 * Differences between the arguments of the run (`run`, parsed from its run.json argv) and of the
 * resume (`now`), one phrase each naming the flag. Compared: `--suite`, `--quick`/`--full`,
 * `--seed`, `--trials` and every ad hoc grid flag, by meaning (`--n 10,100` equals `--n=10, 100`).
 * Not compared, since the trials do not depend on them: `--threads`, `--out`, `--strict`, `--resume`.
 */
export function argumentDifferences(run: BenchArgs, now: BenchArgs): string[] {
  const out: string[] = [];
  const text = (v: unknown): string =>
    v === null || v === undefined ? 'not given' : Array.isArray(v) ? v.join(',') : String(v);
  const compare = (flag: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push(`${flag} is ${text(b)} now but ${text(a)} in the run`);
  };
  compare('--suite', run.suites, now.suites);
  const mode = (m: BenchArgs['mode']): string | null => (m === null ? null : `--${m}`);
  compare('--quick/--full', mode(run.mode), mode(now.mode));
  compare('--seed', run.seed, now.seed);
  compare('--trials', run.trials, now.trials);
  for (const { key, flag } of ADHOC_FLAGS) compare(flag, run.adhoc?.[key], now.adhoc?.[key]);
  compare('--suite-file', run.suiteFiles ?? [], now.suiteFiles);
  compare('--rule', run.ruleFiles ?? [], now.ruleFiles);
  return out;
}

/**
 * Differences between the suites recorded in run.json and those the same arguments resolve to
 * now (name, variant, trials per point, points): with equal arguments and code they can only
 * differ when the suite declarations were edited in a dirty work tree.
 */
export function suiteDifferences(run: readonly SweepSuite[], now: readonly SweepSuite[]): string[] {
  const label = (s: SweepSuite): string => `${s.name} (${s.mode}, ${s.points} points x ${s.trials} trials)`;
  const a = run.map(label).join(', ');
  const b = now.map(label).join(', ');
  return a === b ? [] : [`the suites resolve to ${b} now but were ${a} in the run`];
}

/**
 * Differences between the user files recorded in run.json and those loaded now: a file whose
 * content changed (another sha256), or that one of the two does not have.
 */
export function fileDifferences(run: readonly UserFile[], now: readonly UserFile[]): string[] {
  const out: string[] = [];
  const label = (f: UserFile): string => `${f.kind === 'suite' ? '--suite-file' : '--rule'} ${f.path}`;
  for (const f of now) {
    const was = run.find((r) => r.kind === f.kind && r.path === f.path);
    if (was === undefined) out.push(`${label(f)} is loaded now but was not in the run`);
    else if (was.sha256 !== f.sha256) out.push(`${label(f)} changed since the run (sha256 ${f.sha256.slice(0, 12)} now, ${was.sha256.slice(0, 12)} then)`);
  }
  for (const r of run) if (!now.some((f) => f.kind === r.kind && f.path === r.path)) out.push(`${label(r)} was in the run but is not loaded now`);
  return out;
}

/**
 * Differences between the shard of the run (its run.json `shard`) and of the resume: `--shard`
 * must name the same shard of the same count (or both be absent).
 */
export function shardDifferences(run: ShardSpec | undefined, now: ShardSpec | undefined): string[] {
  const text = (s: ShardSpec | undefined): string => (s === undefined ? 'not given' : `${s.index}/${s.count}`);
  return text(run) === text(now) ? [] : [`--shard is ${text(now)} now but ${text(run)} in the run`];
}

/** The code a run was made with: what `--resume` checks. */
export interface CodeVersion {
  git: GitInfo;
  packageVersion: string;
}

/**
 * Compares the code of the run with the code now. Errors: a different git commit or package
 * version (or git present in one and not the other). Warnings: a dirty work tree then or now
 * (uncommitted changes may differ even at one commit), or no git at all (nothing to compare).
 */
export function codeDifferences(run: CodeVersion, now: CodeVersion): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const short = (g: GitInfo): string => g.shortCommit ?? g.commit ?? 'no git';
  if (run.git.commit !== now.git.commit) errors.push(`the code is at commit ${short(now.git)} now but was at ${short(run.git)} in the run`);
  if (run.packageVersion !== now.packageVersion) {
    errors.push(`the package version is ${now.packageVersion} now but was ${run.packageVersion} in the run`);
  }
  if (run.git.commit === null && now.git.commit === null) warnings.push('no git commit, then or now: cannot check that the code is the same');
  const dirty = [...(run.git.dirty === true ? ['when the run started'] : []), ...(now.git.dirty === true ? ['now'] : [])];
  if (dirty.length > 0) {
    warnings.push(`the work tree was dirty ${dirty.join(' and ')}: uncommitted changes to the code may differ (the journal is checked point by point)`);
  }
  return { errors, warnings };
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that resumes a run: `npm run bench -- <argv without --out and --resume> --out DIR --resume`,
 * quoted for a POSIX shell, with DIR absolute.
 */
export function resumeCommand(argv: readonly string[], outDir: string): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--out') i++;
    else if (a !== '--resume' && !a.startsWith('--out=')) kept.push(a);
  }
  const command = RUNNING_COMPILED ? 'npx gossip-bench bench' : 'npm run bench --';
  return `${command} ${[...kept, '--out', outDir, '--resume'].map(shellQuote).join(' ')}`;
}
