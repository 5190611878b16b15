// SLOW (about 40-60 s, one pack shared by every case): the installed package. `npm pack` (which
// builds dist/ through prepack), `npm install <tarball>` into an empty temporary folder (offline
// from the npm cache when it can), then there: the bin runs a built-in suite and gives the very
// trials.csv the repository gives, a suite file runs with a rule file (and --resume refuses the
// rule once it changed), `charts` draws a run, and a TypeScript file importing 'gossip-bench'
// type-checks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runInProcess } from '../cli/cli.ts';

const TIMEOUT = 300_000;
let work = '';
let app = '';

/** Runs `npx gossip-bench ...args` in the installed folder. */
function gossipBench(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['--no-install', 'gossip-bench', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: TIMEOUT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(os.tmpdir(), 'gossip-bench-pack-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT }).trim().split('\n').pop()!;
  app = join(work, 'app');
  execFileSync('mkdir', [app]);
  // No "type": "module": the .ts files of this folder are CommonJS, the harder case for tsx.
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'gossip-bench-user', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed)], { cwd: app, timeout: TIMEOUT });
  for (const f of ['majority-rule.ts', 'majority-suite.ts', 'voter.ts', 'undecided-state.ts', 'median.ts']) cpSync(join(ROOT, 'examples', f), join(app, f));
}, TIMEOUT);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the installed package (slow: packs and installs once)', () => {
  it('holds compiled code, fonts and docs, and no sources or tests', () => {
    const pkg = join(app, 'node_modules', 'gossip-bench');
    expect(existsSync(join(pkg, 'dist', 'src', 'harness', 'worker.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'src', 'lib', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(pkg, 'assets', 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(pkg, 'test'))).toBe(false);
  });

  it('runs `gossip-bench bench --suite smoke` on compiled workers: the trials of the repository, byte for byte', async () => {
    const r = gossipBench(['bench', '--suite', 'smoke', '--threads', '2', '--out', 'run-smoke']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const repoRun = join(work, 'repo-smoke');
    expect((await runInProcess(['--suite', 'smoke', '--threads', '1', '--out', repoRun])).code).toBe(0);
    expect(readFileSync(join(app, 'run-smoke', 'trials.csv'), 'utf8')).toBe(readFileSync(join(repoRun, 'trials.csv'), 'utf8'));
  }, TIMEOUT);

  it('runs a suite file with a rule file, records their hashes, and refuses --resume once the rule changed', () => {
    const args = ['bench', '--rule', 'majority-rule.ts', '--suite-file', 'majority-suite.ts', '--threads', '2', '--out', 'run-rule'];
    const r = gossipBench(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rule seed-majority');
    const info = JSON.parse(readFileSync(join(app, 'run-rule', 'run.json'), 'utf8')) as { files: { kind: string; path: string; sha256: string }[] };
    expect(info.files.map((f) => [f.kind, f.path])).toEqual([
      ['rule', join(app, 'majority-rule.ts')],
      ['suite', join(app, 'majority-suite.ts')],
    ]);
    expect(info.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(readFileSync(join(app, 'run-rule', 'summary.csv'), 'utf8')).toContain(',rule:seed-majority,');
    appendFileSync(join(app, 'majority-rule.ts'), '\n// changed\n');
    const resumed = gossipBench([...args, '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/--rule .*majority-rule\.ts changed since the run/);
  }, TIMEOUT);

  it('draws the charts of a run with `gossip-bench charts` (fonts found in the installed package)', () => {
    const r = gossipBench(['charts', 'run-smoke', '--no-png']);
    expect(r.code).toBe(0);
    expect(existsSync(join(app, 'run-smoke', 'report.html'))).toBe(true);
    expect(existsSync(join(app, 'run-smoke', 'charts', 'rounds-vs-n.svg'))).toBe(true);
  }, TIMEOUT);

  it('type-checks TypeScript that imports gossip-bench (the types resolve) and the examples', () => {
    writeFileSync(
      join(app, 'check.ts'),
      [
        "import { defineRule, defineSuite, GossipProtocol, loadRun, runTrial, type ProposalResult, type RunData, type TrialResult } from 'gossip-bench';",
        "const rule = defineRule({ name: 'keep', opinions: 2, contacts: { kind: 'with-replacement', count: 2 }, update: (own: number) => own });",
        'const result: TrialResult = runTrial({ n: 100, fanout: 3, rule }, 1);',
        "defineSuite({ name: 'keep', description: 'x', grid: { n: 100, fanout: 1, rule }, trials: 1, claims: [] });",
        "const decision: ProposalResult = new GossipProtocol({ fanout: 3, rounds: 10 }).propose({ proposalId: 'p', votes: { a: 'for', b: 'for' } });",
        "const run: Promise<RunData> = loadRun('somewhere');",
        '// @ts-expect-error n must be a number',
        "runTrial({ n: 'ten', fanout: 3 }, 1);",
        '// @ts-expect-error contacts must be distinct or with-replacement',
        "defineRule({ name: 'bad', opinions: 2, contacts: { kind: 'push' }, update: (own: number) => own });",
        'export { result, decision, run };',
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--typeRoots', join(ROOT, 'node_modules', '@types'), '--types', 'node', '--skipLibCheck'];
    const r = spawnSync(process.execPath, [tsc, ...flags, 'check.ts', 'voter.ts', 'undecided-state.ts', 'median.ts', 'majority-rule.ts', 'majority-suite.ts'], { cwd: app, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The check can fail: a wrong type is reported.
    writeFileSync(join(app, 'wrong.ts'), "import { runTrial } from 'gossip-bench';\nrunTrial({ n: 10, fanout: 'three' }, 1);\n");
    expect(spawnSync(process.execPath, [tsc, ...flags, 'wrong.ts'], { cwd: app, encoding: 'utf8' }).status).not.toBe(0);
  }, TIMEOUT);
});
