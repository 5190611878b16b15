// Named baselines: a run folder copied whole into results/baselines/NAME, to compare later runs
// against. Saving copies into a temp folder first and renames it into place, so a baseline is
// never seen half-copied and an old one is removed only once the new one is in place.
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readRunContext } from '../io/run-folder.ts';

/** The folder, under the results root, that holds the baselines. */
export const BASELINES_FOLDER = 'baselines';

/** A baseline name: a letter or digit, then letters, digits, `.`, `_` or `-`; at most 64 characters. */
export const BASELINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A baseline that cannot be named, found or saved; names the baseline (or folder) and the problem. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';

  /**
   * @param file - the baseline's folder (or the name, when the name itself is bad)
   * @param problem - what is wrong, with the value
   */
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Throws {@link BaselineError} unless `name` matches {@link BASELINE_NAME}. */
export function checkBaselineName(name: string): void {
  if (!BASELINE_NAME.test(name)) {
    throw new BaselineError(
      `baseline ${JSON.stringify(name)}`,
      'a baseline name must start with a letter or digit and hold only letters, digits, ".", "_" and "-" (at most 64)',
    );
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The names of the saved baselines, sorted (none when the folder does not exist). */
export async function listBaselines(resultsRoot: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(resultsRoot, BASELINES_FOLDER), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && BASELINE_NAME.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Where baseline `name` lives: `resultsRoot/baselines/name` (whether or not it exists). */
export function baselinePath(resultsRoot: string, name: string): string {
  checkBaselineName(name);
  return join(resultsRoot, BASELINES_FOLDER, name);
}

/**
 * The folder of the saved baseline `name`. Throws {@link BaselineError} for a bad name, or when
 * no such baseline exists (the message lists the ones that do).
 */
export async function baselineDir(resultsRoot: string, name: string): Promise<string> {
  const dir = baselinePath(resultsRoot, name);
  if (!(await isDirectory(dir))) {
    const known = await listBaselines(resultsRoot);
    throw new BaselineError(
      dir,
      `no baseline named ${JSON.stringify(name)} (saved baselines: ${known.length === 0 ? 'none' : known.join(', ')})`,
    );
  }
  return dir;
}

/** Distinguishes temp folders made by one process. */
let tempCounter = 0;

/** Fsyncs a folder so the renames in it survive a crash; best effort (some file systems refuse). */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // The data itself is already synced.
  }
}

/** Fsyncs one file. */
async function syncFile(path: string): Promise<void> {
  const h = await open(path, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Copies folder `from` into the new folder `to`, recursively, fsyncing every file and folder so
 * the copy is durable before it is renamed into place. Symbolic links are followed (a run folder
 * holds plain files and folders). Written out rather than with `fs.cp`, which is experimental in
 * Node 20.
 */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to);
  for (const e of await readdir(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    const st = await stat(src);
    if (st.isDirectory()) await copyTree(src, dst);
    else if (st.isFile()) {
      await copyFile(src, dst, constants.COPYFILE_EXCL);
      await syncFile(dst);
    }
  }
  await syncDir(to);
}

/**
 * Saves run folder `runDir` as baseline `name`: copies it whole into
 * `resultsRoot/baselines/.name.PID.N.tmp` (fsyncing every file), then renames it to
 * `resultsRoot/baselines/name`. An existing baseline of that name is first renamed aside to
 * `.name.PID.N.old` and removed only after the new one is in place; between those two renames
 * (microseconds) the name is briefly absent, and if the process dies there the old copy survives
 * as `.name.*.old`. Returns the baseline's folder.
 *
 * Throws {@link BaselineError} for a bad name or a run that did not complete, and the report's
 * `RunFolderError` when `runDir` is not a run folder; nothing is left behind on failure.
 */
export async function saveBaseline(runDir: string, resultsRoot: string, name: string): Promise<string> {
  const target = baselinePath(resultsRoot, name);
  const info = await readRunContext(runDir);
  if (info.status !== 'complete') {
    throw new BaselineError(runDir, `only a complete run can be a baseline (run.json status is ${JSON.stringify(info.status)})`);
  }
  const parent = join(resultsRoot, BASELINES_FOLDER);
  const inside = relative(resolve(runDir), resolve(parent));
  if (inside === '' || !(inside.startsWith('..') || isAbsolute(inside))) {
    throw new BaselineError(runDir, `cannot save a folder that holds the baselines folder ${parent} as a baseline`);
  }
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}.${tempCounter++}`;
  const tmp = join(parent, `.${name}.${stamp}.tmp`);
  const old = join(parent, `.${name}.${stamp}.old`);
  try {
    await copyTree(runDir, tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const replacing = await isDirectory(target);
  try {
    if (replacing) await rename(target, old);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    // Put the old baseline back if it was moved aside and the new one did not land.
    if (replacing && !(await isDirectory(target)) && (await isDirectory(old))) await rename(old, target);
    throw error;
  }
  if (replacing) await rm(old, { recursive: true, force: true });
  await syncDir(parent);
  return target;
}
