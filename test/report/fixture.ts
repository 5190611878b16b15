// Test helper: temp copies of the fixture run (test/fixtures/run-sample/) laid out as
// TMP/results/RUN_ID/ with the history sample as TMP/results/history.csv, so tests that write
// charts never touch the fixture. Also the CLI runner for scripts/charts.ts.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture run folder (read only). */
export const FIXTURE_RUN = fileURLToPath(new URL('../fixtures/run-sample/', import.meta.url));
/** The fixture history (results/history.csv layout). */
export const FIXTURE_HISTORY = fileURLToPath(new URL('../fixtures/history-sample.csv', import.meta.url));
/** The fixture's run id. */
export const RUN_ID = '20261124T233200Z-ab12cd3';
/** The repository root (where `node --import tsx scripts/charts.ts` runs). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A temp copy of the fixture run. */
export interface RunCopy {
  /** TMP, holding results/. */
  root: string;
  /** TMP/results/RUN_ID. */
  dir: string;
  /** TMP/results/history.csv (present unless `history: false`). */
  history: string;
}

/**
 * Copies the fixture run into a fresh temp folder (or into `root`). `keep` lists the run files to
 * keep (default all); `history: false` leaves the history out.
 */
export function copyRun(opts: { keep?: readonly string[]; history?: boolean; root?: string } = {}): RunCopy {
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'gossip-report-'));
  const results = join(root, 'results');
  const dir = join(results, RUN_ID);
  cpSync(FIXTURE_RUN, dir, { recursive: true });
  if (opts.keep) {
    for (const f of readdirSync(dir)) if (!opts.keep.includes(f)) rmSync(join(dir, f), { recursive: true });
  }
  const history = join(results, 'history.csv');
  if (opts.history !== false) cpSync(FIXTURE_HISTORY, history);
  return { root, dir, history };
}

/** Removes a temp copy. */
export function removeCopy(copy: RunCopy): void {
  rmSync(copy.root, { recursive: true, force: true });
}

/** Overwrites a file of a copy. */
export function writeRunFile(copy: RunCopy, name: string, text: string): void {
  writeFileSync(join(copy.dir, name), text);
}

/** Every file under `dir` with its size, for "nothing was written" checks. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${p}:${st.size}`);
    }
  };
  walk(dir);
  return out.sort();
}

/** The outcome of one CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx scripts/charts.ts ...args` from the repository root. */
export function runCharts(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/charts.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
