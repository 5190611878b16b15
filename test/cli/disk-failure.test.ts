// Tests of a full disk (the atomic writer mocked to fail with ENOSPC on chosen files): the run
// exits 1 with an error naming the file, keeps every file written before whole, and can be
// resumed once there is room again.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Atomic from '../../src/io/atomic.ts';
import { runInProcess } from './cli.ts';
import { expectWholeFiles } from './snapshot.ts';

/** Which writes fail: a predicate on the file's name and content, or null for none. */
const disk = vi.hoisted(() => ({ full: null as ((name: string, data: string) => boolean) | null }));

vi.mock('../../src/io/atomic.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof Atomic>();
  const check = (path: string, data: string): void => {
    if (disk.full?.(basename(path), data) === true) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
    }
  };
  return {
    ...actual,
    writeFileAtomic: async (path: string, data: string | Uint8Array): Promise<void> => {
      check(path, typeof data === 'string' ? data : '');
      await actual.writeFileAtomic(path, data);
    },
  };
});

const ARGS = ['--suite', 'smoke', '--seed', '4', '--threads', '1'];

let tmp: string;
let reference: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-disk-'));
  reference = join(tmp, 'reference');
  expect((await runInProcess([...ARGS, '--out', reference])).code).toBe(0);
});
afterEach(() => {
  disk.full = null;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** run.json of `dir`. */
const runJson = (dir: string): { status: string; pointsDone?: number; error?: { message: string } } =>
  JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string };

/** Resumes `dir` with room on the disk and checks the rows against the reference. */
async function resumesWhole(dir: string): Promise<void> {
  disk.full = null;
  expect((await runInProcess([...ARGS, '--out', dir, '--resume'])).code).toBe(0);
  expect(readFileSync(join(dir, 'trials.csv'), 'utf8')).toBe(readFileSync(join(reference, 'trials.csv'), 'utf8'));
}

describe('a full disk', () => {
  it('when writing trials.csv: exit 1 naming the file, the journal kept whole, no CSV', async () => {
    const out = join(tmp, 'csv');
    disk.full = (name) => name === 'trials.csv';
    const result = await runInProcess([...ARGS, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot write trials\.csv in .*: ENOSPC: no space left on device/m);
    expect(readdirSync(out).sort()).toEqual(['journal', 'run.json']);
    expect(readdirSync(join(out, 'journal'))).toHaveLength(6);
    expect(expectWholeFiles(out)).toEqual([]);
    expect(runJson(out)).toMatchObject({ status: 'failed', pointsDone: 6 });
    await resumesWhole(out);
  });

  it('when writing a journal entry: exit 1 naming the point, earlier entries whole', async () => {
    const out = join(tmp, 'journal');
    disk.full = (name) => name === 'smoke.2.json';
    const result = await runInProcess([...ARGS, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot save suite smoke point 2 to the journal: ENOSPC');
    const entries = readdirSync(join(out, 'journal'));
    expect(entries).toEqual(expect.arrayContaining(['smoke.0.json', 'smoke.1.json']));
    expect(entries).not.toContain('smoke.2.json');
    expect(expectWholeFiles(out)).toEqual([]);
    expect(runJson(out)).toMatchObject({ status: 'failed', pointsDone: entries.length });
    await resumesWhole(out);
  });

  it('when writing the final run.json: exit 1, CSVs removed, run.json says failed', async () => {
    const out = join(tmp, 'final');
    disk.full = (name, data) => name === 'run.json' && data.includes('"status": "complete"');
    const result = await runInProcess([...ARGS, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot write run.json in');
    expect(readdirSync(out).sort()).toEqual(['journal', 'run.json']);
    expect(runJson(out).status).toBe('failed');
    await resumesWhole(out);
  });

  it('for every write after the start: the starting run.json and the folder stay whole', async () => {
    const out = join(tmp, 'all');
    disk.full = (name, data) => !(name === 'run.json' && data.includes('"status": "running"'));
    const result = await runInProcess([...ARGS, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(could not write run.json: cannot write run.json in');
    expect(expectWholeFiles(out)).toEqual([]);
    expect(runJson(out).status).toBe('running');
    await resumesWhole(out);
  });

  it('before the run starts: exit 2 and nothing left behind', async () => {
    const out = join(tmp, 'start', 'run');
    disk.full = () => true;
    const result = await runInProcess([...ARGS, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --out cannot start the run: cannot write run\.json/);
    expect(existsSync(join(tmp, 'start'))).toBe(false);
  });
});
