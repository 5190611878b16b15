// Tests of named baselines (src/results/baselines.ts): saving copies the whole run folder,
// replacing swaps in the new copy before the old one goes, bad names and runs are refused and
// leave nothing behind, and an unknown baseline names the ones that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFolderError } from '../../src/io/errors.ts';
import { BaselineError, baselineDir, listBaselines, saveBaseline } from '../../src/results/baselines.ts';
import { editRunJson, removeDir, syntheticRunInfo, tempDir, timings, writeSyntheticRun } from './helpers.ts';

let root = '';
let runA = '';
let runB = '';

beforeAll(async () => {
  root = tempDir();
  const rows = [{ n: 1000, fanout: 3, samples: timings(20, 0.03, 20, 'x') }];
  runA = await writeSyntheticRun(join(root, 'runA'), rows, syntheticRunInfo('20261125T000000Z-aaaaaaa'));
  runB = await writeSyntheticRun(join(root, 'runB'), rows, syntheticRunInfo('20261125T000500Z-bbbbbbb'));
});

afterAll(() => removeDir(root));

const runIdOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { runId: string }).runId;

describe('saveBaseline', () => {
  it('copies the whole run folder into results/baselines/NAME', async () => {
    const results = join(root, 'r1');
    const dir = await saveBaseline(runA, results, 'main');
    expect(dir).toBe(join(results, 'baselines', 'main'));
    expect(readdirSync(dir).sort()).toEqual(readdirSync(runA).sort());
    expect(readFileSync(join(dir, 'throughput-samples.csv'), 'utf8')).toBe(readFileSync(join(runA, 'throughput-samples.csv'), 'utf8'));
    expect(await baselineDir(results, 'main')).toBe(dir);
  });

  it('replaces an existing baseline, leaving no temp or old folder', async () => {
    const results = join(root, 'r2');
    await saveBaseline(runA, results, 'main');
    await saveBaseline(runB, results, 'main');
    expect(runIdOf(join(results, 'baselines', 'main'))).toBe('20261125T000500Z-bbbbbbb');
    expect(readdirSync(join(results, 'baselines'))).toEqual(['main']);
    expect(await listBaselines(results)).toEqual(['main']);
  });

  it('can re-save a baseline from its own folder', async () => {
    const results = join(root, 'r3');
    const dir = await saveBaseline(runA, results, 'v1');
    await saveBaseline(dir, results, 'v1');
    expect(runIdOf(dir)).toBe('20261125T000000Z-aaaaaaa');
    expect(readdirSync(join(results, 'baselines'))).toEqual(['v1']);
  });

  it('refuses a bad name before touching anything', async () => {
    const results = join(root, 'r4');
    for (const name of ['', '.', '..', '../x', 'a/b', '-x', 'a b', 'x'.repeat(65)]) {
      await expect(saveBaseline(runA, results, name)).rejects.toThrow(BaselineError);
    }
    expect(existsSync(results)).toBe(false);
  });

  it('refuses a folder that is not a run, and a run that did not complete', async () => {
    const results = join(root, 'r5');
    await expect(saveBaseline(join(root, 'nowhere'), results, 'x')).rejects.toThrow(RunFolderError);
    const failed = await writeSyntheticRun(join(root, 'failed'), [], syntheticRunInfo('20261125T000900Z-ccccccc'));
    editRunJson(failed, (j) => (j.status = 'failed'));
    await expect(saveBaseline(failed, results, 'x')).rejects.toThrow(BaselineError);
    expect(await listBaselines(results)).toEqual([]);
  });
});

describe('baselineDir', () => {
  it('throws BaselineError naming the known baselines when NAME does not exist', async () => {
    const results = join(root, 'r6');
    await saveBaseline(runA, results, 'alpha');
    await saveBaseline(runA, results, 'beta');
    const err = await baselineDir(results, 'gamma').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BaselineError);
    expect((err as Error).message).toContain('saved baselines: alpha, beta');
    await expect(baselineDir(join(root, 'empty'), 'x')).rejects.toThrow(/saved baselines: none/);
  });
});

describe('saveBaseline of a folder holding the baselines', () => {
  it('is refused rather than copied into itself', async () => {
    const results = await writeSyntheticRun(join(root, 'results-as-run'), [], syntheticRunInfo('20261125T001100Z-ddddddd'));
    await expect(saveBaseline(results, results, 'x')).rejects.toThrow(/holds the baselines folder/);
  });
});
