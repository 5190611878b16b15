// Suites and rules from the user's own files through the bench CLI: a bad suite file gets the
// very SuiteError line a built-in suite gets; a good one runs (the rule imported by each worker)
// and run.json records each file's sha256; a rule that throws fails the run (exit 1, journal and
// seed kept); --resume refuses a suite file that changed; a missing file is bad input.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_SUITES, good } from '../fixtures/bad-suites.ts';
import { ROOT, runInProcess } from './cli.ts';

const ENGINE = pathToFileURL(join(ROOT, 'src', 'engine', 'index.ts')).href;
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-user-files-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a file into the temp folder and returns its path. */
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const RULES = `import { defineRule } from ${JSON.stringify(ENGINE)};
export const copy = defineRule({ name: 'copy-first', opinions: 2, contacts: { kind: 'distinct', fanout: 1 }, update: (own, a, c) => (c > 0 ? a[0] : own) });
export const fussy = defineRule({ name: 'fussy', opinions: 2, contacts: { kind: 'distinct' }, update: (own, a, c) => { if (c === 3) throw new Error('three'); return own; } });
`;

describe('a suite file', () => {
  it.each(BAD_SUITES)('%s: the same SuiteError line as a built-in suite, nothing created', async (_name, suite, key, value) => {
    const path = file(`${String(suite['name'])}.mjs`, `export default ${JSON.stringify(suite)};\n`);
    const out = join(tmp, 'bad', String(suite['name']));
    const r = await runInProcess(['--suite-file', path, '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`error: suite ${JSON.stringify(suite['name'])}: ${key} must be `), lines[0]).toBe(true);
    expect(lines[0]).toContain(`(got ${value})`);
    expect(existsSync(out)).toBe(false);
  });

  it('runs with a rule file, records both files with their sha256, and --resume refuses a changed suite', async () => {
    const rules = file('rules.mjs', RULES);
    const suite = file('suite.mjs', `export default ${JSON.stringify({ ...good, name: 'mine', grid: { n: [20, 40], fanout: 1, maxRounds: 500, rule: 'copy-first' } })};\n`);
    const out = join(tmp, 'run-mine');
    const args = ['--rule', rules, '--suite-file', suite, '--threads', '2', '--out', out];
    const r = await runInProcess(args);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { files: { kind: string; path: string; sha256: string }[] };
    expect(info.files.map((f) => [f.kind, f.path])).toEqual([['rule', rules], ['suite', suite]]);
    expect(info.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'trials.csv'), 'utf8')).toContain('mine,0,rule:copy-first,20,1,');
    writeFileSync(suite, readFileSync(suite, 'utf8') + '// edited\n');
    const resumed = await runInProcess([...args, '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/--suite-file .*suite\.mjs changed since the run/);
  });

  it('fails the run (exit 1, journal kept) when a rule throws, naming the rule, its inputs and the seed', async () => {
    // The file of the test above: one module, so the same rules (another file would redeclare them).
    const rules = join(tmp, 'rules.mjs');
    const suite = file('fussy.mjs', `export default ${JSON.stringify({ ...good, name: 'fussy', grid: { n: 30, fanout: 3, rule: 'fussy' } })};\n`);
    const out = join(tmp, 'run-fussy');
    const r = await runInProcess(['--rule', rules, '--suite-file', suite, '--threads', '1', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/RuleUpdateError: rule "fussy": update\(own=[01], answers=\[[01], [01], [01]\], count=3\) threw Error: three/);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { status: string; error: { seed: number | null } };
    expect(info.status).toBe('failed');
    expect(info.error.seed).not.toBeNull();
    expect(r.stderr).toContain(`seed ${info.error.seed}`);
    expect(existsSync(join(out, 'journal'))).toBe(true);
  });

  it('is bad input when missing, of another kind, or without a suite', async () => {
    const cases: [string[], RegExp][] = [
      [['--suite-file', join(tmp, 'nope.ts')], /^error: --suite-file .*nope\.ts: cannot be read/],
      [['--suite-file', file('x.txt', '')], /^error: --suite-file .*x\.txt: must be a \.ts, \.mts, \.js, \.mjs file/],
      [['--suite-file', file('empty.mjs', 'export const x = 1;\n')], /^error: --suite-file .*empty\.mjs: exports no suite/],
      [['--rule', file('norule.mjs', 'export const x = 1;\n'), '--suite', 'smoke'], /^error: --rule .*norule\.mjs: exports no rule/],
    ];
    for (const [args, message] of cases) {
      const r = await runInProcess([...args, '--out', join(tmp, 'never')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(tmp, 'never'))).toBe(false);
    }
  });
});
