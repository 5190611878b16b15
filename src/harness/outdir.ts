// The output folder of a run: created (or checked), locked (see lock.ts) and probed for writing
// before any work, so a bad --out fails fast and two runs never write one folder; removed again
// when this run created it and then fails on bad input. A resumed run reopens (and locks) the
// folder of the run it continues.
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { acquireLock, LockHeldError, type RunLock } from '../io/lock.ts';

/** The output folder cannot be used. */
export class OutDirError extends Error {
  override readonly name = 'OutDirError';

  /**
   * @param path - the folder asked for
   * @param reason - why it cannot be used
   */
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${reason} (${path})`);
  }
}

/** A prepared output folder. */
export interface OutDir {
  /** Absolute path of the folder. */
  path: string;
  /** The outermost folder this run created (to remove on failure), or null when it existed. */
  created: string | null;
  /** This run's lock on the folder: release it when the run ends. */
  lock: RunLock;
}

/** The short reason of a file-system error, e.g. `ENOTDIR: not a directory`. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/, \w+ '.*'$/, '');
  return String(error);
}

/** Writes and removes a probe file in `dir`; throws OutDirError when it cannot. */
function probe(dir: string): void {
  // Named like an atomic write's temp file, so a probe left by a killed process is cleaned up too.
  const file = join(dir, `.write-probe.${process.pid}.0.tmp`);
  try {
    writeFileSync(file, '');
    rmSync(file, { force: true });
  } catch (error) {
    throw new OutDirError(dir, `cannot write in the folder: ${reasonOf(error)}`);
  }
}

/**
 * Removes what {@link prepareOutDir} or {@link createRunDir} created, innermost first, as long
 * as the folders are empty. Best effort: never throws.
 */
export function removeCreatedDir(out: Pick<OutDir, 'path' | 'created'>): void {
  if (out.created === null) return;
  const top = resolve(out.created);
  let dir = resolve(out.path);
  for (;;) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top) return;
    const parent = dirname(dir);
    if (parent === dir || relative(top, parent).startsWith('..')) return;
    dir = parent;
  }
}

/** Creates `dir` (and its parents); returns the outermost folder created, or null. */
function makeDir(dir: string): string | null {
  try {
    return mkdirSync(dir, { recursive: true }) ?? null;
  } catch (error) {
    throw new OutDirError(dir, `cannot create the folder: ${reasonOf(error)}`);
  }
}

/**
 * Takes the lock of `dir` for a run with `argv`, then runs `check` under it; on any failure the
 * lock is released and the folders this run created are removed. A LockHeldError is rethrown
 * (the folder is another run's); a file-system error becomes an OutDirError.
 */
function lockAndCheck(dir: string, created: string | null, argv: readonly string[], check: () => void): OutDir {
  let lock: RunLock;
  try {
    lock = acquireLock(dir, argv);
  } catch (error) {
    removeCreatedDir({ path: dir, created });
    if (error instanceof LockHeldError) throw error;
    throw new OutDirError(dir, `cannot write in the folder: ${reasonOf(error)}`);
  }
  try {
    check();
    probe(dir);
  } catch (error) {
    lock.release();
    removeCreatedDir({ path: dir, created });
    throw error;
  }
  return { path: dir, created, lock };
}

/**
 * Reopens the folder of an earlier run for `--resume`: it must be a folder, not locked by a live
 * run, holding a run.json, and writable (probed). Returns it locked. Throws {@link OutDirError}
 * or {@link LockHeldError}; changes nothing then.
 */
export function openRunDir(path: string, argv: readonly string[]): OutDir {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new OutDirError(dir, 'does not exist: there is no run to resume');
  if (!statSync(dir).isDirectory()) throw new OutDirError(dir, 'is not a folder');
  return lockAndCheck(dir, null, argv, () => {
    if (!existsSync(join(dir, 'run.json'))) {
      throw new OutDirError(dir, 'holds no run.json: there is no run to resume (start it again without --resume)');
    }
  });
}

/** Throws OutDirError when `dir` already holds a run: a run.json or a non-empty journal/. */
function checkNoRun(dir: string): void {
  if (existsSync(join(dir, 'run.json'))) throw new OutDirError(dir, 'already holds a run.json');
  const journal = join(dir, 'journal');
  if (existsSync(journal) && (!statSync(journal).isDirectory() || readdirSync(journal).length > 0)) {
    throw new OutDirError(dir, 'already holds a journal/ (of a run that has no run.json): remove it or choose another folder');
  }
}

/**
 * Prepares a folder given by the user for a run with `argv`: it may exist (then it must be a
 * folder) or is created with its parents; it is locked, must not hold a run.json or journal
 * (checked under the lock, so a run that started meanwhile is seen), and a probe file is written
 * and removed. Returns it locked. Throws {@link OutDirError} or {@link LockHeldError}; on failure,
 * folders it created are removed again and the lock released.
 */
export function prepareOutDir(path: string, argv: readonly string[]): OutDir {
  const dir = resolve(path);
  let created: string | null = null;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new OutDirError(dir, 'is not a folder');
  } else {
    created = makeDir(dir);
  }
  return lockAndCheck(dir, created, argv, () => checkNoRun(dir));
}

/**
 * Creates a new run folder `parent/runId` (then `runId-2`, `runId-3`, ... when two runs start
 * in the same second), creating `parent` if needed, locks it for a run with `argv` and probes it.
 * Throws {@link OutDirError}.
 */
export function createRunDir(parent: string, runId: string, argv: readonly string[]): OutDir {
  const base = resolve(parent);
  const createdParent = makeDir(base);
  for (let i = 1; ; i++) {
    const dir = join(base, i === 1 ? runId : `${runId}-${i}`);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && i < 1000) continue;
      throw new OutDirError(dir, `cannot create the folder: ${reasonOf(error)}`);
    }
    return lockAndCheck(dir, createdParent ?? dir, argv, () => undefined);
  }
}

