// Tests of interrupt and --resume in-process: an interrupted run keeps its finished points in the
// journal and says how to resume; the resume runs only the rest and gives byte-identical CSVs;
// a resume that does not match its run (arguments, code, journal) exits 2 and changes nothing.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentDifferences, codeDifferences, resumeCommand, shellQuote } from '../../src/cli/resume.ts';
import { parseArgs, type BenchArgs } from '../../src/cli/args.ts';
import { expandGrid } from '../../src/harness/grid.ts';
import { trialSeed } from '../../src/harness/seeds.ts';
import { runInProcess, type CliResult } from './cli.ts';
import { expectWholeFiles, snapshot } from './snapshot.ts';

const FAULTY = new URL('../fixtures/faulty-worker.ts', import.meta.url);

/** Six points, 30 trials each, master seed 5. */
const ARGS = ['--n', '10,100,1000', '--fanout', '3,5', '--trials', '30', '--seed', '5'];
const CSVS = ['agreement.csv', 'claims.csv', 'summary.csv', 'trials.csv'];

let tmp: string;
let reference: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-resume-'));
  reference = join(tmp, 'reference');
  expect((await runInProcess([...ARGS, '--threads', '2', '--out', reference])).code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Runs ARGS into `out` with a worker that hangs at trial 0 of point `hangAt` (n, fanout), on one
 * thread, and interrupts it with `signal` once `points` journal entries are written.
 */
async function interrupted(out: string, signal: 'SIGINT' | 'SIGTERM', points: number): Promise<CliResult> {
  const key = (expandGrid({ n: 100, fanout: 5 })[0] as { key: string }).key;
  const stop = new AbortController();
  const journal = join(out, 'journal');
  const timer = setInterval(() => {
    if (existsSync(journal) && readdirSync(journal).filter((f) => f.endsWith('.json')).length >= points) stop.abort(signal);
  }, 10);
  try {
    return await runInProcess([...ARGS, '--threads', '1', '--out', out], {
      workerUrl: FAULTY,
      workerData: { failSeed: trialSeed(5, 'adhoc', key, 0), mode: 'hang' },
      signal: stop.signal,
    });
  } finally {
    clearInterval(timer);
  }
}

/** Reads run.json of `dir`. */
function runJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
}

describe('an interrupted run', () => {
  let out: string;
  let first: CliResult;
  beforeAll(async () => {
    out = join(tmp, 'interrupted');
    first = await interrupted(out, 'SIGINT', 3);
  });

  it('exits 130, keeps the finished points in the journal, no CSV, run.json interrupted', () => {
    expect(first.code).toBe(130);
    expect(readdirSync(out).sort()).toEqual(['journal', 'run.json']);
    expect(readdirSync(join(out, 'journal')).sort()).toEqual(['adhoc.0.json', 'adhoc.1.json', 'adhoc.2.json']);
    expect(runJson(out)).toMatchObject({ status: 'interrupted', pointsDone: 3, error: { signal: 'SIGINT' } });
    expect(expectWholeFiles(out)).toEqual([]);
  });

  it('prints the exact command that resumes it', () => {
    expect(first.stderr).toContain(`resume with: npm run bench -- ${[...ARGS, '--threads', '1', '--out', out, '--resume'].join(' ')}\n`);
  });

  it('resumes with other threads and flag order into byte-identical CSVs, then says it is complete', async () => {
    const reordered = ['--fanout', '3,5', '--n=10,100,1000', '--seed', '5', '--trials', '30'];
    const second = await runInProcess([...reordered, '--threads', '2', '--out', out, '--resume']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('resuming: 3 done, 3 to run');
    for (const f of CSVS) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(reference, f), 'utf8'));
    expect(existsSync(join(out, 'journal'))).toBe(false);
    const info = runJson(out);
    expect(info).toMatchObject({ status: 'complete', argv: [...ARGS, '--threads', '1', '--out', out] });
    expect(info['pointsDone']).toBeUndefined();
    expect(info['error']).toBeUndefined();
    expect(info['resumes']).toEqual([expect.objectContaining({ threads: 2 })]);

    const before = snapshot(out);
    const third = await runInProcess([...ARGS, '--out', out, '--resume']);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('already complete');
    expect(snapshot(out)).toEqual(before);
  });
});

describe('SIGTERM', () => {
  it('exits 143 and resumes to the same rows', async () => {
    const out = join(tmp, 'sigterm');
    const first = await interrupted(out, 'SIGTERM', 1);
    expect(first.code).toBe(143);
    expect(runJson(out)).toMatchObject({ status: 'interrupted', error: { signal: 'SIGTERM' } });
    expect((await runInProcess([...ARGS, '--out', out, '--resume'])).code).toBe(0);
    expect(readFileSync(join(out, 'trials.csv'), 'utf8')).toBe(readFileSync(join(reference, 'trials.csv'), 'utf8'));
  });
});

describe('a resume that does not match its run', () => {
  let base: string;
  beforeAll(async () => {
    base = join(tmp, 'base');
    expect((await interrupted(base, 'SIGINT', 2)).code).toBe(130);
  });

  /** Copies the interrupted run, lets `edit` change the copy, resumes it with `args`; expects exit 2 naming `what`, and no change. */
  async function refused(name: string, args: string[], what: string, edit?: (dir: string) => void): Promise<void> {
    const dir = join(tmp, `refused-${name}`);
    cpSync(base, dir, { recursive: true });
    edit?.(dir);
    const before = snapshot(dir);
    const result = await runInProcess([...args, '--out', dir, '--resume']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: --resume /);
    expect(lines[0]).toContain(what);
    expect(snapshot(dir)).toEqual(before);
  }

  it.each([
    ['seed', ['--n', '10,100,1000', '--fanout', '3,5', '--trials', '30', '--seed', '6'], '--seed is 6 now but 5 in the run'],
    ['trials', ['--n', '10,100,1000', '--fanout', '3,5', '--trials', '31', '--seed', '5'], '--trials is 31 now but 30 in the run'],
    ['grid', ['--n', '10,100', '--fanout', '3,5', '--trials', '30', '--seed', '5'], '--n is 10,100 now but 10,100,1000 in the run'],
    ['split', [...ARGS, '--split', '0.6'], '--split is 0.6 now but not given in the run'],
    ['suite', ['--suite', 'smoke', '--trials', '30', '--seed', '5'], '--suite is smoke now but not given in the run'],
  ])('other arguments (%s)', async (name, args, what) => {
    await refused(name, args, what);
  });

  it('another commit', async () => {
    await refused('commit', ARGS, 'the code is at commit', (dir) => {
      const info = runJson(dir) as { git: { commit: string; shortCommit: string } };
      info.git = { ...info.git, commit: 'f'.repeat(40), shortCommit: 'fffffff' };
      writeFileSync(join(dir, 'run.json'), JSON.stringify(info));
    });
  });

  it('another package version', async () => {
    await refused('version', ARGS, 'the package version is', (dir) => {
      writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...runJson(dir), packageVersion: '0.0.1' }));
    });
  });

  it('a journal entry of another point', async () => {
    await refused('journal', ARGS, 'journal/adhoc.0.json', (dir) => {
      const path = join(dir, 'journal', 'adhoc.0.json');
      const entry = JSON.parse(readFileSync(path, 'utf8')) as { seedBase: string };
      writeFileSync(path, JSON.stringify({ ...entry, seedBase: 'x' }));
    });
  });

  it('a run.json that does not parse', async () => {
    await refused('garbled', ARGS, 'run.json cannot be read as JSON', (dir) => writeFileSync(join(dir, 'run.json'), '{"runId'));
  });

  it('a folder without a run, or no folder: exit 2, nothing created', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const a = await runInProcess([...ARGS, '--out', empty, '--resume']);
    expect([a.code, a.stderr]).toEqual([2, expect.stringContaining('holds no run.json')]);
    expect(readdirSync(empty)).toEqual([]);
    const missing = join(tmp, 'missing', 'run');
    const b = await runInProcess([...ARGS, '--out', missing, '--resume']);
    expect([b.code, b.stderr]).toEqual([2, expect.stringContaining('does not exist')]);
    expect(existsSync(join(tmp, 'missing'))).toBe(false);
    const c = await runInProcess([...ARGS, '--resume']);
    expect([c.code, c.stderr]).toEqual([2, expect.stringContaining('--resume needs --out')]);
  });
});

describe('resume rules', () => {
  const args = (argv: string[]): BenchArgs => {
    const parsed = parseArgs(argv);
    if (parsed.action !== 'run') throw new Error('expected a run');
    return parsed.args;
  };

  it('compares the arguments that define the trials, by meaning', () => {
    expect(argumentDifferences(args(['--n', '10,100', '--fanout', '3']), args(['--fanout=3', '--n', '10, 1e2', '--threads', '1', '--strict']))).toEqual([]);
    expect(argumentDifferences(args(['--suite', 'smoke']), args(['--suite', 'smoke', '--quick']))).toEqual([
      '--quick/--full is --quick now but not given in the run',
    ]);
  });

  it('compares commit and package version, and warns about a dirty tree', () => {
    const git = { commit: 'a'.repeat(40), shortCommit: 'aaaaaaa', dirty: false, branch: 'main' };
    expect(codeDifferences({ git, packageVersion: '1' }, { git, packageVersion: '1' })).toEqual({ errors: [], warnings: [] });
    const d = codeDifferences({ git: { ...git, dirty: true }, packageVersion: '1' }, { git: { ...git, commit: 'b'.repeat(40), shortCommit: 'bbbbbbb' }, packageVersion: '2' });
    expect(d.errors).toEqual([
      'the code is at commit bbbbbbb now but was at aaaaaaa in the run',
      'the package version is 2 now but was 1 in the run',
    ]);
    expect(d.warnings).toEqual([expect.stringContaining('dirty when the run started')]);
  });

  it('builds the resume command from the arguments, replacing --out', () => {
    expect(resumeCommand(['--suite', 'smoke', '--out=rel', '--seed', "it's 1"], '/abs/dir')).toBe(
      `npm run bench -- --suite smoke --seed 'it'\\''s 1' --out /abs/dir --resume`,
    );
    expect(resumeCommand(['--out', 'x', '--resume', '--n', '10'], '/d e')).toBe(`npm run bench -- --n 10 --out '/d e' --resume`);
    expect(shellQuote('a,b=c/d.e')).toBe('a,b=c/d.e');
  });
});
