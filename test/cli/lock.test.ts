// Tests of the result folder's lock with the real CLI: of two runs (or two resumes) started at
// once on one folder, exactly one runs and the other exits 2 naming its pid, and the rows are
// those of an uninterrupted run; a stale lock (its process gone) is taken over with a warning; a
// lock from another host or a live process is refused and nothing changes.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPid, writeLock } from '../io/lock-files.ts';
import { runInProcess, spawnCli, type CliResult } from './cli.ts';
import { snapshot } from './snapshot.ts';

/** Four points of about a second each on one thread: long enough for two runs to overlap. */
const ARGS = ['--n', '100000,200000', '--fanout', '3,5', '--split', '0.55', '--threshold', '1', '--trials', '20', '--seed', '7'];
const CSVS = ['agreement.csv', 'claims.csv', 'summary.csv', 'trials.csv'];
/** A run of a fraction of a second. */
const SMALL = ['--n', '10,100', '--fanout', '3', '--trials', '5'];

let tmp: string;
let reference: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-lock-'));
  reference = join(tmp, 'reference');
  expect((await runInProcess([...ARGS, '--threads', '2', '--out', reference])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The refusal line of a folder locked by `pid` on this host. */
function refusal(dir: string, pid: number): RegExp {
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^error: ${esc(dir)} is in use by pid ${pid} on host ${esc(hostname())} \\(bench started \\d{4}-[^)]+\\); ` +
      `wait for it or remove ${esc(join(dir, '.lock'))} if that process is gone\\n$`,
  );
}

/** Checks that of two runs exactly one completed and the other was refused naming the winner's pid. */
function oneWins(runs: { pid: number; result: CliResult }[], dir: string): void {
  const codes = runs.map((r) => r.result.code).sort();
  expect(codes, runs.map((r) => r.result.stderr).join('\n---\n')).toEqual([0, 2]);
  const winner = runs.find((r) => r.result.code === 0)!;
  const loser = runs.find((r) => r.result.code === 2)!;
  expect(loser.result.stderr).toMatch(refusal(dir, winner.pid));
  expect(loser.result.stdout).toBe('');
  for (const f of CSVS) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(reference, f), 'utf8'));
  expect(readdirSync(dir).sort(), 'the lock is released').toEqual([...CSVS, 'run.json'].sort());
}

describe('two runs started at once on one folder', () => {
  it('one runs to the end, the other exits 2 naming its pid and changes nothing', async () => {
    const dir = join(tmp, 'start');
    const args = [...ARGS, '--threads', '1', '--out', dir];
    const spawned = [spawnCli(args), spawnCli(args)];
    const runs = await Promise.all(spawned.map(async (s) => ({ pid: s.pid, result: await s.done })));
    oneWins(runs, dir);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toMatchObject({ status: 'complete' });
  }, 60_000);
});

describe('two resumes started at once on one interrupted run', () => {
  it('one resumes to the rows of an uninterrupted run, the other exits 2 naming its pid', async () => {
    const dir = join(tmp, 'resume');
    const stop = new AbortController();
    const timer = setInterval(() => {
      if (existsSync(join(dir, 'journal')) && readdirSync(join(dir, 'journal')).some((f) => f.endsWith('.json'))) stop.abort('SIGINT');
    }, 10);
    let first: CliResult;
    try {
      first = await runInProcess([...ARGS, '--threads', '1', '--out', dir], { signal: stop.signal });
    } finally {
      clearInterval(timer);
    }
    expect(first.code, first.stderr).toBe(130);
    expect(readdirSync(dir).sort(), 'the interrupted run released its lock').toEqual(['journal', 'run.json']);
    const args = [...ARGS, '--threads', '1', '--out', dir, '--resume'];
    const spawned = [spawnCli(args), spawnCli(args)];
    const runs = await Promise.all(spawned.map(async (s) => ({ pid: s.pid, result: await s.done })));
    oneWins(runs, dir);
  }, 60_000);
});

describe('a stale lock', () => {
  it('of a process that is gone is taken over with a warning, and the run completes', async () => {
    const dir = join(tmp, 'stale');
    mkdirSync(dir);
    const pid = await deadPid();
    writeLock(dir, pid);
    const result = await runInProcess([...SMALL, '--out', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: took over the stale lock of ${dir}: pid ${pid} on host ${hostname()} (bench started 2026-01-02T03:04:05.000Z) is gone\n`,
    );
    expect(readdirSync(dir).sort()).toEqual([...CSVS, 'run.json'].sort());
  });

  it('is taken over by --resume too (here of a complete run, which it then reports as such)', async () => {
    const dir = join(tmp, 'stale-resume');
    expect((await runInProcess([...SMALL, '--out', dir])).code).toBe(0);
    const pid = await deadPid();
    writeLock(dir, pid);
    const resumed = await runInProcess([...SMALL, '--out', dir, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`warning: took over the stale lock of ${dir}: pid ${pid} `);
    expect(resumed.stdout).toContain('already complete');
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});

describe('a lock that cannot be taken', () => {
  it('from another host: exit 2, one line saying it cannot be checked, nothing changed', async () => {
    const dir = join(tmp, 'other-host');
    mkdirSync(dir);
    writeLock(dir, await deadPid(), 'elsewhere.example');
    const before = snapshot(dir);
    const result = await runInProcess([...SMALL, '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toContain(`is in use by pid`);
    expect(result.stderr).toContain(`on host elsewhere.example`);
    expect(result.stderr).toContain(`cannot be checked from host ${hostname()}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('of a live process, on a fresh run and on --resume of a complete run: exit 2, nothing changed', async () => {
    const dir = join(tmp, 'live');
    expect((await runInProcess([...SMALL, '--out', dir])).code).toBe(0);
    rmSync(join(dir, 'run.json'));
    writeLock(dir, process.pid);
    const before = snapshot(dir);
    const fresh = await runInProcess([...SMALL, '--out', dir]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(refusal(dir, process.pid));
    expect(snapshot(dir)).toEqual(before);
    const resumed = await runInProcess([...SMALL, '--out', dir, '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(refusal(dir, process.pid));
    expect(snapshot(dir)).toEqual(before);
  });
});
