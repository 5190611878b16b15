// Tests of bad input through the real CLI: each case exits 2 with one `error:` line naming the
// flag and the value, no stack trace, and no files (the --out folder is not even created).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-bad-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** [name, args (before --out), the flag the error line must name, a value it must show]. */
const CASES: [string, string[], string, string][] = [
  ['unknown suite', ['--suite', 'smoke,nope'], '--suite', '"nope"'],
  ['unknown flag', ['--suite', 'smoke', '--bogus'], '--bogus', ''],
  ['malformed list', ['--n', '10,,x', '--fanout', '3'], '--n', '"10,,x"'],
  ['n < 2', ['--n', '10,1', '--fanout', '3'], '--n', '(got 1)'],
  ['non-integer n', ['--n', '10.5', '--fanout', '3'], '--n', '(got 10.5)'],
  ['non-integer fanout', ['--n', '10', '--fanout', '2.5'], '--fanout', '(got 2.5)'],
  ['fanout < 1', ['--n', '10', '--fanout', '0'], '--fanout', '(got 0)'],
  ['threshold 0', ['--n', '10', '--fanout', '3', '--threshold', '0'], '--threshold', '(got 0)'],
  ['threshold > 1', ['--n', '10', '--fanout', '3', '--threshold', '1.5'], '--threshold', '(got 1.5)'],
  ['split > 1', ['--n', '10', '--fanout', '3', '--split', '1.2'], '--split', '(got 1.2)'],
  ['split < 0', ['--n', '10', '--fanout', '3', '--split=-0.1'], '--split', '(got -0.1)'],
  ['trials < 1', ['--suite', 'smoke', '--trials', '0'], '--trials', '(got 0)'],
  ['threads < 1', ['--suite', 'smoke', '--threads', '0'], '--threads', '(got 0)'],
  ['max-rounds < 1', ['--n', '10', '--fanout', '3', '--max-rounds', '0'], '--max-rounds', '(got 0)'],
  ['bad start', ['--n', '10', '--fanout', '3', '--start', 'sideways'], '--start', '"sideways"'],
  ['crash 1', ['--n', '10', '--fanout', '3', '--crash', '1'], '--crash', '(got 1)'],
  ['missing fanout', ['--n', '10'], '--fanout', 'required'],
  ['suite with ad hoc flags', ['--suite', 'smoke', '--n', '10'], '--suite', '--n'],
  ['quick and full', ['--quick', '--full'], '--quick', '--full'],
];

/** Checks the common promises of bad input: exit 2, one error line naming the flag, no stack. */
function expectUsageError(result: { code: number | null; stdout: string; stderr: string }, flag: string, value: string): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toContain(flag);
  expect(lines[0]).toContain(value);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('bad input', () => {
  it.concurrent.each(CASES)('%s: exits 2 naming the flag, creates nothing', async (name, args, flag, value) => {
    const out = join(tmp, name.replace(/\W+/g, '-'), 'out');
    const result = await runCli([...args, '--out', out]);
    expectUsageError(result, flag, value);
    expect(existsSync(join(out, '..'))).toBe(false);
  });

  it.concurrent('an --out path under a regular file', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const result = await runCli(['--suite', 'smoke', '--out', join(file, 'sub')]);
    expectUsageError(result, '--out', 'a-file');
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it.concurrent('an --out folder that already holds a run.json', async () => {
    const dir = join(tmp, 'used');
    mkdirSync(dir);
    writeFileSync(join(dir, 'run.json'), '{"old":true}');
    const result = await runCli(['--suite', 'smoke', '--out', dir]);
    expectUsageError(result, '--out', 'run.json');
    expect(readdirSync(dir)).toEqual(['run.json']);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('{"old":true}');
  });
});
