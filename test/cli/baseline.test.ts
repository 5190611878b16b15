// Baselines and history from the bench command: --save-baseline keeps a run, --baseline compares
// a later run with it (compare.csv, compare.md), and every completed run adds to the history.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli.ts';

const root = mkdtempSync(join(os.tmpdir(), 'gossip-baseline-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const grid = ['--n', '20,50', '--fanout', '3', '--trials', '5', '--threads', '1'];

describe('baselines and history', () => {
  it('saves a baseline, compares a rerun with it, and records both runs in the history', async () => {
    const first = await runInProcess([...grid, '--save-baseline', 'main'], { projectRoot: root });
    expect(first.code, first.stderr).toBe(0);
    const baseline = join(root, 'results', 'baselines', 'main');
    expect(readdirSync(baseline)).toContain('trials.csv');
    // A copy of the run folder, without the lock the run held while saving it.
    const firstDir = join(root, 'results', readdirSync(join(root, 'results')).find((d) => /^\d{8}T/.test(d))!);
    expect(readdirSync(baseline).sort()).toEqual(readdirSync(firstDir).sort());
    expect(readdirSync(baseline)).not.toContain('.lock');

    const second = await runInProcess([...grid, '--baseline', 'main'], { projectRoot: root });
    expect(second.code, second.stderr).toBe(0);
    const runs = readdirSync(join(root, 'results')).filter((d) => /^\d{8}T/.test(d)).sort();
    expect(runs).toHaveLength(2);
    const latest = join(root, 'results', runs[1]!);
    const md = readFileSync(join(latest, 'compare.md'), 'utf8');
    expect(md).toContain('No behaviour change');
    expect(existsSync(join(latest, 'compare.csv'))).toBe(true);
    expect(second.stdout).toContain('Compared with baseline main');
    // The next commands: this run's charts, and compare with the first run (same suites).
    expect(second.stdout).toContain(`\nnext:\n  npm run charts -- ${latest}\n  npm run compare -- ${join(root, 'results', runs[0]!)} ${latest}\n`);

    const history = readFileSync(join(root, 'results', 'history.csv'), 'utf8').trim().split('\n');
    expect(history[0]).toMatch(/^commit,date,run_id,suite,point/);
    // Two points a run, two runs.
    expect(history).toHaveLength(1 + 4);
    expect(new Set(history.slice(1).map((l) => l.split(',')[2]))).toEqual(new Set(runs));
  });

  it('refuses an unknown baseline before doing anything', async () => {
    const out = join(root, 'never');
    const r = await runInProcess([...grid, '--baseline', 'nope', '--out', out], { projectRoot: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--baseline');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a bad baseline name', async () => {
    const r = await runInProcess([...grid, '--save-baseline', '../x'], { projectRoot: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--save-baseline');
  });
});
