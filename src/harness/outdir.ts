// The output folder of a run: created (or checked) and probed for writing before any work, so a
// bad --out fails fast; removed again when this run created it and then fails on bad input. A
// resumed run reopens the folder of the run it continues.
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

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
export function removeCreatedDir(out: OutDir): void {
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
 * Reopens the folder of an earlier run for `--resume`: it must be a folder holding a run.json,
 * and writable (probed). Throws {@link OutDirError}; creates nothing.
 */
export function openRunDir(path: string): OutDir {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new OutDirError(dir, 'does not exist: there is no run to resume');
  if (!statSync(dir).isDirectory()) throw new OutDirError(dir, 'is not a folder');
  if (!existsSync(join(dir, 'run.json'))) {
    throw new OutDirError(dir, 'holds no run.json: there is no run to resume (start it again without --resume)');
  }
  probe(dir);
  return { path: dir, created: null };
}

/**
 * Prepares a folder given by the user: it may exist (then it must be a folder without a
 * run.json) or is created with its parents. Either way a probe file is written and removed.
 * Throws {@link OutDirError}; on failure, folders it created are removed again.
 */
export function prepareOutDir(path: string): OutDir {
  const dir = resolve(path);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new OutDirError(dir, 'is not a folder');
    if (existsSync(join(dir, 'run.json'))) throw new OutDirError(dir, 'already holds a run.json');
    const journal = join(dir, 'journal');
    if (existsSync(journal) && (!statSync(journal).isDirectory() || readdirSync(journal).length > 0)) {
      throw new OutDirError(dir, 'already holds a journal/ (of a run that has no run.json): remove it or choose another folder');
    }
    probe(dir);
    return { path: dir, created: null };
  }
  const out: OutDir = { path: dir, created: makeDir(dir) };
  try {
    probe(dir);
  } catch (error) {
    removeCreatedDir(out);
    throw error;
  }
  return out;
}

/**
 * Creates a new run folder `parent/runId` (then `runId-2`, `runId-3`, ... when two runs start
 * in the same second), creating `parent` if needed, and probes it. Throws {@link OutDirError}.
 */
export function createRunDir(parent: string, runId: string): OutDir {
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
    const out: OutDir = { path: dir, created: createdParent ?? dir };
    try {
      probe(dir);
    } catch (error) {
      removeCreatedDir(out);
      throw error;
    }
    return out;
  }
}

