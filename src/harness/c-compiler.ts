// Building a C program on demand: finds a C compiler ($CC, else cc, gcc or clang on the PATH),
// compiles a source once into a cache keyed by source, compiler and flags, and otherwise says in
// one line what is missing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { PACKAGE_ROOT } from '../io/package-files.ts';

/** A C compiler found on this machine. */
export interface CCompiler {
  /** The command run (the first word of $CC, or `cc`, `gcc`, `clang`). */
  readonly command: string;
  /** Arguments that come with the command (the other words of $CC). */
  readonly args: readonly string[];
  /** The first line of `command --version`. */
  readonly version: string;
}

/** Either what was found or built, or one line saying what is missing and how to fix it. */
export type Found<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A built program. */
export interface CProgram {
  /** Path of the executable in the cache. */
  readonly binary: string;
  readonly compiler: CCompiler;
  /** Optimisation flags it was built with. */
  readonly flags: readonly string[];
  /** Whether it was already in the cache (nothing was compiled). */
  readonly cached: boolean;
}

/** Compilers tried, in order, when $CC is not set. */
export const COMPILER_CANDIDATES = ['cc', 'gcc', 'clang'] as const;

/** Flags tried, in order: the first set the compiler accepts is used (`-march=native` may not be). */
export const C_FLAG_SETS: readonly (readonly string[])[] = [['-O3', '-march=native'], ['-O3']];

/** Options of {@link buildC}. */
export interface BuildCOptions {
  /** Environment read for $CC and $PATH (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Folder of the built programs (default: {@link defaultCacheDir}). */
  cacheDir?: string;
}

/**
 * Where built programs are kept: `node_modules/.cache/gossip-bench/` of the project (the usual
 * place for tool caches, and cleared by a fresh `npm ci`), or `gossip-bench-cache/` in the
 * temp folder when the project has no node_modules.
 */
export function defaultCacheDir(): string {
  const modules = join(PACKAGE_ROOT, 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'gossip-bench') : join(os.tmpdir(), 'gossip-bench-cache');
}

/** The first line of a command's output for `--version`, or null when it cannot be run. */
function versionOf(command: string, args: readonly string[], env: Record<string, string | undefined>): string | null {
  try {
    const out = execFileSync(command, [...args, '--version'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    return out.split('\n')[0]?.trim() ?? '';
  } catch {
    return null;
  }
}

/**
 * The C compiler to use: $CC when set (its first word is the command, the others its arguments;
 * nothing else is tried, so a broken $CC is reported rather than silently replaced), else the
 * first of {@link COMPILER_CANDIDATES} that runs.
 */
export function findCCompiler(env: Record<string, string | undefined> = process.env): Found<CCompiler> {
  const cc = env['CC']?.trim();
  if (cc !== undefined && cc !== '') {
    const [command = cc, ...args] = cc.split(/\s+/);
    const version = versionOf(command, args, env);
    if (version === null) return { ok: false, problem: `$CC=${cc} does not run as a C compiler (set $CC to gcc or clang, or unset it)` };
    return { ok: true, value: { command, args, version } };
  }
  for (const command of COMPILER_CANDIDATES) {
    const version = versionOf(command, [], env);
    if (version !== null) return { ok: true, value: { command, args: [], version } };
  }
  return { ok: false, problem: `no C compiler found (${COMPILER_CANDIDATES.join(', ')} not on the PATH; install gcc or clang, or set $CC)` };
}

/** The cache name of a build: the source's name and a hash of everything the binary depends on. */
function cacheName(source: string, text: Buffer, compiler: CCompiler, flags: readonly string[]): string {
  const hash = createHash('sha256');
  // -march=native makes the binary depend on the CPU, so a cache shared between machines misses.
  for (const part of [compiler.command, ...compiler.args, compiler.version, ...flags, process.platform, process.arch, os.cpus()[0]?.model ?? '']) {
    hash.update(part).update('\0');
  }
  hash.update(text);
  return `${basename(source, '.c')}-${hash.digest('hex').slice(0, 16)}`;
}

/** Distinguishes temp files of one process. */
let tempCounter = 0;

/**
 * Compiles `source` into `binary` through a temp file renamed into place, so that two runs
 * building the same program at once never see half a file. Returns the compiler's complaint on
 * failure (its first line of stderr), else null.
 */
function compileTo(source: string, binary: string, compiler: CCompiler, flags: readonly string[], env: Record<string, string | undefined>): string | null {
  const temp = `${binary}.${process.pid}.${tempCounter++}.tmp`;
  const define = `-DREFERENCE_CFLAGS="${flags.join(' ')}"`;
  try {
    execFileSync(compiler.command, [...compiler.args, ...flags, define, '-o', temp, source], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    renameSync(temp, binary);
    return null;
  } catch (error) {
    rmSync(temp, { force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    const line = stderr.split('\n').find((l) => l.includes('error')) ?? stderr.split('\n')[0] ?? '';
    return line.trim() || (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Builds the C program `source` with the first flag set of {@link C_FLAG_SETS} the compiler
 * accepts, or finds it already built in the cache (the name hashes the source text, compiler
 * and its version, flags, platform and CPU model, so any change builds afresh). Synchronous;
 * safe to run from several processes at once.
 */
export function buildC(source: string, options: BuildCOptions = {}): Found<CProgram> {
  const env = options.env ?? process.env;
  if (!existsSync(source)) return { ok: false, problem: `${source} not found` };
  const found = findCCompiler(env);
  if (!found.ok) return found;
  const compiler = found.value;
  const text = readFileSync(source);
  const dir = options.cacheDir ?? defaultCacheDir();
  let complaint = '';
  for (const flags of C_FLAG_SETS) {
    const binary = join(dir, cacheName(source, text, compiler, flags));
    if (isExecutable(binary)) return { ok: true, value: { binary, compiler, flags, cached: true } };
    mkdirSync(dir, { recursive: true });
    const failed = compileTo(source, binary, compiler, flags, env);
    if (failed === null) return { ok: true, value: { binary, compiler, flags, cached: false } };
    complaint = failed;
  }
  return { ok: false, problem: `${compiler.command} could not compile ${source}: ${complaint}` };
}

/** Whether `path` is an executable file. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
