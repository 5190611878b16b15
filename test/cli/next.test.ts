// Tests of the next commands printed at the end of a run: the charts of this run, and the
// comparison with the previous complete run of the same suites in the same results folder, when
// there is one. The printed commands are run as printed and must succeed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandPath } from '../../src/cli/next.ts';
import { ROOT, runInProcess } from './cli.ts';

const run = promisify(execFile);
const SMALL = ['--n', '10,100', '--fanout', '3', '--trials', '5'];

let tmp: string;
let results: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-next-'));
  results = join(tmp, 'results');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The commands after `next:` at the end of stdout. */
function nextOf(stdout: string): string[] {
  const at = stdout.lastIndexOf('\nnext:\n');
  expect(at, stdout).toBeGreaterThan(0);
  const block = stdout.slice(at + '\nnext:\n'.length);
  expect(block.endsWith('\n')).toBe(true);
  return block.trimEnd().split('\n').map((l) => {
    expect(l.startsWith('  ')).toBe(true);
    return l.slice(2);
  });
}

describe('the next commands after a run', () => {
  const a = (): string => join(results, 'a');
  const b = (): string => join(results, 'b');
  const c = (): string => join(results, 'c');
  let first: string[];
  let third: string[];
  beforeAll(async () => {
    const ra = await runInProcess([...SMALL, '--out', a()]);
    expect(ra.code).toBe(0);
    first = nextOf(ra.stdout);
    // Another suite in between: not the same suites, so never the one compared with.
    expect((await runInProcess(['--suite', 'smoke', '--trials', '5', '--out', b()])).code).toBe(0);
    const rc = await runInProcess([...SMALL, '--seed', '2', '--out', c()]);
    expect(rc.code).toBe(0);
    third = nextOf(rc.stdout);
  }, 60_000);

  it('follow the folder line: the charts of the run, and no compare without an earlier run of the suites', () => {
    expect(first).toEqual([`npm run charts -- ${a()}`]);
  });

  it('compare with the latest earlier complete run of the same suites', () => {
    expect(third).toEqual([`npm run charts -- ${c()}`, `npm run compare -- ${a()} ${c()}`]);
  });

  it('work as printed', async () => {
    for (const command of third) {
      const { stdout } = await run('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, CI: '1' } });
      expect(stdout.length, command).toBeGreaterThan(0);
    }
    expect(existsSync(join(c(), 'report.html'))).toBe(true);
    expect(existsSync(join(c(), 'compare.md'))).toBe(true);
  }, 120_000);
});

describe('commandPath', () => {
  it('names a folder inside the package root relative to it, and any other absolutely', () => {
    expect(commandPath('/p/results/x', '/p')).toBe('results/x');
    expect(commandPath('/q/results/x', '/p')).toBe('/q/results/x');
    expect(commandPath('/p', '/p')).toBe('/p');
    expect(commandPath('/p/x', null)).toBe('/p/x');
  });
});
