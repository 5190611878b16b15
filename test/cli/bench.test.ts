// Tests of the CLI's runs: the result folder's files and columns, identical trials for any
// thread count, and the same rows for a point whether it runs alone or among others.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS, TRIAL_COLUMNS } from '../../src/io/columns.ts';
import { runCli, runInProcess } from './cli.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-run-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The lines of a CSV file (no quoting in these files), header first. */
function csvLines(path: string): string[][] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => line.split(','));
}

describe('a smoke run', () => {
  let dir: string;
  let stdout: string;
  beforeAll(async () => {
    dir = join(tmp, 'smoke');
    const result = await runCli(['--suite', 'smoke', '--seed', '3', '--out', dir]);
    expect(result.code).toBe(0);
    stdout = result.stdout;
  });

  it('writes exactly trials.csv, summary.csv, agreement.csv, claims.csv and run.json', () => {
    expect(readdirSync(dir).sort()).toEqual(['agreement.csv', 'claims.csv', 'run.json', 'summary.csv', 'trials.csv']);
  });

  it('writes the trial and summary columns exactly, one row per trial and per point', () => {
    const trials = csvLines(join(dir, 'trials.csv'));
    const summary = csvLines(join(dir, 'summary.csv'));
    expect(trials[0]).toEqual([...TRIAL_COLUMNS]);
    expect(summary[0]).toEqual([...SUMMARY_COLUMNS]);
    expect(trials).toHaveLength(1 + 6 * 50);
    expect(summary).toHaveLength(1 + 6);
    const col = (name: string): number => TRIAL_COLUMNS.indexOf(name as (typeof TRIAL_COLUMNS)[number]);
    for (const row of trials.slice(1)) {
      expect(row[col('suite')]).toBe('smoke');
      expect(['true', 'false']).toContain(row[col('converged')]);
      expect(Number.isSafeInteger(Number(row[col('seed')]))).toBe(true);
    }
    // Sorted by (point, trial).
    const order = trials.slice(1).map((r) => Number(r[col('point')]) * 1000 + Number(r[col('trial')]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('writes run.json with every field', () => {
    const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(info).sort()).toEqual(
      ['argv', 'endedAt', 'git', 'machine', 'masterSeed', 'packageVersion', 'runId', 'schemaVersion', 'startedAt', 'status', 'suites', 'threads'].sort(),
    );
    expect(info['status']).toBe('complete');
    expect(info['schemaVersion']).toBe(1);
    expect(info['masterSeed']).toBe(3);
    expect(info['argv']).toEqual(['--suite', 'smoke', '--seed', '3', '--out', dir]);
    expect(Object.keys(info['git'] as object).sort()).toEqual(['branch', 'commit', 'dirty', 'shortCommit']);
    expect(Object.keys(info['machine'] as object)).toEqual(expect.arrayContaining(['node', 'cpuModel', 'cores']));
    expect(info['suites']).toEqual([expect.objectContaining({ name: 'smoke', mode: 'default', trials: 50, points: 6 })]);
    expect(String(info['runId'])).toMatch(/^\d{8}T\d{6}Z-/);
    expect(Date.parse(String(info['endedAt']))).toBeGreaterThanOrEqual(Date.parse(String(info['startedAt'])));
  });

  it('prints a summary table and the folder', () => {
    expect(stdout).toContain('rounds mean');
    expect(stdout.split('\n').filter((l) => l.startsWith('smoke'))).toHaveLength(6);
    expect(stdout).toContain(dir);
  });
});

describe('determinism', () => {
  it('gives byte-identical CSVs with --threads 1 and --threads 2', async () => {
    const one = join(tmp, 't1');
    const two = join(tmp, 't2');
    const [a, b] = await Promise.all([
      runCli(['--suite', 'smoke', '--quick', '--seed', 'abc', '--threads', '1', '--out', one]),
      runCli(['--suite', 'smoke', '--quick', '--seed', 'abc', '--threads', '2', '--out', two]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readFileSync(join(one, 'trials.csv'))).toEqual(readFileSync(join(two, 'trials.csv')));
    expect(readFileSync(join(one, 'summary.csv'))).toEqual(readFileSync(join(two, 'summary.csv')));
  });

  it('gives a point the same rows alone as among other points (only `point` differs)', async () => {
    const full = join(tmp, 'full');
    const sub = join(tmp, 'sub');
    const [a, b] = await Promise.all([
      runInProcess(['--n', '10,100', '--fanout', '3,5', '--trials', '40', '--out', full]),
      runInProcess(['--n', '100', '--fanout', '5', '--threshold', '0.95', '--trials', '40', '--out', sub]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const pointCol = TRIAL_COLUMNS.indexOf('point');
    const strip = (rows: string[][]): string[] => rows.map((r) => r.filter((_, i) => i !== pointCol).join(','));
    const fullRows = csvLines(join(full, 'trials.csv')).slice(1).filter((r) => r[3] === '100' && r[4] === '5');
    const subRows = csvLines(join(sub, 'trials.csv')).slice(1);
    expect(fullRows).toHaveLength(40);
    expect(strip(subRows)).toEqual(strip(fullRows));
    expect(fullRows[0]?.[pointCol]).toBe('3');
    expect(subRows[0]?.[pointCol]).toBe('0');
  });

  it('changes the seeds with --seed', async () => {
    const [a, b] = await Promise.all([
      runInProcess(['--n', '10', '--fanout', '3', '--trials', '3', '--seed', '1', '--out', join(tmp, 's1')]),
      runInProcess(['--n', '10', '--fanout', '3', '--trials', '3', '--seed', '2', '--out', join(tmp, 's2')]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const seeds = (d: string): string[] => csvLines(join(d, 'trials.csv')).slice(1).map((r) => r[12] as string);
    expect(seeds(join(tmp, 's1'))).not.toEqual(seeds(join(tmp, 's2')));
  });
});

describe('default output folder', () => {
  it('is results/<run-id> under the project root, beside results/history.csv', async () => {
    const root = join(tmp, 'project');
    const result = await runInProcess(['--n', '10', '--fanout', '3', '--trials', '2'], { projectRoot: root });
    expect(result.code).toBe(0);
    // The run folder, and the history every completed run adds to.
    const entries = readdirSync(join(root, 'results')).sort();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toBe('history.csv');
    const runs = entries.slice(0, 1);
    expect(runs[0]).toMatch(/^\d{8}T\d{6}Z-(nogit|[0-9a-f]+)$/);
    expect(existsSync(join(root, 'results', runs[0] as string, 'run.json'))).toBe(true);
  });
});

describe('help and list', () => {
  it('--help prints the usage and exits 0', async () => {
    const result = await runInProcess(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--suite');
    expect(result.stdout).toContain('--crash-round');
  });

  it('--list names every suite and the default set', async () => {
    const result = await runInProcess(['--list']);
    expect(result.code).toBe(0);
    for (const name of ['smoke', 'seed-claims', 'scaling', 'fanout', 'thresholds']) expect(result.stdout).toContain(name);
    expect(result.stdout).toContain('Default set');
  });
});
