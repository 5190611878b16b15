// The context saved with every result: git state, machine, package version, and the run id
// that names a result folder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../io/package-files.ts';

/** Where the code that produced a result came from; every field null when git cannot say. */
export interface GitInfo {
  /** Full 40-hex commit of HEAD. */
  commit: string | null;
  /** Abbreviated commit, as `git rev-parse --short` gives it (7 or more hex digits). */
  shortCommit: string | null;
  /** Whether `git status --porcelain` lists anything, untracked files included. */
  dirty: boolean | null;
  /** Current branch; null on a detached HEAD. */
  branch: string | null;
}

/** The machine and runtime a result was measured on. */
export interface MachineInfo {
  /** Node version, e.g. `v20.20.2`. */
  node: string;
  /** V8 version. */
  v8: string;
  /** `${os.type()} ${os.release()} ${os.arch()}`, e.g. `Linux 6.8.0 x64`. */
  os: string;
  /** Model of the first CPU, trimmed; `unknown` when the OS does not say. */
  cpuModel: string;
  /** Logical cores available to this process (`os.availableParallelism()`). */
  cores: number;
  /** Total memory in bytes. */
  totalMemoryBytes: number;
}

/** Thrown by {@link packageVersion} when package.json cannot be read or has no version. */
export class PackageVersionError extends Error {
  override readonly name = 'PackageVersionError';

  /**
   * @param path - the package.json that was read
   * @param reason - what was wrong with it
   */
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Runs git in `cwd` and returns its trimmed stdout, or null when git fails or is missing. */
function git(cwd: string, args: readonly string[]): string | null {
  try {
    const out = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
      windowsHide: true,
    });
    return out.trim();
  } catch {
    return null;
  }
}

const NO_GIT: GitInfo = { commit: null, shortCommit: null, dirty: null, branch: null };

/**
 * Reads the git state of the repository holding `cwd` (default: the process's working folder).
 *
 * Every field is null when git is missing, `cwd` is not in a repository, or the repository has
 * no commits yet. Call it before writing results inside the work tree, or the results
 * themselves may count as untracked changes.
 */
export function gitInfo(cwd: string = process.cwd()): GitInfo {
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (commit === null || !/^[0-9a-f]{40,64}$/.test(commit)) return { ...NO_GIT };
  const shortCommit = git(cwd, ['rev-parse', '--short', 'HEAD']);
  const status = git(cwd, ['status', '--porcelain', '--untracked-files=normal']);
  const branch = git(cwd, ['symbolic-ref', '--short', '--quiet', 'HEAD']);
  return {
    commit,
    shortCommit: shortCommit === '' ? null : shortCommit,
    dirty: status === null ? null : status.length > 0,
    branch: branch === '' ? null : branch,
  };
}

/** Describes this machine and runtime. */
export function machineInfo(): MachineInfo {
  const model = os.cpus()[0]?.model.trim();
  return {
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: model === undefined || model === '' ? 'unknown' : model,
    cores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
  };
}

/**
 * The `version` field of the project's package.json (at the package root, from source or
 * compiled). Throws {@link PackageVersionError} when the file is unreadable or has no version.
 */
export function packageVersion(): string {
  const url = new URL(`file://${join(PACKAGE_ROOT, 'package.json')}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(url, 'utf8'));
  } catch (error) {
    throw new PackageVersionError(url.pathname, `cannot be read as JSON (${String(error)})`);
  }
  const version =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { version?: unknown }).version
      : undefined;
  if (typeof version !== 'string' || version === '') {
    throw new PackageVersionError(url.pathname, `has no string "version" (got ${String(version)})`);
  }
  return version;
}

/**
 * Names one run: the UTC time as `YYYYMMDDTHHMMSSZ`, then `-<shortCommit>` or `-nogit`,
 * e.g. `20261124T233200Z-ab12cd3`. Uses only `[0-9A-Za-z-]`, so it is safe as a folder name.
 * Throws a RangeError for an invalid date, a year outside 0-9999, or a shortCommit that is not
 * 4 to 64 hex digits.
 */
export function runId(date: Date, shortCommit: string | null): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('runId: date is an invalid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`runId: year ${year} is outside 0-9999`);
  if (shortCommit !== null && !/^[0-9a-f]{4,64}$/i.test(shortCommit)) {
    throw new RangeError(`runId: shortCommit ${JSON.stringify(shortCommit)} is not 4-64 hex digits`);
  }
  // toISOString gives YYYY-MM-DDTHH:MM:SS.sssZ for years 0-9999.
  const stamp = `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  return `${stamp}-${shortCommit ?? 'nogit'}`;
}
