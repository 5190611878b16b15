// Suites and rules from the user's own files (`--suite-file`, `--rule`): importing them (a `.ts`
// file through tsx when the package runs compiled), registering their rules in this thread, and
// the path and sha256 of each file that run.json records.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRule, registerRule, RuleError, type Rule } from '../engine/rule.ts';
import { SuiteError } from './suite.ts';
import { RUNNING_COMPILED } from '../io/package-files.ts';

/** What a user file is given as: a suite file or a rule file. */
export type UserFileKind = 'suite' | 'rule';

/** A user file as run.json records it. */
export interface UserFile {
  kind: UserFileKind;
  /** Absolute path. */
  path: string;
  /** sha256 of its content, hex. */
  sha256: string;
}

/** A user file that cannot be read or imported: names the flag, the file and the cause. */
export class UserFileError extends Error {
  override readonly name = 'UserFileError';

  constructor(
    readonly kind: UserFileKind,
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${kind === 'suite' ? '--suite-file' : '--rule'} ${path}: ${reason}`, options);
  }
}

/** The extensions a user file may have. */
export const USER_FILE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

const TS_FILE = /\.[cm]?ts$/;
let tsxRegistered = false;

/**
 * Makes `.ts` files importable in this thread, once: tsx's ESM loader when the package runs
 * compiled (from source tsx already runs it), and its CommonJS loader in any case (a `.ts` file
 * in a folder without `"type": "module"` is CommonJS, and worker threads start without it).
 */
async function enableTypeScript(): Promise<void> {
  if (tsxRegistered) return;
  if (RUNNING_COMPILED) ((await import('tsx/esm/api')) as { register: () => unknown }).register();
  ((await import('tsx/cjs/api')) as { register: () => unknown }).register();
  tsxRegistered = true;
}

/** sha256 of a file's content, hex. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Imports a user file (absolute path) and returns its module namespace. */
async function importFile(kind: UserFileKind, path: string): Promise<Record<string, unknown>> {
  if (TS_FILE.test(path)) await enableTypeScript();
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    // A declaration that does not validate keeps its own message, as for the built-in suites
    // (checked by name: a file in a CommonJS folder may load another copy of the package).
    if (error instanceof SuiteError || error instanceof RuleError) throw error;
    if (error instanceof Error && (error.name === 'SuiteError' || error.name === 'RuleError')) throw new UserFileError(kind, path, error.message, { cause: error });
    throw new UserFileError(kind, path, `cannot be imported (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, { cause: error });
  }
}

/**
 * The exports of an imported file. A `.ts` file in a folder without `"type": "module"` is
 * CommonJS: its exports object (marked `__esModule` by the compiler) arrives as the namespace's
 * `default`, and is used instead.
 */
function exportsOf(namespace: Record<string, unknown>): Record<string, unknown> {
  const d = namespace['default'];
  const commonJs = typeof d === 'object' && d !== null && (d as { __esModule?: unknown }).__esModule === true;
  return commonJs ? (d as Record<string, unknown>) : namespace;
}

/** The rules a value carries: itself, or a suite's `rules` and the rules named in its grids. */
export function rulesIn(value: unknown): Rule[] {
  if (isRule(value)) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const out: Rule[] = [];
  const v = value as { rules?: unknown; grid?: unknown; quick?: { grid?: unknown }; full?: { grid?: unknown } };
  if (Array.isArray(v.rules)) out.push(...v.rules.filter(isRule));
  for (const grid of [v.grid, v.quick?.grid, v.full?.grid]) {
    for (const record of Array.isArray(grid) ? grid : [grid]) {
      const r = (record as { rule?: unknown } | undefined)?.rule;
      for (const x of Array.isArray(r) ? r : [r]) if (isRule(x)) out.push(x);
    }
  }
  return out;
}

/** What the user files gave: suite declarations (unvalidated) with their files, and the rules registered. */
export interface LoadedUserFiles {
  suites: { value: unknown; path: string }[];
  rules: Rule[];
  files: UserFile[];
}

/**
 * Loads rule files first (registering every exported rule), then suite files (their default
 * export, or every export that looks like a suite when there is none, registering the rules they
 * carry). Paths are resolved against `cwd`. Throws {@link UserFileError} for a missing or
 * unimportable file, and the engine's RuleError when two different rules share a name.
 */
export async function loadUserFiles(ruleFiles: readonly string[], suiteFiles: readonly string[], cwd: string = process.cwd()): Promise<LoadedUserFiles> {
  const out: LoadedUserFiles = { suites: [], rules: [], files: [] };
  const add = (rule: Rule): void => {
    registerRule(rule);
    if (!out.rules.includes(rule)) out.rules.push(rule);
  };
  const entries = [...ruleFiles.map((f) => ['rule', f] as const), ...suiteFiles.map((f) => ['suite', f] as const)];
  for (const [kind, given] of entries) {
    const path = resolve(cwd, given);
    if (!USER_FILE_EXTENSIONS.some((ext) => path.endsWith(ext))) {
      throw new UserFileError(kind, path, `must be a ${USER_FILE_EXTENSIONS.join(', ')} file`);
    }
    let sha256: string;
    try {
      sha256 = fileSha256(path);
    } catch (error) {
      throw new UserFileError(kind, path, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    out.files.push({ kind, path, sha256 });
    const module = exportsOf(await importFile(kind, path));
    if (kind === 'rule') {
      const rules = Object.values(module).filter(isRule);
      if (rules.length === 0) throw new UserFileError(kind, path, 'exports no rule (make one with defineRule and export it)');
      rules.forEach(add);
    } else {
      const declared = module['default'] !== undefined ? [module['default']] : Object.values(module).filter((v) => typeof v === 'object' && v !== null && 'grid' in v);
      if (declared.length === 0) throw new UserFileError(kind, path, 'exports no suite (export default defineSuite({...}))');
      for (const value of declared) {
        rulesIn(value).forEach(add);
        out.suites.push({ value, path });
      }
    }
  }
  return out;
}

/** Registers the rules of the user files in a worker thread (the files the main thread loaded). */
export async function loadUserFilesInWorker(files: readonly UserFile[]): Promise<void> {
  await loadUserFiles(
    files.filter((f) => f.kind === 'rule').map((f) => f.path),
    files.filter((f) => f.kind === 'suite').map((f) => f.path),
  );
}
