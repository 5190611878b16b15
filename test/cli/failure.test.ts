// Tests of runs whose worker fails: a trial that throws, a worker that exits (process.exit) and
// one that runs out of memory. Each exits 1 without hanging, names the point and seed (the batch
// and its first seed for a dead worker), marks run.json `failed`, keeps no CSV but keeps the
// finished points in the journal, from which --resume completes the run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGrid } from '../../src/harness/grid.ts';
import { trialSeed } from '../../src/harness/seeds.ts';
import { runInProcess } from './cli.ts';
import { expectWholeFiles } from './snapshot.ts';

const FAULTY = new URL('../fixtures/faulty-worker.ts', import.meta.url);

let tmp: string;
let reference: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-fail-'));
  reference = join(tmp, 'reference');
  expect((await runInProcess(['--suite', 'smoke', '--seed', '9', '--out', reference])).code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The key of smoke's point (n, fanout). */
const keyOf = (n: number, fanout: number): string => (expandGrid({ n, fanout, split: 0.7 })[0] as { key: string }).key;

interface FailedRun {
  status: string;
  pointsDone: number;
  error: { suite: string; point: number; seed: number; trial: number | null; firstTrial?: number; lastTrial?: number; message: string };
}

describe.each([
  ['throws', 'throw', {}],
  ['exits (process.exit)', 'crash', {}],
  ['runs out of memory', 'oom', { maxOldGenerationSizeMb: 64 }],
] as const)('a worker whose trial %s', (_name, mode, resourceLimits) => {
  let out: string;
  let result: { code: number | null; stdout: string; stderr: string };
  let failSeed: number;
  beforeAll(async () => {
    out = join(tmp, mode);
    // Smoke's point 3 is n = 100, fanout 5; on one thread, points 0-2 finish before it starts.
    failSeed = trialSeed(9, 'smoke', keyOf(100, 5), 17);
    result = await runInProcess(['--suite', 'smoke', '--seed', '9', '--threads', '1', '--out', out], {
      workerUrl: FAULTY,
      workerData: { failSeed, mode },
      resourceLimits,
    });
  });

  it('fails the run with exit 1, naming suite, point and seed', () => {
    expect(result.code).toBe(1);
    const line = result.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
    expect(line).toContain('suite smoke point 3');
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as FailedRun;
    expect(info.status).toBe('failed');
    expect(info.error).toMatchObject({ suite: 'smoke', point: 3 });
    if (mode === 'throw') {
      expect(line).toContain(String(failSeed));
      expect(info.error).toMatchObject({ seed: failSeed, trial: 17 });
      expect(info.error.message).toContain('injected fault');
    } else {
      // A dead worker: the batch it was running, with its first seed.
      const { firstTrial, lastTrial } = info.error as Required<FailedRun['error']>;
      expect(firstTrial).toBeLessThanOrEqual(17);
      expect(lastTrial).toBeGreaterThanOrEqual(17);
      expect(info.error.seed).toBe(trialSeed(9, 'smoke', keyOf(100, 5), firstTrial));
      expect(line).toContain(`trials ${firstTrial}-${lastTrial} (first seed ${info.error.seed})`);
      expect(line).toMatch(mode === 'crash' ? /exited with code 3/ : /memory/);
    }
  });

  it('keeps the finished points in the journal and no CSV', () => {
    expect(readdirSync(out).sort()).toEqual(['journal', 'run.json']);
    expect(readdirSync(join(out, 'journal')).sort()).toEqual(['smoke.0.json', 'smoke.1.json', 'smoke.2.json']);
    expect(expectWholeFiles(out)).toEqual([]);
    expect((JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as FailedRun).pointsDone).toBe(3);
    expect(result.stderr).toContain(`resume with: npm run bench -- --suite smoke --seed 9 --threads 1 --out ${out} --resume`);
  });

  it('resumes (with a sound worker) into the rows of an uninterrupted run', async () => {
    const resumed = await runInProcess(['--suite', 'smoke', '--seed', '9', '--out', out, '--resume']);
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(out, 'trials.csv'), 'utf8')).toBe(readFileSync(join(reference, 'trials.csv'), 'utf8'));
    expect(existsSync(join(out, 'journal'))).toBe(false);
  });
});
