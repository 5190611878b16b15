// --shard and --shards: I/N from the flag or the index from a scheduler's environment (Slurm, a
// Kubernetes Indexed Job, AWS Batch); bad values exit 2 with one line naming the flag and value,
// and write nothing.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type BenchArgs } from '../../src/cli/args.ts';
import { resolveShard } from '../../src/cli/shard-env.ts';
import { runInProcess } from './cli.ts';

/** The shard flags of an argv. */
function flags(argv: string[]): Pick<BenchArgs, 'shard' | 'shards'> {
  const p = parseArgs(['--suite', 'smoke', ...argv]);
  if (p.action !== 'run') throw new Error('unreachable');
  return p.args;
}

describe('resolveShard', () => {
  it('takes I/N from --shard, and nothing without it', () => {
    expect(resolveShard(flags(['--shard', '2/5']), {})).toEqual({ index: 2, count: 5 });
    expect(resolveShard(flags(['--shard=0/1']), {})).toEqual({ index: 0, count: 1 });
    expect(resolveShard(flags([]), { SLURM_ARRAY_TASK_ID: '1' })).toBeNull();
  });

  it('takes a Slurm array task, counted from SLURM_ARRAY_TASK_MIN', () => {
    const env = { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' };
    expect(resolveShard(flags(['--shard']), env)).toEqual({ index: 2, count: 4 });
    expect(resolveShard(flags(['--shard', '--shards', '4']), env)).toEqual({ index: 2, count: 4 });
    expect(() => resolveShard(flags(['--shard', '--shards', '5']), env)).toThrow(UsageError);
  });

  it('takes a Kubernetes or AWS Batch index with --shards N', () => {
    expect(resolveShard(flags(['--shard', '--shards', '3']), { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 3 });
    expect(resolveShard(flags(['--shard', '--shards', '3']), { AWS_BATCH_JOB_ARRAY_INDEX: '0' })).toEqual({ index: 0, count: 3 });
    expect(() => resolveShard(flags(['--shard']), { JOB_COMPLETION_INDEX: '2' })).toThrow(/--shards is needed with --shard from JOB_COMPLETION_INDEX/);
  });

  it('refuses an index outside the count, a non-integer, or no index at all', () => {
    expect(() => resolveShard(flags(['--shard', '--shards', '3']), { JOB_COMPLETION_INDEX: '3' })).toThrow(/outside 0 to 2/);
    expect(() => resolveShard(flags(['--shard', '--shards', '3']), { JOB_COMPLETION_INDEX: 'x' })).toThrow(/JOB_COMPLETION_INDEX=x/);
    expect(() => resolveShard(flags(['--shard']), {})).toThrow(/none is set/);
  });
});

describe('bad --shard input', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'bench-shard-args-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each([
    [['--shard', '3/3'], /^error: --shard must be I\/N .*\(got "3\/3"\)\n$/],
    [['--shard', '0/0'], /^error: --shard must be I\/N .*\(got "0\/0"\)\n$/],
    [['--shard', 'x'], /^error: --shard must be I\/N .*\(got "x"\)\n$/],
    [['--shard', '1/2', '--shards', '3'], /^error: --shards differs from the N of --shard 1\/2 \(got 3\)\n$/],
    [['--shards', '3'], /^error: --shards needs --shard/],
    [['--shard', '0/2', '--save-baseline', 'b'], /^error: --save-baseline applies to a whole run, not to a --shard/],
    [['--shard'], /^error: --shard without I\/N needs a scheduler's array index in the environment .*none is set\n$/],
  ])('%j exits 2 with one line naming the flag, and writes nothing', async (argv, line) => {
    const out = join(tmp, 'out');
    const r = await runInProcess(['--suite', 'smoke', ...argv, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });
});
