// The commands printed at the end of a completed run: the charts of this run, and the comparison
// with the previous run of the same suites in the same results folder when there is one.
import { dirname, isAbsolute, relative } from 'node:path';
import { RUNNING_COMPILED } from '../io/package-files.ts';
import { previousRun } from '../results/index.ts';
import { shellQuote } from './resume.ts';

/**
 * A folder as the printed commands name it: relative to the package root when inside it (npm
 * runs its scripts there, whatever the caller's folder), absolute otherwise (or without a root).
 */
export function commandPath(dir: string, packageRoot: string | null): string {
  if (packageRoot === null) return dir;
  const rel = relative(packageRoot, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
}

/**
 * The next commands for the complete run in `dir` (absolute): `npm run charts -- DIR`, then
 * `npm run compare -- PREV DIR` (`npx gossip-bench charts|compare` when running installed) when the results folder holding `dir` has an earlier complete run
 * of the same suites (see previousRun). Each is quoted for a POSIX shell.
 */
export async function nextCommands(dir: string, packageRoot: string | null): Promise<string[]> {
  const path = (d: string): string => shellQuote(commandPath(d, packageRoot));
  const command = (name: string): string => (RUNNING_COMPILED ? `npx gossip-bench ${name}` : `npm run ${name} --`);
  const out = [`${command('charts')} ${path(dir)}`];
  const previous = await previousRun(dirname(dir), dir);
  if (previous !== null) out.push(`${command('compare')} ${path(previous)} ${path(dir)}`);
  return out;
}

/** The block printed after the folder line: `next:` and one indented command a line. */
export function nextText(commands: readonly string[]): string {
  return commands.length === 0 ? '' : `\nnext:\n${commands.map((c) => `  ${c}\n`).join('')}`;
}
