// Test helpers: run the real CLI as a subprocess (`node --import tsx src/cli/bench.ts ...`), or
// in-process through runBench (or merge, slurm through runMerge, runSlurm) with captured streams.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runBench, type BenchOptions } from '../../src/cli/main.ts';
import { runMerge, type MergeOptions } from '../../src/cli/merge.ts';
import { runSlurm, type SlurmOptions } from '../../src/cli/slurm.ts';

/** The project root, where the CLI runs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a CLI run printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A CLI subprocess: its pid, and what it printed and returned once it ends. */
export interface SpawnedCli {
  pid: number;
  done: Promise<CliResult>;
}

/** Starts `node --import tsx src/cli/bench.ts ...args` in the project root, with CI set (no bar). */
export function spawnCli(args: readonly string[]): SpawnedCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { pid: child.pid as number, done };
}

/** Runs `node --import tsx src/cli/bench.ts ...args` in the project root, with CI set (no bar). */
export function runCli(args: readonly string[]): Promise<CliResult> {
  return spawnCli(args).done;
}

/** A writable stream that collects what is written to it. */
function collector(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stream.text += String(chunk);
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** Runs the CLI in-process through runBench, with captured stdout/stderr and CI set (plus `env`). */
export async function runInProcess(
  args: readonly string[],
  options: Omit<BenchOptions, 'io'> = {},
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runBench(args, { ...options, io: { stdout, stderr, env: { CI: '1', ...env } } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the slurm command in-process, with captured stdout/stderr. */
export async function slurmInProcess(args: readonly string[], options: Omit<SlurmOptions, 'io'> = {}): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runSlurm(args, { ...options, io: { stdout, stderr } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the merge command in-process, with captured stdout/stderr. */
export async function mergeInProcess(args: readonly string[], options: Omit<MergeOptions, 'io'> = {}): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runMerge(args, { ...options, io: { stdout, stderr } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
