// Shards and merge, end to end in-process: a run split 1 to 7 ways merges into trials.csv,
// summary.csv, agreement.csv and claims.csv byte-identical to the run on one machine; a shard
// interrupted and resumed merges identically; throughput suites run in shard 0 only.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { planRun, type SuiteRegistry } from '../../src/cli/main.ts';
import { trialSeedAt } from '../../src/harness/seeds.ts';
import { suites } from '../../suites/index.ts';
import { mergeInProcess, runInProcess } from './cli.ts';

/** Three small suites, 14 points of n 10 to 1e4 (costs differ by 1000x, so points get split). */
const ARGS = ['--suite', 'smoke,seed-claims,thresholds', '--trials', '4', '--seed', '7'];
const CSVS = ['trials.csv', 'summary.csv', 'agreement.csv', 'claims.csv'];
const FAULTY = new URL('../fixtures/faulty-worker.ts', import.meta.url);

let tmp: string;
let reference: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-shard-'));
  reference = join(tmp, 'reference');
  expect((await runInProcess([...ARGS, '--threads', '2', '--out', reference])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the N shards of `args` into `dir/0` .. `dir/N-1`, at once, one thread each; returns the folders. */
async function runShards(dir: string, n: number, args: readonly string[] = ARGS, registry?: SuiteRegistry): Promise<string[]> {
  const dirs = Array.from({ length: n }, (_, i) => join(dir, String(i)));
  const runs = await Promise.all(
    dirs.map((out, i) => runInProcess([...args, '--threads', '1', '--shard', `${i}/${n}`, '--out', out], registry === undefined ? {} : { registry })),
  );
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  return dirs;
}

/** The four CSVs of a run folder. */
function csvs(dir: string): Record<string, string> {
  return Object.fromEntries(CSVS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('a run split into N shards and merged', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('N = %i gives the one-machine CSVs byte for byte', async (n) => {
    const dirs = await runShards(join(tmp, `n${n}`), n);
    const out = join(tmp, `merged-${n}`);
    // Shards may be given in any order.
    const r = await mergeInProcess(['--out', out, ...dirs.reverse()]);
    expect(r.code, r.stderr).toBe(0);
    expect(csvs(out)).toEqual(csvs(reference));
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(info).toMatchObject({ status: 'complete', argv: ARGS, merged: { count: n } });
    expect((info['merged'] as { shards: unknown[] }).shards).toHaveLength(n);
  }, 60_000);
});

describe('a shard', () => {
  it('holds its own trials (numbered as in the run), its slices and a complete run.json naming the shard', () => {
    const dir = join(tmp, 'n3', '1');
    expect(readdirSync(dir).sort()).toEqual(['run.json', 'slices', 'trials.csv']);
    const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string; shard: { index: number; count: number } };
    expect(info).toMatchObject({ status: 'complete', shard: { index: 1, count: 3 } });
    const all = readFileSync(join(reference, 'trials.csv'), 'utf8').split('\n');
    const mine = readFileSync(join(dir, 'trials.csv'), 'utf8').split('\n');
    // Its rows are rows of the one-machine trials.csv, in the same order, about a third of them.
    expect(mine[0]).toBe(all[0]);
    const at = mine.slice(1, -1).map((row) => all.indexOf(row));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(Math.abs(at.length - (all.length - 2) / 3)).toBeLessThanOrEqual(14);
  });

  it('takes its index from the scheduler: Kubernetes JOB_COMPLETION_INDEX with --shards gives the same shard', async () => {
    const out = join(tmp, 'k8s-1');
    const r = await runInProcess([...ARGS, '--threads', '1', '--shard', '--shards', '3', '--out', out], {}, { JOB_COMPLETION_INDEX: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'trials.csv'), 'utf8')).toBe(readFileSync(join(tmp, 'n3', '1', 'trials.csv'), 'utf8'));
    const m = await mergeInProcess(['--out', join(tmp, 'merged-k8s'), join(tmp, 'n3', '0'), out, join(tmp, 'n3', '2')]);
    expect(m.code, m.stderr).toBe(0);
    expect(csvs(join(tmp, 'merged-k8s'))).toEqual(csvs(reference));
  }, 60_000);

  it('interrupted and resumed, merges into the same CSVs', async () => {
    const args = parseArgs([...ARGS, '--shard', '1/3']);
    if (args.action !== 'run') throw new Error('unreachable');
    const plan = planRun(args.args, undefined, { index: 1, count: 3 });
    expect(plan.sweep.points.length).toBeGreaterThan(1);
    // The worker hangs at the first trial of the shard's last slice; stop once the others are saved.
    const last = plan.sweep.points[plan.sweep.points.length - 1]!;
    const hangSeed = trialSeedAt(last.seedBase, last.firstTrial ?? 0);
    const out = join(tmp, 'interrupted-1');
    const stop = new AbortController();
    const timer = setInterval(() => {
      const journal = join(out, 'journal');
      if (existsSync(journal) && readdirSync(journal).filter((f) => f.endsWith('.json')).length >= plan.sweep.points.length - 1) stop.abort('SIGINT');
    }, 10);
    const first = await runInProcess([...ARGS, '--threads', '1', '--shard', '1/3', '--out', out], {
      workerUrl: FAULTY,
      workerData: { failSeed: hangSeed, mode: 'hang' },
      signal: stop.signal,
    }).finally(() => clearInterval(timer));
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('--shard 1/3');
    // Resuming it as another shard is refused.
    const wrong = await runInProcess([...ARGS, '--shard', '2/3', '--out', out, '--resume']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: --resume does not match .*--shard is 2\/3 now but 1\/3 in the run\n$/);
    const second = await runInProcess([...ARGS, '--threads', '2', '--shard', '1/3', '--out', out, '--resume']);
    expect(second.code, second.stderr).toBe(0);
    const merged = join(tmp, 'merged-resumed');
    const m = await mergeInProcess(['--out', merged, join(tmp, 'n3', '0'), out, join(tmp, 'n3', '2')]);
    expect(m.code, m.stderr).toBe(0);
    expect(csvs(merged)).toEqual(csvs(reference));
  }, 60_000);
});

describe('throughput suites in a sharded run', () => {
  // A registry with a one-point throughput suite, so timing takes about a second.
  const tiny = { ...suites.find((s) => s.name === 'throughput')!, grid: { n: [1000], fanout: [3] }, trials: 3 };
  const registry: SuiteRegistry = {
    suites: suites.map((s) => (s.name === 'throughput' ? tiny : s)),
    defaultRun: [
      { suite: 'smoke', mode: 'default', trials: 3 },
      { suite: 'throughput', mode: 'default' },
    ],
  };

  it('run in shard 0 only; the merged run carries shard 0 timings and the one-machine trial CSVs', async () => {
    const one = join(tmp, 'tp-one');
    expect((await runInProcess(['--threads', '1', '--out', one], { registry })).code).toBe(0);
    const dirs = await runShards(join(tmp, 'tp'), 2, [], registry);
    expect(readdirSync(dirs[0]!).sort()).toEqual(['run.json', 'slices', 'throughput-samples.csv', 'throughput.csv', 'trials.csv']);
    expect(readdirSync(dirs[1]!).sort()).toEqual(['run.json', 'slices', 'trials.csv']);
    const out = join(tmp, 'tp-merged');
    const r = await mergeInProcess(['--out', out, ...dirs], { registry });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('throughput timed in shard 0 only');
    expect(csvs(out)).toEqual(csvs(one));
    for (const f of ['throughput.csv', 'throughput-samples.csv']) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(dirs[0]!, f), 'utf8'));
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({ merged: { throughputFrom: 0 } });
  }, 60_000);
});
