// Test helpers for compare: real run folders made by the bench CLI in a temp folder, copies of
// them to tamper with, synthetic throughput runs, and the compare command in-process or spawned.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { csvString } from '../../src/io/csv-write.ts';
import { THROUGHPUT_COLUMNS, THROUGHPUT_SAMPLE_COLUMNS } from '../../src/harness/throughput-table.ts';
import { runCompare } from '../../src/compare/cli.ts';

/** The project root, where the CLIs run. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a command printed and returned. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx SCRIPT ...args` in the project root with CI set. */
export function spawnScript(script: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the real bench CLI: the smoke suite's quick variant with `seed`, into `out`. */
export async function benchSmoke(out: string, seed: number): Promise<void> {
  const r = await spawnScript('src/cli/bench.ts', ['--suite', 'smoke', '--quick', '--out', out, '--seed', String(seed), '--threads', '2']);
  if (r.code !== 0) throw new Error(`bench failed (${r.code}): ${r.stderr}`);
}

/** A fresh temp folder. */
export function tempDir(prefix = 'gossip-compare-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies run folder `from` to `to` (a new folder). */
export function copyRun(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

/** Rewrites a file of a folder through `edit`. */
export function editFile(dir: string, name: string, edit: (text: string) => string): void {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

/** Rewrites run.json of a folder through `edit` on the parsed object. */
export function editRunJson(dir: string, edit: (json: Record<string, unknown>) => void): void {
  editFile(dir, 'run.json', (text) => {
    const json = JSON.parse(text) as Record<string, unknown>;
    edit(json);
    return `${JSON.stringify(json, null, 2)}\n`;
  });
}

/**
 * Rewrites one CSV cell: in the data row `row` (0-based), sets column `column` with `value`.
 * The CSVs of a run have no quoted fields in the columns tests touch.
 */
export function setCsvCell(dir: string, name: string, row: number, column: string, value: (old: string) => string): void {
  editFile(dir, name, (text) => {
    const lines = text.split('\n');
    const header = (lines[0] as string).split(',');
    const at = header.indexOf(column);
    if (at < 0) throw new Error(`no column ${column} in ${name}`);
    const cells = (lines[row + 1] as string).split(',');
    cells[at] = value(cells[at] as string);
    lines[row + 1] = cells.join(',');
    return lines.join('\n');
  });
}

/** The files in a folder, sorted. */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A throughput measurement for a synthetic run: the row's key and its timed rounds. */
export interface SyntheticThroughput {
  n: number;
  fanout: number;
  threads?: number;
  samples: readonly number[];
}

/** The median of a list (type 7). */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** run.json of a synthetic throughput-only run, with the context fields tests vary. */
export function syntheticRunInfo(runId: string, over: { cpuModel?: string; node?: string; threads?: number; dirty?: boolean; seed?: number } = {}) {
  return {
    runId,
    schemaVersion: 1,
    suites: [{ name: 'throughput', description: 'synthetic', mode: 'quick', trials: 5, points: 2 }],
    masterSeed: over.seed ?? 1,
    argv: ['--suite', 'throughput', '--quick'],
    packageVersion: '0.1.0',
    git: { commit: 'a'.repeat(40), shortCommit: 'aaaaaaa', dirty: over.dirty ?? false, branch: 'main' },
    machine: {
      node: over.node ?? 'v20.20.2',
      v8: '11.3',
      os: 'Linux 6 x64',
      cpuModel: over.cpuModel ?? 'Test CPU',
      cores: 2,
      totalMemoryBytes: 1e9,
    },
    threads: over.threads ?? 2,
    startedAt: '2026-11-25T00:00:00.000Z',
    endedAt: '2026-11-25T00:00:10.000Z',
    status: 'complete',
  };
}

/** Writes a synthetic throughput-only run folder: run.json, throughput.csv and its samples. */
export async function writeSyntheticRun(
  dir: string,
  rows: readonly SyntheticThroughput[],
  info: ReturnType<typeof syntheticRunInfo> = syntheticRunInfo('20261125T000000Z-aaaaaaa'),
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const table = rows.map((r) => {
    const ns = median(r.samples);
    const cells: Record<string, string | number | null> = {
      suite: 'throughput',
      protocol: 'majority',
      n: r.n,
      fanout: r.fanout,
      threads: r.threads ?? 1,
      ns_per_agent_round: ns,
      mad_ns: 0,
      rme: 0,
      samples: r.samples.length,
      agent_rounds_per_s: 1e9 / ns,
      yardstick_ns_per_agent_round: null,
      ratio_to_yardstick: null,
      run_id: info.runId,
      commit: info.git.commit,
      node: info.machine.node,
      cpu_model: info.machine.cpuModel,
    };
    return THROUGHPUT_COLUMNS.map((c) => cells[c] ?? null);
  });
  const samples = rows.flatMap((r) => r.samples.map((s, i) => ['throughput', 'majority', r.n, r.fanout, r.threads ?? 1, i, s]));
  writeFileSync(join(dir, 'throughput.csv'), await csvString(THROUGHPUT_COLUMNS, table));
  writeFileSync(join(dir, 'throughput-samples.csv'), await csvString(THROUGHPUT_SAMPLE_COLUMNS, samples));
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(info, null, 2)}\n`);
  return dir;
}

/** `count` timings around `centre` ns with ±`spread` relative uniform noise, from a seeded generator. */
export function timings(centre: number, spread: number, count: number, seed: string): number[] {
  const rng = seedrandom(seed);
  return Array.from({ length: count }, () => centre * (1 + spread * (2 * rng() - 1)));
}

/** A writable stream that keeps what is written to it. */
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

/** Runs the compare command in-process with captured output. */
export async function compareInProcess(args: readonly string[], resultsRoot?: string): Promise<CommandResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCompare(args, { io: { stdout, stderr }, ...(resultsRoot === undefined ? {} : { resultsRoot }) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Removes a temp folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
