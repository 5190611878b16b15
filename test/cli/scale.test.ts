// `npm run scale`: one large trial on several threads, its flags and its refusals.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planTrial, runPlan } from '../../src/engine/index.ts';
import { ROOT } from './cli.ts';

const run = async (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/scale.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('scale', () => {
  it('runs a trial on a random regular graph over two threads, blocked, with the one-thread result', async () => {
    const r = await run(['--n', '200000', '--threads', '2', '--topology', 'regular', '--degree', '8', '--blocked', 'on', '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ n: 200_000, topology: 'regular', degree: 8, layout: 'bytes', kernel: 'majority-graph-blocked', threads: 2 });
    const expected = runPlan(planTrial({ n: 200_000, fanout: 5, split: 0.7, threshold: 0.95, maxRounds: 100, topology: 'regular', degree: 8 }), '3', { blocked: false });
    expect(out['rounds']).toBe(expected.rounds);
    expect(out['messages']).toBe(expected.messages);
    expect(out['converged']).toBe(expected.converged);
  });

  it('refuses a bad flag with one line naming it, exit 2', async () => {
    for (const [args, message] of [
      [['--n', '1000', '--blocked', 'maybe'], '--blocked must be auto, on or off (got "maybe")'],
      [['--n', '1000', '--topology', 'moon'], '--topology must be'],
      [['--n', '1001', '--topology', 'regular', '--degree', '7'], '--degree must be'],
    ] as const) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(message);
    }
  });
});
