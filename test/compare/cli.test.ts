// Tests of the compare command: exit codes with --fail-on-regression, the files it writes (into
// HEAD or --out), --baseline, and bad input: one line on stderr naming the file, exit 2, nothing
// written.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIAL_COLUMNS } from '../../src/io/columns.ts';
import { saveBaseline } from '../../src/results/baselines.ts';
import {
  benchSmoke,
  compareInProcess,
  copyRun,
  editFile,
  editRunJson,
  listing,
  removeDir,
  setCsvCell,
  spawnScript,
  tempDir,
  timings,
  writeSyntheticRun,
} from './helpers.ts';

let root = '';
let base = '';
let rerun = '';
let counter = 0;

/** A fresh copy of the rerun to use as HEAD. */
function freshHead(): string {
  return copyRun(rerun, join(root, `head-${counter++}`));
}

beforeAll(async () => {
  root = tempDir();
  base = join(root, 'base');
  rerun = join(root, 'rerun');
  await Promise.all([benchSmoke(base, 1), benchSmoke(rerun, 1)]);
});

afterAll(() => removeDir(root));

describe('compare exit codes and outputs', () => {
  it('exits 0 with --fail-on-regression on an identical-seed rerun, writing compare.csv and compare.md into HEAD', async () => {
    const head = freshHead();
    const r = await compareInProcess([base, head, '--fail-on-regression']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No behaviour change');
    const md = readFileSync(join(head, 'compare.md'), 'utf8');
    expect(md).toContain('**No behaviour change.**');
    const csv = readFileSync(join(head, 'compare.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toMatch(/^kind,suite,protocol,n,fanout,/);
    expect(csv).toHaveLength(1 + 6);
    expect(csv.slice(1).every((l) => l.startsWith('behaviour,smoke,') && l.includes(',exact,') && l.includes(',unchanged,'))).toBe(true);
    expect(listing(head).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 1 with --fail-on-regression on an altered trial, and 0 without the flag', async () => {
    const head = freshHead();
    setCsvCell(head, 'trials.csv', 7, 'rounds', (v) => String(Number(v) + 2));
    const gated = await compareInProcess([base, head, '--fail-on-regression']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('Behaviour changed in 1 point');
    expect(readFileSync(join(head, 'compare.md'), 'utf8')).toContain('trial 7 (seed ');
    expect((await compareInProcess([base, head])).code).toBe(0);
  });

  it('exits 1 with --fail-on-regression on a significant slowdown beyond --threshold', async () => {
    const a = await writeSyntheticRun(join(root, 'tp-a'), [{ n: 1000, fanout: 3, samples: timings(20, 0.03, 200, 'a') }]);
    const b = await writeSyntheticRun(join(root, 'tp-b'), [{ n: 1000, fanout: 3, samples: timings(22, 0.03, 200, 'b') }]);
    expect((await compareInProcess([a, b, '--fail-on-regression'])).code).toBe(1);
    expect((await compareInProcess([a, b, '--fail-on-regression', '--threshold', '0.2'])).code).toBe(0);
  });

  it('writes into --out instead of HEAD', async () => {
    const head = freshHead();
    const out = join(root, 'out-dir', 'nested');
    const r = await compareInProcess([base, head, '--out', out]);
    expect(r.code).toBe(0);
    expect(listing(out)).toEqual(['compare.csv', 'compare.md']);
    expect(existsSync(join(head, 'compare.md'))).toBe(false);
  });

  it('compares against a saved baseline with --baseline NAME', async () => {
    const results = join(root, 'results');
    await saveBaseline(base, results, 'main');
    const head = freshHead();
    const r = await compareInProcess(['--baseline', 'main', head, '--fail-on-regression'], results);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No behaviour change');
    const missing = await compareInProcess(['--baseline', 'nope', head], results);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*baselines[/\\]nope: no baseline named "nope" \(saved baselines: main\)\n$/);
  });

  it('runs as a script (npm run compare) with the same exit codes', async () => {
    const head = freshHead();
    const ok = await spawnScript('scripts/compare.ts', [base, head, '--fail-on-regression']);
    expect(ok.code).toBe(0);
    setCsvCell(head, 'trials.csv', 0, 'winner', () => '');
    const bad = await spawnScript('scripts/compare.ts', [base, head, '--fail-on-regression']);
    expect(bad.code).toBe(1);
  });
});

describe('bad input: exit 2, one line naming the file, nothing written', () => {
  /** Runs compare with HEAD broken by `breakIt`; checks exit 2, one stderr line, no new file. */
  async function rejects(breakIt: (head: string) => string | void, pattern: RegExp, args: (head: string) => string[] = (h) => [base, h]) {
    const head = freshHead();
    const target = breakIt(head) ?? head;
    const before = existsSync(head) ? listing(head) : [];
    const baseBefore = listing(base);
    const r = await compareInProcess([...args(target), '--fail-on-regression']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toMatch(pattern);
    expect(existsSync(head) ? listing(head) : []).toEqual(before);
    expect(listing(base)).toEqual(baseBefore);
  }

  it('a folder that does not exist', async () => {
    await rejects((h) => join(h, 'missing'), /^error: .*missing: no such folder$/m);
  });

  it('a folder without run.json', async () => {
    await rejects((h) => rmSync(join(h, 'run.json')), /^error: .*head-\d+: not a run folder \(no run\.json\)$/m);
  });

  it('run.json with another schemaVersion', async () => {
    await rejects((h) => editRunJson(h, (j) => (j.schemaVersion = 2)), /^error: .*run\.json: unsupported schemaVersion 2/m);
  });

  it('run.json that is not JSON', async () => {
    await rejects((h) => writeFileSync(join(h, 'run.json'), '{"runId": '), /^error: .*run\.json: invalid JSON/m);
  });

  it('a CSV missing a required column', async () => {
    await rejects(
      (h) => editFile(h, 'trials.csv', (t) => t.replace(/^(.*),messages,/m, '$1,msgs,')),
      /^error: .*trials\.csv: missing required column messages$/m,
    );
  });

  it('a truncated CSV: last line cut short', async () => {
    await rejects(
      (h) => editFile(h, 'trials.csv', (t) => `${t.slice(0, t.length - 20)}\n`),
      new RegExp(`^error: .*trials\\.csv: truncated: the last row \\(row 300\\) has \\d+ of ${TRIAL_COLUMNS.length} fields$`, 'm'),
    );
  });

  it('a truncated CSV: no newline at the end', async () => {
    await rejects((h) => editFile(h, 'summary.csv', (t) => t.slice(0, -1)), /^error: .*summary\.csv: truncated: no newline at the end of the file$/m);
  });

  it('a broken BASE is named too', async () => {
    const brokenBase = copyRun(base, join(root, `broken-base-${counter++}`));
    editFile(brokenBase, 'summary.csv', (t) => t.slice(0, -1));
    await rejects(
      () => undefined,
      /^error: .*broken-base-\d+[/\\]summary\.csv: truncated/m,
      (h) => [brokenBase, h],
    );
  });

  it('bad flags and arguments', async () => {
    await rejects(() => undefined, /^error: --threshold must be a fraction in \[0, 1\), e\.g\. 0\.05 \(got "1\.5"\)$/m, (h) => [base, h, '--threshold', '1.5']);
    await rejects(() => undefined, /^error: expected two run folders, BASE and HEAD \(got 1 argument; see --help\)$/m, (h) => [h]);
    await rejects(() => undefined, /^error: .*--bogus/m, (h) => [base, h, '--bogus']);
    await rejects(() => undefined, /^error: .*"bad name!".*baseline name/m, (h) => ['--baseline', 'bad name!', h]);
  });

  it('an --out that cannot be created is reported as bad input', async () => {
    const blocker = join(root, `blocker-${counter++}`);
    writeFileSync(blocker, 'a file, not a folder');
    await rejects(() => undefined, /^error: .*blocker-\d+[/\\]out: cannot write compare\.csv and compare\.md/m, (h) => [base, h, '--out', join(blocker, 'out')]);
  });
});

describe('help', () => {
  it('prints the usage and exits 0', async () => {
    const r = await compareInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: compare BASE HEAD');
  });
});
