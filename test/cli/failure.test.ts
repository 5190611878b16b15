// Tests of a run whose trial throws in a worker: exit 1, an error naming suite, point and seed,
// run.json with status `failed`, no CSV, and no hanging worker.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGrid } from '../../src/harness/grid.ts';
import { trialSeed } from '../../src/harness/seeds.ts';
import { runInProcess } from './cli.ts';

const FAULTY = new URL('../fixtures/faulty-worker.ts', import.meta.url);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-fail-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a trial that throws in a worker', () => {
  it('fails the run with exit 1 and run.json status failed, keeping no CSV', async () => {
    const out = join(tmp, 'out');
    const key = (expandGrid({ n: 100, fanout: 5, split: 0.7 })[0] as { key: string }).key;
    const failSeed = trialSeed(9, 'smoke', key, 17);
    const result = await runInProcess(['--suite', 'smoke', '--seed', '9', '--out', out], {
      workerUrl: FAULTY,
      workerData: { failSeed, mode: 'throw' },
    });
    expect(result.code).toBe(1);
    const line = result.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
    expect(line).toContain('smoke');
    expect(line).toContain('point 3');
    expect(line).toContain(String(failSeed));
    expect(existsSync(join(out, 'trials.csv'))).toBe(false);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      status: string;
      error: { suite: string; point: number; seed: number; trial: number; message: string };
    };
    expect(info.status).toBe('failed');
    expect(info.error).toMatchObject({ suite: 'smoke', point: 3, seed: failSeed, trial: 17 });
    expect(info.error.message).toContain('injected fault');
  });

  it('fails the run with exit 1 when a worker dies', async () => {
    const out = join(tmp, 'crash');
    const key = (expandGrid({ n: 10, fanout: 3, split: 0.7 })[0] as { key: string }).key;
    const failSeed = trialSeed(1, 'smoke', key, 2);
    const result = await runInProcess(['--suite', 'smoke', '--out', out], {
      workerUrl: FAULTY,
      workerData: { failSeed, mode: 'crash' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exited with code 3');
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { status: string };
    expect(info.status).toBe('failed');
    expect(existsSync(join(out, 'trials.csv'))).toBe(false);
  });
});
