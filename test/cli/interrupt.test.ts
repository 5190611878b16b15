// Interrupts real runs of the CLI (`node --import tsx src/cli/bench.ts`, a subprocess) at random
// moments drawn from a seeded generator, with SIGINT, SIGTERM and SIGKILL, then checks that every
// file left parses whole and that `--resume` gives the trial rows of an uninterrupted run, byte
// for byte. A few SIGKILLs land during start-up, before run.json exists. Quick by default (about
// 22 interrupts); GOSSIP_RELIABILITY_FULL=1 runs 80.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runInProcess } from './cli.ts';
import { expectWholeFiles } from './snapshot.ts';

const FULL = process.env['GOSSIP_RELIABILITY_FULL'] === '1';
/** Twelve points of 60 trials, finishing one every ~0.05 s on one thread (about 0.6 s of work). */
const ARGS = ['--n', '3000,4000,5000,6000,7000,8000', '--fanout', '3,5', '--trials', '60', '--seed', '11'];
const CSVS = ['agreement.csv', 'claims.csv', 'summary.csv', 'trials.csv'];

type Kill = 'SIGINT' | 'SIGTERM' | 'SIGKILL' | 'SIGKILL-early';
const PLAN: Kill[] = [
  ...Array<Kill>(FULL ? 30 : 10).fill('SIGINT'),
  ...Array<Kill>(FULL ? 30 : 10).fill('SIGKILL'),
  ...Array<Kill>(FULL ? 10 : 1).fill('SIGTERM'),
  ...Array<Kill>(FULL ? 10 : 1).fill('SIGKILL-early'),
];
/** Runs at a time (each killed run on one worker thread, so its points finish one by one). */
const LANES = 2;

/** A running CLI: its process, a promise of the start line, and of its end. */
interface Bench {
  child: ChildProcess;
  started: Promise<number>;
  ended: Promise<Ended>;
}

/** How a CLI run ended, and when (performance.now()). */
interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  at: number;
}

const children = new Set<ChildProcess>();

/** Spawns the CLI with `args`; `started` resolves (with the time) when it prints its `[bench]` start line. */
function spawnBench(args: readonly string[]): Bench {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let onStart: (t: number) => void = () => undefined;
  const started = new Promise<number>((resolve) => (onStart = resolve));
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    if (stderr.includes('[bench] adhoc')) onStart(performance.now());
  });
  const ended = new Promise<Ended>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const at = performance.now();
      children.delete(child);
      onStart(at);
      resolve({ code, signal, stdout, stderr, at });
    });
  });
  return { child, started, ended };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let tmp: string;
let reference: string;
/**
 * Lengths (ms from the start line to the exit) of runs that finished before their kill, the
 * calibration runs first. Their median scales the random delays, so they follow the machine's load.
 */
const lengths: number[] = [];
/** The median of the last ten run lengths. */
function runMs(): number {
  const recent = lengths.slice(-10).sort((a, b) => a - b);
  return recent[Math.floor(recent.length / 2)] as number;
}
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-interrupt-'));
  reference = join(tmp, 'reference');
  // Calibration under the test's own load: LANES uninterrupted runs at once, as the killed runs
  // go; the random delays span their length, so kills land all along a run.
  const runs = Array.from({ length: LANES }, (_, k) => spawnBench([...ARGS, '--threads', '1', '--out', `${reference}-${k}`]));
  for (const bench of runs) {
    const [start, end] = await Promise.all([bench.started, bench.ended]);
    expect(end.code, end.stderr).toBe(0);
    lengths.push(end.at - start);
  }
  reference = `${reference}-0`;
  for (let k = 1; k < LANES; k++) {
    for (const f of CSVS) expect(readFileSync(join(`${join(tmp, 'reference')}-${k}`, f), 'utf8')).toBe(readFileSync(join(reference, f), 'utf8'));
  }
}, 60_000);
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

/** What one interrupt did. */
interface Outcome {
  kill: Kill;
  delayMs: number;
  /** Status of run.json after the kill (`none` without one). */
  status: string;
  pointsKept: number;
  temps: number;
}

/**
 * Interrupts one run after `fraction` of a run's length from its start line (or of 600 ms from
 * its spawn for an early SIGKILL), checks what is left, resumes it and checks the rows.
 */
async function cycle(i: number, kill: Kill, fraction: number): Promise<Outcome> {
  const dir = join(tmp, `run-${i}`);
  const args = [...ARGS, '--threads', '1', '--out', dir];
  const bench = spawnBench(args);
  const delayMs = fraction * (kill === 'SIGKILL-early' ? 600 : runMs());
  const label = `run ${i} (${kill} after ${delayMs.toFixed(0)} ms)`;
  const start = kill === 'SIGKILL-early' ? performance.now() : await bench.started;
  await sleep(delayMs);
  bench.child.kill(kill === 'SIGKILL-early' ? 'SIGKILL' : kill);
  const end = await bench.ended;
  if (end.code === 0 && kill !== 'SIGKILL-early') lengths.push(end.at - start);

  // Whatever is left parses whole (temp files of a killed atomic write aside).
  const temps = existsSync(dir) ? expectWholeFiles(dir) : [];
  const hasRun = existsSync(join(dir, 'run.json'));
  const info = hasRun ? (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string; pointsDone?: number }) : null;
  const status = info?.status ?? 'none';
  if (status === 'complete') {
    // Finished before the signal, or killed while exiting after the complete run.json.
    expect(end.code === 0 || end.signal !== null, `${label}: ${end.stderr}`).toBe(true);
  } else if (kill === 'SIGINT' || kill === 'SIGTERM') {
    expect([end.code, status], `${label}: ${end.stderr}`).toEqual([kill === 'SIGINT' ? 130 : 143, 'interrupted']);
    expect(end.stderr, label).toContain(`resume with: npm run bench -- ${args.join(' ')} --resume\n`);
  } else {
    expect(end.signal, `${label}: ${end.stderr}`).toBe('SIGKILL');
  }
  if (kill !== 'SIGKILL-early') expect(hasRun, `${label}: run.json is written before the start line`).toBe(true);
  if (kill !== 'SIGKILL' && kill !== 'SIGKILL-early') expect(temps, label).toEqual([]);
  const journal = existsSync(join(dir, 'journal')) ? readdirSync(join(dir, 'journal')).filter((f) => f.endsWith('.json')) : [];
  if (status === 'interrupted') {
    // An interrupted run has no CSV; the journal holds the finished points. (A SIGKILL while the
    // final files are written may leave some whole CSVs beside a run.json still `running`.)
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')), label).toEqual([]);
    expect(journal.length, label).toBe(info?.pointsDone);
  }

  // Resume, or start again when no run.json was written: every third time with the CLI on two
  // threads (results do not depend on it), else in-process on one (the same runBench, without the
  // subprocess's start-up, to keep the test short).
  const again = (threads: string): string[] => [...ARGS, '--threads', threads, '--out', dir, ...(hasRun ? ['--resume'] : [])];
  const resumed = i % 3 === 0 ? await spawnBench(again('2')).ended : await runInProcess(again('1'));
  expect(resumed.code, `${label}, resumed: ${resumed.stderr}`).toBe(0);
  if (status === 'complete') expect(resumed.stdout, label).toContain('already complete');
  for (const f of CSVS) expect(readFileSync(join(dir, f), 'utf8'), `${label}: ${f}`).toBe(readFileSync(join(reference, f), 'utf8'));
  // A SIGKILL between the complete run.json and the journal's removal leaves the (redundant) journal.
  const left = readdirSync(dir).filter((f) => !(f === 'journal' && status === 'complete' && kill.startsWith('SIGKILL')));
  expect(left.sort(), label).toEqual([...CSVS, 'run.json'].sort());
  expect((JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string }).status, label).toBe('complete');
  rmSync(dir, { recursive: true, force: true });
  return { kill, delayMs, status, pointsKept: journal.length, temps: temps.length };
}

describe('interrupting real runs', () => {
  it(
    `survives ${PLAN.length} interrupts at random moments and resumes to the same rows`,
    async () => {
      const random = seedrandom('gossip-bench interrupt test');
      // Delays over a run's length and a little past it (from the start line), or over start-up.
      // (SIGTERM, run only once in quick mode, early in a run, so it interrupts; the early
      // SIGKILL within 600 ms of the spawn, before the start line.)
      const span = { SIGINT: 1.15, SIGKILL: 1.15, SIGTERM: 0.3, 'SIGKILL-early': 1 };
      const cycles = PLAN.map((kill, i) => ({ i, kill, fraction: random() * span[kill] }));
      const outcomes: Outcome[] = [];
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < cycles.length) {
          const c = cycles[next++] as (typeof cycles)[number];
          outcomes.push(await cycle(c.i, c.kill, c.fraction));
        }
      };
      await Promise.all(Array.from({ length: LANES }, lane));
      const midRun = outcomes.filter((o) => o.status !== 'complete');
      const by = (k: Kill): string =>
        `${k}: ${outcomes.filter((o) => o.kill === k).length} (${midRun.filter((o) => o.kill === k).length} mid-run, ` +
        `${outcomes.filter((o) => o.kill === k && o.status === 'none').length} before run.json)`;
      console.log(
        `[interrupt test] run length ${lengths.map((x) => x.toFixed(0)).join(',')} ms; ${(['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGKILL-early'] as const).map(by).join('; ')}; ` +
        `points kept ${midRun.map((o) => o.pointsKept).join(',')}; temp files left by SIGKILL ${outcomes.reduce((s, o) => s + o.temps, 0)}`,
      );
      // The seeded delays must actually interrupt runs (not only finished ones), keeping points.
      for (const kill of ['SIGINT', 'SIGKILL'] as const) expect(midRun.some((o) => o.kill === kill), kill).toBe(true);
      expect(midRun.some((o) => o.pointsKept > 0)).toBe(true);
    },
    FULL ? 900_000 : 150_000,
  );
});
